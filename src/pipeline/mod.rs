//! The build, start to finish: the only place that sequences the stages.
//!
//! config → discover → parse → withdraw expired alerts → assemble the site
//! model → validate → plan share cards, alerts and feeds → render pages
//! (parallel) → draw share cards (parallel, cached) → feeds, sitemap, social
//! kit, CAP alerts → editorial report, with the search index built beside
//! these last three → write. Every stage returns its diagnostics and the
//! build goes on to collect as many as it can; nothing is published when
//! any of them is an error. `build` and `check` run [`run`]; the live
//! preview keeps a [`Build`] in memory and re-runs only the stages and pages
//! a change affects, with the steps defined here, so the result is the same.

use crate::coverage::Coverage;
use crate::dates::{Date, Instant as AlertInstant};
use crate::diagnostics::Diagnostics;
use crate::discover;
use crate::editorial;
use crate::error::Result;
use crate::output::{Discard, Memory, Output};
use crate::parse;
use crate::publish::{self, Staging};
use crate::render;
use crate::search;
use crate::site;
use crate::social::cards;
use std::path::{Path, PathBuf};

mod cascade;
mod changes;
mod clock;
mod incremental;
mod stages;
mod write;
use clock::Clock;
pub use clock::Lap;
pub use incremental::{Build, Rebuild, Scope};
use stages::{Assembled, Plan, assemble_and_plan, setup};
use write::{CardMode, copy_files, site_wide_outputs, theme_file_count, write_theme_files};

/// Everything that varies between builds of the same files. The clock is
/// read by the caller, never inside the pipeline.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds site.yaml).
    pub root: PathBuf,
    /// Overrides site.yaml's `base_url` (e.g. for a staging host).
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// The build date: reviews fall due and alerts expire relative to it.
    pub today: Date,
    /// The build time: status-board entries go stale relative to it
    /// (`--now`, else the start of `--today` in UTC, else SOURCE_DATE_EPOCH,
    /// else the clock, read by the command line).
    pub now: AlertInstant,
    /// Write the editorial report: into `.pamphlet-cache/report/`, or
    /// `_report/` of the output when site.yaml publishes it.
    pub report: bool,
}

/// Where the build's files go.
pub enum Target<'a> {
    /// A folder, replaced as a whole only if the build succeeds.
    Folder(PathBuf),
    /// Memory (the live preview).
    Memory(&'a Memory),
    /// Nowhere (`check`).
    Nowhere,
}

/// How a build went.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    /// Pages rendered (0 when the build stopped early).
    pub pages: usize,
    /// Files copied as they are (assets, static files, theme files).
    pub files: usize,
    /// True when the output was written (or swapped in).
    pub published: bool,
    /// Time per stage, in order.
    pub timings: Vec<Lap>,
    /// Translation coverage (empty when the build stopped before the site model).
    pub coverage: Coverage,
    /// Share cards drawn and copied from the cache.
    pub share_images: cards::Stats,
    /// Images resized and copies taken from the cache.
    pub images: crate::renditions::Stats,
    /// The soonest alert expiry after the build date, and its file: the
    /// site should be rebuilt then.
    pub next_alert_expiry: Option<(AlertInstant, PathBuf)>,
    /// The text of the Markdown files with diagnostics, as read by the build.
    pub sources: crate::diagnostics::report::Sources,
    /// The editorial report's page, when it was written privately (outside
    /// the published folder).
    pub private_report: Option<PathBuf>,
}

/// Runs the whole pipeline.
pub fn run(options: &BuildOptions, target: Target) -> Result<BuildReport> {
    let mut clock = Clock::start();
    let mut report = BuildReport::default();

    let setup = match setup(options)? {
        Ok(setup) => setup,
        Err(diagnostics) => {
            report.diagnostics = diagnostics.sorted();
            return Ok(report);
        }
    };
    report.diagnostics.extend(setup.diagnostics.clone());
    let inputs = refuse_early(&setup, &target)?;
    clock.lap("config and theme");

    let (discovered, records) = stages::find(&setup.config);
    report.diagnostics.extend(discovered.diagnostics.clone());
    clock.lap("discover");

    let (parsed, found) = parse::parse_all(&setup.config.root, &discovered.pages);
    report.diagnostics.extend(found);
    let read = report.diagnostics.len();
    clock.lap("parse");

    let (site, mut plan) = assembled(
        &setup,
        parsed,
        (&discovered, &records),
        options,
        &mut report,
        &mut clock,
    )?;

    let staging = match (&target, &inputs) {
        (Target::Folder(path), Some(inputs)) => Some(Staging::new(inputs, path)?),
        _ => None,
    };
    let output: &dyn Output = match (&target, &staging) {
        (Target::Folder(_), Some(staging)) => staging,
        (Target::Memory(memory), _) => *memory,
        _ => &Discard,
    };
    let rendered = stages::render_all(&site, &setup, &plan, options.today, output)?;
    report.diagnostics.extend(rendered.diagnostics().cloned());
    report.pages = rendered.pages_written;
    clock.lap("render");

    let finishing = Finishing {
        site: &site,
        setup: &setup,
        discovered: &discovered,
        rendered: &rendered,
        options,
        read,
        output,
    };
    finishing.outputs(&target, &mut plan, &mut report, &mut clock)?;
    if !report.diagnostics.has_errors() {
        if let Some(staging) = staging {
            staging.commit()?;
            plan.cards.prune_cache();
            plan.renditions.prune_cache();
        }
        report.published = !matches!(target, Target::Nowhere);
    }
    clock.lap("write");
    report.timings = clock.timings;
    report.sources = sources_with_problems(&site, &report.diagnostics);
    // Freeing a large site's model takes tens of milliseconds that the
    // caller need not wait for (printing the diagnostics, exiting).
    std::thread::spawn(move || drop((site, plan, rendered)));
    Ok(report)
}

/// A refused output folder is refused now, before minutes of work and
/// before anything is written (checked again when the staging starts).
fn refuse_early(setup: &stages::Setup, target: &Target) -> Result<Option<publish::SiteInputs>> {
    Ok(match target {
        Target::Folder(path) => {
            let inputs = publish::SiteInputs::of(&setup.config)?;
            inputs.check(path)?;
            Some(inputs)
        }
        _ => None,
    })
}

/// Stages 4 to 6 of a full build, their findings added to the report.
fn assembled(
    setup: &stages::Setup,
    parsed: Vec<parse::ParsedPage>,
    found: stages::Found<'_>,
    options: &BuildOptions,
    report: &mut BuildReport,
    clock: &mut Clock,
) -> Result<(site::Site, Plan)> {
    let (
        Assembled {
            site,
            diagnostics,
            withdrawn,
            coverage,
        },
        mut plan,
    ) = assemble_and_plan(setup, parsed, found, options)?;
    report.diagnostics.extend(diagnostics);
    report.next_alert_expiry = withdrawn.next_expiry.clone();
    report.coverage = coverage;
    clock.lap("assemble and validate");
    report
        .diagnostics
        .extend(std::mem::take(&mut plan.diagnostics));
    clock.lap("plan cards and feeds");
    Ok((site, plan))
}

/// What the last stages of a full build read: everything before them.
struct Finishing<'a> {
    site: &'a site::Site,
    setup: &'a stages::Setup,
    discovered: &'a discover::Discovered,
    rendered: &'a render::Rendered,
    options: &'a BuildOptions,
    /// How many diagnostics came from reading the files (see [`cascade`]).
    read: usize,
    output: &'a dyn Output,
}

impl Finishing<'_> {
    /// The outputs after the pages, and the search index beside them.
    fn outputs(
        &self,
        target: &Target,
        plan: &mut Plan,
        report: &mut BuildReport,
        clock: &mut Clock,
    ) -> Result<()> {
        // Only a build into a folder draws share cards: `check` writes nothing, a
        // build with errors publishes nothing, and the live preview (memory) must
        // stay fast, so it only copies the cards a build has cached.
        let cards = match target {
            Target::Folder(_) if !report.diagnostics.has_errors() => CardMode::Draw,
            Target::Memory(_) => CardMode::CachedOnly,
            _ => CardMode::Skip,
        };
        // The search index is written by builds into a folder only: `check`
        // writes nothing, and the live preview serves what it has in memory.
        // It needs nothing the other outputs make and finds no problems, so
        // everything else (down to the editorial report, which lists every
        // problem) runs beside it: each side has serial parts (merging
        // postings, drawing cards, sorting the report) the other fills in.
        let private_report = matches!(target, Target::Folder(_));
        let (rest, indexed) = rayon::join(
            || self.site_wide_and_report(plan, cards, private_report, report, clock),
            || match target {
                Target::Folder(_) => search::write(self.site, self.options.today, self.output),
                _ => Ok(search::Indexed::default()),
            },
        );
        rest?;
        report.files += indexed?.files;
        clock.lap("search index (the rest of it)");
        Ok(())
    }

    /// Site-wide outputs, copied files, then every diagnostic gathered and
    /// the editorial report that lists them.
    fn site_wide_and_report(
        &self,
        plan: &mut Plan,
        cards: CardMode,
        private_report: bool,
        report: &mut BuildReport,
        clock: &mut Clock,
    ) -> Result<()> {
        let (site, output, options) = (self.site, self.output, self.options);
        let site_wide = site_wide_outputs(
            site,
            plan,
            &self.rendered.facts,
            options.today,
            cards,
            output,
        )?;
        report.diagnostics.extend(site_wide.diagnostics);
        report.share_images = site_wide.share_images;
        report.images = site_wide.images;
        report.files += site_wide.files;
        clock.lap("share images, feeds, sitemap, kit, CAP");

        // Theme files first, so a site's own static file of the same name wins.
        report.files += write_theme_files(&self.setup.theme, &self.setup.assets, output)?;
        report.files += copy_files(site, output, &|_| None)?;
        clock.lap("copy files");

        let all = std::mem::take(&mut report.diagnostics);
        report.diagnostics =
            cascade::contain(all, self.read, site, &self.discovered.pages).sorted();
        if options.report {
            // Private unless site.yaml publishes it; the live preview
            // (memory, on the author's computer) keeps it at /_report/.
            let private = (private_report && !site.config.report.publish)
                .then(|| editorial::PrivateFolder::open(&site.config.root))
                .transpose()?;
            editorial::write(
                site,
                &self.rendered.facts,
                &report.diagnostics,
                options.today,
                &self.setup.assets.url("css/pamphlet.css"),
                private.as_ref().map_or(output, |p| p as &dyn Output),
            )?;
            report.private_report = private.map(|p| p.dir().join("index.html"));
            clock.lap("editorial report");
        }
        Ok(())
    }
}

/// The texts of the pages the diagnostics are about.
fn sources_with_problems(
    site: &site::Site,
    diagnostics: &Diagnostics,
) -> crate::diagnostics::report::Sources {
    let files: std::collections::HashSet<&Path> =
        diagnostics.iter().map(|d| d.file.as_path()).collect();
    site.pages
        .iter()
        .filter_map(|p| p.source.as_ref())
        .filter(|s| files.contains(s.source.path.as_path()))
        .map(|s| (s.source.path.clone(), s.text.clone()))
        .collect()
}
