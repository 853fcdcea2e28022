//! Alerts: time-limited public notices, with their severity and the CAP
//! urgency and certainty words.

use crate::dates::Instant;
use crate::yaml::Scalar;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default)]
pub(super) struct RawAlert {
    pub(super) severity: Option<String>,
    pub(super) expires: Option<Scalar>,
    pub(super) area: Option<String>,
    pub(super) urgency: Option<String>,
    pub(super) certainty: Option<String>,
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
