//! Where a media file is, and the files beside it: its caption tracks
//! (`clip.vtt`, `clip.<lang>.vtt`) and its poster (`clip.jpg` …).
//!
//! Everything is asked of the site model (its sorted list of published
//! files), never of the disk: what the model does not publish, a page
//! cannot show.

use crate::site::{CopiedFile, Site};
use std::path::{Path, PathBuf};

/// A media file the site publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Located {
    /// Relative to the site root (`content/en/clip.mp4`, `static/clip.mp4`).
    pub(super) source: PathBuf,
    pub(super) url: String,
}

/// Why a media address has no published file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Problem {
    /// No file of the site is there.
    Missing,
    /// The path climbs out of the site folder.
    Outside,
}

/// The published file a local media address names: relative to the
/// Markdown file `page_file`, or `/…` from the site root (a file in
/// `static/`, or a file beside a page at that address).
pub(super) fn locate(site: &Site, page_file: &Path, path: &str) -> Result<Located, Problem> {
    if let Some(rooted) = path.strip_prefix('/') {
        let rooted = crate::boundary::normalize(Path::new(rooted)).ok_or(Problem::Outside)?;
        let url = format!(
            "{}/{}",
            site.urls.base_path(),
            rooted.to_string_lossy().replace('\\', "/")
        );
        let in_static = Path::new("static").join(&rooted);
        if site.url_for_source(&in_static) == Some(url.as_str()) {
            return Ok(Located {
                source: in_static,
                url,
            });
        }
        // A file beside a page, named by its address: rare, so a walk
        // through the files is fine (only for pages that do it).
        if site.serves(&url)
            && let Some(file) = site.files.iter().find(|f| f.url == url)
        {
            return Ok(Located {
                source: file.source.clone(),
                url,
            });
        }
        return Err(Problem::Missing);
    }
    let dir = page_file.parent().unwrap_or(Path::new(""));
    let source = crate::boundary::normalize(&dir.join(path)).ok_or(Problem::Outside)?;
    let url = site
        .url_for_source(&source)
        .ok_or(Problem::Missing)?
        .to_string();
    Ok(Located { source, url })
}

/// A caption file beside a media file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Caption {
    /// The language tag of `clip.<lang>.vtt`, or `None` for `clip.vtt`.
    pub(super) language: Option<String>,
    pub(super) url: String,
}

/// What sits beside a media file: caption files (in file-name order) and
/// the first poster image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Beside {
    pub(super) captions: Vec<Caption>,
    pub(super) poster: Option<String>,
}

/// Image types a poster may have, as browsers show them.
const POSTER_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp", "avif"];

/// The caption files and poster published beside `source` (same folder,
/// same name up to the media extension). The site's files are sorted by
/// source, so these are one run found by halving: no walk through the site.
pub(super) fn beside(site: &Site, source: &Path) -> Beside {
    let mut found = Beside::default();
    let (Some(dir), Some(stem)) = (source.parent(), source.file_stem()) else {
        return found;
    };
    let prefix = format!("{}.", stem.to_string_lossy());
    let first = dir.join(&prefix);
    let start = site.files.partition_point(|f| f.source < first);
    for file in &site.files[start..] {
        let Some(name) = name_in(file, dir) else {
            break;
        };
        let Some(rest) = name.strip_prefix(&prefix) else {
            break;
        };
        // A folder named like a file beside the clip is not a file beside it.
        if file.source.parent() != Some(dir) {
            continue;
        }
        let Some((middle, extension)) = split_extension(rest) else {
            continue;
        };
        if extension.eq_ignore_ascii_case("vtt") {
            match middle {
                None => found.captions.push(Caption {
                    language: None,
                    url: file.url.clone(),
                }),
                Some(tag) if is_language_tag(tag) => found.captions.push(Caption {
                    language: Some(tag.to_string()),
                    url: file.url.clone(),
                }),
                Some(_) => {}
            }
        } else if middle.is_none()
            && found.poster.is_none()
            && POSTER_EXTENSIONS
                .iter()
                .any(|e| extension.eq_ignore_ascii_case(e))
        {
            found.poster = Some(file.url.clone());
        }
    }
    found
}

/// The first name under `dir` of a file's source (`None` once past `dir`).
fn name_in<'f>(file: &'f CopiedFile, dir: &Path) -> Option<&'f str> {
    file.source
        .strip_prefix(dir)
        .ok()?
        .components()
        .next()?
        .as_os_str()
        .to_str()
}

/// `en.vtt` → (Some("en"), "vtt"); `vtt`-less names such as `jpg` → (None, "jpg").
fn split_extension(rest: &str) -> Option<(Option<&str>, &str)> {
    match rest.rsplit_once('.') {
        Some((middle, extension)) => Some((Some(middle), extension)),
        None if !rest.is_empty() => Some((None, rest)),
        None => None,
    }
}

/// A BCP 47 language tag as caption files carry it (`en`, `es-419`,
/// `zh-Hans`): a 2–3 letter language, then subtags of 1–8 letters or
/// digits. `clip.final.vtt` is not a caption file of `clip.mp4`.
pub(super) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    language_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_told_from_other_names() {
        for tag in ["en", "ar", "es-419", "zh-Hans", "fil"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for name in ["final", "", "e", "en_GB", "extended.en", "en-"] {
            assert!(!is_language_tag(name), "{name}");
        }
    }

    #[test]
    fn splits_the_extension_after_the_stem() {
        assert_eq!(split_extension("en.vtt"), Some((Some("en"), "vtt")));
        assert_eq!(split_extension("vtt"), Some((None, "vtt")));
        assert_eq!(split_extension(""), None);
    }
}
