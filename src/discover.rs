//! Finding the site's input files: Markdown pages under `content/<lang>/`,
//! the files beside them (images and other assets), and `static/`.
//!
//! It also reads the two kinds of small input that are not pages: live-update
//! entries (`content/<lang>/updates/<topic>/*.md`, see [`crate::updates`]) and
//! the status board (`data/status.yaml`, see [`crate::status`]). A change to
//! either rebuilds the whole site, so reading them here, once per discovery,
//! keeps the live preview's re-assembly free of file reads.
//!
//! Hidden files and the temporary files editors leave behind are skipped,
//! so a half-saved file never reaches the build. Results are sorted, so
//! everything downstream sees the same order on every machine.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes, suggest};
use std::path::{Path, PathBuf};

/// What a Markdown file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceKind {
    /// A normal page (`x.md`, or `x/index.md` as a page bundle).
    Article,
    /// A section's own page (`_index.md`).
    Section,
}

/// A Markdown file of one language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePage {
    /// Relative to the site root, e.g. `content/en/heart/high-blood-pressure.md`.
    pub path: PathBuf,
    pub language: String,
    /// Relative to `content/<lang>/`, e.g. `heart/high-blood-pressure.md`.
    pub rel: PathBuf,
    pub kind: SourceKind,
}

/// A non-Markdown file inside `content/<lang>/` (an image beside an article).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Asset {
    /// Relative to the site root.
    pub path: PathBuf,
    pub language: String,
    /// Relative to `content/<lang>/`.
    pub rel: PathBuf,
}

/// Everything discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    pub pages: Vec<SourcePage>,
    pub assets: Vec<Asset>,
    /// Relative to `static/`.
    pub static_files: Vec<PathBuf>,
    pub diagnostics: Diagnostics,
    /// Live-update entry files: (path from the root, language, path
    /// relative to the language folder), in path order. Read by
    /// [`crate::data::updates`].
    pub update_files: Vec<(PathBuf, String, PathBuf)>,
}

/// Walks `content/` and `static/` under the site root.
pub fn discover(config: &Config) -> Discovered {
    let root = &config.root;
    let mut found = Discovered::default();
    let content = root.join("content");
    for entry in list_dir(&content) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored(&name) {
            continue;
        }
        let rel_entry = Path::new("content").join(&name);
        if !entry.path().is_dir() {
            continue; // files directly in content/ belong to no language
        }
        if config.language(&name).is_none() {
            let known: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
            found.diagnostics.push(
                Diagnostic::error(
                    codes::CONTENT_UNKNOWN_LANGUAGE,
                    &rel_entry,
                    Position::start(),
                    format!("the folder `content/{name}` is not a language listed in site.yaml"),
                )
                .with_hint(match suggest::closest(&name, known.iter().copied()) {
                    Some(code) => format!("did you mean `{code}`? Otherwise add `{name}` under `languages:` in site.yaml"),
                    None => format!("add `{name}` under `languages:` in site.yaml, or move these files into a language folder"),
                }),
            );
            continue;
        }
        walk_language(config, &name, &mut found);
    }
    found.static_files =
        config
            .boundary
            .walk(Path::new("static"), is_ignored, &mut found.diagnostics);
    found.pages.sort();
    found.assets.sort();
    found.static_files.sort();
    found
}

fn walk_language(config: &Config, language: &str, found: &mut Discovered) {
    let lang_dir = Path::new("content").join(language);
    let mut pages = Vec::new();
    let mut assets = Vec::new();
    let files = config
        .boundary
        .walk(&lang_dir, is_ignored, &mut found.diagnostics);
    for rel in &files {
        let rel = rel.as_path();
        let path = Path::new("content").join(language).join(rel);
        if is_entry(rel) {
            found
                .update_files
                .push((path, language.to_string(), rel.to_path_buf()));
        } else if rel.extension().is_some_and(|e| e == "md") {
            let kind = if rel.file_name().is_some_and(|n| n == "_index.md") {
                SourceKind::Section
            } else {
                SourceKind::Article
            };
            pages.push(SourcePage {
                path,
                language: language.to_string(),
                rel: rel.to_path_buf(),
                kind,
            });
        } else {
            assets.push(Asset {
                path,
                language: language.to_string(),
                rel: rel.to_path_buf(),
            });
        }
    }
    found.pages.extend(pages);
    found.assets.extend(assets);
}

fn list_dir(dir: &Path) -> Vec<std::fs::DirEntry> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).collect())
        .unwrap_or_default();
    entries.sort_by_key(|e| e.file_name());
    entries
}

/// Hidden files and the temporary files editors write while saving
/// (Emacs `.#x` and `#x#`, Vim `.swp`/`.swx` and `4913`, backups `x~`).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crdownload"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name == "Thumbs.db"
}

/// Resolves `.` and `..` in a path relative to the site root without
/// touching the disk; `None` if it climbs above the root.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    crate::boundary::normalize(path)
}

/// Lists the files of a folder of the site (relative to the site root),
/// relative to that folder and sorted: themes, templates, UI texts and fonts.
/// Links that leave the site are errors in `diagnostics`.
pub fn files_under(
    boundary: &crate::boundary::Boundary,
    dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<PathBuf> {
    boundary.walk(dir, is_ignored, diagnostics)
}

/// The folder under `content/<lang>/` that holds the update topics.
pub const UPDATES_FOLDER: &str = "updates";

/// Whether a Markdown file (relative to `content/<lang>/`) is an update
/// entry: directly in a topic folder under `updates/`, and not the topic's
/// own `_index.md` (nor a page bundle's `index.md`).
pub fn is_entry(rel: &Path) -> bool {
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str()).collect();
    parts.len() == 3
        && parts[0] == UPDATES_FOLDER
        && rel.extension().is_some_and(|e| e == "md")
        && !matches!(parts[2].to_str(), Some("_index.md" | "index.md"))
}

/// Whether a path relative to the site root (`content/en/updates/x/y.md`)
/// is an update entry.
pub fn is_entry_file(path: &Path) -> bool {
    let mut components = path.components();
    components
        .next()
        .is_some_and(|c| c.as_os_str() == "content")
        && components.next().is_some()
        && is_entry(components.as_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [
            ".#draft.md",
            "draft.md~",
            "#draft.md#",
            ".draft.md.swp",
            "4913",
            ".DS_Store",
            ".hidden",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["draft.md", "index.md", "photo.jpg", "_index.md"] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    #[test]
    fn entries_are_the_files_directly_in_a_topic_folder() {
        for yes in ["updates/heat/2026-06-01-1430.md", "updates/heat/late.md"] {
            assert!(is_entry(Path::new(yes)), "{yes}");
        }
        for no in [
            "updates/heat/_index.md",
            "updates/heat/index.md",
            "updates/_index.md",
            "updates/overview.md",
            "updates/heat/more/x.md",
            "heat/2026-06-01.md",
            "updates/heat/photo.jpg",
        ] {
            assert!(!is_entry(Path::new(no)), "{no}");
        }
        assert!(is_entry_file(Path::new("content/es/updates/calor/a.md")));
        assert!(!is_entry_file(Path::new("static/updates/calor/a.md")));
    }
}
