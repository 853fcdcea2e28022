//! UI strings of the theme in each language ("Skip to content",
//! "References", "Last reviewed"...), with fallback to the default
//! language and then English, and a list of what each language is missing.

use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Key → text for one language.
pub type StringTable = BTreeMap<String, String>;

/// The UI strings of every language of a site.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    tables: BTreeMap<String, StringTable>,
    /// Tables with fallbacks merged in, per site language.
    merged: BTreeMap<String, Arc<StringTable>>,
    missing: BTreeMap<String, Vec<String>>,
}

impl Strings {
    /// Reads the theme's (and site's) string files. Broken files are diagnostics.
    pub fn load(
        theme: &Theme,
        languages: &[String],
        default_language: &str,
    ) -> (Strings, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let mut tables: BTreeMap<String, StringTable> = BTreeMap::new();
        for (lang, files) in &theme.i18n {
            let table = tables.entry(lang.clone()).or_default();
            for (path, text) in files {
                match crate::yaml::parse_value(text) {
                    Ok(serde_json::Value::Object(map)) => {
                        for (key, value) in map {
                            let text = match value {
                                serde_json::Value::String(s) => s,
                                other => other.to_string(),
                            };
                            table.insert(key, text);
                        }
                    }
                    Ok(serde_json::Value::Null) => {}
                    Ok(_) => diagnostics.push(Diagnostic::error(
                        codes::CONFIG_INVALID_VALUE,
                        path,
                        Position::start(),
                        "a UI strings file must be a list of `key: text` lines",
                    )),
                    Err(e) => diagnostics.push(Diagnostic::error(
                        codes::CONFIG_SYNTAX,
                        path,
                        e.position,
                        e.message,
                    )),
                }
            }
        }
        let mut strings = Strings {
            tables,
            ..Strings::default()
        };
        for lang in languages {
            let chain = [lang.as_str(), primary(lang), default_language, "en"];
            let mut merged = StringTable::new();
            for source in chain.iter().rev() {
                if let Some(table) = strings.tables.get(*source) {
                    merged.extend(table.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
            let own: Vec<&StringTable> = [lang.as_str(), primary(lang)]
                .iter()
                .filter_map(|l| strings.tables.get(*l))
                .collect();
            let missing: Vec<String> = merged
                .keys()
                .filter(|k| !own.iter().any(|t| t.contains_key(*k)))
                .cloned()
                .collect();
            strings.missing.insert(lang.clone(), missing);
            strings.merged.insert(lang.clone(), Arc::new(merged));
        }
        (strings, diagnostics)
    }

    /// The strings of a language, fallbacks included.
    pub fn table(&self, language: &str) -> Arc<StringTable> {
        self.merged.get(language).cloned().unwrap_or_default()
    }

    /// One string, with `{name}` placeholders filled in.
    pub fn get(&self, language: &str, key: &str, args: &[(&str, &str)]) -> String {
        let table = self.table(language);
        let mut text = table.get(key).cloned().unwrap_or_else(|| key.to_string());
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Keys a language has no text for (it shows the fallback instead).
    pub fn missing(&self, language: &str) -> &[String] {
        self.missing.get(language).map_or(&[], Vec::as_slice)
    }
}

/// `zh-Hans` → `zh`, `pt-BR` → `pt`.
fn primary(lang: &str) -> &str {
    lang.split('-').next().unwrap_or(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn theme(files: &[(&str, &str)]) -> Theme {
        let mut theme = Theme::default();
        for (lang, text) in files {
            theme
                .i18n
                .entry(lang.to_string())
                .or_default()
                .push((PathBuf::from(format!("i18n/{lang}.yaml")), text.to_string()));
        }
        theme
    }

    #[test]
    fn falls_back_to_default_language_then_english() {
        let t = theme(&[
            ("en", "home: Home\nreferences: References\n"),
            ("es", "home: Inicio\n"),
        ]);
        let (strings, diagnostics) =
            Strings::load(&t, &["en".into(), "es".into(), "pt-BR".into()], "en");
        assert!(diagnostics.is_empty());
        assert_eq!(strings.get("es", "home", &[]), "Inicio");
        assert_eq!(strings.get("es", "references", &[]), "References");
        assert_eq!(strings.missing("es"), ["references"]);
        assert_eq!(strings.missing("pt-BR"), ["home", "references"]);
        assert!(strings.missing("en").is_empty());
    }

    #[test]
    fn placeholders_are_filled() {
        let t = theme(&[("en", "min_read: \"{n} min read\"\n")]);
        let (strings, _) = Strings::load(&t, &["en".into()], "en");
        assert_eq!(strings.get("en", "min_read", &[("n", "4")]), "4 min read");
    }
}
