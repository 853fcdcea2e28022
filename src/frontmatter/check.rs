//! Checking each front-matter field as written, group by group, and
//! reporting every problem at the value the author has to change.

use super::control::strip_control_characters;
use super::{
    Alert, Audience, Certainty, CoverImage, FrontMatter, MAX_TAGS, RawAlert, RawFrontMatter,
    RawReviewer, Reviewer, SUMMARY_MAX_CHARS, Scalar, Severity, Urgency,
};
use crate::dates::{Date, Instant};
use crate::diagnostics::{Diagnostic, Position, codes, suggest};
use crate::discover::SourceKind;
use crate::yaml::{self, Segment};
use std::path::Path;

pub(super) struct Checker<'a> {
    pub(super) file: &'a Path,
    /// The YAML text, indexed once for every position a check reports.
    pub(super) yaml: yaml::Locator<'a>,
    pub(super) shift: &'a dyn Fn(Position) -> Position,
    /// Top-level fields whose wrong value is already reported (not "missing").
    pub(super) left_out: &'a [String],
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Checks every field, in the order their problems are reported.
    pub(super) fn check(&mut self, mut raw: RawFrontMatter, kind: SourceKind) -> FrontMatter {
        self.control_characters(&mut raw);
        let title = self.required_text(raw.title, "title", true, "title: High blood pressure");
        let summary = self.summary(raw.summary, kind == SourceKind::Article);
        // A missing `date` is reported after assembly: a translation
        // inherits it from its source (site::inherit).
        let date = self.date(raw.date.as_ref(), "date");
        let image_alt = raw
            .image_alt
            .clone()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let image = self.cover_image(raw.image, raw.image_alt);
        let reviewers = self.reviewers(raw.reviewers);
        let audience = raw.audience.as_deref().and_then(|text| self.audience(text));
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
            redirect_from: clean_list(raw.redirect_from),
            toc: raw.toc,
        }
    }

    /// Removes invisible control characters, with one warning for the file.
    fn control_characters(&mut self, raw: &mut RawFrontMatter) {
        if strip_control_characters(raw) {
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
    }

    /// The summary (required on articles); one too long for lists to show
    /// whole is a warning.
    fn summary(&mut self, value: Option<String>, required: bool) -> String {
        let summary = self.required_text(
            value,
            "summary",
            required,
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
        summary
    }

    /// The cover image; one without alt text is an error.
    fn cover_image(&mut self, image: Option<String>, alt: Option<String>) -> Option<CoverImage> {
        match (image, alt) {
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
        }
    }

    /// Each reviewer needs a name or a profile `id`; review dates must be real.
    fn reviewers(&mut self, reviewers: Vec<RawReviewer>) -> Vec<Reviewer> {
        reviewers
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
            .collect()
    }

    fn audience(&mut self, text: &str) -> Option<Audience> {
        let parsed = Audience::parse(text);
        if parsed.is_none() {
            self.invalid_choice("audience", text, &Audience::NAMES);
        }
        parsed
    }

    fn alert(&mut self, raw: RawAlert) -> Alert {
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
                    &Severity::NAMES,
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

fn clean_list(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}
