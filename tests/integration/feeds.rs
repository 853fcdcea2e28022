//! Feeds (read back with the feed-rs parser), JSON Feed's required
//! fields, the sitemap and robots.txt.

use crate::support::*;
use feed_rs::model::FeedType;
use resvg::usvg::roxmltree;

fn parse_feed(site: &TestSite, path: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(site.read(path).as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn language_feeds_parse_with_every_required_field() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    for (path, kind) in [
        ("en/atom.xml", FeedType::Atom),
        ("en/rss.xml", FeedType::RSS2),
        ("en/feed.json", FeedType::JSON),
    ] {
        let feed = parse_feed(&site, path);
        assert_feed_lists_the_articles(&feed, path, &kind);
        let bp = &feed.entries[1];
        assert_blood_pressure_entry(bp, path, &kind);
        // The share image travels with the entry (feed-rs does not read JSON
        // Feed's `image`: json_feed_has_its_required_fields checks that one).
        if kind != FeedType::JSON {
            assert_entry_has_its_share_image(bp, path);
        }
    }
    ids_are_unique_and_rss_dates_are_rfc_822(&site);
}

/// The feed's type and title, and its articles (alerts have their own
/// feed), newest first.
fn assert_feed_lists_the_articles(feed: &feed_rs::model::Feed, path: &str, kind: &FeedType) {
    assert_eq!(feed.feed_type, *kind, "{path}");
    assert_eq!(
        feed.title.as_ref().unwrap().content,
        "Riverside Health",
        "{path}"
    );
    assert!(feed.updated.is_some() || *kind == FeedType::JSON, "{path}");
    // Alerts have their own feed; newest first.
    let titles: Vec<_> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(
        titles,
        ["Eating less salt", "High blood pressure"],
        "{path}"
    );
}

/// The blood pressure article's entry, field by field.
fn assert_blood_pressure_entry(bp: &feed_rs::model::Entry, path: &str, kind: &FeedType) {
    let url = "https://health.example.org/en/heart/high-blood-pressure/";
    assert!(bp.id.contains("high-blood-pressure"), "{path}: {}", bp.id);
    assert_eq!(bp.links[0].href, url, "{path}");
    assert_eq!(
        bp.published.unwrap().to_rfc3339(),
        "2026-01-10T00:00:00+00:00",
        "{path}"
    );
    if *kind != FeedType::RSS2 {
        assert_eq!(
            bp.updated.unwrap().to_rfc3339(),
            "2026-03-02T00:00:00+00:00",
            "{path}"
        );
    }
    assert_eq!(
        bp.summary.as_ref().unwrap().content,
        "What it is, why it matters & how to lower it.",
        "{path}"
    );
    let html = bp
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap_or_default();
    assert!(
        html.contains("href=\"https://health.example.org/en/heart/salt/\""),
        "{path}: {html}"
    );
    assert!(
        html.contains("src=\"https://health.example.org/en/heart/images/cuff.svg\""),
        "{path}"
    );
    assert!(
        !html.contains("=\"/"),
        "no root-relative address left: {path}"
    );
    assert_eq!(
        bp.authors
            .iter()
            .map(|a| a.name.as_deref().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["Maria Lopez"],
        "{path}"
    );
    let categories: Vec<_> = bp.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(categories, ["heart", "blood pressure"], "{path}");
}

fn assert_entry_has_its_share_image(bp: &feed_rs::model::Entry, path: &str) {
    let image = bp
        .media
        .iter()
        .flat_map(|m| {
            m.content
                .iter()
                .filter_map(|c| c.url.as_ref().map(|u| u.to_string()))
                .chain(m.thumbnails.iter().map(|t| t.image.uri.clone()))
        })
        .next();
    let image = image.unwrap_or_else(|| panic!("{path}: no image"));
    assert!(
        image.starts_with("https://health.example.org/share/"),
        "{path}: {image}"
    );
}

fn ids_are_unique_and_rss_dates_are_rfc_822(site: &TestSite) {
    // Unique, stable ids.
    let atom = parse_feed(site, "en/atom.xml");
    let mut ids: Vec<_> = atom.entries.iter().map(|e| e.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), atom.entries.len());
    assert_eq!(atom.id, "https://health.example.org/en/atom.xml");
    let rss = site.read("en/rss.xml");
    assert!(
        rss.contains("<pubDate>Sat, 10 Jan 2026 00:00:00 +0000</pubDate>"),
        "RFC 822 dates"
    );
    assert!(rss.contains("<enclosure url=\"https://health.example.org/share/"));
}

#[test]
fn json_feed_has_its_required_fields() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    let feed: serde_json::Value = serde_json::from_str(&site.read("es/feed.json")).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Salud Riverside");
    assert_eq!(feed["home_page_url"], "https://health.example.org/es/");
    assert_eq!(feed["feed_url"], "https://health.example.org/es/feed.json");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    for item in items {
        assert!(item["id"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(item["content_html"].is_string() || item["content_text"].is_string());
        assert!(item["url"].as_str().unwrap().starts_with("https://"));
        assert!(item["date_published"].as_str().unwrap().ends_with('Z'));
        assert!(item["image"].as_str().unwrap().ends_with(".png"));
    }
}

#[test]
fn tag_feeds_carry_summaries_unless_the_site_asks_for_full_text() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    let summary_only = |site: &TestSite| {
        let tag = parse_feed(site, "en/tags/blood-pressure/atom.xml");
        let language = parse_feed(site, "en/atom.xml");
        let entry = &tag.entries[0];
        assert!(entry.summary.is_some(), "{entry:?}");
        // The language's own feed always has the text.
        assert!(language.entries.iter().all(|e| e.content.is_some()));
        let json: serde_json::Value =
            serde_json::from_str(&site.read("en/tags/blood-pressure/feed.json")).unwrap();
        let item = &json["items"][0];
        // JSON Feed needs one of the two; a summary-only item has text.
        assert!(item["content_html"].is_string() != item["content_text"].is_string());
        (entry.content.is_none(), item["content_text"].is_string())
    };
    assert_eq!(summary_only(&site), (true, true));
    assert!(
        !site
            .read("en/tags/blood-pressure/rss.xml")
            .contains("content:encoded>")
    );

    site.edit("site.yaml", |t| {
        format!("{t}\nfeeds: {{ tag_full_text: true }}\n")
    });
    assert!(site.build().published);
    assert_eq!(summary_only(&site), (false, false));
}

#[test]
fn tag_feeds_and_head_links() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    let feed = parse_feed(&site, "en/tags/blood-pressure/atom.xml");
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(
        feed.title.unwrap().content,
        "Riverside Health: blood pressure"
    );
    assert!(site.exists("es/tags/corazón/rss.xml"));
    // Every page links its language's feeds and alerts feed; a tag page its own too.
    let article = site.html("en/heart/salt/index.html");
    let links = select_attr(&article, "link[rel=alternate][type]", "href");
    assert_eq!(
        links,
        [
            "/en/atom.xml",
            "/en/rss.xml",
            "/en/feed.json",
            "/en/alerts/atom.xml",
            "/en/alerts/rss.xml",
            "/en/alerts/feed.json"
        ]
    );
    assert_eq!(
        select_attr(&article, "link[rel=alternate][type]", "type")[..3],
        [
            "application/atom+xml",
            "application/rss+xml",
            "application/feed+json"
        ]
    );
    let tag = site.html("en/tags/heart/index.html");
    assert!(
        select_attr(&tag, "link[rel=alternate][type]", "href")
            .contains(&"/en/tags/heart/atom.xml".to_string())
    );
    // Arabic has no alerts folder, so no alerts feed.
    let ar = site.html("ar/index.html");
    assert_eq!(
        select_attr(&ar, "link[rel=alternate][type]", "href"),
        ["/ar/atom.xml", "/ar/rss.xml", "/ar/feed.json"]
    );
}

#[test]
fn feed_settings_choose_formats_and_length() {
    let site = TestSite::new("sites/social");
    let yaml = site.root.join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        format!("{text}feeds:\n  formats: [rss]\n  limit: 1\n  tags: false\n"),
    )
    .unwrap();
    assert!(site.build().published);
    assert!(!site.exists("en/atom.xml") && !site.exists("en/feed.json"));
    assert_eq!(parse_feed(&site, "en/rss.xml").entries.len(), 1);
    assert!(!site.exists("en/tags/heart/rss.xml"));
    // The alerts feed is always Atom.
    assert!(site.exists("en/alerts/atom.xml") && site.exists("en/alerts/rss.xml"));
}

#[test]
fn feeds_are_the_same_on_every_build() {
    let site = TestSite::new("sites/social");
    let build_and_read = || -> Vec<String> {
        assert!(site.build().published);
        [
            "en/atom.xml",
            "en/rss.xml",
            "en/feed.json",
            "sitemap.xml",
            "social/en.json",
        ]
        .iter()
        .map(|p| site.read(p))
        .collect()
    };
    let first = build_and_read();
    let second = build_and_read();
    assert_eq!(first, second);
    // Dates come from the content: the newest entry's update, not the build date.
    assert!(first[0].contains("<updated>2026-03-02T00:00:00Z</updated>"));
}

#[test]
fn sitemap_lists_pages_with_lastmod_and_hreflang_alternates() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "url")))
        .collect();
    let loc = |n: &roxmltree::Node| {
        n.children()
            .find(|c| c.has_tag_name((ns, "loc")))
            .and_then(|c| c.text())
            .unwrap()
            .to_string()
    };
    let locs: Vec<String> = urls.iter().map(loc).collect();
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    assert!(locs.contains(&"https://health.example.org/en/tags/heart/".to_string()));
    let bp = urls
        .iter()
        .find(|n| loc(n) == "https://health.example.org/en/heart/high-blood-pressure/")
        .unwrap();
    let lastmod = bp
        .children()
        .find(|c| c.has_tag_name((ns, "lastmod")))
        .and_then(|c| c.text());
    assert_eq!(
        lastmod,
        Some("2026-03-02"),
        "the newest of updated and reviewed"
    );
    let alternates: Vec<(String, String)> = bp
        .children()
        .filter(|c| c.has_tag_name((xhtml, "link")))
        .map(|c| {
            (
                c.attribute("hreflang").unwrap().to_string(),
                c.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            (
                "en".to_string(),
                "https://health.example.org/en/heart/high-blood-pressure/".to_string()
            ),
            (
                "es".to_string(),
                "https://health.example.org/es/heart/presion-arterial-alta/".to_string()
            ),
            (
                "ar".to_string(),
                "https://health.example.org/ar/heart/high-blood-pressure/".to_string()
            ),
            (
                "x-default".to_string(),
                "https://health.example.org/en/heart/high-blood-pressure/".to_string()
            ),
        ]
    );
    // Non-ASCII addresses are percent-encoded.
    assert!(
        locs.iter().any(|l| l.contains("/es/tags/coraz%C3%B3n/")),
        "{locs:?}"
    );
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://health.example.org/sitemap.xml\n"
    );
}

#[test]
fn a_site_keeps_its_own_robots_txt() {
    let site = TestSite::new("sites/social");
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    std::fs::write(
        site.root.join("static/robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n",
    )
    .unwrap();
    assert!(site.build().published);
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
}
