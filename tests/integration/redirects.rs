//! Pages that moved (`redirect_from:`): a page at each old address that
//! sends readers on, the `_redirects` file for hosts that read it, and the
//! errors for addresses that are taken or are not this site's.

use crate::support::*;

fn built() -> TestSite {
    let site = TestSite::new("sites/redirects");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert_eq!(
        report.diagnostics.warning_count(),
        0,
        "{:?}",
        report.diagnostics
    );
    site
}

#[test]
fn each_old_address_has_a_page_that_leads_to_the_new_one() {
    let site = built();
    // The site is published under /health/: output paths leave it out,
    // addresses in pages carry it.
    let cases = [
        (
            "en/heart/hypertension/index.html",
            "/health/en/heart/high-blood-pressure/",
            "en",
            "ltr",
        ),
        (
            "en/bp/index.html",
            "/health/en/heart/high-blood-pressure/",
            "en",
            "ltr",
        ),
        (
            "en/old-site/bp.html",
            "/health/en/heart/high-blood-pressure/",
            "en",
            "ltr",
        ),
        (
            "en/food/salt/index.html",
            "/health/en/heart/salt/",
            "en",
            "ltr",
        ),
        (
            "ar/ضغط/index.html",
            "/health/ar/heart/high-blood-pressure/",
            "ar",
            "rtl",
        ),
    ];
    for (path, to, lang, dir) in cases {
        let page = site.html(path);
        assert_eq!(select_attr(&page, "html", "lang"), [lang], "{path}");
        assert_eq!(select_attr(&page, "html", "dir"), [dir], "{path}");
        assert_eq!(
            select_attr(&page, "meta[http-equiv=refresh]", "content"),
            [format!("0; url={to}")],
            "{path}"
        );
        assert_eq!(
            select_attr(&page, "link[rel=canonical]", "href"),
            [format!("https://moved.example.org{to}")],
            "{path}"
        );
        assert_eq!(
            select_attr(&page, "meta[name=robots]", "content"),
            ["noindex"]
        );
        // A visible link for browsers that do not follow the refresh.
        assert_eq!(select_attr(&page, "main a", "href"), [to], "{path}");
        // Nothing is loaded: no style sheet, script, image or font.
        for tag in ["script", "link[rel=stylesheet]", "img", "iframe"] {
            assert!(
                select_attr(&page, tag, "src").is_empty()
                    && select_attr(&page, tag, "href").is_empty(),
                "{path}: {tag}"
            );
        }
    }
    // The page's title is escaped, and the text is the page's language.
    let salt = site.read("en/food/salt/index.html");
    assert!(
        salt.contains("<title>Salt &amp; your heart</title>"),
        "{salt}"
    );
    assert!(salt.contains("This page has moved to:"));
    assert!(
        site.read("ar/ضغط/index.html")
            .contains("نُقلت هذه الصفحة إلى:")
    );
}

#[test]
fn the_redirects_file_lists_every_old_address_once_in_order() {
    let site = built();
    assert_eq!(
        site.read("_redirects"),
        "# Written by Pamphlet from the pages' `redirect_from:` lists: edit those, not this file.\n\
         /health/ar/%D8%B6%D8%BA%D8%B7/ /health/ar/heart/high-blood-pressure/ 301\n\
         /health/en/bp/ /health/en/heart/high-blood-pressure/ 301\n\
         /health/en/food/salt/ /health/en/heart/salt/ 301\n\
         /health/en/heart/hypertension/ /health/en/heart/high-blood-pressure/ 301\n\
         /health/en/old-site/bp.html /health/en/heart/high-blood-pressure/ 301\n"
    );
    // Old addresses are not pages of the site: not in the sitemap or search.
    let sitemap = site.read("sitemap.xml");
    assert!(
        !sitemap.contains("hypertension") && !sitemap.contains("/bp/"),
        "{sitemap}"
    );
    assert!(sitemap.contains("/health/en/heart/high-blood-pressure/"));
}

#[test]
fn a_site_without_moved_pages_writes_no_redirect_file() {
    let site = TestSite::new("sites/minimal");
    assert!(site.build().published);
    assert!(!site.exists("_redirects"));
}

#[test]
fn an_old_address_of_a_page_in_the_preview_works_too() {
    let site = TestSite::new("sites/redirects");
    let mut build = pamphlet::pipeline::Build::new(site.options());
    build.full().unwrap();
    let files = build.files();
    assert!(files.contains_key(std::path::Path::new("en/food/salt/index.html")));
    assert!(files.contains_key(std::path::Path::new("_redirects")));
}

#[test]
fn an_old_address_becoming_a_new_page_is_caught() {
    // The most common way to break a redirect later: a new article is
    // written at an address an older one used to have.
    let site = TestSite::new("sites/redirects");
    std::fs::create_dir_all(site.root.join("content/en/food")).unwrap();
    std::fs::write(
        site.root.join("content/en/food/salt.md"),
        "---\ntitle: Salt in food\nsummary: Where salt hides.\ndate: 2026-02-01\n---\n\nBread.\n",
    )
    .unwrap();
    let report = site.build();
    assert!(!report.published);
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{} {}",
                d.code,
                d.file.display(),
                d.position.line,
                d.position.column,
                d.message
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "redirect/conflict content/en/heart/salt.md:5:17 `/health/en/food/salt/` is still the address of `content/en/food/salt.md`; a redirect there would hide it"
        ]
    );
}

#[test]
fn builds_are_byte_identical() {
    let (a, b) = (built(), built());
    for path in ["_redirects", "en/bp/index.html", "ar/ضغط/index.html"] {
        assert_eq!(a.read(path), b.read(path), "{path}");
    }
}
