//! A language home's JSON-LD: the home page, the `WebSite` every page of
//! the language is part of (with a `SearchAction` for its search page), and
//! the organisation that publishes it (site.yaml's `organization:`, else an
//! `Organization` named after the site), as one `@graph`.

use super::{site_name, web_page, website_id};
use crate::i18n::Strings;
use crate::site::{Page, PageKind, Site};
use serde_json::{Value, json};

/// The home page `page` (its first page; later pages of its list are plain
/// `CollectionPage`s).
pub(super) fn graph(site: &Site, page: &Page, strings: &Strings) -> Value {
    let language = page.language.as_str();
    let home = web_page(site, page, "CollectionPage", 1, strings);
    json!({
        "@context": "https://schema.org",
        "@graph": [home, website(site, language), publisher(site, language)],
    })
}

/// The `@id` of the publisher node (one for the whole site).
fn publisher_id(site: &Site) -> String {
    format!("{}#organization", site.urls.permalink(&site.urls.root()))
}

fn website(site: &Site, language: &str) -> Value {
    let config = &site.config;
    let mut node = json!({
        "@type": "WebSite",
        "@id": website_id(site, language),
        "name": site_name(site, language),
        "url": site.urls.permalink(&site.urls.language_home(language)),
        "inLanguage": language,
        "publisher": { "@id": publisher_id(site) },
    });
    if let Some(description) =
        (config.description.as_ref()).and_then(|d| d.text(language, &config.default_language))
    {
        node["description"] = json!(description);
    }
    let search = site
        .pages
        .iter()
        .find(|p| p.kind == PageKind::Search && p.language == language);
    if let Some(search) = search {
        // The search page answers `?q=` (see `search`).
        let target = format!(
            "{}?q={{search_term_string}}",
            site.urls.permalink(&search.url)
        );
        node["potentialAction"] = json!({
            "@type": "SearchAction",
            "target": { "@type": "EntryPoint", "urlTemplate": target },
            "query-input": "required name=search_term_string",
        });
    }
    node
}

fn publisher(site: &Site, language: &str) -> Value {
    let config = &site.config;
    let organization = &config.organization;
    let name = (organization.name.as_ref())
        .and_then(|n| n.text(language, &config.default_language))
        .unwrap_or_else(|| site_name(site, language));
    let url = organization.url.as_ref().map_or_else(
        || site.urls.permalink(&site.urls.root()),
        |u| u.as_str().to_string(),
    );
    json!({
        "@type": organization.kind.as_str(),
        "@id": publisher_id(site),
        "name": name,
        "url": url,
    })
}
