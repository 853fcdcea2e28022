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

use crate::alerts;
use crate::config::{self, Config};
use crate::coverage::{self, Coverage};
use crate::dates::{Date, Instant as AlertInstant};
use crate::diagnostics::Diagnostics;
use crate::discover;
use crate::editorial;
use crate::error::{Error, Result};
use crate::feeds;
use crate::i18n::Strings;
use crate::markdown::highlight;
use crate::output::{Discard, Memory, Output};
use crate::parse;
use crate::privacy;
use crate::publish::{self, Staging};
use crate::render::{self, Renderer};
use crate::search;
use crate::site;
use crate::sitemap;
use crate::social::{cards, kit};
use crate::theme;
use crate::validate;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod cascade;
mod changes;
mod incremental;
pub use incremental::{Build, Rebuild, Scope};

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
    /// The soonest alert expiry after the build date, and its file: the
    /// site should be rebuilt then.
    pub next_alert_expiry: Option<(AlertInstant, PathBuf)>,
    /// The text of the Markdown files with diagnostics, as read by the build.
    pub sources: crate::diagnostics::report::Sources,
    /// The editorial report's page, when it was written privately (outside
    /// the published folder).
    pub private_report: Option<PathBuf>,
}

/// How long one stage took.
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    pub stage: &'static str,
    pub wall: Duration,
    /// CPU time of the whole process (all threads, user and system) during
    /// the stage, where the platform reports it: a stage whose CPU time is
    /// close to its wall time kept only one core busy.
    pub cpu: Option<Duration>,
}

struct Clock {
    last: Instant,
    last_cpu: Option<Duration>,
    timings: Vec<Lap>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            last: Instant::now(),
            last_cpu: process_cpu_time(),
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let cpu = process_cpu_time();
        self.timings.push(Lap {
            stage,
            wall: now - self.last,
            cpu: cpu
                .zip(self.last_cpu)
                .map(|(now, then)| now.saturating_sub(then)),
        });
        self.last = now;
        self.last_cpu = cpu;
    }
}

/// User and system time of this process so far, from `/proc/self/stat`
/// (Linux; `None` elsewhere). Its resolution is the kernel's clock tick,
/// 10 ms on most systems: good enough for stages of a large build.
fn process_cpu_time() -> Option<Duration> {
    const TICKS_PER_SECOND: u64 = 100;
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it don't.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1000 / TICKS_PER_SECOND,
    ))
}

/// What the later stages need from site.yaml and the theme. It stays the
/// same until site.yaml, the theme, `templates/` or `i18n/` change.
pub(crate) struct Setup {
    pub config: Config,
    pub theme: theme::Theme,
    pub renderer: Renderer,
    pub strings: Strings,
    /// Profiles in `data/people/` (read here: a change under `data/`
    /// starts the live preview over, like site.yaml).
    pub people: std::sync::Arc<crate::data::people::People>,
    /// Problems in site.yaml, the UI string files and the profiles.
    pub diagnostics: Diagnostics,
}

/// Stage 1: site.yaml, the theme, its templates and UI strings. `Err` only
/// for problems outside the content (no site, a broken template); a
/// site.yaml with errors gives `Ok(Err(diagnostics))`.
pub(crate) fn setup(options: &BuildOptions) -> Result<Result<Setup, Diagnostics>> {
    let loaded = config::load(&options.root)?;
    let mut diagnostics = loaded.diagnostics;
    let Some(mut config) = loaded.config else {
        return Ok(Err(diagnostics));
    };
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|m| Error::Usage(format!("--base-url: {m}")))?;
    }
    let (theme, found) = theme::load(&config)?;
    diagnostics.extend(found);
    let renderer = Renderer::new(&theme)?;
    let languages: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    // site.yaml is read again only if a language misses texts, to point
    // the warning at the line that lists it.
    let site_yaml = std::cell::OnceCell::new();
    let listed = |language: &str| {
        let text: &String = site_yaml.get_or_init(|| {
            let bytes = config
                .boundary
                .read(std::path::Path::new(config::FILE_NAME))
                .unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        });
        crate::yaml::locate(
            text,
            &[
                crate::yaml::Segment::Key("languages".into()),
                crate::yaml::Segment::Key(language.into()),
            ],
        )
        .unwrap_or_else(crate::diagnostics::Position::start)
    };
    let (strings, found) =
        Strings::load_listed(&theme, &languages, &config.default_language, &listed);
    diagnostics.extend(found);
    let (people, found) = crate::data::people::load(&config.boundary);
    diagnostics.extend(found);
    Ok(Ok(Setup {
        config,
        theme,
        renderer,
        strings,
        people: std::sync::Arc::new(people),
        diagnostics,
    }))
}

/// Stage 2: the files of the site (discovery), then what its data files
/// say (update entries, the status board). Their problems join discovery's.
pub(crate) fn find(config: &Config) -> (discover::Discovered, crate::data::Records) {
    let mut discovered = discover::discover(config);
    let (records, found) = crate::data::read(config, &discovered);
    discovered.diagnostics.extend(found);
    (discovered, records)
}

/// The site model and everything known about it before rendering.
pub(crate) struct Assembled {
    pub site: site::Site,
    pub diagnostics: Diagnostics,
    /// Alerts past their expiry, left out of the site.
    pub withdrawn: alerts::Withdrawn,
    pub coverage: Coverage,
}

/// Stages 4 and 5: expired alerts withdrawn, the site model assembled from
/// the parsed pages, and the checks that need all of it.
pub(crate) fn assemble(
    config: Config,
    people: &std::sync::Arc<crate::data::people::People>,
    parsed: Vec<parse::ParsedPage>,
    discovered: &discover::Discovered,
    records: &crate::data::Records,
    options: &BuildOptions,
) -> Assembled {
    let (parsed, mut withdrawn) = alerts::withdraw_expired(parsed, options.today);
    let mut diagnostics = std::mem::take(&mut withdrawn.diagnostics);
    let (mut site, found) =
        site::assemble(config, parsed, discovered, records, people, options.drafts);
    site.set_expired(&withdrawn.expired);
    diagnostics.extend(found);
    diagnostics.extend(validate::validate(&site, options.today));
    diagnostics.extend(crate::status::stale(&site, options.now));
    let coverage = coverage::coverage(&site);
    Assembled {
        site,
        diagnostics,
        withdrawn,
        coverage,
    }
}

/// What pages need from the whole site besides the model: live alerts,
/// share cards (their addresses) and feeds (their links).
pub(crate) struct Plan {
    pub alerts: alerts::Alerts,
    pub cards: cards::Cards,
    pub feeds: feeds::Feeds,
    /// Every live-update entry's rendered body.
    pub updates: crate::updates::Rendered,
    pub diagnostics: Diagnostics,
}

/// Stage 6: plans the share cards, alerts and feeds.
pub(crate) fn plan(
    site: &site::Site,
    setup: &Setup,
    withdrawn: &alerts::Withdrawn,
) -> Result<Plan> {
    let alerts = alerts::collect(site, withdrawn);
    let (cards, mut diagnostics) = cards::plan(site, &setup.theme, &setup.strings)?;
    let mut feeds = feeds::plan(site, &alerts, &setup.strings);
    let (updates, found) = crate::updates::render(site, &setup.strings);
    diagnostics.extend(found);
    feeds
        .feeds
        .extend(crate::updates::feeds(site, &updates, &setup.strings));
    feeds
        .feeds
        .extend(crate::status::feeds(site, &setup.strings));
    Ok(Plan {
        alerts,
        cards,
        feeds,
        updates,
        diagnostics,
    })
}

impl Plan {
    pub(crate) fn extras(&self, today: Date) -> render::Extras<'_> {
        render::Extras {
            cards: &self.cards,
            alerts: &self.alerts,
            feeds: &self.feeds,
            updates: &self.updates,
            keep_bodies: self.feeds.wanted(),
            today,
        }
    }
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
    // A refused output folder is refused now, before minutes of work and
    // before anything is written (checked again when the staging starts).
    let inputs = match &target {
        Target::Folder(path) => {
            let inputs = publish::SiteInputs::of(&setup.config)?;
            inputs.check(path)?;
            Some(inputs)
        }
        _ => None,
    };
    clock.lap("config and theme");

    let (discovered, records) = find(&setup.config);
    report.diagnostics.extend(discovered.diagnostics.clone());
    clock.lap("discover");

    let (parsed, found) = parse::parse_all(&setup.config.root, &discovered.pages);
    report.diagnostics.extend(found);
    let read = report.diagnostics.len();
    clock.lap("parse");

    let Assembled {
        site,
        diagnostics,
        withdrawn,
        coverage,
    } = assemble(
        setup.config.clone(),
        &setup.people,
        parsed,
        &discovered,
        &records,
        options,
    );
    report.diagnostics.extend(diagnostics);
    report.next_alert_expiry = withdrawn.next_expiry.clone();
    report.coverage = coverage;
    clock.lap("assemble and validate");

    let mut plan = plan(&site, &setup, &withdrawn)?;
    report
        .diagnostics
        .extend(std::mem::take(&mut plan.diagnostics));
    clock.lap("plan cards and feeds");

    let staging;
    let output: &dyn Output = match &target {
        Target::Folder(path) => {
            let inputs = inputs.as_ref().expect("set for a folder");
            staging = Some(Staging::new(inputs, path)?);
            staging.as_ref().expect("just set")
        }
        Target::Memory(memory) => {
            staging = None;
            *memory
        }
        Target::Nowhere => {
            staging = None;
            &Discard
        }
    };
    let rendered = render::render_all(
        &site,
        &setup.renderer,
        &setup.strings,
        &plan.extras(options.today),
        output,
    )?;
    report.diagnostics.extend(rendered.diagnostics().cloned());
    report.pages = rendered.pages_written;
    clock.lap("render");

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
        || -> Result<()> {
            let site_wide = site_wide_outputs(
                &site,
                &mut plan,
                &rendered.facts,
                options.today,
                cards,
                output,
            )?;
            report.diagnostics.extend(site_wide.diagnostics);
            report.share_images = site_wide.share_images;
            report.files += site_wide.files;
            clock.lap("share images, feeds, sitemap, kit, CAP");

            // Theme files first, so a site's own static file of the same name wins.
            report.files += write_theme_files(&setup.theme, output)?;
            report.files += copy_files(&site, output, &|_| None)?;
            clock.lap("copy files");

            let all = std::mem::take(&mut report.diagnostics);
            report.diagnostics = cascade::contain(all, read, &site, &discovered.pages).sorted();
            if options.report {
                // Private unless site.yaml publishes it; the live preview
                // (memory, on the author's computer) keeps it at /_report/.
                let private = (private_report && !site.config.report.publish)
                    .then(|| editorial::PrivateFolder::open(&site.config.root))
                    .transpose()?;
                editorial::write(
                    &site,
                    &rendered.facts,
                    &report.diagnostics,
                    options.today,
                    private.as_ref().map_or(output, |p| p as &dyn Output),
                )?;
                report.private_report = private.map(|p| p.dir().join("index.html"));
                clock.lap("editorial report");
            }
            Ok(())
        },
        || match target {
            Target::Folder(_) => search::write(&site, options.today, output),
            _ => Ok(search::Indexed::default()),
        },
    );
    rest?;
    report.files += indexed?.files;
    clock.lap("search index (the rest of it)");
    if !report.diagnostics.has_errors() {
        if let Some(staging) = staging {
            staging.commit()?;
            plan.cards.prune_cache();
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

/// The share-card cache must survive the output folder being replaced.
/// Copies the site's assets and static files (images lose their metadata
/// unless the site opts out). `reuse` may hand back the bytes of a file
/// already in memory (the live preview re-reads only the files that changed).
pub(crate) fn copy_files(
    site: &site::Site,
    output: &dyn Output,
    reuse: &(dyn Fn(&site::CopiedFile) -> Option<std::sync::Arc<[u8]>> + Sync),
) -> Result<usize> {
    let config = &site.config;
    site.files.par_iter().try_for_each(|file| {
        let to = site.urls.output_path(&file.url);
        if let Some(bytes) = reuse(file) {
            return output.write_shared(&to, bytes);
        }
        let from = config.root.join(&file.source);
        if config.privacy.strip_image_metadata {
            let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
            return match privacy::strip_image_metadata(&from, &bytes) {
                Some(clean) => output.write(&to, &clean),
                None => output.write(&to, &bytes),
            };
        }
        output.copy(&to, &from)
    })?;
    Ok(site.files.len())
}

/// Writes the theme's own files and the generated syntax stylesheet. Call
/// it before [`copy_files`], so a site's own static file of the same name wins.
pub(crate) fn write_theme_files(theme: &theme::Theme, output: &dyn Output) -> Result<usize> {
    for (rel, bytes) in &theme.static_files {
        output.write(rel, bytes)?;
    }
    output.write(
        Path::new("css/syntax.css"),
        highlight::stylesheet().as_bytes(),
    )?;
    Ok(theme.static_files.len() + 1)
}

/// What to do with share cards in [`site_wide_outputs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardMode {
    /// Draw missing cards and copy cached ones (a build into a folder).
    Draw,
    /// Copy only the cards already in the cache (the live preview).
    CachedOnly,
    /// No cards (`check`, or a build with errors).
    Skip,
}

/// What [`site_wide_outputs`] produced.
#[derive(Default)]
pub(crate) struct SiteWide {
    pub files: usize,
    pub diagnostics: Diagnostics,
    pub share_images: cards::Stats,
}

/// Outputs made from the whole site rather than from one page: share cards
/// (as `cards` says), feeds, sitemap, social kit, CAP alerts and the
/// `_headers` file. They belong here, and nowhere else, so that the live
/// preview, which re-renders only the pages a change affects, still
/// rewrites them after every rebuild (see [`Build`]).
pub(crate) fn site_wide_outputs(
    site: &site::Site,
    plan: &mut Plan,
    facts: &[render::PageFacts],
    today: Date,
    cards: CardMode,
    output: &dyn Output,
) -> Result<SiteWide> {
    let mut out = SiteWide::default();
    match cards {
        CardMode::Draw => {
            let (stats, found) = plan.cards.render(site, output)?;
            out.diagnostics.extend(found);
            out.files += stats.rendered + stats.cached;
            out.share_images = stats;
        }
        CardMode::CachedOnly => out.files += plan.cards.copy_cached(site, output)?,
        CardMode::Skip => {}
    }
    let bodies: std::collections::BTreeMap<site::PageId, String> = facts
        .iter()
        .enumerate()
        .filter_map(|(id, f)| f.body.clone().map(|b| (id, b)))
        .collect();
    // Independent outputs, written side by side.
    let plan = &*plan;
    let (feeds, (sitemap, (kit, cap))) = rayon::join(
        || plan.feeds.write(site, &bodies, &plan.cards, today, output),
        || {
            rayon::join(
                || sitemap::write(site, output),
                || {
                    rayon::join(
                        || kit::write(site, &plan.cards, output),
                        || alerts::cap::write_all(site, &plan.alerts, output),
                    )
                },
            )
        },
    );
    out.files += feeds? + sitemap? + kit? + cap?;
    out.files += crate::status::json::write(site, output)?;
    if site.config.security.headers_file {
        let hashes: std::collections::BTreeSet<String> = facts
            .iter()
            .flat_map(|f| f.script_hashes.iter().cloned())
            .collect();
        let styles: std::collections::BTreeSet<String> = facts
            .iter()
            .flat_map(|f| f.style_hashes.iter().cloned())
            .collect();
        let headers =
            crate::security::headers_file(&hashes, &styles, &site.config.markdown.iframe_hosts)
                .map_err(crate::error::Error::Usage)?;
        output.write(Path::new("_headers"), headers.as_bytes())?;
        out.files += 1;
    }
    Ok(out)
}
