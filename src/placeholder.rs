//! Placeholders: the texts `pamphlet new` writes for the author to replace
//! (names, sources, body text), all in one recognisable form, and the check
//! that keeps any of them from being published.
//!
//! Every placeholder starts with [`MARKER`], so one search of the file finds
//! them all, wherever they are (front matter or text) and whatever they
//! stand for; no list of example names has to be kept in step with the
//! scaffold texts.

use crate::diagnostics::{Diagnostic, LineIndex, codes};
use std::path::Path;

/// The start of every placeholder text.
pub(crate) const MARKER: &str = "REPLACE:";

/// A placeholder for a front-matter value, quoted for YAML (the marker's
/// `: ` would otherwise start a mapping): `"REPLACE: your full name"`.
pub(crate) fn value(what: &str) -> String {
    format!("\"{MARKER} {what}\"")
}

/// A placeholder line of body text: `REPLACE: write the article here.`
pub(crate) fn text(what: &str) -> String {
    format!("{MARKER} {what}")
}

/// One `content/placeholder` error per placeholder in `text` (a whole
/// content file), at its line and column. A single substring search when
/// there is none, so it costs next to nothing on real content.
pub(crate) fn find(text: &str, file: &Path) -> Vec<Diagnostic> {
    // Built once: the search runs on every page of every build.
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(MARKER));
    let mut found = Vec::new();
    // Most pages have no placeholder: lines are indexed only for one that has.
    let mut lines: Option<LineIndex> = None;
    for start in FINDER.find_iter(text.as_bytes()) {
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let rest = &text[start..line_end];
        // A quoted placeholder ends at its closing quote (`["REPLACE: x"]`).
        let quote = text[..start]
            .chars()
            .last()
            .filter(|c| matches!(c, '"' | '\''));
        let shown = match quote.and_then(|q| rest.find(q)) {
            Some(close) => &rest[..close],
            None => rest.trim_end().trim_end_matches(['"', '\'']).trim_end(),
        };
        let end = start + shown.len();
        found.push(
            Diagnostic::error(
                codes::CONTENT_PLACEHOLDER,
                file,
                lines
                    .get_or_insert_with(|| LineIndex::new(text))
                    .position(start, end),
                format!(
                    "a placeholder from `pamphlet new` is still here ({}); the page is not published until it is replaced",
                    shorten(shown[MARKER.len()..].trim())
                ),
            )
            .with_hint(
                "write the real text in place of the `REPLACE:` text (or delete the line if the article does not need it)",
            ),
        );
    }
    found
}

/// The placeholder as shown in a message: at most one short line.
fn shorten(shown: &str) -> String {
    const MAX: usize = 60;
    if shown.chars().count() <= MAX {
        shown.to_string()
    } else {
        let cut: String = shown.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_found_at_its_line_and_column() {
        let text = format!(
            "---\ntitle: T\nreviewers:\n  - name: {}\n---\n\nIntro.\n\n{}\n",
            value("the reviewer's full name"),
            text("write the article here.")
        );
        let found = find(&text, Path::new("content/en/a.md"));
        let places: Vec<_> = found
            .iter()
            .map(|d| (d.code, d.position.line, d.position.column))
            .collect();
        assert_eq!(
            places,
            [
                (codes::CONTENT_PLACEHOLDER, 4, 12),
                (codes::CONTENT_PLACEHOLDER, 9, 1)
            ]
        );
        assert!(
            found[0].message.contains("(the reviewer's full name)"),
            "{}",
            found[0].message
        );
    }

    proptest::proptest! {
        /// Wherever a placeholder is, it is found there, once, and nothing
        /// else in the text is taken for one.
        #[test]
        fn a_placeholder_is_found_at_its_line_whatever_surrounds_it(
            before in proptest::collection::vec("[^\n]{0,30}", 0..8),
            prefix in "[^\n]{0,10}",
            after in proptest::collection::vec("[^\n]{0,30}", 0..8),
        ) {
            let clean = |lines: &[String]| !lines.iter().any(|l| l.contains(MARKER));
            proptest::prop_assume!(clean(&before) && clean(&after) && !prefix.contains(MARKER));
            let mut lines = before.clone();
            lines.push(format!("{prefix}{}", text("the real words")));
            lines.extend(after);
            let found = find(&lines.join("\n"), Path::new("a.md"));
            proptest::prop_assert_eq!(found.len(), 1);
            proptest::prop_assert_eq!(found[0].position.line, before.len() + 1);
            proptest::prop_assert_eq!(found[0].position.column, prefix.chars().count() + 1);
        }
    }

    #[test]
    fn a_quoted_placeholder_in_a_list_ends_at_its_quote() {
        let found = find("authors: [\"REPLACE: Surname AB\"]\n", Path::new("a.md"));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("(Surname AB)"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].position.length, "REPLACE: Surname AB".len());
    }

    #[test]
    fn real_text_has_no_placeholder() {
        let text = "---\ntitle: Replace your toothbrush\n---\n\nReplace it every 3 months: REPLACE is not a marker without its colon.\n";
        assert!(find(text, Path::new("a.md")).is_empty());
    }
}
