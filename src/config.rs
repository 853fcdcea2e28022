//! `site.yaml`: reading it, checking it strictly, and filling in defaults.
//!
//! Unknown keys are errors (a typo must never silently turn a feature off),
//! each with a "did you mean" hint. The result, [`Config`], is the validated
//! form every later stage reads; nothing downstream sees raw YAML.

use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes, suggest};
use crate::error::Error;
use crate::yaml;
use indexmap::IndexMap;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name of the site configuration, at the site root.
pub const FILE_NAME: &str = "site.yaml";

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    /// The usual direction of a language tag's script.
    pub fn of_language(code: &str) -> Direction {
        const RTL: &[&str] = &[
            "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-Arab", "ps", "sd", "ug", "ur", "yi",
        ];
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        if RTL.contains(&code)
            || RTL.contains(&primary)
            || code.ends_with("-Arab")
            || code.ends_with("-Hebr")
        {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }
}

/// Feed formats a site can publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedFormat {
    Atom,
    Rss,
    Json,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    default_language: Option<String>,
    languages: IndexMap<String, RawLanguage>,
    theme: Option<String>,
    default_language_at_root: bool,
    review: ReviewConfig,
    readability: ReadabilityConfig,
    feeds: Option<FeedsConfig>,
    social: SocialConfig,
    markdown: MarkdownConfig,
    privacy: PrivacyConfig,
    security: SecurityConfig,
    alerts: AlertsConfig,
    timezone: Option<String>,
    status: RawStatusConfig,
    emergency: crate::disclaimer::EmergencyConfig,
    contact: Option<crate::localized::Localized>,
    funding: Option<crate::localized::Localized>,
    report: crate::editorial::ReportConfig,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
struct RawLanguage {
    name: Option<String>,
    title: Option<String>,
    direction: Option<Direction>,
}

/// `review:` settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ReviewConfig {
    /// An article without a reviewer is an error.
    pub require_reviewer: bool,
    /// `next_review` defaults to the latest review plus this many months.
    pub interval_months: u32,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            require_reviewer: false,
            interval_months: 12,
        }
    }
}

/// `readability:` settings.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ReadabilityConfig {
    /// Highest acceptable reading grade; `None` means unchecked.
    pub max_grade: Option<MaxGrade>,
}

/// `readability.max_grade`: one number for every article, or one per
/// `audience` (`patients`, `caregivers`, `clinicians`, `public`, and
/// `default` for articles without an audience). An audience left out, or
/// set to null, is not checked.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum MaxGrade {
    All(f64),
    PerAudience(std::collections::BTreeMap<String, Option<f64>>),
}

impl ReadabilityConfig {
    /// The target grade for an audience, if it is checked.
    pub fn max_grade_for(&self, audience: Option<&str>) -> Option<f64> {
        match self.max_grade.as_ref()? {
            MaxGrade::All(grade) => Some(*grade),
            MaxGrade::PerAudience(map) => map.get(audience.unwrap_or("default")).copied().flatten(),
        }
    }
}

/// `social:` settings.
#[derive(Debug, Clone, Deserialize, Default)]
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
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
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
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
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
struct RawFeedsMap {
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

/// `status:` settings (the service status board, `data/status.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusConfig {
    /// `check` warns about a service whose `updated` time is older than
    /// this, relative to the build time; `None` (`stale_after: off`) never.
    pub stale_after: Option<jiff::SignedDuration>,
    /// Show the compact status strip on each language's home page.
    pub strip: bool,
}

impl Default for StatusConfig {
    fn default() -> Self {
        StatusConfig {
            stale_after: Some(jiff::SignedDuration::from_hours(6)),
            strip: false,
        }
    }
}

/// `status:` as written: `stale_after` is text (`6h`, `90m`, `off`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
struct RawStatusConfig {
    stale_after: Option<crate::yaml::Scalar>,
    strip: bool,
}

/// Reads `status.stale_after`: a duration in hours and minutes (`6h`,
/// `90m`, `1h30m`, `48h`), or `off`.
fn stale_after(text: &str) -> Result<Option<jiff::SignedDuration>, String> {
    let text = text.trim();
    if matches!(
        text.to_ascii_lowercase().as_str(),
        "off" | "false" | "never"
    ) {
        return Ok(None);
    }
    match text.parse::<jiff::SignedDuration>() {
        Ok(d) if d.is_positive() => Ok(Some(d)),
        _ => Err(format!(
            "`{text}` is not a time limit like `6h`, `90m` or `1h30m` (or `off`)"
        )),
    }
}

/// What to do with raw HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe structure (details, figure, abbr, tables...), drop scripts,
    /// event handlers, `javascript:` links and styles, and warn about each.
    #[default]
    Sanitize,
    /// Keep it as written (only for sites whose every author is trusted).
    Allow,
    /// Show it as text.
    Escape,
}

/// `markdown:` settings.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct MarkdownConfig {
    pub raw_html: RawHtml,
    /// Hosts whose `<iframe>` embeds survive sanitising (e.g. a video host).
    pub iframe_hosts: Vec<String>,
}

/// `privacy:` settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct PrivacyConfig {
    /// Remove EXIF/XMP/IPTC metadata from copied images.
    pub strip_image_metadata: bool,
    /// The organisation's own contact details, never reported as personal data.
    pub allow: Vec<String>,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            strip_image_metadata: true,
            allow: Vec::new(),
        }
    }
}

/// `security:` settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct SecurityConfig {
    /// Write a `_headers` file with a strict Content-Security-Policy.
    pub headers_file: bool,
    /// Address schemes allowed beyond https, http, mailto and tel (see
    /// [`crate::schemes`]).
    pub allow_schemes: Vec<String>,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        SecurityConfig {
            headers_file: true,
            allow_schemes: Vec::new(),
        }
    }
}

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, also the folder name under `content/`.
    pub code: String,
    /// The language's own name ("Español"), shown in the language switcher.
    pub name: String,
    /// Site title in this language (falls back to the site title).
    pub title: String,
    pub direction: Direction,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    /// The site folder as a boundary: what content and settings may name.
    pub boundary: crate::boundary::Boundary,
    /// The link and image schemes this site allows.
    pub schemes: crate::schemes::Policy,
    pub title: String,
    /// Always ends with `/`.
    pub base_url: url::Url,
    pub default_language: String,
    /// In the order site.yaml lists them.
    pub languages: Vec<Language>,
    pub theme: String,
    /// Serve the default language at `/` instead of `/<lang>/`.
    pub default_language_at_root: bool,
    pub review: ReviewConfig,
    pub readability: ReadabilityConfig,
    pub feeds: FeedsConfig,
    pub social: SocialConfig,
    pub markdown: MarkdownConfig,
    pub privacy: PrivacyConfig,
    pub security: SecurityConfig,
    pub alerts: AlertsConfig,
    /// `timezone:` (IANA name; UTC when not set): update and status times
    /// are shown in it, and local times written without an offset are read in it.
    pub timezone: crate::zone::SiteZone,
    pub status: StatusConfig,
    /// `emergency:`, `contact:` and `funding:`: the notice under articles.
    pub disclaimer: crate::disclaimer::Settings,
    /// `report:`: whether the editorial report is published with the site.
    pub report: crate::editorial::ReportConfig,
}

impl Config {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// A language's place in site.yaml's list (unknown languages last), the
    /// order every list of translations follows.
    pub fn language_rank(&self, code: &str) -> usize {
        self.languages
            .iter()
            .position(|l| l.code == code)
            .unwrap_or(usize::MAX)
    }

    /// The path part of the base URL without its trailing slash ("" or "/health").
    pub fn base_path(&self) -> &str {
        self.base_url.path().trim_end_matches('/')
    }

    /// Replaces the base URL (the `--base-url` flag).
    pub fn set_base_url(&mut self, text: &str) -> Result<(), String> {
        self.base_url = parse_base_url(text)?;
        Ok(())
    }
}

/// What reading site.yaml produced: a config if it is usable, and every problem found.
pub struct Loaded {
    pub config: Option<Config>,
    pub diagnostics: Diagnostics,
}

/// Reads and validates `<root>/site.yaml`. A missing or unreadable file is
/// a fatal error; problems inside it are diagnostics.
pub fn load(root: &Path) -> Result<Loaded, Error> {
    let path = root.join(FILE_NAME);
    if let Some(outside) = crate::boundary::Boundary::new(root).leaves(Path::new(FILE_NAME)) {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(outside);
        return Ok(Loaded {
            config: None,
            diagnostics,
        });
    }
    let text = std::fs::read_to_string(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NoSite {
                root: root.to_path_buf(),
            }
        } else {
            Error::Io {
                path: path.clone(),
                source,
            }
        }
    })?;
    Ok(from_text(root, &text))
}

/// Validates a site.yaml text (separate from [`load`] for tests and fuzzing).
pub fn from_text(root: &Path, text: &str) -> Loaded {
    let file = Path::new(FILE_NAME);
    let mut diagnostics = Diagnostics::new();
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
            return Loaded {
                config: None,
                diagnostics,
            };
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

    let locate = |path: &[&str]| -> Position {
        let segments: Vec<_> = path
            .iter()
            .map(|k| yaml::Segment::Key(k.to_string()))
            .collect();
        yaml::locate(text, &segments).unwrap_or_else(Position::start)
    };

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

    let base_url = match raw.base_url.as_deref() {
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
    };

    let default_language = raw
        .default_language
        .clone()
        .unwrap_or_else(|| "en".to_string());
    let mut languages: Vec<Language> = raw
        .languages
        .iter()
        .map(|(code, lang)| Language {
            code: code.clone(),
            name: lang.name.clone().unwrap_or_else(|| code.clone()),
            title: lang.title.clone().unwrap_or_else(|| title.clone()),
            direction: lang
                .direction
                .unwrap_or_else(|| Direction::of_language(code)),
        })
        .collect();
    for lang in &languages {
        if lang
            .code
            .parse::<icu_locale_core::LanguageIdentifier>()
            .is_err()
            || lang.code.contains('_')
        {
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    locate(&["languages", &lang.code]),
                    format!("`{}` is not a language code", lang.code),
                )
                .with_hint("use a BCP 47 code such as `en`, `es`, `ar`, `zh-Hans` or `pt-BR`"),
            );
        }
    }
    if languages.is_empty() {
        languages.push(Language {
            code: default_language.clone(),
            name: default_language.clone(),
            title: title.clone(),
            direction: Direction::of_language(&default_language),
        });
    } else if !languages.iter().any(|l| l.code == default_language) {
        let codes_listed: Vec<_> = languages.iter().map(|l| l.code.as_str()).collect();
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                file,
                locate(&["default_language"]),
                format!(
                    "the default language `{default_language}` is not listed under `languages`"
                ),
            )
            .maybe_hint(suggest::did_you_mean(&default_language, codes_listed)),
        );
    }
    if raw.review.interval_months == 0 {
        diagnostics.push(Diagnostic::error(
            codes::CONFIG_INVALID_VALUE,
            file,
            locate(&["review", "interval_months"]),
            "`review.interval_months` must be at least 1",
        ));
    }

    let timezone = match raw.timezone.as_deref() {
        None => crate::zone::SiteZone::default(),
        Some(name) => crate::zone::SiteZone::named(name).unwrap_or_else(|unknown| {
            let hint = match unknown.suggestion {
                Some(name) => format!("did you mean `{name}`?"),
                None => {
                    "write a name such as `America/New_York`, `Europe/Madrid` or `UTC`".to_string()
                }
            };
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    locate(&["timezone"]),
                    unknown.message,
                )
                .with_hint(hint),
            );
            crate::zone::SiteZone::default()
        }),
    };
    let status = StatusConfig {
        stale_after: match &raw.status.stale_after {
            None => StatusConfig::default().stale_after,
            Some(text) => stale_after(&text.0).unwrap_or_else(|message| {
                diagnostics.push(
                    Diagnostic::error(
                        codes::CONFIG_INVALID_VALUE,
                        file,
                        locate(&["status", "stale_after"]),
                        format!("`status.stale_after`: {message}"),
                    )
                    .with_hint("write hours and minutes, e.g. `stale_after: 6h`"),
                );
                None
            }),
        },
        strip: raw.status.strip,
    };

    let boundary = crate::boundary::Boundary::new(root);
    let schemes = site_schemes(&raw.security, &locate, &mut diagnostics);
    site_paths(&raw, &boundary, &locate, &mut diagnostics);
    check_iframe_hosts(&raw.markdown.iframe_hosts, text, &mut diagnostics);

    let codes_of: Vec<String> = languages.iter().map(|l| l.code.clone()).collect();
    let disclaimer = crate::disclaimer::settings(
        raw.emergency,
        raw.contact,
        raw.funding,
        &codes_of,
        text,
        &mut diagnostics,
    );
    let config = match (diagnostics.has_errors(), base_url) {
        (false, Ok(base_url)) => Some(Config {
            root: root.to_path_buf(),
            boundary,
            schemes,
            title,
            base_url,
            default_language,
            languages,
            theme: raw.theme.unwrap_or_else(|| "default".to_string()),
            default_language_at_root: raw.default_language_at_root,
            review: raw.review,
            readability: raw.readability,
            feeds: raw.feeds.unwrap_or_default(),
            social: raw.social,
            markdown: raw.markdown,
            privacy: raw.privacy,
            security: raw.security,
            alerts: raw.alerts,
            timezone,
            status,
            disclaimer,
            report: raw.report,
        }),
        _ => None,
    };
    Loaded {
        config,
        diagnostics,
    }
}

/// `markdown.iframe_hosts` must be plain host names: each is written into
/// the Content-Security-Policy of `_headers` and matched against iframe
/// addresses, so anything else could add a header or weaken the policy.
fn check_iframe_hosts(hosts: &[String], text: &str, diagnostics: &mut Diagnostics) {
    let key = [
        yaml::Segment::Key("markdown".into()),
        yaml::Segment::Key("iframe_hosts".into()),
    ];
    for host in hosts.iter().filter(|h| !crate::security::is_host_name(h)) {
        let position = yaml::locate(text, &key)
            .map_or_else(Position::start, |key| value_after(text, key, host));
        let suggestion = url::Url::parse(host)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .filter(|h| crate::security::is_host_name(h))
            .map_or_else(
                || "write the host name only, e.g. `www.youtube-nocookie.com` (letters, digits, `-` and dots; no `https://`, path, port, `*` or spaces)".to_string(),
                |h| format!("write the host name only: `{h}`"),
            );
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                Path::new(FILE_NAME),
                position,
                format!(
                    "`{}` in `markdown.iframe_hosts` is not a host name",
                    host.escape_debug()
                ),
            )
            .with_hint(suggestion),
        );
    }
}

/// Where `value` is written at or after the key at `key` (the key itself
/// when it cannot be found as written, e.g. with YAML escapes).
fn value_after(text: &str, key: Position, value: &str) -> Position {
    let needle = value;
    if needle.chars().any(char::is_control) {
        return key;
    }
    text.lines()
        .enumerate()
        .skip(key.line - 1)
        .find_map(|(i, line)| {
            let at = line.find(needle).filter(|_| !needle.is_empty())?;
            Some(Position::new(
                i + 1,
                line[..at].chars().count() + 1,
                needle.chars().count(),
            ))
        })
        .unwrap_or(key)
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
        "emergency" => suggest::fields_of::<crate::disclaimer::EmergencyConfig>(),
        _ if depth == 3 => suggest::fields_of::<RawLanguage>(),
        _ => &[],
    }
}

/// `security.allow_schemes` as a policy; a scheme that can never be allowed
/// is an error and the site keeps the default policy.
fn site_schemes(
    security: &SecurityConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> crate::schemes::Policy {
    crate::schemes::Policy::new(&security.allow_schemes).unwrap_or_else(|message| {
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                Path::new(FILE_NAME),
                locate(&["security", "allow_schemes"]),
                format!("`security.allow_schemes`: {message}"),
            )
            .with_hint(
                "list only schemes the site needs for links, e.g. `allow_schemes: [sms, geo]`",
            ),
        );
        crate::schemes::Policy::default()
    })
}

/// The files and folders site.yaml names must be inside the site folder:
/// the theme (a folder name under `themes/`), the share-card cache and logo.
fn site_paths(
    raw: &RawConfig,
    boundary: &crate::boundary::Boundary,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) {
    let file = Path::new(FILE_NAME);
    if let Some(theme) = &raw.theme {
        let mut parts = Path::new(theme).components();
        let plain = matches!(
            (parts.next(), parts.next()),
            (Some(std::path::Component::Normal(_)), None)
        );
        if !plain {
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    locate(&["theme"]),
                    format!("`theme: {theme}` is not the name of a folder in `themes/`"),
                )
                .with_hint(
                    "write only the theme's folder name, e.g. `theme: clinic` for `themes/clinic/`",
                ),
            );
        }
    }
    let share = &raw.social.share_images;
    let named = [
        (Some(&share.cache), ["social", "share_images", "cache"]),
        (share.logo.as_ref(), ["social", "share_images", "logo"]),
    ];
    for (path, key) in named {
        let Some(path) = path else { continue };
        let inside = crate::boundary::normalize(path).is_some_and(|rel| boundary.allows(&rel));
        if !inside {
            diagnostics.push(crate::boundary::outside_path(
                file,
                locate(&key),
                &path.display().to_string(),
            ));
        }
    }
}

fn parse_base_url(text: &str) -> Result<url::Url, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Loaded {
        from_text(Path::new("/site"), text)
    }

    #[test]
    fn fills_defaults() {
        let loaded = load_text("title: T\nbase_url: https://example.org\n");
        let config = loaded.config.expect("valid");
        assert_eq!(config.default_language, "en");
        assert_eq!(config.languages.len(), 1);
        assert_eq!(config.base_url.as_str(), "https://example.org/");
        assert_eq!(config.review.interval_months, 12);
        assert_eq!(config.feeds.formats.len(), 3);
        assert_eq!(config.feeds.limit, 50);
        assert_eq!(config.theme, "default");
    }

    #[test]
    fn unknown_keys_are_errors_with_hints() {
        let loaded = load_text(
            "title: T\nbase_url: https://example.org\nreveiw:\n  require_reviewer: true\nlanguages:\n  en: { name: English, nmae: x }\n",
        );
        assert!(loaded.config.is_none());
        let found: Vec<_> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.message.clone(), d.position.line, d.hint.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "unknown setting `reveiw`".to_string(),
                    3,
                    Some("did you mean `review`?".to_string())
                ),
                (
                    "unknown setting `languages.en.nmae`".to_string(),
                    6,
                    Some("did you mean `name`?".to_string())
                ),
            ]
        );
    }

    #[test]
    fn direction_comes_from_the_language_unless_set() {
        let loaded = load_text(
            "title: T\nbase_url: https://e.org/health\nlanguages:\n  en: {}\n  ar: {}\n  ps: { direction: rtl }\n  xx: { direction: rtl }\n",
        );
        let config = loaded.config.unwrap();
        let dirs: Vec<_> = config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), l.direction))
            .collect();
        assert_eq!(
            dirs,
            [
                ("en", Direction::Ltr),
                ("ar", Direction::Rtl),
                ("ps", Direction::Rtl),
                ("xx", Direction::Rtl)
            ]
        );
        assert_eq!(config.base_path(), "/health");
    }

    #[test]
    fn max_grade_is_one_number_or_per_audience() {
        let one = load_text("title: T\nbase_url: https://e.org\nreadability: { max_grade: 8 }\n")
            .config
            .unwrap();
        assert_eq!(one.readability.max_grade_for(Some("clinicians")), Some(8.0));
        let per = load_text(
            "title: T\nbase_url: https://e.org\nreadability:\n  max_grade: { patients: 6, clinicians: null, default: 8 }\n",
        )
        .config
        .unwrap();
        assert_eq!(per.readability.max_grade_for(Some("patients")), Some(6.0));
        assert_eq!(per.readability.max_grade_for(Some("clinicians")), None);
        assert_eq!(per.readability.max_grade_for(Some("public")), None);
        assert_eq!(per.readability.max_grade_for(None), Some(8.0));
    }

    #[test]
    fn default_language_must_be_listed() {
        let loaded = load_text(
            "title: T\nbase_url: https://e.org\ndefault_language: en\nlanguages:\n  es: {}\n",
        );
        assert!(loaded.config.is_none());
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.message.contains("`en` is not listed"))
        );
    }

    #[test]
    fn bad_feed_name_is_reported_at_its_line() {
        let loaded = load_text("title: T\nbase_url: https://e.org\nfeeds: [atom, rsss]\n");
        let d = loaded.diagnostics.iter().next().unwrap();
        assert_eq!(d.code, codes::CONFIG_INVALID_VALUE);
        assert_eq!(d.position.line, 3);
        assert!(d.message.contains("rsss"), "{}", d.message);
    }

    #[test]
    fn feeds_take_a_list_or_a_mapping() {
        let list = load_text("title: T\nbase_url: https://e.org\nfeeds: [atom]\n");
        let feeds = list.config.unwrap().feeds;
        assert_eq!((feeds.formats, feeds.limit), (vec![FeedFormat::Atom], 50));
        let map = load_text(
            "title: T\nbase_url: https://e.org\nfeeds:\n  formats: [rss, json]\n  limit: 10\n  tags: false\n",
        );
        let feeds = map.config.unwrap().feeds;
        assert_eq!(feeds.formats, [FeedFormat::Rss, FeedFormat::Json]);
        assert_eq!((feeds.limit, feeds.tags), (10, false));
        let typo = load_text("title: T\nbase_url: https://e.org\nfeeds:\n  limt: 10\n");
        let d = typo.diagnostics.iter().next().unwrap();
        assert_eq!(d.message, "unknown setting `feeds.limt`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `limit`?"));
    }

    #[test]
    fn timezone_and_status_settings_are_checked() {
        let ok = load_text(
            "title: T\nbase_url: https://e.org\ntimezone: America/New_York\nstatus: { stale_after: 90m, strip: true }\n",
        )
        .config
        .unwrap();
        assert_eq!(ok.timezone.name(), "America/New_York");
        assert_eq!(
            ok.status.stale_after,
            Some(jiff::SignedDuration::from_mins(90))
        );
        assert!(ok.status.strip);
        let defaults = load_text("title: T\nbase_url: https://e.org\n")
            .config
            .unwrap();
        assert_eq!(defaults.timezone.name(), "UTC");
        assert_eq!(
            defaults.status.stale_after,
            Some(jiff::SignedDuration::from_hours(6))
        );
        let off = load_text("title: T\nbase_url: https://e.org\nstatus: { stale_after: off }\n");
        assert_eq!(off.config.unwrap().status.stale_after, None);

        let bad = load_text(
            "title: T\nbase_url: https://e.org\ntimezone: America/New_Yrok\nstatus:\n  stale_after: soon\n  stale_afer: 6h\n",
        );
        assert!(bad.config.is_none());
        let found: Vec<_> = bad
            .diagnostics
            .iter()
            .map(|d| (d.position.line, d.hint.clone().unwrap_or_default()))
            .collect();
        assert!(
            found.contains(&(3, "did you mean `America/New_York`?".to_string())),
            "{found:?}"
        );
        assert!(found.iter().any(|(line, _)| *line == 5), "{found:?}");
        assert!(
            found.contains(&(6, "did you mean `stale_after`?".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn iframe_hosts_must_be_host_names() {
        let ok = load_text(
            "title: T\nbase_url: https://e.org\nmarkdown:\n  iframe_hosts: [www.youtube-nocookie.com, player.vimeo.com]\n",
        );
        assert!(ok.config.is_some());
        let bad = load_text(
            "title: T\nbase_url: https://e.org\nmarkdown:\n  iframe_hosts:\n    - www.youtube-nocookie.com\n    - \"https://player.vimeo.com/video\"\n    - \"a.org; script-src *\"\n    - \"a.org\\r\\nX-Evil: 1\"\n",
        );
        assert!(bad.config.is_none());
        let found: Vec<_> = bad
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code,
                    d.position.line,
                    d.position.column,
                    d.hint.clone().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            found[0],
            (
                codes::CONFIG_INVALID_VALUE,
                6,
                8,
                "write the host name only: `player.vimeo.com`".to_string()
            )
        );
        assert_eq!((found[1].1, found[1].2), (7, 8), "{found:?}");
        // Written with escapes, it is found at its key.
        assert_eq!(found[2].1, 4, "{found:?}");
        assert!(found[2].3.contains("host name only"), "{found:?}");
    }

    #[test]
    fn social_settings_have_defaults_and_hints() {
        let loaded = load_text(
            "title: T\nbase_url: https://e.org\nsocial:\n  utm: { campaign: heart }\n  share_images: { page_image: false }\nalerts: { sender: alerts@e.org }\n",
        );
        let d = loaded.diagnostics.iter().next().unwrap();
        assert_eq!(
            d.message,
            "unknown setting `social.share_images.page_image`"
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean `page_images`?"));
        let ok = load_text(
            "title: T\nbase_url: https://e.org\nsocial:\n  utm: { campaign: heart }\nalerts: { sender: alerts@e.org }\n",
        )
        .config
        .unwrap();
        let utm = ok.social.utm.unwrap();
        assert_eq!(
            (utm.medium.as_str(), utm.campaign.as_deref()),
            ("social", Some("heart"))
        );
        assert!(ok.social.share_images.generate && ok.social.share_images.page_images);
        assert_eq!(ok.alerts.sender.as_deref(), Some("alerts@e.org"));
    }
}
