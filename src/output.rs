//! Where rendered files go: a staging folder swapped in at the end, memory
//! (for the live preview), or nowhere (for `check`).
//!
//! A build never writes into the published folder directly. It fills a
//! staging folder beside it and, only if the whole build succeeded, swaps
//! it in: a failed or interrupted build leaves the previous output as it was.

mod guard;
mod lock;
mod resolve;
pub mod swap;

use crate::error::{Error, Result};
pub use guard::{MARKER, MARKER_TEXT, SiteInputs};
use lock::BuildLock;
pub use resolve::resolve;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A destination for the files of a build. Implementations are shared by
/// the rendering threads.
pub trait Output: Sync {
    /// Writes a file at `path` (relative to the output root).
    fn write(&self, path: &Path, bytes: &[u8]) -> Result<()>;

    /// Writes bytes another build already holds (memory keeps them shared).
    fn write_shared(&self, path: &Path, bytes: Arc<[u8]>) -> Result<()> {
        self.write(path, &bytes)
    }

    /// Copies a file from disk to `path` (relative to the output root).
    fn copy(&self, path: &Path, from: &Path) -> Result<()> {
        let bytes = std::fs::read(from).map_err(|e| Error::io(from, e))?;
        self.write(path, &bytes)
    }

    /// Publishes a file of the build cache (a share image) at `path`. The
    /// cache is Pamphlet's own, never an author's file, so a folder output
    /// may link to it instead of copying it.
    fn publish_cached(&self, path: &Path, from: &Path) -> Result<()> {
        self.copy(path, from)
    }
}

/// Discards everything (`pamphlet check`).
pub struct Discard;

impl Output for Discard {
    fn write(&self, _: &Path, _: &[u8]) -> Result<()> {
        Ok(())
    }
    fn copy(&self, _: &Path, _: &Path) -> Result<()> {
        Ok(())
    }
}

/// The files of a build kept in memory: output path → bytes. Paths and
/// bytes are shared, so a copy of the whole map (what the live preview
/// serves while the next rebuild runs) allocates no path and no file, and a
/// path kept from one copy to the next is the same allocation in both.
pub type Files = BTreeMap<Arc<Path>, Arc<[u8]>>;

/// Keeps every file in memory (the live preview serves from it).
#[derive(Default)]
pub struct Memory {
    files: Mutex<Files>,
}

impl Memory {
    fn lock(&self) -> std::sync::MutexGuard<'_, Files> {
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn into_files(self) -> BTreeMap<PathBuf, Vec<u8>> {
        self.files
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|(path, bytes)| (path.to_path_buf(), bytes.to_vec()))
            .collect()
    }

    /// A copy of every file, sharing the bytes.
    pub fn snapshot(&self) -> Files {
        self.lock().clone()
    }

    /// One file, if it was written.
    pub fn get(&self, path: &Path) -> Option<Arc<[u8]>> {
        self.lock().get(path).cloned()
    }

    /// Writes a file whose bytes another build already holds (no copy).
    pub fn insert_shared(&self, path: &Path, bytes: Arc<[u8]>) {
        let mut files = self.lock();
        // Rewriting a file keeps its path's allocation (see [`Files`]).
        match files.get_mut(path) {
            Some(old) => *old = bytes,
            None => {
                files.insert(Arc::from(path), bytes);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }
}

impl Output for Memory {
    fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.insert_shared(path, Arc::from(bytes));
        Ok(())
    }

    fn write_shared(&self, path: &Path, bytes: Arc<[u8]>) -> Result<()> {
        self.insert_shared(path, bytes);
        Ok(())
    }
}

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
