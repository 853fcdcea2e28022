//! Links and images: relative paths to other Markdown files become the
//! target page's URL, relative image paths become the copied file's URL,
//! and every internal reference is checked so a broken link fails the
//! build at its line and column instead of reaching readers. An address
//! still holding another generator's template code is reported as that
//! (`template_syntax`), and only as that.

use super::{PageContext, Spanned, template_syntax};
use crate::diagnostics::{Diagnostic, codes};
use pulldown_cmark::{CowStr, Event, LinkType, Tag};
use std::path::Path;

pub(super) fn rewrite(events: &mut [Spanned], ctx: &mut PageContext) {
    // Template code from another generator (see `template_syntax`): most
    // pages have none, and skip these checks.
    let migrated = template_syntax::may_contain(ctx.body());
    if migrated {
        template_syntax::check_definitions(ctx);
        template_syntax::scan_text(events, ctx);
    }
    for (event, range) in events.iter_mut() {
        let (dest, is_image, link_type) = match event {
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => (dest_url, false, *link_type),
            Event::Start(Tag::Image {
                dest_url,
                title,
                link_type,
                ..
            }) => {
                // `![](x.png "decorative")` marks a purely decorative image.
                if title.as_ref() == "decorative" {
                    *title = CowStr::from("");
                }
                (dest_url, true, *link_type)
            }
            _ => continue,
        };
        if migrated && template_code(dest, is_image, link_type, range, ctx) {
            continue;
        }
        // Video and audio are resolved and checked by `media`.
        if is_image && super::media::Kind::of(dest.trim()).is_some() {
            continue;
        }
        if let Some(new) = resolve(dest, is_image, range, ctx) {
            *dest = CowStr::from(new);
        }
    }
}

/// Whether the address holds template code (reported here, or at its
/// reference definition): nothing else is said of it. A refused scheme is
/// reported as such instead, by `resolve` or `media`.
fn template_code(
    dest: &str,
    is_image: bool,
    link_type: LinkType,
    range: &std::ops::Range<usize>,
    ctx: &mut PageContext,
) -> bool {
    let dest = dest.trim();
    if ctx.site.config.schemes.check(dest).is_err() {
        return false;
    }
    let Some(found) = template_syntax::find(dest) else {
        return false;
    };
    let defined_elsewhere = matches!(
        link_type,
        LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
    );
    if !defined_elsewhere {
        let place = if is_image {
            template_syntax::Place::Image
        } else {
            template_syntax::Place::Link
        };
        let position = destination_position(dest, range, ctx);
        template_syntax::report(ctx, place, &found, position);
    }
    true
}

/// The rewritten destination, or `None` to keep it as written.
fn resolve(
    dest: &str,
    is_image: bool,
    range: &std::ops::Range<usize>,
    ctx: &mut PageContext,
) -> Option<String> {
    let dest = dest.trim();
    if let Err(refused) = ctx.site.config.schemes.check(dest) {
        let what = if is_image {
            "this image's address"
        } else {
            "this link"
        };
        let position = destination_position(dest, range, ctx);
        ctx.diagnostics.push(
            Diagnostic::error(
                codes::URL_SCHEME_NOT_ALLOWED,
                ctx.file,
                position,
                refused.message(what),
            )
            .with_hint(refused.hint(&ctx.site.config.schemes)),
        );
        // The build fails on the error; the live preview, which still
        // shows the page, must not offer the address either.
        return Some("#".to_string());
    }
    if dest.is_empty()
        || dest.starts_with('#')
        || crate::schemes::scheme(dest).is_some()
        || dest.starts_with("//")
    {
        return None;
    }
    let (path_part, suffix) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let decoded = super::percent_decode(path_part);
    let position = destination_position(dest, range, ctx);

    if let Some(rooted) = decoded.strip_prefix('/') {
        return Some(resolve_rooted(
            rooted, path_part, suffix, is_image, position, ctx,
        ));
    }
    resolve_relative(&decoded, suffix, is_image, position, ctx)
}

/// A `/`-rooted address: kept (under the base path), with a problem
/// reported when the site serves nothing there.
fn resolve_rooted(
    rooted: &str,
    path_part: &str,
    suffix: &str,
    is_image: bool,
    position: crate::diagnostics::Position,
    ctx: &mut PageContext,
) -> String {
    let url = format!("{}/{}", ctx.site.urls.base_path(), rooted);
    if !ctx.site.serves(&url) {
        let (code, message) = if is_image {
            (
                codes::IMAGE_MISSING,
                format!("no image or file of the site is at `{path_part}`"),
            )
        } else {
            (
                codes::LINK_UNKNOWN_PATH,
                format!("no page or file of the site is at `{path_part}`"),
            )
        };
        let d = if is_image {
            Diagnostic::error(code, ctx.file, position, message)
        } else {
            Diagnostic::warning(code, ctx.file, position, message)
        };
        ctx.diagnostics
            .push(d.with_hint("check the address, or link to the .md file with a relative path"));
    }
    href(ctx, &url, suffix)
}

/// A site URL (decoded) and what the author wrote after it, as an IRI for
/// the page (see [`crate::uri`]): `my photo.png` → `my%20photo.png`.
fn href(ctx: &PageContext, url: &str, suffix: &str) -> String {
    let form = crate::uri::Form::Iri;
    let mut out = ctx.site.urls.encoded(url, form);
    out.push_str(&crate::uri::written(suffix, form));
    out
}

/// A path relative to the page's file: the URL of the page or file it
/// names, or `None` (and a problem reported) when it names nothing published.
fn resolve_relative(
    decoded: &str,
    suffix: &str,
    is_image: bool,
    position: crate::diagnostics::Position,
    ctx: &mut PageContext,
) -> Option<String> {
    let from_dir = ctx.file.parent().unwrap_or(Path::new(""));
    let target = crate::discover::normalize(&from_dir.join(decoded));
    if let Some(url) = target.as_deref().and_then(|t| ctx.site.url_for_source(t)) {
        return Some(href(ctx, url, suffix));
    }
    let is_markdown = Path::new(decoded).extension().is_some_and(|e| e == "md");
    let shown = target
        .as_deref()
        .map_or(decoded.to_string(), |t| t.display().to_string());
    let diagnostic = if is_markdown {
        let message = if target.as_deref().is_some_and(|t| ctx.site.is_draft(t)) {
            format!("this links to `{shown}`, which is a draft and is not published")
        } else if target.as_deref().is_some_and(|t| ctx.site.is_expired(t)) {
            format!("this links to `{shown}`, an alert that has expired and is no longer published")
        } else {
            format!("this links to `{shown}`, which does not exist")
        };
        Diagnostic::error(codes::LINK_BROKEN, ctx.file, position, message)
            .with_hint("links to articles are relative to this file's folder, e.g. `../heart/high-blood-pressure.md`")
    } else if is_image {
        Diagnostic::error(
            codes::IMAGE_MISSING,
            ctx.file,
            position,
            format!("the image `{shown}` does not exist"),
        )
        .with_hint(
            "image paths are relative to this file's folder; files in `static/` start with `/`",
        )
    } else {
        Diagnostic::error(
            codes::LINK_BROKEN,
            ctx.file,
            position,
            format!("this links to `{shown}`, which does not exist"),
        )
        .with_hint(
            "file paths are relative to this file's folder; files in `static/` start with `/`",
        )
    };
    ctx.diagnostics.push(diagnostic);
    None
}

/// Underlines the destination inside `[text](destination)` when it can be found.
fn destination_position(
    dest: &str,
    range: &std::ops::Range<usize>,
    ctx: &PageContext,
) -> crate::diagnostics::Position {
    let body = ctx.body();
    let span = body.get(range.clone()).unwrap_or("");
    match span.rfind(dest) {
        Some(i) => ctx.position(&(range.start + i..range.start + i + dest.len())),
        None => ctx.position(&(range.start..range.start + span.find('\n').unwrap_or(span.len()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_relative_paths() {
        assert_eq!(
            crate::discover::normalize(Path::new("content/en/heart/../diabetes/./a.md")),
            Some(std::path::PathBuf::from("content/en/diabetes/a.md"))
        );
        assert_eq!(crate::discover::normalize(Path::new("../../x")), None);
    }
}
