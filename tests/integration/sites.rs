//! Working fixture sites: what each build writes.

use crate::support::*;

#[test]
fn minimal_site_builds_with_defaults() {
    let site = TestSite::new("sites/minimal");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let files = site.output_files();
    for expected in [
        "index.html",
        "404.html",
        "en/index.html",
        "en/hello/index.html",
        "css/pamphlet.css",
        "css/syntax.css",
    ] {
        assert!(
            files.contains(&expected.to_string()),
            "missing {expected} in {files:?}"
        );
    }
    let page = site.html("en/hello/index.html");
    assert_eq!(select_text(&page, "h1"), ["Hello & welcome"]);
    assert_eq!(select_attr(&page, "html", "lang"), ["en"]);
    assert_eq!(
        select_attr(&page, "link[rel=canonical]", "href"),
        ["https://minimal.example.org/en/hello/"]
    );
    // GFM tables and footnotes are on.
    assert_eq!(select_text(&page, "main table th"), ["When", "Why"]);
    assert_eq!(select_text(&page, "main .footnotes li").len(), 1);
    // The title is escaped, not injected.
    assert!(
        site.read("en/hello/index.html")
            .contains("<h1>Hello &amp; welcome</h1>")
    );
}

#[test]
fn bilingual_site_links_translations_both_ways() {
    let site = TestSite::new("sites/bilingual");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);

    let en = site.html("en/heart/high-blood-pressure/index.html");
    let es = site.html("es/heart/presion-arterial-alta/index.html");
    let alternates = |page: &scraper::Html| -> Vec<(String, String)> {
        let langs = select_attr(page, "link[rel=alternate][hreflang]", "hreflang");
        let hrefs = select_attr(page, "link[rel=alternate][hreflang]", "href");
        langs.into_iter().zip(hrefs).collect()
    };
    let expected = vec![
        (
            "en".to_string(),
            "https://health.example.org/en/heart/high-blood-pressure/".to_string(),
        ),
        (
            "es".to_string(),
            "https://health.example.org/es/heart/presion-arterial-alta/".to_string(),
        ),
        (
            "x-default".to_string(),
            "https://health.example.org/en/heart/high-blood-pressure/".to_string(),
        ),
    ];
    assert_eq!(alternates(&en), expected);
    assert_eq!(alternates(&es), expected);
    assert_eq!(select_attr(&es, "html", "lang"), ["es"]);
    assert_eq!(select_attr(&es, ".language-switcher a", "hreflang"), ["en"]);
    assert_eq!(select_text(&es, ".language-switcher a"), ["English"]);
    // Localised dates and UI strings.
    assert_eq!(
        select_text(&es, ".article-header .meta time"),
        ["12 de enero de 2026"]
    );
    assert!(select_text(&es, ".skip-link")[0].starts_with("Saltar"));
    // An article with no translation has no alternates and no switcher.
    let salt = site.html("en/heart/salt/index.html");
    assert!(alternates(&salt).is_empty());
    assert!(select_text(&salt, ".language-switcher").is_empty());
    // Without a language at the root, `/` lets the reader choose.
    let root = site.html("index.html");
    assert_eq!(
        select_attr(&root, ".language-homes a", "href"),
        ["/en/", "/es/"]
    );
    // Per-language tag pages.
    assert!(site.exists("es/tags/corazón/index.html"));
    assert_eq!(
        select_text(&site.html("en/tags/heart/index.html"), ".page-list-title"),
        ["Eating less salt", "High blood pressure"]
    );
}

fn built_sections_tags() -> TestSite {
    let site = TestSite::new("sites/sections-tags");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    site
}

#[test]
fn sections_tags_assets_and_drafts() {
    let site = built_sections_tags();
    let files = site.output_files();
    // The default language lives at the root; the base path is not a folder.
    assert!(files.contains(&"index.html".to_string()));
    assert!(
        files.contains(&"heart/cholesterol/index.html".to_string()),
        "{files:?}"
    );
    assert!(files.contains(&"heart/tests/ecg/index.html".to_string()));
    // Page bundle: the page is its folder, its image sits beside it.
    assert!(files.contains(&"clinics/opening-hours/index.html".to_string()));
    assert!(files.contains(&"clinics/opening-hours/map.svg".to_string()));
    // Assets beside articles and static files.
    assert!(files.contains(&"heart/images/heart.svg".to_string()));
    assert!(files.contains(&"docs/leaflet.txt".to_string()));
    // Drafts and editor temp files are left out.
    assert!(
        !files.iter().any(|f| f.contains("future-plans")),
        "{files:?}"
    );
    assert!(
        !files.iter().any(|f| f.contains('~') || f.contains(".#")),
        "{files:?}"
    );
}

#[test]
fn images_and_links_of_articles_and_bundles_carry_the_base_path() {
    let site = built_sections_tags();
    let article = site.html("heart/cholesterol/index.html");
    assert_eq!(
        select_attr(&article, "main img", "src"),
        // The cover is in the text too: not shown a second time above it.
        [
            "/health/heart/images/heart.svg",
            "/health/heart/images/heart.svg"
        ]
    );
    assert_eq!(
        select_attr(&article, ".content img", "alt"),
        ["A red heart shape", ""]
    );
    assert!(
        select_attr(&article, ".content img", "title").is_empty(),
        "the decorative marker is not shown"
    );
    assert_eq!(
        select_attr(&article, ".content a", "href"),
        ["/health/docs/leaflet.txt"]
    );
    assert_eq!(
        select_attr(
            &site.html("clinics/opening-hours/index.html"),
            ".content img",
            "src"
        ),
        ["/health/clinics/opening-hours/map.svg"]
    );
}

#[test]
fn navigation_sections_and_breadcrumbs_follow_weight_and_dates() {
    let site = built_sections_tags();
    // Navigation follows `weight`, then the A–Z index; sections list their
    // articles newest first.
    let home = site.html("index.html");
    assert_eq!(
        select_text(&home, ".site-nav a"),
        ["Our clinics", "Heart health", "A–Z"]
    );
    let heart = site.html("heart/index.html");
    assert_eq!(select_text(&heart, ".section-list a"), ["Tests"]);
    assert_eq!(
        select_text(&heart, ".page-list-title"),
        ["Cholesterol basics"]
    );
    assert_eq!(
        select_text(&site.html("heart/tests/ecg/index.html"), ".breadcrumbs li"),
        [
            "Sections Clinic",
            "Heart health",
            "Tests",
            "What is an ECG?"
        ]
    );
}

#[test]
fn tags_list_every_tagged_article_but_no_draft() {
    let site = built_sections_tags();
    let article = site.html("heart/cholesterol/index.html");
    // Tags: slugged URLs, every tagged article listed, drafts excluded.
    assert_eq!(
        select_text(&site.html("tags/heart/index.html"), ".page-list-title"),
        ["Cholesterol basics", "What is an ECG?"]
    );
    assert!(site.exists("tags/blood-tests/index.html"));
    assert_eq!(
        select_text(&article, ".tag-list a"),
        ["heart", "Blood tests"]
    );
}

#[test]
fn drafts_are_built_when_asked() {
    let site = TestSite::new("sites/sections-tags");
    let mut options = site.options();
    options.drafts = true;
    let report = site.build_with(&options);
    assert!(report.published);
    assert!(site.exists("heart/future-plans/index.html"));
}

#[test]
fn relative_markdown_links_become_page_urls() {
    let site = TestSite::new("sites/links");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let bp = site.html("en/heart/bp/index.html");
    assert_eq!(
        select_attr(&bp, ".content a", "href"),
        [
            "/en/food/less-salt/#how-much",
            "#know-your-numbers",
            "https://www.who.int/"
        ]
    );
    assert_eq!(select_attr(&bp, ".content h2", "id"), ["know-your-numbers"]);
    let salt = site.html("en/food/less-salt/index.html");
    assert_eq!(select_attr(&salt, ".content a", "href"), ["/en/heart/bp/"]);
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = TestSite::new("sites/links");
    let mut options = site.options();
    options.base_url = Some("https://staging.example.net/preview".into());
    assert!(site.build_with(&options).published);
    let bp = site.html("en/heart/bp/index.html");
    assert_eq!(
        select_attr(&bp, "link[rel=canonical]", "href"),
        ["https://staging.example.net/preview/en/heart/bp/"]
    );
    assert_eq!(
        select_attr(&bp, ".content a", "href")[0],
        "/preview/en/food/less-salt/#how-much"
    );
}

#[test]
fn builds_are_byte_identical() {
    let first = TestSite::new("sites/bilingual");
    let second = TestSite::new("sites/bilingual");
    assert!(first.build().published);
    assert!(second.build().published);
    let files = first.output_files();
    assert_eq!(files, second.output_files());
    assert!(files.len() > 10);
    for file in &files {
        let a = std::fs::read(first.public().join(file)).unwrap();
        let b = std::fs::read(second.public().join(file)).unwrap();
        assert!(a == b, "{file} differs between two builds");
    }
}

#[test]
fn site_templates_override_the_theme() {
    let site = TestSite::new("sites/minimal");
    std::fs::create_dir_all(site.root.join("templates")).unwrap();
    std::fs::write(
        site.root.join("templates/article.html"),
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }}</p>{% endblock main %}",
    )
    .unwrap();
    assert!(site.build().published);
    assert_eq!(
        select_text(&site.html("en/hello/index.html"), "p.custom"),
        ["Hello & welcome"]
    );
}

#[test]
fn a_broken_template_is_a_fatal_error_naming_the_file() {
    let site = TestSite::new("sites/minimal");
    std::fs::create_dir_all(site.root.join("templates")).unwrap();
    std::fs::write(site.root.join("templates/article.html"), "{% if %}").unwrap();
    let error = pamphlet::pipeline::run(&site.options(), pamphlet::Target::Folder(site.public()))
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("article.html"), "{message}");
    assert!(!site.public().exists(), "nothing is written");
}

#[test]
fn copied_images_lose_their_metadata_unless_the_site_opts_out() {
    // A JPEG whose EXIF block names a GPS position and a camera serial.
    let mut jpeg = vec![0xFF, 0xD8];
    for (marker, body) in [
        (0xE0u8, &b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"[..]),
        (0xE1, &b"Exif\0\0GPSLatitude 51.5 SerialNumber 12345"[..]),
        (0xDB, &[0u8; 65][..]),
    ] {
        let len = (body.len() + 2) as u16;
        jpeg.extend([0xFF, marker, (len >> 8) as u8, len as u8]);
        jpeg.extend_from_slice(body);
    }
    jpeg.extend([0xFF, 0xD9]);

    let site = TestSite::new("sites/minimal");
    std::fs::write(site.root.join("content/en/photo.jpg"), &jpeg).unwrap();
    assert!(site.build().published);
    let published = std::fs::read(site.public().join("en/photo.jpg")).unwrap();
    assert!(!String::from_utf8_lossy(&published).contains("GPSLatitude"));

    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    std::fs::write(
        site.root.join("site.yaml"),
        format!("{yaml}privacy: {{ strip_image_metadata: false }}\n"),
    )
    .unwrap();
    assert!(site.build().published);
    assert_eq!(
        std::fs::read(site.public().join("en/photo.jpg")).unwrap(),
        jpeg,
        "opted out: copied as is"
    );
}

#[test]
fn raw_html_policies() {
    let site = TestSite::new("invalid/html-unsafe-removed");
    std::fs::remove_file(site.root.join("expected.txt")).unwrap();
    assert!(
        site.build().published,
        "unsafe HTML is a warning, the page is still built"
    );
    let html = site.read("en/a/index.html");
    assert!(html.contains("<details><summary>More</summary>"));
    assert!(
        !html.contains("onclick") && !html.contains("alert(1)"),
        "{html}"
    );

    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    std::fs::write(
        site.root.join("site.yaml"),
        format!("{yaml}markdown: {{ raw_html: escape }}\n"),
    )
    .unwrap();
    let report = site.build();
    assert!(report.diagnostics.is_empty());
    assert!(
        site.read("en/a/index.html")
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
}

#[test]
fn a_tag_named_twice_in_one_article_lists_it_once() {
    let site = TestSite::new("sites/sections-tags");
    site.edit("content/en/heart/cholesterol.md", |text| {
        text.replace(
            "tags: [heart, Blood tests]",
            "tags: [heart, Heart, Blood tests, heart]",
        )
    });
    assert!(site.build().published);
    assert_eq!(
        select_text(&site.html("tags/heart/index.html"), ".page-list-title"),
        ["Cholesterol basics", "What is an ECG?"]
    );
    assert_eq!(
        select_text(&site.html("heart/cholesterol/index.html"), ".tag-list a"),
        // One link per tag, named by the first spelling in sort order.
        ["Heart", "Blood tests"]
    );
}
