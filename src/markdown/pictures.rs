//! Images of the site as responsive pictures: each `![…](photo.jpg)` that
//! names a JPEG, PNG or WebP file of the site becomes a `<picture>` offering
//! its resized copies (see [`crate::renditions`]), with its width and
//! height so the page does not jump while it loads; GIF and SVG files get
//! their width and height. Every image but the page's first (the cover,
//! when the page shows one) loads only when the reader nears it.
//!
//! Runs after the links pass (destinations are URLs by then) and after the
//! raw HTML pass (the markup is Pamphlet's, not the author's).

use super::{PageContext, Spanned};
use crate::renditions::{self, Renditions, Use};
use crate::site::{Page, PageKind};
use pulldown_cmark::{CowStr, Event, Tag};
use std::ops::Range;

/// Replaces the site's images with their pictures. Returns the URLs of the
/// image files the body shows (the cover is not shown again when it is one).
pub(super) fn apply(
    events: &mut Vec<Spanned>,
    ctx: &PageContext,
    renditions: &Renditions,
    page: &Page,
) -> Vec<String> {
    let found: Vec<usize> = events
        .iter()
        .enumerate()
        .filter_map(|(i, (event, _))| match event {
            Event::Start(Tag::Image { dest_url, .. }) if renditions.knows(dest_url) => Some(i),
            _ => None,
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let shown: Vec<String> = found
        .iter()
        .filter_map(|&i| match &events[i].0 {
            Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    let cover_shown = page.kind == PageKind::Article
        && crate::site::lookup::cover_image(ctx.site, page)
            .is_some_and(|(url, _)| !shown.contains(&url));
    let mut first = !cover_shown;
    let mut replacements: Vec<(Range<usize>, Spanned<'static>)> = Vec::new();
    let mut covered_until = 0;
    for i in found {
        if i < covered_until {
            continue;
        }
        let end = super::closing(events, i);
        covered_until = end + 1;
        let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            range,
        ) = &events[i]
        else {
            continue;
        };
        let used = Use {
            file: ctx.file.to_path_buf(),
            position: ctx.position(range),
        };
        let eager = std::mem::replace(&mut first, false);
        let Some(picture) = renditions.picture(dest_url, used) else {
            continue;
        };
        let alt = super::plain_text(events[i + 1..end].iter().map(|(e, _)| e));
        let html = renditions::markup(&picture, renditions.sizes(), &alt, title, eager);
        replacements.push((
            i..end + 1,
            (Event::InlineHtml(CowStr::from(html)), range.clone()),
        ));
    }
    let old = std::mem::take(events);
    let mut next = replacements.into_iter().peekable();
    let mut skip_until = 0;
    for (i, spanned) in old.into_iter().enumerate() {
        if let Some((span, replacement)) = next.next_if(|(span, _)| span.start == i) {
            skip_until = span.end;
            events.push(replacement);
        } else if i >= skip_until {
            events.push(spanned);
        }
    }
    shown
}
