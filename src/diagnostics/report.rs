//! Printing diagnostics: for people (with the offending line underlined),
//! as JSON for tools, and as GitHub Actions annotations.

use super::{Diagnostic, Diagnostics, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::Files;
use codespan_reporting::term;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Output formats of `pamphlet check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Readable text with the source line underlined.
    #[default]
    Human,
    /// One JSON document (schema version 1, see docs/diagnostics.md).
    Json,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
}

/// The text of files as a build read them (by path relative to the site
/// root), so that showing their lines needs no second read.
pub type Sources = HashMap<PathBuf, Arc<str>>;

/// Renders diagnostics in the chosen format. `root` is the site folder the
/// diagnostics' file paths are relative to (used to show source lines).
pub fn render(diagnostics: &Diagnostics, format: Format, root: &Path, color: bool) -> String {
    render_with_sources(diagnostics, format, root, color, &Sources::new())
}

/// [`render`], taking the lines of the files in `sources` from memory (a
/// large site's build can warn about every one of its articles).
pub fn render_with_sources(
    diagnostics: &Diagnostics,
    format: Format,
    root: &Path,
    color: bool,
    sources: &Sources,
) -> String {
    match format {
        Format::Human => human(diagnostics, root, color, sources),
        Format::Json => json(diagnostics),
        Format::Github => github(diagnostics),
    }
}

fn human(diagnostics: &Diagnostics, root: &Path, color: bool, sources: &Sources) -> String {
    use rayon::prelude::*;
    // A large site can have a warning per article: each file's problems
    // are drawn with its source in parallel, then joined in order.
    let mut by_file: Vec<Vec<&Diagnostic>> = Vec::new();
    for d in diagnostics.iter() {
        match by_file.last_mut() {
            Some(group) if group[0].file == d.file => group.push(d),
            _ => by_file.push(vec![d]),
        }
    }
    let config = term::Config::default();
    let drawn: Vec<String> = by_file
        .par_iter()
        .map(|group| {
            let path = &group[0].file;
            let source: Option<Cow<str>> = match sources.get(path) {
                Some(text) => Some(Cow::Borrowed(text)),
                // Never a file outside the site (a diagnosed link may lead there).
                None => crate::paths::read_inside(root, path).map(Cow::Owned),
            };
            let file = ShownFile::new(path.display().to_string(), source.as_deref().unwrap_or(""));
            let mut out = String::new();
            for d in group {
                let report = to_report(d, source.is_some().then_some(&file));
                let rendered = if color {
                    let mut buffer = codespan_reporting::term::termcolor::Buffer::ansi();
                    term::emit_to_write_style(&mut buffer, &config, &file, &report)
                        .map(|_| String::from_utf8_lossy(buffer.as_slice()).into_owned())
                } else {
                    term::emit_into_string(&config, &file, &report)
                };
                match rendered {
                    Ok(text) => out.push_str(&text),
                    Err(_) => out.push_str(&plain_line(d)),
                }
            }
            out
        })
        .collect();
    drawn.concat()
}

fn to_report(d: &Diagnostic, file: Option<&ShownFile>) -> Report<()> {
    let report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    }
    .with_code(d.code)
    .with_message(&d.message);
    let mut notes = Vec::new();
    let report = match file.and_then(|f| byte_range(f, d)) {
        Some(range) => report.with_labels(vec![Label::primary((), range)]),
        None => {
            notes.push(format!(
                "at {}:{}:{}",
                d.file.display(),
                d.position.line,
                d.position.column
            ));
            report
        }
    };
    if let Some(hint) = &d.hint {
        notes.push(format!("hint: {hint}"));
    }
    notes.push(explain_note(d));
    report.with_notes(notes)
}

/// One file's text as codespan shows it. Its lines are found with memchr:
/// a large site's build can draw a warning for each of its articles, and
/// codespan's own `SimpleFile` finds them a character at a time.
struct ShownFile<'t> {
    name: String,
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> ShownFile<'t> {
    fn new(name: String, text: &'t str) -> Self {
        ShownFile {
            name,
            text,
            line_starts: super::line_starts(text),
        }
    }

    /// Where line `index` (from 0) starts; the line after the last ends
    /// the text.
    fn line_start(&self, index: usize) -> Result<usize, codespan_reporting::files::Error> {
        match self.line_starts.get(index) {
            Some(&start) => Ok(start),
            None if index == self.line_starts.len() => Ok(self.text.len()),
            None => Err(codespan_reporting::files::Error::LineTooLarge {
                given: index,
                max: self.line_starts.len() - 1,
            }),
        }
    }
}

impl<'a> Files<'a> for ShownFile<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.text)
    }

    fn line_index(
        &'a self,
        (): (),
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line_starts.partition_point(|&start| start <= byte) - 1)
    }

    fn line_range(
        &'a self,
        (): (),
        index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        Ok(self.line_start(index)?..self.line_start(index + 1)?)
    }
}

/// The byte range a diagnostic's line/column/length covers, if the file has it.
fn byte_range(file: &ShownFile, d: &Diagnostic) -> Option<std::ops::Range<usize>> {
    let line_index = d.position.line.checked_sub(1)?;
    let line_start = *file.line_starts.get(line_index)?;
    if line_start >= file.text.len() {
        return None;
    }
    // The next line starts one past this line's newline.
    let line_end = file
        .line_starts
        .get(line_index + 1)
        .map_or(file.text.len(), |next| next - 1);
    let line = file.text[line_start..line_end].trim_end_matches('\r');
    let mut chars = line
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(line.len()));
    let column_index = d.position.column.checked_sub(1)?;
    let start = chars.nth(column_index)?;
    let end = line
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(line.len()))
        .nth(column_index + d.position.length)
        .unwrap_or(line.len());
    Some(line_start + start..line_start + end.max(start))
}

/// The last line of every problem printed for people: the command that
/// explains its code at length.
fn explain_note(d: &Diagnostic) -> String {
    format!("more: pamphlet check --explain {}", d.code)
}

fn plain_line(d: &Diagnostic) -> String {
    let mut s = format!(
        "{}[{}]: {}:{}:{}: {}\n",
        d.severity,
        d.code,
        d.file.display(),
        d.position.line,
        d.position.column,
        d.message
    );
    if let Some(hint) = &d.hint {
        s.push_str(&format!("  hint: {hint}\n"));
    }
    s.push_str(&format!("  {}\n", explain_note(d)));
    s
}

fn json(diagnostics: &Diagnostics) -> String {
    json_with(diagnostics, serde_json::Map::new())
}

/// The JSON document with extra top-level fields (`check` adds `coverage`).
/// The schema (version 1) is documented in docs/diagnostics.md; fields are
/// only ever added, never renamed, and extras never replace a field of it.
pub fn json_with(
    diagnostics: &Diagnostics,
    extra: serde_json::Map<String, serde_json::Value>,
) -> String {
    let items: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file.to_string_lossy().replace('\\', "/"),
                "line": d.position.line,
                "column": d.position.column,
                "length": d.position.length,
                "severity": d.severity,
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    let mut doc = serde_json::json!({
        "version": 1,
        "diagnostics": items,
        "summary": { "errors": diagnostics.error_count(), "warnings": diagnostics.warning_count() },
    });
    if let serde_json::Value::Object(fields) = &mut doc {
        for (key, value) in extra {
            fields.entry(key).or_insert(value);
        }
    }
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn github(diagnostics: &Diagnostics) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = format!("{} [{}]", d.message, d.code);
            if let Some(hint) = &d.hint {
                message.push_str(&format!(" (hint: {hint})"));
            }
            format!(
                "::{level} file={},line={},col={},title={}::{}\n",
                escape_github_property(&d.file.to_string_lossy()),
                d.position.line,
                d.position.column,
                escape_github_property(d.code),
                escape_github_data(&message)
            )
        })
        .collect()
}

/// GitHub's workflow-command escaping for the message part.
fn escape_github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's workflow-command escaping for `key=value` properties.
fn escape_github_property(s: &str) -> String {
    escape_github_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// One line saying how the build went, e.g. "2 errors, 1 warning".
pub fn summary_line(diagnostics: &Diagnostics) -> String {
    fn count(n: usize, word: &str) -> String {
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    }
    format!(
        "{}, {}",
        count(diagnostics.error_count(), "error"),
        count(diagnostics.warning_count(), "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Position;
    use crate::diagnostics::codes;

    fn sample() -> Diagnostics {
        Diagnostics::from_iter([Diagnostic::warning(
            "frontmatter/unknown-field",
            Path::new("content/en/a.md"),
            Position::new(3, 1, 8),
            "unknown field `reviewrs`",
        )
        .with_hint("did you mean `reviewers`?")])
    }

    #[test]
    fn github_annotations_escape_properties() {
        let out = github(&sample());
        assert_eq!(
            out,
            "::warning file=content/en/a.md,line=3,col=1,title=frontmatter/unknown-field::unknown field `reviewrs` [frontmatter/unknown-field] (hint: did you mean `reviewers`?)\n"
        );
    }

    #[test]
    fn human_output_underlines_the_source() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        std::fs::create_dir_all(dir.join("content/en")).unwrap();
        std::fs::write(
            dir.join("content/en/a.md"),
            "---\ntitle: A\nreviewrs: []\n---\n",
        )
        .unwrap();
        let out = human(&sample(), dir, false, &Sources::new());
        assert!(out.contains("warning[frontmatter/unknown-field]"), "{out}");
        assert!(out.contains("reviewrs: []"), "{out}");
        assert!(out.contains("^^^^^^^^"), "{out}");
        assert!(out.contains("hint: did you mean `reviewers`?"), "{out}");
        // Every problem ends with the command that explains it.
        let last = out.trim_end().lines().last().unwrap_or_default();
        assert!(
            last.ends_with("more: pamphlet check --explain frontmatter/unknown-field"),
            "{out}"
        );
        assert!(codes::find("frontmatter/unknown-field").is_some());
    }

    #[test]
    fn lines_come_from_the_text_the_build_read() {
        let nowhere = Path::new("/nonexistent-pamphlet-site");
        let sources = Sources::from([(
            PathBuf::from("content/en/a.md"),
            Arc::from("---\ntitle: A\nreviewrs: [x]\n---\n"),
        )]);
        let out = human(&sample(), nowhere, false, &sources);
        assert!(out.contains("reviewrs: [x]"), "{out}");
        let without = human(&sample(), nowhere, false, &Sources::new());
        assert!(!without.contains("reviewrs: [x]"), "{without}");
    }

    #[test]
    fn draws_what_codespans_simple_file_draws() {
        let texts = [
            "---\ntitle: A\nreviewrs: []\n---\n",
            "---\r\ntitle: Á\r\nreviewrs: [é]\r\n---",
            "one line, no newline",
            "a\n\n\nb\n\n",
            "",
        ];
        let config = term::Config::default();
        for text in texts {
            let lines = text.split('\n').count() + 1;
            for line in 0..=lines {
                for column in 0..4 {
                    let d = Diagnostic::warning(
                        "frontmatter/unknown-field",
                        Path::new("content/en/a.md"),
                        Position::new(line, column, 3),
                        "unknown field",
                    );
                    let shown = ShownFile::new("a.md".into(), text);
                    let report = to_report(&d, Some(&shown));
                    let ours = term::emit_into_string(&config, &shown, &report);
                    let simple = codespan_reporting::files::SimpleFile::new("a.md", text);
                    let theirs = term::emit_into_string(&config, &simple, &report);
                    assert_eq!(ours.ok(), theirs.ok(), "{text:?} at {line}:{column}");
                }
            }
        }
    }

    #[test]
    fn byte_ranges_stay_inside_their_line() {
        let text = "ab\r\nçd\n";
        let at = |line, column, length| {
            let d = Diagnostic::warning(
                "x",
                Path::new("a.md"),
                Position::new(line, column, length),
                "x",
            );
            byte_range(&ShownFile::new("a.md".into(), text), &d)
        };
        assert_eq!(at(1, 1, 2), Some(0..2));
        assert_eq!(at(1, 2, 9), Some(1..2), "the line's end, not its \\r");
        assert_eq!(at(2, 1, 1), Some(4..6), "ç is two bytes");
        assert_eq!(at(2, 3, 0), Some(7..7));
        assert_eq!(at(2, 4, 0), None, "past the line");
        assert_eq!(at(3, 1, 1), None, "past the text");
    }
}
