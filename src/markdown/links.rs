//! Links and images: relative paths to other Markdown files become the
//! target page's URL, relative image paths become the copied file's URL,
//! and every internal reference is checked so a broken link fails the
//! build at its line and column instead of reaching readers.

use super::{PageContext, Spanned};
use crate::diagnostics::{Diagnostic, codes};
use pulldown_cmark::{CowStr, Event, Tag};
use std::path::Path;

pub(super) fn rewrite(events: &mut [Spanned], ctx: &mut PageContext) {
    for (event, range) in events.iter_mut() {
        let (dest, is_image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // `![](x.png "decorative")` marks a purely decorative image.
                if title.as_ref() == "decorative" {
                    *title = CowStr::from("");
                }
                // Video and audio are resolved and checked by `media`.
                if super::media::Kind::of(dest_url.trim()).is_some() {
                    continue;
                }
                (dest_url, true)
            }
            _ => continue,
        };
        if let Some(new) = resolve(dest, is_image, range, ctx) {
            *dest = CowStr::from(new);
        }
    }
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
