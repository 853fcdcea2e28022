//! Checks that need the whole site model (not one file alone): references
//! from front matter to other files. Later trust, accessibility and
//! translation checks plug in here, each as one function over `&Site`.

use crate::citations;
use crate::dates::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, codes};
use crate::review;
use crate::site::lookup::FileProblem;
use crate::site::{PageKind, Site};
use crate::yaml::Segment;
use rayon::prelude::*;

/// Runs every site-wide check. `today` is the build date.
pub(crate) fn validate(site: &Site, today: Date) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    cover_images(site, &mut diagnostics);
    diagnostics.extend(crate::disclaimer::check_site(site));
    // Page by page and independent: checked in parallel (on a large site
    // most pages have a review falling due, each located in its file).
    let per_page: Vec<Vec<Diagnostic>> = site
        .pages
        .par_iter()
        .map(|page| {
            let mut found = review::check(page, &site.config, today);
            if let Some(parsed) = &page.source {
                // The sources as written in this file (not those a translation inherits).
                found.extend(citations::check_entries(
                    &parsed.front_matter.citations,
                    &parsed.source.path,
                    &parsed.text,
                ));
            }
            found
        })
        .collect();
    for found in per_page {
        diagnostics.extend(found);
    }
    diagnostics
}

/// The `image:` of each page must exist.
fn cover_images(site: &Site, diagnostics: &mut Diagnostics) {
    for page in site.pages.iter().filter(|p| {
        matches!(
            p.kind,
            PageKind::Article | PageKind::Section | PageKind::Home
        )
    }) {
        let (Some(image), Some(parsed)) = (&page.meta.image, &page.source) else {
            continue;
        };
        if image.inherited {
            // Checked (and reported) on the source it comes from.
            continue;
        }
        let Err(problem) = crate::site::lookup::file_reference(site, page, &image.src) else {
            continue;
        };
        let file = &parsed.source.path;
        let position =
            crate::frontmatter::Positions::at(&parsed.text, &[Segment::Key("image".into())]);
        diagnostics.push(match problem {
            FileProblem::Missing => Diagnostic::error(
                codes::IMAGE_MISSING,
                file,
                position,
                format!("the image `{}` does not exist", image.src),
            )
            .with_hint("the path is relative to this file's folder, e.g. `images/cuff.jpg`; files in `static/` start with `/`"),
            FileProblem::Outside => crate::boundary::outside_path(file, position, &image.src),
            FileProblem::Scheme(refused) => Diagnostic::error(
                codes::URL_SCHEME_NOT_ALLOWED,
                file,
                position,
                refused.message("the `image`"),
            )
            .with_hint(refused.hint(&site.config.schemes)),
        });
    }
}
