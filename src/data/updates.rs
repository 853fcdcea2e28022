//! Reading one update entry: a short Markdown file whose front matter holds
//! its `time` (required), an optional `title` and `draft`.
//!
//! Entries are read right after discovery, not with the pages: they are not pages of
//! their own but parts of their topic's page. Problems use the front-matter
//! codes authors already know (`frontmatter/missing-field`,
//! `frontmatter/invalid-date`, `frontmatter/unknown-field` ...).

use crate::dates::Instant;
use crate::diagnostics::Diagnostics;
use crate::diagnostics::{Diagnostic, Position, codes, suggest};
use crate::discover::{SourceKind, SourcePage};
use crate::frontmatter::{self, FrontMatter, Scalar};
use crate::parse::ParsedPage;
use crate::yaml::Segment;
use crate::zone::SiteZone;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One update, read from its file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// When it happened (or was posted): the order and the time shown.
    pub time: Instant,
    pub title: Option<String>,
    pub draft: bool,
    /// `update-<file name>`: the entry's id on its topic page.
    pub anchor: String,
    /// The file and its text (the body is rendered like an article's).
    pub source: ParsedPage,
}

impl Entry {
    pub fn file(&self) -> &Path {
        &self.source.source.path
    }

    /// The topic folder under the language folder (`updates/heat-wave`).
    pub fn topic(&self) -> PathBuf {
        self.source
            .source
            .rel
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf()
    }
}

/// Reads the entry files found at discovery (in their order). Unusable
/// files are left out and explained.
pub(crate) fn read_all(
    root: &Path,
    zone: &crate::zone::SiteZone,
    sources: &[(PathBuf, String, PathBuf)],
    diagnostics: &mut Diagnostics,
) -> Vec<Arc<Entry>> {
    let mut entries = Vec::new();
    for (path, language, rel) in sources {
        let source = source_page(path.clone(), language, rel.clone());
        let text = match std::fs::read(root.join(path)).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            _ => {
                diagnostics.push(
                    Diagnostic::error(
                        codes::CONTENT_UNREADABLE,
                        path,
                        Position::start(),
                        "this update could not be read as UTF-8 text",
                    )
                    .with_hint("check the file's permissions and save it as UTF-8"),
                );
                continue;
            }
        };
        let mut found = Vec::new();
        let entry = parse(&source, text, zone, &mut found);
        diagnostics.extend(found);
        entries.extend(entry.map(Arc::new));
    }
    entries
}

/// An entry's front matter as written. Its doc comments are the
/// descriptions editors show (`crate::schema`), so they speak to authors.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
#[schemars(extend("required" = ["time"]))]
struct RawEntry {
    /// When it happened: `2026-06-01 14:30` in the site's time zone, or with
    /// an offset (`2026-06-01T14:30:00-04:00`).
    #[schemars(schema_with = "crate::yaml::shapes::local_time")]
    time: Option<Scalar>,
    /// An optional headline.
    title: Option<String>,
    /// `true` keeps the entry out unless the site is built with `--drafts`.
    draft: bool,
}

/// The editor schema of an entry's front matter (`pamphlet schema update`).
pub(crate) fn schema(generator: schemars::SchemaGenerator) -> schemars::Schema {
    generator.into_root_schema_for::<RawEntry>()
}

/// The front-matter fields an update entry takes.
pub(crate) fn field_names() -> &'static [&'static str] {
    suggest::fields_of::<RawEntry>()
}

/// Reads one entry from its text. `None` when it cannot be used (its
/// problems are in `diagnostics`).
pub(crate) fn parse(
    source: &SourcePage,
    text: String,
    zone: &SiteZone,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let file = source.path.as_path();
    let hints = frontmatter::BlockHints {
        missing: "this update has no front matter",
        missing_hint: "start the file with `---`, a line `time: 2026-06-01 14:30`, and another `---`; `pamphlet new update <topic>` writes one for you",
        syntax_hint: "an update's front matter holds `time:`, and optionally `title:` and `draft:`",
        invalid_value_hint: "an update's front matter holds `time:`, and optionally `title:` and `draft:`",
    };
    let block = frontmatter::read_block::<RawEntry>(&text, file, &hints, diagnostics)?;
    warn_unknown(file, &block.unknown, block.first_line, diagnostics);
    let raw = block.value;
    let time = entry_time(file, &text, raw.time, zone, diagnostics)?;
    Some(Entry {
        time,
        title: raw
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        draft: raw.draft,
        anchor: anchor(source),
        source: ParsedPage {
            source: source.clone(),
            body_start: block.body_start,
            text: Arc::from(text),
            front_matter: Arc::new(FrontMatter::default()),
        },
    })
}

/// Warns about each front-matter field an update does not take.
fn warn_unknown(
    file: &Path,
    unknown: &[crate::yaml::UnknownKey],
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let shift = |p: Position| frontmatter::in_file(p, first_line);
    for key in unknown {
        let hint =
            suggest::did_you_mean(key.name(), field_names().iter().copied()).unwrap_or_else(|| {
                "an update takes only `time`, `title` and `draft`; write the rest in the text"
                    .to_string()
            });
        diagnostics.push(
            Diagnostic::warning(
                codes::FRONTMATTER_UNKNOWN_FIELD,
                file,
                shift(key.position),
                format!("unknown front-matter field `{}` in an update", key.dotted()),
            )
            .with_hint(hint),
        );
    }
}

/// The entry's `time`, which it must have, in the site's time zone.
fn entry_time(
    file: &Path,
    text: &str,
    time: Option<Scalar>,
    zone: &SiteZone,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Instant> {
    let Some(written) = time.filter(|t| !t.0.trim().is_empty()) else {
        diagnostics.push(
            Diagnostic::error(
                codes::FRONTMATTER_MISSING_FIELD,
                file,
                Position::new(1, 1, 3),
                "this update has no `time`",
            )
            .with_hint(format!(
                "add a line `time: 2026-06-01 14:30` (in the site's time zone, {}) to the front matter",
                zone.name()
            )),
        );
        return None;
    };
    match zone.parse_time(&written.0) {
        Ok(time) => Some(time),
        Err(message) => {
            let position = crate::frontmatter::Positions::at(text, &[Segment::Key("time".into())]);
            diagnostics.push(
                Diagnostic::error(codes::FRONTMATTER_INVALID_DATE, file, position, message)
                    .with_hint("write the date and the time of day, e.g. `time: 2026-06-01 14:30`"),
            );
            None
        }
    }
}

/// `update-<file name>`, the entry's id on its topic page.
fn anchor(source: &SourcePage) -> String {
    let stem = source
        .rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("update-{}", crate::slug::slugify(&stem))
}

/// The source record of an entry file (for [`parse`]).
pub(crate) fn source_page(
    path: std::path::PathBuf,
    language: &str,
    rel: std::path::PathBuf,
) -> SourcePage {
    SourcePage {
        path,
        language: language.to_string(),
        rel,
        kind: SourceKind::Article,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn read(text: &str) -> (Option<Entry>, Vec<Diagnostic>) {
        let zone = SiteZone::named("America/New_York").unwrap();
        let source = source_page(
            PathBuf::from("content/en/updates/heat/2026-06-01-1430.md"),
            "en",
            PathBuf::from("updates/heat/2026-06-01-1430.md"),
        );
        let mut diagnostics = Vec::new();
        let entry = parse(&source, text.to_string(), &zone, &mut diagnostics);
        (entry, diagnostics)
    }

    #[test]
    fn an_entry_needs_only_a_time() {
        let (entry, diagnostics) =
            read("---\ntime: 2026-06-01 14:30\n---\nCooling centres open.\n");
        let entry = entry.unwrap();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(entry.time.rfc3339(), "2026-06-01T18:30:00Z");
        assert_eq!(entry.anchor, "update-2026-06-01-1430");
        assert_eq!(entry.title, None);
        assert_eq!(entry.source.body(), "Cooling centres open.\n");
    }

    #[test]
    fn problems_point_at_the_field() {
        let (entry, diagnostics) = read("---\ntitle: Hi\ntime: yesterday noon\n---\nx\n");
        assert!(entry.is_none());
        assert_eq!(diagnostics[0].code, codes::FRONTMATTER_INVALID_DATE);
        assert_eq!(
            (diagnostics[0].position.line, diagnostics[0].position.column),
            (3, 7)
        );
        let (entry, diagnostics) = read("---\ntitle: Hi\n---\nx\n");
        assert!(entry.is_none());
        assert_eq!(diagnostics[0].code, codes::FRONTMATTER_MISSING_FIELD);
        let (entry, diagnostics) = read("---\ntime: 2026-06-01T14:30:00Z\ntilte: Hi\n---\nx\n");
        assert!(entry.is_some());
        assert_eq!(diagnostics[0].code, codes::FRONTMATTER_UNKNOWN_FIELD);
        assert_eq!(diagnostics[0].position.line, 3);
        assert_eq!(
            diagnostics[0].hint.as_deref(),
            Some("did you mean `title`?")
        );
        let (entry, diagnostics) = read("no front matter\n");
        assert!(entry.is_none());
        assert_eq!(diagnostics[0].code, codes::FRONTMATTER_MISSING);
    }
}
