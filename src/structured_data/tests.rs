//! Unit tests of the JSON-LD builders on small sites in memory.

use super::*;
use crate::site::bilingual_for_tests;

fn strings() -> Strings {
    let theme = crate::theme::embedded_default();
    Strings::load(&theme, &["en".to_string(), "es".to_string()], "en").0
}

fn json_of(site: &Site, url: &str) -> Value {
    let id = site
        .page_for_url(url)
        .unwrap_or_else(|| panic!("no page {url}"));
    let strings = strings();
    let inputs = Inputs {
        body: None,
        people: None,
        strings: &strings,
        today: crate::dates::Date::new(2026, 6, 1).unwrap(),
    };
    let text = page(site, id, &inputs).expect("JSON-LD");
    serde_json::from_str(&text).unwrap()
}

const ARTICLE: &str = "---\ntitle: Salt\nsummary: Less salt.\ndate: 2026-01-01\n";

#[test]
fn pages_pamphlet_makes_are_named_in_their_language() {
    let site = bilingual_for_tests(
        "",
        &[(
            "content/es/sal.md",
            &format!("{ARTICLE}tags: [sal]\n---\nTexto.\n"),
        )],
    );
    assert_eq!(json_of(&site, "/es/search/")["name"], "Búsqueda");
    assert_eq!(json_of(&site, "/es/search/")["@type"], "SearchResultsPage");
    let atoz = json_of(&site, "/es/a-z/");
    assert_eq!(atoz["@type"], "CollectionPage");
    assert_eq!(atoz["name"], "Temas de salud de la A a la Z");
    let tag = json_of(&site, "/es/tags/sal/");
    assert!(tag["name"].as_str().unwrap().contains("sal"), "{tag}");
}

#[test]
fn an_article_reviewer_without_a_date_makes_no_review_claim() {
    let undated =
        format!("{ARTICLE}reviewers:\n  - name: Dr. A\n    credentials: MD\n---\nText.\n");
    let dated = format!("{ARTICLE}reviewers:\n  - name: Dr. A\n    date: 2026-02-01\n---\nText.\n");
    let site = bilingual_for_tests(
        "",
        &[
            ("content/en/undated.md", &undated),
            ("content/en/dated.md", &dated),
        ],
    );
    let undated = json_of(&site, "/en/undated/");
    assert_eq!(undated["@type"], "MedicalWebPage");
    assert!(undated.get("lastReviewed").is_none());
    assert!(undated.get("reviewedBy").is_none());
    let dated = json_of(&site, "/en/dated/");
    assert_eq!(dated["lastReviewed"], "2026-02-01");
    assert_eq!(dated["reviewedBy"][0]["name"], "Dr. A");
}

#[test]
fn an_alert_without_expiry_or_area_still_announces_the_baseline() {
    let alert = "---\ntitle: Boil water\nsummary: Boil tap water before drinking.\ndate: 2026-05-20\nalert:\n  severity: urgent\n---\nBoil it.\n";
    let site = bilingual_for_tests("", &[("content/en/alerts/boil.md", alert)]);
    let doc = json_of(&site, "/en/alerts/boil/");
    assert_eq!(doc["@type"], "WebPage");
    let announcement = &doc["mainEntity"];
    assert_eq!(announcement["@type"], "SpecialAnnouncement");
    assert_eq!(announcement["text"], "Boil tap water before drinking.");
    assert_eq!(announcement["category"], announcement::CATEGORY);
    assert!(announcement.get("expires").is_none());
    assert!(announcement.get("spatialCoverage").is_none());
}

#[test]
fn the_home_names_the_organization_site_yaml_gives() {
    let site = bilingual_for_tests(
        "organization:\n  type: GovernmentOrganization\n  name: Riverside County Public Health\n",
        &[],
    );
    let home = json_of(&site, "/en/");
    let graph = home["@graph"].as_array().unwrap();
    let publisher = graph
        .iter()
        .find(|n| n["@id"] == "https://x.org/#organization")
        .unwrap();
    assert_eq!(publisher["@type"], "GovernmentOrganization");
    assert_eq!(publisher["name"], "Riverside County Public Health");
    assert_eq!(publisher["url"], "https://x.org/");
}

#[test]
fn the_404_page_has_none() {
    let site = bilingual_for_tests("", &[]);
    let id = (0..site.pages.len())
        .find(|&p| site.page(p).kind == PageKind::NotFound)
        .unwrap();
    let strings = strings();
    let inputs = Inputs {
        body: None,
        people: None,
        strings: &strings,
        today: crate::dates::Date::new(2026, 6, 1).unwrap(),
    };
    assert!(page(&site, id, &inputs).is_none());
}
