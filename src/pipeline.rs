//! The build, start to finish: the only place that sequences the stages.
//!
//! config → discover → parse → withdraw expired alerts → assemble the site
//! model → validate → plan share cards, alerts and feeds → render pages
//! (parallel) → draw share cards (parallel, cached) → feeds, sitemap, social
//! kit, CAP alerts → write. Every stage returns its diagnostics and the
//! build goes on to collect as many as it can; nothing is published when
//! any of them is an error. `build`, `check` and `serve` all run this.

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
use crate::output::{self, Discard, Memory, Output, Staging};
use crate::parse;
use crate::privacy;
use crate::render::{self, Renderer};
use crate::site;
use crate::sitemap;
use crate::social::{cards, kit};
use crate::theme;
use crate::validate;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    /// Write the editorial report (`_report/`) with the site.
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
    /// Wall time per stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Translation coverage (empty when the build stopped before the site model).
    pub coverage: Coverage,
    /// Share cards drawn and copied from the cache.
    pub share_images: cards::Stats,
    /// The soonest alert expiry after the build date, and its file: the
    /// site should be rebuilt then.
    pub next_alert_expiry: Option<(AlertInstant, PathBuf)>,
}

struct Clock {
    last: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }
}

/// Runs the whole pipeline.
pub fn run(options: &BuildOptions, target: Target) -> Result<BuildReport> {
    let mut clock = Clock {
        last: Instant::now(),
        timings: Vec::new(),
    };
    let mut report = BuildReport::default();

    let loaded = config::load(&options.root)?;
    report.diagnostics.extend(loaded.diagnostics);
    let Some(mut config) = loaded.config else {
        report.diagnostics = report.diagnostics.sorted();
        return Ok(report);
    };
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|m| Error::Usage(format!("--base-url: {m}")))?;
    }
    let theme = theme::load(&config)?;
    let renderer = Renderer::new(&theme)?;
    let languages: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let (strings, found) = Strings::load(&theme, &languages, &config.default_language);
    report.diagnostics.extend(found);
    clock.lap("config and theme");

    let discovered = discover::discover(&config);
    report.diagnostics.extend(discovered.diagnostics.clone());
    clock.lap("discover");

    let (parsed, found) = parse::parse_all(&config.root, &discovered.pages);
    report.diagnostics.extend(found);
    let (parsed, mut withdrawn) = alerts::withdraw_expired(parsed, options.today);
    report
        .diagnostics
        .extend(std::mem::take(&mut withdrawn.diagnostics));
    report.next_alert_expiry = withdrawn.next_expiry.clone();
    clock.lap("parse");

    let (mut site, found) = site::assemble(config, parsed, &discovered, options.drafts);
    site.set_expired(&withdrawn.expired);
    report.diagnostics.extend(found);
    report
        .diagnostics
        .extend(validate::validate(&site, options.today));
    report.coverage = coverage::coverage(&site);
    clock.lap("assemble and validate");

    let active_alerts = alerts::collect(&site, &withdrawn);
    let (mut share_cards, found) = cards::plan(&site, &theme, &strings)?;
    report.diagnostics.extend(found);
    let feeds = feeds::plan(&site, &active_alerts, &strings);
    clock.lap("plan cards and feeds");

    let staging;
    let output: &dyn Output = match &target {
        Target::Folder(path) => {
            output::check_target(&site.config.root, path)?;
            check_cache(share_cards.cache_dir(), path)?;
            staging = Some(Staging::new(path)?);
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
    let extras = render::Extras {
        cards: &share_cards,
        alerts: &active_alerts,
        feeds: &feeds,
        keep_bodies: feeds.wanted(),
        today: options.today,
    };
    let rendered = render::render_all(&site, &renderer, &strings, &extras, output)?;
    report
        .diagnostics
        .extend(rendered.diagnostics.iter().cloned());
    report.pages = rendered.pages_written;
    clock.lap("render");

    // `check` writes nothing, and a build with errors publishes nothing, so
    // neither draws cards.
    if !matches!(target, Target::Nowhere) && !report.diagnostics.has_errors() {
        let (stats, found) = share_cards.render(&site, output)?;
        report.diagnostics.extend(found);
        report.files += stats.rendered + stats.cached;
        report.share_images = stats;
    }
    clock.lap("share images");

    report.files += feeds.write(&site, &rendered.bodies, &share_cards, options.today, output)?;
    report.files += sitemap::write(&site, output)?;
    report.files += kit::write(&site, &share_cards, output)?;
    report.files += alerts::cap::write_all(&site, &active_alerts, output)?;
    clock.lap("feeds, sitemap, kit, CAP");

    report.files += copy_files(&site.config, &site, &theme, output)?;
    if site.config.security.headers_file {
        let headers = crate::security::headers_file(
            &rendered.script_hashes,
            &site.config.markdown.iframe_hosts,
        );
        output.write(Path::new("_headers"), headers.as_bytes())?;
    }
    clock.lap("copy files");

    report.diagnostics = std::mem::take(&mut report.diagnostics).sorted();
    if options.report {
        editorial::write(
            &site,
            &rendered.facts,
            &report.diagnostics,
            options.today,
            output,
        )?;
        clock.lap("editorial report");
    }
    if !report.diagnostics.has_errors() {
        if let Some(staging) = staging {
            staging.commit()?;
            share_cards.prune_cache();
        }
        report.published = !matches!(target, Target::Nowhere);
    }
    clock.lap("write");
    report.timings = clock.timings;
    Ok(report)
}

/// The share-card cache must survive the output folder being replaced.
fn check_cache(cache: &Path, output: &Path) -> Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    if absolute(cache).starts_with(absolute(output)) {
        return Err(Error::Usage(format!(
            "the share-image cache `{}` is inside the output folder `{}`, which every build replaces; set `social.share_images.cache` to a folder outside it",
            cache.display(),
            output.display()
        )));
    }
    Ok(())
}

/// Copies assets, static files and the theme's files; writes generated CSS.
fn copy_files(
    config: &Config,
    site: &site::Site,
    theme: &theme::Theme,
    output: &dyn Output,
) -> Result<usize> {
    // Theme files first, so a site's own static file of the same name wins.
    for (rel, bytes) in &theme.static_files {
        output.write(rel, bytes)?;
    }
    site.files.par_iter().try_for_each(|file| {
        let to = site.urls.output_path(&file.url);
        let from = config.root.join(&file.source);
        if config.privacy.strip_image_metadata {
            let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
            if let Some(clean) = privacy::strip_image_metadata(&from, &bytes) {
                return output.write(&to, &clean);
            }
            return output.write(&to, &bytes);
        }
        output.copy(&to, &from)
    })?;
    output.write(
        Path::new("css/syntax.css"),
        highlight::stylesheet().as_bytes(),
    )?;
    Ok(site.files.len() + theme.static_files.len() + 1)
}
