//! `organization:`: who publishes the site, named in the JSON-LD of the
//! language homes (`structured_data`): its schema.org type, name and address.

use super::FILE_NAME;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use std::path::Path;

/// The kinds of publisher `organization.type:` may name: schema.org's own
/// type names, so what an author reads there is what search engines see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub(super) struct RawOrganization {
    /// The kind of publisher, as schema.org names it.
    #[serde(rename = "type")]
    pub(super) kind: OrganizationType,
    /// Its name, one or one per language code (default: the site's title).
    pub(super) name: Option<crate::localized::Localized>,
    /// Its own website.
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
