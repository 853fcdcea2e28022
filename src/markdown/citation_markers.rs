//! The citation pass over a page's Markdown events: `[@id]` and
//! `[@a; @b]` markers in prose become numbered superscript links, numbered
//! in order of first use (a source cited again keeps its number). Markers
//! in code spans and code blocks are left alone: the parser hands those to
//! us as code, never as text.

use super::{PageContext, Spanned};
use crate::citations::markers::is_valid_id;
use crate::diagnostics::{Diagnostic, codes};
use crate::frontmatter::Citation;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// Which sources a page cites, in number order, with each use's anchor id.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Usage {
    /// (index into the page's citations, anchor ids of each use).
    pub(crate) cited: Vec<(usize, Vec<String>)>,
}

/// A page's sources, indexed once so each marker and each check is a
/// lookup, not a search through the list (linear in the list's length).
struct Sources<'c> {
    citations: &'c [Citation],
    /// The first index of each (trimmed) id.
    first: HashMap<&'c str, usize>,
    /// The number each source was given when first cited, by index.
    numbers: Vec<Option<usize>>,
}

impl<'c> Sources<'c> {
    fn new(citations: &'c [Citation]) -> Sources<'c> {
        let mut first = HashMap::with_capacity(citations.len());
        for (index, citation) in citations.iter().enumerate() {
            first.entry(citation.id.trim()).or_insert(index);
        }
        Sources {
            citations,
            first,
            numbers: vec![None; citations.len()],
        }
    }
}

/// A marker found in a text: byte range in the text and the ids it names.
#[derive(Debug, PartialEq, Eq)]
struct Marker {
    range: Range<usize>,
    ids: Vec<(String, Range<usize>)>,
}

/// Finds `[@a]` / `[@a; @b]` markers in a piece of prose.
fn find_markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("[@") {
        let start = from + i;
        match parse_marker(text, start) {
            Some(marker) => {
                from = marker.range.end;
                out.push(marker);
            }
            None => from = start + 2,
        }
    }
    out
}

fn parse_marker(text: &str, start: usize) -> Option<Marker> {
    let close = start + text[start..].find(']')?;
    let inner = &text[start + 1..close];
    let mut ids = Vec::new();
    let mut offset = start + 1;
    for part in inner.split(';') {
        let trimmed = part.trim_start();
        let lead = part.len() - trimmed.len();
        let id = trimmed.trim_end().strip_prefix('@')?;
        if !is_valid_id(id) {
            return None;
        }
        let id_start = offset + lead + 1;
        ids.push((id.to_string(), id_start..id_start + id.len()));
        offset += part.len() + 1;
    }
    Some(Marker {
        range: start..close + 1,
        ids,
    })
}

/// Numbers the markers of a page and reports markers naming no source.
/// (Sources never cited are the citations stage's check, run by the
/// pipeline on the returned [`Usage`].)
///
/// `citations` are the page's sources (a translation's include those it
/// inherits).
pub(crate) fn number_markers(
    events: &mut Vec<Spanned>,
    citations: &[Citation],
    reference_label: &str,
    ctx: &mut PageContext,
) -> Usage {
    // The parser splits text at `[` and `]`: a marker is made whole.
    super::join_text_runs(events, |run| run.contains("[@"));
    let mut sources = Sources::new(citations);
    let mut usage = Usage::default();
    let mut in_code = 0usize;
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(text) if in_code == 0 && text.contains("[@") => {
                let text = text.to_string();
                let range = events[i].1.clone();
                let markers = find_markers(&text);
                if !markers.is_empty() {
                    let replacement = replace_markers(
                        &text,
                        &range,
                        &markers,
                        &mut sources,
                        reference_label,
                        &mut usage,
                        ctx,
                    );
                    let count = replacement.len();
                    events.splice(i..=i, replacement);
                    i += count;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    usage
}

#[allow(clippy::too_many_arguments)]
fn replace_markers<'a>(
    text: &str,
    range: &Range<usize>,
    markers: &[Marker],
    sources: &mut Sources,
    reference_label: &str,
    usage: &mut Usage,
    ctx: &mut PageContext,
) -> Vec<Spanned<'a>> {
    // The file's text outlives `ctx`: borrowed, not copied, while `ctx`
    // takes diagnostics.
    let file_text: &str = ctx.text;
    let source = file_text[ctx.body_start..].get(range.clone()).unwrap_or("");
    let mut source_cursor = 0usize;
    let mut out = Vec::new();
    let mut last = 0;
    for marker in markers {
        let mut links = Vec::new();
        for (id, _) in &marker.ids {
            // Map the id back to the file: search the source slice in order.
            let needle = format!("@{id}");
            let found = source[source_cursor..]
                .find(&needle)
                .map(|p| source_cursor + p);
            let id_range = match found {
                Some(p) => {
                    source_cursor = p + needle.len();
                    range.start + p + 1..range.start + p + needle.len()
                }
                None => range.clone(),
            };
            let Some(&index) = sources.first.get(id.as_str()) else {
                report_unknown(id, &id_range, sources.citations, ctx);
                continue;
            };
            let number = *sources.numbers[index].get_or_insert_with(|| {
                usage.cited.push((index, Vec::new()));
                usage.cited.len()
            });
            let uses = &mut usage.cited[number - 1].1;
            let anchor = format!("cite-{number}-{}", uses.len() + 1);
            uses.push(anchor.clone());
            links.push(format!(
                "<a href=\"#ref-{number}\" id=\"{anchor}\"><span class=\"visually-hidden\">{} </span>{number}</a>",
                crate::html::escape_attribute(reference_label)
            ));
        }
        if !links.is_empty() {
            if marker.range.start > last {
                out.push((
                    Event::Text(CowStr::from(text[last..marker.range.start].to_string())),
                    range.clone(),
                ));
            }
            let html = format!(
                "<sup class=\"citation\">{}</sup>",
                links.join("<span class=\"citation-sep\">,</span>")
            );
            out.push((Event::InlineHtml(CowStr::from(html)), range.clone()));
            last = marker.range.end;
        }
    }
    if last < text.len() {
        out.push((
            Event::Text(CowStr::from(text[last..].to_string())),
            range.clone(),
        ));
    }
    out
}

/// An error at a marker's id that names no listed source, suggesting the
/// nearest listed id.
fn report_unknown(
    id: &str,
    id_range: &Range<usize>,
    citations: &[Citation],
    ctx: &mut PageContext,
) {
    let known: Vec<&str> = citations.iter().map(|c| c.id.as_str()).collect();
    let hint =
        crate::diagnostics::suggest::did_you_mean(id, known.iter().copied()).unwrap_or_else(|| {
            "add the source under `citations:` in the front matter, with this id".to_string()
        });
    ctx.diagnostics.push(
        Diagnostic::error(
            codes::CITATION_UNKNOWN_ID,
            ctx.file,
            ctx.position(id_range),
            format!("no source with the id `{id}` is listed"),
        )
        .with_hint(hint),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_single_and_grouped_markers() {
        let markers = find_markers("A [@who2023] and [@a; @b-2:x]. Not [@ bad] nor [x] nor [@a.].");
        let ids: Vec<Vec<&str>> = markers
            .iter()
            .map(|m| m.ids.iter().map(|(id, _)| id.as_str()).collect())
            .collect();
        assert_eq!(ids, [vec!["who2023"], vec!["a", "b-2:x"]]);
        let text = "A [@who2023]";
        let m = &find_markers(text)[0];
        assert_eq!(&text[m.range.clone()], "[@who2023]");
        assert_eq!(&text[m.ids[0].1.clone()], "who2023");
    }
}
