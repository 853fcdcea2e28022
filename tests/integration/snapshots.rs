//! Snapshots (insta) of the parts of built sites a reader or a program
//! sees: an article's `<main>`, a list page, the people page, the feeds, the
//! sitemap, a CAP alert and `check --format json` on broken inputs. Each
//! build is pinned to the test date, so nothing in them varies between
//! runs. The snapshots live in `snapshots/` next to this file; see
//! tests/README.md for how to review a deliberate change.

use crate::support::*;

/// The `<main>` element of a page, as the parser reads it back.
fn main_of(site: &TestSite, page: &str) -> String {
    let html = site.html(page);
    let selector = scraper::Selector::parse("main").unwrap();
    let mains: Vec<String> = html.select(&selector).map(|m| m.html()).collect();
    assert_eq!(mains.len(), 1, "{page} must have exactly one <main>");
    mains.into_iter().next().unwrap()
}

fn built(fixture: &str) -> TestSite {
    let site = TestSite::new(fixture);
    let report = site.build();
    assert!(report.published, "{fixture}: {:?}", report.diagnostics);
    site
}

/// `pamphlet check --format json` on a copy of `tests/fixtures/invalid/<name>`,
/// which must exit with `code` (1 with errors, 0 with only warnings).
fn check_json(name: &str, code: i32) -> String {
    let site = TestSite::new(&format!("invalid/{name}"));
    for expectation in ["expected.txt", "expected-messages.txt"] {
        let _ = std::fs::remove_file(site.root.join(expectation));
    }
    let root = site.root.to_string_lossy().into_owned();
    let out = run_pamphlet(&[
        "check",
        "--root",
        &root,
        "--today",
        "2026-06-01",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(code), "invalid/{name}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains(&root),
        "invalid/{name}: the report names the temporary folder"
    );
    stdout
}

#[test]
fn article_main_with_review_citations_and_disclaimer() {
    let site = built("sites/trust");
    let main = main_of(&site, "en/heart/high-blood-pressure/index.html");
    for part in [
        "class=\"review\"",
        "class=\"references\"",
        "disclaimer-notice",
    ] {
        assert!(main.contains(part), "the article lost its {part}");
    }
    insta::assert_snapshot!(main);
}

#[test]
fn home_page_main() {
    let site = built("sites/trust");
    insta::assert_snapshot!(main_of(&site, "en/index.html"));
}

#[test]
fn section_list_page_main() {
    let site = built("sites/sections-tags");
    insta::assert_snapshot!(main_of(&site, "heart/index.html"));
}

#[test]
fn people_page_main() {
    let site = built("sites/people");
    insta::assert_snapshot!(main_of(&site, "en/people/index.html"));
}

#[test]
fn rss_feed() {
    insta::assert_snapshot!(built("sites/trust").read("en/rss.xml"));
}

#[test]
fn atom_feed() {
    insta::assert_snapshot!(built("sites/trust").read("en/atom.xml"));
}

#[test]
fn json_feed() {
    insta::assert_snapshot!(built("sites/trust").read("en/feed.json"));
}

#[test]
fn sitemap() {
    insta::assert_snapshot!(built("sites/trust").read("sitemap.xml"));
}

#[test]
fn cap_alert() {
    insta::assert_snapshot!(built("sites/social").read("en/alerts/heat-wave.cap.xml"));
}

#[test]
fn check_json_citation_unknown_id() {
    insta::assert_snapshot!(check_json("citation-unknown-id", 1));
}

#[test]
fn check_json_frontmatter_every_wrong_value() {
    insta::assert_snapshot!(check_json("frontmatter-every-wrong-value", 1));
}

#[test]
fn check_json_review_overdue() {
    insta::assert_snapshot!(check_json("review-overdue", 0));
}
