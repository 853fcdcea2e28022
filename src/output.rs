//! Where rendered files go: the [`Output`] every stage writes to, memory
//! (for the live preview) or nowhere (for `check`). Writing into a folder,
//! through a staging folder swapped in at the end, is the `publish` module's.

use crate::error::{Error, Result};
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
