//! The text a page is found by: its title, aliases, summary, tags and body,
//! as the small HTML document the search indexer reads.
//!
//! The body comes straight from the Markdown (headings, prose, list items,
//! table cells, image alt text), not from the rendered page, so menus,
//! footers and reference lists never match a query. Citation markers
//! (`[@id]`) are left out: they are not words a reader types.

use crate::markdown;
use crate::render::escape_attribute;
use crate::site::Page;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Weight of the title and aliases: the highest the indexer knows, so a
/// topic's own names rank before pages that only mention them.
const NAME_WEIGHT: u8 = 10;
/// Weight of the summary and tags: above body text, below the names.
const SUMMARY_WEIGHT: u8 = 5;

/// The document indexed for `page` (an article written by an author).
pub fn document(page: &Page) -> String {
    let meta = &page.meta;
    let mut html = format!(
        "<html lang=\"{}\"><body>\n<h1 data-pagefind-weight=\"{NAME_WEIGHT}\">{}</h1>\n",
        escape_attribute(&page.language),
        escape_attribute(&meta.title)
    );
    if !meta.aliases.is_empty() {
        html.push_str(&format!(
            "<p data-pagefind-weight=\"{NAME_WEIGHT}\" data-pagefind-meta=\"aliases\">{}</p>\n",
            escape_attribute(&meta.aliases.join(", "))
        ));
    }
    if !meta.summary.is_empty() {
        html.push_str(&format!(
            "<p data-pagefind-weight=\"{SUMMARY_WEIGHT}\" data-pagefind-meta=\"summary\">{}</p>\n",
            escape_attribute(&meta.summary)
        ));
    }
    if !page.tags.is_empty() {
        let names: Vec<&str> = page.tags.iter().map(|t| t.name.as_str()).collect();
        html.push_str(&format!(
            "<p data-pagefind-weight=\"{SUMMARY_WEIGHT}\">{}</p>\n",
            escape_attribute(&names.join(", "))
        ));
    }
    if let Some(source) = &page.source {
        body_html(&source.text[source.body_start..], &mut html);
    }
    html.push_str("</body></html>\n");
    html
}

/// Appends the body's text as headings and paragraphs.
fn body_html(markdown_text: &str, html: &mut String) {
    let mut block = String::new();
    let flush = |block: &mut String, html: &mut String, tag: &str| {
        let text = strip_citations(block);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            html.push_str(&format!("<{tag}>{}</{tag}>\n", escape_attribute(&text)));
        }
        block.clear();
    };
    for event in Parser::new_ext(markdown_text, markdown::options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => flush(&mut block, html, "p"),
            Event::End(TagEnd::Heading(level)) => {
                // Body headings stay below the title's weight.
                let tag = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => "h2",
                    _ => "h3",
                };
                flush(&mut block, html, tag);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => flush(&mut block, html, "p"),
            Event::Text(text) | Event::Code(text) => block.push_str(&text),
            Event::SoftBreak | Event::HardBreak => block.push(' '),
            _ => {}
        }
    }
    flush(&mut block, html, "p");
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
        let mut html = String::new();
        body_html(
            "Salt raises <b>blood</b> pressure [@who2023; @a].\n\n## Fever\n\n- drink *water*\n\n![A cuff](c.jpg)\n\nSee [x] and [@ not a marker].\n",
            &mut html,
        );
        assert_eq!(
            html,
            "<p>Salt raises blood pressure .</p>\n<h2>Fever</h2>\n<p>drink water</p>\n<p>A cuff</p>\n<p>See [x] and [@ not a marker].</p>\n"
        );
    }

    #[test]
    fn front_matter_values_are_escaped() {
        let mut page = crate::site::Page::test_article();
        page.meta.title = "<script>alert(1)</script>".to_string();
        page.meta.aliases = vec!["a & b".to_string()];
        let doc = document(&page);
        assert!(
            doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{doc}"
        );
        assert!(doc.contains(">a &amp; b</p>"), "{doc}");
        assert!(!doc.contains("<script>"));
    }
}
