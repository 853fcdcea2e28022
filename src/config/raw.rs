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

/// The whole of site.yaml as written. Its doc comments (and those of the
/// settings types) are the descriptions editors show (`crate::schema`).
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
#[schemars(extend("required" = ["title", "base_url"]))]
pub(super) struct RawConfig {
    /// The site's name.
    pub(super) title: Option<String>,
    /// What the site is about (link previews of pages without a summary),
    /// one text or one per language code.
    pub(super) description: Option<crate::localized::Localized>,
    /// Where the site is published, e.g. `https://health.example.org`.
    pub(super) base_url: Option<String>,
    /// The language of the site's main pages, one of `languages`.
    pub(super) default_language: Option<String>,
    /// The site's languages: code (`en`, `es`, `zh-Hans`) → name, title and direction.
    pub(super) languages: IndexMap<String, RawLanguage>,
    /// The theme, a folder under `themes/` (default: `default`).
    pub(super) theme: Option<String>,
    /// Publish the default language at the site's root instead of under its code.
    pub(super) default_language_at_root: bool,
    /// Medical review rules.
    pub(super) review: ReviewConfig,
    /// Reading-grade targets.
    pub(super) readability: ReadabilityConfig,
    /// Atom, RSS and JSON feeds.
    pub(super) feeds: Option<FeedsConfig>,
    /// Share links, hashtags and share cards.
    pub(super) social: SocialConfig,
    /// What Markdown may contain.
    pub(super) markdown: MarkdownConfig,
    /// Personal data checks and image metadata.
    pub(super) privacy: PrivacyConfig,
    /// Security headers and allowed link schemes.
    pub(super) security: SecurityConfig,
    /// Common Alerting Protocol output.
    pub(super) alerts: AlertsConfig,
    /// The site's time zone, an IANA name such as `America/New_York` (default UTC).
    pub(super) timezone: Option<String>,
    /// The status board.
    pub(super) status: RawStatusConfig,
    /// The emergency number pages show.
    pub(super) emergency: EmergencyConfig,
    /// How to contact the site's team: a web address, e-mail or phone link.
    pub(super) contact: Option<crate::localized::Localized>,
    /// Who funds the site.
    pub(super) funding: Option<crate::localized::Localized>,
    /// The privacy policy's address.
    pub(super) privacy_policy: Option<crate::localized::Localized>,
    /// The accessibility statement's address.
    pub(super) accessibility_statement: Option<crate::localized::Localized>,
    /// The editorial report.
    pub(super) report: ReportConfig,
    /// The "On this page" list.
    pub(super) contents: ContentsConfig,
    /// Related articles.
    pub(super) related: RelatedConfig,
    /// A tag's name in each language: tag → language code → name.
    pub(super) tags: super::tags::RawTags,
    /// Responsive copies of images.
    pub(super) images: ImagesConfig,
    /// Articles per list page.
    pub(super) paginate_by: Option<usize>,
    /// `true`: `pamphlet new` points each new file at the editor schemas in
    /// `schemas/` (and writes them there), so editors check it as you type.
    pub(super) editor_schemas: bool,
    /// Who publishes the site (named in the language homes' structured data).
    pub(super) organization: Option<super::organization::RawOrganization>,
    /// The web editor at `/admin/` that `pamphlet cms` sets up.
    pub(super) cms: super::cms::CmsConfig,
}

/// One entry of `languages:` as written.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
pub(super) struct RawLanguage {
    /// The language's name in itself, e.g. `Español`.
    pub(super) name: Option<String>,
    /// The site's title in this language.
    pub(super) title: Option<String>,
    /// `rtl` or `ltr` (default: from the language code).
    pub(super) direction: Option<Direction>,
}

/// The editor schema of site.yaml (`pamphlet schema site`).
pub fn schema(generator: schemars::SchemaGenerator) -> schemars::Schema {
    generator.into_root_schema_for::<RawConfig>()
}

/// The names allowed in site.yaml at the top (`""`) or in a section.
pub fn known_fields(parent: &str) -> &'static [&'static str] {
    known_keys(parent, 1)
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
        "cms" => suggest::fields_of::<super::cms::CmsConfig>(),
        _ if depth == 3 => suggest::fields_of::<RawLanguage>(),
        _ => &[],
    }
}
