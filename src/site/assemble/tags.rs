//! A language's tag pages, from its articles' tags and site.yaml's `tags:`
//! map of names.
//!
//! A tag is one tag however its articles write it: `Heart` and `heart` are
//! one, and with the map so are `heart` and `corazon`. Each tag gets a page
//! titled with its name in the page's language (the map's, else the
//! alphabetically first way the articles wrote it) at that name's slug;
//! its `place` (what translation groups are made of) is the map's key, so
//! `/es/tags/corazon/` is the translation of `/en/tags/heart/`.

use super::Builder;
use crate::config::{TagEntry, TagNames};
use crate::diagnostics::{Diagnostic, codes};
use crate::site::urls::slugify;
use crate::site::{PageId, PageKind, TagRef};
use std::collections::BTreeMap;
use std::path::Path;

/// One tag of a language while its pages are made.
struct Gathered<'m> {
    /// The map's entry, when the tag has one.
    entry: Option<&'m TagEntry>,
    /// The name the page shows.
    name: String,
    /// The slug of its address.
    slug: String,
    members: Vec<PageId>,
}

impl Builder<'_> {
    /// Runs after inheritance, so a translation that leaves `tags` to its
    /// source is listed under the source's tags. Returns a warning for each
    /// tag of the map used in this language without a name in it.
    pub(super) fn add_tags(&mut self, language: &str, map: &TagNames) -> Vec<Diagnostic> {
        let Some(&home) = self.homes.get(language) else {
            return Vec::new();
        };
        let articles = self.pages[home].pages.clone();
        // By place: the map's key, or the tag's own slug.
        let mut tags: BTreeMap<String, Gathered> = BTreeMap::new();
        for &id in &articles {
            let mut places = Vec::new();
            for tag in &self.pages[id].meta.tags {
                let Some((place, gathered)) = identify(tag, language, map) else {
                    continue;
                };
                let entry = tags.entry(place.clone()).or_insert(gathered);
                if entry.entry.and_then(|e| e.name(language)).is_none() && tag < &entry.name {
                    entry.name = tag.clone();
                    entry.slug = slugify(tag);
                }
                // Articles come in id order, so a tag the page already
                // named (`Heart` and `heart`) is the list's last entry.
                if entry.members.last() != Some(&id) {
                    entry.members.push(id);
                    places.push(place);
                }
            }
            self.pages[id].tags = places
                .into_iter()
                .map(|place| TagRef {
                    name: place,
                    url: String::new(),
                })
                .collect();
        }
        if tags.is_empty() {
            return Vec::new();
        }
        let tags_url = self.urls.page(language, &["tags"]);
        let tags_id = self.push(self.generated(
            PageKind::Tags,
            language,
            tags_url,
            "tags",
            "Tags",
            Some(home),
        ));
        let mut warnings = Vec::new();
        for (place, tag) in &tags {
            let url = self.urls.page(language, &["tags", tag.slug.as_str()]);
            let mut page = self.generated(
                PageKind::Tag,
                language,
                url.clone(),
                &format!("tags/{place}"),
                &tag.name,
                Some(tags_id),
            );
            page.pages = tag.members.clone();
            let id = self.push(page);
            self.pages[tags_id].subsections.push(id);
            for &member in &tag.members {
                for tag_ref in &mut self.pages[member].tags {
                    if &tag_ref.name == place {
                        *tag_ref = TagRef {
                            name: tag.name.clone(),
                            url: url.clone(),
                        };
                    }
                }
            }
            if let Some(entry) = tag.entry.filter(|e| e.name(language).is_none()) {
                warnings.push(untranslated(entry, &tag.name, language));
            }
        }
        warnings
    }
}

/// The place a tag as written belongs to, and its first gathering; `None`
/// for a tag with no letters or digits.
fn identify<'m>(tag: &str, language: &str, map: &'m TagNames) -> Option<(String, Gathered<'m>)> {
    if let Some(entry) = map.find(tag) {
        let (name, slug) = match entry.name(language) {
            Some(name) => (name.to_string(), crate::slug::folded(name)),
            None => (tag.to_string(), slugify(tag)),
        };
        let gathered = Gathered {
            entry: Some(entry),
            name,
            slug,
            members: Vec::new(),
        };
        return Some((entry.key.clone(), gathered));
    }
    let slug = slugify(tag);
    if slug.is_empty() {
        return None;
    }
    let gathered = Gathered {
        entry: None,
        name: tag.to_string(),
        slug: slug.clone(),
        members: Vec::new(),
    };
    Some((slug, gathered))
}

/// A tag the map names, used in a language the map gives it no name in.
fn untranslated(entry: &TagEntry, shown: &str, language: &str) -> Diagnostic {
    Diagnostic::warning(
        codes::TRANSLATION_TAG_NAME,
        Path::new(crate::config::FILE_NAME),
        entry.position,
        format!(
            "the tag `{}` has no name in `{language}`: its `{language}` page is titled “{shown}”",
            entry.key
        ),
    )
    .with_hint(format!(
        "add `{language}: …` with the tag's name in that language under `tags: {}:` in site.yaml",
        entry.key
    ))
}
