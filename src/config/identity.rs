//! `title:` and `base_url:`: what the site is called and where it is published.

use super::FILE_NAME;
use super::raw::RawConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use std::path::Path;

/// The site's title; an empty one is an error.
pub(super) fn title(
    raw: &RawConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> String {
    let file = Path::new(FILE_NAME);
    let title = raw.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                file,
                locate(&["title"]),
                "the site needs a `title`",
            )
            .with_hint("add a line like `title: Riverside Community Health`"),
        );
    }
    title
}

/// The base URL; a missing or unusable one is an error (`Err(())`, the
/// problem is in `diagnostics`).
pub(super) fn base_url(
    raw: &RawConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> Result<url::Url, ()> {
    let file = Path::new(FILE_NAME);
    match raw.base_url.as_deref() {
        Some(text_url) => parse_base_url(text_url).map_err(|msg| {
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    locate(&["base_url"]),
                    msg,
                )
                .with_hint("write the full address, e.g. `base_url: https://health.example.org`"),
            )
        }),
        None => {
            diagnostics.push(
                Diagnostic::error(codes::CONFIG_INVALID_VALUE, file, Position::start(), "the site needs a `base_url`")
                    .with_hint("add the address the site will be published at, e.g. `base_url: https://health.example.org`"),
            );
            Err(())
        }
    }
}

pub(super) fn parse_base_url(text: &str) -> Result<url::Url, String> {
    let mut url =
        url::Url::parse(text.trim()).map_err(|_| format!("`{text}` is not a web address"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{text}` must start with https:// or http://"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

/// The kinds of publisher `organization.type:` may name: schema.org's own
/// type names, so what an author reads there is what search engines see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
pub enum OrganizationType {
    #[default]
    Organization,
    MedicalOrganization,
    GovernmentOrganization,
    #[serde(rename = "NGO")]
    Ngo,
}

impl OrganizationType {
    /// The schema.org type name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganizationType::Organization => "Organization",
            OrganizationType::MedicalOrganization => "MedicalOrganization",
            OrganizationType::GovernmentOrganization => "GovernmentOrganization",
            OrganizationType::Ngo => "NGO",
        }
    }
}

/// `organization:` as written.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct RawOrganization {
    #[serde(rename = "type")]
    pub(super) kind: OrganizationType,
    pub(super) name: Option<crate::localized::Localized>,
    pub(super) url: Option<String>,
}

/// `organization:`: who publishes the site, for the JSON-LD of the
/// language homes. Every part is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Organization {
    pub kind: OrganizationType,
    /// The name, one text or one per language; the site's title when unset.
    pub name: Option<crate::localized::Localized>,
    /// The organisation's own address; the site's address when unset.
    pub url: Option<url::Url>,
}

/// Checks `organization:` (its `type:` is checked as it is read: an unknown
/// one is reported with the allowed names).
pub(super) fn organization(
    raw: Option<RawOrganization>,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> Organization {
    let Some(raw) = raw else {
        return Organization::default();
    };
    let url = raw.url.as_deref().and_then(|text| {
        let parsed = url::Url::parse(text.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if parsed.is_none() {
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    Path::new(FILE_NAME),
                    locate(&["organization", "url"]),
                    format!("`organization.url`: `{text}` is not a web address"),
                )
                .with_hint("write the organisation's full address, e.g. `url: https://www.riverside-health.example.org`, or leave the line out to use the site's address"),
            );
        }
        parsed
    });
    Organization {
        kind: raw.kind,
        name: raw.name.filter(|n| !n.is_blank()),
        url,
    }
}
