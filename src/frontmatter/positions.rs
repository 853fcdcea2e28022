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

impl Positions<'_> {
    /// Where each item of the top-level list `key` is written, for `items`
    /// as parsed, in order (block `- a` or flow `[a, b]` lists alike). An
    /// item is found as written after the previous one; one the search
    /// cannot find (written with quotes and escapes) is placed at the key.
    pub fn list_items(&self, key: &str, items: &[String]) -> Vec<Position> {
        let at_key = self.value(&[Segment::Key(key.into())]);
        let Some(split) = super::split(self.text) else {
            return vec![at_key; items.len()];
        };
        let lines = crate::diagnostics::LineIndex::new(self.text);
        // The key's line, as an offset in the file.
        let mut cursor = self
            .text
            .match_indices('\n')
            .nth(at_key.line.saturating_sub(2))
            .map_or(0, |(i, _)| i + 1)
            .max(split.yaml.0);
        let end = split.yaml.1;
        items
            .iter()
            .map(
                |item| match find_outside_comments(self.text, cursor, end, item) {
                    Some(start) => {
                        cursor = start + item.len();
                        lines.position(start, cursor)
                    }
                    None => at_key,
                },
            )
            .collect()
    }
}

/// The first place of `item` in `text[from..end]` that is not inside a
/// YAML comment (after a `#` that starts the line or follows a space).
fn find_outside_comments(text: &str, from: usize, end: usize, item: &str) -> Option<usize> {
    if item.is_empty() {
        return None;
    }
    let mut at = from;
    loop {
        let start = at + text.get(at..end)?.find(item)?;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..start];
        let in_comment = before.starts_with('#') || before.contains(" #") || before.contains("\t#");
        if !in_comment {
            return Some(start);
        }
        at = start + item.len();
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

    #[test]
    fn list_items_are_found_in_block_and_flow_lists() {
        let text = "---\ntitle: en/a/\nold:\n  - en/a/   # en/b/\n  - \"en/b/\"\nflow: [x, x, y]\n---\nen/a/\n";
        let positions = Positions::new(text);
        let items = |key: &str, items: &[&str]| {
            let owned: Vec<String> = items.iter().map(|s| s.to_string()).collect();
            positions
                .list_items(key, &owned)
                .into_iter()
                .map(|p| (p.line, p.column, p.length))
                .collect::<Vec<_>>()
        };
        // The title's value and the comment are not taken for items.
        assert_eq!(items("old", &["en/a/", "en/b/"]), [(4, 5, 5), (5, 6, 5)]);
        // Equal items are placed one after the other.
        assert_eq!(
            items("flow", &["x", "x", "y"]),
            [(6, 8, 1), (6, 11, 1), (6, 14, 1)]
        );
        // An item not written as parsed falls back to the key (or its value
        // when on the same line); nothing is
        // searched past the front matter.
        assert_eq!(items("old", &["zzz"]), [(3, 1, 3)]);
        assert_eq!(items("flow", &["x", "x", "y", "en/a/"])[3], (6, 7, 9));
    }
}
