//! Citations as front matter writes them. Nothing here checks them: the
//! citations stage does, once it knows which ones the text cites.

use crate::yaml::Scalar;
use crate::yaml::shapes;
use schemars::JsonSchema;
use serde::Deserialize;

/// A source an article cites, as written (checked by the citations stage).
#[derive(Debug, Clone, Deserialize, Default, PartialEq, JsonSchema)]
#[serde(default)]
#[schemars(extend("required" = ["id"]))]
pub struct Citation {
    /// The name the text cites it by, as `[@id]`, e.g. `whelton2018`.
    pub id: String,
    /// The source's authors, e.g. `[Whelton PK, Carey RM]`.
    pub authors: Vec<String>,
    /// The title of the article, book or page.
    pub title: Option<String>,
    /// The journal, publisher or website.
    pub container: Option<String>,
    /// The year it was published.
    pub year: Option<Scalar>,
    /// The journal volume.
    pub volume: Option<Scalar>,
    /// The journal issue.
    pub issue: Option<Scalar>,
    /// The pages, e.g. `e13-e115`.
    pub pages: Option<Scalar>,
    /// The Digital Object Identifier, e.g. `10.1161/HYP.0000000000000065`.
    pub doi: Option<String>,
    /// The PubMed identifier.
    pub pmid: Option<Scalar>,
    /// Where to read it online.
    pub url: Option<String>,
    /// The day the web page was read, year-month-day.
    #[schemars(schema_with = "shapes::date")]
    pub accessed: Option<Scalar>,
}
