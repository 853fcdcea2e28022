//! UI strings of the theme in each language ("Skip to content",
//! "References", "Last reviewed"...), with fallback to the default
//! language and then English, and a list of what each language is missing
//! (one `theme/missing-string` warning per language that misses any).

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
        Strings::load_listed(theme, languages, default_language, &|_| Position::start())
    }

    /// [`Strings::load`], with `listed` giving the line of site.yaml that
    /// lists a language (where its missing-texts warning points).
    pub fn load_listed(
        theme: &Theme,
        languages: &[String],
        default_language: &str,
        listed: &dyn Fn(&str) -> Position,
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
            if !missing.is_empty() {
                diagnostics.push(missing_warning(
                    theme,
                    lang,
                    default_language,
                    &missing,
                    listed,
                ));
            }
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

/// The warning for a language's missing keys: one short line with the
/// count and the command that writes them out to translate. It is placed on
/// the site's own strings file of the language when there is one, else on
/// the language's line in site.yaml (`listed` finds it): never on a theme
/// file the author may not have on disk.
fn missing_warning(
    theme: &Theme,
    language: &str,
    default_language: &str,
    missing: &[String],
    listed: &dyn Fn(&str) -> Position,
) -> Diagnostic {
    let instead = if language == default_language {
        "in English".to_string()
    } else {
        format!("in `{default_language}` (or English)")
    };
    let own = theme.i18n.get(language).and_then(|files| {
        files
            .iter()
            .rev()
            .find(|(path, _)| path.starts_with("i18n"))
    });
    let (file, position) = match own {
        Some((path, _)) => (path.clone(), Position::start()),
        None => (
            std::path::PathBuf::from(crate::config::FILE_NAME),
            listed(language),
        ),
    };
    let count = match missing.len() {
        1 => "1 interface text has".to_string(),
        n => format!("{n} interface texts have"),
    };
    Diagnostic::warning(
        codes::THEME_MISSING_STRING,
        &file,
        position,
        format!("{count} no `{language}` translation; pages show them {instead}"),
    )
    .with_hint(format!(
        "run `pamphlet i18n add {language}` to write them into `i18n/{language}.yaml`, ready to translate"
    ))
}

/// `zh-Hans` → `zh`, `pt-BR` → `pt`.
pub fn primary(lang: &str) -> &str {
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
        let found: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.code, d.file.display().to_string(), d.message.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    codes::THEME_MISSING_STRING,
                    "i18n/es.yaml".to_string(),
                    "1 interface text has no `es` translation; pages show them in `en` (or English)".to_string()
                ),
                (
                    codes::THEME_MISSING_STRING,
                    "site.yaml".to_string(),
                    "2 interface texts have no `pt-BR` translation; pages show them in `en` (or English)".to_string()
                ),
            ]
        );
        assert_eq!(strings.get("es", "home", &[]), "Inicio");
        assert_eq!(strings.get("es", "references", &[]), "References");
        assert_eq!(strings.missing("es"), ["references"]);
        assert_eq!(strings.missing("pt-BR"), ["home", "references"]);
        assert!(strings.missing("en").is_empty());
    }

    #[test]
    fn shipped_string_files_are_complete_and_cover_every_template() {
        let theme = crate::theme::embedded_default();
        let languages: Vec<String> = theme.i18n.keys().cloned().collect();
        assert_eq!(languages, ["ar", "en", "es", "fr", "zh-Hans"]);
        let (strings, diagnostics) = Strings::load(&theme, &languages, "en");
        let problems: Vec<_> = diagnostics.iter().map(|d| d.message.clone()).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        let en = strings.table("en");
        for (name, source) in &theme.templates {
            for key in crate::customize::template_keys(source) {
                assert!(
                    en.contains_key(&key),
                    "{name} uses `t.{key}`, which en.yaml lacks"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let t = theme(&[("en", "min_read: \"{n} min read\"\n")]);
        let (strings, _) = Strings::load(&t, &["en".into()], "en");
        assert_eq!(strings.get("en", "min_read", &[("n", "4")]), "4 min read");
    }
}
