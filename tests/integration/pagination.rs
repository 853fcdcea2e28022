//! Long lists on numbered pages (`paginate_by:`): which pages are written,
//! what each lists, its nav, canonical address, title and sitemap entry,
//! the texts in another language, and the error for an article in the way.
//! The fixture lists two articles a page and lives under `/clinic/`.

use crate::support::*;

fn built() -> TestSite {
    let site = TestSite::new("sites/pagination");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert_eq!(report.diagnostics.len(), 0, "{:?}", report.diagnostics);
    site
}

/// The titles a list page shows, in order.
fn listed(site: &TestSite, path: &str) -> Vec<String> {
    select_text(&site.html(path), ".page-list-title a")
}

const ORIGIN: &str = "https://health.example.org/clinic";

#[test]
fn long_lists_continue_on_numbered_pages_newest_first() {
    let site = built();
    let cases: [(&str, &[&str]); 12] = [
        ("en/heart/index.html", &["Quitting smoking", "Sleep"]),
        ("en/heart/page/2/index.html", &["Walking", "Less salt"]),
        ("en/heart/page/3/index.html", &["Blood pressure"]),
        ("en/tags/heart/index.html", &["Quitting smoking", "Sleep"]),
        ("en/tags/heart/page/3/index.html", &["Blood pressure"]),
        ("en/tags/salt/index.html", &["Less salt", "Blood pressure"]),
        ("en/index.html", &["Quitting smoking", "Sleep"]),
        ("en/page/3/index.html", &["Blood pressure"]),
        ("es/heart/index.html", &["Caminar", "Menos sal"]),
        ("es/heart/page/2/index.html", &["Presión arterial"]),
        ("ar/heart/index.html", &["المشي", "ملح أقل"]),
        ("ar/heart/page/2/index.html", &["ضغط الدم"]),
    ];
    for (path, titles) in cases {
        assert_eq!(listed(&site, path), titles, "{path}");
    }
    let files = site.output_files();
    let numbered: Vec<&String> = files
        .iter()
        .filter(|f| f.contains("/page/") || f.starts_with("page/"))
        .collect();
    assert_eq!(
        numbered,
        [
            "ar/heart/page/2/index.html",
            "ar/page/2/index.html",
            "ar/tags/heart/page/2/index.html",
            "en/heart/page/2/index.html",
            "en/heart/page/3/index.html",
            "en/page/2/index.html",
            "en/page/3/index.html",
            "en/tags/heart/page/2/index.html",
            "en/tags/heart/page/3/index.html",
            "es/heart/page/2/index.html",
            "es/page/2/index.html",
            "es/tags/heart/page/2/index.html",
        ],
        "no page 1 copy, no empty page after the last, none for a short list"
    );
}

#[test]
fn the_nav_names_itself_marks_the_current_page_and_links_both_ways() {
    let site = built();
    let page = site.html("en/heart/page/2/index.html");
    assert_eq!(
        select_attr(&page, "nav.pagination", "aria-label"),
        ["Pages of this list"]
    );
    assert_eq!(select_text(&page, ".pagination-status"), ["Page 2 of 3"]);
    assert_eq!(
        select_attr(&page, ".pagination a", "href"),
        [
            "/clinic/en/heart/",
            "/clinic/en/heart/",
            "/clinic/en/heart/page/2/",
            "/clinic/en/heart/page/3/",
            "/clinic/en/heart/page/3/",
        ],
        "previous, 1, 2, 3, next"
    );
    assert_eq!(select_text(&page, ".pagination a[rel=prev]"), ["Previous"]);
    assert_eq!(select_text(&page, ".pagination a[rel=next]"), ["Next"]);
    assert_eq!(
        select_attr(&page, ".pagination a[aria-current=page]", "href"),
        ["/clinic/en/heart/page/2/"]
    );
    assert_eq!(
        select_attr(&page, ".pagination a[aria-current]", "aria-label"),
        ["Page 2"]
    );
    // The first page has no "previous", the last no "next".
    let first = site.html("en/heart/index.html");
    assert!(select_attr(&first, ".pagination a[rel=prev]", "href").is_empty());
    assert_eq!(
        select_attr(&first, ".pagination a[rel=next]", "href"),
        ["/clinic/en/heart/page/2/"]
    );
    let last = site.html("en/heart/page/3/index.html");
    assert!(select_attr(&last, ".pagination a[rel=next]", "href").is_empty());
    // A list that fits on one page has no nav.
    let short = site.html("en/tags/salt/index.html");
    assert!(select_text(&short, "nav.pagination").is_empty());
}

#[test]
fn each_numbered_page_is_its_own_page_for_search_engines() {
    let site = built();
    let second = site.html("en/heart/page/2/index.html");
    let permalink = format!("{ORIGIN}/en/heart/page/2/");
    assert_eq!(
        select_attr(&second, "link[rel=canonical]", "href"),
        [permalink.as_str()]
    );
    assert_eq!(meta(&second, "og:url"), [permalink.as_str()]);
    assert_eq!(
        select_text(&second, "title"),
        ["Heart · Riverside Health · Page 2 of 3"]
    );
    // The introduction and the translations' hreflang stay on page 1.
    let first = site.html("en/heart/index.html");
    assert!(site.read("en/heart/index.html").contains("first page only"));
    assert!(
        !site
            .read("en/heart/page/2/index.html")
            .contains("first page only")
    );
    assert_eq!(
        select_attr(&first, "link[rel=canonical]", "href"),
        [format!("{ORIGIN}/en/heart/")]
    );
    assert!(!select_attr(&first, "link[hreflang]", "href").is_empty());
    assert!(select_attr(&second, "link[hreflang]", "href").is_empty());

    let sitemap = site.read("sitemap.xml");
    for path in [
        "en/heart/page/2/",
        "en/heart/page/3/",
        "en/tags/heart/page/3/",
        "en/page/3/",
        "es/heart/page/2/",
    ] {
        let loc = format!("<loc>{ORIGIN}/{path}</loc>");
        assert_eq!(sitemap.matches(&loc).count(), 1, "{path} in the sitemap");
    }
    assert!(!sitemap.contains("/page/4/"));
    assert!(!sitemap.contains("tags/salt/page/"));
}

#[test]
fn the_nav_speaks_the_pages_language() {
    let site = built();
    let page = site.html("es/heart/page/2/index.html");
    assert_eq!(
        select_attr(&page, "nav.pagination", "aria-label"),
        ["Páginas de esta lista"]
    );
    assert_eq!(select_text(&page, ".pagination-status"), ["Página 2 de 2"]);
    assert_eq!(select_text(&page, ".pagination a[rel=prev]"), ["Anterior"]);
    assert_eq!(
        select_attr(&page, ".pagination a[aria-current]", "aria-label"),
        ["Página 2"]
    );
}

#[test]
fn a_link_to_a_numbered_page_is_a_link_to_a_page_of_the_site() {
    // The fixture's newest article links to /en/heart/page/2/; `built`
    // asserts the build reports nothing, so the link was found.
    let site = built();
    let article = site.html("en/heart/smoking/index.html");
    assert_eq!(
        select_attr(&article, "main a[href*='/page/2/']", "href"),
        ["/clinic/en/heart/page/2/"]
    );
}

#[test]
fn an_article_where_a_numbered_page_goes_is_an_error() {
    let site = TestSite::new("sites/pagination");
    std::fs::create_dir_all(site.root.join("content/en/heart/page")).unwrap();
    std::fs::write(
        site.root.join("content/en/heart/page/2.md"),
        "---\ntitle: Page two\nsummary: In the way.\ndate: 2025-01-01\n---\n\nText.\n",
    )
    .unwrap();
    let report = site.build();
    assert!(!report.published);
    assert_eq!(
        located(&report, "page/"),
        ["page/pagination-clash content/en/heart/page/2.md:1:1"]
    );
    let problem = report
        .diagnostics
        .iter()
        .find(|d| d.code == "page/pagination-clash")
        .unwrap();
    assert!(
        problem.message.contains("`/clinic/en/heart/page/2/`"),
        "{}",
        problem.message
    );
    assert!(
        problem.message.contains("page 2 of the list of `Heart`"),
        "{}",
        problem.message
    );
}

#[test]
fn paginate_by_zero_keeps_every_list_on_one_page() {
    let site = TestSite::new("sites/pagination");
    site.edit("site.yaml", |text| {
        text.replace("paginate_by: 2", "paginate_by: 0")
    });
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(site.output_files().iter().all(|f| !f.contains("page/")));
    assert_eq!(listed(&site, "en/heart/index.html").len(), 5);
    assert_eq!(listed(&site, "en/index.html").len(), 5);
    assert!(select_text(&site.html("en/heart/index.html"), "nav.pagination").is_empty());
}

#[test]
fn a_negative_or_wordy_paginate_by_is_an_error_at_its_line() {
    for written in ["-3", "twenty"] {
        let site = TestSite::new("sites/pagination");
        site.edit("site.yaml", |text| {
            text.replace("paginate_by: 2", &format!("paginate_by: {written}"))
        });
        let report = site.build();
        assert!(!report.published, "{written}");
        assert_eq!(
            located(&report, ""),
            ["config/invalid-value site.yaml:9:14"],
            "{written}"
        );
    }
}
