//! Where values are written in one file's front matter, for checks made
//! after parsing (unused citations, unknown people, overdue reviews).
//!
//! The file is split and its YAML indexed once; each lookup after that is
//! cheap, so reporting something about every entry of a long list stays
//! linear in the list's length.

use crate::diagnostics::Position;
use crate::yaml::{Locator, Segment};

/// The front matter of one file, indexed for position lookups.
pub struct Positions<'t> {
    text: &'t str,
    /// The YAML and the file line it starts on, split on the first lookup:
    /// most files are indexed in case of a problem and never asked.
    /// `None` when the file has no front matter.
    split: std::cell::OnceCell<Option<(Locator<'t>, usize)>>,
}

impl<'t> Positions<'t> {
    /// Indexes `text` (a whole file).
    pub fn new(text: &'t str) -> Positions<'t> {
        Positions {
            text,
            split: std::cell::OnceCell::new(),
        }
    }

    /// Where one value is written, for a single lookup in a file (for
    /// several, keep one `Positions`: the text is split once).
    pub fn at(text: &str, path: &[Segment]) -> Position {
        Positions::new(text).value(path)
    }

    /// Where the value of the key at `path` is written in the file (the key
    /// itself when the value is on the next lines); the file's start when
    /// the key is not found.
    pub fn value(&self, path: &[Segment]) -> Position {
        let split = self.split.get_or_init(|| {
            super::split(self.text).map(|split| {
                let yaml = &self.text[split.yaml.0..split.yaml.1];
                (Locator::new(yaml), split.yaml_first_line)
            })
        });
        let Some((locator, first_line)) = split else {
            return Position::start();
        };
        let Some(key) = locator.locate(path) else {
            return Position::start();
        };
        let line_text = locator.line(key.line - 1).unwrap_or("");
        let after_key: String = line_text
            .chars()
            .skip(key.column - 1 + key.length)
            .collect();
        let value = after_key.trim_start_matches([':', ' ']);
        let column = key.column + key.length + (after_key.chars().count() - value.chars().count());
        let line = key.line + first_line - 1;
        if value.trim().is_empty() {
            Position::new(line, key.column, key.length)
        } else {
            Position::new(line, column, value.trim_end().chars().count())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_in_the_file() {
        let text = "---\ntitle: A\ncitations:\n  - id: a\n  - id: bb\n---\nBody\n";
        let positions = Positions::new(text);
        let id = |i| {
            positions.value(&[
                Segment::Key("citations".into()),
                Segment::Index(i),
                Segment::Key("id".into()),
            ])
        };
        assert_eq!(id(0), Position::new(4, 9, 1));
        assert_eq!(id(1), Position::new(5, 9, 2));
        assert_eq!(
            positions.value(&[Segment::Key("citations".into())]),
            Position::new(3, 1, 9)
        );
        assert_eq!(
            Positions::new("no front matter").value(&[]),
            Position::start()
        );
    }
}
