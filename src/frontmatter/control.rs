//! Invisible control characters in the texts a page shows.

use super::RawFrontMatter;

/// Removes control characters (other than tabs and line breaks) from every
/// text a page shows: they are invisible, and XML feeds cannot carry them.
/// Returns whether any was found.
pub(super) fn strip_control_characters(raw: &mut RawFrontMatter) -> bool {
    fn clean(text: &mut String) -> bool {
        if text.chars().any(is_forbidden) {
            text.retain(|c| !is_forbidden(c));
            true
        } else {
            false
        }
    }
    fn is_forbidden(c: char) -> bool {
        c.is_control() && c != '\n' && c != '\t' && c != '\r'
    }
    let mut found = false;
    let mut visit = |t: &mut String| found |= clean(t);
    for field in [
        &mut raw.title,
        &mut raw.summary,
        &mut raw.image_alt,
        &mut raw.slug,
        &mut raw.translation_key,
        &mut raw.image,
    ] {
        if let Some(t) = field.as_mut() {
            visit(t);
        }
    }
    raw.tags
        .iter_mut()
        .chain(raw.hashtags.iter_mut())
        .chain(raw.aliases.iter_mut())
        .chain(raw.redirect_from.iter_mut())
        .for_each(&mut visit);
    for a in &mut raw.authors {
        visit(&mut a.name);
        a.credentials.iter_mut().for_each(&mut visit);
    }
    for r in &mut raw.reviewers {
        visit(&mut r.name);
        r.credentials
            .iter_mut()
            .chain(r.role.iter_mut())
            .for_each(&mut visit);
    }
    for c in &mut raw.citations {
        c.authors.iter_mut().for_each(&mut visit);
        c.title
            .iter_mut()
            .chain(c.container.iter_mut())
            .chain(c.url.iter_mut())
            .chain(c.doi.iter_mut())
            .for_each(&mut visit);
    }
    if let Some(alert) = raw.alert.as_mut() {
        alert.area.iter_mut().for_each(&mut visit);
    }
    found
}
