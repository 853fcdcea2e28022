//! `contents:` and `related:`: the "On this page" list at the top of long
//! articles and the related articles at their end.

use super::FILE_NAME;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use serde::Deserialize;
use std::path::Path;

/// The most related articles a page may list: a long list at the end of
/// an article is one nobody reads, and every entry is work on every page.
pub const MAX_RELATED: usize = 10;

/// `contents:` settings.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(default)]
pub struct ContentsConfig {
    /// Articles with at least this many `##` headings get an "On this page"
    /// list (front matter `toc:` overrides it); `0` turns the list off for
    /// every article that does not ask for it with `toc: true`.
    pub min_headings: usize,
}

impl Default for ContentsConfig {
    fn default() -> Self {
        ContentsConfig { min_headings: 4 }
    }
}

/// `related:` settings.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(default)]
pub struct RelatedConfig {
    /// How many related articles each article ends with; `0` turns them off.
    #[schemars(range(max = MAX_RELATED))]
    pub count: usize,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        RelatedConfig { count: 3 }
    }
}

/// A `related.count` above [`MAX_RELATED`] is an error, at the number.
pub(super) fn check_related(
    related: &RelatedConfig,
    text: &str,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) {
    if related.count > MAX_RELATED {
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                Path::new(FILE_NAME),
                value_after_key(text, locate(&["related", "count"])),
                format!(
                    "`related.count` is {}; an article lists at most {MAX_RELATED} related articles",
                    related.count
                ),
            )
            .with_hint(format!(
                "write a number from 0 (no related articles) to {MAX_RELATED}, e.g. `count: 3`"
            )),
        );
    }
}

/// The value written after the key at `key` (`count: 50` → `50`), or the
/// key itself when the line has nothing after it.
fn value_after_key(text: &str, key: Position) -> Position {
    let Some(line) = text.lines().nth(key.line.saturating_sub(1)) else {
        return key;
    };
    let chars: Vec<char> = line.chars().collect();
    let mut at = (key.column - 1 + key.length).min(chars.len());
    while at < chars.len() && matches!(chars[at], ':' | ' ') {
        at += 1;
    }
    let value: String = chars[at..].iter().collect();
    let value = value.split(" #").next().unwrap_or("").trim_end();
    if value.is_empty() {
        return key;
    }
    Position::new(key.line, at + 1, value.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_after_a_key_is_found() {
        let text = "related:\n  count: 50 # too many\n";
        let key = Position::new(2, 3, 5);
        assert_eq!(value_after_key(text, key), Position::new(2, 10, 2));
        assert_eq!(
            value_after_key("a:\n", Position::new(1, 1, 1)),
            Position::new(1, 1, 1)
        );
    }
}
