//! The medical trust layer: citations, references, review dates,
//! readability, JSON-LD and the editorial report.

use crate::support::*;

#[test]
fn citations_are_numbered_in_order_of_first_use() {
    let site = TestSite::new("sites/trust");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let page = site.html("en/heart/high-blood-pressure/index.html");
    // who-hypertension is cited first (1), whelton2018 second (2); a repeat keeps its number.
    assert_eq!(
        select_text(&page, ".content sup.citation a"),
        ["Reference 1", "Reference 2", "Reference 1", "Reference 2"]
    );
    assert_eq!(
        select_attr(&page, ".content sup.citation a", "id"),
        ["cite-1-1", "cite-2-1", "cite-1-2", "cite-2-2"]
    );
    assert_eq!(
        select_attr(&page, ".content sup.citation a", "href"),
        ["#ref-1", "#ref-2", "#ref-1", "#ref-2"]
    );
    // Markers in code are left alone.
    assert_eq!(select_text(&page, ".content p code"), ["[@not-a-citation]"]);
    assert_eq!(
        select_text(&page, ".content pre code"),
        ["[@also-not-a-citation]"]
    );

    // The References list, in Vancouver style, with back-links to each use.
    assert_eq!(select_text(&page, ".references h2"), ["References"]);
    let items = select_text(&page, ".references li");
    assert_eq!(items.len(), 2);
    assert!(items[0].starts_with("Hypertension fact sheet. World Health Organization. 2023. https://www.who.int/news-room/fact-sheets/detail/hypertension (accessed February 1, 2026)."), "{}", items[0]);
    assert!(
        items[1].starts_with("Whelton PK, Carey RM, Aronow WS, Casey DE, Collins KJ, Dennison Himmelfarb C, et al. 2017 ACC/AHA guideline"),
        "{}",
        items[1]
    );
    assert!(
        items[1].contains(
            "Hypertension. 2018;71(6):e13-e115. doi:10.1161/HYP.0000000000000065. PMID: 29133356."
        ),
        "{}",
        items[1]
    );
    assert_eq!(
        select_attr(&page, ".references li", "id"),
        ["ref-1", "ref-2"]
    );
    assert_eq!(
        select_attr(&page, "#ref-1 a.backlink", "href"),
        ["#cite-1-1", "#cite-1-2"]
    );
    assert_eq!(
        select_attr(&page, "#ref-2 a[href^='https://doi.org/']", "href"),
        ["https://doi.org/10.1161/HYP.0000000000000065"]
    );
    assert_eq!(
        select_attr(&page, "#ref-2 a[href^='https://pubmed']", "href"),
        ["https://pubmed.ncbi.nlm.nih.gov/29133356/"]
    );
}

#[test]
fn review_block_and_dates_are_localised() {
    let site = TestSite::new("sites/trust");
    assert!(site.build().published);
    let en = site.html("en/heart/high-blood-pressure/index.html");
    assert_eq!(
        select_text(&en, ".review .reviewer"),
        ["Medically reviewed by Dr. Sample Reviewer, MD, FACC (Cardiologist) on March 1, 2026"]
    );
    assert_eq!(
        select_text(&en, ".review .review-dates"),
        ["Last reviewed: March 1, 2026 · Next review due: March 1, 2027"]
    );
    let es = site.html("es/heart/high-blood-pressure/index.html");
    assert_eq!(
        select_text(&es, ".review .review-dates"),
        ["Última revisión: 5 de marzo de 2026 · Próxima revisión: 5 de marzo de 2027"]
    );
    assert_eq!(select_text(&es, ".references h2"), ["Referencias"]);
}

#[test]
fn json_ld_describes_the_medical_web_page() {
    let site = TestSite::new("sites/trust");
    assert!(site.build().published);
    let page = site.html("en/heart/high-blood-pressure/index.html");
    let scripts = select_text(&page, "script[type='application/ld+json']");
    assert_eq!(
        scripts.len(),
        1,
        "the hostile title did not break out of the script"
    );
    assert!(select_text(&page, "b").is_empty(), "no injected element");
    let raw = site.read("en/heart/high-blood-pressure/index.html");
    let start = raw.find("<script type=\"application/ld+json\">").unwrap()
        + "<script type=\"application/ld+json\">".len();
    let end = start + raw[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&raw[start..end]).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "MedicalWebPage");
    assert_eq!(ld["name"], "High blood pressure </script><b>");
    assert_eq!(ld["description"], "What it is and how to lower it.");
    assert_eq!(ld["inLanguage"], "en");
    assert_eq!(
        ld["url"],
        "https://trust.example.org/en/heart/high-blood-pressure/"
    );
    assert_eq!(ld["datePublished"], "2026-01-10");
    assert_eq!(ld["dateModified"], "2026-03-02");
    assert_eq!(ld["lastReviewed"], "2026-03-01");
    assert_eq!(ld["reviewedBy"][0]["@type"], "Person");
    assert_eq!(ld["reviewedBy"][0]["name"], "Dr. Sample Reviewer");
    assert_eq!(ld["reviewedBy"][0]["honorificSuffix"], "MD, FACC");
    assert_eq!(ld["reviewedBy"][0]["jobTitle"], "Cardiologist");
    assert_eq!(ld["author"][0]["name"], "Sam Writer");
    assert_eq!(ld["audience"]["@type"], "MedicalAudience");
    assert_eq!(ld["audience"]["audienceType"], "Patient");
    assert_eq!(ld["isPartOf"]["@type"], "WebSite");
    assert_eq!(ld["isPartOf"]["url"], "https://trust.example.org/en/");
    assert_eq!(ld["citation"][0]["name"], "Hypertension fact sheet");
    assert_eq!(
        ld["citation"][1]["sameAs"],
        "https://doi.org/10.1161/HYP.0000000000000065"
    );
    assert_eq!(ld["citation"][1]["publisher"]["name"], "Hypertension");
}

#[test]
fn editorial_report_lists_articles_by_review_due_date() {
    let site = TestSite::new("sites/trust");
    assert!(site.build().published);
    let private = site.root.join(".pamphlet-cache/report");
    let read = |name: &str| std::fs::read_to_string(private.join(name)).unwrap();
    let report: serde_json::Value = serde_json::from_str(&read("report.json")).unwrap();
    assert_eq!(report["build_date"], "2026-06-01");
    let articles = report["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(
        articles[0]["language"], "en",
        "due 2027-03-01 comes before 2027-03-05"
    );
    assert_eq!(articles[0]["next_review"], "2027-03-01");
    assert_eq!(articles[0]["references"], 2);
    assert_eq!(articles[0]["reading_formula"], "Flesch–Kincaid grade");
    assert!(articles[0]["reading_grade"].is_number());
    assert_eq!(
        articles[1]["reading_formula"],
        "Crawford grade (with Fernández Huerta ease)"
    );
    assert_eq!(articles[0]["missing_translations"], serde_json::json!([]));
    let html = scraper::Html::parse_document(&read("index.html"));
    assert_eq!(
        select_attr(&html, "meta[name=robots]", "content"),
        ["noindex, nofollow"]
    );
    assert_eq!(
        select_text(&html, "tbody th a"),
        ["High blood pressure </script><b>", "Presión arterial alta"]
    );
    for other in ["reading-level.html", "problems.html", "title.html"] {
        assert!(private.join(other).is_file());
    }
    // The report is linked from no page.
    assert!(!site.read("en/index.html").contains("_report"));
}

#[test]
fn no_report_flag_leaves_it_out() {
    let site = TestSite::new("sites/trust");
    let mut options = site.options();
    options.report = false;
    assert!(site.build_with(&options).published);
    assert!(!site.exists("_report/index.html"));
    assert!(!site.root.join(".pamphlet-cache/report").exists());
}
