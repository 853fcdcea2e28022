//! The command line: parsing flags into [`BuildOptions`], running the
//! command, printing results, and choosing the exit code.
//!
//! Exit codes: 0 the site built (or `check` found no errors), 1 the content
//! has errors, 2 a usage or input/output problem. Human text goes to
//! stderr; machine output (`check --format json|github`) to stdout.

use crate::dates::{Date, Instant};
use crate::diagnostics::report;
use crate::error::{Error, Result};
use crate::pipeline::{self, BuildOptions, BuildReport, Target};
use clap::{Args, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod customize;
mod editors;
mod explain;
pub use customize::{I18nCommand, ThemeCommand};
pub use editors::{CmsArgs, SchemaArgs};

/// Pamphlet builds health-information websites from Markdown articles,
/// checking reviewers, sources, readability, accessibility and translations.
#[derive(Parser, Debug)]
#[command(name = "pamphlet", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the website into a folder (public/ by default).
    ///
    /// Nothing is published if any article has an error: the previous
    /// website stays as it was. The folder gets a `.pamphlet-output` file;
    /// a build replaces only a folder holding it, an empty folder or a new
    /// one, and never the site's own folders.
    Build(BuildArgs),
    /// Check every article without writing the website (for CI).
    ///
    /// Exits with 1 when there are errors (and warnings, with --strict).
    Check(CheckArgs),
    /// Create a new site with example articles in English and Spanish.
    Init {
        /// Folder to create (must be empty or new).
        dir: PathBuf,
    },
    /// Create a new article with every field, ready to fill in, or a new
    /// live update (`pamphlet new update <topic>`).
    ///
    /// Example: pamphlet new content/en/heart/high-blood-pressure.md
    #[command(args_conflicts_with_subcommands = true)]
    New {
        #[command(subcommand)]
        what: Option<NewCommand>,
        /// Where to write it, e.g. content/en/heart/high-blood-pressure.md
        path: Option<PathBuf>,
        /// Site folder the path is relative to.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Preview the site in a browser while you edit it.
    ///
    /// Builds the site into memory (never into public/), serves it on this
    /// computer, and rebuilds what changed each time you save a file: the
    /// page in the browser reloads by itself, problems show over the page,
    /// and each article has an author panel.
    Serve(ServeArgs),
    /// Translate the theme's interface texts into a language
    /// (`pamphlet i18n add <lang>`).
    I18n {
        #[command(subcommand)]
        what: I18nCommand,
    },
    /// Change one of the theme's templates for this site
    /// (`pamphlet theme copy <template>`).
    Theme {
        #[command(subcommand)]
        what: ThemeCommand,
    },
    /// Print a JSON Schema for editors (`pamphlet schema front-matter`),
    /// or write them all into schemas/ (`pamphlet schema --write`).
    ///
    /// Editors with a YAML language server use it to complete and check
    /// site.yaml, data files and front matter as you type (docs/schemas.md).
    Schema(SchemaArgs),
    /// Set up a web editor at /admin/: write static/admin/config.yml (Decap
    /// CMS or Sveltia CMS) and the page that loads it, from Pamphlet's own
    /// field definitions (docs/cms.md).
    Cms(CmsArgs),
}

/// What `pamphlet new` can create besides an article.
#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// Add a live update to a topic, stamped with the current time in the
    /// site's time zone (and create the topic's page if it has none).
    ///
    /// Example: pamphlet new update heat-wave --lang es
    Update {
        /// The topic's folder under content/<lang>/updates/, e.g. heat-wave.
        topic: String,
        /// Language (default: the site's default language).
        #[arg(long)]
        lang: Option<String>,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Flags every command that reads a site shares.
#[derive(Args, Debug, Clone)]
pub struct SiteArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Publish address to use instead of base_url in site.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Build as if today were this date (YYYY-MM-DD): reviews fall due and
    /// alerts expire relative to it. Default: SOURCE_DATE_EPOCH, else today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Build as if it were this moment (RFC 3339, e.g.
    /// 2026-06-01T14:30:00-04:00): status-board entries go stale relative
    /// to it. Default: the start of --today (UTC), else SOURCE_DATE_EPOCH,
    /// else the clock. Sets the date too unless --today is given.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the website (default: public/ inside the site folder):
    /// a new or empty folder, or one an earlier build made.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
    /// Print only problems, not the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Do not write the editorial report (.pamphlet-cache/report/).
    #[arg(long)]
    pub no_report: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t)]
    pub format: report::Format,
    /// Explain a problem code (e.g. link/broken), or list all codes with `all`.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on; if it is taken, the next free one is used.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. The default, 127.0.0.1, is this computer only;
    /// another address (such as 0.0.0.0) lets others on your network see it.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: std::net::IpAddr,
    /// Open the preview in your web browser.
    #[arg(long)]
    pub open: bool,
    /// Benchmark: measure N times how long a saved article takes to reach
    /// the browser, print the figures and exit.
    #[arg(long, hide = true, value_name = "N")]
    pub bench_latency: Option<usize>,
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Serve(args) => serve(args),
        Command::I18n { what } => customize::i18n(what),
        Command::Theme { what } => customize::theme(what),
        Command::Schema(args) => editors::schema(args),
        Command::Cms(args) => editors::cms(args),
        Command::Init { dir } => {
            let files = crate::scaffold::init(&dir, today(None)?)?;
            eprintln!(
                "Created a new site in {} ({} files).",
                dir.display(),
                files.len()
            );
            eprintln!("Next: cd {} && pamphlet build", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            what: Some(NewCommand::Update { topic, lang, root }),
            ..
        } => new_update(&root, &topic, lang.as_deref()),
        Command::New {
            what: None,
            path: None,
            ..
        } => Err(Error::Usage(
            "`pamphlet new` needs a path (content/<lang>/<topic>/<slug>.md) or `update <topic>`"
                .into(),
        )),
        Command::New {
            what: None,
            path: Some(path),
            root,
        } => {
            let full = if path.is_absolute() {
                path.clone()
            } else {
                root.join(&path)
            };
            // A site that opts in to editor schemas gets the schema comment;
            // `new` works without a readable site.yaml too.
            let site = crate::config::load(&root).ok().and_then(|l| l.config);
            crate::scaffold::new_article(&full, today(None)?, site.as_ref())?;
            eprintln!(
                "Created {}. It is a draft until you set `draft: false`.",
                full.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

impl SiteArgs {
    pub fn options(&self) -> Result<BuildOptions> {
        let now = now(self.now.as_deref(), self.today.as_deref())?;
        let today = match (&self.today, &self.now) {
            (None, Some(_)) => now.date_utc(),
            _ => today(self.today.as_deref())?,
        };
        Ok(BuildOptions {
            root: self.root.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            today,
            now,
            report: false,
        })
    }
}

/// The build time: `--now`, else the start (UTC) of `--today`, else
/// `SOURCE_DATE_EPOCH`, else the clock. With `today`, the only places a build
/// reads the clock.
pub fn now(flag: Option<&str>, today_flag: Option<&str>) -> Result<Instant> {
    if let Some(text) = flag {
        return Instant::parse(text).map_err(|m| Error::Usage(format!("--now: {m}")));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        && today_flag.is_none()
    {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH must be a number of seconds, not `{epoch}`"
            ))
        })?;
        return jiff::Timestamp::from_second(seconds)
            .map(Instant::from_timestamp)
            .map_err(|_| Error::Usage("SOURCE_DATE_EPOCH is out of range".into()));
    }
    if let Some(text) = today_flag {
        return Date::parse(text)
            .map(Date::start_instant)
            .map_err(|m| Error::Usage(format!("--today: {m}")));
    }
    Ok(Instant::from_timestamp(jiff::Timestamp::now()))
}

/// The site's settings, or `None` with their problems printed when
/// site.yaml cannot be used.
pub(crate) fn usable_config(root: &std::path::Path) -> Result<Option<crate::config::Config>> {
    let loaded = crate::config::load(root)?;
    if loaded.config.is_none() {
        let text = report::render(
            &loaded.diagnostics,
            report::Format::Human,
            root,
            stderr_color(),
        );
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    Ok(loaded.config)
}

/// `pamphlet new update <topic>`: the one command that reads the clock for
/// content, because the author asks for an entry stamped "now".
fn new_update(root: &std::path::Path, topic: &str, language: Option<&str>) -> Result<ExitCode> {
    let Some(config) = usable_config(root)? else {
        return Ok(ExitCode::from(1));
    };
    let clock = Instant::from_timestamp(jiff::Timestamp::now());
    let written = crate::scaffold::new_update(&config, topic, language, clock)?;
    if let Some(page) = &written.topic_page {
        eprintln!(
            "Created {} (the topic's page: give it a title and a short introduction).",
            page.display()
        );
    }
    eprintln!(
        "Created {}. Write the update below its front matter; it is published with the next build.",
        written.entry.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The build date: `--today`, else `SOURCE_DATE_EPOCH`, else the clock.
/// This is the only place a build reads the clock.
pub fn today(flag: Option<&str>) -> Result<Date> {
    if let Some(text) = flag {
        return Date::parse(text).map_err(|m| Error::Usage(format!("--today: {m}")));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH must be a number of seconds, not `{epoch}`"
            ))
        })?;
        return Date::from_unix_seconds(seconds)
            .ok_or_else(|| Error::Usage("SOURCE_DATE_EPOCH is out of range".into()));
    }
    let now = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    Ok(Date::new(now.year(), now.month(), now.day()).expect("the clock gives a valid date"))
}

fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn print_diagnostics(report: &BuildReport, root: &std::path::Path) {
    if report.diagnostics.is_empty() {
        return;
    }
    let text = report::render_with_sources(
        &report.diagnostics,
        report::Format::Human,
        root,
        stderr_color(),
        &report.sources,
    );
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn build(args: BuildArgs) -> Result<ExitCode> {
    let mut options = args.site.options()?;
    options.report = !args.no_report;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let started = std::time::Instant::now();
    let report = pipeline::run(&options, Target::Folder(output.clone()))?;
    print_diagnostics(&report, &options.root);
    if args.timings {
        for lap in &report.timings {
            let cpu = lap
                .cpu
                .map(|cpu| format!(" (CPU {:.0} ms)", cpu.as_secs_f64() * 1000.0))
                .unwrap_or_default();
            eprintln!(
                "  {:<24} {:>8.1} ms{cpu}",
                lap.stage,
                lap.wall.as_secs_f64() * 1000.0
            );
        }
        let cards = &report.share_images;
        eprintln!(
            "  {:<24} {:>8} drawn, {} from cache",
            "share images", cards.rendered, cards.cached
        );
        if cards.rendered > 0 {
            eprintln!(
                "  {:<24} {:>8.1} ms (CPU time, largest {} KB)",
                "share image each",
                cards.render_time.as_secs_f64() * 1000.0 / cards.rendered as f64,
                cards.largest.div_ceil(1024)
            );
        }
        let images = &report.images;
        eprintln!(
            "  {:<24} {:>8} resized, {} copies from cache",
            "images", images.encoded, images.cached
        );
        if images.encoded > 0 {
            eprintln!(
                "  {:<24} {:>8.1} ms (CPU time)",
                "image each",
                images.encode_time.as_secs_f64() * 1000.0 / images.encoded as f64
            );
        }
        if let Some(kib) = peak_memory_kib() {
            eprintln!("  {:<24} {:>8.1} MiB", "peak memory", kib as f64 / 1024.0);
        }
    }
    if let Some(page) = report.private_report.as_ref().filter(|_| !args.quiet) {
        eprintln!(
            "Editorial report (private, not published): {}",
            page.display()
        );
    }
    if report.published {
        if !args.quiet {
            print_next_expiry(&report);
            eprintln!(
                "Built {} pages and {} files into {} in {:.2} s ({}).",
                report.pages,
                report.files,
                output.display(),
                started.elapsed().as_secs_f64(),
                report::summary_line(&report.diagnostics)
            );
        }
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "Nothing was published: {}. The previous {} is unchanged.",
            report::summary_line(&report.diagnostics),
            output.display()
        );
        Ok(ExitCode::from(1))
    }
}

/// When an alert will expire: the site must be rebuilt then for it to
/// disappear. The line is stable so CI can read it: `Next alert expiry: <RFC 3339> (<file>)`.
fn print_next_expiry(report: &BuildReport) {
    if let Some((when, file)) = &report.next_alert_expiry {
        eprintln!(
            "Next alert expiry: {} ({}); rebuild then to take it down.",
            when.rfc3339(),
            file.display()
        );
    }
}

/// Peak resident memory of this process (Linux only), for `--timings`.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    if let Some(code) = &args.explain {
        return explain::explain(code);
    }
    let options = args.site.options()?;
    let mut report = pipeline::run(&options, Target::Nowhere)?;
    if args.strict {
        report.diagnostics.escalate_warnings();
    }
    match args.format {
        report::Format::Human => {
            print_diagnostics(&report, &options.root);
            if report.coverage.languages.len() > 1 {
                eprintln!("{}", report.coverage.to_text());
            }
            eprintln!("{}.", report::summary_line(&report.diagnostics));
        }
        report::Format::Json => {
            let mut extra = serde_json::Map::new();
            extra.insert(
                "coverage".to_string(),
                serde_json::to_value(&report.coverage).unwrap_or_default(),
            );
            let text = report::json_with(&report.diagnostics, extra);
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
        format => {
            let text = report::render_with_sources(
                &report.diagnostics,
                format,
                &options.root,
                false,
                &report.sources,
            );
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }
    print_next_expiry(&report);
    Ok(if report.diagnostics.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn serve(args: ServeArgs) -> Result<ExitCode> {
    let site = args.site.options()?;
    if let Some(samples) = args.bench_latency {
        crate::serve::bench_latency(site, samples)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut options = crate::serve::ServeOptions::new(site);
    options.port = args.port;
    options.bind = args.bind;
    crate::serve::run(options, args.open)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod build_time_tests {
    use super::*;

    #[test]
    fn the_build_time_comes_from_now_then_today() {
        let pinned = now(Some("2026-06-01T14:30:00-04:00"), Some("2026-01-01")).unwrap();
        assert_eq!(pinned.rfc3339(), "2026-06-01T18:30:00Z");
        // Whatever SOURCE_DATE_EPOCH says, `--today` wins over it.
        let day = now(None, Some("2026-06-01")).unwrap();
        assert_eq!(day.rfc3339(), "2026-06-01T00:00:00Z");
        assert!(now(Some("soon"), None).is_err());
        let options = SiteArgs {
            root: PathBuf::from("."),
            base_url: None,
            drafts: false,
            today: None,
            now: Some("2026-06-01T01:00:00+02:00".into()),
        }
        .options()
        .unwrap();
        assert_eq!(
            options.today,
            Date::new(2026, 5, 31).unwrap(),
            "the date of --now, in UTC"
        );
    }
}
