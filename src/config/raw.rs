//! site.yaml as written: the serde shapes it is read into, and the reading
//! itself, where every unknown key becomes an error with a "did you mean".

use super::FILE_NAME;
use super::direction::Direction;
use super::disclaimer::EmergencyConfig;
use super::feeds::{AlertsConfig, FeedsConfig, RawFeedsMap};
use super::images::ImagesConfig;
use super::reading::{ContentsConfig, RelatedConfig};
use super::report::ReportConfig;
use super::review::{ReadabilityConfig, ReviewConfig};
use super::security::{MarkdownConfig, PrivacyConfig, SecurityConfig};
use super::social::{ShareImagesConfig, SocialConfig, UtmConfig};
use super::time::RawStatusConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, codes, suggest};
use crate::yaml;
use indexmap::IndexMap;
use serde::Deserialize;
use std::path::Path;

/// The whole of site.yaml as written.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub(super) struct RawConfig {
    pub(super) title: Option<String>,
    pub(super) description: Option<crate::localized::Localized>,
    pub(super) base_url: Option<String>,
    pub(super) default_language: Option<String>,
    pub(super) languages: IndexMap<String, RawLanguage>,
    pub(super) theme: Option<String>,
    pub(super) default_language_at_root: bool,
    pub(super) review: ReviewConfig,
    pub(super) readability: ReadabilityConfig,
    pub(super) feeds: Option<FeedsConfig>,
    pub(super) social: SocialConfig,
    pub(super) markdown: MarkdownConfig,
    pub(super) privacy: PrivacyConfig,
    pub(super) security: SecurityConfig,
    pub(super) alerts: AlertsConfig,
    pub(super) timezone: Option<String>,
    pub(super) status: RawStatusConfig,
    pub(super) emergency: EmergencyConfig,
    pub(super) contact: Option<crate::localized::Localized>,
    pub(super) funding: Option<crate::localized::Localized>,
    pub(super) privacy_policy: Option<crate::localized::Localized>,
    pub(super) accessibility_statement: Option<crate::localized::Localized>,
    pub(super) report: ReportConfig,
    pub(super) contents: ContentsConfig,
    pub(super) related: RelatedConfig,
    pub(super) tags: super::tags::RawTags,
    pub(super) images: ImagesConfig,
    pub(super) paginate_by: Option<usize>,
    pub(super) organization: Option<super::organization::RawOrganization>,
}

/// One entry of `languages:` as written.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub(super) struct RawLanguage {
    pub(super) name: Option<String>,
    pub(super) title: Option<String>,
    pub(super) direction: Option<Direction>,
}

/// Reads site.yaml's text into its raw shape, reporting bidi controls,
/// unknown keys and (returning `None`) a text that cannot be read at all.
pub(super) fn read(text: &str, diagnostics: &mut Diagnostics) -> Option<RawConfig> {
    let file = Path::new(FILE_NAME);
    let mut controls = Vec::new();
    crate::bidi_controls::report(text, 1, file, &mut controls);
    diagnostics.extend(controls);
    let (raw, unknown) = match yaml::parse::<RawConfig>(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            let code = if e.is_syntax {
                codes::CONFIG_SYNTAX
            } else {
                codes::CONFIG_INVALID_VALUE
            };
            diagnostics
                .push(Diagnostic::error(code, file, e.position, e.message).maybe_hint(e.hint));
            return None;
        }
    };
    for key in &unknown {
        // Keys under `languages:` are language codes, so the unknown ones sit one level deeper.
        let known = known_keys(key.parent_key(), key.path.len());
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_UNKNOWN_KEY,
                file,
                key.position,
                format!("unknown setting `{}`", key.dotted()),
            )
            .maybe_hint(suggest::did_you_mean(key.name(), known.iter().copied())),
        );
    }
    Some(raw)
}

/// Names allowed at a place in site.yaml, for "did you mean" hints.
fn known_keys(parent: &str, depth: usize) -> &'static [&'static str] {
    match parent {
        "" => suggest::fields_of::<RawConfig>(),
        "review" => suggest::fields_of::<ReviewConfig>(),
        "readability" => suggest::fields_of::<ReadabilityConfig>(),
        "social" => suggest::fields_of::<SocialConfig>(),
        "markdown" => suggest::fields_of::<MarkdownConfig>(),
        "privacy" => suggest::fields_of::<PrivacyConfig>(),
        "security" => suggest::fields_of::<SecurityConfig>(),
        "utm" => suggest::fields_of::<UtmConfig>(),
        "share_images" => suggest::fields_of::<ShareImagesConfig>(),
        "feeds" => suggest::fields_of::<RawFeedsMap>(),
        "alerts" => suggest::fields_of::<AlertsConfig>(),
        "status" => suggest::fields_of::<RawStatusConfig>(),
        "emergency" => suggest::fields_of::<EmergencyConfig>(),
        "contents" => suggest::fields_of::<ContentsConfig>(),
        "related" => suggest::fields_of::<RelatedConfig>(),
        "images" => suggest::fields_of::<ImagesConfig>(),
        "organization" => suggest::fields_of::<super::organization::RawOrganization>(),
        _ if depth == 3 => suggest::fields_of::<RawLanguage>(),
        _ => &[],
    }
}
