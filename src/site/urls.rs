//! Addresses: slugs, page URLs, permalinks and output file paths.
//!
//! Every URL Pamphlet writes into a page is root-relative and already
//! carries the base URL's path (`/health/en/heart/`), so a site published
//! under a sub-folder works without a `<base>` tag. Permalinks (feeds,
//! canonical links, share tags) are the same paths joined to the base URL.

use crate::config::Config;
use crate::uri::{self, Form};
use std::path::PathBuf;

pub use crate::slug::slugify;

/// Builds the site's URLs from its configuration.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://host[:port]` of the base URL, which every permalink starts with.
    origin: String,
    base_path: String,
    default_language: String,
    default_at_root: bool,
}

impl Urls {
    pub fn new(config: &Config) -> Self {
        Urls {
            origin: config.base_url.origin().ascii_serialization(),
            base_path: config.base_path().to_string(),
            default_language: config.default_language.clone(),
            default_at_root: config.default_language_at_root,
        }
    }

    /// The root of the site: `/` or `/health/`.
    pub fn root(&self) -> String {
        format!("{}/", self.base_path)
    }

    /// The home of a language: `/en/`, or `/` for a default language at the root.
    pub fn language_home(&self, language: &str) -> String {
        if self.default_at_root && language == self.default_language {
            self.root()
        } else {
            format!("{}/{}/", self.base_path, language)
        }
    }

    /// A page under a language: segments are already slugs.
    pub fn page<S: AsRef<str>>(&self, language: &str, segments: &[S]) -> String {
        let mut url = self.language_home(language);
        for segment in segments {
            url.push_str(segment.as_ref());
            url.push('/');
        }
        url
    }

    /// A file kept under its own name (an asset or a feed): no trailing slash.
    pub fn file<S: AsRef<str>>(&self, language: Option<&str>, segments: &[S]) -> String {
        let mut url = match language {
            Some(lang) => self.language_home(lang),
            None => self.root(),
        };
        let joined: Vec<&str> = segments.iter().map(AsRef::as_ref).collect();
        url.push_str(&joined.join("/"));
        url
    }

    /// Absolute URL of a root-relative one: `https://health.example.org/en/heart/`,
    /// a valid URI (see [`Urls::encoded`]).
    pub fn permalink(&self, url: &str) -> String {
        format!("{}{}", self.origin, self.encoded(url, Form::Uri))
    }

    /// [`Urls::permalink`] of a site URL; an address an author wrote in
    /// full (`https://…`) made a valid URI, never encoded twice.
    pub fn absolute(&self, url: &str) -> String {
        if crate::schemes::scheme(url).is_some() || url.starts_with("//") {
            uri::written(url, Form::Uri)
        } else {
            self.permalink(url)
        }
    }

    /// A root-relative URL of the site as `form`: the base path as the
    /// base URL has it (already encoded), the rest, the file and folder
    /// names as they are, encoded whole (`my photo #1.png` →
    /// `my%20photo%20%231.png`).
    pub fn encoded(&self, url: &str, form: Form) -> String {
        match url.strip_prefix(&self.base_path) {
            Some(rest) if !self.base_path.is_empty() && rest.starts_with('/') => {
                format!("{}{}", self.base_path, uri::path(rest, form))
            }
            _ => uri::path(url, form),
        }
    }

    /// Where a URL is written under the output folder: pages get `index.html`.
    pub fn output_path(&self, url: &str) -> PathBuf {
        let relative = url
            .strip_prefix(&self.base_path)
            .unwrap_or(url)
            .trim_start_matches('/');
        let mut path = PathBuf::new();
        for segment in relative.split('/').filter(|s| !s.is_empty()) {
            path.push(segment);
        }
        if url.ends_with('/') {
            path.push("index.html");
        }
        path
    }

    /// The site URL [`Urls::encoded`] made `encoded` from.
    pub fn decoded(&self, encoded: &str) -> String {
        let (base, rest) = match encoded.strip_prefix(&self.base_path) {
            Some(rest) if !self.base_path.is_empty() && rest.starts_with('/') => {
                (self.base_path.as_str(), rest)
            }
            _ => ("", encoded),
        };
        let rest = percent_encoding::percent_decode_str(rest).decode_utf8_lossy();
        format!("{base}{rest}")
    }

    /// The base URL's path ("" or "/health").
    pub fn base_path(&self) -> &str {
        &self.base_path
    }
}

/// Percent-encodes an address that may already hold escapes (a URL
/// under the base path, whose own path comes encoded): see
/// [`crate::uri::written_path`].
pub fn encode_path(path: &str) -> String {
    crate::uri::written_path(path, crate::uri::Form::Uri)
}

/// Percent-encodes text for one query value or `mailto:` field.
pub fn encode_component(text: &str) -> String {
    crate::uri::component(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;
    use std::path::Path;

    fn urls(yaml: &str) -> Urls {
        Urls::new(&config::from_text(Path::new("/s"), yaml).config.unwrap())
    }

    #[test]
    fn slugs_are_readable_in_every_script() {
        assert_eq!(slugify("High Blood Pressure"), "high-blood-pressure");
        assert_eq!(slugify("  What's  new? (2026) "), "whats-new-2026");
        assert_eq!(slugify("Presión arterial"), "presión-arterial");
        assert_eq!(slugify("ضغط الدم"), "ضغط-الدم");
        assert_eq!(slugify("---"), "");
    }

    #[test]
    fn the_ascii_shortcut_gives_unicode_answers() {
        // Lowering every character with Unicode's tables, as before the
        // shortcut.
        let by_unicode = |text: &str| {
            let mut slug = String::new();
            let mut pending_dash = false;
            for c in text.chars().flat_map(char::to_lowercase) {
                if c.is_alphanumeric() || c == '_' {
                    if pending_dash && !slug.is_empty() {
                        slug.push('-');
                    }
                    pending_dash = false;
                    slug.push(c);
                } else if c != '\'' && c != '’' {
                    pending_dash = true;
                }
            }
            slug
        };
        for text in [
            "COVID-19 Vaccine_Facts",
            "ÉCOLE Über Straße",
            "İstanbul ΣΟΦΙΑ",
            "Don’t panic: 911!",
            "ضغط الدم ١٢٠",
            "\u{7f}tab\there",
        ] {
            assert_eq!(slugify(text), by_unicode(text), "{text}");
        }
    }

    #[test]
    fn language_prefixes_and_base_path() {
        let u = urls("title: T\nbase_url: https://e.org/health/\nlanguages: { en: {}, es: {} }\n");
        assert_eq!(u.language_home("en"), "/health/en/");
        assert_eq!(
            u.page("es", &["heart", "presion"]),
            "/health/es/heart/presion/"
        );
        assert_eq!(
            u.permalink("/health/es/heart/"),
            "https://e.org/health/es/heart/"
        );
        assert_eq!(
            u.output_path("/health/es/heart/"),
            Path::new("es/heart/index.html")
        );
        assert_eq!(u.output_path("/health/404.html"), Path::new("404.html"));
        let root = urls(
            "title: T\nbase_url: https://e.org\ndefault_language_at_root: true\nlanguages: { en: {}, es: {} }\n",
        );
        assert_eq!(root.language_home("en"), "/");
        assert_eq!(root.page("en", &["heart"]), "/heart/");
        assert_eq!(root.language_home("es"), "/es/");
    }

    #[test]
    fn permalinks_encode_non_ascii() {
        let u = urls("title: T\nbase_url: https://e.org\n");
        assert_eq!(
            u.permalink("/es/presión/"),
            "https://e.org/es/presi%C3%B3n/"
        );
    }

    /// Byte by byte, what the two encoders keep and what they escape.
    #[test]
    fn encoders_keep_exactly_their_sets() {
        let by_hand = |text: &str, keep: &[u8]| -> String {
            text.bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || keep.contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect()
        };
        let mut every: String = (1u8..=127).map(char::from).collect();
        every.push_str("é ضغط 血压 \u{202E}");
        assert_eq!(encode_component(&every), by_hand(&every, b"-._~"));
        // `%` starts no escape here (`%&'`): it is encoded too.
        assert_eq!(encode_path(&every), by_hand(&every, b"-._~/!$&'()*+,;=:@"));
        assert_eq!(encode_path("/a%20b"), "/a%20b");
        assert_eq!(encode_path("/ar/ضغط/"), "/ar/%D8%B6%D8%BA%D8%B7/");
        assert_eq!(encode_component("a b&c"), "a%20b%26c");
    }
}
