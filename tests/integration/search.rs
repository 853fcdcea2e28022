//! Finding topics: the A–Z index pages and the search index, on the
//! `sites/search` fixture (English, Spanish, Arabic; a draft, an expired
//! and a current alert, and a `search: false` page).

use crate::support::*;
use std::collections::BTreeSet;

fn built() -> TestSite {
    let site = TestSite::new("sites/search");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert_eq!(
        expected_warnings(&report),
        ["alert/expired"],
        "{:?}",
        report.diagnostics
    );
    site
}

/// The fixture keeps one expired alert on purpose (it must not be findable),
/// which `check` rightly reports; nothing else may be reported.
fn expected_warnings(report: &pamphlet::BuildReport) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

/// Headings of the A–Z groups, and each group's entries as read aloud.
fn groups(page: &scraper::Html) -> Vec<(String, Vec<String>)> {
    let section = scraper::Selector::parse("section.atoz-group").unwrap();
    let heading = scraper::Selector::parse("h2").unwrap();
    let item = scraper::Selector::parse("li").unwrap();
    let text = |e: scraper::ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    page.select(&section)
        .map(|s| {
            (
                s.select(&heading).next().map(text).unwrap_or_default(),
                s.select(&item).map(text).collect(),
            )
        })
        .collect()
}

fn owned(groups: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    groups
        .iter()
        .map(|(l, e)| (l.to_string(), e.iter().map(|s| s.to_string()).collect()))
        .collect()
}

#[test]
fn english_a_to_z_lists_titles_and_aliases_without_hidden_pages() {
    let site = built();
    let page = site.html("en/a-z/index.html");
    assert_eq!(
        groups(&page),
        owned(&[
            ("E", &["Épistaxis → see Nosebleeds"]),
            ("F", &["Fever", "Flu vaccine clinics open"]),
            (
                "H",
                &[
                    "High blood pressure",
                    "High temperature → see Fever",
                    "Hypertension → see High blood pressure",
                ]
            ),
            ("N", &["Nosebleeds"]),
            ("Other", &["5 ways to sleep better"]),
        ])
    );
    // An alias links to its article.
    assert!(
        select_attr(&page, "section.atoz-group a", "href")
            .contains(&"/en/infections/nosebleeds/".to_string())
    );
    // Every letter is shown; only letters with entries are links.
    assert_eq!(select_text(&page, ".atoz-letters li").len(), 27);
    assert_eq!(
        select_text(&page, ".atoz-letters a"),
        ["E", "F", "H", "N", "Other"]
    );
    assert_eq!(
        select_attr(&page, ".atoz-letters a", "href")[0],
        "#letter-e"
    );
    assert_eq!(select_attr(&page, "#letter-e", "id"), ["letter-e"]);
    // Not listed: the draft, the expired alert, the `search: false` page.
    let all = site.read("en/a-z/index.html");
    for hidden in ["Unfinished zebra", "Heatwave", "Privacy"] {
        assert!(!all.contains(hidden), "{hidden} is listed");
    }
}

#[test]
fn spanish_a_to_z_has_ñ_after_n_and_folds_accents() {
    let site = built();
    let page = site.html("es/a-z/index.html");
    assert_eq!(
        groups(&page),
        owned(&[
            ("F", &["Fiebre"]),
            ("H", &["Hipertensión → ver Presión arterial alta"]),
            ("N", &["Niños sanos"]),
            ("Ñ", &["Ñame y nutrición"]),
            ("P", &["Presión arterial alta"]),
            ("T", &["Temperatura alta → ver Fiebre"]),
            ("U", &["Úlceras de estómago"]),
        ])
    );
    let letters = select_text(&page, ".atoz-letters li");
    let n = letters.iter().position(|l| l == "N").unwrap();
    assert_eq!(letters[n + 1..n + 3], ["Ñ", "O"]);
    assert_eq!(select_text(&page, "h1"), ["Temas de salud de la A a la Z"]);
}

#[test]
fn arabic_a_to_z_is_in_arabic_order_with_hamza_forms_under_alef() {
    let site = built();
    let page = site.html("ar/a-z/index.html");
    assert_eq!(
        groups(&page),
        owned(&[
            (
                "ا",
                &[
                    "ارتفاع ضغط الدم",
                    "إسهال",
                    "الحمى",
                    "السخونة → انظر الحمى",
                    "أمراض القلب",
                ]
            ),
            ("ر", &["ربو"]),
            ("ف", &["فرط ضغط الدم → انظر ارتفاع ضغط الدم"]),
        ])
    );
    let letters = select_text(&page, ".atoz-letters li");
    assert_eq!(letters.len(), 28);
    assert_eq!((letters[0].as_str(), letters[27].as_str()), ("ا", "ي"));
    assert_eq!(select_attr(&page, "html", "dir"), ["rtl"]);
}

#[test]
fn the_menu_marks_the_section_a_page_is_in_and_nothing_on_other_pages() {
    // Pages share their language's menu, drawn once per current section.
    let site = built();
    for (path, current) in [
        (
            "en/heart/high-blood-pressure/index.html",
            &["/en/heart/"][..],
        ),
        ("en/heart/index.html", &["/en/heart/"][..]),
        ("es/infections/fever/index.html", &["/es/infections/"][..]),
        ("en/a-z/index.html", &["/en/a-z/"][..]),
        ("en/index.html", &[][..]),
    ] {
        assert_eq!(
            select_attr(&site.html(path), ".site-nav a[aria-current]", "href"),
            current,
            "{path}"
        );
    }
}

#[test]
fn every_page_links_the_a_to_z_and_has_a_search_box_that_works_without_javascript() {
    let site = built();
    for (path, atoz, search) in [
        ("en/index.html", "/en/a-z/", "/en/search/"),
        (
            "en/heart/high-blood-pressure/index.html",
            "/en/a-z/",
            "/en/search/",
        ),
        ("es/infections/fever/index.html", "/es/a-z/", "/es/search/"),
        ("ar/a-z/index.html", "/ar/a-z/", "/ar/search/"),
        ("404.html", "/en/a-z/", "/en/search/"),
    ] {
        let page = site.html(path);
        assert!(
            select_attr(&page, ".site-nav a", "href").contains(&atoz.to_string()),
            "{path} has no A–Z link"
        );
        // Without JavaScript the box opens the A–Z page; the script points
        // it at the search page.
        assert_eq!(
            select_attr(&page, "form.search-box", "action"),
            [atoz],
            "{path}"
        );
        assert_eq!(
            select_attr(&page, "form.search-box", "data-search-url"),
            [search],
            "{path}"
        );
        assert_eq!(
            select_attr(&page, "form.search-box label", "for"),
            select_attr(&page, "form.search-box input", "id"),
            "{path}: the box is labelled"
        );
        assert_eq!(
            select_attr(&page, "form.search-box [role=status]", "aria-live"),
            ["polite"]
        );
        // Scripts come from the site; an inline script is allowed only by
        // its hash in the Content-Security-Policy of `_headers`.
        // (The fingerprinted copy of js/search.js, see assets.rs.)
        let scripts = select_attr(&page, "script[src]", "src");
        assert_eq!(scripts.len(), 1, "{path}: {scripts:?}");
        let script = scripts[0].trim_start_matches('/');
        assert!(
            script.starts_with("js/search.") && script.ends_with(".js") && site.exists(script),
            "{path}: {scripts:?}"
        );
        assert_eq!(site.read(script), site.read("js/search.js"));
        let headers = site.read("_headers");
        for hash in pamphlet::security::inline_script_hashes(site.read(path).as_bytes()) {
            assert!(
                headers.contains(&hash),
                "{path}: inline script {hash} is not in the CSP"
            );
        }
    }
    let atoz = site.html("en/a-z/index.html");
    assert_eq!(
        select_attr(&atoz, ".site-nav a[aria-current]", "href"),
        ["/en/a-z/"]
    );
    // The search page says what to do without JavaScript.
    let search = site.read("es/search/index.html");
    assert!(search.contains("<noscript>"));
    assert!(search.contains("href=\"/es/a-z/\""));
    assert!(site.exists("js/search.js"));
    // The A–Z pages are translations of each other.
    assert_eq!(
        select_attr(&atoz, "link[rel=alternate][hreflang]", "hreflang"),
        ["en", "es", "ar", "x-default"]
    );
}

/// The URLs in one language's search index, read from its page records.
fn indexed_urls(site: &TestSite, language: &str) -> BTreeSet<String> {
    let dir = site.public().join(format!("search-index/{language}/pages"));
    let mut urls = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let records: serde_json::Value =
            serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for record in records.as_array().unwrap() {
            urls.insert(record["url"].as_str().unwrap().to_string());
        }
    }
    urls
}

/// The pages of `language` whose index holds `term`, by URL, with weights.
fn postings(site: &TestSite, language: &str, term: &str) -> Vec<(String, u64)> {
    let key: String = term.chars().take(2).collect();
    let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    let shard_file = format!("search-index/{language}/terms/{hex}.json");
    if !site.exists(&shard_file) {
        return Vec::new();
    }
    let shard: serde_json::Value = serde_json::from_str(&site.read(&shard_file)).unwrap();
    let meta: serde_json::Value =
        serde_json::from_str(&site.read(&format!("search-index/{language}/meta.json"))).unwrap();
    let chunk = meta["chunk"].as_u64().unwrap();
    let list: Vec<u64> = shard[term]
        .as_array()
        .map(|l| l.iter().map(|v| v.as_u64().unwrap()).collect())
        .unwrap_or_default();
    let mut page = 0;
    list.chunks(2)
        .map(|pair| {
            page += pair[0];
            let records: serde_json::Value = serde_json::from_str(&site.read(&format!(
                "search-index/{language}/pages/{}.json",
                page / chunk
            )))
            .unwrap();
            let url = records[(page % chunk) as usize]["url"].as_str().unwrap();
            (url.to_string(), pair[1])
        })
        .collect()
}

#[test]
fn the_search_index_holds_findable_articles_only() {
    let site = built();
    assert_eq!(
        indexed_urls(&site, "en"),
        BTreeSet::from(
            [
                "/en/alerts/flu-clinics/",
                "/en/heart/high-blood-pressure/",
                "/en/infections/fever/",
                "/en/infections/nosebleeds/",
                "/en/sleep/five-ways/",
            ]
            .map(String::from)
        )
    );
    assert_eq!(indexed_urls(&site, "es").len(), 5);
    assert_eq!(indexed_urls(&site, "ar").len(), 5);
    for language in ["en", "es", "ar"] {
        let meta: serde_json::Value =
            serde_json::from_str(&site.read(&format!("search-index/{language}/meta.json")))
                .unwrap();
        assert_eq!(meta["pages"], 5, "{meta}");
    }
    // Names weigh most, then summaries and tags, then body words; accents
    // and Arabic vowel marks and article are folded away.
    assert_eq!(
        postings(&site, "en", "hypertension"),
        [("/en/heart/high-blood-pressure/".to_string(), 10)]
    );
    assert!(
        postings(&site, "en", "potassium")
            .iter()
            .any(|(url, w)| url == "/en/heart/high-blood-pressure/" && (1..=4).contains(w))
    );
    assert_eq!(
        postings(&site, "es", "hipertension"),
        [("/es/heart/high-blood-pressure/".to_string(), 10)]
    );
    assert!(
        postings(&site, "ar", "حمى")
            .iter()
            .any(|(url, w)| url == "/ar/infections/fever/" && *w == 10)
    );
    assert!(postings(&site, "en", "wombat").is_empty());

    // With --drafts the draft is a page, but still not findable.
    let mut options = site.options();
    options.drafts = true;
    assert!(site.build_with(&options).published);
    assert!(site.exists("en/drafts/unfinished/index.html"));
    assert!(
        !indexed_urls(&site, "en")
            .iter()
            .any(|u| u.contains("drafts"))
    );

    // On a build date before the heatwave alert expired, it is listed.
    options.today = pamphlet::dates::Date::new(2025, 7, 15).unwrap();
    assert!(site.build_with(&options).published);
    assert!(indexed_urls(&site, "en").contains("/en/alerts/heatwave/"));
    assert!(site.read("en/a-z/index.html").contains("Heatwave warning"));
}

#[test]
fn a_default_language_at_the_root_has_its_a_to_z_at_the_root() {
    let site = TestSite::new("sites/sections-tags");
    assert!(site.build().published);
    assert!(site.exists("a-z/index.html"));
    assert!(site.exists("search/index.html"));
    let home = site.html("index.html");
    assert!(select_attr(&home, ".site-nav a", "href").contains(&"/health/a-z/".to_string()));
    assert_eq!(
        select_attr(&home, "form.search-box", "data-index"),
        ["/health/search-index/en/"]
    );
}

#[test]
fn check_writes_no_search_index() {
    let site = TestSite::new("sites/search");
    let report = pamphlet::pipeline::run(&site.options(), pamphlet::Target::Nowhere).unwrap();
    assert_eq!(
        expected_warnings(&report),
        ["alert/expired"],
        "{:?}",
        report.diagnostics
    );
    assert!(!site.public().exists());
}

#[test]
fn a_folder_taking_the_search_pages_address_is_reported() {
    let site = TestSite::new("sites/search");
    let folder = site.root.join("content/en/search");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("_index.md"), "---\ntitle: Search tips\n---\n").unwrap();
    let report = site.build();
    assert!(!report.published);
    let found: Vec<(&str, String)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code != "alert/expired")
        .map(|d| (d.code, d.file.display().to_string()))
        .collect();
    assert_eq!(
        found,
        [(
            "page/duplicate-url",
            "content/en/search/_index.md".to_string()
        )]
    );
}
