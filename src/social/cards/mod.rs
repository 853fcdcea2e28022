//! Share cards: the 1200×630 PNG every article, section and home page shows
//! when its address is pasted into WhatsApp, Facebook, X or LinkedIn.
//!
//! [`plan`] decides each page's card before pages are rendered (pages need
//! its address); [`Cards::render`] draws them in parallel, each worker
//! holding one image at a time. A card's file name (`share/<hash>.png`)
//! carries a hash of everything that affects it (text, colours, template,
//! fonts, logo, the page's own image), which is also its key in the cache
//! folder outside the output: pages showing the same thing share one file,
//! and an unchanged card costs a hard link on the next build.

mod draw;
pub mod fonts;
pub mod layout;
pub mod paint;
mod plan;
pub mod resources;

pub use plan::{image_file, plan};

use crate::diagnostics::{Diagnostic, Position, codes};
use crate::site::{PageId, Site};
use paint::{CardText, Painter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// WhatsApp shows no preview for larger images.
pub const MAX_BYTES: usize = 300 * 1024;
/// Part of every cache key: bump it when the drawing code changes.
const RENDERER_VERSION: &str = "pamphlet-card-1";
/// The template a theme without its own uses.
const DEFAULT_TEMPLATE: &str = include_str!("../../../themes/default/templates/share/card.svg");

/// What a card is drawn from.
#[derive(Debug, Clone)]
enum Source {
    Generated(CardText),
    /// The page's own image (relative to the site root).
    Image(PathBuf),
}

/// One page's card.
#[derive(Debug, Clone)]
pub struct Card {
    pub page: PageId,
    /// Root-relative URL of the PNG.
    pub url: String,
    pub alt: String,
    /// Cache key (hex).
    pub key: String,
    source: Source,
}

/// A page's share image as meta tags and feeds refer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareImage {
    /// Root-relative (or absolute, for a remote page image) URL.
    pub url: String,
    pub alt: String,
    /// Known for generated cards (always 1200×630).
    pub size: Option<(u32, u32)>,
    pub mime: Option<&'static str>,
}

/// What rendering the cards cost.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    /// Cards drawn in this build.
    pub rendered: usize,
    /// Cards copied from the cache.
    pub cached: usize,
    /// Time spent drawing and encoding, summed over threads.
    pub render_time: Duration,
    /// The largest card written, in bytes.
    pub largest: usize,
}

/// Every card of the site.
pub struct Cards {
    cards: Vec<Card>,
    by_page: HashMap<PageId, usize>,
    painter: Option<Painter>,
    cache_dir: PathBuf,
    /// File size of each card once rendered.
    sizes: Vec<Option<u64>>,
}

impl Cards {
    /// The pages whose image a page falls back to: itself, its language
    /// home, the default language's home.
    fn candidates(site: &Site, id: PageId) -> [Option<PageId>; 3] {
        let page = site.page(id);
        [
            Some(id),
            site.homes.get(&page.language).copied(),
            site.homes.get(&site.config.default_language).copied(),
        ]
    }

    /// Index of the card a page shows.
    fn card_index(&self, site: &Site, id: PageId) -> Option<usize> {
        Self::candidates(site, id)
            .into_iter()
            .flatten()
            .find_map(|p| self.by_page.get(&p).copied())
    }

    /// The share image of a page: its own card, else its language home's,
    /// else the default language home's; without cards, the page's own
    /// `image` (or its home's).
    pub fn image_for(&self, site: &Site, id: PageId) -> Option<ShareImage> {
        if let Some(i) = self.card_index(site, id) {
            let card = &self.cards[i];
            return Some(ShareImage {
                url: card.url.clone(),
                alt: card.alt.clone(),
                size: Some((WIDTH, HEIGHT)),
                mime: Some("image/png"),
            });
        }
        if self.painter.is_some() {
            return None;
        }
        Self::candidates(site, id)
            .into_iter()
            .flatten()
            .find_map(|p| crate::site::lookup::cover_image(site, site.page(p)))
            .map(|(url, image)| ShareImage {
                mime: mime_of(&url),
                url,
                alt: image.alt.clone(),
                size: None,
            })
    }

    /// Size in bytes of a page's card file, once rendered.
    pub fn file_size(&self, site: &Site, id: PageId) -> Option<u64> {
        let i = self.card_index(site, id)?;
        self.sizes.get(i).copied().flatten()
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// Where cached cards live.
    pub fn cache_dir(&self) -> &Path {
        &self.cache_dir
    }
}

pub(super) fn card_problem(site: &Site, page: PageId, problem: resources::Problem) -> Diagnostic {
    let file = site
        .page(page)
        .source_path()
        .unwrap_or(Path::new("site.yaml"));
    match problem {
        resources::Problem::Outside(message) => Diagnostic::error(codes::PATH_OUTSIDE_SITE, file, Position::start(), message)
            .with_hint("an SVG image may only name images inside the site folder: copy the file into the site and name it relative to the SVG"),
        resources::Problem::Unusable(message) => Diagnostic::warning(codes::SHARE_IMAGE_PROBLEM, file, Position::start(), message)
            .with_hint("use a JPEG or PNG `image` with less fine detail, or set `social.share_images.page_images: false`"),
    }
}

/// The media type of an image by its extension.
pub fn mime_of(url: &str) -> Option<&'static str> {
    let ext = url.rsplit('.').next()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}
