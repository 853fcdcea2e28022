//! Images of the site as responsive pictures: each `![…](photo.jpg)` that
//! names a JPEG, PNG or WebP file of the site becomes a `<picture>` offering
//! its resized copies (see [`crate::renditions`]), with its width and
//! height so the page does not jump while it loads; GIF and SVG files get
//! their width and height. Every image but the page's first (the cover,
//! when the page shows one) loads only when the reader nears it.
//!
//! The cover is not shown twice: when the text shows the page's `image:`
//! file, the text's copy is the one shown (see `render::views::picture_cover`).
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
    // Links made the addresses valid IRIs; the renditions know the files.
    let file = |dest: &str| ctx.site.urls.decoded(dest);
    let found: Vec<usize> = events
        .iter()
        .enumerate()
        .filter_map(|(i, (event, _))| match event {
            Event::Start(Tag::Image { dest_url, .. }) if renditions.knows(&file(dest_url)) => {
                Some(i)
            }
            _ => None,
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let shown: Vec<String> = found
        .iter()
        .filter_map(|&i| match &events[i].0 {
            Event::Start(Tag::Image { dest_url, .. }) => Some(file(dest_url)),
            _ => None,
        })
        .collect();
    let cover =
        crate::site::lookup::cover_image(ctx.site, page).filter(|_| page.kind == PageKind::Article);
    let cover_shown = cover.as_ref().is_some_and(|(url, _)| !shown.contains(url));
    // The cover is shown in the text instead: an author who marked that
    // copy decorative (it repeated the cover) gets the cover's description
    // on it, so the only copy left still says what it shows.
    let mut cover_alt = cover
        .filter(|_| !cover_shown)
        .map(|(url, image)| (url, image.alt.clone()));
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
            position: Some(ctx.position(range)),
        };
        let eager = std::mem::replace(&mut first, false);
        let url = file(dest_url);
        let Some(picture) = renditions.picture(&url, used) else {
            continue;
        };
        let mut alt = super::plain_text(events[i + 1..end].iter().map(|(e, _)| e));
        // (Only the text's first copy of it: a later one may well be decorative.)
        if let Some((_, cover)) = cover_alt.take_if(|(cover_url, _)| *cover_url == url)
            && alt.trim().is_empty()
        {
            alt = cover;
        }
        let html = renditions::markup(&picture, renditions.sizes(), &alt, title, eager);
        replacements.push((
            i..end + 1,
            (Event::InlineHtml(CowStr::from(html)), range.clone()),
        ));
    }
    super::splice(events, replacements);
    shown
}
