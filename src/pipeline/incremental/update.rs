//! Updating a kept build after content changed: which files to parse
//! again, the quick path for an edit of article bodies only, and which
//! pages a general update renders again.

use super::{
    Build, Parsed, Rebuild, Scope, State, live_pages, parse_into_map, render_everything, site_wide,
};
use crate::discover::SourcePage;
use crate::error::Result;
use crate::output::{Memory, Output};
use crate::pipeline::BuildOptions;
use crate::pipeline::changes::Changes;
use crate::pipeline::clock::Clock;
use crate::pipeline::stages::{self, Assembled, Plan, assemble_and_plan};
use crate::site::diff::{self, Affected};
use crate::site::{PageId, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl Build {
    pub(super) fn update_content(&mut self, changes: &Changes) -> Result<Rebuild> {
        // Whatever this update renders, it writes the site-wide outputs (now or deferred).
        self.site_wide_pending = false;
        let mut clock = Clock::start();
        let state = self.state.as_mut().expect("checked by update");
        let root = state.setup.config.root.clone();
        let rediscover = changes.may_add_or_remove(&root, &state.discovered);
        if rediscover {
            (state.discovered, state.records) = stages::find(&state.setup.config);
            let listed: BTreeSet<&Path> = state
                .discovered
                .pages
                .iter()
                .map(|p| p.path.as_path())
                .collect();
            state
                .parsed
                .retain(|path, _| listed.contains(path.as_path()));
        }
        clock.lap("discover");
        let reparsed = parse_into_map(&root, &to_parse(state, changes, rediscover));
        clock.lap("parse");
        if !rediscover
            && changes.files.is_empty()
            && self.output_current
            && let Some(rebuild) = Self::body_only(
                state,
                reparsed.clone(),
                &self.output,
                &self.options,
                self.defer_site_wide,
            )?
        {
            clock.lap("render");
            self.site_wide_pending = self.defer_site_wide;
            let mut rebuild = self.finish(clock, rebuild.0, rebuild.1);
            rebuild.changed = changes.paths();
            return Ok(rebuild);
        }
        state.parsed.extend(reparsed);

        let (
            Assembled {
                site,
                diagnostics: site_diagnostics,
                ..
            },
            mut new_plan,
        ) = assemble_and_plan(
            &state.setup,
            live_pages(&state.parsed),
            (&state.discovered, &state.records),
            &self.options,
        )?;
        clock.lap("assemble and validate");

        let affected = affected(&state.site, &site, changes, self.output_current);
        let (rendered, scope) = self.render_affected(affected, &site, &mut new_plan, changes)?;
        clock.lap("render");
        let state = self.state.as_mut().expect("checked by update");
        state.site = Arc::new(site);
        state.site_diagnostics = site_diagnostics;
        state.plan = new_plan;
        self.output_current = true;
        let mut rebuild = self.finish(clock, rendered, scope);
        rebuild.changed = changes.paths();
        Ok(rebuild)
    }

    /// Renders the pages a general update affects into the kept output (or
    /// everything into a fresh one), with the site-wide outputs. Returns how
    /// many pages were rendered and which.
    fn render_affected(
        &mut self,
        affected: Affected,
        site: &Site,
        new_plan: &mut Plan,
        changes: &Changes,
    ) -> Result<(usize, Scope)> {
        let state = self.state.as_mut().expect("checked by update");
        let root = state.setup.config.root.clone();
        let today = self.options.today;
        Ok(match affected {
            Affected::All => {
                let old_site = state.site.clone();
                let old_output = &self.output;
                let fresh = Memory::default();
                let reuse = |file: &crate::site::CopiedFile| {
                    let unchanged = !changes.touches(&file.source)
                        && old_site.files.binary_search(file).is_ok();
                    unchanged
                        .then(|| old_output.get(&old_site.urls.output_path(&file.url)))
                        .flatten()
                };
                state.facts =
                    render_everything(site, &state.setup, new_plan, today, &fresh, &reuse)?;
                state.site_wide_diagnostics =
                    site_wide(site, new_plan, &state.facts, today, &fresh)?;
                self.output = fresh;
                (site.pages.len(), Scope::Everything)
            }
            Affected::Pages(ids) => {
                let facts =
                    stages::render_pages(site, &state.setup, new_plan, today, &ids, &self.output)?;
                for (&id, page_facts) in ids.iter().zip(facts) {
                    state.facts[id] = page_facts;
                }
                for file in site.files.iter().filter(|f| changes.touches(&f.source)) {
                    self.output
                        .copy(&site.urls.output_path(&file.url), &root.join(&file.source))?;
                }
                if self.defer_site_wide {
                    self.site_wide_pending = true;
                } else {
                    state.site_wide_diagnostics =
                        site_wide(site, new_plan, &state.facts, today, &self.output)?;
                }
                let urls = ids.iter().map(|&id| site.pages[id].url.clone()).collect();
                (ids.len(), Scope::Pages(urls))
            }
        })
    }

    /// The common edit while writing: only the Markdown body of known
    /// articles changed, their front matter is byte for byte as it was. The
    /// site model then stays as it is (titles, dates, tags, lists,
    /// translations and the checks that read front matter all come from
    /// it): each page gets its new text and is rendered again, without
    /// assembling and validating the whole site. `None` when the edit is
    /// anything else (the caller then does the general update).
    fn body_only(
        state: &mut State,
        reparsed: BTreeMap<PathBuf, Parsed>,
        output: &Memory,
        options: &BuildOptions,
        defer_site_wide: bool,
    ) -> Result<Option<(usize, Scope)>> {
        let mut ids = Vec::new();
        for (path, new) in &reparsed {
            let (Some(old), Some(new_page)) = (state.parsed.get(path), &new.page) else {
                return Ok(None);
            };
            let Some(old_page) = &old.page else {
                return Ok(None);
            };
            let same_front_matter = old_page.text[..old_page.body_start]
                == new_page.text[..new_page.body_start]
                && old.diagnostics == new.diagnostics;
            let Some(id) = state.site.page_for_source(path) else {
                return Ok(None);
            };
            let is_alert = state.site.page(id).meta.alert.is_some();
            if !same_front_matter || is_alert {
                return Ok(None);
            }
            ids.push(id);
        }
        // The preview's current snapshot shares the model, so this copies
        // it; pages and the URL sets are shared, so the copy costs a few
        // milliseconds on 10,000 articles, and only the edited pages are
        // copied for real.
        let site = Arc::make_mut(&mut state.site);
        for (path, new) in &reparsed {
            if let (Some(id), Some(page)) = (site.page_for_source(path), &new.page) {
                Arc::make_mut(&mut site.pages[id]).source = Some(page.clone());
            }
        }
        state.parsed.extend(reparsed);
        ids.sort_unstable();
        ids.dedup();
        let today = options.today;
        let facts =
            stages::render_pages(&state.site, &state.setup, &state.plan, today, &ids, output)?;
        for (&id, page_facts) in ids.iter().zip(facts) {
            state.facts[id] = page_facts;
        }
        if !defer_site_wide {
            state.site_wide_diagnostics =
                site_wide(&state.site, &mut state.plan, &state.facts, today, output)?;
        }
        let urls = ids
            .iter()
            .map(|&id| state.site.pages[id].url.clone())
            .collect();
        Ok(Some((ids.len(), Scope::Pages(urls))))
    }
}

/// The files an update parses again: changed files, and (after discovery
/// ran again) files discovery found that were never parsed.
fn to_parse(state: &State, changes: &Changes, rediscover: bool) -> Vec<SourcePage> {
    if rediscover {
        // Changed files, and files discovery found that were never parsed.
        state
            .discovered
            .pages
            .iter()
            .filter(|p| changes.markdown.contains(&p.path) || !state.parsed.contains_key(&p.path))
            .cloned()
            .collect()
    } else {
        // Only known files changed (see `may_add_or_remove`).
        changes
            .markdown
            .iter()
            .filter_map(|path| {
                let pages = &state.discovered.pages;
                let at = pages
                    .binary_search_by(|p| p.path.as_path().cmp(path))
                    .ok()?;
                Some(pages[at].clone())
            })
            .collect()
    }
}

/// The pages whose view of the site changed between `old` and `new`, or
/// all of them (the output may be stale, or an alert changed).
fn affected(old: &Site, new: &Site, changes: &Changes, output_current: bool) -> Affected {
    // An alert shows as a banner on every page of its language.
    let touches_alert = |s: &Site| {
        changes.markdown.iter().any(|p| {
            s.page_for_source(p)
                .is_some_and(|id| s.page(id).meta.alert.is_some())
        })
    };
    // A changed photo gets new copies (other widths, maybe) and leaves old
    // ones behind: the output is made afresh, the copies from the cache.
    let touches_photo = new.files.iter().any(|f| {
        changes.touches(&f.source)
            && crate::renditions::Format::of(&f.source).is_some_and(|f| f.is_resized())
    });
    if output_current && !touches_alert(old) && !touches_alert(new) && !touches_photo {
        match diff::affected(old, new) {
            Affected::Pages(mut ids) => {
                // A changed image may be a page's cover: its share card, and so
                // the page's `og:image` address, changes with it.
                ids.extend(pages_with_changed_cover(new, changes));
                // A changed image shown in a page's text: its picture (copies,
                // width and height) is planned again when the page renders.
                ids.extend(pages_showing_changed_images(new, changes));
                ids.sort_unstable();
                ids.dedup();
                Affected::Pages(ids)
            }
            Affected::All => Affected::All,
        }
    } else {
        Affected::All
    }
}

/// Pages whose text names the file name of a changed GIF or SVG image (a cheap
/// over-estimate: a page naming it in prose is rendered again for nothing).
fn pages_showing_changed_images(site: &Site, changes: &Changes) -> Vec<PageId> {
    let names: Vec<String> = site
        .files
        .iter()
        .filter(|f| changes.touches(&f.source))
        .filter(|f| crate::renditions::Format::of(&f.source).is_some())
        .filter_map(|f| Some(f.source.file_name()?.to_string_lossy().into_owned()))
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, page)| {
            page.source
                .as_ref()
                .is_some_and(|parsed| names.iter().any(|name| parsed.text.contains(name.as_str())))
        })
        .map(|(id, _)| id)
        .collect()
}

/// Pages whose `image:` is one of the changed files.
fn pages_with_changed_cover(site: &Site, changes: &Changes) -> Vec<PageId> {
    site.pages
        .iter()
        .enumerate()
        .filter_map(|(id, page)| {
            let src = &page.meta.image.as_ref()?.src;
            let url = crate::site::lookup::resolve_file(site, page, src)?;
            site.files
                .iter()
                .any(|f| f.url == url && changes.touches(&f.source))
                .then_some(id)
        })
        .collect()
}
