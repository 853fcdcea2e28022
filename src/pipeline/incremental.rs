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
use super::stages::{self, Assembled, Plan, Setup, assemble_and_plan, setup};
use super::write_theme_files;
use super::{BuildOptions, BuildReport, CardMode, Clock, copy_files, site_wide_outputs};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{Discovered, SourcePage};
use crate::error::Result;
use crate::output::{Files, Memory};
use crate::parse::{self, ParsedPage};
use crate::render::PageFacts;
use crate::site::{PageId, Site};
use std::collections::BTreeMap;
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

mod update;

struct State {
    setup: Setup,
    discovered: Discovered,
    /// What the data files found by discovery say.
    records: crate::data::Records,
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
        let (discovered, records) = stages::find(&setup.config);
        clock.lap("discover");
        let parsed = parse_into_map(&setup.config.root, &discovered.pages);
        clock.lap("parse");
        let (
            Assembled {
                site,
                diagnostics: site_diagnostics,
                ..
            },
            mut plan,
        ) = assemble_and_plan(
            &setup,
            live_pages(&parsed),
            (&discovered, &records),
            &self.options,
        )?;
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
            records,
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
        if let Some(state) = &self.state {
            changes.reload |= changes.replaces_fingerprinted(&state.setup.assets);
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
                &state.setup.assets.url("css/pamphlet.css"),
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
            // As a full build counts them: copied files, theme files,
            // syntax.css and the fingerprinted copies.
            s.site.files.len() + super::theme_file_count(&s.setup.theme, &s.setup.assets)
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
    let facts = stages::render_pages(site, setup, plan, today, &ids, output)?;
    write_theme_files(&setup.theme, &setup.assets, output)?;
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
