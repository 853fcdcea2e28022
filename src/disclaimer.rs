//! The notice under every article: "this does not replace advice from your
//! doctor; in an emergency call <number>", a contact link and the
//! funding/advertising statement (HONcode's complementarity, transparency
//! and financial-disclosure principles).
//!
//! site.yaml holds the facts (`emergency:`, `contact:`, `funding:`), checked
//! by [`crate::config`] when the configuration is read; here they become
//! each article's notice, and a contact page the site does not have is
//! reported. The sentences around the facts are theme strings, so every
//! language has a default and a site can reword them.

use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::i18n::Strings;
use crate::site::{PageId, PageKind, Site};
use serde::Serialize;
use std::path::Path;

/// The `tel:` address of a number as written: `+44 (20) 7946-0000` → `tel:+442079460000`.
pub(crate) fn tel_href(number: &str) -> String {
    let plus = if number.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}

/// The contact, privacy and accessibility addresses that name a page of
/// the site that does not exist.
pub(crate) fn check_site(site: &Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let settings = &site.config.disclaimer;
    let links = [
        ("contact", &settings.contact),
        ("privacy_policy", &settings.privacy_policy),
        ("accessibility_statement", &settings.accessibility_statement),
    ];
    let given = links
        .iter()
        .filter_map(|(key, value)| value.as_ref().map(|v| (key, v)));
    for (key, address) in given.flat_map(|(key, v)| v.texts().into_iter().map(move |a| (key, a))) {
        let address = address.trim();
        if address.starts_with('/') && !address.starts_with("//") && !site.serves(address) {
            diagnostics.push(
                Diagnostic::error(
                    codes::LINK_BROKEN,
                    Path::new(crate::config::FILE_NAME),
                    Position::start(),
                    format!("`{key}: {address}` is not a page of this site"),
                )
                .with_hint("write the page's address as it is published, e.g. `/en/contact/`"),
            );
        }
    }
    diagnostics
}

/// What the theme shows under an article.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct DisclaimerView {
    /// "This information does not replace advice from your doctor…".
    pub advice: String,
    /// The emergency sentence around the number: text before and after it.
    pub emergency_before: String,
    pub emergency_after: String,
    /// The number as written (`"112"`), its `tel:` address and the link's
    /// accessible name ("Call 112"). `None` when the site sets no number:
    /// `emergency_before` then holds the theme's generic sentence.
    pub emergency_number: Option<String>,
    pub emergency_tel: Option<String>,
    pub emergency_label: Option<String>,
    /// The contact link's address (none unless site.yaml sets `contact:`).
    pub contact_url: Option<String>,
    pub funding: String,
    /// The language of `funding` when it is not the page's.
    pub funding_language: Option<String>,
}

/// The notice of an article page (`None` for other pages).
pub(crate) fn view(site: &Site, id: PageId, strings: &Strings) -> Option<DisclaimerView> {
    let page = site.page(id);
    if page.kind != PageKind::Article || page.source.is_none() {
        return None;
    }
    let language = page.language.as_str();
    let settings = &site.config.disclaimer;
    let default_language = &site.config.default_language;
    let number = settings.emergency_for(language);
    let (before, after) = match number {
        Some(_) => {
            let sentence = strings.get(language, "disclaimer_emergency", &[]);
            match sentence.split_once("{number}") {
                Some((b, a)) => (b.to_string(), a.to_string()),
                None => (format!("{sentence} "), String::new()),
            }
        }
        None => (
            strings.get(language, "disclaimer_emergency_generic", &[]),
            String::new(),
        ),
    };
    let (funding, funding_language) = match settings
        .funding
        .as_ref()
        .and_then(|f| f.get(language, default_language))
    {
        Some((text, other)) => (text.to_string(), other.map(str::to_string)),
        None => (strings.get(language, "funding_statement", &[]), None),
    };
    Some(DisclaimerView {
        advice: strings.get(language, "disclaimer_advice", &[]),
        emergency_before: before,
        emergency_after: after,
        emergency_number: number.map(str::to_string),
        emergency_tel: number.map(tel_href),
        emergency_label: number.map(|n| strings.get(language, "disclaimer_call", &[("number", n)])),
        contact_url: site.address(settings.contact.as_ref(), language),
        funding,
        funding_language,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_addresses_keep_only_the_plus_and_digits() {
        assert_eq!(tel_href("911"), "tel:911");
        assert_eq!(tel_href("+44 (20) 7946-0000"), "tel:+442079460000");
    }
}
