//! `markdown:`, `privacy:` and `security:`: what pages may contain (raw
//! HTML, embeds, link schemes) and what must not leave the site (image
//! metadata), with the checks that keep these settings from weakening the
//! Content-Security-Policy.

use super::FILE_NAME;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::yaml;
use serde::Deserialize;
use std::path::Path;

/// What to do with raw HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct MarkdownConfig {
    pub raw_html: RawHtml,
    /// Hosts whose `<iframe>` embeds survive sanitising (e.g. a video host).
    pub iframe_hosts: Vec<String>,
    /// Care cards (`> [!urgent] …`) one page may have before `check` warns:
    /// a page of calls to action buries the one that matters.
    pub max_care_cards: usize,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            raw_html: RawHtml::default(),
            iframe_hosts: Vec::new(),
            max_care_cards: 3,
        }
    }
}

/// `privacy:` settings.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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

/// Whether `text` is a host name as `markdown.iframe_hosts` takes it: DNS
/// labels of ASCII letters, digits and inner hyphens (1 to 63 characters
/// each, an internationalised name in its `xn--` form), joined by dots, at
/// least two labels, 253 characters at most. No scheme, path, port,
/// wildcard, space, quote, separator or control character can pass, so a
/// host can never add a header or a policy directive.
pub fn is_host_name(text: &str) -> bool {
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    text.len() <= 253
        && text.split('.').count() >= 2
        && text.split('.').all(label_ok)
        // The last label is a name, never a number (`1.2.3.4` is an address).
        && !text.rsplit('.').next().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
}

/// `markdown.iframe_hosts` must be plain host names: each is written into
/// the Content-Security-Policy of `_headers` and matched against iframe
/// addresses, so anything else could add a header or weaken the policy.
pub(super) fn check_iframe_hosts(hosts: &[String], text: &str, diagnostics: &mut Diagnostics) {
    let key = [
        yaml::Segment::Key("markdown".into()),
        yaml::Segment::Key("iframe_hosts".into()),
    ];
    for host in hosts.iter().filter(|h| !is_host_name(h)) {
        let position = yaml::locate(text, &key)
            .map_or_else(Position::start, |key| value_after(text, key, host));
        let suggestion = url::Url::parse(host)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .filter(|h| is_host_name(h))
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

/// `security.allow_schemes` as a policy; a scheme that can never be allowed
/// is an error and the site keeps the default policy.
pub(super) fn site_schemes(
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
