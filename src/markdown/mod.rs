//! Markdown to HTML, as a chain of small passes over pulldown-cmark's event
//! stream: accessibility lints, heading ids, links and images, code
//! highlighting, and isolation of left-to-right words in right-to-left pages. Each pass owns
//! one concern and reports problems with their position in the file.
//!
//! All parser options live here, in [`options`], so every caller (build,
//! check, serve, tests) parses Markdown the same way.

mod bidi;
mod headings;
pub mod highlight;
mod links;
mod lints;

use crate::diagnostics::{Diagnostic, LineIndex, Position};
use crate::site::Site;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

pub use headings::Heading;

/// The Markdown dialect of the content format.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// An event with the byte range of the body it came from.
pub(crate) type Spanned<'a> = (Event<'a>, Range<usize>);

/// One page's body rendered to HTML, with what the passes learnt about it.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    /// Headings in order, with their ids (a table of contents).
    pub headings: Vec<Heading>,
    /// Words of prose (not code), for reading time.
    pub word_count: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a pass needs to know about the page it works on.
pub(crate) struct PageContext<'a> {
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

/// Renders the body of the page built from `file`.
pub fn render(site: &Site, file: &Path, text: &str, body_start: usize) -> RenderedBody {
    let mut ctx = PageContext {
        site,
        file,
        text,
        body_start,
        lines: LineIndex::new(text),
        diagnostics: Vec::new(),
    };
    let body = &text[body_start..];
    let mut events: Vec<Spanned> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    // Lints read the events as written (before links drop the "decorative" title).
    lints::check(&events, &mut ctx);
    let headings = headings::assign_ids(&mut events);
    links::rewrite(&mut events, &mut ctx);
    highlight::highlight_code_blocks(&mut events);
    let word_count = count_words(&events);
    // Keep this pass last: it splits text events (a pass looking for
    // patterns in text, such as citation markers, must run before it).
    if is_right_to_left(site, file) {
        bidi::isolate_left_to_right_runs(&mut events);
    }
    let mut html = String::with_capacity(body.len() + body.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    RenderedBody {
        html,
        headings,
        word_count,
        diagnostics: ctx.diagnostics,
    }
}

/// Whether the page built from `file` is in a right-to-left language.
fn is_right_to_left(site: &Site, file: &Path) -> bool {
    site.page_for_source(file)
        .and_then(|id| site.config.language(&site.page(id).language))
        .is_some_and(|l| l.direction == crate::config::Direction::Rtl)
}

fn count_words(events: &[Spanned]) -> usize {
    let mut in_code = false;
    let mut words = 0;
    for (event, _) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code => words += text.split_whitespace().count(),
            _ => {}
        }
    }
    words
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
