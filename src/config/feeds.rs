//! `feeds:` and `alerts:`: the machine-readable streams a site publishes
//! (Atom, RSS and JSON feeds, and Common Alerting Protocol alerts).

use serde::Deserialize;

/// Feed formats a site can publish.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub(super) struct RawFeedsMap {
    /// The formats to publish.
    formats: Vec<FeedFormat>,
    /// The newest entries each feed lists.
    limit: usize,
    /// Publish a feed per tag too.
    tags: bool,
    /// Tag feeds carry each article's full text (default: title, summary and link).
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

impl schemars::JsonSchema for FeedsConfig {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FeedsConfig".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let list = generator.subschema_for::<Vec<FeedFormat>>();
        let map = generator.subschema_for::<RawFeedsMap>();
        schemars::json_schema!({
            "description": "The feed formats to publish (`[atom, rss, json]`), or a mapping with `formats`, `limit`, `tags` and `tag_full_text`.",
            "anyOf": [list, map],
        })
    }
}

/// `alerts:` settings (Common Alerting Protocol output).
#[derive(Debug, Clone, Deserialize, Default, schemars::JsonSchema)]
#[serde(default)]
pub struct AlertsConfig {
    /// CAP `<sender>`; default: the host of `base_url`.
    pub sender: Option<String>,
}
