//! Finding a file's front-matter block and reading its YAML, with every
//! problem reported where the author has to change something: a block
//! that is never closed, broken YAML, and each value of the wrong kind.

use super::{BlockHints, in_file, split};
use crate::diagnostics::{Diagnostic, Position, codes};
use crate::yaml::{self, Lenient, YamlError};
use std::path::Path;

/// Where a file's YAML sits.
pub(super) struct Found<'t> {
    pub yaml: &'t str,
    pub first_line: usize,
    pub body_start: usize,
}

/// Splits off the block, or reports why there is none (no block at all,
/// or one that is opened and never closed).
pub(super) fn find<'t>(
    text: &'t str,
    file: &Path,
    hints: &BlockHints,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Found<'t>> {
    let Some(split) = split(text) else {
        diagnostics.push(unclosed(text, file).unwrap_or_else(|| {
            Diagnostic::error(
                codes::FRONTMATTER_MISSING,
                file,
                Position::new(1, 1, text.lines().next().map_or(0, |l| l.chars().count())),
                hints.missing,
            )
            .with_hint(hints.missing_hint)
        }));
        return None;
    };
    let yaml_text = &text[split.yaml.0..split.yaml.1];
    crate::bidi_controls::report(yaml_text, split.yaml_first_line, file, diagnostics);
    Some(Found {
        yaml: yaml_text,
        first_line: split.yaml_first_line,
        body_start: split.body_start,
    })
}

/// Reads the YAML as `T`, leaving out wrong values (reported by the caller
/// with [`report_invalid`]); broken YAML is reported here and gives `None`.
pub(super) fn read<T: serde::de::DeserializeOwned>(
    found: &Found<'_>,
    file: &Path,
    hints: &BlockHints,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Lenient<T>> {
    match yaml::parse_lenient::<T>(found.yaml, found.first_line) {
        Ok(read) => Some(read),
        Err(e) => {
            report(e, found.first_line, file, hints, diagnostics);
            None
        }
    }
}

/// Reports each wrong value at its place in the file.
pub(super) fn report_invalid(
    invalid: Vec<YamlError>,
    first_line: usize,
    file: &Path,
    hints: &BlockHints,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for e in invalid {
        report(e, first_line, file, hints, diagnostics);
    }
}

fn report(
    e: YamlError,
    first_line: usize,
    file: &Path,
    hints: &BlockHints,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (code, fallback) = if e.is_syntax {
        (codes::FRONTMATTER_SYNTAX, hints.syntax_hint)
    } else {
        (codes::FRONTMATTER_INVALID_VALUE, hints.invalid_value_hint)
    };
    let hint = e.hint.unwrap_or_else(|| fallback.to_string());
    let position = in_file(e.position, first_line);
    diagnostics.push(Diagnostic::error(code, file, position, e.message).with_hint(hint));
}

/// A file that opens a block with `---` and never closes it: reported at
/// the first line that is page text rather than a field, where the closing
/// line belongs.
fn unclosed(text: &str, file: &Path) -> Option<Diagnostic> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = body.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut last_field = 1;
    let mut text_line = None;
    for (i, line) in lines.enumerate() {
        let number = i + 2;
        if line.trim().is_empty() {
            continue;
        }
        if looks_like_yaml(line) {
            last_field = number;
        } else {
            text_line = Some((number, line));
            break;
        }
    }
    let (position, hint) = match text_line {
        Some((number, line)) => (
            Position::new(number, 1, line.chars().count()),
            format!(
                "add a line `---` after the last field (line {last_field}), before this line of text"
            ),
        ),
        None => (
            Position::new(1, 1, 3),
            format!("add a line `---` after the last field (line {last_field})"),
        ),
    };
    Some(
        Diagnostic::error(
            codes::FRONTMATTER_UNCLOSED,
            file,
            position,
            "the front matter that starts on line 1 is never closed with a line `---`",
        )
        .with_hint(hint),
    )
}

/// Whether a line reads as part of a block: indented, a `- ` item, or `key:`.
/// Markdown headings (`# …`) count as text: that is where blocks get left open.
fn looks_like_yaml(line: &str) -> bool {
    if line.starts_with([' ', '\t']) || line.starts_with("- ") || line == "-" {
        return true;
    }
    match line.split_once(':') {
        Some((key, rest)) => {
            !key.is_empty()
                && !key.starts_with('#')
                && key.split_whitespace().count() <= 2
                && (rest.is_empty() || rest.starts_with([' ', '\t']))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_block_points_at_the_first_line_of_text() {
        let d = unclosed(
            "---\ntitle: T\nsummary: S\n\n## What it is\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(d.code, codes::FRONTMATTER_UNCLOSED);
        assert_eq!(d.position.line, 5);
        assert!(d.hint.unwrap().contains("(line 3)"));
        let d = unclosed("---\ntitle: T\n", Path::new("a.md")).unwrap();
        assert_eq!(d.position.line, 1);
        assert!(unclosed("title: T\n", Path::new("a.md")).is_none());
    }

    #[test]
    fn fields_and_text_are_told_apart() {
        for yaml in ["title: T", "  - name: A", "reviewers:", "- a", "my key: x"] {
            assert!(looks_like_yaml(yaml), "{yaml}");
        }
        for text in [
            "Blood pressure is high.",
            "## Heading",
            "Blood pressure is: high",
        ] {
            assert!(!looks_like_yaml(text), "{text}");
        }
    }

    #[test]
    fn every_wrong_value_is_reported_and_nothing_twice() {
        let p = crate::frontmatter::parse(
            "---\ntitle: [a]\nsummary: S\ndate: 2026-01-01\ntags: asthma, lungs\naudience: patents\ndraft: maybe\n---\n",
            Path::new("a.md"),
            crate::discover::SourceKind::Article,
        );
        let found: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code, d.position.line))
            .collect();
        assert_eq!(
            found,
            [
                (codes::FRONTMATTER_INVALID_VALUE, 2),
                (codes::FRONTMATTER_INVALID_VALUE, 5),
                (codes::FRONTMATTER_INVALID_VALUE, 7),
                (codes::FRONTMATTER_INVALID_VALUE, 6),
            ],
            "{:?}",
            p.diagnostics
        );
        assert!(!p.usable, "a page with a value left out is not published");
    }

    proptest::proptest! {
        /// Whatever the fields hold, reading them never fails outright and
        /// every problem is placed on a line of the file.
        #[test]
        fn any_front_matter_is_reported_inside_the_file(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "title", "titel", "tags", "reviewers", "reviwers", "date", "draft", ": ", " ",
                "  ", "\t", "\n", "- ", "\"", "'", "[", "]", "{", "}", ",", "#", "@", "é",
                "2026-13-01", "true", "maybe", "name", "a b",
            ]), 1..40)
        ) {
            let text = format!("---\n{}\n---\nBody\n", pieces.concat());
            let parsed = crate::frontmatter::parse(
                &text,
                Path::new("a.md"),
                crate::discover::SourceKind::Article,
            );
            let lines = text.lines().count();
            for d in &parsed.diagnostics {
                proptest::prop_assert!(
                    d.position.line >= 1 && d.position.line <= lines && d.position.column >= 1,
                    "{:?}: {:?}", text, d
                );
            }
        }
    }
}
