//! Reading and checking `data/status.yaml`, strictly: every problem is a
//! `status/…` diagnostic at its line and column, with a hint.

#[cfg(test)]
use super::Status;
use super::{Board, Kind, Service, Text, choice};
use crate::config::Config;
use crate::dates::Instant;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes, suggest};
use crate::yaml::Scalar;
use crate::yaml::{self, Segment};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The board as written. Its doc comments are the descriptions editors
/// show (`crate::schema`), so they speak to authors.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(default)]
struct RawBoard {
    /// A text above the services, one or one per language code.
    intro: Option<RawText>,
    /// The clinics, emergency departments, vaccination sites and hotlines.
    services: Vec<RawService>,
}

/// One service as written.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(default)]
#[schemars(extend("required" = ["id", "name", "kind", "status", "updated"]))]
struct RawService {
    /// A short name that stays the same, e.g. `riverside-clinic`.
    id: Option<Scalar>,
    /// The service's name, one or one per language code.
    name: Option<RawText>,
    /// What the service is.
    #[schemars(schema_with = "kind_schema")]
    kind: Option<Scalar>,
    /// Whether it can take people now.
    #[schemars(schema_with = "status_schema")]
    status: Option<Scalar>,
    /// The current wait, in whole minutes.
    #[schemars(schema_with = "minutes_schema")]
    wait_minutes: Option<Scalar>,
    /// A short note, one or one per language code.
    note: Option<RawText>,
    /// Opening hours, one or one per language code.
    hours: Option<RawText>,
    /// The street address, one or one per language code.
    address: Option<RawText>,
    /// The phone number.
    phone: Option<Scalar>,
    /// When the status was last confirmed: `2026-06-01 14:30` in the site's
    /// time zone, or with an offset.
    #[schemars(schema_with = "crate::yaml::shapes::local_time")]
    updated: Option<Scalar>,
}

fn kind_schema(_: &mut SchemaGenerator) -> Schema {
    crate::yaml::shapes::choice(&Kind::NAMES)
}

fn status_schema(_: &mut SchemaGenerator) -> Schema {
    crate::yaml::shapes::choice(&super::Status::NAMES)
}

fn minutes_schema(_: &mut SchemaGenerator) -> Schema {
    schemars::json_schema!({ "type": "integer", "minimum": 0 })
}

/// The editor schema of `data/status.yaml` (`pamphlet schema status`).
pub(crate) fn schema(generator: SchemaGenerator) -> Schema {
    generator.into_root_schema_for::<RawBoard>()
}

/// The field names the board (`""`) and a service (`"services"`) take.
pub(crate) fn known_fields(parent: &str) -> &'static [&'static str] {
    match parent {
        "services" => suggest::fields_of::<RawService>(),
        _ => suggest::fields_of::<RawBoard>(),
    }
}

/// A text as written: one for every language, or language code → text.
#[derive(Debug, Clone)]
enum RawText {
    One(Scalar),
    PerLanguage(BTreeMap<String, Scalar>),
}

impl JsonSchema for RawText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        crate::yaml::shapes::per_language(generator)
    }
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a text, or language codes with a text each (`{ en: Open, es: Abierto }`)",
                )
            }
            fn visit_str<E>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText::One(Scalar(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawText, E> {
                Ok(RawText::One(Scalar(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawText, E> {
                Ok(RawText::One(Scalar(v.to_string())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawText, E> {
                Ok(RawText::One(Scalar(v.to_string())))
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawText, E> {
                Ok(RawText::One(Scalar(v.to_string())))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawText, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((language, text)) = map.next_entry::<String, Option<Scalar>>()? {
                    let Some(text) = text else {
                        // `{ en: Monday to Friday, 8 AM to 5 PM }` reads `8 AM to 5 PM` as a key.
                        return Err(crate::yaml::own_words(format!(
                            "`{language}` has no text; a text with a comma inside `{{ }}` needs quotes, e.g. `en: \"Monday to Friday, 8 AM to 5 PM\"`"
                        )));
                    };
                    out.insert(language, text);
                }
                Ok(RawText::PerLanguage(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads the site's status board, if it has one. Problems go into
/// `diagnostics`; a board with errors is still returned (the build fails
/// on the errors, and the pages can be previewed meanwhile).
pub(crate) fn read(config: &Config, diagnostics: &mut Diagnostics) -> Option<Board> {
    let file = Path::new(super::FILE);
    let path = config.root.join(file);
    if !path.is_file() {
        return None;
    }
    if let Some(outside) = config.boundary.leaves(file) {
        diagnostics.push(outside);
        return None;
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(
                    codes::STATUS_INVALID,
                    file,
                    Position::start(),
                    format!("the status board could not be read: {e}"),
                )
                .with_hint("check the file's permissions and save it as UTF-8 text"),
            );
            return Some(empty(file));
        }
    };
    let mut controls = Vec::new();
    crate::bidi_controls::report(&text, 1, file, &mut controls);
    diagnostics.extend(controls);
    Some(from_text(config, &text, diagnostics))
}

fn empty(file: &Path) -> Board {
    Board {
        file: file.to_path_buf(),
        intro: None,
        services: Vec::new(),
    }
}

/// Checks a status board's text (separate from [`read`] for tests).
pub(super) fn from_text(config: &Config, text: &str, diagnostics: &mut Diagnostics) -> Board {
    let file = Path::new(super::FILE);
    let (raw, unknown) = match yaml::parse::<RawBoard>(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(codes::STATUS_INVALID, file, e.position, e.message).with_hint(
                    e.hint.unwrap_or_else(|| "each service is a `- ` item under `services:` with `id`, `name`, `kind`, `status` and `updated`".to_string()),
                ),
            );
            return empty(file);
        }
    };
    for key in &unknown {
        let known = known_fields(key.parent_key());
        diagnostics.push(
            Diagnostic::error(
                codes::STATUS_UNKNOWN_FIELD,
                file,
                key.position,
                format!("unknown status-board key `{}`", key.dotted()),
            )
            .with_hint(
                suggest::did_you_mean(key.name(), known.iter().copied())
                    .unwrap_or_else(|| format!("the keys a service takes are {}", list(known))),
            ),
        );
    }
    let mut checker = Checker {
        config,
        text,
        file,
        diagnostics,
    };
    let intro = raw
        .intro
        .and_then(|t| checker.text(t, &[Segment::Key("intro".into())]));
    let mut ids = BTreeSet::new();
    let services = raw
        .services
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| checker.service(i, s, &mut ids))
        .collect();
    Board {
        file: file.to_path_buf(),
        intro,
        services,
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A service's required values, each `None` when missing or wrong.
struct Required {
    id: Option<String>,
    name: Option<Text>,
    kind: Option<Kind>,
    status: Option<super::Status>,
    updated: Option<Instant>,
}

struct Checker<'a> {
    config: &'a Config,
    text: &'a str,
    file: &'a Path,
    diagnostics: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn path(i: usize, key: &str) -> Vec<Segment> {
        vec![
            Segment::Key("services".into()),
            Segment::Index(i),
            Segment::Key(key.into()),
        ]
    }

    /// Where a value is written (the key's position when the value cannot be found).
    fn value_position(&self, path: &[Segment]) -> Position {
        let Some(key) = yaml::locate(self.text, path) else {
            return Position::start();
        };
        let line = self.text.lines().nth(key.line - 1).unwrap_or("");
        let after_key: String = line.chars().skip(key.column - 1 + key.length).collect();
        let value = after_key.trim_start_matches([':', ' ']);
        let value = value.split(" #").next().unwrap_or(value).trim_end();
        let value = value.trim_end_matches([',', '}']).trim_end();
        if value.is_empty() {
            return key;
        }
        let column = key.column
            + key.length
            + (after_key.chars().count()
                - after_key.trim_start_matches([':', ' ']).chars().count());
        Position::new(key.line, column, value.chars().count())
    }

    /// Where service `i` starts: its first key written.
    fn service_position(&self, i: usize) -> Position {
        for key in ["id", "name", "kind", "status", "updated"] {
            if let Some(p) = yaml::locate(self.text, &Self::path(i, key)) {
                return p;
            }
        }
        yaml::locate(self.text, &[Segment::Key("services".into())]).unwrap_or_else(Position::start)
    }

    fn error(&mut self, position: Position, message: String, hint: Option<String>) {
        self.diagnostics.push(
            Diagnostic::error(codes::STATUS_INVALID, self.file, position, message).maybe_hint(hint),
        );
    }

    fn service(
        &mut self,
        i: usize,
        mut raw: RawService,
        ids: &mut BTreeSet<String>,
    ) -> Option<Service> {
        let required = self.required(i, &mut raw);
        let wait_minutes = raw
            .wait_minutes
            .as_ref()
            .and_then(|w| self.wait_minutes(i, w));
        let id = self.unique_id(i, required.id?, ids)?;
        let note = raw.note.and_then(|t| self.text(t, &Self::path(i, "note")));
        let hours = raw
            .hours
            .and_then(|t| self.text(t, &Self::path(i, "hours")));
        let address = raw
            .address
            .and_then(|t| self.text(t, &Self::path(i, "address")));
        Some(Service {
            id,
            name: required.name?,
            kind: required.kind?,
            status: required.status?,
            wait_minutes,
            note,
            hours,
            address,
            phone: raw
                .phone
                .map(|p| p.0.trim().to_string())
                .filter(|p| !p.is_empty()),
            updated: required.updated?,
            updated_at: self.value_position(&Self::path(i, "updated")),
        })
    }

    /// The keys every service needs (taken out of `raw`), checked; the
    /// missing ones are reported together, at the service.
    fn required(&mut self, i: usize, raw: &mut RawService) -> Required {
        let at = self.service_position(i);
        let number = i + 1;
        let mut missing = Vec::new();
        let id = raw
            .id
            .take()
            .map(|s| s.0.trim().to_string())
            .filter(|s| !s.is_empty());
        if id.is_none() {
            missing.push("id");
        }
        let name = raw
            .name
            .take()
            .and_then(|t| self.text(t, &Self::path(i, "name")));
        if name.is_none() {
            missing.push("name");
        }
        let kind = raw
            .kind
            .as_ref()
            .and_then(|k| self.pick(i, "kind", &k.0, &Kind::NAMES, &Kind::ALL));
        if raw.kind.is_none() {
            missing.push("kind");
        }
        let status = raw.status.as_ref().and_then(|s| {
            self.pick(
                i,
                "status",
                &s.0,
                &super::Status::NAMES,
                &super::Status::ALL,
            )
        });
        if raw.status.is_none() {
            missing.push("status");
        }
        let updated = raw.updated.as_ref().and_then(|u| self.updated(i, u));
        if raw.updated.is_none() {
            missing.push("updated");
        }
        if !missing.is_empty() {
            self.error(
                at,
                format!("service {number} has no {}", list(&missing)),
                Some("every service needs `id`, `name`, `kind`, `status` and `updated`".into()),
            );
        }
        Required {
            id,
            name,
            kind,
            status,
            updated,
        }
    }

    /// When service `i`'s status was last confirmed, in the site's time zone.
    fn updated(&mut self, i: usize, u: &Scalar) -> Option<Instant> {
        match self.config.timezone.parse_time(&u.0) {
            Ok(time) => Some(time),
            Err(message) => {
                let position = self.value_position(&Self::path(i, "updated"));
                self.error(
                    position,
                    format!("service {}'s `updated`: {message}", i + 1),
                    Some("write when the status was last confirmed, e.g. `updated: 2026-06-01 14:30`".into()),
                );
                None
            }
        }
    }

    fn wait_minutes(&mut self, i: usize, w: &Scalar) -> Option<u32> {
        match w.0.trim().parse::<u32>() {
            Ok(minutes) => Some(minutes),
            Err(_) => {
                let position = self.value_position(&Self::path(i, "wait_minutes"));
                self.error(
                    position,
                    format!("service {}'s `wait_minutes` is `{}`, not a whole number of minutes", i + 1, w.0.trim()),
                    Some("write the wait in minutes, e.g. `wait_minutes: 90`; put anything else in `note`".into()),
                );
                None
            }
        }
    }

    /// The id, when it is well formed and no earlier service has it.
    fn unique_id(&mut self, i: usize, id: String, ids: &mut BTreeSet<String>) -> Option<String> {
        if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            let position = self.value_position(&Self::path(i, "id"));
            let suggestion = crate::slug::slugify(&id);
            self.error(
                position,
                format!("the service id `{id}` may only use lowercase letters, digits and `-`"),
                (!suggestion.is_empty()).then(|| format!("did you mean `{suggestion}`?")),
            );
            return None;
        }
        if !ids.insert(id.clone()) {
            let position = self.value_position(&Self::path(i, "id"));
            self.error(
                position,
                format!("two services have the id `{id}`"),
                Some(
                    "give each service its own id: it is the service's key in /status.json".into(),
                ),
            );
            return None;
        }
        Some(id)
    }

    fn pick<T: Copy>(
        &mut self,
        i: usize,
        key: &str,
        text: &str,
        names: &[&str],
        values: &[T],
    ) -> Option<T> {
        let found = choice(text, names, values);
        if found.is_none() {
            let position = self.value_position(&Self::path(i, key));
            let hint = suggest::did_you_mean(text.trim(), names.iter().copied())
                .unwrap_or_else(|| format!("write one of {}", list(names)));
            self.error(
                position,
                format!(
                    "service {}'s `{key}` is `{}`, which is not one of {}",
                    i + 1,
                    text.trim(),
                    list(names)
                ),
                Some(hint),
            );
        }
        found
    }

    /// A text: one for all languages, or one per site language.
    fn text(&mut self, raw: RawText, path: &[Segment]) -> Option<Text> {
        match raw {
            RawText::One(text) => {
                let text = text.0.trim().to_string();
                (!text.is_empty()).then_some(Text::One(text))
            }
            RawText::PerLanguage(map) => {
                let known: Vec<&str> = self
                    .config
                    .languages
                    .iter()
                    .map(|l| l.code.as_str())
                    .collect();
                let mut out = BTreeMap::new();
                for (language, text) in map {
                    if !known.contains(&language.as_str()) {
                        let mut at = path.to_vec();
                        at.push(Segment::Key(language.clone()));
                        let position = yaml::locate(self.text, &at).unwrap_or_else(Position::start);
                        let hint = suggest::did_you_mean(&language, known.iter().copied())
                            .unwrap_or_else(|| {
                                format!("the site's languages are {}", list(&known))
                            });
                        self.error(
                            position,
                            format!(
                                "`{language}` in `{}` is not a language of the site",
                                yaml::dotted(path)
                            ),
                            Some(hint),
                        );
                        continue;
                    }
                    let text = text.0.trim().to_string();
                    if !text.is_empty() {
                        out.insert(language, text);
                    }
                }
                (!out.is_empty()).then_some(Text::PerLanguage(out))
            }
        }
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
