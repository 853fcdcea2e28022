//! Inherited fields: a translation takes the non-textual front matter of
//! its source, the default-language page of its translation group, unless
//! it writes the field itself. Translators write only text; metadata stays
//! in one place and cannot silently drop a translation out of tag lists.
//!
//! Runs once in assembly, after translation groups are known and before
//! tag pages and list orders are made from the metadata. The exact list
//! is [`INHERITED`] (what `check --explain translation/inherited` prints).

use super::{Page, PageId, PageKind};
use crate::diagnostics::{Diagnostic, Position, codes};
use crate::frontmatter::{Citation, CoverImage, FrontMatter};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The fields a translation inherits, with how, in the words the docs use.
pub const INHERITED: &[(&str, &str)] = &[
    ("date", "when the translation has none"),
    (
        "image",
        "the picture itself; the translation's own `image_alt` describes it when written",
    ),
    ("tags", "when the translation lists none"),
    ("audience", "when the translation has none"),
    ("hashtags", "when the translation lists none"),
    ("authors", "when the translation lists none"),
    ("reviewers", "when the translation lists none of its own"),
    (
        "next_review",
        "when the translation has neither it nor reviewers of its own",
    ),
    (
        "citations",
        "bibliographic fields a citation of the same `id` leaves out, and citations it does not list",
    ),
    (
        "alert",
        "severity, expiry and area, when the translation has no `alert`",
    ),
    ("weight", "when the translation has none"),
    ("extra", "keys the translation does not set"),
];

/// The text of `pamphlet check --explain translation/inherited`.
pub fn explain() -> String {
    let mut text = String::from(
        "A translation is the page at the same path under another language folder, or a page \
         with the same `translation_key`. Its source is the page of the group in the site's \
         default language. Translators write only text: every field below that a translation \
         does not write is taken from its source, before tag pages, menus and lists are made, so \
         a translation is listed under its source's tags even if it names none.\n\nInherited:\n",
    );
    for (field, how) in INHERITED {
        text.push_str(&format!("  {field:<12} {how}\n"));
    }
    text.push_str(
        "\nNever inherited (words of a language, or facts about this text): title, summary, \
         slug, translation_key, draft, image_alt, aliases, updated.\n\
         An image taken from the source keeps the source's `image_alt` (marked as written in the \
         source's language) until the translation writes its own `image_alt`.",
    );
    text
}

/// Fills every translation from its source and reports articles that end
/// up without a `date`. `groups` are translation groups in language order.
pub fn inherit(
    pages: &mut [Page],
    groups: &[Vec<PageId>],
    default_language: &str,
) -> Vec<Diagnostic> {
    for group in groups {
        let Some(&source) = group
            .iter()
            .find(|&&id| pages[id].language == default_language && pages[id].source.is_some())
        else {
            continue;
        };
        let from = pages[source].meta.clone();
        let from_language = pages[source].language.clone();
        let from_dir = pages[source]
            .source_path()
            .and_then(|p| p.parent())
            .map(|p| p.to_string_lossy().replace('\\', "/"));
        for &id in group.iter().filter(|&&id| id != source) {
            if !matches!(
                pages[id].kind,
                PageKind::Article | PageKind::Section | PageKind::Home
            ) {
                continue;
            }
            let own_dir_depth = pages[id]
                .source_path()
                .and_then(|p| p.parent())
                .map_or(0, |p| p.components().count());
            let rebase = |src: &str| rebase(src, from_dir.as_deref(), own_dir_depth);
            fill(
                Arc::make_mut(&mut pages[id].meta),
                &from,
                &from_language,
                &rebase,
            );
        }
    }
    pages
        .iter()
        .filter(|p| p.kind == PageKind::Article && p.meta.date.is_none())
        .filter_map(|p| p.source.as_ref())
        // A date written but invalid is already reported where it is written.
        .filter(|parsed| !crate::frontmatter::writes_field(&parsed.text, "date"))
        .map(|parsed| {
            let path = parsed.source.path.as_path();
            Diagnostic::error(
                codes::FRONTMATTER_MISSING_FIELD,
                path,
                Position::new(1, 1, 3),
                "the front matter has no `date`",
            )
            .with_hint("add a line like `date: 2026-03-01`")
        })
        .collect()
}

/// Copies into `meta` what it leaves to its source.
fn fill(
    meta: &mut FrontMatter,
    from: &FrontMatter,
    from_language: &str,
    rebase: &dyn Fn(&str) -> String,
) {
    if meta.date.is_none() {
        meta.date = from.date;
    }
    if meta.image.is_none()
        && let Some(image) = &from.image
    {
        let (alt, alt_language) = match &meta.image_alt {
            Some(own) => (own.clone(), None),
            None => (
                image.alt.clone(),
                image
                    .alt_language
                    .clone()
                    .or_else(|| Some(from_language.to_string())),
            ),
        };
        meta.image = Some(CoverImage {
            src: rebase(&image.src),
            alt,
            alt_language,
            inherited: true,
        });
    }
    if meta.tags.is_empty() {
        meta.tags = from.tags.clone();
    }
    if meta.audience.is_none() {
        meta.audience = from.audience;
    }
    if meta.hashtags.is_empty() {
        meta.hashtags = from.hashtags.clone();
    }
    if meta.authors.is_empty() {
        meta.authors = from.authors.clone();
    }
    // A translation reviewed on its own is due again after its own review.
    if meta.reviewers.is_empty() {
        meta.reviewers = from.reviewers.clone();
        if meta.next_review.is_none() {
            meta.next_review = from.next_review;
        }
    }
    fill_citations(&mut meta.citations, &from.citations);
    if meta.alert.is_none() {
        meta.alert = from.alert.clone();
    }
    if meta.weight.is_none() {
        meta.weight = from.weight;
    }
    for (key, value) in &from.extra {
        meta.extra
            .entry(key.clone())
            .or_insert_with(|| value.clone());
    }
}

/// A citation of the same `id` keeps what the translation wrote (a
/// translated title, say) and takes the rest; the source's other citations
/// are added after the translation's own, in the source's order.
fn fill_citations(own: &mut Vec<Citation>, from: &[Citation]) {
    // Looked up by id, not searched: both lists can be long.
    let mut by_id: HashMap<&str, &Citation> = HashMap::with_capacity(from.len());
    for source in from {
        by_id.entry(source.id.as_str()).or_insert(source);
    }
    for citation in own.iter_mut() {
        let Some(&source) = by_id.get(citation.id.as_str()) else {
            continue;
        };
        if citation.authors.is_empty() {
            citation.authors = source.authors.clone();
        }
        macro_rules! take {
            ($($field:ident),*) => {
                $( if citation.$field.is_none() { citation.$field = source.$field.clone(); } )*
            };
        }
        take!(
            title, container, year, volume, issue, pages, doi, pmid, url, accessed
        );
    }
    let mut present: HashSet<String> = own.iter().map(|c| c.id.clone()).collect();
    for source in from {
        if present.insert(source.id.clone()) {
            own.push(source.clone());
        }
    }
}

/// An image path relative to the source's folder, made relative to the
/// translation's folder instead (`images/a.jpg` in `content/en/heart/` is
/// `../../../content/en/heart/images/a.jpg` from `content/es/heart/`).
/// Site-rooted paths and web addresses stay as they are.
fn rebase(src: &str, from_dir: Option<&str>, own_dir_depth: usize) -> String {
    match from_dir {
        Some(dir) if !src.starts_with('/') && !src.contains("://") => {
            format!("{}{dir}/{src}", "../".repeat(own_dir_depth))
        }
        _ => src.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;
    use crate::frontmatter::{Audience, Reviewer, Scalar};

    fn source() -> FrontMatter {
        FrontMatter {
            title: "High blood pressure".into(),
            date: Date::new(2026, 1, 10),
            updated: Date::new(2026, 3, 2),
            tags: vec!["heart".into()],
            audience: Some(Audience::Patients),
            image: Some(CoverImage {
                src: "images/cuff.jpg".into(),
                alt: "A cuff".into(),
                ..CoverImage::default()
            }),
            reviewers: vec![Reviewer {
                name: "Ana Ruiz".into(),
                credentials: None,
                role: None,
                date: Date::new(2026, 3, 1),
                id: None,
            }],
            citations: vec![
                Citation {
                    id: "whelton2018".into(),
                    title: Some("Guideline".into()),
                    container: Some("Hypertension".into()),
                    year: Some(Scalar("2018".into())),
                    ..Citation::default()
                },
                Citation {
                    id: "who2023".into(),
                    ..Citation::default()
                },
            ],
            aliases: vec!["hypertension".into()],
            next_review: Date::new(2027, 3, 1),
            weight: Some(3),
            ..FrontMatter::default()
        }
    }

    fn rebased(src: &str) -> String {
        rebase(src, Some("content/en/heart"), 3)
    }

    #[test]
    fn a_translation_with_only_text_takes_the_rest() {
        let mut es = FrontMatter {
            title: "Presión arterial alta".into(),
            summary: "Qué es.".into(),
            ..FrontMatter::default()
        };
        fill(&mut es, &source(), "en", &rebased);
        assert_eq!(es.title, "Presión arterial alta", "text is never inherited");
        assert_eq!(es.date, Date::new(2026, 1, 10));
        assert_eq!(es.updated, None, "`updated` describes this text");
        assert_eq!(es.tags, ["heart"]);
        assert_eq!(es.audience, Some(Audience::Patients));
        assert_eq!(es.reviewers.len(), 1);
        assert_eq!(es.next_review, Date::new(2027, 3, 1));
        assert!(es.aliases.is_empty(), "aliases are words of a language");
        assert_eq!(es.weight, Some(3));
        let image = es.image.unwrap();
        assert_eq!(image.src, "../../../content/en/heart/images/cuff.jpg");
        assert_eq!(image.alt, "A cuff");
        assert_eq!(image.alt_language.as_deref(), Some("en"));
        assert!(image.inherited);
        assert_eq!(es.citations.len(), 2);
    }

    #[test]
    fn what_the_translation_writes_wins() {
        let mut es = FrontMatter {
            date: Date::new(2026, 2, 1),
            tags: vec!["corazón".into()],
            image_alt: Some("Un manguito".into()),
            reviewers: vec![Reviewer {
                name: "Luis Gómez".into(),
                credentials: None,
                role: None,
                date: Date::new(2026, 2, 1),
                id: None,
            }],
            citations: vec![Citation {
                id: "whelton2018".into(),
                title: Some("Guía".into()),
                ..Citation::default()
            }],
            ..FrontMatter::default()
        };
        fill(&mut es, &source(), "en", &rebased);
        assert_eq!(es.date, Date::new(2026, 2, 1));
        assert_eq!(es.tags, ["corazón"]);
        assert_eq!(es.reviewers[0].name, "Luis Gómez");
        assert_eq!(es.next_review, None, "due after its own review");
        let image = es.image.unwrap();
        assert_eq!(
            (image.alt.as_str(), image.alt_language),
            ("Un manguito", None)
        );
        let first = &es.citations[0];
        assert_eq!(first.title.as_deref(), Some("Guía"));
        assert_eq!(first.container.as_deref(), Some("Hypertension"));
        assert_eq!(first.year, Some(Scalar("2018".into())));
        assert_eq!(es.citations[1].id, "who2023");
    }

    #[test]
    fn rooted_images_and_addresses_are_not_rebased() {
        assert_eq!(rebased("/img/a.png"), "/img/a.png");
        assert_eq!(rebased("https://e.org/a.png"), "https://e.org/a.png");
        assert_eq!(
            rebase("a.png", Some("content/en"), 2),
            "../../content/en/a.png"
        );
    }

    #[test]
    fn the_documented_list_names_real_fields() {
        let names: Vec<&str> = INHERITED.iter().map(|(n, _)| *n).collect();
        for text_field in [
            "title",
            "summary",
            "slug",
            "aliases",
            "updated",
            "image_alt",
        ] {
            assert!(!names.contains(&text_field), "{text_field}");
        }
        let known = crate::frontmatter::field_names();
        for name in names {
            assert!(known.contains(&name), "{name} is not a front-matter field");
        }
    }
}
