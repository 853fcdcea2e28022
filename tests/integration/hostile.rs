//! Hostile front matter (script tags, quotes, `</script>`, `]]>`, template
//! syntax, bidi overrides, NUL, very long strings) builds into every output
//! with each value escaped for its context; every output is parsed back.

use crate::support::*;

const HOSTILE_TITLE_START: &str = "High <script>alert(1)</script> pressure";

fn built() -> TestSite {
    let site = TestSite::new("sites/hostile");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    site
}

/// Every `<script>` element of a page is ours: JSON-LD, the theme's own
/// inline scripts, or a script file from the site itself.
fn assert_no_injected_elements(file: &str, html: &scraper::Html) {
    let scripts = scraper::Selector::parse("script").unwrap();
    for script in html.select(&scripts) {
        let text: String = script.text().collect();
        if script.value().attr("type") == Some("application/ld+json") {
            // Data, not code: it must parse, with every value intact inside.
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{file}: JSON-LD broken: {e}"));
            continue;
        }
        assert!(!text.contains("alert("), "{file}: injected script {text}");
        if let Some(src) = script.value().attr("src") {
            assert!(
                src.starts_with('/') && !src.starts_with("//"),
                "{file}: script from elsewhere {src}"
            );
        }
    }
    for injected in ["b", "img[onerror]", "i"] {
        let selector = scraper::Selector::parse(injected).unwrap();
        let found: Vec<_> = html
            .select(&selector)
            .filter(|e| {
                e.value().attr("onerror").is_some()
                    || e.text().any(|t| t.contains("bold") || t.contains("alias"))
            })
            .collect();
        assert!(found.is_empty(), "{file}: injected <{injected}>");
    }
    let any = scraper::Selector::parse("*").unwrap();
    for element in html.select(&any) {
        for (name, _) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{file}: event handler attribute {name}"
            );
        }
    }
}

#[test]
fn pages_escape_every_value() {
    let site = built();
    let mut pages = 0;
    let share_image_name = regex::Regex::new(r"share/[0-9a-f]{16}\.png").unwrap();
    for file in site.output_files().iter().filter(|f| f.ends_with(".html")) {
        let text = site.read(file);
        assert!(
            !text.contains('\0'),
            "{file}: a NUL character reached the page"
        );
        // `{{ 7*7 }}` in the fixture's values must stay as written. Share
        // image names are hashes, which may hold "49" by chance.
        let without_hashes = share_image_name.replace_all(&text, "share.png");
        assert!(
            !without_hashes.contains("49"),
            "{file}: template syntax in a value was evaluated"
        );
        let html = scraper::Html::parse_document(&text);
        assert_no_injected_elements(file, &html);
        pages += 1;
    }
    assert!(pages >= 10);
    let article = site.html("en/heart/hostile/index.html");
    let h1 = select_text(&article, "h1");
    assert!(h1[0].starts_with(HOSTILE_TITLE_START), "{h1:?}");
    assert!(
        h1[0].contains("{{ 7*7 }}") && h1[0].contains("{% raw %}"),
        "{h1:?}"
    );
}

#[test]
fn json_ld_and_social_kit_parse_back() {
    let site = built();
    let raw = site.read("en/heart/hostile/index.html");
    let start = raw.find("<script type=\"application/ld+json\">").unwrap()
        + "<script type=\"application/ld+json\">".len();
    let end = start + raw[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&raw[start..end]).unwrap();
    assert!(
        ld["name"]
            .as_str()
            .unwrap()
            .starts_with(HOSTILE_TITLE_START)
    );
    assert_eq!(
        ld["reviewedBy"][0]["name"],
        "Reviewer </script><script>alert(4)</script>"
    );

    let kit: serde_json::Value = serde_json::from_str(&site.read("social/en.json")).unwrap();
    assert!(
        kit.to_string().contains("alert(1)"),
        "the title is carried as data"
    );
    let mut csv = csv::Reader::from_path(site.public().join("social/en.csv")).unwrap();
    assert!(csv.records().count() >= 2);
    for record in csv::Reader::from_path(site.public().join("social/en.csv"))
        .unwrap()
        .records()
    {
        record.expect("every CSV row parses");
    }
}

#[test]
fn feeds_sitemap_and_cap_are_well_formed_xml() {
    let site = built();
    let xml_files: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".xml"))
        .collect();
    assert!(xml_files.iter().any(|f| f == "sitemap.xml"));
    assert!(
        xml_files.iter().any(|f| f.ends_with(".cap.xml")),
        "{xml_files:?}"
    );
    for file in &xml_files {
        let text = site.read(file);
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{file} is not well-formed XML: {e}"),
            }
        }
    }
    for feed in ["en/atom.xml", "en/rss.xml"] {
        let parsed = feed_rs::parser::parse(site.read(feed).as_bytes())
            .unwrap_or_else(|e| panic!("{feed}: {e}"));
        let titles: Vec<String> = parsed
            .entries
            .iter()
            .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
            .collect();
        assert!(
            titles.iter().any(|t| t.starts_with(HOSTILE_TITLE_START)),
            "{feed}: {titles:?}"
        );
    }
    let json_feed: serde_json::Value = serde_json::from_str(&site.read("en/feed.json")).unwrap();
    assert!(json_feed["items"].as_array().unwrap().iter().any(|i| {
        i["title"]
            .as_str()
            .unwrap_or("")
            .starts_with(HOSTILE_TITLE_START)
    }));
}

#[test]
fn share_images_render_for_hostile_and_very_long_titles() {
    let site = built();
    let cards: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|f| f.starts_with("share/") && f.ends_with(".png"))
        .collect();
    let long = select_attr(
        &site.html("en/heart/long/index.html"),
        "meta[property=\"og:image\"]",
        "content",
    );
    assert!(
        long.iter()
            .any(|url| cards.iter().any(|c| url.ends_with(&format!("/{c}")))),
        "{long:?} {cards:?}"
    );
    for card in cards {
        let bytes = std::fs::read(site.public().join(&card)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{card}");
    }
}

/// Generated pages load nothing from other hosts: every resource a page
/// loads (scripts, styles, images, fonts, frames) comes from the site.
#[test]
fn pages_load_nothing_from_third_parties() {
    for fixture in ["sites/hostile", "sites/trust", "sites/a11y"] {
        let site = TestSite::new(fixture);
        assert!(site.build().published, "{fixture}");
        for file in site.output_files().iter().filter(|f| f.ends_with(".html")) {
            let html = site.html(file);
            for (selector, attr) in [
                ("script[src]", "src"),
                ("link[rel=stylesheet]", "href"),
                ("link[rel=preload]", "href"),
                ("link[rel=icon]", "href"),
                ("img", "src"),
                ("iframe", "src"),
                ("source", "src"),
                ("video", "src"),
                ("audio", "src"),
            ] {
                for url in select_attr(&html, selector, attr) {
                    let same_site =
                        url.starts_with('/') && !url.starts_with("//") || !url.contains(':');
                    assert!(same_site, "{fixture} {file}: loads {url}");
                }
            }
            let css = site.read(file);
            assert!(!css.contains("@import url(http"), "{fixture} {file}");
        }
    }
}
