//! The JSON Schema shapes of values Pamphlet's readers keep as text
//! (a [`Scalar`], a date, a moment, a choice among names), for the editor
//! schemas the readers' own serde types derive (`crate::schema`).
//!
//! The readers accept these values as any YAML scalar and check them in
//! plain words afterwards; the schema tells an editor the form the check
//! wants, so both describe one rule.

use super::Scalar;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;

impl JsonSchema for Scalar {
    fn schema_name() -> Cow<'static, str> {
        "Scalar".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "number", "boolean"],
        })
    }
}

/// The pattern a date must have (`Date::parse` then checks it is a real day).
pub(crate) const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// A calendar date written year-month-day (`2026-03-01`).
pub(crate) fn date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date",
        "pattern": DATE_PATTERN,
    })
}

/// A moment with its offset (`2026-12-01T00:00:00Z`), as `Instant::parse` reads it.
pub(crate) fn instant(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date-time",
    })
}

/// The start of a moment written with or without its offset.
pub(crate) const LOCAL_TIME_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}";

/// A moment that may leave out its offset (`2026-06-01 14:30`, read in the
/// site's time zone) or give one (`2026-06-01T14:30:00-04:00`).
pub(crate) fn local_time(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": LOCAL_TIME_PATTERN,
    })
}

/// One of `names` (the list the checker itself offers in its hints).
pub(crate) fn choice(names: &[&str]) -> Schema {
    json_schema!({
        "type": "string",
        "enum": names,
    })
}

/// A scalar written once for every language or once per language code
/// (the status board's texts).
pub(crate) fn per_language(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": ["string", "number", "boolean"] },
            {
                "type": "object",
                "description": "one text per language code, e.g. `{ en: Open, es: Abierto }`",
                "additionalProperties": { "type": ["string", "number", "boolean"] },
            },
        ],
    })
}
