//! What helps a reader find their way in and out of an article: the "On
//! this page" list of its headings, and the related articles it ends with.

use crate::config::ContentsConfig;
use crate::markdown::Heading;
use crate::site::{PageId, PageKind, Site};
use serde::Serialize;

/// A related article's summary is shown under its title when it is at
/// most this long (a list of long summaries is a wall of text on a phone).
const SHORT_SUMMARY_CHARS: usize = 140;

/// One entry of the "On this page" list.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub(crate) struct ContentsEntry<'a> {
    /// The heading's id (the link goes to `#id`).
    pub id: &'a str,
    pub text: &'a str,
    /// A care card's heading ("Call 999 now if:"), marked in the list.
    pub care_card: bool,
}

/// The "On this page" list of a page: its `##` headings and its care
/// cards' headings, in order, when the page is an article with at least
/// `contents.min_headings` `##` headings (care cards do not count), or
/// whatever their number when front matter says `toc: true`; empty with
/// `toc: false`. `###` and lower headings are left out: the list stays
/// a few lines long on a phone.
pub(crate) fn contents<'a>(
    site: &Site,
    id: PageId,
    headings: Option<&'a [Heading]>,
) -> Vec<ContentsEntry<'a>> {
    let page = site.page(id);
    let (Some(headings), PageKind::Article) = (headings, page.kind) else {
        return Vec::new();
    };
    let config: &ContentsConfig = &site.config.contents;
    let sections = headings
        .iter()
        .filter(|h| h.level == 2 && !h.care_card)
        .count();
    let shown = match page.meta.toc {
        Some(asked) => asked,
        None => config.min_headings > 0 && sections >= config.min_headings,
    };
    if !shown {
        return Vec::new();
    }
    headings
        .iter()
        .filter(|h| (h.level == 2 || h.care_card) && !h.text.is_empty())
        .map(|h| ContentsEntry {
            id: &h.id,
            text: &h.text,
            care_card: h.care_card,
        })
        .collect()
}

/// One related article, as the end of an article lists it.
#[derive(Serialize, Debug)]
pub(crate) struct RelatedView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// Its summary when short, else empty.
    pub summary: &'a str,
}

/// The related articles of a page, best first.
pub(crate) fn related(site: &Site, id: PageId) -> Vec<RelatedView<'_>> {
    site.related(id)
        .iter()
        .map(|&other| {
            let page = site.page(other);
            let summary = page.meta.summary.as_str();
            RelatedView {
                title: page.title(),
                url: &page.url,
                summary: if summary.chars().count() <= SHORT_SUMMARY_CHARS {
                    summary
                } else {
                    ""
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::{Discovered, SourceKind, SourcePage};
    use std::path::{Path, PathBuf};

    /// A site with one article whose front matter ends with `extra`.
    fn site(settings: &str, extra: &str) -> Site {
        let config = crate::config::from_text(
            Path::new("/site"),
            &format!("title: T\nbase_url: https://x.org/\n{settings}"),
        )
        .config
        .unwrap();
        let source = SourcePage {
            path: PathBuf::from("content/en/a.md"),
            language: "en".into(),
            rel: PathBuf::from("a.md"),
            kind: SourceKind::Article,
        };
        let text = format!("---\ntitle: A\nsummary: S\ndate: 2026-01-01\n{extra}---\nText.\n");
        let parsed = crate::parse::parse_text(&source, text).0.unwrap();
        let discovered = Discovered {
            pages: vec![source],
            ..Discovered::default()
        };
        crate::site::assemble_for_tests(config, vec![parsed], &discovered)
    }

    fn heading(level: u8, text: &str, care_card: bool) -> Heading {
        Heading {
            level,
            id: crate::slug::slugify(text),
            text: text.into(),
            care_card,
        }
    }

    fn ids(site: &Site, headings: &[Heading]) -> Vec<String> {
        let id = site.page_for_source(Path::new("content/en/a.md")).unwrap();
        contents(site, id, Some(headings))
            .iter()
            .map(|e| e.id.to_string())
            .collect()
    }

    #[test]
    fn care_cards_are_listed_but_not_counted() {
        let three = [
            heading(2, "One", false),
            heading(3, "Call now if:", true),
            heading(3, "Detail", false),
            heading(2, "Two", false),
            heading(2, "Three", false),
        ];
        let site_default = site("", "");
        assert!(ids(&site_default, &three).is_empty(), "3 `##` and a card");
        let mut four = three.to_vec();
        four.push(heading(2, "Four", false));
        assert_eq!(
            ids(&site_default, &four),
            ["one", "call-now-if", "two", "three", "four"]
        );
        assert!(ids(&site("contents:\n  min_headings: 0\n", ""), &four).is_empty());
        assert!(ids(&site("", "toc: false\n"), &four).is_empty());
        assert_eq!(ids(&site("", "toc: true\n"), &three).len(), 4);
    }

    #[test]
    fn headings_without_words_are_left_out() {
        let headings = [heading(2, "", false), heading(2, "Real", false)];
        assert_eq!(ids(&site("", "toc: true\n"), &headings), ["real"]);
    }
}
