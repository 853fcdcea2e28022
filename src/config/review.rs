//! `review:` and `readability:`: how often articles are reviewed and how
//! hard they may be to read.

use super::FILE_NAME;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use serde::Deserialize;
use std::path::Path;

/// `review:` settings.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct ReviewConfig {
    /// An article without a reviewer is an error.
    pub require_reviewer: bool,
    /// `next_review` defaults to the latest review plus this many months.
    pub interval_months: u32,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            require_reviewer: false,
            interval_months: 12,
        }
    }
}

/// `readability:` settings.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
pub struct ReadabilityConfig {
    /// Highest acceptable reading grade; `None` means unchecked.
    pub max_grade: Option<MaxGrade>,
}

/// `readability.max_grade`: one number for every article, or one per
/// `audience` (`patients`, `caregivers`, `clinicians`, `public`, and
/// `default` for articles without an audience). An audience left out, or
/// set to null, is not checked.
#[derive(Debug, Clone, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(untagged)]
pub enum MaxGrade {
    All(f64),
    PerAudience(std::collections::BTreeMap<String, Option<f64>>),
}

impl ReadabilityConfig {
    /// The target grade for an audience, if it is checked.
    pub fn max_grade_for(&self, audience: Option<&str>) -> Option<f64> {
        match self.max_grade.as_ref()? {
            MaxGrade::All(grade) => Some(*grade),
            MaxGrade::PerAudience(map) => map.get(audience.unwrap_or("default")).copied().flatten(),
        }
    }
}

/// A review interval of zero months would make every article overdue.
pub(super) fn check_interval(
    review: &ReviewConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) {
    let file = Path::new(FILE_NAME);
    if review.interval_months == 0 {
        diagnostics.push(Diagnostic::error(
            codes::CONFIG_INVALID_VALUE,
            file,
            locate(&["review", "interval_months"]),
            "`review.interval_months` must be at least 1",
        ));
    }
}
