//! `languages:` and `default_language:`: which languages the site has, in
//! which order, and which way each is written.

use super::FILE_NAME;
pub use super::direction::Direction;
use super::raw::RawConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes, suggest};
use std::path::Path;

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

/// The default language and the site's languages in site.yaml's order (the
/// default language alone when none are listed); a code that is not a
/// language tag, or a default that is not listed, is an error.
pub(super) fn languages(
    raw: &RawConfig,
    title: &str,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> (String, Vec<Language>) {
    let file = Path::new(FILE_NAME);
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
            title: lang.title.clone().unwrap_or_else(|| title.to_string()),
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
            title: title.to_string(),
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
    (default_language, languages)
}
