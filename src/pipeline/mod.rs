//! The build, start to finish: the only place that sequences the stages.
//!
//! config → discover → parse → assemble the site model → validate →
//! render (parallel) → write. Every stage returns its diagnostics and the
//! build goes on to collect as many as it can; nothing is published when
//! any of them is an error. `build` and `check` run [`run`]; the live
//! preview keeps a [`Build`] in memory and re-runs only the stages and pages
//! a change affects, with the steps defined here, so the result is the same.

use crate::config::{self, Config};
use crate::dates::Date;
use crate::diagnostics::Diagnostics;
use crate::discover;
use crate::error::{Error, Result};
use crate::i18n::Strings;
use crate::markdown::highlight;
use crate::output::{self, Discard, Memory, Output, Staging};
use crate::parse;
use crate::render::{self, Renderer};
use crate::site;
use crate::theme;
use crate::validate;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    fn start() -> Clock {
        Clock {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }
}

/// What the later stages need from site.yaml and the theme. It stays the
/// same until site.yaml, the theme, `templates/` or `i18n/` change.
pub(crate) struct Setup {
    pub config: Config,
    pub theme: theme::Theme,
    pub renderer: Renderer,
    pub strings: Strings,
    /// Problems in site.yaml and the UI string files.
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
    let theme = theme::load(&config)?;
    let renderer = Renderer::new(&theme)?;
    let languages: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let (strings, found) = Strings::load(&theme, &languages, &config.default_language);
    diagnostics.extend(found);
    Ok(Ok(Setup {
        config,
        theme,
        renderer,
        strings,
        diagnostics,
    }))
}

/// Stages 4 and 5: the site model from the parsed pages, and the checks
/// that need all of it.
pub(crate) fn assemble(
    config: Config,
    parsed: Vec<parse::ParsedPage>,
    discovered: &discover::Discovered,
    options: &BuildOptions,
) -> (site::Site, Diagnostics) {
    let (site, mut diagnostics) = site::assemble(config, parsed, discovered, options.drafts);
    diagnostics.extend(validate::validate(&site));
    (site, diagnostics)
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
    let Setup {
        config,
        theme,
        renderer,
        strings,
        diagnostics,
    } = setup;
    report.diagnostics.extend(diagnostics);
    clock.lap("config and theme");

    let discovered = discover::discover(&config);
    report.diagnostics.extend(discovered.diagnostics.clone());
    clock.lap("discover");

    let (parsed, found) = parse::parse_all(&config.root, &discovered.pages);
    report.diagnostics.extend(found);
    clock.lap("parse");

    let (site, found) = assemble(config, parsed, &discovered, options);
    report.diagnostics.extend(found);
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
    let rendered = render::render_all(&site, &renderer, &strings, output)?;
    report.diagnostics.extend(rendered.diagnostics);
    report.pages = rendered.pages_written;
    clock.lap("render");

    report.files = copy_files(&site, output, &|_| None)? + write_theme_files(&theme, output)?;
    report.diagnostics.extend(site_wide_outputs(&site, output)?);
    clock.lap("copy files");

    report.diagnostics = std::mem::take(&mut report.diagnostics).sorted();
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

/// Copies the site's assets and static files. `reuse` may hand back the
/// bytes of a file already in memory (the live preview re-reads only the
/// files that changed).
pub(crate) fn copy_files(
    site: &site::Site,
    output: &dyn Output,
    reuse: &(dyn Fn(&site::CopiedFile) -> Option<std::sync::Arc<[u8]>> + Sync),
) -> Result<usize> {
    site.files.par_iter().try_for_each(|file| {
        let to = site.urls.output_path(&file.url);
        match reuse(file) {
            Some(bytes) => output.write_shared(&to, bytes),
            None => output.copy(&to, &site.config.root.join(&file.source)),
        }
    })?;
    Ok(site.files.len())
}

/// Writes the theme's own files and the generated syntax stylesheet.
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

/// Outputs made from the whole site rather than from one page: feeds,
/// sitemap, search index, report. They belong here, and nowhere else, so
/// that the live preview, which re-renders only the pages a change affects,
/// still rewrites them after every rebuild (see [`Build`]). None yet.
pub(crate) fn site_wide_outputs(_site: &site::Site, _output: &dyn Output) -> Result<Diagnostics> {
    Ok(Diagnostics::new())
}
