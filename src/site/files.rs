//! Files published as they are: assets beside the Markdown files (their
//! folders follow the page URLs) and everything in `static/`.

use super::CopiedFile;
use super::urls::Urls;
use crate::discover::Discovered;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Assets keep their file names; their folders follow the page URLs so an
/// image sits next to the page that shows it.
pub(super) fn copied_files(
    urls: &Urls,
    discovered: &Discovered,
    bundle_urls: &HashMap<(String, PathBuf), String>,
    section_urls: &HashMap<(String, PathBuf), String>,
) -> Vec<CopiedFile> {
    let mut files = Vec::new();
    for asset in &discovered.assets {
        let name = asset
            .rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = asset.rel.parent().unwrap_or(Path::new("")).to_path_buf();
        // The nearest enclosing bundle or section decides the folder.
        let mut base = None;
        let mut rest: Vec<String> = vec![name];
        let mut current = Some(dir.as_path());
        while let Some(folder) = current {
            let key = (asset.language.clone(), folder.to_path_buf());
            if let Some(url) = bundle_urls.get(&key).or_else(|| section_urls.get(&key)) {
                base = Some(url.clone());
                break;
            }
            if let Some(name) = folder.file_name() {
                rest.insert(0, name.to_string_lossy().into_owned());
            }
            current = folder.parent();
        }
        let base = base.unwrap_or_else(|| urls.language_home(&asset.language));
        files.push(CopiedFile {
            source: asset.path.clone(),
            url: format!("{base}{}", rest.join("/")),
        });
    }
    for file in &discovered.static_files {
        let segments: Vec<String> = file
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        files.push(CopiedFile {
            source: Path::new("static").join(file),
            url: urls.file(None, &segments),
        });
    }
    files.sort();
    files
}
