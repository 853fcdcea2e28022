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
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct RelatedConfig {
    /// How many related articles each article ends with; `0` turns them off.
    pub count: usize,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        RelatedConfig { count: 3 }
    }
}

/// A `related.count` above [`MAX_RELATED`] is an error.
pub(super) fn check_related(
    related: &RelatedConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) {
    if related.count > MAX_RELATED {
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                Path::new(FILE_NAME),
                locate(&["related", "count"]),
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
