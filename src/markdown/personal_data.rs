//! The personal-data pass: prose, code and `mailto:`/`tel:` links are
//! searched for likely personal details (see [`crate::privacy::personal_data`]).

use super::{PageContext, Spanned};
use crate::diagnostics::{Diagnostic, codes};
use crate::privacy::personal_data;
use pulldown_cmark::{Event, Tag};

pub(super) fn check(events: &[Spanned], allow: &[String], ctx: &mut PageContext) {
    let scanner = personal_data::Scanner::new(allow, Some(ctx.body()));
    for (event, range) in events {
        let text = match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.as_ref(),
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url.starts_with("mailto:") || dest_url.starts_with("tel:") =>
            {
                dest_url.as_ref()
            }
            _ => continue,
        };
        for finding in scanner.find(text) {
            let found = &text[finding.start..finding.end];
            // Point at the match in the file when the source spells it the same way.
            let source = ctx.body().get(range.clone()).unwrap_or("");
            let at = source
                .find(found)
                .map_or(range.start..range.start + 1, |i| {
                    range.start + i..range.start + i + found.len()
                });
            let position = ctx.position(&at);
            ctx.diagnostics.push(
                Diagnostic::warning(codes::PRIVACY_PERSONAL_DATA, ctx.file, position, format!("this looks like {}: `{found}`", finding.kind))
                    .with_hint("never publish a patient's details; if this is your organisation's own contact, add it to `privacy.allow` in site.yaml"),
            );
        }
    }
}
