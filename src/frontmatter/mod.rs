//! Front matter: the YAML block at the top of every Markdown file.
//!
//! [`split`] finds the block, [`parse`] reads it into typed fields, checks
//! every field (required ones present, dates real, choices allowed) and
//! reports each problem at its line and column in the file. Unknown fields
//! are warnings with a "did you mean" hint; free-form data goes under `extra`.
//!
//! This module keeps the entry points; the field types live in children
//! named for them, and `check` holds the checks made on every field.

use crate::diagnostics::{Diagnostic, Position, codes, suggest};
use crate::discover::SourceKind;
pub use crate::yaml::Scalar;
use crate::yaml::{self, Segment};
use std::path::Path;

mod alert;
mod audience;
mod block;
mod check;
mod citation;
mod control;
mod fields;
mod misspelt;
mod people;
mod positions;
use alert::RawAlert;
pub use alert::{Alert, Certainty, Severity, Urgency};
pub use audience::Audience;
use check::Checker;
pub use citation::Citation;
use fields::RawFrontMatter;
pub use fields::{CoverImage, FrontMatter, field_names, known_fields, schema};
pub use people::{Author, RawReviewer, Reviewer};
pub use positions::Positions;

/// The longest summary that lists and share cards show whole.
pub const SUMMARY_MAX_CHARS: usize = 200;

/// What an article needs besides its `title` (the schema's one required
/// field, as every page needs it): the check of `summary` in `check` and
/// that of `date` after translations inherit theirs (`site::inherit`).
/// The CMS's article forms require them.
pub const ARTICLE_REQUIRED: [&str; 2] = ["summary", "date"];

/// The most tags one page may have. Every tag has a page and feeds listing
/// the article with all its tags, so what a build writes grows with the
/// square of an article's tag count: 20,000 tags in one article would write
/// tens of gigabytes. A real article needs a handful.
pub const MAX_TAGS: usize = 30;

/// Where the front matter and the body sit in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text (without the `---` lines).
    pub yaml: (usize, usize),
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// 1-based line of the first YAML line in the file (2 unless a BOM or blank lines intervene).
    pub yaml_first_line: usize,
}

/// Finds the `---` fenced block at the very top of a file.
pub fn split(text: &str) -> Option<Split> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[start..].find('\n').map(|i| start + i)?;
    if text[start..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let rest = &text[yaml_start..];
    // Every file is split once or twice a build: line ends are found with
    // memchr, and only lines starting like a closing line are trimmed.
    let line_ends = memchr::memchr_iter(b'\n', rest.as_bytes())
        .map(|i| i + 1)
        .chain(std::iter::once(rest.len()));
    let mut line_start = 0;
    for line_end in line_ends {
        let line = &rest[line_start..line_end];
        if line.starts_with(['-', '.']) && matches!(line.trim_end(), "---" | "...") {
            return Some(Split {
                yaml: (yaml_start, yaml_start + line_start),
                body_start: yaml_start + line_end,
                yaml_first_line: 2,
            });
        }
        line_start = line_end;
    }
    None
}

/// The result of reading one file's front matter.
pub struct Parsed {
    pub front_matter: FrontMatter,
    pub diagnostics: Vec<Diagnostic>,
    /// False when the block is missing or not valid YAML (the page is skipped).
    pub usable: bool,
    /// Byte offset of the body (after the closing `---` line); 0 when the
    /// block is missing.
    pub body_start: usize,
}

/// What a file's front-matter block reads as, before its values are checked.
pub struct Block<'t, T> {
    pub value: T,
    /// Fields `T` does not know, for "did you mean" warnings.
    pub unknown: Vec<yaml::UnknownKey>,
    /// The YAML between the `---` lines.
    pub yaml: &'t str,
    /// The file line the YAML starts on.
    pub first_line: usize,
    /// Byte offset of the body (after the closing `---` line).
    pub body_start: usize,
}

/// A position in YAML that starts on file line `first_line`, as a
/// position in the file.
pub fn in_file(p: Position, first_line: usize) -> Position {
    Position::new(p.line + first_line - 1, p.column, p.length)
}

/// How to explain a front-matter block that cannot be read, by file kind.
pub struct BlockHints {
    /// "this file has no front matter".
    pub missing: &'static str,
    pub missing_hint: &'static str,
    pub syntax_hint: &'static str,
    pub invalid_value_hint: &'static str,
}

/// Splits `text` (a whole file) and reads its front matter as `T`; a
/// missing block, broken YAML or values that do not fit are reported (every
/// one of them), with the position in the file, and give `None`.
pub fn read_block<'t, T: serde::de::DeserializeOwned>(
    text: &'t str,
    file: &Path,
    hints: &BlockHints,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Block<'t, T>> {
    let found = block::find(text, file, hints, diagnostics)?;
    let read = block::read::<T>(&found, file, hints, diagnostics)?;
    let usable = read.left_out.is_empty();
    block::report_invalid(read.invalid, found.first_line, file, hints, diagnostics);
    usable.then_some(Block {
        value: read.value,
        unknown: read.unknown,
        yaml: found.yaml,
        first_line: found.first_line,
        body_start: found.body_start,
    })
}

/// Reads and checks the front matter of `text` (the whole file). `file` is
/// the path shown in diagnostics.
pub fn parse(text: &str, file: &Path, kind: SourceKind) -> Parsed {
    let mut out = Parsed {
        front_matter: FrontMatter::default(),
        diagnostics: Vec::new(),
        usable: false,
        body_start: 0,
    };
    let hints = BlockHints {
        missing: "this file has no front matter",
        missing_hint: "start the file with a line `---`, then `title:`, `summary:` and `date:` lines, then another `---`",
        syntax_hint: "values containing `: ` or starting with `[`, `{`, `@` or `#` need quotes; indent with spaces",
        invalid_value_hint: "see `pamphlet new` for an example of every field",
    };
    let Some(found) = block::find(text, file, &hints, &mut out.diagnostics) else {
        return out;
    };
    let Some(mut read) = block::read::<RawFrontMatter>(&found, file, &hints, &mut out.diagnostics)
    else {
        return out;
    };
    let first_line = found.first_line;
    let shift = |p: Position| in_file(p, first_line);
    // A misspelt field is read as the field it means (so nothing else is
    // reported about it) and is itself the one error.
    let corrected = misspelt::correct(&mut read, &found, file, &mut out.diagnostics);
    let yaml_text = corrected.as_deref().unwrap_or(found.yaml);
    out.usable = read.left_out.is_empty();
    out.body_start = found.body_start;
    let left_out = std::mem::take(&mut read.left_out);
    block::report_invalid(
        std::mem::take(&mut read.invalid),
        first_line,
        file,
        &hints,
        &mut out.diagnostics,
    );

    for key in &read.unknown {
        let known = known_fields(key.parent_key());
        let hint = suggest::did_you_mean(key.name(), known.iter().copied())
            .unwrap_or_else(|| "put your own data under `extra:`".to_string());
        out.diagnostics.push(
            Diagnostic::warning(
                codes::FRONTMATTER_UNKNOWN_FIELD,
                file,
                shift(key.position),
                format!("unknown front-matter field `{}`", key.dotted()),
            )
            .with_hint(hint),
        );
    }

    let mut checker = Checker {
        file,
        yaml: yaml::Locator::new(yaml_text),
        shift: &shift,
        left_out: &left_out,
        diagnostics: &mut out.diagnostics,
    };
    out.front_matter = checker.check(read.value, kind);
    out
}

/// Whether a file's front matter writes a top-level `field` (valid or not).
pub fn writes_field(text: &str, field: &str) -> bool {
    split(text).is_some_and(|s| {
        yaml::locate(
            &text[s.yaml.0..s.yaml.1],
            &[Segment::Key(field.to_string())],
        )
        .is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;

    fn parse_article(text: &str) -> Parsed {
        parse(text, Path::new("a.md"), SourceKind::Article)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: A\n---\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.0..s.yaml.1], "title: A\n");
        assert_eq!(&text[s.body_start..], "Body\n");
        assert!(split("title: A\n").is_none());
        assert!(split("---\ntitle: A\n").is_none(), "unclosed block");
        assert!(split("---\r\ntitle: A\r\n---\r\nB").is_some(), "CRLF files");
    }

    #[test]
    fn finds_the_closing_line_where_a_line_by_line_scan_does() {
        // The plain reading of the format: the first line after the opening
        // one that is `---` or `...` apart from trailing spaces.
        fn by_lines(text: &str) -> Option<(usize, usize, usize)> {
            let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let first_end = start + text[start..].find('\n')?;
            if text[start..first_end].trim_end() != "---" {
                return None;
            }
            let mut offset = first_end + 1;
            for line in text[first_end + 1..].split_inclusive('\n') {
                if matches!(line.trim_end(), "---" | "...") {
                    return Some((first_end + 1, offset, offset + line.len()));
                }
                offset += line.len();
            }
            None
        }
        for text in [
            "---\n---\nB",
            "---\n---",
            "---\ntitle: A\n---",
            "---\ntitle: A\n... \t\nB",
            "---\ntitle: a --- b\n - x\n ---\n----\n-- -\n---\nB",
            "---\ntitle: A\n\n",
            "\u{feff}---\ntitle: é\r\n---\r\n",
            "---\ntitle: A\n.\n..\n...",
        ] {
            let found = split(text).map(|s| (s.yaml.0, s.yaml.1, s.body_start));
            assert_eq!(found, by_lines(text), "{text:?}");
        }
    }

    #[test]
    fn reads_a_complete_article() {
        let p = parse_article(
            "---\ntitle: T\nsummary: S\ndate: 2026-01-10\ntags: [heart]\naudience: patients\nreviewers:\n  - name: Ana\n    date: 2026-03-01\n---\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let fm = p.front_matter;
        assert_eq!(fm.date, Date::new(2026, 1, 10));
        assert_eq!(fm.audience, Some(Audience::Patients));
        assert_eq!(fm.reviewers[0].date, Date::new(2026, 3, 1));
    }

    #[test]
    fn every_problem_in_a_file_is_reported_at_its_place() {
        let p = parse_article(
            "---\ntitle: T\nsummary: S\ndate: 2026-13-01\naudience: patents\nreviewrs: []\nreviewers:\n  - name: Ana\n    date: soon\n---\n",
        );
        let found: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code, d.position.line, d.position.column))
            .collect();
        assert!(
            found.contains(&(codes::FRONTMATTER_UNKNOWN_FIELD, 6, 1)),
            "{found:?}"
        );
        assert!(
            found.contains(&(codes::FRONTMATTER_INVALID_DATE, 4, 7)),
            "{found:?}"
        );
        assert!(
            found.contains(&(codes::FRONTMATTER_INVALID_VALUE, 5, 11)),
            "{found:?}"
        );
        assert!(
            found.contains(&(codes::FRONTMATTER_INVALID_DATE, 9, 11)),
            "{found:?}"
        );
        let hint = p
            .diagnostics
            .iter()
            .find(|d| d.code == codes::FRONTMATTER_UNKNOWN_FIELD)
            .unwrap();
        assert_eq!(hint.hint.as_deref(), Some("did you mean `reviewers`?"));
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let p = parse_article("---\ntitle: T\nsummary: \"oops\ndate: 2026-01-01\n---\n");
        assert!(!p.usable);
        let d = &p.diagnostics[0];
        assert_eq!(d.code, codes::FRONTMATTER_SYNTAX);
        assert_eq!(d.position.line, 3, "{d:?}");
    }

    #[test]
    fn missing_required_fields_and_alt_text() {
        let p = parse_article("---\nimage: a.png\n---\n");
        let messages: Vec<_> = p.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"the front matter has no `title`"));
        assert!(messages.contains(&"the front matter has no `summary`"));
        assert!(
            !messages.contains(&"the front matter has no `date`"),
            "reported after inheritance, by site::inherit"
        );
        assert!(messages.contains(&"the `image` has no `image_alt` text"));
        let section = parse(
            "---\ntitle: Heart\n---\n",
            Path::new("_index.md"),
            SourceKind::Section,
        );
        assert!(section.diagnostics.is_empty());
    }

    #[test]
    fn search_is_on_unless_switched_off() {
        let on = parse_article("---\ntitle: T\nsummary: S\ndate: 2026-01-01\n---\n");
        assert!(on.front_matter.searchable());
        let off =
            parse_article("---\ntitle: T\nsummary: S\ndate: 2026-01-01\nsearch: false\n---\n");
        assert!(off.diagnostics.is_empty(), "{:?}", off.diagnostics);
        assert!(!off.front_matter.searchable());
        let wrong =
            parse_article("---\ntitle: T\nsummary: S\ndate: 2026-01-01\nsearch: nope\n---\n");
        assert_eq!(wrong.diagnostics[0].code, codes::FRONTMATTER_INVALID_VALUE);
    }

    #[test]
    fn toc_is_an_optional_yes_or_no() {
        let unset = parse_article("---\ntitle: T\nsummary: S\ndate: 2026-01-01\n---\n");
        assert_eq!(unset.front_matter.toc, None);
        let off = parse_article("---\ntitle: T\nsummary: S\ndate: 2026-01-01\ntoc: false\n---\n");
        assert!(off.diagnostics.is_empty(), "{:?}", off.diagnostics);
        assert_eq!(off.front_matter.toc, Some(false));
        let wrong =
            parse_article("---\ntitle: T\nsummary: S\ndate: 2026-01-01\ntoc: sometimes\n---\n");
        assert_eq!(wrong.diagnostics.len(), 1, "{:?}", wrong.diagnostics);
        let d = &wrong.diagnostics[0];
        assert_eq!(d.code, codes::FRONTMATTER_INVALID_VALUE);
        assert_eq!((d.position.line, d.position.column), (5, 6));
    }

    #[test]
    fn alerts_are_checked() {
        let p = parse_article(
            "---\ntitle: T\nsummary: S\ndate: 2026-01-01\nalert:\n  severity: urgnt\n  expires: tomorrow\n  urgency: now\n  certainty: likly\n---\n",
        );
        let codes_found: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code, d.position.line))
            .collect();
        assert_eq!(
            codes_found,
            [
                (codes::FRONTMATTER_INVALID_VALUE, 6),
                (codes::FRONTMATTER_INVALID_DATE, 7),
                (codes::FRONTMATTER_INVALID_VALUE, 8),
                (codes::FRONTMATTER_INVALID_VALUE, 9),
            ]
        );
        assert_eq!(
            p.diagnostics[3].hint.as_deref(),
            Some("did you mean `likely`?")
        );
        let ok = parse_article(
            "---\ntitle: T\nsummary: S\ndate: 2026-01-01\nalert:\n  severity: warning\n  urgency: expected\n  certainty: Observed\n---\n",
        );
        let alert = ok.front_matter.alert.unwrap();
        assert_eq!(alert.urgency, Some(Urgency::Expected));
        assert_eq!(alert.certainty, Some(Certainty::Observed));
    }
}
