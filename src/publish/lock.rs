//! The build lock beside an output folder (`.public.pamphlet-lock`), so two
//! builds into one folder never interleave, and the clean-up of what a
//! killed build left behind.
//!
//! The lock is the operating system's lock on that file, which dies with
//! the process holding it: a build that was killed never blocks the next
//! one, whatever its lock file still contains (the process id written into
//! it is only there to name the build in a message).

use super::guard::replaceable;
use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Names of the files and folders a build keeps beside the output `name`.
pub(super) fn lock_name(name: &str) -> String {
    format!(".{name}.pamphlet-lock")
}
pub(super) fn staging_name(name: &str) -> String {
    format!(".{name}.pamphlet-staging-{}", std::process::id())
}
pub(super) fn old_name(name: &str) -> String {
    format!(".{name}.pamphlet-old-{}", std::process::id())
}

/// Held from before the staging folder is made until it is swapped in or
/// discarded.
pub(super) struct BuildLock {
    path: PathBuf,
    file: File,
}

impl BuildLock {
    pub(super) fn acquire(parent: &Path, name: &str) -> Result<BuildLock> {
        let path = parent.join(lock_name(name));
        // Another build may delete the file between our open and our lock
        // (it is done); the lock then holds a file nobody else sees: retry.
        for _ in 0..4 {
            clear_stray(&path)?;
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| Error::io(&path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(busy(&mut file, &parent.join(name)));
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
            if !still_at(&file, &path) {
                continue;
            }
            // Whatever an earlier build left in it, it is ours now.
            let _ = file.set_len(0);
            let _ = write!(file, "{}", std::process::id());
            return Ok(BuildLock { path, file });
        }
        Err(Error::Usage(format!(
            "could not take the build lock `{}`; try again",
            path.display()
        )))
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        // Removed while still locked, so no build can lock the old file
        // after ours is released (it would notice and retry anyway).
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// A link or folder where the lock file goes is not the lock: a link is
/// removed (never followed, so nothing it points to is written), a folder
/// is refused.
fn clear_stray(path: &Path) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return std::fs::remove_file(path).map_err(|e| Error::io(path, e));
    }
    if !meta.is_file() {
        return Err(Error::Usage(format!(
            "`{}` is in the way of the build lock: it should be a file Pamphlet makes; delete it",
            path.display()
        )));
    }
    Ok(())
}

/// The message when another live build holds the lock.
fn busy(file: &mut File, target: &Path) -> Error {
    let mut text = String::new();
    let _ = Read::by_ref(file).take(32).read_to_string(&mut text);
    let who = match text.trim().parse::<u32>() {
        Ok(pid) => format!("process {pid}"),
        Err(_) => "another process".to_string(),
    };
    Error::Usage(format!(
        "another Pamphlet build ({who}) is writing to `{}`; wait for it to finish and build again",
        target.display()
    ))
}

/// Whether `path` still names the file `file` has open.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, path: &Path) -> bool {
    path.is_file()
}

/// Clears what killed builds left beside the output `target` (called with
/// the lock held, so no live build owns any of it). A build killed between
/// moving the old output aside and moving the new one in left the target
/// missing: the old output is put back. Only folders [`replaceable`] would
/// allow (empty or marked) are removed; anything else is left alone.
pub(super) fn clear_leftovers(parent: &Path, name: &str, target: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}.pamphlet-staging-");
    let old = format!(".{name}.pamphlet-old-");
    for entry in entries.filter_map(std::result::Result::ok) {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let is_old = numbered(file_name, &old);
        if !(is_old || numbered(file_name, &staging)) {
            continue;
        }
        let path = entry.path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        if replaceable(&path).is_err() {
            continue;
        }
        if is_old
            && std::fs::symlink_metadata(target).is_err()
            && std::fs::rename(&path, target).is_ok()
        {
            continue;
        }
        let _ = std::fs::remove_dir_all(&path);
    }
}

/// Whether `name` is `prefix` followed by a process id.
fn numbered(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
