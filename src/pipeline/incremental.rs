//! A build kept in memory between changes, for the live preview.
//!
//! [`Build`] keeps what each stage produced (the setup, the discovered files,
//! every file's parse, the site model, each page's facts) and the rendered
//! files. After files change, [`Build::update`] re-runs only what they touch:
//! a changed article is parsed again on its own, the site model is
//! re-assembled from the kept parses (no file is read), and only the pages
//! whose view of the site changed are rendered again ([`site::diff`]).
//! site.yaml, the theme, `templates/` and `i18n/` change everything and start
//! over. Either way the files and diagnostics are the same as a full
//! [`run`](super::run) of the same files; the integration tests check it
//! byte for byte.

use super::changes::Changes;
use super::{
    Assembled, BuildOptions, BuildReport, Plan, Setup, assemble, copy_files, plan, setup,
    site_wide_outputs,
};
use super::{CardMode, Clock, write_theme_files};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{self, Discovered, SourcePage};
use crate::error::Result;
use crate::output::{Files, Memory, Output};
use crate::parse::{self, ParsedPage};
use crate::render::{self, PageFacts};
use crate::site::diff::{self, Affected};
use crate::site::{PageId, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a rebuild rendered again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every page (first build, a configuration or theme change, or a change
    /// to which pages exist).
    Everything,
    /// Only these pages (their URLs, sorted by page order).
    Pages(Vec<String>),
}

/// How one build or rebuild went.
#[derive(Debug)]
pub struct Rebuild {
    /// All diagnostics of the site as it now is (not only the new ones).
    pub report: BuildReport,
    pub scope: Scope,
    /// The changed paths that caused it, relative to the root (empty for a
    /// first build).
    pub changed: Vec<PathBuf>,
}

/// A site built into memory, updated file by file.
pub struct Build {
    options: BuildOptions,
    /// The root as the file watcher reports paths (absolute, links resolved).
    canonical_root: PathBuf,
    /// `None` before the first build, or when site.yaml or the theme could
    /// not be used: the next update starts over.
    state: Option<State>,
    output: Memory,
    /// False when `output` may not match `state` (rendering stopped half
    /// way): the next update renders everything.
    output_current: bool,
    /// Shared with whoever shows them (the live preview keeps the last
    /// build's while the next one runs).
    diagnostics: Arc<Diagnostics>,
    /// Leave the site-wide outputs of a small update for
    /// [`Build::finish_site_wide`] (the live preview reloads the page first).
    defer_site_wide: bool,
    /// Site-wide outputs that a deferred update has not written yet.
    site_wide_pending: bool,
}

struct State {
    setup: Setup,
    discovered: Discovered,
    /// Every discovered Markdown file's parse, by path.
    parsed: BTreeMap<PathBuf, Parsed>,
    site: Arc<Site>,
    /// From assembling and validating the site.
    site_diagnostics: Diagnostics,
    /// Live alerts, share cards and feeds of the current site model.
    plan: Plan,
    /// By page id.
    facts: Vec<PageFacts>,
    site_wide_diagnostics: Diagnostics,
}

#[derive(Clone)]
struct Parsed {
    page: Option<ParsedPage>,
    diagnostics: Vec<Diagnostic>,
}

impl Build {
    /// A build of the site at `options.root`; nothing is read until
    /// [`Build::full`].
    pub fn new(options: BuildOptions) -> Build {
        let canonical_root = options
            .root
            .canonicalize()
            .unwrap_or_else(|_| options.root.clone());
        Build {
            options,
            canonical_root,
            state: None,
            output: Memory::default(),
            output_current: false,
            diagnostics: Arc::default(),
            defer_site_wide: false,
            site_wide_pending: false,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// The files of the latest build (complete even when it had errors).
    pub fn files(&self) -> Files {
        self.output.snapshot()
    }

    /// The site model of the latest build, if site.yaml could be used.
    pub fn site(&self) -> Option<Arc<Site>> {
        self.state.as_ref().map(|s| s.site.clone())
    }

    /// The share image of each page (by page id): its generated card when
    /// one is cached, else its own `image`. `(url, alt text)`.
    pub fn share_images(&self) -> Vec<Option<(String, String)>> {
        let Some(state) = &self.state else {
            return Vec::new();
        };
        (0..state.site.pages.len())
            .map(|id| {
                state
                    .plan
                    .cards
                    .image_for(&state.site, id)
                    .map(|i| (i.url, i.alt))
            })
            .collect()
    }

    /// What rendering learnt about each page (by page id) in the latest build.
    pub fn facts(&self) -> &[PageFacts] {
        self.state.as_ref().map_or(&[], |s| s.facts.as_slice())
    }

    /// Every diagnostic of the latest build, sorted.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The same, shared rather than copied.
    pub fn shared_diagnostics(&self) -> Arc<Diagnostics> {
        self.diagnostics.clone()
    }

    /// Forgets everything built, so the next update builds everything (after
    /// an update that did not finish).
    pub fn reset(&mut self) {
        self.state = None;
        self.output_current = false;
    }

    /// Builds everything from the files on disk.
    pub fn full(&mut self) -> Result<Rebuild> {
        self.site_wide_pending = false;
        self.state = None;
        self.output_current = false;
        let result = self.full_inner();
        if result.is_err() {
            self.state = None;
        }
        result
    }

    fn full_inner(&mut self) -> Result<Rebuild> {
        let mut clock = Clock::start();
        let setup = match setup(&self.options)? {
            Ok(setup) => setup,
            Err(diagnostics) => {
                self.diagnostics = Arc::new(diagnostics.sorted());
                let report = BuildReport {
                    diagnostics: (*self.diagnostics).clone(),
                    ..BuildReport::default()
                };
                return Ok(Rebuild {
                    report,
                    scope: Scope::Everything,
                    changed: Vec::new(),
                });
            }
        };
        clock.lap("config and theme");
        let discovered = discover::discover(&setup.config);
        clock.lap("discover");
        let parsed = parse_into_map(&setup.config.root, &discovered.pages);
        clock.lap("parse");
        let Assembled {
            site,
            diagnostics: site_diagnostics,
            withdrawn,
            ..
        } = assemble(
            setup.config.clone(),
            &setup.people,
            live_pages(&parsed),
            &discovered,
            &self.options,
        );
        let mut plan = plan(&site, &setup, &withdrawn)?;
        clock.lap("assemble and validate");
        let fresh = Memory::default();
        let today = self.options.today;
        let facts = render_everything(&site, &setup, &plan, today, &fresh, &|_| None)?;
        let site_wide_diagnostics = site_wide(&site, &mut plan, &facts, today, &fresh)?;
        clock.lap("render");
        self.output = fresh;
        self.output_current = true;
        let pages = site.pages.len();
        self.state = Some(State {
            setup,
            discovered,
            parsed,
            site: Arc::new(site),
            site_diagnostics,
            plan,
            facts,
            site_wide_diagnostics,
        });
        Ok(self.finish(clock, pages, Scope::Everything))
    }

    /// Brings the build up to date after `paths` changed (absolute, or
    /// relative to the site root; files or folders, changed, added or
    /// removed). `Ok(None)` when none of them is part of the site.
    pub fn update(&mut self, paths: &[PathBuf]) -> Result<Option<Rebuild>> {
        let mut changes = Changes::classify(&self.options.root, &self.canonical_root, paths);
        if let Some(state) = &self.state
            && !changes.reload
        {
            changes.forget_vanished(&state.setup.config.root, &state.discovered);
        }
        if changes.is_empty() {
            return Ok(None);
        }
        if changes.reload || self.state.is_none() {
            return self.full().map(|mut rebuild| {
                rebuild.changed = changes.paths();
                Some(rebuild)
            });
        }
        let result = self.update_content(&changes);
        if result.is_err() {
            // A page failed to render: the output is half updated.
            self.state = None;
            self.output_current = false;
        }
        result.map(Some)
    }

    fn update_content(&mut self, changes: &Changes) -> Result<Rebuild> {
        // Whatever this update renders, it writes the site-wide outputs (now or deferred).
        self.site_wide_pending = false;
        let mut clock = Clock::start();
        let state = self.state.as_mut().expect("checked by update");
        let root = state.setup.config.root.clone();
        let rediscover = changes.may_add_or_remove(&root, &state.discovered);
        if rediscover {
            state.discovered = discover::discover(&state.setup.config);
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
        let to_parse: Vec<SourcePage> = if rediscover {
            // Changed files, and files discovery found that were never parsed.
            state
                .discovered
                .pages
                .iter()
                .filter(|p| {
                    changes.markdown.contains(&p.path) || !state.parsed.contains_key(&p.path)
                })
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
        };
        let reparsed = parse_into_map(&root, &to_parse);
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

        let Assembled {
            site,
            diagnostics: site_diagnostics,
            withdrawn,
            ..
        } = assemble(
            state.setup.config.clone(),
            &state.setup.people,
            live_pages(&state.parsed),
            &state.discovered,
            &self.options,
        );
        let mut new_plan = plan(&site, &state.setup, &withdrawn)?;
        clock.lap("assemble and validate");

        // An alert shows as a banner on every page of its language.
        let touches_alert = |s: &Site| {
            changes.markdown.iter().any(|p| {
                s.page_for_source(p)
                    .is_some_and(|id| s.page(id).meta.alert.is_some())
            })
        };
        let affected =
            if self.output_current && !touches_alert(&state.site) && !touches_alert(&site) {
                match diff::affected(&state.site, &site) {
                    Affected::Pages(mut ids) => {
                        // A changed image may be a page's cover: its share card, and so
                        // the page's `og:image` address, changes with it.
                        ids.extend(pages_with_changed_cover(&site, changes));
                        ids.sort_unstable();
                        ids.dedup();
                        Affected::Pages(ids)
                    }
                    Affected::All => Affected::All,
                }
            } else {
                Affected::All
            };
        let today = self.options.today;
        let (rendered, scope) = match affected {
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
                    render_everything(&site, &state.setup, &new_plan, today, &fresh, &reuse)?;
                state.site_wide_diagnostics =
                    site_wide(&site, &mut new_plan, &state.facts, today, &fresh)?;
                self.output = fresh;
                (site.pages.len(), Scope::Everything)
            }
            Affected::Pages(ids) => {
                let facts = render::render_pages(
                    &site,
                    &state.setup.renderer,
                    &state.setup.strings,
                    &new_plan.extras(today),
                    &ids,
                    &self.output,
                )?;
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
                        site_wide(&site, &mut new_plan, &state.facts, today, &self.output)?;
                }
                let urls = ids.iter().map(|&id| site.pages[id].url.clone()).collect();
                (ids.len(), Scope::Pages(urls))
            }
        };
        clock.lap("render");
        state.site = Arc::new(site);
        state.site_diagnostics = site_diagnostics;
        state.plan = new_plan;
        self.output_current = true;
        let mut rebuild = self.finish(clock, rendered, scope);
        rebuild.changed = changes.paths();
        Ok(rebuild)
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
        let facts = render::render_pages(
            &state.site,
            &state.setup.renderer,
            &state.setup.strings,
            &state.plan.extras(today),
            &ids,
            output,
        )?;
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

    /// Gathers every stage's diagnostics (as a full build would) into the report.
    /// Lets updates that re-render only some pages leave the feeds, sitemap,
    /// social kit and CAP files for [`Build::finish_site_wide`], so the live
    /// preview can reload the edited page first.
    pub fn defer_site_wide_outputs(&mut self, defer: bool) {
        self.defer_site_wide = defer;
    }

    /// Writes the site-wide outputs an update deferred. Returns whether there
    /// were any; the diagnostics are then up to date again.
    pub fn finish_site_wide(&mut self) -> Result<bool> {
        if !std::mem::take(&mut self.site_wide_pending) {
            return Ok(false);
        }
        let Some(state) = self.state.as_mut() else {
            return Ok(false);
        };
        let today = self.options.today;
        state.site_wide_diagnostics = site_wide(
            &state.site,
            &mut state.plan,
            &state.facts,
            today,
            &self.output,
        )?;
        let clock = Clock::start();
        let pages = 0;
        self.finish(clock, pages, Scope::Pages(Vec::new()));
        Ok(true)
    }

    fn finish(&mut self, mut clock: Clock, pages: usize, scope: Scope) -> Rebuild {
        let mut diagnostics = Diagnostics::new();
        let mut read = 0;
        if let Some(state) = &self.state {
            diagnostics.extend(state.setup.diagnostics.clone());
            diagnostics.extend(state.discovered.diagnostics.clone());
            for parsed in state.parsed.values() {
                diagnostics.extend(parsed.diagnostics.iter().cloned());
            }
            read = diagnostics.len();
            diagnostics.extend(state.site_diagnostics.clone());
            for facts in &state.facts {
                diagnostics.extend(facts.diagnostics.iter().cloned());
            }
            diagnostics.extend(state.site_wide_diagnostics.clone());
        }
        if let Some(state) = &self.state {
            let all = std::mem::take(&mut diagnostics);
            diagnostics = super::cascade::contain(all, read, &state.site, &state.discovered.pages);
        }
        let mut diagnostics = diagnostics.sorted();
        // With site-wide outputs deferred, so is the report (a long list on
        // a large site): the page reloads first.
        let report_now = self.options.report && !self.site_wide_pending;
        if let Some(state) = self.state.as_ref().filter(|_| report_now) {
            // Like a full build, the report reflects every problem of the site.
            if let Err(error) = crate::editorial::write(
                &state.site,
                &state.facts,
                &diagnostics,
                self.options.today,
                &self.output,
            ) {
                diagnostics.push(crate::diagnostics::Diagnostic::error(
                    crate::diagnostics::codes::CONTENT_UNREADABLE,
                    std::path::Path::new("_report"),
                    crate::diagnostics::Position::start(),
                    format!("the editorial report could not be written: {error}"),
                ));
            }
        }
        clock.lap("diagnostics and report");
        let files = self.state.as_ref().map_or(0, |s| {
            // As a full build counts them: copied files, theme files, syntax.css.
            s.site.files.len() + s.setup.theme.static_files.len() + 1
        });
        let report = BuildReport {
            published: !diagnostics.has_errors(),
            diagnostics: diagnostics.clone(),
            pages,
            files,
            timings: clock.timings,
            ..BuildReport::default()
        };
        // Unchanged problems stay the same allocation, so the preview can
        // tell at a glance that the overlay and panel need no update.
        if *self.diagnostics != diagnostics {
            self.diagnostics = Arc::new(diagnostics);
        }
        Rebuild {
            report,
            scope,
            changed: Vec::new(),
        }
    }
}

/// Renders every page and writes every other file of the site into `output`.
fn render_everything(
    site: &Site,
    setup: &Setup,
    plan: &Plan,
    today: crate::dates::Date,
    output: &Memory,
    reuse: &(dyn Fn(&crate::site::CopiedFile) -> Option<Arc<[u8]>> + Sync),
) -> Result<Vec<PageFacts>> {
    let ids: Vec<PageId> = (0..site.pages.len()).collect();
    let facts = render::render_pages(
        site,
        &setup.renderer,
        &setup.strings,
        &plan.extras(today),
        &ids,
        output,
    )?;
    write_theme_files(&setup.theme, output)?;
    copy_files(site, output, reuse)?;
    Ok(facts)
}

/// The site-wide outputs of the preview: everything a build writes, except
/// that share cards are only copied from the cache `pamphlet build` fills
/// (drawing them would make the first preview slow).
fn site_wide(
    site: &Site,
    plan: &mut Plan,
    facts: &[PageFacts],
    today: crate::dates::Date,
    output: &Memory,
) -> Result<Diagnostics> {
    let mut diagnostics = std::mem::take(&mut plan.diagnostics);
    diagnostics.extend(
        site_wide_outputs(site, plan, facts, today, CardMode::CachedOnly, output)?.diagnostics,
    );
    Ok(diagnostics)
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

fn parse_into_map(root: &Path, sources: &[SourcePage]) -> BTreeMap<PathBuf, Parsed> {
    sources
        .iter()
        .zip(parse::parse_each(root, sources))
        .map(|(source, (page, diagnostics))| (source.path.clone(), Parsed { page, diagnostics }))
        .collect()
}

/// The usable parses, in path order (the order discovery gives a full build).
fn live_pages(parsed: &BTreeMap<PathBuf, Parsed>) -> Vec<ParsedPage> {
    parsed.values().filter_map(|p| p.page.clone()).collect()
}
