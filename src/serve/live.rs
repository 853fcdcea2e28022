//! What the preview shows, and the thread that keeps it up to date.
//!
//! [`Shared`] holds the current [`Snapshot`]: the files of the last build
//! without errors (what the browser gets), the site as it is now (for the
//! author panel), and the latest failure (for the overlay). The
//! [`Rebuilder`] thread waits for a burst of file changes, updates the
//! [`Build`], swaps in a new snapshot, prints what happened, and sends one
//! [`LiveEvent`] to every open page.

use super::watch::{self, Message};
use crate::dates::Date;
use crate::diagnostics::{Diagnostics, report};
use crate::error::{Error, Result};
use crate::output::Files;
use crate::pipeline::{Build, BuildOptions, Rebuild, Scope};
use crate::site::Site;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// A message to every open page, sent as a Server-Sent Event named after
/// its `type`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum LiveEvent {
    /// Reload the page (it changed, or the problems shown did).
    Reload {
        generation: u64,
        /// Pages rendered again (for the curious and the benchmark).
        pages: usize,
        milliseconds: u64,
    },
    /// Only stylesheets changed: fetch these again (URL paths), no reload.
    Css { generation: u64, paths: Vec<String> },
    /// The rebuild failed: show this overlay over the page.
    Failed { generation: u64, overlay: String },
}

impl LiveEvent {
    pub fn name(&self) -> &'static str {
        match self {
            LiveEvent::Reload { .. } => "reload",
            LiveEvent::Css { .. } => "css",
            LiveEvent::Failed { .. } => "failed",
        }
    }
}

/// Why the latest rebuild was not published.
#[derive(Debug, Clone)]
pub(crate) enum Failure {
    /// Problems in the content (the diagnostics with errors).
    Content(Diagnostics),
    /// A problem outside the content: a broken template, an unreadable file.
    Fatal(String),
}

/// What is served right now. Replaced as a whole after each rebuild.
pub(crate) struct Snapshot {
    /// Counts the changes pages were told about; a page that was served an
    /// older generation reloads when it connects.
    pub generation: u64,
    /// The files of the last build without errors.
    pub files: Arc<Files>,
    /// The site as it is now, errors and all (`None` if it could not be read).
    pub site: Option<Arc<Site>>,
    /// Words of each page of `site`, by page id.
    pub word_counts: Arc<Vec<usize>>,
    /// By page id: the reading level in words, when measured.
    pub reading_levels: Arc<Vec<Option<String>>>,
    /// By page id: the image shared with the page, `(url, alt)`.
    pub share_images: Arc<Vec<Option<(String, String)>>>,
    /// Every diagnostic of the site as it is now.
    pub diagnostics: Arc<Diagnostics>,
    pub failure: Option<Failure>,
}

/// State shared by the HTTP handlers and the rebuild thread.
pub(crate) struct Shared {
    current: RwLock<Arc<Snapshot>>,
    pub events: broadcast::Sender<LiveEvent>,
    /// The site folder, with links resolved.
    pub root: PathBuf,
    /// `` or the sub-folder the site is served under (`/health`).
    pub base_path: String,
    pub today: Date,
    /// The host the site is published at (for share previews).
    pub published_host: String,
    pub verbose: bool,
}

impl Shared {
    pub fn new(
        options: &BuildOptions,
        base_path: String,
        published_host: String,
        verbose: bool,
    ) -> Shared {
        let (events, _) = broadcast::channel(16);
        Shared {
            current: RwLock::new(Arc::new(Snapshot {
                generation: 0,
                files: Arc::default(),
                site: None,
                word_counts: Arc::default(),
                reading_levels: Arc::default(),
                share_images: Arc::default(),
                diagnostics: Arc::default(),
                failure: None,
            })),
            events,
            root: options.root.clone(),
            base_path,
            today: options.today,
            published_host,
            verbose,
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn replace(&self, snapshot: Snapshot) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    }

    /// Takes in a build's outcome: a new snapshot, and the event to send
    /// (`None` when nothing a reader sees changed). Also returns the
    /// previous snapshot, to be dropped once the event is on its way:
    /// freeing a large site model takes longer than the rebuild itself.
    fn publish(
        &self,
        build: &Build,
        outcome: &Result<Rebuild>,
    ) -> (Option<LiveEvent>, Arc<Snapshot>) {
        let previous = self.snapshot();
        let generation = previous.generation + 1;
        let diagnostics = build.shared_diagnostics();
        let failure = match outcome {
            Err(error) => Some(Failure::Fatal(error.to_string())),
            Ok(rebuild) if !rebuild.report.published => Some(Failure::Content(
                build
                    .diagnostics()
                    .iter()
                    .filter(|d| d.is_error())
                    .cloned()
                    .collect(),
            )),
            Ok(_) => None,
        };
        let files = match failure {
            None => Arc::new(build.files()),
            Some(_) => previous.files.clone(),
        };
        let changed = changed_files(&previous.files, &files);
        let event = match &failure {
            Some(failure) => Some(LiveEvent::Failed {
                generation,
                overlay: super::inject::overlay(failure, &self.root),
            }),
            None if previous.failure.is_some()
                || !Arc::ptr_eq(&previous.diagnostics, &diagnostics) =>
            {
                Some(reload(generation, outcome))
            }
            None if changed.is_empty() => None,
            None if changed
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css")) =>
            {
                Some(LiveEvent::Css {
                    generation,
                    paths: changed
                        .iter()
                        .map(|p| format!("{}/{}", self.base_path, slashes(p)))
                        .collect(),
                })
            }
            None => Some(reload(generation, outcome)),
        };
        let site = build.site();
        let word_counts = Arc::new(build.facts().iter().map(|f| f.word_count).collect());
        let reading_levels = Arc::new(
            build
                .facts()
                .iter()
                .map(|f| super::panel::reading_level(f.readability.as_ref()))
                .collect(),
        );
        self.replace(Snapshot {
            generation: if event.is_some() {
                generation
            } else {
                previous.generation
            },
            files,
            site,
            word_counts,
            reading_levels,
            share_images: Arc::new(build.share_images()),
            diagnostics,
            failure,
        });
        (event, previous)
    }
}

fn reload(generation: u64, outcome: &Result<Rebuild>) -> LiveEvent {
    let (pages, milliseconds) = match outcome {
        Ok(rebuild) => (
            rebuild.report.pages,
            rebuild
                .report
                .timings
                .iter()
                .map(|lap| lap.wall.as_millis() as u64)
                .sum(),
        ),
        Err(_) => (0, 0),
    };
    LiveEvent::Reload {
        generation,
        pages,
        milliseconds,
    }
}

/// Output paths whose bytes differ between two builds (added and removed too).
fn changed_files(old: &Files, new: &Files) -> Vec<PathBuf> {
    // Both maps are sorted by path: one walk through the two side by side
    // (on a large site a lookup per file, comparing paths component by
    // component, took most of the time between a rebuild and its reload).
    let mut changed = Vec::new();
    let (mut old, mut new) = (old.iter().peekable(), new.iter().peekable());
    loop {
        match (old.peek(), new.peek()) {
            (None, None) => break,
            (Some((path, _)), None) => {
                changed.push(path.to_path_buf());
                old.next();
            }
            (None, Some((path, _))) => {
                changed.push(path.to_path_buf());
                new.next();
            }
            // A path kept from one build to the next is one allocation:
            // no need to compare it component by component.
            (Some((old_path, before)), Some((new_path, bytes))) => {
                match if Arc::ptr_eq(old_path, new_path) {
                    std::cmp::Ordering::Equal
                } else {
                    old_path.cmp(new_path)
                } {
                    std::cmp::Ordering::Less => {
                        changed.push(old_path.to_path_buf());
                        old.next();
                    }
                    std::cmp::Ordering::Greater => {
                        changed.push(new_path.to_path_buf());
                        new.next();
                    }
                    std::cmp::Ordering::Equal => {
                        if !Arc::ptr_eq(before, bytes) && before[..] != bytes[..] {
                            changed.push(new_path.to_path_buf());
                        }
                        old.next();
                        new.next();
                    }
                }
            }
        }
    }
    changed.sort();
    changed
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The first build, before the server answers. Problems are printed and
/// shown in the browser; the server starts anyway.
pub(crate) fn first_build(build: &mut Build, shared: &Shared) {
    let started = Instant::now();
    let outcome = build.full();
    shared.publish(build, &outcome);
    if shared.verbose {
        print_outcome(&outcome, build, shared, started.elapsed());
    }
}

/// Prints how a rebuild went, with the same diagnostics the browser shows.
fn print_outcome(outcome: &Result<Rebuild>, build: &Build, shared: &Shared, took: Duration) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = String::new();
    let paths = outcome.as_ref().map_or(&[][..], |r| r.changed.as_slice());
    let what = match paths {
        [] => String::new(),
        [one] => format!(" after a change to {}", slashes(one)),
        [first, rest @ ..] => format!(
            " after changes to {} and {} more",
            slashes(first),
            rest.len()
        ),
    };
    let ms = took.as_secs_f64() * 1000.0;
    match outcome {
        Err(error) => {
            out.push_str(&format!(
                "error: {error}\nThe site could not be rebuilt{what}; the browser keeps the last version that built.\n"
            ));
        }
        Ok(rebuild) => {
            let diagnostics = build.diagnostics();
            if !diagnostics.is_empty() {
                out.push_str(&report::render(
                    diagnostics,
                    report::Format::Human,
                    &shared.root,
                    color,
                ));
            }
            let summary = report::summary_line(diagnostics);
            if rebuild.report.published {
                let done = match &rebuild.scope {
                    Scope::Everything => format!("Built all {} pages", rebuild.report.pages),
                    Scope::Pages(urls) if urls.is_empty() => "Updated".to_string(),
                    Scope::Pages(urls) if urls.len() == 1 => "Rebuilt 1 page".to_string(),
                    Scope::Pages(urls) => format!("Rebuilt {} pages", urls.len()),
                };
                out.push_str(&format!("{done} in {ms:.0} ms{what} ({summary}).\n"));
            } else {
                out.push_str(&format!(
                    "Not updated{what}: {summary}. The browser shows the problems over the last version that built.\n"
                ));
            }
        }
    }
    let _ = std::io::stderr().write_all(out.as_bytes());
}

/// Updates the build; a bug that panics on some content becomes a problem
/// shown in the browser, and the next change builds everything afresh.
fn update(build: &mut Build, paths: &[PathBuf]) -> Result<Option<Rebuild>> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build.update(paths))) {
        Ok(result) => result,
        Err(_) => {
            build.reset();
            Err(Error::Usage(
                "Pamphlet stopped with an internal error while rebuilding (please report it, \
                 with the file you changed); the next change rebuilds everything"
                    .into(),
            ))
        }
    }
}

/// The rebuild thread and the file watcher that feeds it.
pub(crate) struct Rebuilder {
    sender: Sender<Message>,
    thread: JoinHandle<()>,
}

impl Rebuilder {
    pub fn start(build: Build, shared: Arc<Shared>, debounce: Duration) -> Result<Rebuilder> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let mut watcher = watch::Watcher::start(&shared.root, sender.clone())?;
        let thread = std::thread::Builder::new()
            .name("pamphlet-rebuild".into())
            .spawn(move || {
                let mut build = build;
                while let Some(paths) = watch::next_burst(&receiver, debounce, watch::SETTLE) {
                    watcher.follow_new_folders(&paths);
                    let started = Instant::now();
                    let outcome = match update(&mut build, &paths) {
                        Ok(None) => continue,
                        Ok(Some(rebuild)) => Ok(rebuild),
                        Err(error) => Err(error),
                    };
                    let (event, previous) = shared.publish(&build, &outcome);
                    if let Some(event) = event {
                        // No open page is not an error.
                        let _ = shared.events.send(event);
                    }
                    rayon::spawn(move || drop(previous));
                    // The edited page is on its way; now the feeds, sitemap and
                    // other site-wide files, published without a second reload.
                    if outcome.is_ok() && matches!(build.finish_site_wide(), Ok(true)) {
                        let (_, previous) = shared.publish(&build, &outcome);
                        rayon::spawn(move || drop(previous));
                    }
                    if shared.verbose {
                        print_outcome(&outcome, &build, &shared, started.elapsed());
                    }
                }
            })
            .map_err(|e| Error::Usage(format!("could not start the rebuild thread: {e}")))?;
        Ok(Rebuilder { sender, thread })
    }

    /// Stops watching and waits for a rebuild under way to finish.
    pub fn stop(self) {
        let _ = self.sender.send(Message::Stop);
        let _ = self.thread.join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> Files {
        entries
            .iter()
            .map(|(path, text)| (Arc::from(Path::new(path)), Arc::from(text.as_bytes())))
            .collect()
    }

    #[test]
    fn changed_files_are_the_added_removed_and_edited_ones() {
        let old = files(&[
            ("a.html", "a"),
            ("b.html", "b"),
            ("c.css", "c"),
            ("e.html", "e"),
        ]);
        let mut new = old.clone();
        new.remove(Path::new("b.html"));
        new.insert(Arc::from(Path::new("c.css")), Arc::from(&b"c2"[..]));
        new.insert(Arc::from(Path::new("d.html")), Arc::from(&b"d"[..]));
        // Same bytes in a new allocation: not a change.
        new.insert(Arc::from(Path::new("e.html")), Arc::from(&b"e"[..]));
        assert_eq!(
            changed_files(&old, &new),
            ["b.html", "c.css", "d.html"].map(PathBuf::from)
        );
        assert!(changed_files(&new, &new).is_empty());
        assert_eq!(changed_files(&Files::new(), &old).len(), 4);
    }
}
