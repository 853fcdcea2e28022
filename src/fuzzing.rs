//! Entry points for the fuzz targets in `fuzz/` and their regression tests:
//! each runs one stage on arbitrary text, entirely in memory.

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
    let (site, _) = crate::site::assemble(config, vec![parsed], &Discovered::default(), false);
    let strings = crate::i18n::StringTable::new();
    for page in &site.pages {
        let _ = crate::markdown::render(&site, page, &strings);
    }
    let _ = crate::validate::validate(
        &site,
        crate::dates::Date::new(2026, 6, 1).expect("valid date"),
    );
}
