//! Publishing a build into a folder. A build never writes into the
//! published folder directly. It fills a staging folder beside it and, only
//! if the whole build succeeded, swaps it in: a failed or interrupted build
//! leaves the previous output as it was. Which folders may be replaced at
//! all is [`guard`]'s; two builds into one folder are kept apart by
//! [`lock`].

mod guard;
mod lock;
mod resolve;
pub mod swap;

use crate::error::{Error, Result};
use crate::output::Output;
pub use guard::{MARKER, MARKER_TEXT, SiteInputs};
use lock::BuildLock;
pub use resolve::resolve;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A staging folder next to the target, swapped in by [`Staging::commit`].
pub struct Staging {
    /// The output folder, resolved (see [`resolve`]).
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Folders made so far: a page's folder also receives its share image,
    /// and asking the file system again costs two system calls per file.
    made: Mutex<std::collections::HashSet<PathBuf>>,
    /// Held until the staging folder is swapped in or discarded.
    _lock: BuildLock,
}

impl Staging {
    /// Creates an empty staging folder beside `target`, once `inputs` allow
    /// the target (see [`SiteInputs::check`]): a refused target is refused
    /// before anything is written, lock and staging folder included.
    pub fn new(inputs: &SiteInputs, target: &Path) -> Result<Staging> {
        let target = inputs.check(target)?;
        let (parent, name) = split(&target);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let lock = BuildLock::acquire(&parent, &name)?;
        lock::clear_leftovers(&parent, &name, &target);
        // Checked again under the lock: a killed build's old output may
        // just have been put back, or another build may have published.
        inputs.check(&target)?;
        let dir = parent.join(lock::staging_name(&name));
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        let staging = Staging {
            target,
            dir,
            committed: false,
            made: Mutex::default(),
            _lock: lock,
        };
        let marker = staging.dir.join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
        Ok(staging)
    }

    /// Replaces the target folder with the staged one. If either move
    /// fails, the previous output is where it was and the staging folder
    /// is removed (when `self` drops).
    pub fn commit(mut self) -> Result<()> {
        let (parent, name) = split(&self.target);
        let old = parent.join(lock::old_name(&name));
        // The folder may have changed during the build: the same rule again.
        guard::replaceable(&self.target).map_err(|why| {
            Error::Usage(format!(
                "`{}` changed during the build and Pamphlet may no longer replace it: {why}; nothing was published",
                self.target.display()
            ))
        })?;
        let had_output = std::fs::symlink_metadata(&self.target).is_ok();
        if had_output {
            swap::rename(&self.target, &old, swap::Step::MoveOldAside)
                .map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = swap::rename(&self.dir, &self.target, swap::Step::MoveNewIn) {
            // Put the previous output back before reporting.
            if had_output {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        if had_output {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(())
    }

    /// Makes the folder `full` goes in, unless this build already has.
    fn make_parent(&self, full: &Path) -> Result<()> {
        let Some(parent) = full.parent() else {
            return Ok(());
        };
        let made = || self.made.lock().unwrap_or_else(|e| e.into_inner());
        if made().contains(parent) {
            return Ok(());
        }
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        made().insert(parent.to_path_buf());
        Ok(())
    }
}

/// The folder holding a resolved output and the output's name (a resolved
/// path accepted by [`SiteInputs::check`] has both).
fn split(target: &Path) -> (PathBuf, String) {
    let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
    let name = target
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

impl Output for Staging {
    fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let full = self.dir.join(path);
        self.make_parent(&full)?;
        std::fs::write(&full, bytes).map_err(|e| Error::io(&full, e))
    }

    fn copy(&self, path: &Path, from: &Path) -> Result<()> {
        let full = self.dir.join(path);
        self.make_parent(&full)?;
        std::fs::copy(from, &full)
            .map(|_| ())
            .map_err(|e| Error::io(from, e))
    }

    /// A hard link when the cache and the output are on one file system:
    /// ten thousand share images then cost ten thousand directory entries,
    /// not ten thousand new files. Cache files are replaced, never edited
    /// in place, so the link cannot change a published image later.
    fn publish_cached(&self, path: &Path, from: &Path) -> Result<()> {
        let full = self.dir.join(path);
        self.make_parent(&full)?;
        if std::fs::hard_link(from, &full).is_ok() {
            return Ok(());
        }
        std::fs::copy(from, &full)
            .map(|_| ())
            .map_err(|e| Error::io(from, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests;
