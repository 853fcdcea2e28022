//! Path rules that need nothing else of Pamphlet: resolving `.` and `..`
//! without the disk, and whether a path, once every link on its way is
//! followed, is inside a folder. [`crate::boundary`] builds the site's
//! boundary on them; the diagnostics printer uses them so that showing "the
//! line with the problem" can never print a file outside the site.

use std::path::{Component, Path, PathBuf};

/// Resolves `.` and `..` in a relative path without touching the disk;
/// `None` if it climbs above its start or is absolute.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(part) => out.push(part),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// Reads a file of the folder `root` (`rel` relative to it) only if it
/// resolves inside `root`.
pub(crate) fn read_inside(root: &Path, rel: &Path) -> Option<String> {
    let rel = normalize(rel)?;
    let real_root = root.canonicalize().ok()?;
    let real = root.join(rel).canonicalize().ok()?;
    if !real.starts_with(real_root) {
        return None;
    }
    std::fs::read_to_string(real).ok()
}
