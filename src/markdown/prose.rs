//! The prose of a page for counting words and measuring its reading level:
//! headings, paragraphs and list items; code, tables, raw HTML, image
//! descriptions and link addresses are left out.

use super::Spanned;
use pulldown_cmark::{Event, Tag, TagEnd};

/// The prose of a page: one string per block (heading, paragraph, list item).
pub(crate) fn extract(events: &[Spanned]) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut skip = 0usize; // inside code blocks, tables or raw HTML blocks
    for (event, _) in events {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock | Tag::Image { .. },
            ) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Table | TagEnd::HtmlBlock | TagEnd::Image) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(text) if skip == 0 => current.push_str(text),
            Event::SoftBreak | Event::HardBreak if skip == 0 => current.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::Start(Tag::Item | Tag::List(_)) => {
                if !current.trim().is_empty() {
                    blocks.push(std::mem::take(&mut current));
                }
                current.clear();
            }
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        blocks.push(current);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_leaves_out_code_tables_and_addresses() {
        let md = "# Title\n\nSee [the WHO](https://who.int) now.\n\n```\ncode here\n```\n\n| a | b |\n|---|---|\n| x | y |\n\n- one item\n- two `code` item\n";
        let events: Vec<Spanned> = pulldown_cmark::Parser::new_ext(md, super::super::options())
            .into_offset_iter()
            .collect();
        assert_eq!(
            extract(&events),
            ["Title", "See the WHO now.", "one item", "two  item"]
        );
    }
}
