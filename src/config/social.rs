//! `social:`: share links, their campaign tags, share cards and the social kit.

use serde::Deserialize;
use std::path::PathBuf;

/// `social:` settings.
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
pub struct SocialConfig {
    pub twitter_site: Option<String>,
    pub default_hashtags: Vec<String>,
    /// Campaign tags added to shared links; none unless this is set.
    pub utm: Option<UtmConfig>,
    pub share_images: ShareImagesConfig,
    /// Newest articles per language in the social kit (`social/<lang>.json`
    /// and `.csv`); `0` for all. Default [`SocialConfig::KIT_LIMIT`].
    pub kit_limit: Option<usize>,
}

impl SocialConfig {
    /// The kit's default length: what a social-media team posts from is
    /// the newest articles; listing ten thousand made the kit a sixth of a
    /// large site's bytes.
    pub const KIT_LIMIT: usize = 100;

    /// How many articles the kit lists per language.
    pub fn kit_articles(&self) -> usize {
        match self.kit_limit {
            None => Self::KIT_LIMIT,
            Some(0) => usize::MAX,
            Some(n) => n,
        }
    }
}

/// `social.utm:`: tracking parameters for links people share. Only
/// written into links when the site configures them.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(default)]
pub struct UtmConfig {
    /// `utm_source`; default: the platform (`whatsapp`, `facebook`, `x` ...).
    pub source: Option<String>,
    /// `utm_medium`.
    pub medium: String,
    /// `utm_campaign`; left out when not set.
    pub campaign: Option<String>,
}

impl Default for UtmConfig {
    fn default() -> Self {
        UtmConfig {
            source: None,
            medium: "social".to_string(),
            campaign: None,
        }
    }
}

/// `social.share_images:`: the generated 1200×630 share cards.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(default)]
pub struct ShareImagesConfig {
    /// Generate cards at all (`false`: pages fall back to their own `image`).
    pub generate: bool,
    /// A page with its own `image` uses it (cropped to 1200×630) as its card.
    pub page_images: bool,
    /// Cache folder, relative to the site root; must be outside the output.
    pub cache: PathBuf,
    /// Logo drawn on every card (SVG, PNG or JPEG), relative to the site root.
    pub logo: Option<PathBuf>,
}

impl Default for ShareImagesConfig {
    fn default() -> Self {
        ShareImagesConfig {
            generate: true,
            page_images: true,
            cache: PathBuf::from(".pamphlet-cache/share"),
            logo: None,
        }
    }
}
