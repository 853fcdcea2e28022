//! What a section shares with its translations: its place in the menu,
//! and a title in every language.
//!
//! Sections are sorted by `weight`, then title, when each language is
//! assembled; titles differ between languages, and a section without an
//! `_index.md` has no weight, so menus came out in a different order in
//! each language. After translations are linked, every list of sections is
//! sorted again by the weight and title of the section's default-language
//! version (its own when it has no such version).

use super::super::{Page, PageId, PageKind};
use crate::diagnostics::{Diagnostic, Position, codes};
use std::path::Path;

/// Sorts every page's sections alike in all languages.
pub(super) fn order_sections(pages: &mut [Page], default_language: &str) {
    for id in 0..pages.len() {
        if pages[id].subsections.len() < 2 {
            continue;
        }
        let mut subsections = std::mem::take(&mut pages[id].subsections);
        subsections.sort_by(|&a, &b| {
            let (key_a, key_b) = (
                order_key(pages, a, default_language),
                order_key(pages, b, default_language),
            );
            key_a
                .cmp(&key_b)
                .then_with(|| pages[a].url.cmp(&pages[b].url))
        });
        pages[id].subsections = subsections;
    }
}

/// The weight (unset last) and title a section is ordered by: its
/// default-language version's, or its own.
fn order_key<'p>(pages: &'p [Page], id: PageId, default_language: &str) -> (i64, &'p str) {
    let page = &pages[id];
    let reference = std::iter::once(id)
        .chain(page.translations.iter().copied())
        .map(|t| &pages[t])
        .find(|p| p.language == default_language)
        .unwrap_or(page);
    let weight = page
        .meta
        .weight
        .or(reference.meta.weight)
        .unwrap_or(i64::MAX);
    (weight, reference.meta.title.as_str())
}

/// A warning for each section of another language that has no `_index.md`
/// while its default-language version has one, naming the file to add.
pub(super) fn missing_titles(pages: &[Page], default_language: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for page in pages {
        if page.kind != PageKind::Section
            || page.language == default_language
            || page.source.is_some()
        {
            continue;
        }
        let Some(source_file) = page
            .translations
            .iter()
            .map(|&t| &pages[t])
            .find(|t| t.language == default_language)
            .and_then(Page::source_path)
        else {
            continue;
        };
        let to_add = Path::new("content")
            .join(&page.language)
            .join(&page.place)
            .join("_index.md");
        found.push(
            Diagnostic::warning(
                codes::TRANSLATION_SECTION_TITLE,
                source_file,
                Position::start(),
                format!(
                    "the section `{}` has no title in `{}`: its pages show “{}”, made from the folder name",
                    page.place, page.language, page.meta.title
                ),
            )
            .with_hint(format!(
                "add `{}` with `title:` and `summary:` in that language",
                to_add.display()
            )),
        );
    }
    found
}
