//! Footnotes (`text[^label]` and `[^label]: note`): numbered in order of
//! first reference, their notes gathered in a "Notes" section at the end of
//! the body, each with back-links to every place it is referenced (`↩ 1a`,
//! `↩ 1b`, as the References list does). Ids are slugs of the labels, like
//! heading ids (`fn-<slug>`, `fnref-<slug>`), unique on the page, so a label
//! with spaces, quotes or `<` still gives valid ids and working links (the
//! parser's own rendering uses the label as written). A reference to a note
//! that does not exist, and a note nothing refers to, are warnings.

use super::{PageContext, Spanned};
use crate::diagnostics::{Diagnostic, codes};
use crate::html::escape_attribute;
use crate::i18n::StringTable;
use crate::site::urls::slugify;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The UI texts the pass writes (translated, from the theme's strings).
struct Labels {
    /// The heading of the notes section ("Notes").
    heading: String,
    /// Read before a reference's number ("Note").
    note: String,
    /// Read before a back-link's label ("Back to text").
    back: String,
}

impl Labels {
    fn new(strings: &StringTable) -> Labels {
        let get = |key: &str, fallback: &str| {
            strings
                .get(key)
                .map_or_else(|| fallback.to_string(), Clone::clone)
        };
        Labels {
            heading: get("footnotes", "Notes"),
            note: get("footnote", "Note"),
            back: get("back_to_text", "Back to text"),
        }
    }
}

/// Longest slug kept from a label, in characters: an id stays readable
/// (uniqueness comes from the suffix, not from the whole label).
const MAX_SLUG: usize = 40;

/// One `[^label]: …` definition, taken out of the flow of the text.
struct Note<'a> {
    label: String,
    range: Range<usize>,
    content: Vec<Spanned<'a>>,
    /// Its number and id once referenced.
    numbered: Option<(usize, String)>,
    /// The anchor id of each reference to it, in order.
    anchors: Vec<String>,
}

/// Renders the footnotes of `events`, with the UI texts of `strings`.
/// Runs after heading ids: the notes' ids never take one of `headings`'.
pub(super) fn apply<'a>(
    events: &mut Vec<Spanned<'a>>,
    headings: &[super::Heading],
    strings: &StringTable,
    ctx: &mut PageContext,
) {
    report_undefined(events, ctx);
    let mut notes = extract(events);
    if notes.is_empty() {
        return;
    }
    let labels = &Labels::new(strings);
    let mut state = Numbering {
        used: headings.iter().map(|h| h.id.clone()).collect(),
        order: Vec::new(),
        by_label: HashMap::new(),
    };
    for (index, note) in notes.iter().enumerate() {
        state.by_label.entry(key(&note.label)).or_insert(index);
    }
    number_references(events, &mut notes, &mut state, labels, ctx);
    // A note may refer to another: numbered as its own note is shown.
    let mut next = 0;
    while next < state.order.len() {
        let index = state.order[next];
        let mut content = std::mem::take(&mut notes[index].content);
        number_references(&mut content, &mut notes, &mut state, labels, ctx);
        notes[index].content = content;
        next += 1;
    }
    for note in notes.iter().filter(|n| n.numbered.is_none()) {
        report_unused(note, ctx);
    }
    if state.order.is_empty() {
        return;
    }
    let end = ctx.body().len();
    let section = notes_section(notes, &state, labels, end);
    events.extend(section);
}

/// How labels are matched (the parser ignores case).
fn key(label: &str) -> String {
    label.to_lowercase()
}

struct Numbering {
    used: HashSet<String>,
    /// Note indexes in number order.
    order: Vec<usize>,
    by_label: HashMap<String, usize>,
}

impl Numbering {
    /// `base`, or `base-2`, `base-3` … whichever the page has not used.
    fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 2;
        loop {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// Takes every definition (nested ones too) out of `events`, in order.
fn extract<'a>(events: &mut Vec<Spanned<'a>>) -> Vec<Note<'a>> {
    let mut notes = Vec::new();
    take_definitions(events, &mut notes);
    let mut i = 0;
    while i < notes.len() {
        let mut content = std::mem::take(&mut notes[i].content);
        take_definitions(&mut content, &mut notes);
        notes[i].content = content;
        i += 1;
    }
    notes
}

fn take_definitions<'a>(events: &mut Vec<Spanned<'a>>, notes: &mut Vec<Note<'a>>) {
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i].0 {
            let label = label.to_string();
            let range = events[i].1.clone();
            let end = super::closing(events, i);
            let mut content: Vec<Spanned> = events.drain(i..=end).collect();
            content.remove(0);
            if matches!(
                content.last(),
                Some((Event::End(TagEnd::FootnoteDefinition), _))
            ) {
                content.pop();
            }
            notes.push(Note {
                label,
                range,
                content,
                numbered: None,
                anchors: Vec::new(),
            });
        } else {
            i += 1;
        }
    }
}

/// Replaces each footnote reference in `events` with its numbered link.
fn number_references(
    events: &mut [Spanned],
    notes: &mut [Note],
    state: &mut Numbering,
    labels: &Labels,
    ctx: &mut PageContext,
) {
    for (event, range) in events.iter_mut() {
        let Event::FootnoteReference(label) = event else {
            continue;
        };
        let Some(&index) = state.by_label.get(&key(label)) else {
            // The parser found a definition its way (Unicode case folding)
            // that ours misses: shown as written, and reported.
            let label = label.to_string();
            report_missing(&label, range, ctx);
            *event = Event::Text(CowStr::from(format!("[^{label}]")));
            continue;
        };
        let note = &mut notes[index];
        if note.numbered.is_none() {
            state.order.push(index);
            let id = state.unique(&format!("fn-{}", slug(&note.label, state.order.len())));
            note.numbered = Some((state.order.len(), id));
        }
        let Some((number, id)) = &note.numbered else {
            continue;
        };
        let anchor = state.unique(&format!("fnref-{}", &id[3..]));
        *event = Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-ref\"><a href=\"#{}\" id=\"{}\"><span class=\"visually-hidden\">{} </span>{number}</a></sup>",
            escape_attribute(id),
            escape_attribute(&anchor),
            escape_attribute(&labels.note),
        )));
        note.anchors.push(anchor);
    }
}

/// The label as an id's readable part: its slug, shortened; the note's
/// number when nothing of the label is left (`[^!!!]`).
fn slug(label: &str, number: usize) -> String {
    let slug: String = slugify(label).chars().take(MAX_SLUG).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        number.to_string()
    } else {
        slug.to_string()
    }
}

/// The notes section: the referenced notes in number order, each with its
/// back-links at the end of its last paragraph.
fn notes_section<'a>(
    mut notes: Vec<Note<'a>>,
    state: &Numbering,
    labels: &Labels,
    end: usize,
) -> Vec<Spanned<'a>> {
    let mut used = state.used.clone();
    let mut heading_id = "footnotes-heading".to_string();
    let mut n = 2;
    while !used.insert(heading_id.clone()) {
        heading_id = format!("footnotes-heading-{n}");
        n += 1;
    }
    let html = |s: String| (Event::Html(CowStr::from(s)), end..end);
    let mut out = vec![html(format!(
        "<section class=\"footnotes\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n<ol>\n",
        escape_attribute(&labels.heading),
        id = escape_attribute(&heading_id),
    ))];
    for &index in &state.order {
        let note = &mut notes[index];
        let Some((number, id)) = note.numbered.take() else {
            continue;
        };
        let range = note.range.clone();
        out.push(html(format!("<li id=\"{}\">\n", escape_attribute(&id))));
        let links = backlinks(number, std::mem::take(&mut note.anchors), labels);
        let mut content = std::mem::take(&mut note.content);
        match content
            .iter()
            .rposition(|(e, _)| !matches!(e, Event::End(_)))
        {
            Some(last) if matches!(content.last(), Some((Event::End(TagEnd::Paragraph), _))) => {
                let at = content.len() - 1;
                let _ = last;
                content.insert(at, (Event::InlineHtml(CowStr::from(links)), range));
            }
            _ => content.push((
                Event::Html(CowStr::from(format!("<p>{links}</p>\n"))),
                range,
            )),
        }
        out.extend(content);
        out.push(html("</li>\n".to_string()));
    }
    out.push(html("</ol>\n</section>\n".to_string()));
    out
}

/// The back-links of note `number` to its references, labelled like the
/// References list's (`1`, or `1a`, `1b` … when referenced more than once).
fn backlinks(number: usize, anchors: Vec<String>, labels: &Labels) -> String {
    let mut out = String::new();
    for link in crate::citations::backlinks(number, anchors) {
        out.push_str(&format!(
            " <a class=\"backlink\" href=\"#{}\"><span aria-hidden=\"true\">↩</span> <span class=\"visually-hidden\">{} </span>{}</a>",
            escape_attribute(&link.id),
            escape_attribute(&labels.back),
            escape_attribute(&link.label),
        ));
    }
    out
}

/// Warns of `[^label]` written in text: the parser leaves a reference to
/// a note that does not exist as plain text.
fn report_undefined(events: &mut Vec<Spanned>, ctx: &mut PageContext) {
    super::join_text_runs(events, |run| run.contains("[^"));
    let mut in_code = 0usize;
    let mut found = Vec::new();
    for (event, range) in events.iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(text) if in_code == 0 => {
                for label in written_references(text) {
                    found.push((label.to_string(), range.clone()));
                }
            }
            _ => {}
        }
    }
    for (label, range) in found {
        report_missing(&label, &range, ctx);
    }
}

/// The labels of `[^label]` in a text.
fn written_references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[^") {
        let after = &rest[start + 2..];
        match after.find([']', '[']) {
            Some(close) if after[close..].starts_with(']') => {
                let label = &after[..close];
                // `[^ x]` is not a label an author means (nor is `[^]`).
                if !label.is_empty() && !label.starts_with(char::is_whitespace) {
                    out.push(label);
                }
                rest = &after[close + 1..];
            }
            Some(close) => rest = &after[close..],
            None => break,
        }
    }
    out
}

/// A warning at the `[^label]` (searched for within `range`).
fn report_missing(label: &str, range: &Range<usize>, ctx: &mut PageContext) {
    let marker = format!("[^{label}]");
    let body = ctx.body();
    let start = body
        .get(range.clone())
        .and_then(|s| s.find(&marker))
        .map_or(range.start, |p| range.start + p);
    let end = (start + marker.len()).min(body.len()).max(start);
    let position = ctx.position(&(start..end));
    ctx.diagnostics.push(
        Diagnostic::warning(
            codes::FOOTNOTE_UNDEFINED,
            ctx.file,
            position,
            format!("the footnote `{marker}` has no note: readers see `{marker}` as it is"),
        )
        .with_hint(format!(
            "add the note on a line of its own, e.g. at the end of the file: `{marker}: The note's text.`, or remove `{marker}`"
        )),
    );
}

fn report_unused(note: &Note, ctx: &mut PageContext) {
    let position = ctx.position(&note.range);
    let marker = format!("[^{}]", note.label);
    ctx.diagnostics.push(
        Diagnostic::warning(
            codes::FOOTNOTE_UNUSED,
            ctx.file,
            position,
            format!("the note `{marker}` is never referred to, so it is not shown"),
        )
        .with_hint(format!(
            "write `{marker}` in the text where the note applies, or remove the note"
        )),
    );
}

#[cfg(test)]
mod tests;
