//! Entry points for the fuzz targets in `fuzz/` and their regression tests:
//! each runs one stage on arbitrary text, entirely in memory. Also the
//! hostile inputs that unit and integration tests share.

use crate::discover::{Discovered, SourceKind, SourcePage};
use std::path::{Path, PathBuf};

/// Parses front matter (any text) as an article and as a section page.
pub fn front_matter(text: &str) {
    let _ = crate::frontmatter::parse(text, Path::new("content/en/a.md"), SourceKind::Article);
    let _ = crate::frontmatter::parse(text, Path::new("content/en/_index.md"), SourceKind::Section);
}

/// Reads a site.yaml text.
pub fn config(text: &str) {
    let _ = crate::config::from_text(Path::new("/site"), text);
}

/// Parses and renders a whole article: front matter, Markdown passes,
/// citations, readability, sanitising.
pub fn article(text: &str) {
    let config = crate::config::from_text(
        Path::new("/site"),
        "title: T\nbase_url: https://e.org\nlanguages: { en: {}, es: {} }\n",
    )
    .config
    .expect("the fuzzing config is valid");
    let source = SourcePage {
        path: PathBuf::from("content/en/a.md"),
        language: "en".into(),
        rel: PathBuf::from("a.md"),
        kind: SourceKind::Article,
    };
    let (parsed, _) = crate::parse::parse_text(&source, text.to_string());
    let Some(parsed) = parsed else { return };
    let (site, _) = crate::site::assemble(
        config,
        vec![parsed],
        &Discovered::default(),
        &Default::default(),
        &Default::default(),
        false,
    );
    let strings = crate::i18n::StringTable::new();
    for page in &site.pages {
        let _ = crate::markdown::render(&site, page, &strings);
    }
    let _ = crate::validate::validate(
        &site,
        crate::dates::Date::new(2026, 6, 1).expect("valid date"),
    );
}

/// A well-formed PNG of a few dozen bytes claiming `width` × `height`
/// pixels: what a decompression bomb looks like before decoding.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn chunk(png: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32fast::hash(&body).to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    // An empty zlib stream: a decoder would only fail after allocating.
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}
