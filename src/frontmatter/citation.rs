//! Citations as front matter writes them. Nothing here checks them: the
//! citations stage does, once it knows which ones the text cites.

use crate::yaml::Scalar;
use serde::Deserialize;

/// A source an article cites, as written (checked by the citations stage).
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default)]
pub struct Citation {
    pub id: String,
    pub authors: Vec<String>,
    pub title: Option<String>,
    pub container: Option<String>,
    pub year: Option<Scalar>,
    pub volume: Option<Scalar>,
    pub issue: Option<Scalar>,
    pub pages: Option<Scalar>,
    pub doi: Option<String>,
    pub pmid: Option<Scalar>,
    pub url: Option<String>,
    pub accessed: Option<Scalar>,
}
