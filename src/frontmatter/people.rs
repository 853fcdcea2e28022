//! The people an article names: its authors and its medical reviewers,
//! as written and (for reviewers) with the review date checked.

use crate::dates::Date;
use crate::yaml::Scalar;
use serde::Deserialize;

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
