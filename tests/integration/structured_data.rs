//! JSON-LD on every page kind (issue 24 point 3): every HTML page of the
//! fixture sites but the 404 page carries exactly one JSON-LD block whose
//! main node is WebPage-typed, in the page's `<html lang>`, at its canonical
//! address; every node of every block has the properties its type needs
//! ([`REQUIRED`]); the homes carry the `WebSite` and its publisher; alerts
//! and live updates are `SpecialAnnouncement`s; only reviewed articles make
//! review claims.

use crate::support::*;
use serde_json::Value;

/// The sites whose every page is checked: between them every page kind
/// (alerts, live updates, status, people, search, tags, A–Z, numbered
/// list pages, a language chooser, translations).
const SITES: &[&str] = &[
    "sites/updates",
    "sites/people",
    "sites/search",
    "sites/sections-tags",
    "sites/pagination",
    "sites/translations",
    "sites/social",
    "sites/trust",
];

/// The page types a main node may have: `WebPage` and the subtypes of it
/// Pamphlet uses (https://schema.org/WebPage, "More specific Types").
const WEB_PAGE_TYPES: &[&str] = &[
    "WebPage",
    "CollectionPage",
    "MedicalWebPage",
    "AboutPage",
    "SearchResultsPage",
    "ProfilePage",
];

/// The properties each type Pamphlet writes must have. schema.org itself
/// makes no property required; these are what its definitions ask for as
/// the baseline and Google's structured-data guides require or recommend:
/// - `SpecialAnnouncement`: schema.org's definition "encourages" `name`,
///   `text`, `datePosted`, `expires` (if appropriate), `category` and `url`
///   (https://schema.org/SpecialAnnouncement); Google requires `name` and
///   `datePosted` (developers.google.com/search/docs/appearance/
///   structured-data/special-announcements). `expires` is checked apart,
///   where the alert has one.
/// - `WebSite`: `name` and `url` (Google, "site names"); its
///   `SearchAction`: `target` and `query-input` (schema.org/SearchAction,
///   Google's sitelinks search box).
/// - `Organization` and its subtypes: `name` and `url` (Google,
///   "Organization"); an `Organization` named in passing (a person's
///   affiliation, a cited source's publisher) only a `name`, all an author
///   gives for it (the publisher's `url` is checked on the homes).
/// - a page: `url`, `name`, `inLanguage` and `isPartOf`, what every page
///   promises (issue 24); an article also `headline` and `datePublished`
///   (Google, "Article").
/// - `Person`, `Place`, `CreativeWork`: a `name` (Person: Google's author
///   markup); `EntryPoint`: `urlTemplate`; the audiences their
///   `audienceType`.
const REQUIRED: &[(&str, &[&str])] = &[
    ("WebPage", &["@id", "url", "name", "inLanguage", "isPartOf"]),
    (
        "CollectionPage",
        &["@id", "url", "name", "inLanguage", "isPartOf"],
    ),
    (
        "AboutPage",
        &["@id", "url", "name", "inLanguage", "isPartOf"],
    ),
    (
        "SearchResultsPage",
        &["@id", "url", "name", "inLanguage", "isPartOf"],
    ),
    (
        "MedicalWebPage",
        &[
            "@id",
            "url",
            "name",
            "inLanguage",
            "isPartOf",
            "headline",
            "datePublished",
        ],
    ),
    ("WebSite", &["@id", "name", "url"]),
    ("Organization", &["name"]),
    ("MedicalOrganization", &["name", "url"]),
    ("GovernmentOrganization", &["name", "url"]),
    ("NGO", &["name", "url"]),
    ("SearchAction", &["target", "query-input"]),
    ("EntryPoint", &["urlTemplate"]),
    (
        "SpecialAnnouncement",
        &["name", "text", "datePosted", "category", "url"],
    ),
    ("Place", &["name"]),
    ("Person", &["name"]),
    ("CreativeWork", &[]),
    ("MedicalAudience", &["audienceType"]),
    ("PeopleAudience", &["audienceType"]),
];

/// Every JSON-LD block of an HTML page, parsed.
fn blocks(html: &str) -> Vec<Value> {
    let page = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    page.select(&selector)
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}

/// The top-level nodes of a block: its `@graph`, or the block itself.
fn nodes(block: &Value) -> Vec<&Value> {
    match block.get("@graph") {
        Some(Value::Array(graph)) => graph.iter().collect(),
        _ => vec![block],
    }
}

fn kind(node: &Value) -> &str {
    node["@type"].as_str().unwrap_or("")
}

/// Checks `node` and every node inside it against [`REQUIRED`]; returns the
/// problems found, each naming `page`.
fn check_node(page: &str, node: &Value, problems: &mut Vec<String>) {
    match node {
        Value::Array(items) => items.iter().for_each(|n| check_node(page, n, problems)),
        Value::Object(map) => {
            if let Some(kind) = map.get("@type").and_then(Value::as_str) {
                // A reference by `@id` alone needs nothing more.
                match REQUIRED.iter().find(|(k, _)| *k == kind) {
                    None => problems.push(format!("{page}: unexpected type {kind}")),
                    Some((_, required)) => {
                        for property in *required {
                            let present = map.get(*property).is_some_and(|v| match v {
                                Value::String(s) => !s.trim().is_empty(),
                                Value::Null => false,
                                _ => true,
                            });
                            if !present {
                                problems.push(format!("{page}: {kind} lacks {property}"));
                            }
                        }
                    }
                }
            }
            map.values().for_each(|v| check_node(page, v, problems));
        }
        _ => {}
    }
}

/// The HTML files a build wrote, relative to `public/`.
fn html_pages(site: &TestSite) -> Vec<String> {
    site.output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

/// A built fixture site.
fn built(name: &str) -> TestSite {
    let site = TestSite::new(name);
    let report = site.build();
    assert!(report.published, "{name}: {:?}", report.diagnostics);
    site
}

/// The one block of a page.
fn block_of(site: &TestSite, path: &str) -> Value {
    let mut found = blocks(&site.read(path));
    assert_eq!(found.len(), 1, "{path}");
    found.remove(0)
}

/// The main (WebPage-typed) node of a block.
fn main_node(block: &Value) -> &Value {
    let pages: Vec<&Value> = nodes(block)
        .into_iter()
        .filter(|n| WEB_PAGE_TYPES.contains(&kind(n)))
        .collect();
    assert_eq!(pages.len(), 1, "{block}");
    pages[0]
}

#[test]
fn every_page_has_one_web_page_node_in_its_language_at_its_address() {
    let mut problems = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for name in SITES {
        let site = built(name);
        for path in html_pages(&site) {
            let html = site.read(&path);
            let found = blocks(&html);
            let page = format!("{name}/{path}");
            if path == "404.html" {
                // Shown at any missing address: no address of its own to describe.
                assert!(found.is_empty(), "{page}");
                continue;
            }
            assert_eq!(found.len(), 1, "{page}: one JSON-LD block");
            let block = &found[0];
            assert_eq!(block["@context"], "https://schema.org", "{page}");
            check_node(&page, block, &mut problems);
            let main = main_node(block);
            kinds.insert(kind(main).to_string());
            let document = scraper::Html::parse_document(&html);
            let lang = select_attr(&document, "html", "lang");
            assert_eq!(main["inLanguage"], lang[0].as_str(), "{page}");
            let canonical = select_attr(&document, r#"link[rel="canonical"]"#, "href");
            assert_eq!(main["url"], canonical[0].as_str(), "{page}");
            assert_eq!(main["@id"], canonical[0].as_str(), "{page}");
            assert_eq!(main["isPartOf"]["@type"], "WebSite", "{page}");
            // Only an article is a medical page; only a reviewed one says so.
            if kind(main) != "MedicalWebPage" {
                assert!(!html_claims_review(block), "{page}: review claim");
            } else if main.get("reviewedBy").is_some() {
                assert!(main.get("lastReviewed").is_some(), "{page}");
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "AboutPage",
            "CollectionPage",
            "MedicalWebPage",
            "SearchResultsPage",
            "WebPage"
        ],
        "the sites show every main type Pamphlet writes"
    );
}

/// Whether any node of a block says the page was medically reviewed.
fn html_claims_review(block: &Value) -> bool {
    let text = block.to_string();
    text.contains("\"lastReviewed\"") || text.contains("\"reviewedBy\"")
}

#[test]
fn language_homes_carry_the_website_with_its_search_and_the_publisher() {
    let site = built("sites/updates");
    for (home, language, search) in [
        ("en/index.html", "en", "en/search/index.html"),
        ("es/index.html", "es", "es/search/index.html"),
    ] {
        let block = block_of(&site, home);
        assert_eq!(kind(main_node(&block)), "CollectionPage");
        let graph = nodes(&block);
        let website = graph.iter().find(|n| kind(n) == "WebSite").unwrap();
        assert_eq!(website["inLanguage"], language);
        assert_eq!(website["@id"], main_node(&block)["isPartOf"]["@id"]);
        let action = &website["potentialAction"];
        assert_eq!(action["@type"], "SearchAction");
        assert_eq!(action["query-input"], "required name=search_term_string");
        let template = action["target"]["urlTemplate"].as_str().unwrap();
        let path = template
            .strip_prefix("https://health.example.org/")
            .and_then(|t| t.strip_suffix("?q={search_term_string}"))
            .unwrap_or_else(|| panic!("{template}"));
        assert_eq!(format!("{path}index.html"), search);
        assert!(site.exists(search));
        let publisher = graph.iter().find(|n| kind(n) == "Organization").unwrap();
        assert_eq!(website["publisher"]["@id"], publisher["@id"]);
        assert_eq!(publisher["url"], "https://health.example.org/");
    }
    let es = block_of(&site, "es/index.html");
    let es_site = nodes(&es)
        .into_iter()
        .find(|n| kind(n) == "WebSite")
        .unwrap();
    assert_eq!(es_site["name"], "Salud Comunitaria Riverside");
    // Only the homes describe the site.
    for path in html_pages(&site) {
        let describes = blocks(&site.read(&path))
            .iter()
            .flat_map(nodes)
            .any(|n| kind(n) == "WebSite" && n.get("potentialAction").is_some());
        let home = path == "en/index.html" || path == "es/index.html";
        assert_eq!(describes, home, "{path}");
    }
}

#[test]
fn the_publisher_is_the_organization_site_yaml_names() {
    let site = TestSite::new("sites/updates");
    site.edit("site.yaml", |text| {
        text + "organization:\n  type: MedicalOrganization\n  name: { en: Riverside Clinic, es: Clínica Riverside }\n  url: https://clinic.example.org/\n"
    });
    assert!(site.build().published);
    for (home, name) in [
        ("en/index.html", "Riverside Clinic"),
        ("es/index.html", "Clínica Riverside"),
    ] {
        let block = block_of(&site, home);
        let publisher = nodes(&block)
            .into_iter()
            .find(|n| kind(n) == "MedicalOrganization")
            .unwrap_or_else(|| panic!("{block}"));
        assert_eq!(publisher["name"], name);
        assert_eq!(publisher["url"], "https://clinic.example.org/");
    }
}

#[test]
fn an_unknown_organization_type_or_address_is_one_error_each_at_its_line() {
    let site = TestSite::new("sites/updates");
    site.edit("site.yaml", |text| {
        text + "organization:\n  type: Hospital\n"
    });
    let report = site.build();
    assert!(!report.published);
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d.code,
                d.file.display(),
                d.position.line,
                d.message
            )
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("config/invalid-value site.yaml:13 "),
        "{found:?}"
    );
    assert!(
        found[0].contains("MedicalOrganization"),
        "the allowed names: {found:?}"
    );

    let site = TestSite::new("sites/updates");
    site.edit("site.yaml", |text| {
        text + "organization:\n  url: clinic dot example\n"
    });
    let report = site.build();
    assert!(!report.published);
    let found: Vec<_> = report.diagnostics.iter().collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "config/invalid-value");
    assert_eq!(found[0].position.line, 13);
    assert!(found[0].hint.as_deref().unwrap_or("").contains("https://"));
}

#[test]
fn an_alert_is_a_special_announcement_and_claims_no_review() {
    let site = built("sites/social");
    for (path, language, area) in [
        ("en/alerts/heat-wave/index.html", "en", "Riverside County"),
        (
            "es/alerts/ola-de-calor/index.html",
            "es",
            "Condado de Riverside",
        ),
    ] {
        let block = block_of(&site, path);
        let page = main_node(&block);
        assert_eq!(kind(page), "WebPage", "{path}: not a MedicalWebPage");
        assert!(!html_claims_review(&block), "{path}");
        let announcement = &page["mainEntity"];
        assert_eq!(kind(announcement), "SpecialAnnouncement");
        assert_eq!(announcement["datePosted"], "2026-05-30");
        assert_eq!(announcement["expires"], "2026-06-10T00:00:00Z");
        assert_eq!(announcement["spatialCoverage"]["@type"], "Place");
        assert_eq!(announcement["spatialCoverage"]["name"], area);
        assert_eq!(announcement["inLanguage"], language);
        assert_eq!(announcement["url"], page["url"]);
        let category = announcement["category"].as_str().unwrap();
        assert!(
            category.starts_with("https://en.wikipedia.org/wiki/"),
            "{category}"
        );
    }
}

#[test]
fn a_live_update_topic_is_a_special_announcement_with_its_feed() {
    let site = built("sites/updates");
    let block = block_of(&site, "en/updates/heat-wave/index.html");
    let page = main_node(&block);
    assert_eq!(kind(page), "WebPage");
    let announcement = &page["mainEntity"];
    assert_eq!(kind(announcement), "SpecialAnnouncement");
    // The first entry (7 March, before daylight saving time) and the newest.
    assert_eq!(announcement["datePosted"], "2026-03-07T12:00:00-05:00");
    assert_eq!(announcement["dateModified"], "2026-05-31T23:30:00-04:00");
    let feed = announcement["webFeed"].as_str().unwrap();
    let path = feed.strip_prefix("https://health.example.org/").unwrap();
    assert!(site.exists(path), "{feed}");
    assert!(announcement.get("expires").is_none());
}

#[test]
fn only_a_reviewed_article_claims_its_review() {
    let site = TestSite::new("sites/people");
    site.edit("content/en/heart/salt.md", |text| {
        // A reviewer named without the date of a review.
        let at = text.find("reviewers:").expect("salt.md has reviewers");
        let (head, rest) = text.split_at(at);
        let end = rest.find("\n---").unwrap();
        let reviewers: String = rest[..end]
            .lines()
            .filter(|l| !l.trim_start().starts_with("date:"))
            .map(|l| format!("{l}\n"))
            .collect();
        format!("{head}{}{}", reviewers.trim_end(), &rest[end..])
    });
    assert!(site.build().published);
    let reviewed = block_of(&site, "en/heart/high-blood-pressure/index.html");
    assert_eq!(kind(&reviewed), "MedicalWebPage");
    assert_eq!(reviewed["lastReviewed"], "2026-03-01");
    let by = &reviewed["reviewedBy"][0];
    assert_eq!(kind(by), "Person");
    assert!(by["@id"].as_str().unwrap().contains("/en/people/#"), "{by}");
    let unreviewed = block_of(&site, "en/heart/salt/index.html");
    assert_eq!(kind(&unreviewed), "MedicalWebPage");
    assert!(!html_claims_review(&unreviewed), "{unreviewed}");
}

#[test]
fn each_numbered_list_page_describes_itself() {
    let site = built("sites/pagination");
    let first = block_of(&site, "en/index.html");
    assert!(nodes(&first).iter().any(|n| kind(n) == "WebSite"));
    let second = block_of(&site, "en/page/2/index.html");
    let page = main_node(&second);
    assert_eq!(kind(page), "CollectionPage");
    assert_eq!(page["url"], "https://health.example.org/clinic/en/page/2/");
    assert!(
        page["name"].as_str().unwrap().ends_with(" · Page 2"),
        "{page}"
    );
    assert!(nodes(&second).iter().all(|n| kind(n) != "WebSite"));
}

#[test]
fn a_title_cannot_close_the_script() {
    let site = TestSite::new("sites/updates");
    site.edit("content/en/updates/heat-wave/_index.md", |text| {
        text.replacen(
            "title: Heat wave",
            "title: \"Heat </script><script>alert(1)</script> wave\"",
            1,
        )
    });
    assert!(site.build().published);
    let html = site.read("en/updates/heat-wave/index.html");
    let block = block_of(&site, "en/updates/heat-wave/index.html");
    assert_eq!(
        main_node(&block)["mainEntity"]["name"],
        "Heat </script><script>alert(1)</script> wave"
    );
    assert!(!html.contains("<script>alert(1)"));
}
