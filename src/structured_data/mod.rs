//! JSON-LD for search engines and health platforms: every page Pamphlet
//! writes, but the 404 page, gets one block whose main node is a
//! schema.org `WebPage` of the page's kind, in the page's language, naming
//! its canonical address and the `WebSite` it is part of.
//!
//! | page | main node | what else |
//! |---|---|---|
//! | article | `MedicalWebPage` ([`article`]) | review claims only when reviewed |
//! | alert, live-update topic | `WebPage` | `mainEntity` a `SpecialAnnouncement` ([`announcement`]) |
//! | language home | `CollectionPage` | the `WebSite` and its publisher ([`home`]) |
//! | section, tag, tag index, A–Z | `CollectionPage` | |
//! | search page | `SearchResultsPage` | |
//! | people page | `AboutPage` | a `Person` per person ([`crate::people`]) |
//! | status board, language chooser | `WebPage` | |
//!
//! The 404 page has none: it is shown at whatever address was missing, so
//! it has no address of its own to describe. Every block is escaped by
//! [`script_safe`] so it can sit inside `<script>` whatever the content
//! says, and its keys are sorted (a `serde_json` map is ordered), so the
//! output is the same on every build.

mod announcement;
mod article;
mod home;

use crate::html::script_safe;
use crate::i18n::Strings;
use crate::markdown::RenderedBody;
use crate::site::{Page, PageId, PageKind, Site};
use serde_json::{Map, Value, json};

/// What a page's JSON-LD is built from besides the site.
pub(crate) struct Inputs<'a> {
    /// The rendered Markdown body (an article's cited sources).
    pub body: Option<&'a RenderedBody>,
    /// The people page's listing, on a people page.
    pub people: Option<&'a crate::people::PeopleView>,
    pub strings: &'a Strings,
    /// The build date (an article's review status).
    pub today: crate::dates::Date,
}

/// The JSON-LD of page `id` (the first page of a long list), ready to
/// place inside `<script type="application/ld+json">`; `None` for the 404
/// page.
pub(crate) fn page(site: &Site, id: PageId, inputs: &Inputs) -> Option<String> {
    let page = site.page(id);
    let doc = match page.kind {
        PageKind::NotFound => return None,
        PageKind::Article if crate::alerts::is_alert(page) => {
            announcement::alert(site, page, inputs.strings)
        }
        PageKind::Article => return Some(article::medical_web_page(site, page, inputs)),
        PageKind::Home => home::graph(site, page, inputs.strings),
        PageKind::Section if site.updates.contains_key(&id) => {
            announcement::live_updates(site, id, inputs.strings)
        }
        PageKind::People => people_page(site, page, inputs),
        kind => Value::Object(plain(site, page, web_page_type(kind), 1, inputs.strings)),
    };
    Some(script_safe(&doc))
}

/// The JSON-LD of page `number` (2 and on) of a long list: a
/// `CollectionPage` at its own address (the home's `WebSite` stays on its
/// first page).
pub(crate) fn list_page(
    site: &Site,
    id: PageId,
    number: usize,
    strings: &Strings,
) -> Option<String> {
    let page = site.page(id);
    Some(script_safe(&plain(
        site,
        page,
        "CollectionPage",
        number,
        strings,
    )))
}

/// The [`web_page`] node as a document of its own (with `@context`).
fn plain(
    site: &Site,
    page: &Page,
    kind: &str,
    number: usize,
    strings: &Strings,
) -> Map<String, Value> {
    let mut node = web_page(site, page, kind, number, strings);
    node.insert("@context".into(), json!("https://schema.org"));
    node
}

/// The schema.org type of the page kinds without a builder of their own.
fn web_page_type(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home | PageKind::Section | PageKind::Tags | PageKind::Tag | PageKind::AToZ => {
            "CollectionPage"
        }
        PageKind::Search => "SearchResultsPage",
        PageKind::People => "AboutPage",
        PageKind::Article => "MedicalWebPage",
        PageKind::Status | PageKind::LanguageChooser | PageKind::NotFound => "WebPage",
    }
}

/// The people page: an `AboutPage` that `mentions` everyone it lists.
fn people_page(site: &Site, page: &Page, inputs: &Inputs) -> Value {
    let mut node = plain(site, page, "AboutPage", 1, inputs.strings);
    if let Some(people) = inputs.people {
        let persons: Vec<Value> = people
            .people
            .iter()
            .map(|p| crate::people::person_json(site, &page.url, p))
            .collect();
        if !persons.is_empty() {
            node.insert("mentions".into(), Value::Array(persons));
        }
    }
    Value::Object(node)
}

/// The node every page has: its type, address, name and language, and the
/// `WebSite` it is part of (without `@context`).
pub(crate) fn web_page(
    site: &Site,
    page: &Page,
    kind: &str,
    number: usize,
    strings: &Strings,
) -> Map<String, Value> {
    let url = site
        .urls
        .permalink(&crate::site::pagination::url(&page.url, number));
    let mut name = page_name(site, page, strings);
    if number > 1 {
        let label = strings.get(
            &page.language,
            "pagination_page",
            &[("n", &number.to_string())],
        );
        name = format!("{name} · {label}");
    }
    let mut node = Map::new();
    node.insert("@type".into(), json!(kind));
    node.insert("@id".into(), json!(url));
    node.insert("url".into(), json!(url));
    node.insert("name".into(), json!(name));
    node.insert("inLanguage".into(), json!(page.language));
    node.insert("isPartOf".into(), website_ref(site, &page.language));
    let summary = page.meta.summary.trim();
    if !summary.is_empty() && number == 1 {
        node.insert("description".into(), json!(summary));
    }
    node
}

/// What a page is called, as its heading says it in its language (the
/// pages Pamphlet makes take their names from the theme's texts).
pub(crate) fn page_name(site: &Site, page: &Page, strings: &Strings) -> String {
    let language = page.language.as_str();
    let text = |key: &str| strings.get(language, key, &[]);
    match page.kind {
        PageKind::Tags => text("all_tags"),
        PageKind::Tag => strings.get(language, "tagged", &[("tag", page.title())]),
        PageKind::AToZ => text("atoz_title"),
        PageKind::Search => text("search_title"),
        PageKind::Status => text("status_title"),
        PageKind::People => text("people_title"),
        PageKind::NotFound => text("not_found_title"),
        PageKind::Home | PageKind::LanguageChooser if page.title().trim().is_empty() => {
            site_name(site, language).to_string()
        }
        _ => page.title().to_string(),
    }
}

/// The site's title in a language.
pub(crate) fn site_name<'a>(site: &'a Site, language: &str) -> &'a str {
    site.config
        .language(language)
        .map_or(site.config.title.as_str(), |l| l.title.as_str())
}

/// The `@id` of a language's `WebSite` node (the one its home describes).
pub(crate) fn website_id(site: &Site, language: &str) -> String {
    format!(
        "{}#website",
        site.urls.permalink(&site.urls.language_home(language))
    )
}

/// The `WebSite` a page is part of, by `@id`, with its name and address
/// for readers that do not follow references.
pub(crate) fn website_ref(site: &Site, language: &str) -> Value {
    json!({
        "@type": "WebSite",
        "@id": website_id(site, language),
        "name": site_name(site, language),
        "url": site.urls.permalink(&site.urls.language_home(language)),
    })
}

#[cfg(test)]
mod tests;
