//! Per-article lists are processed in time linear in their length: an
//! article with 20,000 citations (or reviewers, authors, tags, aliases,
//! hashtags) builds in seconds, and ten times the entries takes about ten
//! times as long, not a hundred.

use crate::support::*;
use std::time::{Duration, Instant};

/// Builds a one-article site whose front matter ends with `list` and whose
/// body is `body`; returns how long the build took.
fn build_time(list: &str, body: &str) -> Duration {
    let site = TestSite::new("sites/minimal");
    // Share cards are the same work whatever the list's length; leaving
    // them out keeps the measurement about the list.
    site.edit("site.yaml", |t| {
        format!("{t}\nsocial:\n  share_images: {{ generate: false }}\n")
    });
    std::fs::write(
        site.root.join("content/en/long.md"),
        format!("---\ntitle: Long\nsummary: A long list.\ndate: 2026-01-10\n{list}---\n\n{body}\n"),
    )
    .unwrap();
    let start = Instant::now();
    let report = site.build();
    let took = start.elapsed();
    assert!(
        report.published,
        "{:?}",
        report.diagnostics.iter().take(3).collect::<Vec<_>>()
    );
    assert!(site.exists("en/long/index.html"));
    took
}

/// Asserts the build of `make(n)` stays fast at 20,000 entries and grows
/// far less than quadratically from 2,000 to 20,000.
fn assert_linear(what: &str, make: impl Fn(usize) -> (String, String)) {
    let (list, body) = make(2_000);
    let small = build_time(&list, &body);
    let (list, body) = make(20_000);
    let large = build_time(&list, &body);
    // A generous guard for slow debug builds on a shared machine; the
    // ratio below is the real proof (quadratic would be about 100×).
    assert!(
        large < Duration::from_secs(20),
        "{what}: 20,000 took {large:?}"
    );
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.001);
    assert!(
        ratio < 30.0,
        "{what}: 2,000 took {small:?}, 20,000 took {large:?} ({ratio:.1}×)"
    );
}

#[test]
fn twenty_thousand_citations_one_in_ten_cited_build_in_linear_time() {
    assert_linear("citations", |n| {
        let mut list = String::from("citations:\n");
        let mut body = String::new();
        for i in 0..n {
            list.push_str(&format!(
                "  - id: s{i}\n    title: Source {i}\n    year: 2020\n    doi: 10.1000/{i}\n"
            ));
            if i % 10 == 0 {
                body.push_str(&format!("Fact {i} [@s{i}]. "));
            }
        }
        (list, body)
    });
}

#[test]
fn twenty_thousand_reviewers_and_authors_build_in_linear_time() {
    assert_linear("reviewers and authors", |n| {
        let mut list = String::from("reviewers:\n");
        for i in 0..n {
            list.push_str(&format!(
                "  - name: Reviewer {i}\n    credentials: MD\n    date: 2026-03-01\n"
            ));
        }
        list.push_str("authors:\n");
        for i in 0..n {
            list.push_str(&format!("  - name: Author {i}\n"));
        }
        (list, "Body.".to_string())
    });
}

#[test]
fn twenty_thousand_hashtags_and_aliases_build_in_linear_time() {
    assert_linear("hashtags and aliases", |n| {
        let mut list = String::from("hashtags:\n");
        for i in 0..n {
            list.push_str(&format!("  - Tag{i}\n"));
        }
        list.push_str("aliases:\n");
        for i in 0..n {
            list.push_str(&format!("  - /old/{i}/\n"));
        }
        (list, "Body.".to_string())
    });
}

/// Every tag has its own page and feeds that list the article with all its
/// tags, so output would grow with the square of the count: 20,000 tags are
/// an error at `tags:`, and the preview (which renders despite errors)
/// keeps only the first few.
#[test]
fn twenty_thousand_tags_are_an_error_and_never_fill_the_disk() {
    let site = TestSite::new("sites/minimal");
    let tags: Vec<String> = (0..20_000).map(|i| format!("t{i}")).collect();
    std::fs::write(
        site.root.join("content/en/long.md"),
        format!(
            "---\ntitle: Long\nsummary: Many tags.\ndate: 2026-01-10\ntags: [{}]\n---\n\nBody.\n",
            tags.join(", ")
        ),
    )
    .unwrap();
    let start = Instant::now();
    let memory = pamphlet::output::Memory::default();
    pamphlet::pipeline::run(&site.options(), pamphlet::pipeline::Target::Memory(&memory)).unwrap();
    let tag_pages = memory
        .into_files()
        .keys()
        .filter(|p| p.starts_with("en/tags/") && p.ends_with("index.html"))
        .count();
    assert!(
        tag_pages <= pamphlet::frontmatter::MAX_TAGS + 1,
        "{tag_pages} tag pages"
    );
    let report = site.build();
    assert!(!report.published);
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "frontmatter/invalid-value")
        .map(|d| (d.file.to_string_lossy().into_owned(), d.position.line))
        .collect();
    assert_eq!(errors, [("content/en/long.md".to_string(), 5)]);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}
