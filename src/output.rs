//! Where rendered files go: a staging folder swapped in at the end, memory
//! (for the live preview), or nowhere (for `check`).
//!
//! A build never writes into the published folder directly. It fills a
//! staging folder beside it and, only if the whole build succeeded, swaps
//! it in: a failed or interrupted build leaves the previous output as it was.

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

/// A staging folder next to the target, swapped in by [`Staging::commit`].
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Folders made so far: a page's folder also receives its share image,
    /// and asking the file system again costs two system calls per file.
    made: Mutex<std::collections::HashSet<PathBuf>>,
    /// Held until the staging folder is swapped in or discarded.
    _lock: BuildLock,
}

/// A lock file beside the output (`.public.pamphlet-lock`, holding the
/// process id), so two builds into the same folder never interleave. A lock
/// left by a build that was killed is noticed (its process is gone) and
/// cleared together with that build's half-written staging folder.
struct BuildLock {
    path: PathBuf,
}

impl BuildLock {
    fn acquire(parent: &Path, name: &str) -> Result<BuildLock> {
        let path = parent.join(format!(".{name}.pamphlet-lock"));
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    use std::io::Write;
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(BuildLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder: Option<u32> = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|t| t.trim().parse().ok());
                    match holder {
                        Some(pid) if process_is_running(pid) => {
                            return Err(Error::Usage(format!(
                                "another Pamphlet build (process {pid}) is writing to `{}`; wait for it to finish \
                                 (or, if no build is running, delete `{}`)",
                                parent.join(name).display(),
                                path.display()
                            )));
                        }
                        stale => {
                            // The previous build was interrupted: clear what it left.
                            if let Some(pid) = stale {
                                for leftover in [
                                    format!(".{name}.pamphlet-staging-{pid}"),
                                    format!(".{name}.pamphlet-old-{pid}"),
                                ] {
                                    let _ = std::fs::remove_dir_all(parent.join(leftover));
                                }
                            }
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Err(Error::Usage(format!(
            "could not take the build lock `{}`",
            path.display()
        )))
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a process is alive. Where this cannot be known, assume it is.
fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

impl Staging {
    /// Creates an empty staging folder beside `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let lock = BuildLock::acquire(parent, &name)?;
        let dir = parent.join(format!(".{name}.pamphlet-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
            made: Mutex::default(),
            _lock: lock,
        })
    }

    /// Replaces the target folder with the staged one.
    pub fn commit(mut self) -> Result<()> {
        let parent = self.dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = self
            .target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let old = parent.join(format!(".{name}.pamphlet-old-{}", std::process::id()));
        if self.target.exists() {
            if !self.target.is_dir() {
                return Err(Error::Usage(format!(
                    "the output `{}` exists and is not a folder; choose another --output",
                    self.target.display()
                )));
            }
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        if old.exists() {
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

/// Refuses output folders whose replacement would destroy the site itself.
pub fn check_target(root: &Path, target: &Path) -> Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, target) = (absolute(root), absolute(target));
    let protected = [
        "content",
        "static",
        "templates",
        "themes",
        "i18n",
        "site.yaml",
    ];
    if root.starts_with(&target) || protected.iter().any(|p| target.starts_with(root.join(p))) {
        return Err(Error::Usage(format!(
            "refusing to write the site into `{}`: it would replace the site's own files; use a separate folder such as `public`",
            target.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("pamphlet-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn commit_swaps_and_drop_discards() {
        let dir = temp("swap");
        let target = dir.join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();

        let failed = Staging::new(&target).unwrap();
        failed.write(Path::new("a/index.html"), b"new").unwrap();
        drop(failed);
        assert!(
            target.join("old.html").exists(),
            "a dropped build leaves the old output"
        );

        let staging = Staging::new(&target).unwrap();
        staging.write(Path::new("a/index.html"), b"new").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_to_overwrite_the_site() {
        let root = Path::new("/sites/clinic");
        assert!(check_target(root, Path::new("/sites/clinic/public")).is_ok());
        assert!(check_target(root, Path::new("/sites/clinic")).is_err());
        assert!(check_target(root, Path::new("/sites")).is_err());
        assert!(check_target(root, Path::new("/sites/clinic/content/x")).is_err());
    }
}

#[cfg(test)]
mod lock_tests {
    use super::*;

    #[test]
    fn a_second_build_into_the_same_folder_is_refused() {
        let dir = std::env::temp_dir().join(format!("pamphlet-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("public");
        let first = Staging::new(&target).unwrap();
        let second = Staging::new(&target);
        let message = second.err().expect("refused").to_string();
        assert!(message.contains("another Pamphlet build"), "{message}");
        drop(first);
        assert!(Staging::new(&target).is_ok(), "the lock is released");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_stale_lock_from_a_killed_build_is_cleared() {
        let dir = std::env::temp_dir().join(format!("pamphlet-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // A pid that cannot be running (above the kernel's maximum).
        let dead = 4_194_399u32;
        std::fs::write(dir.join(".public.pamphlet-lock"), dead.to_string()).unwrap();
        std::fs::create_dir_all(dir.join(format!(".public.pamphlet-staging-{dead}/en"))).unwrap();
        let staging = Staging::new(&dir.join("public")).unwrap();
        assert!(
            !dir.join(format!(".public.pamphlet-staging-{dead}"))
                .exists()
        );
        drop(staging);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
