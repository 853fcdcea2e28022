//! The lints on raw HTML written in Markdown: `<img>` without `alt`,
//! `<h1>`–`<h6>` levels, `<table>` without a `<th>`, the addresses of
//! attributes, and the tags the nesting check follows.
//! HTML is read with a real tokenizer (quotes, entities and odd spacing
//! are handled as a browser would), which reports byte spans, so every
//! problem is placed exactly.

use super::Lints;
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Raw HTML text gathered from consecutive events, with where each piece
/// sits in the page body.
#[derive(Default)]
pub(super) struct Chunk {
    text: String,
    /// (offset in `text`, offset in the body) of each piece.
    pieces: Vec<(usize, usize)>,
}

impl Chunk {
    pub(super) fn push(&mut self, text: &str, body_offset: usize) {
        self.pieces.push((self.text.len(), body_offset));
        self.text.push_str(text);
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The body range of a byte range of `text`.
    fn body_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let index = self
            .pieces
            .partition_point(|&(offset, _)| offset <= start)
            .saturating_sub(1);
        let (offset, body) = self.pieces.get(index).copied().unwrap_or((0, 0));
        body + (start - offset)..body + (end.max(start) - offset)
    }
}

pub(super) fn check(chunk: &Chunk, lints: &mut Lints) {
    let tokens = Tokenizer::new_with_emitter(
        chunk.text.as_str(),
        DefaultEmitter::<usize>::new_with_span(),
    );
    for token in tokens.flatten() {
        match token {
            Token::StartTag(tag) => {
                let range = chunk.body_range(tag.span.start, tag.span.end);
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                for (attribute, value) in &tag.attributes {
                    let attribute = String::from_utf8_lossy(attribute).to_ascii_lowercase();
                    let value_range = chunk.body_range(value.span.start, value.span.end);
                    for address in
                        addresses(&name, &attribute, &String::from_utf8_lossy(&value.value))
                    {
                        lints.address(&address, &value_range);
                    }
                }
                lints.start_tag(&name, &range, tag.self_closing);
                match name.as_str() {
                    "img" => match tag.attributes.get(b"alt".as_slice()) {
                        None => lints.missing_alt(
                            &range,
                            "this `<img>` has no `alt` attribute",
                            "add `alt=\"…\"` describing the picture, or `alt=\"\"` if it is purely decorative",
                        ),
                        Some(alt) if !alt.value.is_empty() && alt.value.iter().all(u8::is_ascii_whitespace) => {
                            lints.missing_alt(
                                &range,
                                "this `<img>` has blank `alt` text",
                                "describe the picture in `alt`, or write `alt=\"\"` (nothing between the quotes) if it is purely decorative",
                            )
                        }
                        Some(_) => {}
                    },
                    "table" => {
                        let position = lints.position(&range);
                        lints.tables.push((position, false));
                    }
                    "th" => {
                        if let Some(table) = lints.tables.last_mut() {
                            table.1 = true;
                        }
                    }
                    _ => {
                        if let Some(level) = heading_level(&name) {
                            lints.heading(level, &range);
                        }
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                lints.end_tag(&name);
                if name == "table"
                    && let Some((position, has_header)) = lints.tables.pop()
                    && !has_header
                {
                    lints.table_without_header(position);
                }
            }
            _ => {}
        }
    }
}

/// The addresses an attribute holds, as a browser would follow them: one
/// for `href`, `src` and the like, each candidate of a `srcset`, each URL
/// of a `ping`, and the target of `<meta http-equiv="refresh">`.
fn addresses(element: &str, attribute: &str, value: &str) -> Vec<String> {
    const SINGLE: &[&str] = &[
        "href",
        "src",
        "xlink:href",
        "action",
        "formaction",
        "poster",
        "data",
        "cite",
        "background",
        "longdesc",
        "manifest",
        "icon",
        "codebase",
        "lowsrc",
        "dynsrc",
        "usemap",
        "archive",
        "profile",
    ];
    match attribute {
        "srcset" | "imagesrcset" => value
            .split(',')
            .filter_map(|c| c.split_whitespace().next())
            .map(str::to_string)
            .collect(),
        "ping" => value.split_whitespace().map(str::to_string).collect(),
        "content" if element == "meta" => {
            let lower = value.to_ascii_lowercase();
            lower
                .find("url=")
                .map(|i| vec![value[i + 4..].trim_matches(['\'', '"', ' ']).to_string()])
                .unwrap_or_default()
        }
        a if SINGLE.contains(&a) => vec![value.to_string()],
        _ => Vec::new(),
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', digit @ b'1'..=b'6'] => Some(digit - b'0'),
        _ => None,
    }
}
