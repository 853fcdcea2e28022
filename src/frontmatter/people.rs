//! The people an article names: its authors and its medical reviewers,
//! as written and (for reviewers) with the review date checked.

use crate::dates::Date;
use crate::yaml::Scalar;
use crate::yaml::shapes;
use schemars::JsonSchema;
use serde::Deserialize;

/// A person who wrote an article.
#[derive(Debug, Clone, Deserialize, serde::Serialize, Default, PartialEq, JsonSchema)]
#[serde(default)]
pub struct Author {
    /// Their full name.
    pub name: String,
    /// Their credentials, e.g. `RN`.
    pub credentials: Option<String>,
    /// A profile in `data/people/<id>.yaml`, which fills in what is left
    /// out here.
    pub id: Option<String>,
}

/// A person who medically reviewed an article, as written.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, JsonSchema)]
#[serde(default)]
#[schemars(extend("anyOf" = [{ "required": ["name"] }, { "required": ["id"] }]))]
pub struct RawReviewer {
    /// Their full name (or give `id`).
    pub name: String,
    /// Their credentials, e.g. `MD, FACC`.
    pub credentials: Option<String>,
    /// Their role, e.g. `Cardiologist`.
    pub role: Option<String>,
    /// The day they checked the article, year-month-day.
    #[schemars(schema_with = "shapes::date")]
    pub date: Option<Scalar>,
    /// A profile in `data/people/<id>.yaml`, which fills in what is left out here.
    pub id: Option<String>,
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
