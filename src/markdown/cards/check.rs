//! What `check` warns about in care cards, each at its line and column: a
//! heading that is not a call to action ending in the language's "if:", an
//! emergency card that links elsewhere than a phone number, a card without
//! a list, and more cards on a page than `markdown.max_care_cards`.

use super::marker::{self, Block, Level};
use super::{Found, Texts};
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{PageContext, Spanned};
use pulldown_cmark::{Event, Tag};
use std::ops::Range;

pub(super) fn check(events: &[Spanned], found: &[Found], ctx: &mut PageContext, texts: &Texts) {
    let endings = marker::endings(&texts.get("care_card_endings", "if:"));
    let max = ctx.site.config.markdown.max_care_cards;
    let mut cards = 0usize;
    for block in found {
        let Block::Card(level) = block.block else {
            continue;
        };
        cards += 1;
        let first = &events[block.title.start].1;
        let marker = first.start..first.start + block.marker_len;
        heading(events, block, &endings, &marker, ctx);
        let content = &events[block.title.end..block.end];
        if !content
            .iter()
            .any(|(e, _)| matches!(e, Event::Start(Tag::List(_))))
        {
            let position = ctx.position(&marker);
            ctx.diagnostics.push(
                Diagnostic::warning(codes::CARE_CARD_NO_LIST, ctx.file, position, "this care card has no list")
                    .with_hint("under the heading, list the signs that call for this action, one per line starting with `> - `"),
            );
        }
        if level == Level::Emergency {
            links(&events[block.start..block.end], ctx);
        }
        if max > 0 && cards == max + 1 {
            let position = ctx.position(&marker);
            ctx.diagnostics.push(
                Diagnostic::warning(
                    codes::CARE_CARD_TOO_MANY,
                    ctx.file,
                    position,
                    format!("this page has more than {max} care cards, from this one on: the one that matters is harder to find"),
                )
                .with_hint("keep one card for each level of urgency, or raise `markdown.max_care_cards` in site.yaml"),
            );
        }
    }
}

/// The heading must be one call to action ending in "if:" (or the
/// language's word for it).
fn heading(
    events: &[Spanned],
    block: &Found,
    endings: &[String],
    marker: &Range<usize>,
    ctx: &mut PageContext,
) {
    let title = super::title_events(events, block);
    let text = crate::markdown::plain_text(title.iter().map(|(e, _)| e));
    if endings.is_empty() || marker::ends_as_asked(&text, endings) {
        return;
    }
    let ending = &endings[0];
    let (range, message) = match title.first() {
        Some((_, range)) if !text.trim().is_empty() => (
            range.clone(),
            format!("this care card's heading does not end in “{ending}”"),
        ),
        _ => (marker.clone(), "this care card has no heading".to_string()),
    };
    let position = ctx.position(&range);
    ctx.diagnostics.push(
        Diagnostic::warning(codes::CARE_CARD_HEADING, ctx.file, position, message).with_hint(format!(
            "after the marker, write what to do as one sentence ending in “{ending}” (like “Call 911 now if:”), and list when below it"
        )),
    );
}

/// An emergency card is self-contained: its only links are phone numbers.
fn links(events: &[Spanned], ctx: &mut PageContext) {
    for (event, range) in events {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        if dest_url.trim().to_ascii_lowercase().starts_with("tel:") {
            continue;
        }
        let position = ctx.position(range);
        ctx.diagnostics.push(
            Diagnostic::warning(
                codes::CARE_CARD_EMERGENCY_LINK,
                ctx.file,
                position,
                "an emergency care card links to another page: in an emergency, readers must act, not read on",
            )
            .with_hint("keep only what to do now in the card (a `tel:` link to a phone number is fine), and move this link to the text after it"),
        );
    }
}
