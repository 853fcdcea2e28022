//! The people behind the content (`sites/people`): profiles referenced by
//! id, the people page of each language, JSON-LD `Person`, the profile
//! photo, and the advice, emergency, contact and funding notice on articles.

use crate::support::*;
use serde_json::Value;

fn built() -> TestSite {
    let site = TestSite::new("sites/people");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    site
}

/// `(article title, href, datetime)`.
type Item = (String, String, String);
/// A person's name and listed articles.
type Listed = Vec<(String, Vec<Item>)>;
/// The same, as written in a test.
type Expected<'a> = &'a [(&'a str, &'a [(&'a str, &'a str, &'a str)])];

/// `(name, [(article title, href, datetime)])` of each person's reviewed
/// (or written) list on a people page.
fn listed(page: &scraper::Html, list: &str) -> Listed {
    let person = scraper::Selector::parse("section.person").unwrap();
    let name = scraper::Selector::parse("h2 bdi").unwrap();
    let item = scraper::Selector::parse(&format!("ul.{list} li")).unwrap();
    let link = scraper::Selector::parse("a").unwrap();
    let time = scraper::Selector::parse("time").unwrap();
    page.select(&person)
        .filter_map(|section| {
            let items: Vec<_> = section
                .select(&item)
                .map(|li| {
                    let a = li.select(&link).next().unwrap();
                    let datetime = li
                        .select(&time)
                        .next()
                        .and_then(|t| t.value().attr("datetime"))
                        .unwrap_or("")
                        .to_string();
                    (
                        a.text().collect::<String>(),
                        a.value().attr("href").unwrap().to_string(),
                        datetime,
                    )
                })
                .collect();
            let who = section.select(&name).next()?.text().collect::<String>();
            (!items.is_empty()).then_some((who, items))
        })
        .collect()
}

fn owned(rows: Expected) -> Listed {
    rows.iter()
        .map(|(who, items)| {
            (
                who.to_string(),
                items
                    .iter()
                    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn people_page_lists_every_reviewer_and_author_with_their_articles_and_dates() {
    let site = built();
    let en = site.html("en/people/index.html");
    assert_eq!(select_text(&en, "h1"), ["Reviewers and authors"]);
    assert_eq!(
        listed(&en, "person-reviewed"),
        owned(&[
            (
                "Dr. Inline Reviewer",
                &[("Eating less salt", "/en/heart/salt/", "2026-02-01")]
            ),
            (
                "Dr. Sample Reviewer",
                &[
                    ("Eating less salt", "/en/heart/salt/", "2026-04-01"),
                    (
                        "High blood pressure",
                        "/en/heart/high-blood-pressure/",
                        "2026-03-01"
                    ),
                ]
            ),
        ])
    );
    assert_eq!(
        listed(&en, "person-written"),
        owned(&[
            (
                "Nurse Example",
                &[(
                    "High blood pressure",
                    "/en/heart/high-blood-pressure/",
                    "2026-01-10"
                )]
            ),
            (
                "Plain Author",
                &[("Eating less salt", "/en/heart/salt/", "2026-02-01")]
            ),
        ])
    );
}

#[test]
fn people_page_shows_credentials_role_bio_and_details() {
    let site = built();
    let en = site.html("en/people/index.html");
    // Credentials and role: from the profile, or as written in the article.
    assert_eq!(
        select_text(&en, "section.person h2"),
        [
            "Dr. Inline Reviewer, RD",
            "Dr. Sample Reviewer, MD, FACC",
            "Nurse Example, RN",
            "Plain Author"
        ]
    );
    assert_eq!(
        select_text(&en, "#dr-sample-reviewer .person-role"),
        ["Cardiologist"]
    );
    assert_eq!(
        select_text(&en, "#dr-sample-reviewer .person-bio p").len(),
        2,
        "a blank line starts a paragraph"
    );
    assert_eq!(
        select_text(&en, "#dr-sample-reviewer .person-details dd"),
        [
            "Riverside Test Hospital",
            "None declared.",
            "Medical register entry"
        ]
    );
}

/// Spanish: the translation's own review date, a review inherited from the
/// English source, and the profile's Spanish texts.
#[test]
fn the_spanish_people_page_has_its_own_dates_and_texts() {
    let site = built();
    let es = site.html("es/people/index.html");
    assert_eq!(select_text(&es, "h1"), ["Revisores y autores"]);
    assert_eq!(
        listed(&es, "person-reviewed"),
        owned(&[
            (
                "Dr. Inline Reviewer",
                &[("Comer menos sal", "/es/heart/menos-sal/", "2026-02-01")]
            ),
            (
                "Dr. Sample Reviewer",
                &[
                    ("Comer menos sal", "/es/heart/menos-sal/", "2026-04-01"),
                    (
                        "Presión arterial alta",
                        "/es/heart/presion-arterial-alta/",
                        "2026-03-05"
                    ),
                ]
            ),
        ])
    );
    assert_eq!(
        select_text(&es, "#dr-sample-reviewer .person-role"),
        ["Cardióloga"]
    );
    assert_eq!(
        select_attr(&es, "#dr-sample-reviewer img", "alt"),
        ["Una doctora ficticia sonriendo"]
    );
    assert_eq!(
        select_text(&es, "#dr-sample-reviewer .person-reviewed time"),
        ["1 de abril de 2026", "5 de marzo de 2026"]
    );
}

#[test]
fn people_pages_are_translations_of_each_other_and_linked_from_every_page() {
    let site = built();
    let es = site.html("es/people/index.html");
    // The two pages are each other's translations.
    assert_eq!(
        select_attr(&es, "link[rel=alternate][hreflang]", "href"),
        [
            "https://people.example.org/en/people/",
            "https://people.example.org/es/people/",
            "https://people.example.org/en/people/"
        ]
    );
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://people.example.org/en/people/</loc>"));
    assert!(sitemap.contains("<loc>https://people.example.org/es/people/</loc>"));
    // Every page links to its language's people page.
    let home = site.html("es/index.html");
    assert_eq!(
        select_attr(&home, ".people-link a", "href"),
        ["/es/people/"]
    );
}

#[test]
fn the_review_block_and_byline_link_to_the_person() {
    let site = built();
    let page = site.html("en/heart/salt/index.html");
    assert_eq!(
        select_attr(&page, ".review .reviewer a", "href"),
        [
            "/en/people/#dr-inline-reviewer",
            "/en/people/#dr-sample-reviewer"
        ]
    );
    assert_eq!(
        select_text(&page, ".review .reviewer"),
        [
            "Medically reviewed by Dr. Inline Reviewer, RD (Dietitian) on February 1, 2026",
            "Medically reviewed by Dr. Sample Reviewer, MD, FACC (Cardiologist) on April 1, 2026"
        ]
    );
    assert_eq!(
        select_attr(&page, ".authors a", "href"),
        ["/en/people/#plain-author"]
    );
    // An entry with only an id takes name, credentials and role from the profile.
    let bp = site.html("es/heart/presion-arterial-alta/index.html");
    assert_eq!(
        select_text(&bp, ".review .reviewer"),
        ["Revisión médica de Dr. Sample Reviewer, MD, FACC (Cardióloga) el 5 de marzo de 2026"]
    );
    assert_eq!(
        select_attr(&bp, ".review .reviewer a", "href"),
        ["/es/people/#dr-sample-reviewer"]
    );
    // Each link's target exists on the people page.
    let people = site.html("es/people/index.html");
    assert_eq!(
        select_attr(&people, "#dr-sample-reviewer", "class"),
        ["person"]
    );
}

fn json_ld(page: &scraper::Html) -> Value {
    let script = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
    let text = page.select(&script).next().unwrap().inner_html();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn json_ld_person_is_escaped_and_parses_back_field_by_field() {
    let site = built();
    let raw = site.read("en/people/index.html");
    assert!(
        !raw.contains("</script><script>alert(1)"),
        "escaped inside <script>"
    );
    let doc = json_ld(&site.html("en/people/index.html"));
    assert_eq!(doc["@context"], "https://schema.org");
    assert_eq!(doc["@type"], "AboutPage");
    assert_eq!(doc["url"], "https://people.example.org/en/people/");
    let people = doc["mentions"].as_array().unwrap();
    assert_eq!(people.len(), 4);
    let p = people
        .iter()
        .find(|p| p["name"] == "Dr. Sample Reviewer")
        .unwrap();
    let id = "https://people.example.org/en/people/#dr-sample-reviewer";
    assert_eq!(p["@type"], "Person");
    assert_eq!(p["@id"], id);
    assert_eq!(p["url"], id);
    assert_eq!(p["honorificSuffix"], "MD, FACC");
    assert_eq!(p["jobTitle"], "Cardiologist");
    assert_eq!(
        p["description"],
        "Test profile. Checks heart articles </script><script>alert(1)</script> & more.\n\nSecond paragraph."
    );
    assert_eq!(
        p["image"],
        "https://people.example.org/people/sample-reviewer.jpg"
    );
    assert_eq!(p["affiliation"][0]["@type"], "Organization");
    assert_eq!(p["affiliation"][0]["name"], "Riverside Test Hospital");
    assert_eq!(
        p["sameAs"][0],
        "https://register.example.org/sample-reviewer"
    );
    let inline = people
        .iter()
        .find(|p| p["name"] == "Dr. Inline Reviewer")
        .unwrap();
    assert_eq!(inline["honorificSuffix"], "RD");
    assert_eq!(inline["jobTitle"], "Dietitian");
    assert!(inline.get("description").is_none());

    // The article's MedicalWebPage points at the same Person.
    let article = json_ld(&site.html("en/heart/high-blood-pressure/index.html"));
    assert_eq!(article["@type"], "MedicalWebPage");
    assert_eq!(article["reviewedBy"][0]["@id"], id);
    assert_eq!(article["reviewedBy"][0]["name"], "Dr. Sample Reviewer");
    assert_eq!(
        article["author"][0]["@id"],
        "https://people.example.org/en/people/#nurse-example"
    );
    // In Spanish, the Spanish page's anchor and the profile's Spanish role.
    let es = json_ld(&site.html("es/people/index.html"));
    let p = es["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Dr. Sample Reviewer")
        .unwrap();
    assert_eq!(
        p["@id"],
        "https://people.example.org/es/people/#dr-sample-reviewer"
    );
    assert_eq!(p["jobTitle"], "Cardióloga");
}

#[test]
fn the_profile_photo_is_published_without_its_metadata() {
    let site = built();
    let photo = std::fs::read(site.public().join("people/sample-reviewer.jpg")).unwrap();
    let source = std::fs::read(site.root.join("data/people/sample-reviewer.jpg")).unwrap();
    assert!(String::from_utf8_lossy(&source).contains("GPSLatitude"));
    assert!(!String::from_utf8_lossy(&photo).contains("GPSLatitude"));
    assert!(photo.starts_with(&[0xFF, 0xD8]));
}

#[test]
fn articles_carry_the_notice_with_the_emergency_number_of_their_language() {
    let site = built();
    let en = site.html("en/heart/high-blood-pressure/index.html");
    assert_eq!(
        select_text(&en, ".disclaimer-notice .disclaimer-advice"),
        [
            "This information does not replace advice from your doctor, nurse or pharmacist. In an emergency, call 911."
        ]
    );
    assert_eq!(select_attr(&en, "a.emergency-number", "href"), ["tel:911"]);
    assert_eq!(
        select_attr(&en, "a.emergency-number", "aria-label"),
        ["Call 911"]
    );
    assert_eq!(select_attr(&en, "a.emergency-number", "dir"), ["ltr"]);
    assert_eq!(
        select_attr(&en, ".disclaimer-contact a", "href"),
        ["mailto:contact@people.example.org"]
    );
    assert_eq!(
        select_text(&en, ".disclaimer-funding"),
        ["This clinic is paid for with public money."]
    );
    let es = site.html("es/heart/presion-arterial-alta/index.html");
    assert_eq!(select_attr(&es, "a.emergency-number", "href"), ["tel:112"]);
    assert_eq!(select_text(&es, "a.emergency-number"), ["112"]);
    assert_eq!(
        select_attr(&es, "a.emergency-number", "aria-label"),
        ["Llamar al 112"]
    );
    assert_eq!(
        select_text(&es, ".disclaimer-notice h2"),
        ["Sobre esta información"]
    );
    assert_eq!(
        select_text(&es, ".disclaimer-funding"),
        ["Esta clínica se financia con fondos públicos."]
    );
    // Only articles carry it; other pages keep the short footer notice.
    let people = site.html("en/people/index.html");
    assert!(select_text(&people, ".disclaimer-notice").is_empty());
    assert_eq!(select_text(&people, ".site-footer .disclaimer").len(), 1);
    assert!(select_text(&en, ".site-footer .disclaimer").is_empty());
}

#[test]
fn without_settings_the_notice_uses_the_theme_defaults() {
    let site = TestSite::new("sites/trust");
    assert!(site.build().published);
    let page = site.html("en/heart/high-blood-pressure/index.html");
    assert_eq!(
        select_text(&page, ".disclaimer-advice"),
        [
            "This information does not replace advice from your doctor, nurse or pharmacist. In an emergency, call your local emergency number."
        ]
    );
    assert!(select_attr(&page, "a.emergency-number", "href").is_empty());
    assert!(select_text(&page, ".disclaimer-contact").is_empty());
    assert_eq!(
        select_text(&page, ".disclaimer-funding"),
        ["This website does not show advertising."]
    );
}

#[test]
fn a_site_without_people_has_no_people_page() {
    let site = TestSite::new("sites/minimal");
    assert!(site.build().published);
    assert!(!site.exists("en/people/index.html"));
    assert!(select_text(&site.html("en/index.html"), ".people-link").is_empty());
}
