//! `site.yaml`: reading it, checking it strictly, and filling in defaults.
//!
//! Unknown keys are errors (a typo must never silently turn a feature off),
//! each with a "did you mean" hint. The result, [`Config`], is the validated
//! form every later stage reads; nothing downstream sees raw YAML.
//!
//! The file's raw serde shape has a module of its own; each other module
//! owns some sections of the file: their settings types and the checks
//! they need. [`from_text`] runs those checks in a fixed order (the order
//! of the messages) and assembles [`Config`].

use crate::diagnostics::{Diagnostics, Position};
use crate::error::Error;
use crate::yaml;
use std::path::{Path, PathBuf};

mod cms;
mod direction;
pub mod disclaimer;
mod feeds;
mod identity;
mod images;
mod language;
mod organization;
mod paths;
mod raw;
mod reading;
mod report;
mod review;
mod security;
mod social;
mod tags;
mod time;

pub use cms::{CmsConfig, DEFAULT_SCRIPT as DEFAULT_CMS_SCRIPT};
pub use feeds::{AlertsConfig, FeedFormat, FeedsConfig};
pub use images::ImagesConfig;
pub use language::{Direction, Language};
pub use organization::{Organization, OrganizationType};
pub use raw::{known_fields, schema};
pub use reading::{ContentsConfig, MAX_RELATED, RelatedConfig};
pub use report::ReportConfig;
pub use review::{MaxGrade, ReadabilityConfig, ReviewConfig};
pub use security::{MarkdownConfig, PrivacyConfig, RawHtml, SecurityConfig, is_host_name};
pub use social::{ShareImagesConfig, SocialConfig, UtmConfig};
pub use tags::{TagEntry, TagNames};
pub use time::StatusConfig;

/// Articles per list page unless site.yaml's `paginate_by:` says otherwise.
pub const DEFAULT_PAGINATE_BY: usize = 20;

/// The file name of the site configuration, at the site root.
pub const FILE_NAME: &str = "site.yaml";

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    /// The site folder as a boundary: what content and settings may name.
    pub boundary: crate::boundary::Boundary,
    /// The link and image schemes this site allows.
    pub schemes: crate::schemes::Policy,
    pub title: String,
    /// `description:`: what the site is about, one text or one per
    /// language; link previews of pages without a summary use it.
    pub description: Option<crate::localized::Localized>,
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
    pub disclaimer: disclaimer::Settings,
    /// `report:`: whether the editorial report is published with the site.
    pub report: ReportConfig,
    /// `contents:`: when articles get an "On this page" list.
    pub contents: ContentsConfig,
    /// `related:`: how many related articles end each article.
    pub related: RelatedConfig,
    /// `tags:`: each tag's name in each language.
    pub tags: TagNames,
    /// `images:`: the responsive copies of photos.
    pub images: ImagesConfig,
    /// `paginate_by:`: how many articles each page of a section, tag or
    /// language home lists (0: all on one page).
    pub paginate_by: usize,
    /// `organization:`: who publishes the site (the homes' JSON-LD).
    pub organization: Organization,
    /// `editor_schemas: true`: new files point editors at `schemas/`.
    pub editor_schemas: bool,
    /// `cms:`: the web editor `pamphlet cms` sets up.
    pub cms: CmsConfig,
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
        self.base_url = identity::parse_base_url(text)?;
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
    let mut diagnostics = Diagnostics::new();
    let Some(mut raw) = raw::read(text, &mut diagnostics) else {
        return Loaded {
            config: None,
            diagnostics,
        };
    };
    let locate = |path: &[&str]| -> Position {
        let segments: Vec<_> = path
            .iter()
            .map(|k| yaml::Segment::Key(k.to_string()))
            .collect();
        yaml::locate(text, &segments).unwrap_or_else(Position::start)
    };

    let title = identity::title(&raw, &locate, &mut diagnostics);
    let base_url = identity::base_url(&raw, &locate, &mut diagnostics);
    let (default_language, languages) =
        language::languages(&raw, &title, &locate, &mut diagnostics);
    review::check_interval(&raw.review, &locate, &mut diagnostics);
    reading::check_related(&raw.related, text, &locate, &mut diagnostics);
    let timezone = time::timezone(raw.timezone.as_deref(), &locate, &mut diagnostics);
    let status = time::status(&raw.status, &locate, &mut diagnostics);

    let boundary = crate::boundary::Boundary::new(root);
    let schemes = security::site_schemes(&raw.security, &locate, &mut diagnostics);
    paths::site_paths(&raw, &boundary, &locate, &mut diagnostics);
    raw.images = images::check(std::mem::take(&mut raw.images), &locate, &mut diagnostics);
    security::check_iframe_hosts(&raw.markdown.iframe_hosts, text, &mut diagnostics);

    let codes_of: Vec<String> = languages.iter().map(|l| l.code.clone()).collect();
    let mut disclaimer = disclaimer::settings(
        std::mem::take(&mut raw.emergency),
        raw.contact.take(),
        raw.funding.take(),
        &codes_of,
        text,
        &mut diagnostics,
    );
    disclaimer::footer_links(
        &mut disclaimer,
        raw.privacy_policy.take(),
        raw.accessibility_statement.take(),
        text,
        &mut diagnostics,
    );
    let tags = tags::names(&raw.tags, &codes_of, &locate, &mut diagnostics);
    let organization =
        organization::organization(raw.organization.take(), &locate, &mut diagnostics);
    let checked = Checked {
        boundary,
        schemes,
        title,
        default_language,
        languages,
        timezone,
        status,
        disclaimer,
        tags,
        organization,
    };
    let config = match (diagnostics.has_errors(), base_url) {
        (false, Ok(base_url)) => Some(assemble(root, raw, checked, base_url)),
        _ => None,
    };
    Loaded {
        config,
        diagnostics,
    }
}

/// The settings that checking turned into something other than what
/// site.yaml says, on their way into [`Config`].
struct Checked {
    boundary: crate::boundary::Boundary,
    schemes: crate::schemes::Policy,
    title: String,
    default_language: String,
    languages: Vec<Language>,
    timezone: crate::zone::SiteZone,
    status: StatusConfig,
    disclaimer: disclaimer::Settings,
    tags: TagNames,
    organization: Organization,
}

/// The configuration of a site.yaml whose every check passed.
fn assemble(root: &Path, raw: raw::RawConfig, checked: Checked, base_url: url::Url) -> Config {
    Config {
        root: root.to_path_buf(),
        boundary: checked.boundary,
        schemes: checked.schemes,
        title: checked.title,
        description: raw.description.filter(|d| !d.is_blank()),
        base_url,
        default_language: checked.default_language,
        languages: checked.languages,
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
        timezone: checked.timezone,
        status: checked.status,
        disclaimer: checked.disclaimer,
        report: raw.report,
        contents: raw.contents,
        related: raw.related,
        tags: checked.tags,
        images: raw.images,
        paginate_by: raw.paginate_by.unwrap_or(DEFAULT_PAGINATE_BY),
        organization: checked.organization,
        editor_schemas: raw.editor_schemas,
        cms: raw.cms,
    }
}

#[cfg(test)]
mod tests;
