//! Markdown to HTML, as a chain of small passes over pulldown-cmark's event
//! stream: accessibility lints, heading ids, footnotes, video and audio players,
//! links and images, embedded frames, code
//! highlighting, citation markers, the prose for reading level, and isolation
//! of left-to-right words in right-to-left pages. Each pass owns
//! one concern and reports problems with their position in the file.
//!
//! All parser options live here, in [`options`], so every caller (build,
//! check, serve, tests) parses Markdown the same way.

mod bidi;
mod cards;
mod citation_markers;
mod embeds;
mod footnotes;
mod headings;
pub mod highlight;
mod links;
mod lints;
mod media;
mod personal_data;
mod pictures;
mod prose;
mod raw_html;
mod template_syntax;

use crate::citations::{self, Reference};
use crate::diagnostics::{Diagnostic, LineIndex, Position};
use crate::i18n::StringTable;
use crate::readability::{self, Readability};
use crate::site::{Page, Site};
use pulldown_cmark::{Event, Options, Parser};
use std::ops::Range;
use std::path::Path;

pub use cards::CareCard;
pub use headings::Heading;

/// The Markdown dialect of the content format.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        // GitHub's callout markers (`> [!NOTE]` alone on its line); see `cards`.
        | Options::ENABLE_GFM
}

/// An event with the byte range of the body it came from.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// One page's body rendered to HTML, with what the passes learnt about it.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    /// Headings in order, with their ids (a table of contents).
    pub headings: Vec<Heading>,
    /// Words of prose (not code), for reading time.
    pub word_count: usize,
    /// The cited sources, numbered in order of first use.
    pub references: Vec<Reference>,
    /// The same sources as indexes into the page's citations (for the
    /// check of sources listed but never cited).
    pub cited_sources: Vec<usize>,
    /// Reading level of the prose (`None`: no formula for the language).
    pub readability: Option<Readability>,
    /// The care cards, in order (for the preview's author panel).
    pub care_cards: Vec<CareCard>,
    /// A code block was highlighted (the page needs `syntax.css`).
    pub highlighted: bool,
    /// The URLs of the site's image files the body shows (a cover among
    /// them is not shown twice).
    pub images: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a pass needs to know about the page it works on.
pub struct PageContext<'a> {
    pub site: &'a Site,
    /// The Markdown file, relative to the site root.
    pub file: &'a Path,
    /// The whole file text and where the body starts in it.
    pub text: &'a str,
    pub body_start: usize,
    pub lines: LineIndex<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

impl PageContext<'_> {
    /// Position in the file of a byte range of the body.
    pub fn position(&self, range: &Range<usize>) -> Position {
        self.lines
            .position(self.body_start + range.start, self.body_start + range.end)
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

/// Renders the Markdown body of a page written by an author (`None` for
/// generated pages). `strings` are the UI texts of the page's language.
///
/// Only renders: the checks of what it found (sources never cited, reading
/// level against the audience's target) are run by the pipeline, from
/// [`RenderedBody::cited_sources`] and [`RenderedBody::readability`].
pub fn render(site: &Site, page: &Page, strings: &StringTable) -> Option<RenderedBody> {
    render_with(site, page, strings, None)
}

/// [`render`], with the site's images shown as responsive pictures when
/// `renditions` is given (the pages of a build; feeds and tools do without).
pub fn render_with(
    site: &Site,
    page: &Page,
    strings: &StringTable,
    renditions: Option<&crate::renditions::Renditions>,
) -> Option<RenderedBody> {
    let parsed = page.source.as_ref()?;
    let file = parsed.source.path.as_path();
    let text: &str = &parsed.text;
    let mut ctx = PageContext {
        site,
        file,
        text,
        body_start: parsed.body_start,
        lines: LineIndex::new(text),
        diagnostics: Vec::new(),
    };
    let body = &text[parsed.body_start..];
    let mut events: Vec<Spanned> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let texts = cards::Texts {
        strings,
        language: &page.language,
    };
    let (headings, needs_sanitizing, care_cards) = first_passes(&mut events, &mut ctx, &texts);
    let images = renditions.map_or_else(Vec::new, |r| pictures::apply(&mut events, &ctx, r, page));
    let label = |key: &str, fallback: &'static str| {
        strings.get(key).map_or(fallback.to_string(), Clone::clone)
    };
    // After heading ids (the notes' ids never take one), before the passes
    // that read the notes' text where it is shown: at the end.
    footnotes::apply(&mut events, &headings, strings, &mut ctx);
    let usage = citation_markers::number_markers(
        &mut events,
        &page.meta.citations,
        &label("reference", "Reference"),
        &mut ctx,
    );
    let highlighted = highlight::highlight_code_blocks(&mut events);
    let prose = prose::extract(&events);
    let (word_count, measured) = readability::analyse(&prose, &page.language);
    let cited_sources = usage.cited.iter().map(|(index, _)| *index).collect();
    let references = references(page, usage, &label("accessed", "accessed"));

    // Keep this pass last: it splits text events (a pass looking for
    // patterns in text, such as citation markers, must run before it).
    if site
        .config
        .language(&page.language)
        .is_some_and(|l| l.direction == crate::config::Direction::Rtl)
    {
        bidi::isolate_left_to_right_runs(&mut events);
    }
    let mut html = String::with_capacity(body.len() + body.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    if needs_sanitizing {
        html = raw_html::sanitize(&html, &site.config.markdown, &site.config.schemes);
    }
    Some(RenderedBody {
        html,
        headings,
        word_count,
        references,
        cited_sources,
        readability: measured,
        care_cards,
        highlighted,
        images,
        diagnostics: ctx.diagnostics,
    })
}

/// The passes over the events as written: accessibility lints, links and
/// images, personal data, raw HTML, video and audio, care cards and
/// callouts, heading ids.
/// Returns the headings, whether the HTML must be sanitized, and the care cards.
fn first_passes(
    events: &mut Vec<Spanned>,
    ctx: &mut PageContext,
    texts: &cards::Texts,
) -> (Vec<Heading>, bool, Vec<CareCard>) {
    let site = ctx.site;
    // Lints read the events as written (before links drop the "decorative" title).
    lints::check(events, ctx);
    links::rewrite(events, ctx);
    personal_data::check(events, &site.config.privacy.allow, ctx);
    let needs_sanitizing = raw_html::apply(events, &site.config.markdown, ctx);
    // After the raw HTML pass, like cards: the players are Pamphlet's markup.
    media::apply(events, ctx, texts);
    // After the raw HTML pass (the markup of cards is Pamphlet's, not the
    // author's), before heading ids (a card's heading gets one too).
    let care_cards = cards::apply(events, ctx, texts);
    let headings = headings::assign_ids(events);
    (headings, needs_sanitizing, care_cards)
}

/// The References list: each cited source formatted, in number order.
fn references(page: &Page, usage: citation_markers::Usage, accessed: &str) -> Vec<Reference> {
    let labels = citations::vancouver::Labels { accessed };
    usage
        .cited
        .into_iter()
        .enumerate()
        .map(|(i, (index, backlinks))| Reference {
            number: i + 1,
            id: page.meta.citations[index].id.clone(),
            html: citations::vancouver::format(
                &page.meta.citations[index],
                &page.language,
                &labels,
            ),
            backlinks: citations::backlinks(i + 1, backlinks),
        })
        .collect()
}

/// Bytes of the care card's or callout's marker (and the spaces after it)
/// a block quote's first text opens with (`[!urgent] Call 111 if:` → 11),
/// for other readers of the Markdown (search) to leave out.
pub(crate) fn block_marker_len(text: &str) -> Option<usize> {
    cards::marker::parse(text).map(|(_, len)| len)
}

/// Joins each run of adjacent text events into one event when the run's
/// text is `wanted` (the HTML is the same either way; a pass that looks at
/// whole words or markers needs them in one piece).
pub(crate) fn join_text_runs<'a>(events: &mut Vec<Spanned<'a>>, wanted: impl Fn(&str) -> bool) {
    let mut joined_events: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    let mut run: Vec<Spanned<'a>> = Vec::new();
    let mut joined = String::new();
    let mut end_run = |run: &mut Vec<Spanned<'a>>, out: &mut Vec<Spanned<'a>>| {
        if run.len() > 1 {
            joined.clear();
            for (event, _) in run.iter() {
                if let Event::Text(text) = event {
                    joined.push_str(text);
                }
            }
            if wanted(&joined) {
                let start = run[0].1.start;
                let end = run.iter().map(|(_, r)| r.end).max().unwrap_or(start);
                run.clear();
                out.push((Event::Text(joined.clone().into()), start..end));
                return;
            }
        }
        out.append(run);
    };
    for (event, range) in events.drain(..) {
        if matches!(event, Event::Text(_)) {
            run.push((event, range));
        } else {
            end_run(&mut run, &mut joined_events);
            joined_events.push((event, range));
        }
    }
    end_run(&mut run, &mut joined_events);
    *events = joined_events;
}

/// `%20` and the like in an address decoded (links, images and clips name
/// files with them); the text as written when that is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Index of the event closing the tag opened at `start` (the last event
/// when it is not closed; the event itself when it opens nothing).
pub(crate) fn closing(events: &[Spanned], start: usize) -> usize {
    let mut depth = 0usize;
    for (offset, (event, _)) in events[start..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return start + offset;
                }
            }
            _ if depth == 0 => return start,
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// Concatenated text of the events (for heading ids and link text).
pub(crate) fn plain_text<'a>(events: impl Iterator<Item = &'a Event<'a>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Puts each replacement in place of the events of its span (spans in order).
fn splice(events: &mut Vec<Spanned>, replacements: Vec<(Range<usize>, Spanned<'static>)>) {
    let old = std::mem::take(events);
    let mut next = replacements.into_iter().peekable();
    let mut skip_until = 0;
    for (i, spanned) in old.into_iter().enumerate() {
        if let Some((span, replacement)) = next.next_if(|(span, _)| span.start == i) {
            skip_until = span.end;
            events.push(replacement);
        } else if i >= skip_until {
            events.push(spanned);
        }
    }
}

/// Runs `pass` over `body` (written after a 3-line front matter, in
/// `file`) with the UI strings of `language`, as the first passes of
/// [`render`] see it: the HTML, (code, line, column) of each diagnostic,
/// and what the pass returned. For the passes' unit tests.
#[cfg(test)]
pub(crate) fn run_pass_for_tests<R>(
    site: &Site,
    language: &str,
    file: &Path,
    body: &str,
    pass: impl FnOnce(&mut Vec<Spanned>, &mut PageContext, &cards::Texts) -> R,
) -> (String, Vec<(&'static str, usize, usize)>, R) {
    let text = format!("---\ntitle: T\n---\n{body}");
    let theme = crate::theme::embedded_default();
    let languages = ["en".to_string(), "ar".to_string()];
    let (strings, _) = crate::i18n::Strings::load(&theme, &languages, "en");
    let table = strings.table(language);
    let mut ctx = PageContext {
        site,
        file,
        text: &text,
        body_start: 16,
        lines: LineIndex::new(&text),
        diagnostics: Vec::new(),
    };
    let mut events: Vec<Spanned> = Parser::new_ext(&text[16..], options())
        .into_offset_iter()
        .collect();
    let texts = cards::Texts {
        strings: &table,
        language,
    };
    let returned = pass(&mut events, &mut ctx, &texts);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    let found = ctx
        .diagnostics
        .iter()
        .map(|d| (d.code, d.position.line, d.position.column))
        .collect();
    (html, found, returned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(events: &[Spanned]) -> Vec<String> {
        events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("my%20photo.png"), "my photo.png");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%é%zz"), "%é%zz", "never splits a character");
    }

    #[test]
    fn only_wanted_text_runs_are_joined() {
        let body = "See [@who2023] and “this”.\n\nNo [x] marker.\n";
        let mut events: Vec<Spanned> = Parser::new_ext(body, options())
            .into_offset_iter()
            .collect();
        let before = texts(&events);
        assert!(before.len() > 2, "{before:?}");
        join_text_runs(&mut events, |run| run.contains("[@"));
        let after = texts(&events);
        assert_eq!(after[0], "See [@who2023] and “this”.");
        // The second paragraph has no marker: its pieces stay as they were.
        assert_eq!(
            after[1..],
            before[before.len() - (after.len() - 1)..],
            "{after:?}"
        );
        assert!(after[1..].len() > 1, "{after:?}");
        join_text_runs(&mut events, |_| true);
        assert_eq!(
            texts(&events),
            ["See [@who2023] and “this”.", "No [x] marker."]
        );
    }
}
