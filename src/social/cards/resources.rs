//! What an SVG drawn on a card may pull in: the files its `<image href>`
//! elements name, and the images inside it as `data:` addresses. The SVG
//! may be a page's cover, the site's logo, or the card template itself, all
//! of which a pull request can change. usvg's own resolver reads any path
//! on the machine and decodes any size of image; this one resolves names
//! through the site's [`Boundary`] and checks every raster image against
//! [`crate::images`] before usvg keeps it.

use crate::boundary::{Boundary, Refused};
use resvg::usvg;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Why a resource was left out of a drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The SVG names a file outside the site folder (as written).
    Outside(String),
    /// An image over the decoding bounds, or not readable.
    Unusable(String),
}

/// Problems met while one SVG was parsed (the resolver runs inside usvg).
pub type Problems = Arc<Mutex<Vec<Problem>>>;

/// A resolver for an SVG whose relative names start at `base` (a folder
/// relative to the site root). Every problem goes into `problems`.
pub fn resolver(
    boundary: &Boundary,
    base: &Path,
    problems: &Problems,
) -> usvg::ImageHrefResolver<'static> {
    let data_problems = problems.clone();
    let string_problems = problems.clone();
    let boundary = boundary.clone();
    let base: PathBuf = base.to_path_buf();
    let default_data = usvg::ImageHrefResolver::default_data_resolver();
    let default_for_files = usvg::ImageHrefResolver::default_data_resolver();
    usvg::ImageHrefResolver {
        resolve_data: Box::new(move |mime, data, options| {
            bounded(&data, &data_problems)?;
            default_data(mime, data, options)
        }),
        resolve_string: Box::new(move |href, options| {
            let href = href.trim();
            // Only files: usvg fetches nothing from the network, and any
            // other scheme (`file:` included) names nothing of the site.
            if crate::schemes::scheme(href).is_some() || href.starts_with("//") {
                note(&string_problems, Problem::Outside(href.to_string()));
                return None;
            }
            let bytes = match boundary
                .resolve(&base, Path::new(href))
                .and_then(|rel| boundary.read(&rel))
            {
                Ok(bytes) => bytes,
                Err(Refused::Outside(_)) => {
                    note(&string_problems, Problem::Outside(href.to_string()));
                    return None;
                }
                Err(Refused::Missing) => {
                    note(
                        &string_problems,
                        Problem::Unusable(format!("the image `{href}` it names does not exist")),
                    );
                    return None;
                }
            };
            let bytes = Arc::new(bytes);
            bounded(&bytes, &string_problems)?;
            // Sniffs the format like usvg's own resolver, SVG included.
            default_for_files("text/plain", bytes, options)
        }),
    }
}

/// `Some(())` when the image is within the bounds (or not a raster image).
fn bounded(bytes: &[u8], problems: &Problems) -> Option<()> {
    match crate::images::check(bytes) {
        Ok(_) => Some(()),
        Err(message) => {
            note(problems, Problem::Unusable(message));
            None
        }
    }
}

fn note(problems: &Problems, problem: Problem) {
    problems
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(problem);
}

/// The first problem, as a message naming the SVG file.
pub fn first(problems: &Problems, svg: &Path) -> Option<Problem> {
    let problems = problems.lock().unwrap_or_else(|e| e.into_inner());
    problems.first().map(|p| match p {
        Problem::Outside(href) => Problem::Outside(format!(
            "`{}` refers to `{href}`, which is outside the site folder; it was not drawn",
            svg.display()
        )),
        Problem::Unusable(message) => Problem::Unusable(format!(
            "an image inside `{}` was left out: {message}",
            svg.display()
        )),
    })
}

/// Whether an image file of the site (`rel` to its root) is within the
/// bounds, an SVG with everything it pulls in included: `Err` says why not.
pub fn check_image(boundary: &Boundary, rel: &Path, bytes: &[u8]) -> Result<(), String> {
    if crate::images::check(bytes)?.is_some() {
        return Ok(());
    }
    let problems = Problems::default();
    let options = usvg::Options {
        image_href_resolver: resolver(boundary, rel.parent().unwrap_or(Path::new("")), &problems),
        ..usvg::Options::default()
    };
    usvg::Tree::from_data(bytes, &options).map_err(|e| format!("it is not a usable image: {e}"))?;
    match first(&problems, rel) {
        Some(Problem::Outside(message) | Problem::Unusable(message)) => Err(message),
        None => Ok(()),
    }
}
