//! Deciding every page's card before pages are rendered (pages need its
//! address): what it is drawn from, its alt text, and its key, the hash of
//! everything it shows, which names its file and its cache entry.

use super::paint::{CardText, Colors, Painter};
use super::{
    Card, Cards, DEFAULT_TEMPLATE, RENDERER_VERSION, Source, card_problem, fonts, mime_of,
    resources,
};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::error::{Error, Result};
use crate::i18n::Strings;
use crate::site::{Page, PageId, PageKind, Site};
use crate::theme::Theme;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

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

    let sources = sources(site, strings);
    let fonts = fonts::FontSet::load(&config.boundary, &needed_chars(&sources), &mut diagnostics);
    let (logo, logo_hash) = logo(config, &mut diagnostics);
    let template = theme
        .templates
        .get("share/card.svg")
        .map_or(DEFAULT_TEMPLATE, String::as_str);
    let colors = Colors::of(theme);
    let shared = shared_hasher(template, &fonts, &logo_hash, &colors);
    add_cards(site, sources, &shared, &fonts, &mut cards, &mut diagnostics);
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

/// What a page's card is drawn from, and its alt text.
type Planned = (PageId, Source, String);

/// Each article, section and home page's source: its own image when the
/// site allows that and it is a file of the build, else its text.
fn sources(site: &Site, strings: &Strings) -> Vec<Planned> {
    let settings = &site.config.social.share_images;
    let mut sources: Vec<Planned> = Vec::new();
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
    sources
}

/// Every character a generated card shows, so only the fonts needed load.
fn needed_chars(sources: &[Planned]) -> BTreeSet<char> {
    let mut needed: BTreeSet<char> = BTreeSet::new();
    for (_, source, _) in sources {
        if let Source::Generated(t) = source {
            needed.extend(
                t.title
                    .chars()
                    .chain(t.site_name.chars())
                    .chain(t.badge.iter().flat_map(|b| b.chars())),
            );
        }
    }
    needed
}

/// The part of every key that all cards share: drawing code, template,
/// fonts, logo and colours.
fn shared_hasher(
    template: &str,
    fonts: &fonts::FontSet,
    logo_hash: &str,
    colors: &Colors,
) -> blake3::Hasher {
    let mut shared = blake3::Hasher::new();
    for part in [
        RENDERER_VERSION,
        template,
        &fonts.fingerprint,
        logo_hash,
        &format!("{colors:?}"),
    ] {
        shared.update(part.as_bytes());
        shared.update(&[0]);
    }
    shared
}

/// Keys each planned card and adds it to `cards`. A page whose own image
/// cannot be read gets no card.
fn add_cards(
    site: &Site,
    sources: Vec<Planned>,
    shared: &blake3::Hasher,
    fonts: &fonts::FontSet,
    cards: &mut Cards,
    diagnostics: &mut Diagnostics,
) {
    let config = &site.config;
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
                hash_text(&mut hasher, text);
                if let Some(warning) = missing_glyphs(fonts, text, page) {
                    diagnostics.push(warning);
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
}

fn hash_text(hasher: &mut blake3::Hasher, text: &CardText) {
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
}

/// A warning when no font can show some of a card's title.
fn missing_glyphs(fonts: &fonts::FontSet, text: &CardText, page: &Page) -> Option<Diagnostic> {
    let missing = fonts.missing(&text.title.chars().collect());
    if missing.is_empty() {
        return None;
    }
    let chars: String = missing.iter().take(8).collect();
    Some(
        Diagnostic::warning(
            codes::SHARE_IMAGE_MISSING_GLYPHS,
            page.source_path().unwrap_or(Path::new("site.yaml")),
            Position::start(),
            format!("the share image of this page cannot show `{chars}`: no font has these characters"),
        )
        .with_hint("put a font for this script (a .ttf or .otf file, e.g. Noto Sans SC for Chinese) in the site's `fonts/` folder"),
    )
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
pub(super) fn card_text(site: &Site, page: &Page, badge: Option<String>) -> CardText {
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
