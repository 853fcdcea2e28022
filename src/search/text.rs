//! The text a page is found by: its title, aliases, summary, tags and body.
//!
//! The body comes straight from the Markdown (headings, prose, list items,
//! table cells, image alt text), not from the rendered page, so menus,
//! footers and reference lists never match a query. Citation markers
//! (`[@id]`) are left out: they are not words a reader types.

use crate::markdown;
use crate::site::Page;
use pulldown_cmark::{Event, Parser, TagEnd};

/// A page's searchable text, by how much a match in it counts.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Fields {
    /// The title and aliases: a topic's own names.
    pub names: String,
    /// The summary and tag names.
    pub summary: String,
    /// Headings, prose, list items, table cells and alt text of the body.
    pub body: String,
}

/// The searchable text of `page` (an article written by an author).
pub(super) fn fields(page: &Page) -> Fields {
    let meta = &page.meta;
    let mut names = meta.title.clone();
    for alias in &meta.aliases {
        names.push('\n');
        names.push_str(alias);
    }
    let mut summary = meta.summary.clone();
    for tag in &page.tags {
        summary.push('\n');
        summary.push_str(&tag.name);
    }
    let mut body = String::new();
    if let Some(source) = &page.source {
        body_text(&source.text[source.body_start..], &mut body);
    }
    Fields {
        names,
        summary,
        body,
    }
}

/// Appends the body's text, one line per block. Spaces are left as
/// written: the text is only ever split into words.
fn body_text(markdown_text: &str, out: &mut String) {
    let mut block = String::new();
    // The first block of a quote may open with a care card's or callout's
    // marker (`[!urgent]`), which is not text readers see.
    let mut quote_start = false;
    let flush = |block: &mut String, out: &mut String, quote_start: &mut bool| {
        if std::mem::take(quote_start)
            && let Some(len) = markdown::block_marker_len(block)
        {
            block.drain(..len);
        }
        // A marker can span several text events, so the block is whole here.
        let text = if block.contains("[@") {
            std::borrow::Cow::Owned(strip_citations(block))
        } else {
            std::borrow::Cow::Borrowed(block.as_str())
        };
        if !text.trim().is_empty() {
            out.push_str(&text);
            out.push('\n');
        }
        block.clear();
    };
    for event in Parser::new_ext(markdown_text, markdown::options()) {
        match event {
            Event::Start(pulldown_cmark::Tag::Heading { .. }) => {
                flush(&mut block, out, &mut quote_start)
            }
            Event::Start(pulldown_cmark::Tag::BlockQuote(None)) => {
                flush(&mut block, out, &mut quote_start);
                quote_start = true;
            }
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => flush(&mut block, out, &mut quote_start),
            Event::Text(text) | Event::Code(text) => block.push_str(&text),
            Event::SoftBreak | Event::HardBreak => block.push(' '),
            _ => {}
        }
    }
    flush(&mut block, out, &mut quote_start);
}

/// Removes citation markers (`[@who2023]`, `[@a; @b]`) from text.
fn strip_citations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[@") {
        let Some(len) = rest[start..].find(']') else {
            break;
        };
        let inside = &rest[start + 1..start + len];
        let is_marker = inside.split(';').all(|id| {
            id.trim()
                .strip_prefix('@')
                .is_some_and(|id| !id.is_empty() && !id.contains(char::is_whitespace))
        });
        out.push_str(&rest[..start]);
        if !is_marker {
            out.push_str(&rest[start..=start + len]);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_keeps_prose_headings_and_alt_text_without_markers() {
        let mut text = String::new();
        body_text(
            "Salt raises <b>blood</b> pressure [@who2023; @a].\n\n## Fever\n\n- drink *water*\n\n![A cuff](c.jpg)\n\nSee [x] and [@ not a marker].\n\n> [!urgent] Call 111 if:\n> - you are hot\n\n> [!NOTE]\n> Rest.\n",
            &mut text,
        );
        let lines: Vec<String> = text
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            lines,
            [
                "Salt raises blood pressure .",
                "Fever",
                "drink water",
                "A cuff",
                "See [x] and [@ not a marker].",
                "Call 111 if:",
                "you are hot",
                "Rest."
            ]
        );
    }

    #[test]
    fn names_and_summary_gather_their_fields() {
        let mut page = crate::site::Page::test_article();
        std::sync::Arc::make_mut(&mut page.meta).title = "High blood pressure".to_string();
        std::sync::Arc::make_mut(&mut page.meta).aliases = vec!["Hypertension".to_string()];
        std::sync::Arc::make_mut(&mut page.meta).summary = "What it is.".to_string();
        let fields = fields(&page);
        assert_eq!(fields.names, "High blood pressure\nHypertension");
        assert!(fields.summary.starts_with("What it is."), "{fields:?}");
    }
}
