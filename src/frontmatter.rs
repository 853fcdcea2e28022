//! Front matter: the YAML block at the top of every Markdown file.
//!
//! [`split`] finds the block, [`parse`] reads it into typed fields, checks
//! every field (required ones present, dates real, choices allowed) and
//! reports each problem at its line and column in the file. Unknown fields
//! are warnings with a "did you mean" hint; free-form data goes under `extra`.

use crate::dates::{Date, Instant};
use crate::diagnostics::{Diagnostic, Position, codes, suggest};
use crate::discover::SourceKind;
pub use crate::yaml::Scalar;
use crate::yaml::{self, Segment};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

mod block;
mod misspelt;
mod positions;
pub use positions::Positions;

/// The longest summary that lists and share cards show whole.
pub const SUMMARY_MAX_CHARS: usize = 200;

/// The most tags one page may have. Every tag has a page and feeds listing
/// the article with all its tags, so what a build writes grows with the
/// square of an article's tag count: 20,000 tags in one article would write
/// tens of gigabytes. A real article needs a handful.
pub const MAX_TAGS: usize = 30;

/// A person who wrote an article.
#[derive(Debug, Clone, Deserialize, serde::Serialize, Default, PartialEq)]
#[serde(default)]
pub struct Author {
    pub name: String,
    pub credentials: Option<String>,
    /// A profile in `data/people/<id>.yaml` (see [`crate::people`]); the
    /// fields written here win over the profile's.
    pub id: Option<String>,
}

/// A person who medically reviewed an article, as written.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default)]
pub struct RawReviewer {
    pub name: String,
    pub credentials: Option<String>,
    pub role: Option<String>,
    pub date: Option<Scalar>,
    pub id: Option<String>,
}

/// A source an article cites, as written (checked by the citations stage).
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default)]
pub struct Citation {
    pub id: String,
    pub authors: Vec<String>,
    pub title: Option<String>,
    pub container: Option<String>,
    pub year: Option<Scalar>,
    pub volume: Option<Scalar>,
    pub issue: Option<Scalar>,
    pub pages: Option<Scalar>,
    pub doi: Option<String>,
    pub pmid: Option<Scalar>,
    pub url: Option<String>,
    pub accessed: Option<Scalar>,
}

#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default)]
struct RawAlert {
    severity: Option<String>,
    expires: Option<Scalar>,
    area: Option<String>,
    urgency: Option<String>,
    certainty: Option<String>,
}

/// Front matter exactly as written (every field optional, checked later).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
struct RawFrontMatter {
    title: Option<String>,
    summary: Option<String>,
    date: Option<Scalar>,
    updated: Option<Scalar>,
    slug: Option<String>,
    translation_key: Option<String>,
    draft: bool,
    tags: Vec<String>,
    audience: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    hashtags: Vec<String>,
    authors: Vec<Author>,
    reviewers: Vec<RawReviewer>,
    next_review: Option<Scalar>,
    citations: Vec<Citation>,
    aliases: Vec<String>,
    extra: BTreeMap<String, serde_json::Value>,
    alert: Option<RawAlert>,
    weight: Option<i64>,
    search: Option<bool>,
}

/// Who an article is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Patients,
    Caregivers,
    Clinicians,
    Public,
}

impl Audience {
    const NAMES: [&'static str; 4] = ["patients", "caregivers", "clinicians", "public"];

    fn parse(text: &str) -> Option<Audience> {
        match text.trim().to_lowercase().as_str() {
            "patients" => Some(Audience::Patients),
            "caregivers" => Some(Audience::Caregivers),
            "clinicians" => Some(Audience::Clinicians),
            "public" => Some(Audience::Public),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// How urgent an alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Urgent,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Urgent => "urgent",
        }
    }
}

/// How soon people should act on an alert (the CAP `urgency` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Urgency {
    Immediate,
    Expected,
    Future,
    Past,
    Unknown,
}

impl Urgency {
    pub const NAMES: [&'static str; 5] = ["Immediate", "Expected", "Future", "Past", "Unknown"];
    const ALL: [Urgency; 5] = [
        Urgency::Immediate,
        Urgency::Expected,
        Urgency::Future,
        Urgency::Past,
        Urgency::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// How sure the sender is (the CAP `certainty` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Certainty {
    Observed,
    Likely,
    Possible,
    Unlikely,
    Unknown,
}

impl Certainty {
    pub const NAMES: [&'static str; 5] = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"];
    const ALL: [Certainty; 5] = [
        Certainty::Observed,
        Certainty::Likely,
        Certainty::Possible,
        Certainty::Unlikely,
        Certainty::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A time-limited public notice (pages under `content/<lang>/alerts/`).
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub severity: Severity,
    pub expires: Option<Instant>,
    pub area: Option<String>,
    /// CAP urgency as written; `None` takes the default for the severity.
    pub urgency: Option<Urgency>,
    /// CAP certainty as written; `None` takes the default for the severity.
    pub certainty: Option<Certainty>,
}

/// A medical reviewer with a checked review date.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewer {
    pub name: String,
    pub credentials: Option<String>,
    pub role: Option<String>,
    pub date: Option<Date>,
    /// A profile in `data/people/<id>.yaml`: once the site is assembled,
    /// the profile fills in what this entry leaves out ([`crate::people`]).
    pub id: Option<String>,
}

/// An article's cover image as written in front matter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CoverImage {
    /// Path relative to the Markdown file, or starting with `/` for `static/`.
    pub src: String,
    pub alt: String,
    /// The language `alt` is written in when it is not the page's own: a
    /// translation that inherits the image without writing `image_alt`.
    pub alt_language: Option<String>,
    /// True when the image comes from the translation's source (whose own
    /// checks report a missing file).
    pub inherited: bool,
}

/// Checked front matter. Fields a translation may inherit from its source
/// stay `Option`/empty when not written, so inheritance can tell them apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub slug: Option<String>,
    pub translation_key: Option<String>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub audience: Option<Audience>,
    pub image: Option<CoverImage>,
    /// `image_alt` as written (also in `image.alt`). A translation may write
    /// only this, to describe in its language the image it inherits.
    pub image_alt: Option<String>,
    pub hashtags: Vec<String>,
    pub authors: Vec<Author>,
    pub reviewers: Vec<Reviewer>,
    pub next_review: Option<Date>,
    pub citations: Vec<Citation>,
    pub aliases: Vec<String>,
    pub extra: BTreeMap<String, serde_json::Value>,
    pub alert: Option<Alert>,
    /// Sort order among siblings (lower first); sections and pages.
    pub weight: Option<i64>,
    /// `search: false` leaves the page out of site search and the A–Z index
    /// (unset means listed).
    pub search: Option<bool>,
}

impl FrontMatter {
    /// Whether the author let the page be found through search and the A–Z index.
    pub fn searchable(&self) -> bool {
        self.search != Some(false)
    }
}

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

/// Every top-level front-matter field name, as authors write them.
pub fn field_names() -> &'static [&'static str] {
    suggest::fields_of::<RawFrontMatter>()
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

/// Names allowed inside each mapping of the front matter.
fn known_fields(parent: &str) -> &'static [&'static str] {
    match parent {
        "" => suggest::fields_of::<RawFrontMatter>(),
        "authors" => suggest::fields_of::<Author>(),
        "reviewers" => suggest::fields_of::<RawReviewer>(),
        "citations" => suggest::fields_of::<Citation>(),
        "alert" => suggest::fields_of::<RawAlert>(),
        _ => &[],
    }
}

struct Checker<'a> {
    file: &'a Path,
    /// The YAML text, indexed once for every position a check reports.
    yaml: yaml::Locator<'a>,
    shift: &'a dyn Fn(Position) -> Position,
    /// Top-level fields whose wrong value is already reported (not "missing").
    left_out: &'a [String],
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn check(&mut self, mut raw: RawFrontMatter, kind: SourceKind) -> FrontMatter {
        if strip_control_characters(&mut raw) {
            self.diagnostics.push(
                Diagnostic::warning(
                    codes::FRONTMATTER_CONTROL_CHARACTER,
                    self.file,
                    Position::new(1, 1, 3),
                    "the front matter contains invisible control characters (such as NUL); they were removed",
                )
                .with_hint("retype the text, or look for `\\0` or `\\u0000`-style escapes in quoted values"),
            );
        }
        let is_article = kind == SourceKind::Article;
        let title = self.required_text(raw.title, "title", true, "title: High blood pressure");
        let summary = self.required_text(
            raw.summary,
            "summary",
            is_article,
            "summary: What it is and how to lower it.",
        );
        if summary.chars().count() > SUMMARY_MAX_CHARS {
            let position = self.value_position(&[Segment::Key("summary".into())]);
            self.diagnostics.push(
                Diagnostic::warning(
                    codes::FRONTMATTER_SUMMARY_TOO_LONG,
                    self.file,
                    position,
                    format!(
                        "the summary has {} characters; at most {SUMMARY_MAX_CHARS} are shown",
                        summary.chars().count()
                    ),
                )
                .with_hint("shorten it to one or two plain sentences"),
            );
        }
        // A missing `date` is reported after assembly: a translation
        // inherits it from its source (site::inherit).
        let date = self.date(raw.date.as_ref(), "date");
        let image_alt = raw
            .image_alt
            .clone()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let image = match (raw.image, raw.image_alt) {
            (Some(src), alt) if !src.trim().is_empty() => {
                let alt = alt.unwrap_or_default();
                if alt.trim().is_empty() {
                    let position = self.key_position(&[Segment::Key("image".into())]);
                    self.diagnostics.push(
                        Diagnostic::error(
                            codes::FRONTMATTER_MISSING_FIELD,
                            self.file,
                            position,
                            "the `image` has no `image_alt` text",
                        )
                        .with_hint(
                            "add `image_alt:` describing the picture for people who cannot see it",
                        ),
                    );
                }
                Some(CoverImage {
                    src: src.trim().to_string(),
                    alt,
                    ..CoverImage::default()
                })
            }
            _ => None,
        };
        let reviewers = raw
            .reviewers
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let path = [
                    Segment::Key("reviewers".into()),
                    Segment::Index(i),
                    Segment::Key("date".into()),
                ];
                let id =
                    r.id.as_ref()
                        .map(|i| i.trim().to_string())
                        .filter(|i| !i.is_empty());
                if r.name.trim().is_empty() && id.is_none() {
                    let position = self.key_position(&path[..2]);
                    self.diagnostics.push(
                        Diagnostic::error(
                            codes::FRONTMATTER_MISSING_FIELD,
                            self.file,
                            position,
                            format!("reviewer {} has no `name`", i + 1),
                        )
                        .with_hint("add `name:`, or `id:` naming a profile in `data/people/`"),
                    );
                }
                Reviewer {
                    date: r.date.as_ref().and_then(|d| self.date_at(d, &path)),
                    name: r.name,
                    credentials: r.credentials,
                    role: r.role,
                    id,
                }
            })
            .collect();
        let audience = raw.audience.as_deref().and_then(|text| {
            let parsed = Audience::parse(text);
            if parsed.is_none() {
                self.invalid_choice("audience", text, &Audience::NAMES);
            }
            parsed
        });
        let alert = raw.alert.map(|a| self.alert(a));
        FrontMatter {
            title,
            summary,
            date,
            updated: self.date(raw.updated.as_ref(), "updated"),
            slug: raw
                .slug
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            translation_key: raw
                .translation_key
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            draft: raw.draft,
            tags: self.bounded_tags(clean_list(raw.tags)),
            audience,
            image,
            image_alt,
            hashtags: clean_list(raw.hashtags)
                .into_iter()
                .map(|h| h.trim_start_matches('#').to_string())
                .collect(),
            authors: raw
                .authors
                .into_iter()
                .map(|mut a| {
                    a.id = a.id.map(|i| i.trim().to_string()).filter(|i| !i.is_empty());
                    a
                })
                .collect(),
            reviewers,
            next_review: self.date(raw.next_review.as_ref(), "next_review"),
            citations: raw.citations,
            aliases: clean_list(raw.aliases),
            extra: raw.extra,
            alert,
            weight: raw.weight,
            search: raw.search,
        }
    }

    fn alert(&mut self, raw: RawAlert) -> Alert {
        const SEVERITIES: [&str; 3] = ["info", "warning", "urgent"];
        let severity = match raw.severity.as_deref().map(|s| s.trim().to_lowercase()) {
            Some(s) if s == "info" => Severity::Info,
            Some(s) if s == "warning" => Severity::Warning,
            Some(s) if s == "urgent" => Severity::Urgent,
            Some(other) => {
                self.invalid_choice_at(
                    &[
                        Segment::Key("alert".into()),
                        Segment::Key("severity".into()),
                    ],
                    "alert.severity",
                    &other,
                    &SEVERITIES,
                );
                Severity::Info
            }
            None => Severity::Info,
        };
        let expires = raw.expires.and_then(|text| match Instant::parse(&text.0) {
            Ok(i) => Some(i),
            Err(message) => {
                let position = self.value_position(&[Segment::Key("alert".into()), Segment::Key("expires".into())]);
                self.diagnostics.push(
                    Diagnostic::error(codes::FRONTMATTER_INVALID_DATE, self.file, position, message)
                        .with_hint("write the expiry as `2026-12-01T00:00:00Z` (UTC) or with an offset like `-05:00`"),
                );
                None
            }
        });
        let urgency = raw.urgency.as_deref().and_then(|text| {
            self.cap_choice("urgency", text, &Urgency::NAMES)
                .map(|i| Urgency::ALL[i])
        });
        let certainty = raw.certainty.as_deref().and_then(|text| {
            self.cap_choice("certainty", text, &Certainty::NAMES)
                .map(|i| Certainty::ALL[i])
        });
        Alert {
            severity,
            expires,
            area: raw
                .area
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty()),
            urgency,
            certainty,
        }
    }

    /// One of the CAP words (any letter case), or a reported error.
    fn cap_choice(&mut self, field: &str, text: &str, names: &[&str]) -> Option<usize> {
        let found = names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(text.trim()));
        if found.is_none() {
            let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
            let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
            self.invalid_choice_at(
                &[Segment::Key("alert".into()), Segment::Key(field.into())],
                &format!("alert.{field}"),
                text.trim(),
                &lower,
            );
        }
        found
    }

    fn required_text(
        &mut self,
        value: Option<String>,
        field: &str,
        required: bool,
        example: &str,
    ) -> String {
        let text = value.map(|s| s.trim().to_string()).unwrap_or_default();
        if text.is_empty() && required {
            self.missing(field, example);
        }
        text
    }

    fn missing(&mut self, field: &str, example: &str) {
        if self.left_out.iter().any(|f| f == field) {
            return;
        }
        self.diagnostics.push(
            Diagnostic::error(
                codes::FRONTMATTER_MISSING_FIELD,
                self.file,
                Position::new(1, 1, 3),
                format!("the front matter has no `{field}`"),
            )
            .with_hint(format!("add a line like `{example}`")),
        );
    }

    /// Keeps at most [`MAX_TAGS`] tags; more is an error at `tags:`.
    fn bounded_tags(&mut self, mut tags: Vec<String>) -> Vec<String> {
        if tags.len() > MAX_TAGS {
            let position = self.key_position(&[Segment::Key("tags".into())]);
            self.diagnostics.push(
                Diagnostic::error(
                    codes::FRONTMATTER_INVALID_VALUE,
                    self.file,
                    position,
                    format!("this page has {} tags; a page may have at most {MAX_TAGS}", tags.len()),
                )
                .with_hint("keep the few tags a reader would browse by (e.g. `tags: [asthma, lungs]`); other words for the topic go under `aliases:`"),
            );
            tags.truncate(MAX_TAGS);
        }
        tags
    }

    fn invalid_choice(&mut self, field: &str, value: &str, allowed: &[&str]) {
        self.invalid_choice_at(&[Segment::Key(field.into())], field, value, allowed);
    }

    fn invalid_choice_at(&mut self, path: &[Segment], field: &str, value: &str, allowed: &[&str]) {
        let position = self.value_position(path);
        let hint = suggest::did_you_mean(value, allowed.iter().copied())
            .unwrap_or_else(|| format!("use one of: {}", allowed.join(", ")));
        self.diagnostics.push(
            Diagnostic::error(
                codes::FRONTMATTER_INVALID_VALUE,
                self.file,
                position,
                format!("`{field}` cannot be `{value}`"),
            )
            .with_hint(hint),
        );
    }

    fn date(&mut self, value: Option<&Scalar>, field: &str) -> Option<Date> {
        value.and_then(|v| self.date_at(v, &[Segment::Key(field.into())]))
    }

    fn date_at(&mut self, value: &Scalar, path: &[Segment]) -> Option<Date> {
        match Date::parse(&value.0) {
            Ok(date) => Some(date),
            Err(message) => {
                let position = self.value_position(path);
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::FRONTMATTER_INVALID_DATE,
                        self.file,
                        position,
                        format!("`{}`: {message}", yaml::dotted(path)),
                    )
                    .with_hint("write dates as year-month-day, e.g. `2026-03-01`"),
                );
                None
            }
        }
    }

    fn key_position(&self, path: &[Segment]) -> Position {
        (self.shift)(self.yaml.locate(path).unwrap_or_else(Position::start))
    }

    /// Position of the value after `key:` (what an author has to change).
    fn value_position(&self, path: &[Segment]) -> Position {
        let key = self.key_position(path);
        let Some(line) = self.yaml.line(
            key.line
                .saturating_sub((self.shift)(Position::start()).line),
        ) else {
            return key;
        };
        let chars: Vec<char> = line.chars().collect();
        let mut i = key.column - 1 + key.length;
        while i < chars.len() && (chars[i] == ':' || chars[i] == ' ') {
            i += 1;
        }
        let value: String = chars[i.min(chars.len())..].iter().collect();
        let length = value.trim_end().chars().count();
        if length == 0 {
            return key;
        }
        Position::new(key.line, i + 1, length)
    }
}

/// Removes control characters (other than tabs and line breaks) from every
/// text a page shows: they are invisible, and XML feeds cannot carry them.
/// Returns whether any was found.
fn strip_control_characters(raw: &mut RawFrontMatter) -> bool {
    fn clean(text: &mut String) -> bool {
        if text.chars().any(is_forbidden) {
            text.retain(|c| !is_forbidden(c));
            true
        } else {
            false
        }
    }
    fn is_forbidden(c: char) -> bool {
        c.is_control() && c != '\n' && c != '\t' && c != '\r'
    }
    let mut found = false;
    let mut visit = |t: &mut String| found |= clean(t);
    for field in [
        &mut raw.title,
        &mut raw.summary,
        &mut raw.image_alt,
        &mut raw.slug,
        &mut raw.translation_key,
        &mut raw.image,
    ] {
        if let Some(t) = field.as_mut() {
            visit(t);
        }
    }
    raw.tags
        .iter_mut()
        .chain(raw.hashtags.iter_mut())
        .chain(raw.aliases.iter_mut())
        .for_each(&mut visit);
    for a in &mut raw.authors {
        visit(&mut a.name);
        a.credentials.iter_mut().for_each(&mut visit);
    }
    for r in &mut raw.reviewers {
        visit(&mut r.name);
        r.credentials
            .iter_mut()
            .chain(r.role.iter_mut())
            .for_each(&mut visit);
    }
    for c in &mut raw.citations {
        c.authors.iter_mut().for_each(&mut visit);
        c.title
            .iter_mut()
            .chain(c.container.iter_mut())
            .chain(c.url.iter_mut())
            .chain(c.doi.iter_mut())
            .for_each(&mut visit);
    }
    if let Some(alert) = raw.alert.as_mut() {
        alert.area.iter_mut().for_each(&mut visit);
    }
    found
}

fn clean_list(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
