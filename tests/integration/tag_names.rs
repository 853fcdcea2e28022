//! Tags in every language: site.yaml's `tags:` map makes `heart`,
//! `corazon` and an inherited `heart` one tag, titled and addressed in each
//! language's own words, with its pages linked as translations; a tag the
//! map lists without a name in a language used is a warning at its line.

use crate::support::*;

fn built() -> TestSite {
    let site = TestSite::new("sites/tag-names");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    site
}

fn tag_links(site: &TestSite, page: &str) -> Vec<(String, String)> {
    let html = site.html(page);
    let hrefs = select_attr(&html, ".tag-list a", "href");
    let names = select_text(&html, ".tag-list a");
    hrefs.into_iter().zip(names).collect()
}

#[test]
fn each_language_names_and_addresses_the_tag_in_its_own_words() {
    let site = built();
    assert_eq!(
        tag_links(&site, "es/heart/presion-arterial-alta/index.html"),
        [
            ("/es/tags/corazon/".to_string(), "Corazón".to_string()),
            (
                "/es/tags/presion-arterial/".to_string(),
                "Presión arterial".to_string()
            ),
        ]
    );
    assert_eq!(
        select_text(&site.html("es/tags/corazon/index.html"), "h1"),
        ["Artículos sobre «Corazón»"]
    );
    assert_eq!(
        select_text(&site.html("en/tags/heart/index.html"), "h1"),
        ["Articles about “Heart”"]
    );
    // The Spanish article wrote `corazon`; no second page under that name
    // or the English one.
    assert!(!site.exists("es/tags/heart/index.html"));
    // The Arabic translation inherits the English tags: `heart` has an
    // Arabic name, `salt` is not in the map and keeps its own.
    let arabic: Vec<String> = tag_links(&site, "ar/heart/high-blood-pressure/index.html")
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    assert!(arabic.contains(&"القلب".to_string()), "{arabic:?}");
    assert!(arabic.contains(&"salt".to_string()), "{arabic:?}");
    assert!(site.exists("ar/tags/القلب/index.html"));
}

#[test]
fn a_tag_page_lists_its_pages_in_the_other_languages() {
    let site = built();
    let html = site.html("es/tags/corazon/index.html");
    let alternates = select_attr(&html, "link[rel=alternate][hreflang]", "href");
    for expected in [
        "https://health.example.org/en/tags/heart/",
        "https://health.example.org/es/tags/corazon/",
        "https://health.example.org/ar/tags/%D8%A7%D9%84%D9%82%D9%84%D8%A8/",
    ] {
        assert!(
            alternates.iter().any(|a| a == expected),
            "{expected} not in {alternates:?}"
        );
    }
}

#[test]
fn a_listed_tag_without_a_name_in_a_language_used_is_a_warning_at_its_line() {
    let site = TestSite::new("sites/tag-names");
    let report = site.build();
    assert_eq!(
        located(&report, "translation/tag-name"),
        ["translation/tag-name site.yaml:11:3"]
    );
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.code == "translation/tag-name")
        .unwrap();
    assert!(warning.message.contains("`ar`"), "{}", warning.message);
    assert!(warning.hint.as_deref().unwrap().contains("ar: …"));
}

#[test]
fn mistakes_in_the_map_are_errors_at_their_line() {
    let site = TestSite::new("sites/tag-names");
    let config = site.root.join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(
        "  blood-pressure: { en: Blood pressure, es: Presión arterial }",
        "  blood-pressure: { en: Blood pressure, fr: Tension }\n  pulse: { es: corazón }",
    );
    std::fs::write(&config, text).unwrap();
    let report = site.build();
    assert!(!report.published);
    assert_eq!(
        located(&report, "config/"),
        [
            "config/invalid-value site.yaml:11:41",
            "config/invalid-value site.yaml:12:12"
        ]
    );
}
