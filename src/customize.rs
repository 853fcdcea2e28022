//! `pamphlet i18n add <lang>` and `pamphlet theme copy <template>`: a site's
//! own copy of the theme's interface texts (to translate) or of one of its
//! templates (to edit), written beside the site's content.
//!
//! The English texts are read from the theme in use (its `i18n/en.yaml`,
//! with the site's own English overrides), never from a second copy here;
//! where each text shows is found in the theme's templates.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What `i18n add` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Added {
    pub file: PathBuf,
    /// How many texts were written.
    pub texts: usize,
    /// The file existed: the texts were added at its end.
    pub appended: bool,
}

/// Writes into `i18n/<language>.yaml` of the site every interface text the
/// language has no translation for (all of them for a language the theme
/// does not ship), as `key: "English text"` with a comment saying where it
/// shows. An existing file keeps every line; the missing texts go at its end.
pub(crate) fn add_language(config: &Config, theme: &Theme, language: &str) -> Result<Added> {
    if language
        .parse::<icu_locale_core::LanguageIdentifier>()
        .is_err()
        || language.contains('_')
        || language.is_empty()
    {
        return Err(Error::Usage(format!(
            "`{language}` is not a language code; use a BCP 47 code such as `so`, `ps`, `ht` or `pt-BR`"
        )));
    }
    let rel = Path::new("i18n").join(format!("{language}.yaml"));
    refuse_links(config, &rel)?;
    let english = english_texts(theme);
    let (strings, _) = crate::i18n::Strings::load(theme, &[language.to_string()], "en");
    let missing: Vec<&str> = strings
        .missing(language)
        .iter()
        .map(String::as_str)
        .collect();
    let file = config.root.join(&rel);
    let existed = file.exists();
    let mut text = String::new();
    if existed {
        text.push_str(&format!(
            "\n# Added by `pamphlet i18n add {language}`: still in English, to translate.\n"
        ));
    } else {
        text.push_str(&header(language));
    }
    let places = places(theme);
    let mut written = 0;
    for (section, key) in &english.order {
        if !missing.contains(&key.as_str()) {
            continue;
        }
        if let Some(section) = section {
            text.push_str(&format!("\n{section}\n"));
        }
        let value = english.texts.get(key).map_or("", String::as_str);
        text.push_str(&format!(
            "\n# {}\n{key}: {}\n",
            where_it_shows(key, &places),
            serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
        ));
        written += 1;
    }
    if written == 0 {
        return Ok(Added {
            file,
            texts: 0,
            appended: false,
        });
    }
    if existed {
        append(&file, &text)?;
    } else {
        crate::scaffold::write_new(&file, &text)?;
    }
    Ok(Added {
        file,
        texts: written,
        appended: existed,
    })
}

fn header(language: &str) -> String {
    format!(
        "# The theme's interface texts in `{language}`, written by `pamphlet i18n add {language}`.\n\
         # Translate the text in quotes after each name; keep the name before the colon,\n\
         # and anything in {{braces}}, such as {{date}}, as it is: Pamphlet fills it in.\n\
         # A line you delete shows in English (or the site's default language) again.\n"
    )
}

/// The English texts in the order of the theme's `en.yaml`, each with the
/// comment line that opens its group there, if any.
struct English {
    texts: BTreeMap<String, String>,
    order: Vec<(Option<String>, String)>,
}

fn english_texts(theme: &Theme) -> English {
    let (strings, _) = crate::i18n::Strings::load(theme, &["en".to_string()], "en");
    let texts: BTreeMap<String, String> = (*strings.table("en")).clone();
    let mut order = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, source) in theme.i18n.get("en").into_iter().flatten() {
        let mut comment: Option<String> = None;
        let mut before_first_key = true;
        for line in source.lines() {
            if line.starts_with('#') {
                // The file's own opening comment is not a group.
                if !before_first_key {
                    comment = Some(line.trim_end().to_string());
                }
                continue;
            }
            let Some((key, _)) = line.split_once(':') else {
                continue;
            };
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            before_first_key = false;
            if texts.contains_key(key) && seen.insert(key.to_string()) {
                order.push((comment.take(), key.to_string()));
            }
        }
    }
    // Texts no file line shows plainly (quoted keys, say) keep their place at the end.
    for key in texts.keys() {
        if seen.insert(key.clone()) {
            order.push((None, key.clone()));
        }
    }
    English { texts, order }
}

/// Key → the templates that show it (`t.key`), in name order.
fn places(theme: &Theme) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, source) in &theme.templates {
        for key in template_keys(source) {
            let names = found.entry(key).or_default();
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    found
}

/// The `t.<key>` names a template uses.
pub(crate) fn template_keys(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = source;
    while let Some(i) = rest.find("t.") {
        let before = rest[..i].chars().last();
        rest = &rest[i + 2..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let key: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !key.is_empty() {
            keys.push(key);
        }
    }
    keys
}

fn where_it_shows(key: &str, places: &BTreeMap<String, Vec<String>>) -> String {
    match places.get(key) {
        Some(names) if names.iter().any(|n| n == "base.html") => {
            "Shows on every page (base.html)".to_string()
        }
        Some(names) => format!("Shows on pages made from: {}", names.join(", ")),
        None if key.starts_with("card_") => "Shows on the share image of each page".to_string(),
        None if key.starts_with("feed_") => "The title of a feed".to_string(),
        None => {
            "Written by Pamphlet itself (dates, lists, messages), not by a template".to_string()
        }
    }
}

/// Adds `text` at the end of an existing file (never through a link).
fn append(file: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let meta = std::fs::symlink_metadata(file).map_err(|e| Error::io(file, e))?;
    if !meta.is_file() {
        return Err(Error::Usage(format!(
            "`{}` is not a plain file; it was not changed",
            file.display()
        )));
    }
    let existing = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let mut handle = std::fs::OpenOptions::new()
        .append(true)
        .open(file)
        .map_err(|e| Error::io(file, e))?;
    let newline = if existing.is_empty() || existing.ends_with(b"\n") {
        ""
    } else {
        "\n"
    };
    handle
        .write_all(format!("{newline}{text}").as_bytes())
        .map_err(|e| Error::io(file, e))
}

/// Refuses to write `rel` when a folder on its way is a link leaving the site.
fn refuse_links(config: &Config, rel: &Path) -> Result<()> {
    for folder in rel.ancestors().skip(1) {
        if folder.as_os_str().is_empty() {
            continue;
        }
        if !config.boundary.allows(folder) {
            return Err(Error::Usage(format!(
                "`{}` is a link to a place outside the site folder; nothing was written",
                folder.display()
            )));
        }
    }
    Ok(())
}

/// Copies the theme's template `name` (e.g. `article.html`,
/// `partials/review.html`) into the site's `templates/`, byte for byte, for
/// the site to edit. Refuses when the site already has its own.
pub(crate) fn copy_template(config: &Config, theme: &Theme, name: &str) -> Result<PathBuf> {
    let name = name.trim_start_matches("templates/");
    let rel = Path::new("templates").join(name);
    let origin = theme.template_origins.get(name);
    if origin.is_some_and(|o| o.starts_with("templates")) {
        return Err(Error::Usage(format!(
            "`{}` already exists: the site has its own `{name}`; it was not changed",
            rel.display()
        )));
    }
    let Some(source) = theme.templates.get(name) else {
        let hint = crate::diagnostics::suggest::did_you_mean(
            name,
            theme.templates.keys().map(String::as_str),
        )
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
        let names: Vec<&str> = theme.templates.keys().map(String::as_str).collect();
        return Err(Error::Usage(format!(
            "the theme has no template `{name}`{hint}; it has {}",
            names.join(", ")
        )));
    };
    refuse_links(config, &rel)?;
    let file = config.root.join(&rel);
    crate::scaffold::write_new(&file, source)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_from_template_expressions_only() {
        let keys = template_keys("{{ t.home }} {{ page.t.x }} {% if t.a_b %}at.no{% endif %}");
        assert_eq!(keys, ["home", "a_b"]);
    }

    #[test]
    fn every_english_text_has_its_place_and_group_comments_come_along() {
        let theme = crate::theme::embedded_default();
        let english = english_texts(&theme);
        let keys: Vec<&String> = english.order.iter().map(|(_, k)| k).collect();
        assert_eq!(keys.len(), english.texts.len());
        assert_eq!(keys[0], "skip_to_content", "the order of en.yaml");
        // The file's opening comment is not carried as a group.
        assert_eq!(english.order[0].0, None);
        assert!(english.order.iter().any(|(c, _)| c.is_some()));
        let places = places(&theme);
        assert!(where_it_shows("reviewed_by", &places).contains("partials/review.html"));
    }
}
