//! The thread that keeps the preview up to date.
//!
//! [`Shared`] (in `state`) holds the current [`Snapshot`]: the files of the last build
//! without errors (what the browser gets), the site as it is now (for the
//! author panel), and the latest failure (for the overlay). The
//! [`Rebuilder`] thread waits for a burst of file changes, updates the
//! [`Build`], swaps in a new snapshot, prints what happened, and sends one
//! [`LiveEvent`] to every open page.

use super::state::{Failure, LiveEvent, Shared, Snapshot};
use super::watch::{self, Message};
use crate::diagnostics::report;
use crate::error::{Error, Result};
use crate::output::Files;
use crate::pipeline::{Build, Rebuild, Scope};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

impl Shared {
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
                overlay: super::problems::overlay(failure, &self.root),
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
            care_cards: Arc::new(build.facts().iter().map(|f| f.care_cards.clone()).collect()),
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
    pub(super) fn start(
        build: Build,
        shared: Arc<Shared>,
        debounce: Duration,
    ) -> Result<Rebuilder> {
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
    pub(super) fn stop(self) {
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
