//! The related-articles table: scores, tie-breaks, what is never offered,
//! and the bounded work of a tag shared by many articles.

use super::*;

fn site(settings: &str, files: &[(String, String)]) -> Site {
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    crate::site::bilingual_for_tests(settings, &files)
}

fn article(path: &str, date: &str, tags: &str, extra: &str) -> (String, String) {
    (
        format!("content/{path}.md"),
        format!(
            "---\ntitle: {path}\nsummary: S\ndate: {date}\ntags: [{tags}]\n{extra}---\nText.\n"
        ),
    )
}

fn related_urls(site: &Site, url: &str) -> Vec<String> {
    let id = site.page_for_url(url).unwrap();
    site.related(id)
        .iter()
        .map(|&p| site.pages[p].url.clone())
        .collect()
}

#[test]
fn shared_tags_count_more_than_the_section_and_ties_go_to_the_newest() {
    let site = site(
        "",
        &[
            article("en/a/base", "2026-01-01", "x, y", ""),
            article("en/a/same-section-old", "2025-01-01", "", ""),
            article("en/b/two-tags", "2024-01-01", "x, y", ""),
            article("en/b/one-tag-new", "2026-03-01", "x", ""),
            article("en/b/one-tag-old", "2026-02-01", "y", ""),
            article("en/a/hidden", "2026-05-01", "x, y", "search: false\n"),
            article("en/a/draft", "2026-05-01", "x, y", "draft: true\n"),
            article("es/a/base", "2026-05-01", "x, y", ""),
        ],
    );
    assert_eq!(
        related_urls(&site, "/en/a/base/"),
        [
            "/en/b/two-tags/",
            "/en/b/one-tag-new/",
            "/en/b/one-tag-old/"
        ]
    );
    let section = site.page_for_url("/en/a/").unwrap();
    assert!(site.related(section).is_empty(), "sections list none");
    assert!(
        related_urls(&site, "/es/a/base/").is_empty(),
        "no Spanish match"
    );
}

#[test]
fn count_zero_gives_nothing_and_a_count_limits_the_list() {
    let files = [
        article("en/a/one", "2026-01-01", "x", ""),
        article("en/a/two", "2026-01-02", "x", ""),
        article("en/a/three", "2026-01-03", "x", ""),
    ];
    let off = site("related:\n  count: 0\n", &files);
    assert!((0..off.pages.len()).all(|id| off.related(id).is_empty()));
    let one = site("related:\n  count: 1\n", &files);
    assert_eq!(related_urls(&one, "/en/a/one/"), ["/en/a/three/"]);
}

#[test]
fn a_tag_on_many_articles_offers_only_its_newest() {
    // 150 articles sharing one tag and one section: each article's
    // candidates are the newest `POSTING_CAP` (no article compares itself
    // with all 149 others), and the lists are the same every time.
    let files: Vec<(String, String)> = (0..150)
        .map(|i| {
            let date = format!("2025-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
            article(&format!("en/a/p{i:03}"), &date, "flu", "")
        })
        .collect();
    let site = site("", &files);
    let newest = ["/en/a/p149/", "/en/a/p148/", "/en/a/p147/"];
    assert_eq!(related_urls(&site, "/en/a/p000/"), newest);
    assert_eq!(
        related_urls(&site, "/en/a/p149/"),
        ["/en/a/p148/", "/en/a/p147/", "/en/a/p146/"]
    );
    let oldest = site.page_for_url("/en/a/p000/").unwrap();
    assert!(
        (0..site.pages.len()).all(|id| !site.related(id).contains(&oldest)),
        "past the cap, an article is offered by no other"
    );
    assert_eq!(table(&site), table(&site));
    const { assert!(POSTING_CAP < 150) };
}
