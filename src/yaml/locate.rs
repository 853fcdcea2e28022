//! Finding where a key path (`citations[3].id`) is written in a YAML text,
//! so diagnostics can point at it.
//!
//! A [`Locator`] is built once per text and answers any number of lookups:
//! the lines are split once, each key name's places are listed once, and
//! each list's items are counted once. Looking up every item of a list of
//! n entries is then O(n log n) overall instead of the O(n²) that scanning
//! the text again for each lookup cost (an article with 20,000 citations
//! took minutes).

use super::Segment;
use crate::diagnostics::Position;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// (line index, byte column) of each place.
type Places = Rc<Vec<(usize, usize)>>;

/// Answers "where is this key written" for one YAML text.
pub(crate) struct Locator<'t> {
    text: &'t str,
    /// Split on first use: most texts are never searched.
    lines: OnceCell<Vec<&'t str>>,
    /// The byte offset of each line in `text`.
    starts: OnceCell<Vec<usize>>,
    /// Every `key:` place of each key name looked up so far, in text order.
    keys: RefCell<HashMap<String, Places>>,
    /// The items (line, indent) of the list whose items are searched from a
    /// line, by that line.
    items: RefCell<HashMap<usize, Places>>,
}

impl<'t> Locator<'t> {
    pub(crate) fn new(text: &'t str) -> Locator<'t> {
        Locator {
            text,
            lines: OnceCell::new(),
            starts: OnceCell::new(),
            keys: RefCell::default(),
            items: RefCell::default(),
        }
    }

    fn lines(&self) -> &[&'t str] {
        self.lines.get_or_init(|| self.text.lines().collect())
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            let base = self.text.as_ptr() as usize;
            self.lines()
                .iter()
                .map(|line| line.as_ptr() as usize - base)
                .collect()
        })
    }

    /// Line `index` (0-based) of the text.
    pub(crate) fn line(&self, index: usize) -> Option<&'t str> {
        self.lines().get(index).copied()
    }

    /// Where the key at `path` is written (best effort: YAML front matter
    /// is small and written by hand, so a line scan is enough). A key is
    /// searched from where its parent was found; a list index counts the
    /// block items (`- `) at the first item's indent.
    pub(crate) fn locate(&self, path: &[Segment]) -> Option<Position> {
        let mut line = 0usize;
        let mut min_column = 0usize; // byte column on `line` the next match must be at or after
        let mut found = None;
        for (depth, seg) in path.iter().enumerate() {
            match seg {
                Segment::Key(key) => {
                    let places = self.key_places(key);
                    let first = places.partition_point(|&place| place < (line, min_column));
                    let &(l, col) = places.get(first)?;
                    line = l;
                    min_column = col + key.len();
                    found = Some(Position::new(
                        l + 1,
                        self.lines()[l][..col].chars().count() + 1,
                        key.chars().count(),
                    ));
                }
                Segment::Index(index) => {
                    let start = if depth == 0 { 0 } else { line + 1 };
                    let &(l, indent) = self.list_items(start).get(*index)?;
                    line = l;
                    min_column = indent + 1;
                }
            }
        }
        found
    }

    fn key_places(&self, key: &str) -> Places {
        if let Some(places) = self.keys.borrow().get(key) {
            return Rc::clone(places);
        }
        // One search through the whole text, not one per line: most keys
        // are asked for once per file.
        let mut places = Vec::new();
        if !key.is_empty() {
            let (lines, starts) = (self.lines(), self.starts());
            for at in memchr::memmem::find_iter(self.text.as_bytes(), key.as_bytes()) {
                let l = starts
                    .partition_point(|&start| start <= at)
                    .saturating_sub(1);
                let column = at - starts[l];
                if is_key_at(lines[l], column, key) {
                    places.push((l, column));
                }
            }
        }
        let places = Rc::new(places);
        self.keys
            .borrow_mut()
            .insert(key.to_string(), Rc::clone(&places));
        places
    }

    /// Block list items (`- `) from line `start` on, at the first item's indent.
    fn list_items(&self, start: usize) -> Places {
        if let Some(items) = self.items.borrow().get(&start) {
            return Rc::clone(items);
        }
        let mut all = self
            .lines()
            .iter()
            .enumerate()
            .skip(start)
            .filter_map(|(l, text)| {
                let trimmed = text.trim_start();
                (trimmed.starts_with("- ") || trimmed == "-")
                    .then(|| (l, text.len() - trimmed.len()))
            });
        let items: Vec<(usize, usize)> = match all.next() {
            Some((first, indent)) => std::iter::once((first, indent))
                .chain(all.filter(|&(_, i)| i == indent))
                .collect(),
            None => Vec::new(),
        };
        let items = Rc::new(items);
        self.items.borrow_mut().insert(start, Rc::clone(&items));
        items
    }
}

/// Finds where the key at `path` is written in `text`, for a single lookup
/// (several lookups in one text share a [`Locator`]).
pub(crate) fn locate(text: &str, path: &[Segment]) -> Option<Position> {
    Locator::new(text).locate(path)
}

/// Whether `key` at byte `at` of `line` is written as a mapping key
/// (`key:`, `- key:`, `{a: 1, key: 2}`), not inside a value or a comment.
fn is_key_at(line: &str, at: usize, key: &str) -> bool {
    // A match running past the line's end crossed a line break.
    let Some(after) = line.get(at + key.len()..) else {
        return false;
    };
    let before_ok = line[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || c == '{' || c == ',' || c == '-');
    before_ok && after.trim_start().starts_with(':') && !line[..at].trim_start().starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(k: &str) -> Segment {
        Segment::Key(k.to_string())
    }

    #[test]
    fn finds_list_items_and_their_keys() {
        let text = "title: A\ncitations:\n  - id: a\n    title: T\n  - id: b\n  - title: U\n    id: c\nreviewers:\n  - name: R\n";
        let locator = Locator::new(text);
        let at = |path: &[Segment]| locator.locate(path).map(|p| (p.line, p.column));
        assert_eq!(
            at(&[key("citations"), Segment::Index(0), key("id")]),
            Some((3, 5))
        );
        assert_eq!(
            at(&[key("citations"), Segment::Index(1), key("id")]),
            Some((5, 5))
        );
        assert_eq!(
            at(&[key("citations"), Segment::Index(2), key("id")]),
            Some((7, 5))
        );
        assert_eq!(
            at(&[key("citations"), Segment::Index(2), key("title")]),
            Some((6, 5))
        );
        assert_eq!(
            at(&[key("reviewers"), Segment::Index(0), key("name")]),
            Some((9, 5))
        );
        assert_eq!(at(&[key("title")]), Some((1, 1)));
        assert_eq!(at(&[key("citations"), Segment::Index(9), key("id")]), None);
        assert_eq!(at(&[key("missing")]), None);
    }

    /// The search of one line the index replaced: the byte column of
    /// `key:` used as a mapping key on `line`, at or after `from`.
    fn find_key(line: &str, key: &str, from: usize) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        let mut search = from;
        while let Some(i) = line.get(search..)?.find(key) {
            let at = search + i;
            let before_ok = line[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '{' || c == ',' || c == '-');
            let after = line[at + key.len()..].trim_start();
            if before_ok && after.starts_with(':') && !line[..at].trim_start().starts_with('#') {
                return Some(at);
            }
            search = at + key.len();
        }
        None
    }

    /// The line scan this replaced, kept as the reference the index must agree with.
    fn scan(text: &str, path: &[Segment]) -> Option<Position> {
        let lines: Vec<&str> = text.lines().collect();
        let (mut line, mut min_column, mut found) = (0usize, 0usize, None);
        for (depth, seg) in path.iter().enumerate() {
            match seg {
                Segment::Key(key) => {
                    let (l, col) = (line..lines.len()).find_map(|l| {
                        let from = if l == line { min_column } else { 0 };
                        find_key(lines[l], key, from).map(|c| (l, c))
                    })?;
                    line = l;
                    min_column = col + key.len();
                    found = Some(Position::new(
                        l + 1,
                        lines[l][..col].chars().count() + 1,
                        key.chars().count(),
                    ));
                }
                Segment::Index(index) => {
                    let start = if depth == 0 { 0 } else { line + 1 };
                    let mut items = (start..lines.len()).filter_map(|l| {
                        let trimmed = lines[l].trim_start();
                        (trimmed.starts_with("- ") || trimmed == "-")
                            .then(|| (l, lines[l].len() - trimmed.len()))
                    });
                    let (first_line, indent) = items.next()?;
                    let (l, _) = std::iter::once((first_line, indent))
                        .chain(items.filter(|(_, i)| *i == indent))
                        .nth(*index)?;
                    line = l;
                    min_column = indent + 1;
                }
            }
        }
        found
    }

    proptest! {
        #[test]
        fn agrees_with_a_fresh_scan(
            lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a: 1", "b: 2", "  a: x", "  - a: 1", "  - b: 2", "    a: 3", "- a: 4",
                    "  - { a: 1, b: 2 }", "c:", "# a: no", "  b: a: 1", "-", "  -",
                    "ab: 1", "ba: a", "aa: 2", "  é a: 1", "x\r",
                ]),
                0..14,
            ),
            paths in proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![
                        proptest::sample::select(vec!["a", "b", "c"]).prop_map(|k| Segment::Key(k.to_string())),
                        (0usize..4).prop_map(Segment::Index),
                    ],
                    1..4,
                ),
                1..6,
            ),
        ) {
            let text = lines.join("\n");
            let locator = Locator::new(&text);
            for path in &paths {
                prop_assert_eq!(locator.locate(path), scan(&text, path), "{:?}", path);
            }
        }
    }
}
