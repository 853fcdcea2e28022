//! Live updates and the service status board (`sites/updates`): entry
//! order, anchors, times across a daylight-saving change, feeds read back
//! with feed-rs, the status page's table, `/status.json`, the feed of
//! changes, the stale-status warning against a pinned build time, and
//! `pamphlet new update`.

use crate::support::*;
use feed_rs::model::FeedType;
use pamphlet::dates::Instant;
use scraper::Selector;

fn select(html: &scraper::Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn attr(html: &scraper::Html, css: &str, name: &str) -> Vec<String> {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

fn built() -> TestSite {
    let site = TestSite::new("sites/updates");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    site
}

const TOPIC: &str = "en/updates/heat-wave/index.html";

#[test]
fn updates_are_newest_first_and_keep_their_anchors() {
    let site = built();
    let page = site.html(TOPIC);
    let anchors = attr(&page, "li.update", "id");
    // The draft entry (2026-05-31 10:00) is left out.
    assert_eq!(
        anchors,
        [
            "update-2026-05-31-2330",
            "update-2026-05-31-0900",
            "update-2026-03-09-1200",
            "update-2026-03-07-1200",
        ]
    );
    // Each entry's heading links to its own anchor.
    let links = attr(&page, "li.update h3 a", "href");
    assert_eq!(links[1], "/en/updates/heat-wave/#update-2026-05-31-0900");
    // The Spanish topic has its own stream.
    let es = site.html("es/updates/heat-wave/index.html");
    assert_eq!(attr(&es, "li.update", "id"), ["update-2026-05-31-0900"]);
    // Translations of the topic page link to each other.
    let alternates = attr(&page, "link[rel=alternate][hreflang]", "href");
    assert!(
        alternates.contains(&"https://health.example.org/es/updates/heat-wave/".to_string()),
        "{alternates:?}"
    );

    // A newer entry goes on top; every older anchor stays as it was.
    std::fs::write(
        site.root
            .join("content/en/updates/heat-wave/2026-06-01-0815.md"),
        "---\ntime: 2026-06-01 08:15\n---\n\nCooling buses run every hour.\n",
    )
    .unwrap();
    assert!(site.build().published);
    let page = site.html(TOPIC);
    let after = attr(&page, "li.update", "id");
    assert_eq!(after[0], "update-2026-06-01-0815");
    assert_eq!(&after[1..], &anchors[..]);

    // --drafts shows the draft entry in its place.
    let mut options = site.options();
    options.drafts = true;
    assert!(site.build_with(&options).published);
    let ids = attr(&site.html(TOPIC), "li.update", "id");
    assert_eq!(ids[2], "update-2026-05-31-1000");
}

#[test]
fn times_are_shown_in_the_site_zone_across_daylight_saving_time() {
    let site = built();
    let page = site.html(TOPIC);
    let datetimes = attr(&page, "li.update h3 time", "datetime");
    let shown = select(&page, "li.update h3 time");
    // Noon on 7 March is EST (-05:00); noon on 9 March, after the clocks
    // went forward on the 8th, is EDT (-04:00).
    assert_eq!(datetimes[3], "2026-03-07T12:00:00-05:00");
    assert!(
        shown[3].starts_with("12:00")
            && shown[3].contains("EST")
            && shown[3].contains("March 7, 2026"),
        "{}",
        shown[3]
    );
    assert_eq!(datetimes[2], "2026-03-09T12:00:00-04:00");
    assert!(
        shown[2].contains("EDT") && shown[2].contains("March 9, 2026"),
        "{}",
        shown[2]
    );
    // Written in UTC (03:30Z on 1 June): shown as 23:30 the evening before.
    assert_eq!(datetimes[0], "2026-05-31T23:30:00-04:00");
    assert!(
        shown[0].starts_with("11:30") && shown[0].contains("May 31"),
        "{}",
        shown[0]
    );
    // The "last updated" line names the newest entry's time.
    let last = attr(&page, ".updates-last time", "datetime");
    assert_eq!(last, ["2026-05-31T23:30:00-04:00"]);
    assert!(select(&page, ".updates-last")[0].starts_with("Last updated:"));
    // Spanish shows a 24-hour clock.
    let es = site.html("es/updates/heat-wave/index.html");
    let shown = select(&es, "li.update h3 time");
    assert!(
        shown[0].starts_with("9:00 EDT") || shown[0].starts_with("09:00 EDT"),
        "{}",
        shown[0]
    );
}

fn parse_feed(site: &TestSite, path: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(site.read(path).as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn each_topic_has_feeds_with_one_item_per_entry() {
    let site = built();
    for (path, kind) in [
        ("en/updates/heat-wave/atom.xml", FeedType::Atom),
        ("en/updates/heat-wave/rss.xml", FeedType::RSS2),
        ("en/updates/heat-wave/feed.json", FeedType::JSON),
    ] {
        let feed = parse_feed(&site, path);
        let links = assert_topic_feed_lists_the_newest_entries(&feed, path, kind);
        assert_topic_feed_entries(&feed, &links, path);
    }
}

/// The feed's type and title and its entries' links, which it returns.
fn assert_topic_feed_lists_the_newest_entries(
    feed: &feed_rs::model::Feed,
    path: &str,
    kind: FeedType,
) -> Vec<String> {
    assert_eq!(feed.feed_type, kind, "{path}");
    assert_eq!(
        feed.title.as_ref().unwrap().content,
        "Riverside Community Health: Heat wave",
        "{path}"
    );
    // Newest first, capped at `feeds.limit` (3 in this site).
    let links: Vec<_> = feed
        .entries
        .iter()
        .map(|e| e.links[0].href.clone())
        .collect();
    let base = "https://health.example.org/en/updates/heat-wave/#";
    assert_eq!(
        links,
        [
            format!("{base}update-2026-05-31-2330"),
            format!("{base}update-2026-05-31-0900"),
            format!("{base}update-2026-03-09-1200"),
        ],
        "{path}"
    );
    links
}

/// The entries' ids, dates, titles and bodies.
fn assert_topic_feed_entries(feed: &feed_rs::model::Feed, links: &[String], path: &str) {
    let first = &feed.entries[0];
    assert_eq!(first.id, links[0], "{path}");
    assert_eq!(
        first.published.unwrap().to_rfc3339(),
        "2026-06-01T03:30:00+00:00",
        "{path}"
    );
    assert_eq!(
        first.title.as_ref().unwrap().content,
        "Cooling centres open late",
        "{path}"
    );
    // An entry without a title is named by its time.
    let untitled = &feed.entries[1].title.as_ref().unwrap().content;
    assert!(
        untitled.contains("9:00") && untitled.contains("EDT"),
        "{path}: {untitled}"
    );
    let body = first
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap_or_default();
    assert!(body.contains("<strong>midnight</strong>"), "{path}: {body}");
    // Entries linking to articles use absolute addresses.
    let clocks = feed.entries[2]
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap();
    assert!(
        clocks.contains("https://health.example.org/en/heart/cooling/"),
        "{path}: {clocks}"
    );
}

#[test]
fn the_topic_page_links_its_feeds_and_the_article_feed_lists_articles_only() {
    let site = built();
    // The topic page's head links its feeds; the language's article feed
    // lists articles only.
    let page = site.html(TOPIC);
    let feeds = attr(&page, "link[rel=alternate][type]", "href");
    assert!(
        feeds.contains(&"/en/updates/heat-wave/atom.xml".to_string()),
        "{feeds:?}"
    );
    let language = parse_feed(&site, "en/atom.xml");
    let titles: Vec<_> = language
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles, ["Staying cool"]);
}

#[test]
fn the_status_page_is_a_table_with_headers_and_words_for_each_status() {
    let site = built();
    let page = site.html("en/status/index.html");
    assert_eq!(select(&page, "h1"), ["Service status"]);
    assert_eq!(select(&page, "table caption").len(), 1);
    let columns = select(&page, "table thead th[scope=col]");
    assert_eq!(
        columns,
        [
            "Service",
            "Type",
            "Status",
            "Wait and notes",
            "Hours",
            "Address and phone",
            "Updated"
        ]
    );
    let rows = select(&page, "table tbody th[scope=row]");
    assert_eq!(
        rows,
        [
            "Riverside Hospital emergency department",
            "North Clinic",
            "Heat hotline"
        ]
    );
    // The status is a word in its cell, not only a colour.
    assert_eq!(
        select(&page, "tbody .status-badge"),
        ["Limited", "Closed", "Open"]
    );
    assert_eq!(attr(&page, "tbody tr", "id")[0], "service-riverside-ed");
    assert_eq!(
        attr(&page, "tbody time", "datetime")[0],
        "2026-05-31T18:00:00-04:00"
    );
    assert!(
        select(&page, "tbody td")
            .iter()
            .any(|c| c == "Wait: about 90 min Very busy" || c.contains("about 90 min"))
    );
    assert_eq!(
        attr(&page, "tbody a[href^='tel:']", "href"),
        ["tel:555-0100"]
    );
    // Spanish: translated labels; a text with no Spanish version says its language.
    let es = site.html("es/status/index.html");
    assert_eq!(
        select(&es, "tbody .status-badge"),
        ["Limitado", "Cerrado", "Abierto"]
    );
    assert_eq!(attr(&es, "tbody td span[lang]", "lang"), ["en"]);
    let alternates = attr(&es, "link[rel=alternate][hreflang]", "hreflang");
    assert!(alternates.contains(&"en".to_string()), "{alternates:?}");
    // The strip on the home page links each service to its row.
    let home = site.html("en/index.html");
    assert_eq!(
        select(&home, ".status-strip .status-badge"),
        ["Limited", "Closed", "Open"]
    );
    assert_eq!(
        attr(&home, ".status-strip li a", "href")[1],
        "/en/status/#service-north-clinic"
    );
    // The sitemap lists the status and topic pages.
    let sitemap = site.read("sitemap.xml");
    for url in ["/en/status/", "/es/status/", "/en/updates/heat-wave/"] {
        assert!(
            sitemap.contains(&format!("https://health.example.org{url}")),
            "{url}"
        );
    }
}

#[test]
fn status_json_has_a_stable_documented_shape() {
    let site = built();
    let json: serde_json::Value = serde_json::from_str(&site.read("status.json")).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["timezone"], "America/New_York");
    assert_eq!(json["updated"], "2026-06-01T00:00:00Z");
    let services = json["services"].as_array().unwrap();
    let ids: Vec<_> = services.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["riverside-ed", "north-clinic", "heat-line"]);
    let ed = &services[0];
    assert_eq!(ed["kind"], "emergency-department");
    assert_eq!(ed["status"], "limited");
    assert_eq!(ed["wait_minutes"], 90);
    assert_eq!(ed["name"]["es"], "Urgencias del Hospital Riverside");
    assert_eq!(ed["address"]["es"], "1 River Road, Riverside");
    assert_eq!(ed["updated"], "2026-05-31T22:00:00Z");
    assert_eq!(ed["updated_local"], "2026-05-31T18:00:00-04:00");
    assert_eq!(
        ed["url"]["en"],
        "https://health.example.org/en/status/#service-riverside-ed"
    );
    // Every key is always there, null when not set.
    let keys: Vec<_> = services[1].as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "address",
            "hours",
            "id",
            "kind",
            "name",
            "note",
            "phone",
            "status",
            "updated",
            "updated_local",
            "url",
            "wait_minutes"
        ]
    );
    assert!(services[1]["note"].is_null() && services[1]["phone"].is_null());
    assert_eq!(services[2]["phone"], "555-0100");
    // The same board gives the same bytes.
    let first = site.read("status.json");
    assert!(site.build().published);
    assert_eq!(site.read("status.json"), first);
}

#[test]
fn the_feed_of_changes_has_one_entry_per_service_and_time() {
    let site = built();
    let feed = parse_feed(&site, "en/status/atom.xml");
    assert_eq!(feed.feed_type, FeedType::Atom);
    let ids: Vec<_> = feed.entries.iter().map(|e| e.id.clone()).collect();
    let base = "https://health.example.org/en/status/#service-";
    // Newest first: North Clinic (00:00Z), hotline (23:30Z), emergency department (22:00Z).
    assert_eq!(
        ids,
        [
            format!("{base}north-clinic-1780272000"),
            format!("{base}heat-line-1780270200"),
            format!("{base}riverside-ed-1780264800"),
        ]
    );
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        "North Clinic: Closed"
    );
    // A new `updated` time is a new entry; the old id is gone with it.
    let board = site.root.join("data/status.yaml");
    let text = std::fs::read_to_string(&board).unwrap();
    std::fs::write(
        &board,
        text.replace("status: closed", "status: open")
            .replace("updated: 2026-05-31 20:00", "updated: 2026-05-31 21:00"),
    )
    .unwrap();
    assert!(site.build().published);
    let feed = parse_feed(&site, "en/status/atom.xml");
    assert_eq!(feed.entries[0].id, format!("{base}north-clinic-1780275600"));
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        "North Clinic: Open"
    );
}

fn stale(site: &TestSite, now: &str) -> Vec<String> {
    let mut options = site.options();
    options.now = Instant::parse(now).unwrap();
    site.build_with(&options)
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}:{}",
                d.severity,
                d.code,
                d.file.display(),
                d.position.line,
                d.position.column
            )
        })
        .collect()
}

#[test]
fn a_status_older_than_the_limit_is_a_warning_at_its_updated_time() {
    let site = built();
    // The emergency department was updated at 22:00Z; the limit is 6 hours.
    assert!(
        stale(&site, "2026-06-01T04:00:00Z").is_empty(),
        "exactly 6 hours is not stale"
    );
    assert_eq!(
        stale(&site, "2026-06-01T04:00:01Z"),
        ["warning status/stale data/status.yaml:14:14"]
    );
    // Later, the others follow.
    assert_eq!(stale(&site, "2026-06-01T06:00:01Z").len(), 3);
    // A stale status does not stop the build.
    let mut options = site.options();
    options.now = Instant::parse("2026-06-02T00:00:00Z").unwrap();
    assert!(site.build_with(&options).published);
}

#[test]
fn a_new_update_from_the_command_builds_at_once() {
    let site = built();
    let config = pamphlet::config::load(&site.root).unwrap().config.unwrap();
    // The clock is injected: 1 June 2026, 12:45 UTC = 08:45 in New York.
    let clock = Instant::parse("2026-06-01T12:45:00Z").unwrap();
    let written = pamphlet::scaffold::new_update(&config, "flooding", Some("es"), clock).unwrap();
    assert!(
        written
            .entry
            .ends_with("content/es/updates/flooding/2026-06-01-0845.md")
    );
    assert!(written.topic_page.is_some());
    let text = std::fs::read_to_string(&written.entry).unwrap();
    std::fs::write(
        &written.entry,
        format!("{text}Las carreteras del norte están cerradas.\n"),
    )
    .unwrap();
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let page = site.html("es/updates/flooding/index.html");
    assert_eq!(attr(&page, "li.update", "id"), ["update-2026-06-01-0845"]);
    assert_eq!(
        attr(&page, "li.update time", "datetime"),
        ["2026-06-01T08:45:00-04:00"]
    );
}

#[test]
fn the_command_line_pins_the_build_time_with_now() {
    let site = built();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
            .args(args)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap()
    };
    let root = site.root.to_string_lossy().into_owned();
    let fresh = run(&[
        "check",
        "--root",
        &root,
        "--strict",
        "--now",
        "2026-06-01T01:00:00Z",
    ]);
    assert!(
        fresh.status.success(),
        "{}",
        String::from_utf8_lossy(&fresh.stderr)
    );
    let late = run(&[
        "check",
        "--root",
        &root,
        "--strict",
        "--now",
        "2026-06-01T05:00:00-04:00",
    ]);
    assert_eq!(late.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&late.stderr);
    assert!(stderr.contains("status/stale"), "{stderr}");
    let made = run(&["new", "update", "power-cuts", "--root", &root]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(
        site.root
            .join("content/en/updates/power-cuts/_index.md")
            .is_file()
    );
    let bad = run(&["new", "update", "Power Cuts", "--root", &root]);
    assert_eq!(bad.status.code(), Some(2));
}
