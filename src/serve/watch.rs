//! Watching the site's files, and grouping an editor's burst of events
//! into one change.
//!
//! The site root is watched on its own (site.yaml, and site folders created
//! later), and `content/`, `static/`, `templates/`, `i18n/`, `themes/` and `data/`
//! with everything in them. Events that only say a file was read are
//! dropped: the rebuild itself reads every changed file. Which paths matter
//! is decided by the build ([`Build::update`](crate::pipeline::Build::update)),
//! which also ignores editors' temporary files; an editor that saves by
//! writing a temporary file and renaming it over the article shows up as
//! the article's path, which is all the build needs.

use crate::error::{Error, Result};
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// The folders of a site whose files are part of a build.
const SITE_FOLDERS: [&str; 6] = ["content", "static", "templates", "i18n", "themes", "data"];

/// The longest a burst of events may delay a rebuild (a `git checkout` of
/// many files keeps events coming; rebuild at least this often).
const LONGEST_BURST: Duration = Duration::from_millis(500);

/// The quiet time that ends a burst once a save has completed (a file
/// closed after writing, renamed into place, or removed). What editors do
/// after that (change the mode, delete a backup) follows within a
/// millisecond; anything later is a change of its own and rebuilds again.
pub(crate) const SETTLE: Duration = Duration::from_millis(4);

/// What the rebuild thread receives.
#[derive(Debug)]
pub(crate) enum Message {
    /// Paths an event touched, and whether the event ends a save
    /// ([`completes_a_save`]).
    Changed(Vec<PathBuf>, bool),
    Stop,
}

pub(crate) struct Watcher {
    inner: RecommendedWatcher,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (absolute), sending changes to `sender`.
    pub(super) fn start(root: &Path, sender: Sender<Message>) -> Result<Watcher> {
        let handler = move |result: notify::Result<notify::Event>| {
            if let Ok(event) = result
                && is_change(&event.kind)
                && !event.paths.is_empty()
            {
                let complete = completes_a_save(&event.kind);
                let _ = sender.send(Message::Changed(event.paths, complete));
            }
        };
        let inner = notify::recommended_watcher(handler).map_err(watch_error)?;
        let mut watcher = Watcher {
            inner,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        watcher
            .inner
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        for name in SITE_FOLDERS {
            watcher.watch_folder(&root.join(name))?;
        }
        Ok(watcher)
    }

    fn watch_folder(&mut self, folder: &Path) -> Result<()> {
        if folder.is_dir() && !self.watched.contains(folder) {
            self.inner
                .watch(folder, RecursiveMode::Recursive)
                .map_err(watch_error)?;
            self.watched.insert(folder.to_path_buf());
        }
        Ok(())
    }

    /// Starts watching a site folder (`static/`…) created after the start.
    pub(super) fn follow_new_folders(&mut self, paths: &[PathBuf]) {
        for path in paths {
            let is_site_folder = path.parent() == Some(self.root.as_path())
                && path
                    .file_name()
                    .is_some_and(|n| SITE_FOLDERS.iter().any(|f| n == *f));
            if is_site_folder {
                // A folder that cannot be watched is reported on the next
                // change; the preview goes on with what it has.
                let _ = self.watch_folder(path);
            }
        }
    }
}

fn watch_error(error: notify::Error) -> Error {
    Error::Usage(format!(
        "could not watch the site's files for changes: {error}"
    ))
}

/// Whether an event can mean a file's content or existence changed.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        // A file written and closed: the end of a save.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        // Opened or read (the rebuild itself reads files).
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Whether an event is the last step of saving a file: the file closed
/// after writing, moved into (or out of) place, or removed. A file still
/// being written (created, or written to without a close yet) is not.
fn completes_a_save(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Remove(_)
    )
}

/// Waits for the next burst of changes: the first event, then more until a
/// quiet time passes without one (or [`LONGEST_BURST`] in all). The quiet
/// time is `settle` once an event has completed a save, else `quiet`: a
/// save shows in the browser as soon as it is done, while a file still
/// being written is waited for. The paths come sorted and without repeats.
/// `None` when the watcher stops.
pub(crate) fn next_burst(
    receiver: &Receiver<Message>,
    quiet: Duration,
    settle: Duration,
) -> Option<Vec<PathBuf>> {
    let mut paths = BTreeSet::new();
    let mut complete = match receiver.recv() {
        Ok(Message::Changed(first, complete)) => {
            paths.extend(first);
            complete
        }
        Ok(Message::Stop) | Err(_) => return None,
    };
    let started = Instant::now();
    loop {
        let left = LONGEST_BURST.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        let wait = if complete { settle.min(quiet) } else { quiet };
        match receiver.recv_timeout(wait.min(left)) {
            Ok(Message::Changed(more, completes)) => {
                paths.extend(more);
                complete |= completes;
            }
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    Some(paths.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind, RenameMode};

    #[test]
    fn reads_are_not_changes() {
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
        ] {
            assert!(!is_change(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
        ] {
            assert!(is_change(&kind), "{kind:?}");
        }
    }

    #[test]
    fn a_burst_is_one_change_with_each_path_once() {
        let (sender, receiver) = std::sync::mpsc::channel();
        let a = PathBuf::from("/site/content/en/a.md");
        let b = PathBuf::from("/site/content/en/.a.md.swp");
        sender
            .send(Message::Changed(vec![b.clone()], false))
            .unwrap();
        sender
            .send(Message::Changed(vec![a.clone()], true))
            .unwrap();
        sender
            .send(Message::Changed(vec![a.clone()], false))
            .unwrap();
        // Plenty of quiet time: the three queued events are one burst.
        let quiet = Duration::from_millis(50);
        let burst = next_burst(&receiver, quiet, quiet).unwrap();
        assert_eq!(burst, [b, a]);
        sender.send(Message::Stop).unwrap();
        assert!(next_burst(&receiver, quiet, quiet).is_none());
    }

    #[test]
    fn a_completed_save_ends_the_burst_sooner() {
        let (sender, receiver) = std::sync::mpsc::channel();
        let a = PathBuf::from("/site/content/en/a.md");
        let (quiet, settle) = (Duration::from_millis(400), Duration::from_millis(5));

        // Still being written: the full quiet time passes before the burst ends.
        sender
            .send(Message::Changed(vec![a.clone()], false))
            .unwrap();
        let started = Instant::now();
        assert_eq!(
            next_burst(&receiver, quiet, settle).unwrap(),
            std::slice::from_ref(&a)
        );
        assert!(started.elapsed() >= quiet, "{:?}", started.elapsed());

        // Written and closed: only the settle time.
        sender
            .send(Message::Changed(vec![a.clone()], false))
            .unwrap();
        sender
            .send(Message::Changed(vec![a.clone()], true))
            .unwrap();
        let started = Instant::now();
        assert_eq!(next_burst(&receiver, quiet, settle).unwrap(), [a]);
        assert!(started.elapsed() < quiet, "{:?}", started.elapsed());
    }

    #[test]
    fn closing_moving_and_removing_complete_a_save() {
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert!(completes_a_save(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Permissions)),
        ] {
            assert!(!completes_a_save(&kind), "{kind:?}");
        }
    }

    #[test]
    fn saving_by_rename_reports_the_article() {
        let temp = tempfile::tempdir().unwrap();
        // The watcher reports real paths, so compare against the real one.
        let dir = temp.path().canonicalize().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::fs::create_dir_all(dir.join("content/en")).unwrap();
        std::fs::write(dir.join("content/en/a.md"), "old").unwrap();
        let _watcher = Watcher::start(&dir, sender).unwrap();
        // What many editors do: write a temporary file, rename it over the original.
        std::fs::write(dir.join("content/en/.a.md.tmp"), "new").unwrap();
        std::fs::rename(
            dir.join("content/en/.a.md.tmp"),
            dir.join("content/en/a.md"),
        )
        .unwrap();
        let mut seen = BTreeSet::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        while !seen.contains(&dir.join("content/en/a.md")) && Instant::now() < deadline {
            if let Ok(Message::Changed(paths, _)) =
                receiver.recv_timeout(Duration::from_millis(100))
            {
                seen.extend(paths);
            }
        }
        assert!(
            seen.iter().any(|p| p.ends_with("content/en/a.md")),
            "{seen:?}"
        );
    }
}
