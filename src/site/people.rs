//! Who is who across the site: [`attach`] joins the profiles to the
//! assembled site, and [`Directory`] answers, for a reviewer or author entry,
//! which person it is and where that person is listed.
//!
//! An entry is a profile's person when it names the profile's `id`, or, with
//! no `id`, when its name is the profile's name; any other name is a person
//! without a profile, the same person wherever the name is written the same
//! (letter case and punctuation aside). Each person has one anchor on every
//! language's people page: the profile id, or the name as a slug.

use super::{CopiedFile, Page, PageId, PageKind, Site};
use crate::data::people::{People, Profile};
use crate::diagnostics::{Diagnostic, Diagnostics, codes, suggest};
use crate::frontmatter::FrontMatter;
use crate::site::urls::slugify;
use crate::yaml::Segment;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The profiles and each language's people page.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub people: Arc<People>,
    /// Language → its people page.
    pub pages: BTreeMap<String, PageId>,
    /// Profile name slug → id, for entries that write a profile's name.
    by_name: BTreeMap<String, String>,
}

/// Which person an entry is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Person {
    Profile(String),
    /// A person without a profile, by the slug of their name.
    Named(String),
}

impl Directory {
    fn new(people: Arc<People>) -> Directory {
        let mut by_name = BTreeMap::new();
        for profile in people.profiles.values() {
            by_name
                .entry(slugify(&profile.name))
                .or_insert_with(|| profile.id.clone());
        }
        Directory {
            people,
            pages: BTreeMap::new(),
            by_name,
        }
    }

    /// The person an entry (`id:` and `name:` as resolved) is, if any: an
    /// unknown id, or a name with no letters or digits, is no one.
    pub fn person(&self, id: Option<&str>, name: &str) -> Option<Person> {
        if let Some(id) = id {
            return self.people.get(id).map(|p| Person::Profile(p.id.clone()));
        }
        let slug = slugify(name);
        if slug.is_empty() {
            return None;
        }
        Some(match self.by_name.get(&slug) {
            Some(id) => Person::Profile(id.clone()),
            None => Person::Named(slug),
        })
    }

    /// The person's `id` on every people page.
    pub fn anchor(&self, person: &Person) -> String {
        match person {
            Person::Profile(id) => id.clone(),
            // A profile id is never taken by someone else's name.
            Person::Named(slug) if self.people.get(slug).is_some() => format!("name-{slug}"),
            Person::Named(slug) => slug.clone(),
        }
    }

    pub fn profile(&self, person: &Person) -> Option<&Profile> {
        match person {
            Person::Profile(id) => self.people.get(id),
            Person::Named(_) => None,
        }
    }

    /// Where an entry's person is listed in a language:
    /// `/en/people/#ana-ruiz` (none without a people page or a person).
    pub fn url(&self, site: &Site, language: &str, id: Option<&str>, name: &str) -> Option<String> {
        let page = self.pages.get(language)?;
        let person = self.person(id, name)?;
        Some(format!("{}#{}", site.page(*page).url, self.anchor(&person)))
    }
}

/// Joins the profiles to the site: fills entries that name a profile,
/// reports unknown ids where they are written, publishes the photos, and
/// adds a people page to each language that has anyone to list.
pub(super) fn attach(site: &mut Site, people: Arc<People>) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    fill_entries(site, &people, &mut diagnostics);
    publish_photos(site, &people);
    let mut directory = Directory::new(people);
    let languages: Vec<String> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.clone())
        .collect();
    for language in &languages {
        add_people_page(site, &mut directory, language, &mut diagnostics);
    }
    link_translations(site, &directory, &languages);
    site.people = directory;
    diagnostics
}

/// Fills every page's entries from the profiles and reports unknown ids.
fn fill_entries(site: &mut Site, people: &People, diagnostics: &mut Diagnostics) {
    let default_language = site.config.default_language.clone();
    for page in &mut site.pages {
        // Right after assembly nothing else holds the pages: no copy.
        let page = Arc::make_mut(page);
        fill_from_profiles(&mut page.meta, people, &page.language, &default_language);
        if let Some(parsed) = &page.source {
            unknown_ids(&parsed.front_matter, people, parsed, diagnostics);
        }
    }
}

/// Copies each profile photo to `/people/`.
fn publish_photos(site: &mut Site, people: &People) {
    for profile in people.profiles.values() {
        if let Some(photo) = &profile.photo {
            let url = site.urls.file(
                None,
                &[&["people"][..], &photo.rel.split('/').collect::<Vec<_>>()].concat(),
            );
            site.add_file(CopiedFile {
                source: photo.source.clone(),
                url,
            });
        }
    }
}

/// Adds the language's people page, when it has anyone to list.
fn add_people_page(
    site: &mut Site,
    directory: &mut Directory,
    language: &str,
    diagnostics: &mut Diagnostics,
) {
    let articles: Vec<PageId> = site
        .homes
        .get(language)
        .map(|&home| site.page(home).pages.clone())
        .unwrap_or_default();
    let anyone = !directory.people.profiles.is_empty()
        || articles.iter().any(|&a| {
            let meta = &site.page(a).meta;
            !meta.reviewers.is_empty() || !meta.authors.is_empty()
        });
    if !anyone {
        return;
    }
    let url = site.urls.page(language, &["people"]);
    let page = Page {
        kind: PageKind::People,
        language: language.to_string(),
        url: url.clone(),
        place: "people".to_string(),
        source: None,
        meta: Arc::new(FrontMatter {
            title: "People".to_string(),
            ..FrontMatter::default()
        }),
        parent: None,
        pages: articles,
        subsections: Vec::new(),
        translations: Vec::new(),
        tags: Vec::new(),
    };
    match site.add_page(page) {
        Ok(id) => {
            directory.pages.insert(language.to_string(), id);
        }
        Err(Some(owner)) => diagnostics.push(
            Diagnostic::error(
                codes::PAGE_DUPLICATE_URL,
                &owner,
                crate::diagnostics::Position::start(),
                format!("this page and the generated people page would both be written to `{url}`"),
            )
            .with_hint("give this page a different `slug`"),
        ),
        Err(None) => {}
    }
}

/// The people pages are each other's translations, in site.yaml order.
fn link_translations(site: &mut Site, directory: &Directory, languages: &[String]) {
    let ids: Vec<PageId> = languages
        .iter()
        .filter_map(|l| directory.pages.get(l).copied())
        .collect();
    for &id in &ids {
        std::sync::Arc::make_mut(&mut site.pages[id]).translations =
            ids.iter().copied().filter(|&o| o != id).collect();
    }
}

/// An entry naming a known profile takes the profile's name, credentials
/// and role where it writes none (in the page's language). Front matter
/// naming no profile stays shared with the parsed file, uncopied.
fn fill_from_profiles(meta: &mut Arc<FrontMatter>, people: &People, language: &str, default: &str) {
    let names_a_profile = meta.reviewers.iter().any(|r| r.id.is_some())
        || meta.authors.iter().any(|a| a.id.is_some());
    if !names_a_profile {
        return;
    }
    let meta = Arc::make_mut(meta);
    let text = |l: &Option<crate::localized::Localized>| {
        l.as_ref()
            .and_then(|l| l.text(language, default))
            .map(str::to_string)
    };
    for reviewer in &mut meta.reviewers {
        let Some(id) = reviewer.id.as_deref() else {
            continue;
        };
        match people.get(id) {
            Some(profile) => {
                if reviewer.name.trim().is_empty() {
                    reviewer.name = profile.name.clone();
                }
                reviewer.credentials = reviewer
                    .credentials
                    .take()
                    .or_else(|| text(&profile.credentials));
                reviewer.role = reviewer.role.take().or_else(|| text(&profile.role));
            }
            // Reported by `unknown_ids`; the id stands in for the name meanwhile.
            None if reviewer.name.trim().is_empty() => reviewer.name = id.to_string(),
            None => {}
        }
    }
    for author in &mut meta.authors {
        let Some(id) = author.id.as_deref() else {
            continue;
        };
        match people.get(id) {
            Some(profile) => {
                if author.name.trim().is_empty() {
                    author.name = profile.name.clone();
                }
                author.credentials = author
                    .credentials
                    .take()
                    .or_else(|| text(&profile.credentials));
            }
            None if author.name.trim().is_empty() => author.name = id.to_string(),
            None => {}
        }
    }
}

/// Reports each `id:` written in a file that names no profile, at the id.
fn unknown_ids(
    written: &FrontMatter,
    people: &People,
    parsed: &crate::parse::ParsedPage,
    diagnostics: &mut Diagnostics,
) {
    let reviewers = written.reviewers.iter().map(|r| r.id.as_deref());
    let authors = written.authors.iter().map(|a| a.id.as_deref());
    let entries = reviewers
        .enumerate()
        .map(|(i, id)| ("reviewers", i, id))
        .chain(authors.enumerate().map(|(i, id)| ("authors", i, id)));
    let positions = crate::frontmatter::Positions::new(&parsed.text);
    for (list, index, id) in entries {
        let Some(id) = id.filter(|id| people.get(id).is_none()) else {
            continue;
        };
        let path = [
            Segment::Key(list.to_string()),
            Segment::Index(index),
            Segment::Key("id".to_string()),
        ];
        let hint = suggest::did_you_mean(id, people.profiles.keys().map(String::as_str))
            .unwrap_or_else(|| {
                format!("create `data/people/{id}.yaml`, or write the person's `name` instead of an `id`")
            });
        diagnostics.push(
            Diagnostic::error(
                codes::PERSON_UNKNOWN_ID,
                &parsed.source.path,
                positions.value(&path),
                format!("there is no profile `{id}` in `data/people/`"),
            )
            .with_hint(hint),
        );
    }
}
