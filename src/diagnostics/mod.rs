//! Problems found in a site's input, as data.
//!
//! Every stage of the pipeline returns its findings as [`Diagnostic`] values
//! instead of stopping at the first one, so an author sees everything that is
//! wrong with a site in one build. A diagnostic names a stable code (listed in
//! [`codes`]), the file and position, a one-line message and, when we can
//! guess the fix, a hint. Rendering them for people or machines lives in
//! [`report`].

pub mod codes;
pub mod report;
pub mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is. Errors stop a build from being written;
/// warnings are reported and the build goes on (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A position in a source file, 1-based, with the column counted in
/// characters (what an editor shows), and how many characters to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub length: usize,
}

impl Position {
    pub fn new(line: usize, column: usize, length: usize) -> Self {
        Position {
            line: line.max(1),
            column: column.max(1),
            length,
        }
    }

    /// The start of a file: for problems that concern the file as a whole.
    pub fn start() -> Self {
        Position::new(1, 1, 0)
    }
}

/// One problem in the site's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case identifier, e.g. `frontmatter/unknown-field`.
    pub code: &'static str,
    pub severity: Severity,
    /// Path relative to the site root (what the author recognises).
    pub file: PathBuf,
    pub position: Position,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        file: &Path,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, file, position, message)
    }

    pub fn warning(
        code: &'static str,
        file: &Path,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file, position, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        file: &Path,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            file: file.to_path_buf(),
            position,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order in which problems are printed: by file, then position, then code.
    fn sort_key(&self) -> (&Path, Position, &'static str, &str) {
        (&self.file, self.position, self.code, &self.message)
    }
}

/// All problems of one build, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Turns every warning into an error (`check --strict`).
    pub fn escalate_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Sorts by file and position and drops exact repeats, so output does
    /// not depend on the order parallel stages finished in.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Converts byte offsets in a text into 1-based line and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Found on the first position asked for: most pages have no problem
    /// to place.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// Position of the byte range `start..end` (clamped to the text).
    pub fn position(&self, start: usize, end: usize) -> Position {
        let line_starts = self.line_starts.get_or_init(|| line_starts(self.text));
        let start = floor_char_boundary(self.text, start.min(self.text.len()));
        let end = floor_char_boundary(self.text, end.clamp(start, self.text.len()));
        let line = line_starts.partition_point(|&s| s <= start);
        let line_start = line_starts[line - 1];
        let column = self.text[line_start..start].chars().count() + 1;
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let length = self.text[start..end.min(line_end)].chars().count();
        Position::new(line, column, length)
    }
}

/// Byte offsets where the lines of `text` start: 0, then one past each
/// newline (so a text ending in a newline has an empty last line).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "first\nsé [@x]\n";
        let index = LineIndex::new(text);
        let start = text.find("[@x]").unwrap();
        assert_eq!(index.position(start, start + 4), Position::new(2, 4, 4));
        assert_eq!(index.position(0, 0), Position::new(1, 1, 0));
    }

    #[test]
    fn sorting_is_by_file_then_position() {
        let b = Diagnostic::error("x/b", Path::new("b.md"), Position::new(1, 1, 0), "b");
        let a2 = Diagnostic::warning("x/a", Path::new("a.md"), Position::new(9, 1, 0), "a2");
        let a1 = Diagnostic::error("x/a", Path::new("a.md"), Position::new(2, 5, 0), "a1");
        let sorted: Vec<_> = Diagnostics::from_iter([b, a2, a1]).sorted().into_vec();
        let messages: Vec<_> = sorted.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["a1", "a2", "b"]);
    }
}
