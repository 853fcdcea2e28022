//! What a language's people page shows: every reviewer and author of the
//! language's articles, and every profile, each with what the profile says
//! and the articles they reviewed (with the review dates) or wrote; and the
//! schema.org `Person` node of each (placed on the page by
//! [`crate::structured_data`]), which articles' `reviewedBy` and `author`
//! point to by `@id`.

use crate::localized::Localized;
use crate::site::people::{Directory, Person};
use crate::site::{PageId, Site};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A text with the language it is written in when that is not the page's.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct TextView {
    pub text: String,
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct PhotoView {
    pub url: String,
    pub alt: TextView,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct LinkView {
    pub title: Option<TextView>,
    pub url: String,
}

/// An article in a person's list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct ArticleView {
    pub title: String,
    pub url: String,
    /// The review date (reviewed) or publication date (written).
    pub date: Option<String>,
    pub date_display: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct PersonView {
    /// The element id (`#ana-ruiz`): the profile id, or the name as a slug.
    pub anchor: String,
    pub name: String,
    pub credentials: Option<TextView>,
    pub role: Option<TextView>,
    /// True when the person has a profile in `data/people/`.
    pub profile: bool,
    /// Paragraphs of the bio, all in `bio_lang` when that is set.
    pub bio: Vec<String>,
    pub bio_lang: Option<String>,
    pub photo: Option<PhotoView>,
    pub affiliations: Vec<TextView>,
    pub conflicts_of_interest: Option<TextView>,
    pub links: Vec<LinkView>,
    /// Newest review first.
    pub reviewed: Vec<ArticleView>,
    /// Newest first.
    pub written: Vec<ArticleView>,
}

/// The people page of a language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct PeopleView {
    /// By name.
    pub people: Vec<PersonView>,
}

/// Builds the people page `id`.
pub(crate) fn page_view(site: &Site, id: PageId) -> PeopleView {
    PeopleView {
        people: listing(site, id),
    }
}

/// The address of a person's entry on the people page, for an article's
/// JSON-LD (`@id` and `url`), when they have one.
pub(crate) fn person_permalink(
    site: &Site,
    language: &str,
    id: Option<&str>,
    name: &str,
) -> Option<String> {
    let url = site.people.url(site, language, id, name)?;
    // The fragment is joined after the path is encoded (`#` stays `#`).
    Some(match url.split_once('#') {
        Some((path, anchor)) => format!("{}#{anchor}", site.urls.permalink(path)),
        None => site.urls.permalink(&url),
    })
}

/// A person's schema.org `Person` node, for the people page's JSON-LD
/// ([`crate::structured_data`]).
pub(crate) fn person_json(site: &Site, page_url: &str, p: &PersonView) -> Value {
    let permalink = format!("{}#{}", site.urls.permalink(page_url), p.anchor);
    let mut v = json!({ "@type": "Person", "@id": permalink, "url": permalink, "name": p.name });
    if let Some(c) = &p.credentials {
        v["honorificSuffix"] = json!(c.text);
    }
    if let Some(r) = &p.role {
        v["jobTitle"] = json!(r.text);
    }
    if !p.bio.is_empty() {
        v["description"] = json!(p.bio.join("\n\n"));
    }
    if let Some(photo) = &p.photo {
        v["image"] = json!(site.urls.permalink(&photo.url));
    }
    if !p.affiliations.is_empty() {
        v["affiliation"] = Value::Array(
            p.affiliations
                .iter()
                .map(|a| json!({ "@type": "Organization", "name": a.text }))
                .collect(),
        );
    }
    if !p.links.is_empty() {
        v["sameAs"] = Value::Array(p.links.iter().map(|l| json!(l.url)).collect());
    }
    v
}

/// Everyone the people page `id` lists, by name.
fn listing(site: &Site, id: PageId) -> Vec<PersonView> {
    let page = site.page(id);
    let language = page.language.as_str();
    let default = site.config.default_language.as_str();
    let mut people: BTreeMap<Person, PersonView> = BTreeMap::new();
    for profile in site.people.people.profiles.values() {
        let person = Person::Profile(profile.id.clone());
        let view = profile_view(site, &person, profile, language, default);
        people.insert(person, view);
    }
    // The page lists its language's articles, newest first: the first
    // credentials and role written for a person without a profile win.
    for &article in &page.pages {
        add_article(site, article, language, &mut people);
    }
    sorted(people)
}

/// A text in the page's language, or the one it falls back to.
fn localized_text(l: &Localized, language: &str, default: &str) -> Option<TextView> {
    l.get(language, default).map(|(text, other)| TextView {
        text: text.to_string(),
        lang: other.map(str::to_string),
    })
}

/// A text front matter wrote, when it is not blank.
fn plain_text(s: &Option<String>) -> Option<TextView> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| TextView {
            text: s.to_string(),
            lang: None,
        })
}

/// What a profile says, before any article is listed.
fn profile_view(
    site: &Site,
    person: &Person,
    profile: &crate::data::people::Profile,
    language: &str,
    default: &str,
) -> PersonView {
    let text = |l: &Localized| localized_text(l, language, default);
    let bio = profile.bio.as_ref().and_then(|b| b.get(language, default));
    PersonView {
        anchor: site.people.anchor(person),
        name: profile.name.clone(),
        credentials: profile.credentials.as_ref().and_then(text),
        role: profile.role.as_ref().and_then(text),
        profile: true,
        bio: bio.map(|(b, _)| paragraphs(b)).unwrap_or_default(),
        bio_lang: bio.and_then(|(_, other)| other.map(str::to_string)),
        photo: profile.photo.as_ref().and_then(|photo| {
            Some(PhotoView {
                url: site.urls.file(
                    None,
                    &[&["people"][..], &photo.rel.split('/').collect::<Vec<_>>()].concat(),
                ),
                alt: text(&photo.alt)?,
            })
        }),
        affiliations: profile.affiliations.iter().filter_map(text).collect(),
        conflicts_of_interest: profile.conflicts_of_interest.as_ref().and_then(text),
        links: profile
            .links
            .iter()
            .map(|l| LinkView {
                title: l.title.as_ref().and_then(text),
                url: l.url.clone(),
            })
            .collect(),
        reviewed: Vec::new(),
        written: Vec::new(),
    }
}

/// The person's view, started for a person without a profile.
fn entry<'p>(
    people: &'p mut BTreeMap<Person, PersonView>,
    directory: &Directory,
    person: Person,
    name: &str,
) -> &'p mut PersonView {
    people.entry(person.clone()).or_insert_with(|| PersonView {
        anchor: directory.anchor(&person),
        name: name.trim().to_string(),
        credentials: None,
        role: None,
        profile: false,
        bio: Vec::new(),
        bio_lang: None,
        photo: None,
        affiliations: Vec::new(),
        conflicts_of_interest: None,
        links: Vec::new(),
        reviewed: Vec::new(),
        written: Vec::new(),
    })
}

/// Lists the article under each of its reviewers and authors.
fn add_article(
    site: &Site,
    article: PageId,
    language: &str,
    people: &mut BTreeMap<Person, PersonView>,
) {
    let directory = &site.people;
    let a = site.page(article);
    if a.source.is_none() {
        return;
    }
    let listed = |date: Option<crate::dates::Date>| ArticleView {
        title: a.meta.title.clone(),
        url: a.url.clone(),
        date: date.map(|d| d.to_string()),
        date_display: date.map(|d| d.display_long(language)),
    };
    for r in &a.meta.reviewers {
        let Some(person) = directory.person(r.id.as_deref(), &r.name) else {
            continue;
        };
        let view = entry(people, directory, person, &r.name);
        if !view.profile {
            view.credentials = view
                .credentials
                .take()
                .or_else(|| plain_text(&r.credentials));
            view.role = view.role.take().or_else(|| plain_text(&r.role));
        }
        view.reviewed.push(listed(r.date));
    }
    for w in &a.meta.authors {
        let Some(person) = directory.person(w.id.as_deref(), &w.name) else {
            continue;
        };
        let view = entry(people, directory, person, &w.name);
        if !view.profile {
            view.credentials = view
                .credentials
                .take()
                .or_else(|| plain_text(&w.credentials));
        }
        view.written.push(listed(a.meta.date));
    }
}

/// Everyone by name, each one's articles newest first and without repeats.
fn sorted(people: BTreeMap<Person, PersonView>) -> Vec<PersonView> {
    let mut list: Vec<PersonView> = people.into_values().collect();
    for p in &mut list {
        for articles in [&mut p.reviewed, &mut p.written] {
            articles.sort_by(|x, y| {
                y.date
                    .cmp(&x.date)
                    .then_with(|| x.title.cmp(&y.title))
                    .then_with(|| x.url.cmp(&y.url))
            });
            articles.dedup();
        }
    }
    list.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.anchor.cmp(&b.anchor))
    });
    list
}

/// Plain-text paragraphs: a blank line starts a new one.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_paragraphs_split_on_blank_lines() {
        assert_eq!(
            paragraphs("One line\nand more.\n\n\nTwo.\n"),
            ["One line and more.", "Two."]
        );
    }
}
