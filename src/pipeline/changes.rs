//! Which paths changed, sorted by what they affect: site.yaml and the
//! theme (everything), Markdown files (parse them again), other files
//! (copy them again). Editors' temporary files and paths outside the site's
//! folders are left out, and so is a path that neither exists nor was part
//! of the site (a temporary file already renamed over the real one).

use crate::discover::{self, Discovered};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The changed paths, sorted by what they affect.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Changes {
    /// site.yaml, a theme, `templates/`, `i18n/` or `data/`: start over.
    pub reload: bool,
    /// The paths that asked for it.
    pub settings: BTreeSet<PathBuf>,
    /// Markdown files under `content/`, relative to the root.
    pub markdown: BTreeSet<PathBuf>,
    /// Other files and folders under `content/` and `static/`.
    pub files: BTreeSet<PathBuf>,
}

impl Changes {
    pub(super) fn classify(root: &Path, canonical_root: &Path, paths: &[PathBuf]) -> Changes {
        let mut changes = Changes::default();
        for path in paths {
            let rel = if path.is_absolute() {
                match path
                    .strip_prefix(canonical_root)
                    .or_else(|_| path.strip_prefix(root))
                {
                    Ok(rel) => rel,
                    Err(_) => continue,
                }
            } else {
                path.as_path()
            };
            let names: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if names.is_empty() || names.iter().any(|n| discover::is_ignored(n)) {
                continue;
            }
            match names[0].as_str() {
                crate::config::FILE_NAME if names.len() == 1 => {
                    changes.reload = true;
                    changes.settings.insert(rel.to_path_buf());
                }
                // `data/` (people profiles, the status board) and live-update
                // entries show on many pages at once (people and status
                // pages, home strips, topic pages, feeds, /status.json): a
                // change to them rebuilds everything, like the settings.
                "templates" | "i18n" | "themes" | "data" => {
                    changes.reload = true;
                    changes.settings.insert(rel.to_path_buf());
                }
                "content" if crate::discover::is_entry_file(rel) => {
                    changes.reload = true;
                    changes.settings.insert(rel.to_path_buf());
                }
                "content" if rel.extension().is_some_and(|e| e == "md") => {
                    changes.markdown.insert(rel.to_path_buf());
                }
                "content" | "static" => {
                    changes.files.insert(rel.to_path_buf());
                }
                _ => {}
            }
        }
        changes
    }

    pub(super) fn is_empty(&self) -> bool {
        !self.reload && self.markdown.is_empty() && self.files.is_empty()
    }

    /// Whether a changed `static/` file is (or a changed folder holds) a
    /// file of the same name as one of the theme's fingerprinted files: its
    /// name in every page changes, as after a change to the theme.
    pub(super) fn replaces_fingerprinted(&self, assets: &crate::theme::assets::Assets) -> bool {
        let changed: Vec<String> = (self.files.iter())
            .filter_map(|p| p.strip_prefix("static").ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        assets.files().any(|(plain, _)| {
            changed
                .iter()
                .any(|c| c.is_empty() || plain == c || plain.starts_with(&format!("{c}/")))
        })
    }

    /// Whether the file (relative to the root) or a folder holding it changed.
    pub(super) fn touches(&self, file: &Path) -> bool {
        self.files.iter().any(|changed| file.starts_with(changed))
    }

    /// Drops paths that neither exist nor were part of the site: an
    /// editor's temporary file, already renamed over the real one.
    pub(super) fn forget_vanished(&mut self, root: &Path, discovered: &Discovered) {
        let keep = |p: &PathBuf| {
            root.join(p).exists() || known(discovered, p) || holds_known(discovered, p)
        };
        self.markdown.retain(keep);
        self.files.retain(keep);
    }

    /// Whether the set of files may have changed: a path that is not a file
    /// discovery knows, a folder, or something gone.
    pub(super) fn may_add_or_remove(&self, root: &Path, discovered: &Discovered) -> bool {
        self.markdown.iter().chain(&self.files).any(|p| {
            let full = root.join(p);
            !full.is_file() || !known(discovered, p)
        })
    }

    /// The changed paths that matter, sorted.
    pub(super) fn paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = (self.settings.iter())
            .chain(&self.markdown)
            .chain(&self.files)
            .cloned()
            .collect();
        paths.sort();
        paths
    }
}

/// Whether discovery found this file (relative to the root).
fn known(discovered: &Discovered, path: &Path) -> bool {
    match path.strip_prefix("static") {
        Ok(rel) => discovered
            .static_files
            .binary_search_by(|s| s.as_path().cmp(rel))
            .is_ok(),
        Err(_) => {
            discovered
                .pages
                .binary_search_by(|s| s.path.as_path().cmp(path))
                .is_ok()
                || discovered
                    .assets
                    .binary_search_by(|a| a.path.as_path().cmp(path))
                    .is_ok()
        }
    }
}

/// Whether discovery found files inside this folder (relative to the root).
fn holds_known(discovered: &Discovered, folder: &Path) -> bool {
    discovered.pages.iter().any(|s| s.path.starts_with(folder))
        || discovered.assets.iter().any(|a| a.path.starts_with(folder))
        || folder
            .strip_prefix("static")
            .is_ok_and(|rel| discovered.static_files.iter().any(|s| s.starts_with(rel)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_by_what_they_affect() {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = [
            "/site/content/en/a.md",
            "/site/content/en/.a.md.swp",
            "/site/content/en/images/x.png",
            "/site/static/css/extra.css",
            "/site/public/index.html",
            "/elsewhere/content/en/b.md",
            "content/es/b.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let changes = Changes::classify(root, root, &paths);
        assert!(!changes.reload);
        assert_eq!(
            changes.markdown.into_iter().collect::<Vec<_>>(),
            [
                PathBuf::from("content/en/a.md"),
                PathBuf::from("content/es/b.md")
            ]
        );
        assert_eq!(changes.files.len(), 2);
        for reload in [
            "/site/data/status.yaml",
            "/site/content/en/updates/heat/2026-06-01-1430.md",
            "/site/site.yaml",
            "/site/templates/article.html",
            "/site/i18n/es.yaml",
        ] {
            assert!(Changes::classify(root, root, &[PathBuf::from(reload)]).reload);
        }
        let nothing = Changes::classify(root, root, &[PathBuf::from("/site/README.md")]);
        assert!(nothing.is_empty());
    }
}
