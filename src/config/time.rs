//! `timezone:` and `status:`: the zone times are shown and read in, and
//! when the status board counts as stale.

use super::FILE_NAME;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use serde::Deserialize;
use std::path::Path;

/// `status:` settings (the service status board, `data/status.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusConfig {
    /// `check` warns about a service whose `updated` time is older than
    /// this, relative to the build time; `None` (`stale_after: off`) never.
    pub stale_after: Option<jiff::SignedDuration>,
    /// Show the compact status strip on each language's home page.
    pub strip: bool,
}

impl Default for StatusConfig {
    fn default() -> Self {
        StatusConfig {
            stale_after: Some(jiff::SignedDuration::from_hours(6)),
            strip: false,
        }
    }
}

/// `status:` as written: `stale_after` is text (`6h`, `90m`, `off`).
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
pub(super) struct RawStatusConfig {
    pub(super) stale_after: Option<crate::yaml::Scalar>,
    pub(super) strip: bool,
}

/// Reads `status.stale_after`: a duration in hours and minutes (`6h`,
/// `90m`, `1h30m`, `48h`), or `off`.
fn stale_after(text: &str) -> Result<Option<jiff::SignedDuration>, String> {
    let text = text.trim();
    if matches!(
        text.to_ascii_lowercase().as_str(),
        "off" | "false" | "never"
    ) {
        return Ok(None);
    }
    match text.parse::<jiff::SignedDuration>() {
        Ok(d) if d.is_positive() => Ok(Some(d)),
        _ => Err(format!(
            "`{text}` is not a time limit like `6h`, `90m` or `1h30m` (or `off`)"
        )),
    }
}

/// `timezone:` as a zone (UTC when not set); an unknown name is an error
/// with the nearest known name as a hint.
pub(super) fn timezone(
    name: Option<&str>,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> crate::zone::SiteZone {
    let file = Path::new(FILE_NAME);
    match name {
        None => crate::zone::SiteZone::default(),
        Some(name) => crate::zone::SiteZone::named(name).unwrap_or_else(|unknown| {
            let hint = match unknown.suggestion {
                Some(name) => format!("did you mean `{name}`?"),
                None => {
                    "write a name such as `America/New_York`, `Europe/Madrid` or `UTC`".to_string()
                }
            };
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    locate(&["timezone"]),
                    unknown.message,
                )
                .with_hint(hint),
            );
            crate::zone::SiteZone::default()
        }),
    }
}

/// `status:` with `stale_after` read as a duration; one that cannot be
/// read is an error.
pub(super) fn status(
    raw: &RawStatusConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> StatusConfig {
    let file = Path::new(FILE_NAME);
    StatusConfig {
        stale_after: match &raw.stale_after {
            None => StatusConfig::default().stale_after,
            Some(text) => stale_after(&text.0).unwrap_or_else(|message| {
                diagnostics.push(
                    Diagnostic::error(
                        codes::CONFIG_INVALID_VALUE,
                        file,
                        locate(&["status", "stale_after"]),
                        format!("`status.stale_after`: {message}"),
                    )
                    .with_hint("write hours and minutes, e.g. `stale_after: 6h`"),
                );
                None
            }),
        },
        strip: raw.strip,
    }
}
