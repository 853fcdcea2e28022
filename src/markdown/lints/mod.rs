//! Accessibility lints on a page's body: images without alt text, heading
//! levels that skip or repeat the page's heading 1, link text that says
//! nothing out of context, tables without a header row; and, in raw HTML,
//! addresses whose scheme the site does not allow (`javascript:`) or that
//! hold another generator's template code, and inline elements wrapping
//! blocks ([`nesting`]). Markdown and raw HTML are both checked; every
//! problem is reported at its line and column.
//!
//! A read-only pass: it runs on the events as parsed, before the links
//! pass rewrites them (so the `"decorative"` image title is still there).

mod html;
mod link_text;
mod nesting;

use super::{PageContext, Spanned};
use crate::diagnostics::{Diagnostic, Position, codes};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// The title that marks a purely decorative Markdown image (`![](src "decorative")`).
pub(super) const DECORATIVE: &str = "decorative";

/// Checks the events of one page and adds what it finds to `ctx.diagnostics`.
pub(super) fn check(events: &[Spanned], ctx: &mut PageContext) {
    // Raw HTML shown as text (`raw_html: escape`) is no HTML to judge.
    let html_is_html = ctx.site.config.markdown.raw_html != crate::config::RawHtml::Escape;
    let mut lints = Lints {
        ctx,
        last_level: 1,
        tables: Vec::new(),
        html_is_html,
        nesting: nesting::Nesting::default(),
    };
    let mut html = html::Chunk::default();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        if html_is_html {
            lints.markdown_nesting(event);
        }
        match event {
            Event::Start(Tag::Image { title, .. }) => {
                let end = closing(events, i, |e| matches!(e, TagEnd::Image));
                let alt = super::plain_text(events[i + 1..end].iter().map(|(e, _)| e));
                if alt.trim().is_empty() && title.as_ref() != DECORATIVE {
                    lints.missing_alt(range, "this image has no alt text", MARKDOWN_ALT_HINT);
                }
            }
            Event::Start(Tag::Link { .. }) => {
                let end = closing(events, i, |e| matches!(e, TagEnd::Link));
                let text = super::plain_text(events[i + 1..end].iter().map(|(e, _)| e));
                lints.link_text(&text, range);
            }
            Event::Start(Tag::Heading { level, .. }) => lints.heading(*level as u8, range),
            Event::Start(Tag::Table(_)) => {
                let end = closing(events, i, |e| matches!(e, TagEnd::Table));
                lints.markdown_table(&events[i..end], range);
            }
            Event::Html(text) | Event::InlineHtml(text) => html.push(text, range.start),
            _ => {}
        }
        // Raw HTML is checked a block (or an inline tag) at a time.
        let html_continues = matches!(events.get(i + 1), Some((Event::Html(_), _)))
            && matches!(event, Event::Html(_));
        if !html.is_empty() && !html_continues {
            html::check(&std::mem::take(&mut html), &mut lints);
        }
        i += 1;
    }
    lints.finish();
}

const MARKDOWN_ALT_HINT: &str = "describe the picture between the brackets, `![A blood pressure cuff](cuff.jpg)`; a purely decorative image is written `![](line.svg \"decorative\")`";

/// Index of the event closing the tag opened at `start` (or the last event).
fn closing(events: &[Spanned], start: usize, is_end: impl Fn(&TagEnd) -> bool) -> usize {
    let mut depth = 0usize;
    for (offset, (event, _)) in events[start..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && is_end(end) {
                    return start + offset;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// The state of the checks across one page.
pub(super) struct Lints<'c, 'a> {
    ctx: &'c mut PageContext<'a>,
    /// The level of the last heading seen; the page title is level 1.
    last_level: u8,
    /// Raw HTML tables open at this point: where each starts, and whether
    /// it has a header cell yet.
    tables: Vec<(Position, bool)>,
    /// Raw HTML is kept as HTML (not shown as text), so its nesting and
    /// its addresses' template code matter.
    html_is_html: bool,
    nesting: nesting::Nesting,
}

impl Lints<'_, '_> {
    fn position(&self, range: &Range<usize>) -> Position {
        self.ctx.position(range)
    }

    /// An address in raw HTML must have an allowed scheme (see
    /// [`crate::schemes`]); Markdown links are checked by the links pass.
    fn address(&mut self, address: &str, range: &Range<usize>) {
        let schemes = &self.ctx.site.config.schemes;
        if let Err(refused) = schemes.check(address) {
            let position = self.position(range);
            let hint = refused.hint(schemes);
            self.ctx.diagnostics.push(
                Diagnostic::error(
                    codes::URL_SCHEME_NOT_ALLOWED,
                    self.ctx.file,
                    position,
                    refused.message("this address in the raw HTML"),
                )
                .with_hint(hint),
            );
            return;
        }
        if self.html_is_html
            && let Some(found) = super::template_syntax::find(address)
        {
            // The value inside `href="…"`, to underline what to rewrite.
            let attribute = self.ctx.body().get(range.clone()).unwrap_or("");
            let value = attribute.rfind(address).map_or(range.clone(), |at| {
                range.start + at..range.start + at + address.len()
            });
            let position = self.position(&value);
            super::template_syntax::report(
                self.ctx,
                super::template_syntax::Place::RawHtml,
                &found,
                position,
            );
        }
    }

    /// A start tag of the raw HTML, for the nesting check.
    fn start_tag(&mut self, name: &str, range: &Range<usize>, self_closing: bool) {
        if self.html_is_html {
            let position = self.position(range);
            let found = self.nesting.start_tag(name, position, self_closing);
            self.misnested(found);
        }
    }

    /// An end tag of the raw HTML, for the nesting check.
    fn end_tag(&mut self, name: &str) {
        if self.html_is_html {
            let found = self.nesting.end_tag(name);
            self.misnested(found);
        }
    }

    /// Markdown blocks, for the nesting check of the raw HTML around them.
    fn markdown_nesting(&mut self, event: &Event) {
        let found = match event {
            Event::Start(tag) => match nesting::markdown_block(tag) {
                Some(element) => self.nesting.markdown_start(element.as_deref()),
                None => None,
            },
            Event::End(end) if nesting::ends_markdown_block(end) => {
                self.nesting.markdown_end();
                None
            }
            Event::Rule => {
                let found = self.nesting.markdown_start(Some("hr"));
                self.nesting.markdown_end();
                found
            }
            _ => None,
        };
        self.misnested(found);
    }

    fn misnested(&mut self, found: Option<nesting::Misnested>) {
        let Some(found) = found else {
            return;
        };
        let outer = &found.outer;
        let block = if found.from_markdown {
            format!("{} written in Markdown", found.block)
        } else {
            found.block.clone()
        };
        let (message, hint) = if outer == "p" {
            (
                format!("this `<p>` wraps a block, {block}: a paragraph may only hold text and inline elements, so browsers end it before the block and the page is invalid HTML"),
                "use a `<div>` instead of the `<p>` around blocks (it can keep the same `class`), or close the `<p>` before the block".to_string(),
            )
        } else {
            (
                format!(
                    "this `<{outer}>` wraps a block, {block}: a `<{outer}>` may only hold text and inline elements, so the page is invalid HTML that browsers each repair their own way"
                ),
                format!(
                    "use a `<div>` instead of the `<{outer}>` around blocks (it can keep the same `class`), or close the `<{outer}>` before the block"
                ),
            )
        };
        self.ctx.diagnostics.push(
            Diagnostic::warning(
                codes::HTML_INVALID_NESTING,
                self.ctx.file,
                found.position,
                message,
            )
            .with_hint(hint),
        );
    }

    fn missing_alt(&mut self, range: &Range<usize>, message: &str, hint: &str) {
        let position = self.position(range);
        self.ctx.diagnostics.push(
            Diagnostic::error(
                codes::ACCESSIBILITY_IMAGE_ALT,
                self.ctx.file,
                position,
                message,
            )
            .with_hint(hint),
        );
    }

    fn heading(&mut self, level: u8, range: &Range<usize>) {
        let position = self.position(range);
        if level == 1 {
            self.ctx.diagnostics.push(
                Diagnostic::warning(
                    codes::ACCESSIBILITY_SECOND_MAIN_HEADING,
                    self.ctx.file,
                    position,
                    "a heading 1 in the text: the page title is already the page's heading 1",
                )
                .with_hint("start the headings of the text at level 2 (`## `)"),
            );
        } else if level > self.last_level + 1 {
            let after = if self.last_level == 1 {
                "the page title (level 1)".to_string()
            } else {
                format!("a level {} heading", self.last_level)
            };
            self.ctx.diagnostics.push(
                Diagnostic::warning(
                    codes::ACCESSIBILITY_HEADING_ORDER,
                    self.ctx.file,
                    position,
                    format!("this level {level} heading follows {after}: a level is skipped"),
                )
                .with_hint(format!(
                    "make it a level {} heading (`{} `), or add the missing level above it",
                    self.last_level + 1,
                    "#".repeat(usize::from(self.last_level) + 1)
                )),
            );
        }
        self.last_level = level;
    }

    fn link_text(&mut self, text: &str, range: &Range<usize>) {
        let Some(problem) = link_text::problem(text) else {
            return;
        };
        let position = self.position(range);
        self.ctx.diagnostics.push(
            Diagnostic::warning(codes::ACCESSIBILITY_LINK_TEXT, self.ctx.file, position, problem)
                .with_hint("say where the link goes, e.g. `[how to measure your blood pressure](bp.md)`: screen reader users often list the links of a page"),
        );
    }

    /// A Markdown table always has a first row; it is a header only if it says something.
    fn markdown_table(&mut self, events: &[Spanned], range: &Range<usize>) {
        let mut in_head = false;
        let mut header_text = String::new();
        for (event, _) in events {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => break,
                Event::Text(t) | Event::Code(t) if in_head => header_text.push_str(t),
                Event::Html(t) | Event::InlineHtml(t) if in_head => header_text.push_str(t),
                _ => {}
            }
        }
        if header_text.trim().is_empty() {
            let position = self.position(range);
            self.table_without_header(position);
        }
    }

    fn table_without_header(&mut self, position: Position) {
        self.ctx.diagnostics.push(
            Diagnostic::warning(
                codes::ACCESSIBILITY_TABLE_HEADER,
                self.ctx.file,
                position,
                "this table has no header row",
            )
            .with_hint("give the first row the name of each column, so screen readers can announce it with every cell"),
        );
    }

    /// Tables still open at the end of the page are judged as they stand.
    fn finish(&mut self) {
        while let Some((position, has_header)) = self.tables.pop() {
            if !has_header {
                self.table_without_header(position);
            }
        }
    }
}

#[cfg(test)]
mod tests;
