//! Text written once for every language, or once per language: a
//! profile's `bio:`, site.yaml's `funding:`. Authors write either
//! `bio: Family doctor.` or `bio: { en: Family doctor., es: Médica de familia. }`.

use serde::Deserialize;
use std::collections::BTreeMap;

/// A text for every language, or one per language code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Localized {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

impl Localized {
    /// The text for `language`: its own, else its primary language's
    /// (`es` for `es-MX`), else the default language's, else the first
    /// written (in code order, so the choice is stable). Blank texts count
    /// as not written. The second value is the language the text is in when
    /// it is not `language` (for a `lang` attribute), `None` when it is
    /// `language` or unknown (a plain string).
    pub fn get(&self, language: &str, default_language: &str) -> Option<(&str, Option<&str>)> {
        match self {
            Localized::Same(text) => Some((text.trim(), None)).filter(|(t, _)| !t.is_empty()),
            Localized::PerLanguage(map) => {
                let primary = language.split('-').next().unwrap_or(language);
                let written = |code: &str| {
                    map.get_key_value(code)
                        .filter(|(_, t)| !t.trim().is_empty())
                        .map(|(c, t)| (t.trim(), c.as_str()))
                };
                let (text, code) = written(language)
                    .or_else(|| written(primary))
                    .or_else(|| written(default_language))
                    .or_else(|| {
                        map.iter()
                            .find(|(_, t)| !t.trim().is_empty())
                            .map(|(c, t)| (t.trim(), c.as_str()))
                    })?;
                let other = (code != language && code != primary).then_some(code);
                Some((text, other))
            }
        }
    }

    /// The text for `language` (see [`Localized::get`]), without its language.
    pub fn text(&self, language: &str, default_language: &str) -> Option<&str> {
        self.get(language, default_language).map(|(t, _)| t)
    }

    /// Whether no language has a non-blank text.
    pub fn is_blank(&self) -> bool {
        match self {
            Localized::Same(text) => text.trim().is_empty(),
            Localized::PerLanguage(map) => map.values().all(|t| t.trim().is_empty()),
        }
    }

    /// Every text written, for checks that look at all of them.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Localized::Same(text) => vec![text.as_str()],
            Localized::PerLanguage(map) => map.values().map(String::as_str).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per(pairs: &[(&str, &str)]) -> Localized {
        Localized::PerLanguage(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn one_text_serves_every_language() {
        let same = Localized::Same(" Nurse ".into());
        assert_eq!(same.get("ar", "en"), Some(("Nurse", None)));
        assert_eq!(Localized::Same("  ".into()).get("en", "en"), None);
    }

    #[test]
    fn falls_back_to_primary_then_default_then_first() {
        let l = per(&[("en", "Doctor"), ("es", "Médica"), ("fr", " ")]);
        assert_eq!(l.get("es", "en"), Some(("Médica", None)));
        assert_eq!(l.get("es-MX", "en"), Some(("Médica", None)));
        assert_eq!(l.get("ar", "en"), Some(("Doctor", Some("en"))));
        assert_eq!(
            l.get("fr", "en"),
            Some(("Doctor", Some("en"))),
            "blank is unwritten"
        );
        let only_es = per(&[("es", "Médica")]);
        assert_eq!(only_es.get("ar", "en"), Some(("Médica", Some("es"))));
        assert!(per(&[("en", "")]).is_blank());
    }

    #[test]
    fn reads_both_yaml_shapes() {
        let same: Localized = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(same, Localized::Same("x".into()));
        let map: Localized = serde_json::from_str("{\"en\":\"a\",\"es\":\"b\"}").unwrap();
        assert_eq!(map.text("es", "en"), Some("b"));
    }
}
