//! `tags:`: a tag's name in each language.
//!
//! Articles name tags as they like (`heart` in English, `corazon` in a
//! Spanish translation, or the English tag inherited). The map says these
//! are one tag and what it is called in each language:
//!
//! ```yaml
//! tags:
//!   heart: { en: Heart, es: Corazón, ar: القلب }
//! ```
//!
//! A tag written in any of its names (or as its key), with or without
//! accents, is that tag; its page in each language is titled with that
//! language's name, lives at the name's slug, and is linked to its pages in
//! the other languages.

use super::FILE_NAME;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes, suggest};
use indexmap::IndexMap;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// `tags:` as written: tag → language → name.
pub(super) type RawTags = IndexMap<String, IndexMap<String, String>>;

/// One tag of the map.
#[derive(Debug, Clone)]
pub struct TagEntry {
    /// The key's slug: what the tag's pages share across languages.
    pub key: String,
    /// Language code → the tag's name in it.
    pub names: BTreeMap<String, String>,
    /// Where the tag's key is in site.yaml (for warnings about it).
    pub position: Position,
}

impl TagEntry {
    /// The tag's name in `language`, if the map gives one.
    pub fn name(&self, language: &str) -> Option<&str> {
        self.names.get(language).map(String::as_str)
    }
}

/// The checked map.
#[derive(Debug, Clone, Default)]
pub struct TagNames {
    entries: Vec<TagEntry>,
    /// Every accent-free slug a tag may be written as → its entry.
    by_slug: HashMap<String, usize>,
}

impl TagNames {
    /// The entry a tag as written in front matter belongs to.
    pub fn find(&self, written: &str) -> Option<&TagEntry> {
        if self.entries.is_empty() {
            return None;
        }
        self.by_slug
            .get(&crate::slug::folded(written))
            .map(|&i| &self.entries[i])
    }
}

/// Checks the map: known languages, names that are not empty, and no name
/// (once accents are dropped) given to two tags.
pub(super) fn names(
    raw: &RawTags,
    languages: &[String],
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> TagNames {
    let mut map = TagNames::default();
    let file = Path::new(FILE_NAME);
    for (key, names) in raw {
        let index = map.entries.len();
        let key_slug = crate::slug::folded(key);
        if key_slug.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    locate(&["tags", key]),
                    format!("the tag `{key}` has no letters or digits, so it has no address"),
                )
                .with_hint("name the tag with a word, e.g. `heart:`"),
            );
            continue;
        }
        let mut entry = TagEntry {
            key: key_slug.clone(),
            names: BTreeMap::new(),
            position: locate(&["tags", key]),
        };
        let mut claims = vec![(key_slug, key.as_str(), vec!["tags", key.as_str()])];
        for (language, name) in names {
            let at = locate(&["tags", key, language]);
            match name_slug(key, language, name, languages) {
                Ok(slug) => {
                    claims.push((
                        slug,
                        name.as_str(),
                        vec!["tags", key.as_str(), language.as_str()],
                    ));
                    entry
                        .names
                        .insert(language.clone(), name.trim().to_string());
                }
                Err((message, hint)) => diagnostics.push(
                    Diagnostic::error(codes::CONFIG_INVALID_VALUE, file, at, message)
                        .with_hint(hint),
                ),
            }
        }
        for (slug, written, path) in claims {
            match map.by_slug.get(&slug) {
                Some(&other) if other != index => diagnostics.push(
                    Diagnostic::error(
                        codes::CONFIG_INVALID_VALUE,
                        file,
                        locate(&path),
                        format!(
                            "“{written}” is a name of two tags, `{}` and `{key}`: their pages would share one address",
                            map.entries[other].key
                        ),
                    )
                    .with_hint("give each tag its own name, or merge the two entries into one"),
                ),
                _ => {
                    map.by_slug.insert(slug, index);
                }
            }
        }
        map.entries.push(entry);
    }
    map
}

/// The slug of a tag's name in a language, or why the name is refused (a
/// language the site does not have, a name with no letters).
fn name_slug(
    key: &str,
    language: &str,
    name: &str,
    languages: &[String],
) -> Result<String, (String, String)> {
    if !languages.iter().any(|l| l == language) {
        let hint = suggest::did_you_mean(language, languages.iter().map(String::as_str))
            .unwrap_or_else(|| {
                format!(
                    "use one of the codes under `languages:`: {}",
                    languages.join(", ")
                )
            });
        return Err((
            format!(
                "the tag `{key}` has a name in `{language}`, which is not one of the site's languages"
            ),
            hint,
        ));
    }
    let slug = crate::slug::folded(name);
    if slug.is_empty() {
        return Err((
            format!("the tag `{key}` has an empty name in `{language}`"),
            "write the tag's name in that language, or remove the line".to_string(),
        ));
    }
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml: &str) -> (TagNames, Diagnostics) {
        let raw: RawTags = crate::yaml::parse(yaml).unwrap().0;
        let mut diagnostics = Diagnostics::new();
        let languages = vec!["en".to_string(), "es".to_string()];
        let names = names(&raw, &languages, &|_| Position::start(), &mut diagnostics);
        (names, diagnostics)
    }

    #[test]
    fn a_tag_is_found_by_any_of_its_names_with_or_without_accents() {
        let (names, diagnostics) = check("heart: { en: Heart, es: Corazón }");
        assert!(diagnostics.is_empty());
        for written in ["heart", "Heart", "corazon", "Corazón", "CORAZÓN"] {
            let entry = names.find(written).expect(written);
            assert_eq!(entry.key, "heart");
            assert_eq!(entry.name("es"), Some("Corazón"));
        }
        assert!(names.find("lungs").is_none());
    }

    #[test]
    fn unknown_languages_empty_names_and_shared_names_are_errors() {
        let (_, diagnostics) = check("heart: { fr: Cœur }");
        assert_eq!(diagnostics.len(), 1);
        let (_, diagnostics) = check("heart: { es: '  ' }");
        assert_eq!(diagnostics.len(), 1);
        let (_, diagnostics) = check("heart: { es: Corazón }\ncore: { es: corazon }");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let (_, diagnostics) = check("'!!': { es: Algo }");
        assert_eq!(diagnostics.len(), 1);
    }
}
