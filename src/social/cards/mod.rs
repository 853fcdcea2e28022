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

pub mod fonts;
pub mod layout;
pub mod paint;
pub mod resources;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::error::{Error, Result};
use crate::i18n::Strings;
use crate::output::Output;
use crate::site::{Page, PageId, PageKind, Site};
use crate::theme::Theme;
use paint::{CardText, Colors, Painter};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

    /// Draws every card (or copies it from the cache) into `output`.
    /// Pages that show the same thing share one card file, drawn or
    /// copied once.
    pub fn render(&mut self, site: &Site, output: &dyn Output) -> Result<(Stats, Diagnostics)> {
        let Some(painter) = &self.painter else {
            return Ok((Stats::default(), Diagnostics::new()));
        };
        std::fs::create_dir_all(&self.cache_dir).map_err(|e| Error::io(&self.cache_dir, e))?;
        let unique = self.first_of_each_key();
        let drawn: Vec<Drawn> = unique
            .par_iter()
            .map(|&i| render_one(site, painter, &self.cache_dir, &self.cards[i], output))
            .collect::<Result<_>>()?;
        let mut stats = Stats::default();
        for (size, time, _) in &drawn {
            match time {
                Some(time) => {
                    stats.rendered += 1;
                    stats.render_time += *time;
                }
                None => stats.cached += 1,
            }
            stats.largest = stats.largest.max(*size as usize);
        }
        let by_key: HashMap<&str, &Drawn> = unique
            .iter()
            .zip(&drawn)
            .map(|(&i, result)| (self.cards[i].key.as_str(), result))
            .collect();
        let mut diagnostics = Diagnostics::new();
        let mut sizes = Vec::with_capacity(self.cards.len());
        for card in &self.cards {
            let (size, _, problem) = by_key[card.key.as_str()];
            sizes.push(Some(*size));
            // Every page showing a card with a problem is told about it.
            if let Some(message) = problem {
                diagnostics.push(card_problem(site, card.page, message.clone()));
            }
        }
        self.sizes = sizes;
        Ok((stats, diagnostics))
    }

    /// The index of the first card of each key, in order.
    fn first_of_each_key(&self) -> Vec<usize> {
        let mut seen = BTreeSet::new();
        (0..self.cards.len())
            .filter(|&i| seen.insert(self.cards[i].key.as_str()))
            .collect()
    }

    /// Copies the cards a previous build drew (and cached) into `output`,
    /// drawing none: the live preview shows real cards without paying for
    /// new ones. Returns how many files were copied.
    pub fn copy_cached(&mut self, site: &Site, output: &dyn Output) -> Result<usize> {
        let mut sizes: HashMap<&str, u64> = HashMap::new();
        for i in self.first_of_each_key() {
            let card = &self.cards[i];
            let cached = self.cache_dir.join(format!("{}.png", card.key));
            if let Some(bytes) = cached_card(&cached).and_then(|_| std::fs::read(&cached).ok()) {
                output.write(&site.urls.output_path(&card.url), &bytes)?;
                sizes.insert(&card.key, bytes.len() as u64);
            }
        }
        let copied = sizes.len();
        self.sizes = self
            .cards
            .iter()
            .map(|c| sizes.get(c.key.as_str()).copied())
            .collect();
        Ok(copied)
    }

    /// Deletes cached cards this build did not use (the cache belongs to one site).
    pub fn prune_cache(&self) {
        let used: BTreeSet<String> = self
            .cards
            .iter()
            .map(|c| format!("{}.png", c.key))
            .collect();
        let Ok(entries) = std::fs::read_dir(&self.cache_dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_card = name.len() == 68
                && name.ends_with(".png")
                && name[..64].chars().all(|c| c.is_ascii_hexdigit());
            if is_card && !used.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// A card in the cache, if there is one: a plain file Pamphlet wrote. A
/// link placed in the cache folder (which a pull request can do when the
/// cache is kept in the repository) is never followed or published.
fn cached_card(path: &Path) -> Option<std::fs::Metadata> {
    std::fs::symlink_metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
}

/// One card file's outcome: its size in bytes, the drawing time (`None`
/// when it came from the cache) and a problem to report to the pages
/// showing it.
type Drawn = (u64, Option<Duration>, Option<resources::Problem>);

fn render_one(
    site: &Site,
    painter: &Painter,
    cache_dir: &Path,
    card: &Card,
    output: &dyn Output,
) -> Result<Drawn> {
    let target = site.urls.output_path(&card.url);
    let cached = cache_dir.join(format!("{}.png", card.key));
    if let Some(meta) = cached_card(&cached) {
        output.publish_cached(&target, &cached)?;
        return Ok((meta.len(), None, None));
    }
    let started = Instant::now();
    let mut problem = None;
    let mut fallback = false;
    let png = match &card.source {
        Source::Generated(text) => painter.generated_png(text),
        Source::Image(path) => painter.image_png(path).or_else(|message| {
            problem = Some(message);
            fallback = true;
            // The file stands for every page showing this image, so it
            // names the site rather than one of those pages.
            let mut text = card_text(site, site.page(card.page), None);
            text.title = text.site_name.clone();
            painter.generated_png(&text)
        }),
    }
    .map_err(|message| Error::Template {
        name: "share/card.svg".to_string(),
        message,
    })?;
    let time = started.elapsed();
    if png.len() > MAX_BYTES && problem.is_none() {
        problem = Some(resources::Problem::Unusable(format!(
            "the share image of this page is {} KB, more than the {} KB WhatsApp previews",
            png.len() / 1024,
            MAX_BYTES / 1024
        )));
    }
    // Written under a temporary name and renamed, so a concurrent build
    // never copies half a file. A card drawn in place of an unusable
    // image is not cached: the next build tries the image again (and
    // reports it again).
    let partial = cache_dir.join(format!("{}.{}.partial", card.key, std::process::id()));
    if !fallback && std::fs::write(&partial, &png).is_ok() {
        let _ = std::fs::rename(&partial, &cached);
    }
    output.write(&target, &png)?;
    Ok((png.len() as u64, Some(time), problem))
}

fn card_problem(site: &Site, page: PageId, problem: resources::Problem) -> Diagnostic {
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

/// Decides every page's card. Cards are planned even when nothing will be
/// written (`check`), so problems such as missing glyphs are reported.
pub fn plan(site: &Site, theme: &Theme, strings: &Strings) -> Result<(Cards, Diagnostics)> {
    let config = &site.config;
    let settings = &config.social.share_images;
    let mut diagnostics = Diagnostics::new();
    let cache_dir = config.root.join(&settings.cache);
    let mut cards = Cards {
        cards: Vec::new(),
        by_page: HashMap::new(),
        painter: None,
        cache_dir,
        sizes: Vec::new(),
    };
    if !settings.generate {
        return Ok((cards, diagnostics));
    }

    let mut sources: Vec<(PageId, Source, String)> = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        if !matches!(
            page.kind,
            PageKind::Article | PageKind::Section | PageKind::Home
        ) {
            continue;
        }
        let own = settings
            .page_images
            .then_some(page.meta.image.as_ref())
            .flatten()
            .and_then(|image| {
                image_file(site, page, &image.src).map(|path| (path, image.alt.clone()))
            });
        match own {
            Some((path, alt)) => sources.push((id, Source::Image(path), alt)),
            None => {
                let badge = badge(page, strings);
                let text = card_text(site, page, badge);
                let alt = [
                    Some(text.title.as_str()),
                    text.badge.as_deref(),
                    Some(text.site_name.as_str()),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
                sources.push((id, Source::Generated(text), alt));
            }
        }
    }

    let mut needed: BTreeSet<char> = BTreeSet::new();
    for (_, source, _) in &sources {
        if let Source::Generated(t) = source {
            needed.extend(
                t.title
                    .chars()
                    .chain(t.site_name.chars())
                    .chain(t.badge.iter().flat_map(|b| b.chars())),
            );
        }
    }
    let fonts = fonts::FontSet::load(&config.boundary, &needed, &mut diagnostics);
    let (logo, logo_hash) = logo(config, &mut diagnostics);
    let template = theme
        .templates
        .get("share/card.svg")
        .map_or(DEFAULT_TEMPLATE, String::as_str);
    let colors = Colors::of(theme);
    let mut shared = blake3::Hasher::new();
    for part in [
        RENDERER_VERSION,
        template,
        &fonts.fingerprint,
        &logo_hash,
        &format!("{colors:?}"),
    ] {
        shared.update(part.as_bytes());
        shared.update(&[0]);
    }

    // A card's key is what it shows, not which page it is for: pages that
    // show the same thing (the same image, the same title) share one
    // drawing and one cache file, each publishing it at its own address.
    // Many pages show one section's picture: each file is read and hashed once.
    let mut image_hashes: HashMap<PathBuf, Option<blake3::Hash>> = HashMap::new();
    for (id, source, alt) in sources {
        let page = site.page(id);
        let mut hasher = shared.clone();
        match &source {
            Source::Generated(text) => {
                for part in [
                    &text.title,
                    &text.site_name,
                    &text.host,
                    text.badge.as_deref().unwrap_or(""),
                    &text.language,
                ] {
                    hasher.update(part.as_bytes());
                    hasher.update(&[0]);
                }
                hasher.update(&[u8::from(text.rtl)]);
                let missing = fonts.missing(&text.title.chars().collect());
                if !missing.is_empty() {
                    let chars: String = missing.iter().take(8).collect();
                    diagnostics.push(
                        Diagnostic::warning(
                            codes::SHARE_IMAGE_MISSING_GLYPHS,
                            page.source_path().unwrap_or(Path::new("site.yaml")),
                            Position::start(),
                            format!("the share image of this page cannot show `{chars}`: no font has these characters"),
                        )
                        .with_hint("put a font for this script (a .ttf or .otf file, e.g. Noto Sans SC for Chinese) in the site's `fonts/` folder"),
                    );
                }
            }
            Source::Image(path) => {
                // The image's bytes, not its path: the same site built
                // from another folder must give the same file names.
                let hash = image_hashes
                    .entry(path.clone())
                    .or_insert_with(|| config.boundary.read(path).ok().map(|b| blake3::hash(&b)));
                match hash {
                    Some(hash) => hasher.update(hash.as_bytes()),
                    None => continue,
                };
            }
        }
        let key = hasher.finalize().to_hex().to_string();
        // One file per drawing, shared by every page that shows it.
        let url = site
            .urls
            .file(None, &["share", &format!("{}.png", &key[..16])]);
        cards.by_page.insert(id, cards.cards.len());
        cards.cards.push(Card {
            page: id,
            url,
            alt,
            key,
            source,
        });
    }
    let painter = Painter::new(template, fonts, colors, logo, config.boundary.clone()).map_err(
        |message| Error::Template {
            name: theme
                .template_origins
                .get("share/card.svg")
                .map_or_else(|| "share/card.svg".to_string(), |p| p.display().to_string()),
            message,
        },
    )?;
    refuse_outside_svg_resources(site, &painter, &cards, &mut diagnostics);
    cards.painter = Some(painter);
    Ok((cards, diagnostics))
}

/// An SVG cover that names a file outside the site is an error at every
/// page that shows it, found here so that `check` (which draws no card)
/// reports it too. Drawing it later refuses the same file again, so
/// nothing outside the site is ever drawn.
fn refuse_outside_svg_resources(
    site: &Site,
    painter: &Painter,
    cards: &Cards,
    diagnostics: &mut Diagnostics,
) {
    let mut checked: HashMap<&Path, Option<resources::Problem>> = HashMap::new();
    for card in &cards.cards {
        let Source::Image(path) = &card.source else {
            continue;
        };
        let is_svg = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg") || e.eq_ignore_ascii_case("svgz"));
        if !is_svg {
            continue;
        }
        let problem = checked
            .entry(path.as_path())
            .or_insert_with(|| painter.image_problem(path));
        if let Some(outside @ resources::Problem::Outside(_)) = problem {
            diagnostics.push(card_problem(site, card.page, outside.clone()));
        }
    }
}

/// The text a generated card shows for a page.
fn card_text(site: &Site, page: &Page, badge: Option<String>) -> CardText {
    let config = &site.config;
    let language = config.language(&page.language);
    CardText {
        title: page.meta.title.clone(),
        site_name: language.map_or(config.title.clone(), |l| l.title.clone()),
        host: config
            .base_url
            .host_str()
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_string(),
        badge,
        rtl: language.is_some_and(|l| l.direction == crate::config::Direction::Rtl),
        language: page.language.clone(),
    }
}

/// "Medically reviewed · 1 March 2026" for a reviewed page.
fn badge(page: &Page, strings: &Strings) -> Option<String> {
    if page.meta.reviewers.is_empty() {
        return None;
    }
    Some(
        match page.meta.reviewers.iter().filter_map(|r| r.date).max() {
            Some(date) => strings.get(
                &page.language,
                "card_reviewed",
                &[("date", &date.display_long(&page.language))],
            ),
            None => strings.get(&page.language, "card_reviewed_undated", &[]),
        },
    )
}

/// The file a front-matter `image` names, relative to the site root, if it
/// is a local file of this build. Only files discovery found (inside the
/// site, through no link that leaves it) are ever read for a card.
pub fn image_file(site: &Site, page: &Page, src: &str) -> Option<PathBuf> {
    if crate::schemes::scheme(src).is_some() || src.starts_with("//") {
        return None;
    }
    let path = match src.strip_prefix('/') {
        Some(rooted) => crate::boundary::normalize(&Path::new("static").join(rooted))?,
        None => crate::boundary::normalize(&page.source_path()?.parent()?.join(src))?,
    };
    site.url_for_source(&path).is_some().then_some(path)
}

/// The logo as a data URI, and a hash of it.
fn logo(config: &Config, diagnostics: &mut Diagnostics) -> (Option<String>, String) {
    let Some(rel) = &config.social.share_images.logo else {
        return (None, String::new());
    };
    match config.boundary.read(rel) {
        Ok(bytes) if let Err(message) = resources::check_image(&config.boundary, rel, &bytes) => {
            diagnostics.push(
                Diagnostic::warning(
                    codes::SHARE_IMAGE_PROBLEM,
                    Path::new(crate::config::FILE_NAME),
                    Position::start(),
                    format!(
                        "the share-card logo `{}` was left out: {message}",
                        rel.display()
                    ),
                )
                .with_hint("use a small PNG or SVG logo (a few hundred pixels wide is plenty)"),
            );
            (None, String::new())
        }
        Ok(bytes) => {
            let mime = mime_of(&rel.to_string_lossy()).unwrap_or("image/png");
            let uri = format!("data:{mime};base64,{}", base64(&bytes));
            (Some(uri), blake3::hash(&bytes).to_hex().to_string())
        }
        Err(_) => {
            diagnostics.push(
                Diagnostic::warning(
                    codes::SHARE_IMAGE_PROBLEM,
                    Path::new(crate::config::FILE_NAME),
                    Position::start(),
                    format!("the share-card logo `{}` does not exist", rel.display()),
                )
                .with_hint("`social.share_images.logo` is relative to the site folder, e.g. `static/logo.svg`"),
            );
            (None, String::new())
        }
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

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
