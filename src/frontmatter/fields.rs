//! The front-matter fields of a page: as written (every field optional)
//! and as checked ([`FrontMatter`]), and the names each mapping allows.

use super::{Alert, Audience, Author, Citation, RawAlert, RawReviewer, Reviewer, Scalar};
use crate::dates::Date;
use crate::diagnostics::suggest;
use crate::yaml::shapes;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Front matter exactly as written (every field optional, checked later).
/// Its doc comments are the descriptions editors show (`crate::schema`),
/// so they speak to authors.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(default)]
#[schemars(extend("required" = ["title"], "dependentRequired" = { "image": ["image_alt"] }))]
pub(super) struct RawFrontMatter {
    /// The page's title.
    pub(super) title: Option<String>,
    /// One or two plain sentences saying what the page is about (required on
    /// articles; lists and share cards show at most 200 characters).
    #[schemars(length(max = super::SUMMARY_MAX_CHARS))]
    pub(super) summary: Option<String>,
    /// The day the article was first published, year-month-day (a
    /// translation takes its source's).
    #[schemars(schema_with = "shapes::date")]
    pub(super) date: Option<Scalar>,
    /// The day the content last changed, year-month-day.
    #[schemars(schema_with = "shapes::date")]
    pub(super) updated: Option<Scalar>,
    /// The last part of the page's address (default: the file name).
    pub(super) slug: Option<String>,
    /// Links translations whose file names differ.
    pub(super) translation_key: Option<String>,
    /// `true` keeps the page out of the site unless it is built with `--drafts`.
    pub(super) draft: bool,
    /// Topics readers browse by, e.g. `[heart, blood-pressure]`.
    #[schemars(length(max = super::MAX_TAGS))]
    pub(super) tags: Vec<String>,
    /// Who the article is written for.
    #[schemars(schema_with = "super::audience::schema")]
    pub(super) audience: Option<String>,
    /// Cover and share image: a path relative to this file, or starting with
    /// `/` for a file in `static/`.
    pub(super) image: Option<String>,
    /// What the image shows, for people who cannot see it (required with `image`).
    pub(super) image_alt: Option<String>,
    /// Hashtags for share links, without `#`.
    pub(super) hashtags: Vec<String>,
    /// Who wrote the article.
    pub(super) authors: Vec<Author>,
    /// The clinicians who checked the article medically, and when.
    pub(super) reviewers: Vec<RawReviewer>,
    /// When the next medical review is due (default: the last review plus
    /// site.yaml's `review.interval_months`).
    #[schemars(schema_with = "shapes::date")]
    pub(super) next_review: Option<Scalar>,
    /// The sources the text cites as `[@id]`.
    pub(super) citations: Vec<Citation>,
    /// Other names for the topic, for the A–Z index and search.
    pub(super) aliases: Vec<String>,
    /// Free-form data for templates.
    pub(super) extra: BTreeMap<String, serde_json::Value>,
    /// Makes the page an alert (pages under `alerts/`).
    pub(super) alert: Option<RawAlert>,
    /// Sort order among siblings (lower first).
    pub(super) weight: Option<i64>,
    /// `false` leaves the page out of site search and the A–Z index.
    pub(super) search: Option<bool>,
    /// Addresses the page was published at before it moved, e.g. `[en/old-address/]`.
    pub(super) redirect_from: Vec<String>,
    /// `true` or `false` shows or hides the "On this page" list.
    pub(super) toc: Option<bool>,
}

/// An article's cover image as written in front matter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CoverImage {
    /// Path relative to the Markdown file, or starting with `/` for `static/`.
    pub src: String,
    pub alt: String,
    /// The language `alt` is written in when it is not the page's own: a
    /// translation that inherits the image without writing `image_alt`.
    pub alt_language: Option<String>,
    /// True when the image comes from the translation's source (whose own
    /// checks report a missing file).
    pub inherited: bool,
}

/// Checked front matter. Fields a translation may inherit from its source
/// stay `Option`/empty when not written, so inheritance can tell them apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub slug: Option<String>,
    pub translation_key: Option<String>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub audience: Option<Audience>,
    pub image: Option<CoverImage>,
    /// `image_alt` as written (also in `image.alt`). A translation may write
    /// only this, to describe in its language the image it inherits.
    pub image_alt: Option<String>,
    pub hashtags: Vec<String>,
    pub authors: Vec<Author>,
    pub reviewers: Vec<Reviewer>,
    pub next_review: Option<Date>,
    pub citations: Vec<Citation>,
    pub aliases: Vec<String>,
    pub extra: BTreeMap<String, serde_json::Value>,
    pub alert: Option<Alert>,
    /// Sort order among siblings (lower first); sections and pages.
    pub weight: Option<i64>,
    /// `search: false` leaves the page out of site search and the A–Z index
    /// (unset means listed).
    pub search: Option<bool>,
    /// Addresses the page was published at before it moved (site-relative
    /// paths as written; `site::redirects` checks them and writes a
    /// redirect at each).
    pub redirect_from: Vec<String>,
    /// `toc: true` or `false` shows or hides the "On this page" list
    /// whatever the number of headings (unset: `contents.min_headings` decides).
    pub toc: Option<bool>,
}

impl FrontMatter {
    /// Whether the author let the page be found through search and the A–Z index.
    pub fn searchable(&self) -> bool {
        self.search != Some(false)
    }
}

/// Every top-level front-matter field name, as authors write them.
pub fn field_names() -> &'static [&'static str] {
    suggest::fields_of::<RawFrontMatter>()
}

/// The editor schema of front matter as written (`pamphlet schema front-matter`).
pub fn schema(generator: schemars::SchemaGenerator) -> schemars::Schema {
    generator.into_root_schema_for::<RawFrontMatter>()
}

/// Names allowed inside each mapping of the front matter.
pub fn known_fields(parent: &str) -> &'static [&'static str] {
    match parent {
        "" => suggest::fields_of::<RawFrontMatter>(),
        "authors" => suggest::fields_of::<Author>(),
        "reviewers" => suggest::fields_of::<RawReviewer>(),
        "citations" => suggest::fields_of::<Citation>(),
        "alert" => suggest::fields_of::<RawAlert>(),
        _ => &[],
    }
}
