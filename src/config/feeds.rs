//! `feeds:` and `alerts:`: the machine-readable streams a site publishes
//! (Atom, RSS and JSON feeds, and Common Alerting Protocol alerts).

use serde::Deserialize;

/// Feed formats a site can publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedFormat {
    Atom,
    Rss,
    Json,
}

/// `feeds:` — either a list of formats (`[atom, rss, json]`) or a mapping
/// with `formats`, `limit` and `tags`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedsConfig {
    pub formats: Vec<FeedFormat>,
    /// Newest entries per feed.
    pub limit: usize,
    /// Publish a feed per tag too.
    pub tags: bool,
    /// Tag feeds carry each article's full text (default: its title,
    /// summary and link; the language's own feed always has the full text).
    pub tag_full_text: bool,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            formats: vec![FeedFormat::Atom, FeedFormat::Rss, FeedFormat::Json],
            limit: 50,
            tags: true,
            tag_full_text: false,
        }
    }
}

/// The mapping form of `feeds:`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub(super) struct RawFeedsMap {
    formats: Vec<FeedFormat>,
    limit: usize,
    tags: bool,
    tag_full_text: bool,
}

impl Default for RawFeedsMap {
    fn default() -> Self {
        let d = FeedsConfig::default();
        RawFeedsMap {
            formats: d.formats,
            limit: d.limit,
            tags: d.tags,
            tag_full_text: d.tag_full_text,
        }
    }
}

impl<'de> Deserialize<'de> for FeedsConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = FeedsConfig;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a list of feed formats or a mapping with `formats`, `limit` and `tags`",
                )
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<FeedsConfig, A::Error> {
                Ok(FeedsConfig {
                    formats: Vec::deserialize(SeqAccessDeserializer::new(seq))?,
                    ..FeedsConfig::default()
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<FeedsConfig, A::Error> {
                let raw = RawFeedsMap::deserialize(MapAccessDeserializer::new(map))?;
                Ok(FeedsConfig {
                    formats: raw.formats,
                    limit: raw.limit,
                    tags: raw.tags,
                    tag_full_text: raw.tag_full_text,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// `alerts:` settings (Common Alerting Protocol output).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct AlertsConfig {
    /// CAP `<sender>`; default: the host of `base_url`.
    pub sender: Option<String>,
}
