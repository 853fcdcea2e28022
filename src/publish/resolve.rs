//! Where a path really leads: `.` and `..` taken out and every symbolic
//! link followed, including links whose target does not exist yet and
//! paths whose last parts do not exist yet.
//!
//! Every check on an output folder compares resolved paths, so no spelling
//! of a folder (`../site`, `site/content/..`, a link to the site) reaches a
//! different answer than the folder itself.

use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};

/// More links than this in one path is a loop (Linux stops at 40 too).
const MAX_LINKS: usize = 40;

/// One step still to take.
enum Step {
    Up,
    Into(OsString),
}

/// The absolute path `path` leads to once `.`, `..` and every symbolic link
/// are resolved. Unlike [`std::fs::canonicalize`], the path need not exist:
/// what does not exist yet is appended as written (minus `.` and `..`), and
/// a link to something missing is followed to where it points.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut out = PathBuf::new();
    let mut pending = Vec::new();
    queue(&absolute, &mut out, &mut pending);
    let mut links = 0;
    while let Some(step) = pending.pop() {
        let name = match step {
            // `out` never holds a link, so its parent is the real parent.
            Step::Up => {
                out.pop();
                continue;
            }
            Step::Into(name) => name,
        };
        let next = out.join(&name);
        match std::fs::symlink_metadata(&next) {
            Ok(meta) if meta.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(io::Error::other(format!(
                        "`{}` has too many symbolic links (a loop?)",
                        path.display()
                    )));
                }
                // A relative link is relative to the folder holding it: `out`.
                queue(&std::fs::read_link(&next)?, &mut out, &mut pending);
            }
            _ => out = next,
        }
    }
    true_case(out)
}

/// Puts the parts of `path` on `pending` (last part first, so the first is
/// taken first); an absolute `path` restarts `out` at its root.
fn queue(path: &Path, out: &mut PathBuf, pending: &mut Vec<Step>) {
    let mut steps = Vec::new();
    for part in path.components() {
        match part {
            Component::Prefix(prefix) => {
                out.clear();
                out.push(prefix.as_os_str());
            }
            Component::RootDir => {
                // A root without a drive (Windows `\x`) keeps the drive.
                let drive = match out.components().next() {
                    Some(Component::Prefix(prefix)) => PathBuf::from(prefix.as_os_str()),
                    _ => PathBuf::new(),
                };
                *out = drive;
                out.push(std::path::MAIN_SEPARATOR_STR);
            }
            Component::CurDir => {}
            Component::ParentDir => steps.push(Step::Up),
            Component::Normal(name) => steps.push(Step::Into(name.to_os_string())),
        }
    }
    pending.extend(steps.into_iter().rev());
}

/// The existing part of `path` as the file system spells it (letter case
/// on macOS and Windows), with the part that does not exist yet appended.
fn true_case(path: PathBuf) -> io::Result<PathBuf> {
    let mut existing = path.as_path();
    let mut missing = Vec::new();
    while std::fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name);
                existing = parent;
            }
            _ => return Ok(path),
        }
    }
    let mut out = std::fs::canonicalize(existing)?;
    out.extend(missing.into_iter().rev());
    Ok(out)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::os::unix::fs::symlink;

    /// A small tree with every kind of link: relative, absolute, up and
    /// out, to a file, dangling, chained, and a loop.
    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let at = |rel: &str| dir.path().join(rel);
        std::fs::create_dir_all(at("a/b")).unwrap();
        std::fs::create_dir_all(at("c")).unwrap();
        std::fs::write(at("c/f"), "").unwrap();
        symlink("a/b", at("down")).unwrap();
        symlink("../..", at("a/b/up")).unwrap();
        symlink(at("c"), at("a/abs")).unwrap();
        symlink("missing/x", at("dangling")).unwrap();
        symlink("down", at("chain")).unwrap();
        symlink("c/f", at("file")).unwrap();
        symlink("loop", at("loop")).unwrap();
        dir
    }

    const PARTS: [&str; 13] = [
        "a", "b", "c", "down", "up", "abs", "dangling", "chain", "file", "loop", ".", "..", "new",
    ];

    fn is_clean(path: &Path) -> bool {
        path.is_absolute()
            && path
                .components()
                .all(|c| matches!(c, Component::RootDir | Component::Normal(_)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Where a path exists, the answer is the operating system's; where
        /// it does not, making the resolved folder makes the path lead
        /// there (through dangling links too). Either way the answer has no `.`, `..` or link left.
        #[test]
        fn resolving_agrees_with_the_file_system(parts in prop::collection::vec(0..PARTS.len(), 0..8)) {
            let dir = tree();
            let mut path = dir.path().to_path_buf();
            for i in &parts {
                path.push(PARTS[*i]);
            }
            let resolved = resolve(&path);
            match std::fs::canonicalize(&path) {
                Ok(real) => prop_assert_eq!(resolved.unwrap(), real),
                Err(_) => {
                    let Ok(resolved) = resolved else {
                        return Ok(()); // a loop: neither resolves
                    };
                    prop_assert!(is_clean(&resolved), "{}", resolved.display());
                    prop_assert_eq!(resolve(&resolved).unwrap(), resolved.clone(), "idempotent");
                    // (`missing/..` never exists: the system cannot go
                    // through it, and resolving takes it out as written.)
                    if std::fs::create_dir_all(&resolved).is_ok()
                        && let Ok(real) = std::fs::canonicalize(&path)
                    {
                        prop_assert_eq!(real, resolved);
                    }
                }
            }
        }
    }

    #[test]
    fn relative_paths_and_the_top_resolve() {
        let here = std::env::current_dir().unwrap().canonicalize().unwrap();
        assert_eq!(resolve(Path::new(".")).unwrap(), here);
        assert_eq!(resolve(Path::new("x/../y/./z")).unwrap(), here.join("y/z"));
        assert_eq!(resolve(Path::new("/../../..")).unwrap(), Path::new("/"));
        let dir = tree();
        assert!(
            resolve(&dir.path().join("loop/x")).is_err(),
            "a loop is an error"
        );
    }
}
