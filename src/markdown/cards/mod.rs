//! Care cards and callouts: block quotes that open with a marker.
//!
//! `> [!emergency] Call 911 now if:` (also `[!urgent]`, `[!non-urgent]`)
//! is a care card, the NHS pattern for when to get help: a real heading
//! one level below the heading before it, with a visually hidden prefix
//! in the page's language ("Immediate action required:"), a visible text
//! label besides the colour, and, in an emergency card, the site's
//! emergency number as a `tel:` link. `> [!note]` (also `[!tip]`,
//! `[!important]`, `[!warning]`, `[!caution]`, GitHub's callouts, with an
//! optional title after the marker) is a labelled `<aside>`.
//!
//! pulldown-cmark recognises GitHub's markers when they stand alone on
//! their line ([`pulldown_cmark::BlockQuoteKind`]); a marker followed by a
//! title, and the care card markers, are read here from the quote's first
//! text. Every text Pamphlet adds (labels, prefixes, the number) is
//! escaped; the author's text stays events, escaped by the HTML writer.
//!
//! Runs after the raw HTML pass (the markup it adds is Pamphlet's, not the
//! author's) and before heading ids (so a card's heading gets an id).

mod check;
pub(crate) mod marker;

use super::{PageContext, Spanned};
use crate::html::escape_attribute as escape;
use crate::i18n::StringTable;
use marker::{Block, Callout, Level};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::ops::Range;

/// A marked block quote found in the events.
#[derive(Debug, Clone)]
struct Found {
    block: Block,
    /// Index of the quote's start and end events.
    start: usize,
    end: usize,
    /// Title events: `title.start` is the first text (marker included),
    /// `title.end` the soft break or paragraph end after the title. Empty
    /// for a callout pulldown-cmark recognised (it took the marker line).
    title: Range<usize>,
    /// Bytes of the marker (and spaces after it) at the start of the first text.
    marker_len: usize,
    /// Level of the heading a card gets.
    level: HeadingLevel,
}

/// What the pass needs from the page: its language's UI strings and code.
pub(crate) struct Texts<'s> {
    pub(crate) strings: &'s StringTable,
    pub(crate) language: &'s str,
}

impl Texts<'_> {
    fn get(&self, key: &str, fallback: &str) -> String {
        self.strings
            .get(key)
            .map_or_else(|| fallback.to_string(), Clone::clone)
    }
}

/// A care card of a page, as the preview's author panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareCard {
    /// "Non-urgent", "Urgent" or "Emergency" (the panel is in English).
    pub level: &'static str,
    /// The heading as written, without the marker.
    pub heading: String,
}

/// Turns every marked block quote into a care card or a callout, and
/// reports what `check` warns about in care cards. Returns the cards.
pub(crate) fn apply(
    events: &mut Vec<Spanned>,
    ctx: &mut PageContext,
    texts: &Texts,
) -> Vec<CareCard> {
    // Every marker is written `[!…]`: most pages have none.
    if memchr::memmem::find(ctx.body().as_bytes(), b"[!").is_none() {
        return Vec::new();
    }
    // "[", "!urgent" and "] Call …" can be separate text events.
    super::join_text_runs(events, |run| run.starts_with("[!"));
    let found = find(events);
    if found.is_empty() {
        return Vec::new();
    }
    check::check(events, &found, ctx, texts);
    let cards = found
        .iter()
        .filter_map(|f| match f.block {
            Block::Card(level) => Some(CareCard {
                level: level.fallback_label(),
                heading: super::plain_text(title_events(events, f).iter().map(|(e, _)| e))
                    .trim()
                    .to_string(),
            }),
            Block::Callout(_) => None,
        })
        .collect();
    let number = ctx.site.config.disclaimer.emergency_for(texts.language);
    rewrite(events, &found, texts, number);
    cards
}

/// The marked block quotes, in order (an inner one after its outer one).
fn find(events: &[Spanned]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut last_heading = 1u8;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => last_heading = *level as u8,
            Event::Start(Tag::BlockQuote(kind)) => {
                let level = heading_level(last_heading);
                let end = super::closing(events, i);
                if let Some(kind) = kind {
                    found.push(Found {
                        block: Block::Callout(Callout::from_kind(*kind)),
                        start: i,
                        end,
                        title: i + 1..i + 1,
                        marker_len: 0,
                        level,
                    });
                    continue;
                }
                let first_text = match (events.get(i + 1), events.get(i + 2)) {
                    (Some((Event::Start(Tag::Paragraph), _)), Some((Event::Text(text), _))) => text,
                    _ => continue,
                };
                if let Some((block, marker_len)) = marker::parse(first_text) {
                    found.push(Found {
                        block,
                        start: i,
                        end,
                        title: i + 2..title_end(events, i + 2),
                        marker_len,
                        level,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// One level below the heading before the card, from 2 to 6.
fn heading_level(last: u8) -> HeadingLevel {
    match last.saturating_add(1) {
        0..=2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The first line break outside inline markup in the paragraph whose
/// first inline event is `first`, or the paragraph's end.
fn title_end(events: &[Spanned], first: usize) -> usize {
    let mut depth = 0usize;
    for (offset, (event, _)) in events[first..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return first + offset,
            Event::End(_) => depth -= 1,
            Event::SoftBreak | Event::HardBreak if depth == 0 => return first + offset,
            _ => {}
        }
    }
    events.len()
}

/// The title's events with the marker taken off the first text.
fn title_events<'a>(events: &[Spanned<'a>], found: &Found) -> Vec<Spanned<'a>> {
    let mut title: Vec<Spanned<'a>> = events[found.title.clone()].to_vec();
    if let Some((Event::Text(text), range)) = title.first_mut() {
        let rest = text[found.marker_len..].to_string();
        let start = (range.start + found.marker_len).min(range.end);
        *range = start..range.end;
        if rest.is_empty() {
            title.remove(0);
        } else {
            title[0].0 = Event::Text(CowStr::from(rest));
        }
    }
    title
}

/// Replaces each found quote's start, title and end with the markup of
/// its card or callout.
fn rewrite(events: &mut Vec<Spanned>, found: &[Found], texts: &Texts, number: Option<&str>) {
    let old = std::mem::take(events);
    let mut closings: Vec<(usize, Vec<Event>)> = Vec::new();
    let mut next = found.iter().peekable();
    let mut i = 0;
    while i < old.len() {
        if let Some(block) = next.next_if(|f| f.start == i) {
            let range = old[i].1.clone();
            let title = title_events(&old, block);
            let (open, close) = match block.block {
                Block::Card(level) => card(level, block.level, title, texts, number),
                Block::Callout(kind) => callout(kind, title, texts),
            };
            // Added events take the quote's place; the title keeps its own.
            events.extend(
                open.into_iter()
                    .map(|(e, r)| (e, r.unwrap_or(range.clone()))),
            );
            closings.push((block.end, close));
            i = block.title.end;
            if block.title.is_empty() {
                continue;
            }
            // The title ended the paragraph, or a line break left the rest
            // of it as the first paragraph of the content.
            match old.get(i) {
                Some((Event::End(TagEnd::Paragraph), _)) | None => {}
                Some((_, range)) => events.push((Event::Start(Tag::Paragraph), range.clone())),
            }
            i += 1;
            continue;
        }
        if closings.last().is_some_and(|(end, _)| *end == i) {
            let (_, close) = closings.pop().expect("a closing");
            let range = old[i].1.clone();
            events.extend(close.into_iter().map(|e| (e, range.clone())));
        } else {
            events.push(old[i].clone());
        }
        i += 1;
    }
}

fn html(text: String) -> Event<'static> {
    Event::Html(CowStr::from(text))
}

/// Events to add (no place of their own) and the author's (with theirs).
type Opening<'a> = Vec<(Event<'a>, Option<Range<usize>>)>;

fn added<'a>(events: impl IntoIterator<Item = Event<'a>>) -> Opening<'a> {
    events.into_iter().map(|e| (e, None)).collect()
}

fn kept(title: Vec<Spanned>) -> Opening {
    title.into_iter().map(|(e, r)| (e, Some(r))).collect()
}

/// The events that open and close a care card; `title` are the heading's.
fn card<'a>(
    level: Level,
    heading: HeadingLevel,
    title: Vec<Spanned<'a>>,
    texts: &Texts,
    number: Option<&str>,
) -> (Opening<'a>, Vec<Event<'a>>) {
    let key = level.key();
    let label = texts.get(&format!("care_card_label_{key}"), level.fallback_label());
    let prefix = texts.get(&format!("care_card_prefix_{key}"), level.fallback_prefix());
    let class = key.replace('_', "-");
    let mut open = added([
        html(format!(
            "<div class=\"care-card care-card-{class}\">\n<p class=\"care-card-label\" aria-hidden=\"true\">{}</p>\n",
            escape(&label)
        )),
        Event::Start(Tag::Heading {
            level: heading,
            id: None,
            classes: vec![CowStr::Borrowed("care-card-heading")],
            attrs: Vec::new(),
        }),
        html(format!(
            "<span class=\"visually-hidden\">{} </span>",
            escape(&prefix)
        )),
    ]);
    if title.is_empty() {
        open.push((Event::Text(CowStr::from(label)), None));
    }
    open.extend(kept(title));
    open.extend(added([
        Event::End(TagEnd::Heading(heading)),
        html("<div class=\"care-card-content\">\n".to_string()),
    ]));
    let mut close = Vec::new();
    if let (Level::Emergency, Some(number)) = (level, number) {
        // The number reads left to right in every language (`+971 999`).
        let call = texts.get("disclaimer_call", "Call {number}");
        let (before, after) = call.split_once("{number}").unwrap_or((call.as_str(), ""));
        let space = if call.contains("{number}") { "" } else { " " };
        close.push(html(format!(
            "<p class=\"care-card-call\"><a href=\"{}\">{}{space}<bdi dir=\"ltr\">{}</bdi>{}</a></p>\n",
            escape(&crate::disclaimer::tel_href(number)),
            escape(before),
            escape(number),
            escape(after)
        )));
    }
    close.push(html("</div>\n</div>\n".to_string()));
    (open, close)
}

/// The events that open and close a callout; `title` may be empty.
fn callout<'a>(
    kind: Callout,
    title: Vec<Spanned<'a>>,
    texts: &Texts,
) -> (Opening<'a>, Vec<Event<'a>>) {
    let label = texts.get(&format!("callout_{}", kind.key()), kind.fallback_label());
    let title_text = super::plain_text(title.iter().map(|(e, _)| e));
    let name = if title_text.trim().is_empty() {
        label.clone()
    } else {
        texts
            .get("callout_named", "{label}: {title}")
            .replace("{label}", &label)
            .replace("{title}", title_text.trim())
    };
    let mut open = added([html(format!(
        "<aside class=\"callout callout-{}\" aria-label=\"{}\">\n<p class=\"callout-title\"><strong class=\"callout-label\">{}</strong>",
        kind.key(),
        escape(&name),
        escape(&label)
    ))]);
    if !title.is_empty() {
        open.push((html(" ".to_string()), None));
        open.extend(kept(title));
    }
    open.push((html("</p>\n".to_string()), None));
    (open, vec![html("</aside>\n".to_string())])
}

#[cfg(test)]
mod tests;
