//! The front-matter fields of a page: as written (every field optional)
//! and as checked ([`FrontMatter`]), and the names each mapping allows.

use super::{Alert, Audience, Author, Citation, RawAlert, RawReviewer, Reviewer, Scalar};
use crate::dates::Date;
use crate::diagnostics::suggest;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Front matter exactly as written (every field optional, checked later).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub(super) struct RawFrontMatter {
    pub(super) title: Option<String>,
    pub(super) summary: Option<String>,
    pub(super) date: Option<Scalar>,
    pub(super) updated: Option<Scalar>,
    pub(super) slug: Option<String>,
    pub(super) translation_key: Option<String>,
    pub(super) draft: bool,
    pub(super) tags: Vec<String>,
    pub(super) audience: Option<String>,
    pub(super) image: Option<String>,
    pub(super) image_alt: Option<String>,
    pub(super) hashtags: Vec<String>,
    pub(super) authors: Vec<Author>,
    pub(super) reviewers: Vec<RawReviewer>,
    pub(super) next_review: Option<Scalar>,
    pub(super) citations: Vec<Citation>,
    pub(super) aliases: Vec<String>,
    pub(super) extra: BTreeMap<String, serde_json::Value>,
    pub(super) alert: Option<RawAlert>,
    pub(super) weight: Option<i64>,
    pub(super) search: Option<bool>,
    pub(super) redirect_from: Vec<String>,
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

/// Names allowed inside each mapping of the front matter.
pub(super) fn known_fields(parent: &str) -> &'static [&'static str] {
    match parent {
        "" => suggest::fields_of::<RawFrontMatter>(),
        "authors" => suggest::fields_of::<Author>(),
        "reviewers" => suggest::fields_of::<RawReviewer>(),
        "citations" => suggest::fields_of::<Citation>(),
        "alert" => suggest::fields_of::<RawAlert>(),
        _ => &[],
    }
}
