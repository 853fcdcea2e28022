//! Questions stages ask the site model about a page's front matter: what
//! address a file it names has, and which cover image it shows. Validation,
//! rendering, share cards and the live preview must all give one answer.

use super::{Page, Site};
use crate::frontmatter::CoverImage;

/// The cover image of a page, with its URL resolved like an image in the body.
pub fn cover_image<'a>(site: &Site, page: &'a Page) -> Option<(String, &'a CoverImage)> {
    let image = page.meta.image.as_ref()?;
    let url = resolve_file(site, page, &image.src)?;
    Some((url, image))
}

/// URL of a file referenced from a page's front matter (relative to the
/// Markdown file, or `/…` from the site root), or an allowed web address.
pub fn resolve_file(site: &Site, page: &Page, src: &str) -> Option<String> {
    file_reference(site, page, src).ok()
}

/// Why a front-matter file reference has no URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// No file of the site is there.
    Missing,
    /// The path climbs out of the site folder.
    Outside,
    /// An address whose scheme the site does not allow (`javascript:`).
    Scheme(crate::schemes::Refused),
}

/// The URL a front-matter `image` (or another file reference) stands for.
pub fn file_reference(site: &Site, page: &Page, src: &str) -> Result<String, FileProblem> {
    let src = src.trim();
    if crate::schemes::scheme(src).is_some() || src.starts_with("//") {
        site.config
            .schemes
            .check(src)
            .map_err(FileProblem::Scheme)?;
        return Ok(src.to_string());
    }
    if let Some(rooted) = src.strip_prefix('/') {
        let rooted =
            crate::boundary::normalize(std::path::Path::new(rooted)).ok_or(FileProblem::Outside)?;
        let url = format!(
            "{}/{}",
            site.urls.base_path(),
            rooted.to_string_lossy().replace('\\', "/")
        );
        return site.serves(&url).then_some(url).ok_or(FileProblem::Missing);
    }
    let dir = page
        .source_path()
        .and_then(std::path::Path::parent)
        .ok_or(FileProblem::Missing)?;
    let normal = crate::boundary::normalize(&dir.join(src)).ok_or(FileProblem::Outside)?;
    site.url_for_source(&normal)
        .map(str::to_string)
        .ok_or(FileProblem::Missing)
}
