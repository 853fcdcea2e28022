//! The facts behind the notice under every article, as site.yaml gives
//! them (`emergency:`, `contact:`, `funding:`), checked when the
//! configuration is read; the notice itself is made by [`crate::disclaimer`].

use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes, suggest};
use crate::localized::Localized;
use crate::yaml::Scalar;
use crate::yaml::{self, Segment};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// `emergency:` as written: the number to call, and other numbers for
/// some languages or regions (`by_language: { es: "112", en-GB: "999" }`).
#[derive(Debug, Clone, Deserialize, Default, PartialEq, schemars::JsonSchema)]
#[serde(default)]
pub struct EmergencyConfig {
    pub number: Option<Scalar>,
    pub by_language: BTreeMap<String, Scalar>,
}

/// The checked `emergency:`, `contact:` and `funding:` settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// The emergency number for languages not in `by_language`.
    pub emergency: Option<String>,
    pub emergency_by_language: BTreeMap<String, String>,
    /// `https://…`, `mailto:…`, `tel:…` or a path on the site (`/en/contact/`).
    pub contact: Option<Localized>,
    /// Replaces the theme's `funding_statement` text.
    pub funding: Option<Localized>,
    /// `privacy_policy:` and `accessibility_statement:`: the footer's links
    /// to the site's own statements (addresses like `contact:`).
    pub privacy_policy: Option<Localized>,
    pub accessibility_statement: Option<Localized>,
}

impl Settings {
    /// The emergency number for a page language: its own, its primary
    /// language's (`es` for `es-MX`), else the site-wide one.
    pub fn emergency_for(&self, language: &str) -> Option<&str> {
        let primary = language.split('-').next().unwrap_or(language);
        self.emergency_by_language
            .get(language)
            .or_else(|| self.emergency_by_language.get(primary))
            .or(self.emergency.as_ref())
            .map(String::as_str)
    }
}

/// Checks the settings as read from site.yaml (`text`, for positions).
/// `languages` are the site's language codes.
pub fn settings(
    emergency: EmergencyConfig,
    contact: Option<Localized>,
    funding: Option<Localized>,
    languages: &[String],
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Settings {
    let file = Path::new(super::FILE_NAME);
    let at = |path: &[&str]| -> Position {
        let segments: Vec<Segment> = path.iter().map(|k| Segment::Key(k.to_string())).collect();
        yaml::locate(text, &segments).unwrap_or_else(Position::start)
    };
    let mut number = |value: &Scalar, path: &[&str]| -> Option<String> {
        let value = value.0.trim();
        if is_phone_number(value) {
            return Some(value.to_string());
        }
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                file,
                at(path),
                format!("`{}` is not a phone number", value),
            )
            .with_hint("write the number as people dial it, in quotes: `\"911\"`, `\"112\"`, `\"+44 20 7946 0000\"`"),
        );
        None
    };
    let default = emergency
        .number
        .as_ref()
        .and_then(|n| number(n, &["emergency", "number"]));
    let mut by_language = BTreeMap::new();
    for (code, value) in &emergency.by_language {
        if let Some(n) = number(value, &["emergency", "by_language", code]) {
            by_language.insert(code.clone(), n);
        }
    }
    for code in emergency.by_language.keys() {
        let primaries: Vec<&str> = languages
            .iter()
            .map(|l| l.split('-').next().unwrap_or(l))
            .collect();
        if !languages.contains(code) && !primaries.contains(&code.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    at(&["emergency", "by_language", code]),
                    format!("`{code}` is not one of the site's languages"),
                )
                .maybe_hint(suggest::did_you_mean(
                    code,
                    languages.iter().map(String::as_str),
                )),
            );
        }
    }
    check_address(contact.as_ref(), "contact", &at, diagnostics);
    Settings {
        emergency: default,
        emergency_by_language: by_language,
        contact,
        funding: funding.filter(|f| !f.is_blank()),
        privacy_policy: None,
        accessibility_statement: None,
    }
}

/// The footer's links (`privacy_policy:`, `accessibility_statement:`),
/// checked like `contact:`, into `settings`.
pub fn footer_links(
    settings: &mut Settings,
    privacy_policy: Option<Localized>,
    accessibility_statement: Option<Localized>,
    text: &str,
    diagnostics: &mut Diagnostics,
) {
    let at = |path: &[&str]| -> Position {
        let segments: Vec<Segment> = path.iter().map(|k| Segment::Key(k.to_string())).collect();
        yaml::locate(text, &segments).unwrap_or_else(Position::start)
    };
    check_address(privacy_policy.as_ref(), "privacy_policy", &at, diagnostics);
    check_address(
        accessibility_statement.as_ref(),
        "accessibility_statement",
        &at,
        diagnostics,
    );
    settings.privacy_policy = privacy_policy.filter(|l| !l.is_blank());
    settings.accessibility_statement = accessibility_statement.filter(|l| !l.is_blank());
}

/// Each address of a link setting is a web address, e-mail, phone link or
/// site path; anything else (`javascript:`…) is an error at the key.
fn check_address(
    value: Option<&Localized>,
    key: &str,
    at: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) {
    let Some(value) = value else {
        return;
    };
    for address in value.texts() {
        if let Err(message) = check_contact(address.trim()) {
            diagnostics.push(
                Diagnostic::error(codes::CONFIG_INVALID_VALUE, Path::new(super::FILE_NAME), at(&[key]), message)
                    .with_hint(format!("write `{key}:` as a web address (`https://…`), an e-mail (`mailto:info@example.org`), a phone number (`tel:+15550100`) or a page of the site (`/en/privacy/`)")),
            );
        }
    }
}

/// Digits, spaces, `-`, `.`, `(`, `)` and one leading `+`; at least one digit.
fn is_phone_number(text: &str) -> bool {
    let body = text.strip_prefix('+').unwrap_or(text);
    body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()".contains(c))
}

fn check_contact(address: &str) -> Result<(), String> {
    if address.starts_with('/') && !address.starts_with("//") {
        return Ok(());
    }
    let bad = || format!("`{address}` is not a web address, e-mail or phone link");
    let url = url::Url::parse(address).map_err(|_| bad())?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(()),
        "mailto" if url.path().contains('@') => Ok(()),
        "tel" if is_phone_number(url.path()) => Ok(()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml_text: &str) -> (Settings, Vec<String>) {
        let mut diagnostics = Diagnostics::new();
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Raw {
            emergency: EmergencyConfig,
            contact: Option<Localized>,
            funding: Option<Localized>,
        }
        let (raw, _) = yaml::parse::<Raw>(yaml_text).unwrap();
        let languages = vec!["en".to_string(), "es-MX".to_string(), "ar".to_string()];
        let settings = settings(
            raw.emergency,
            raw.contact,
            raw.funding,
            &languages,
            yaml_text,
            &mut diagnostics,
        );
        let found = diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.position.line, d.position.column, d.message))
            .collect();
        (settings, found)
    }

    #[test]
    fn numbers_per_language_with_fallbacks() {
        let (s, found) =
            check("emergency:\n  number: 911\n  by_language: { es: \"112\", ar: \"+971 999\" }\n");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(s.emergency_for("en"), Some("911"));
        assert_eq!(s.emergency_for("es-MX"), Some("112"), "primary language");
        assert_eq!(s.emergency_for("ar"), Some("+971 999"));
        assert_eq!(Settings::default().emergency_for("en"), None);
    }

    #[test]
    fn bad_numbers_languages_and_contacts_are_errors_at_their_line() {
        let (_, found) = check(
            "emergency:\n  number: call me\n  by_language:\n    ess: \"112\"\ncontact: javascript:alert(1)\n",
        );
        assert_eq!(
            found,
            [
                "2:3 `call me` is not a phone number",
                "4:5 `ess` is not one of the site's languages",
                "5:1 `javascript:alert(1)` is not a web address, e-mail or phone link",
            ]
        );
        for good in [
            "https://e.org/contact",
            "mailto:info@e.org",
            "tel:+15550100",
            "/en/contact/",
        ] {
            assert!(check_contact(good).is_ok(), "{good}");
        }
        for bad in [
            "mailto:nobody",
            "ftp://e.org",
            "//e.org/x",
            "e.org",
            "tel:abc",
        ] {
            assert!(check_contact(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phone_numbers_are_digits_with_one_leading_plus() {
        assert!(is_phone_number("1-800-222-1222"));
        assert!(!is_phone_number("++1"));
        assert!(!is_phone_number(""));
    }
}
