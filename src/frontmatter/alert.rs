//! Alerts: time-limited public notices, with their severity and the CAP
//! urgency and certainty words.

use crate::dates::Instant;
use crate::yaml::Scalar;
use crate::yaml::shapes;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;

/// An alert's settings as written.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, JsonSchema)]
#[serde(default)]
pub(super) struct RawAlert {
    /// How urgent the notice is (default: info).
    #[schemars(schema_with = "severity_schema")]
    pub(super) severity: Option<String>,
    /// When the banner comes down, with its offset, e.g. `2026-12-01T00:00:00Z`.
    #[schemars(schema_with = "shapes::instant")]
    pub(super) expires: Option<Scalar>,
    /// The place the notice is for, e.g. `Riverside County`.
    pub(super) area: Option<String>,
    /// How soon people should act (Common Alerting Protocol; default from `severity`).
    #[schemars(schema_with = "urgency_schema")]
    pub(super) urgency: Option<String>,
    /// How sure the sender is (Common Alerting Protocol; default from `severity`).
    #[schemars(schema_with = "certainty_schema")]
    pub(super) certainty: Option<String>,
}

fn severity_schema(_: &mut SchemaGenerator) -> Schema {
    shapes::choice(&Severity::NAMES)
}

/// The CAP words in the lower case the docs write them in (any case is read).
fn lower_choice(names: &[&str]) -> Schema {
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    shapes::choice(&lower.iter().map(String::as_str).collect::<Vec<_>>())
}

fn urgency_schema(_: &mut SchemaGenerator) -> Schema {
    lower_choice(&Urgency::NAMES)
}

fn certainty_schema(_: &mut SchemaGenerator) -> Schema {
    lower_choice(&Certainty::NAMES)
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
    pub const NAMES: [&'static str; 3] = ["info", "warning", "urgent"];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
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
    pub(super) const ALL: [Urgency; 5] = [
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
    pub(super) const ALL: [Certainty; 5] = [
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
