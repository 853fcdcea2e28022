//! The status board's file, `data/status.yaml`, read into a [`Board`]:
//! the services, their status and translated texts. Read strictly
//! ([`read`]); the `status` stage shows it and checks it for staleness.

mod read;

pub(crate) use read::{known_fields, read, schema};

use crate::dates::Instant;
use crate::diagnostics::Position;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The board's file, relative to the site root.
pub(crate) const FILE: &str = "data/status.yaml";

/// What a service is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Clinic,
    EmergencyDepartment,
    VaccinationSite,
    Hotline,
}

impl Kind {
    pub const NAMES: [&'static str; 4] = [
        "clinic",
        "emergency-department",
        "vaccination-site",
        "hotline",
    ];
    const ALL: [Kind; 4] = [
        Kind::Clinic,
        Kind::EmergencyDepartment,
        Kind::VaccinationSite,
        Kind::Hotline,
    ];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Whether a service can take people now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Open,
    /// Open with restrictions: long waits, some services only, near capacity.
    Limited,
    Closed,
}

impl Status {
    pub const NAMES: [&'static str; 3] = ["open", "limited", "closed"];
    const ALL: [Status; 3] = [Status::Open, Status::Limited, Status::Closed];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Reads a choice written loosely (`Emergency department`,
/// `emergency_department`) as its canonical name.
fn choice<T: Copy>(text: &str, names: &[&str], values: &[T]) -> Option<T> {
    let normal = text.trim().to_lowercase().replace([' ', '_'], "-");
    names.iter().position(|n| *n == normal).map(|i| values[i])
}

/// A text in one or more languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// The same text in every language (a name, an address).
    One(String),
    /// Language code → text.
    PerLanguage(BTreeMap<String, String>),
}

impl Text {
    /// The text for `language`: its own, else the default language's, else
    /// the first one written.
    pub fn get(&self, language: &str, default_language: &str) -> &str {
        match self {
            Text::One(text) => text,
            Text::PerLanguage(map) => map
                .get(language)
                .or_else(|| map.get(default_language))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The language the text for `language` is written in, when it is not
    /// `language` itself (a note not translated yet): templates set `lang`.
    pub fn language_of(&self, language: &str, default_language: &str) -> Option<String> {
        match self {
            Text::One(_) => None,
            Text::PerLanguage(map) if map.contains_key(language) => None,
            Text::PerLanguage(map) if map.contains_key(default_language) => {
                Some(default_language.to_string())
            }
            Text::PerLanguage(map) => map.keys().next().cloned(),
        }
    }
}

/// One service on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Stable id (`riverside-ed`): `/status.json` key, anchor, feed entry id.
    pub id: String,
    pub name: Text,
    pub kind: Kind,
    pub status: Status,
    /// Current wait, in minutes.
    pub wait_minutes: Option<u32>,
    /// Capacity or other short note ("Walk-ins only", "Appointments full today").
    pub note: Option<Text>,
    pub hours: Option<Text>,
    pub address: Option<Text>,
    pub phone: Option<String>,
    /// When the status was last confirmed.
    pub updated: Instant,
    /// Where `updated`'s value is written (the stale warning points there).
    pub updated_at: Position,
}

/// The whole board, in the order the file lists the services.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// Relative to the site root.
    pub file: PathBuf,
    /// A short text above the table (e.g. "In an emergency call 911").
    pub intro: Option<Text>,
    pub services: Vec<Service>,
}

impl Board {
    /// The latest `updated` time of any service.
    pub fn updated(&self) -> Option<Instant> {
        self.services.iter().map(|s| s.updated).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_read_loosely() {
        assert_eq!(
            choice("Emergency department", &Kind::NAMES, &Kind::ALL),
            Some(Kind::EmergencyDepartment)
        );
        assert_eq!(
            choice("vaccination_site", &Kind::NAMES, &Kind::ALL),
            Some(Kind::VaccinationSite)
        );
        assert_eq!(
            choice(" OPEN ", &Status::NAMES, &Status::ALL),
            Some(Status::Open)
        );
        assert_eq!(choice("opne", &Status::NAMES, &Status::ALL), None);
    }

    #[test]
    fn texts_fall_back_to_the_default_language() {
        let text = Text::PerLanguage(BTreeMap::from([
            ("en".to_string(), "Open".to_string()),
            ("es".to_string(), "Abierto".to_string()),
        ]));
        assert_eq!(text.get("es", "en"), "Abierto");
        assert_eq!(text.get("ar", "en"), "Open");
        assert_eq!(text.language_of("ar", "en").as_deref(), Some("en"));
        assert_eq!(text.language_of("es", "en"), None);
    }
}
