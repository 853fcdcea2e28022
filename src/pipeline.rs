//! The build, start to finish: the only place that sequences the stages.
//!
//! config → discover → parse → assemble the site model → validate →
//! render (parallel) → search index → write. Every stage returns its
//! diagnostics and the build goes on to collect as many as it can; nothing
//! is published when any of them is an error. `build`, `check` and `serve` all run this.

use crate::config::{self, Config};
use crate::dates::Date;
use crate::diagnostics::Diagnostics;
use crate::discover;
use crate::editorial;
use crate::error::{Error, Result};
use crate::i18n::Strings;
use crate::markdown::highlight;
use crate::output::{self, Discard, Memory, Output, Staging};
use crate::parse;
use crate::render::{self, Renderer};
use crate::search;
use crate::site;
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
    clock.lap("parse");

    let (site, found) = site::assemble(config, parsed, &discovered, options.drafts);
    report.diagnostics.extend(found);
    report
        .diagnostics
        .extend(validate::validate(&site, options.today));
    clock.lap("assemble and validate");

    let staging;
    let output: &dyn Output = match &target {
        Target::Folder(path) => {
            output::check_target(&site.config.root, path)?;
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
    let rendered = render::render_all(&site, &renderer, &strings, output, options.today)?;
    report
        .diagnostics
        .extend(rendered.diagnostics.iter().cloned());
    report.pages = rendered.pages_written;
    clock.lap("render");

    report.files = copy_files(&site.config, &site, &theme, output)?;
    clock.lap("copy files");

    // `check` writes nothing, so it skips the search index.
    if !matches!(target, Target::Nowhere) {
        report.files += search::write(&site, options.today, output)?.files;
        clock.lap("search index");
    }

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
        }
        report.published = !matches!(target, Target::Nowhere);
    }
    clock.lap("write");
    report.timings = clock.timings;
    Ok(report)
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
        output.copy(&to, &config.root.join(&file.source))
    })?;
    output.write(
        Path::new("css/syntax.css"),
        highlight::stylesheet().as_bytes(),
    )?;
    Ok(site.files.len() + theme.static_files.len() + 1)
}
