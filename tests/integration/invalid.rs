//! Broken inputs: each folder under tests/fixtures/invalid/ holds one
//! problem and an `expected.txt` listing exactly the diagnostics it must
//! produce (`severity code file:line:col [hint]`), optionally with an
//! `expected-messages.txt` (`message | hint`, one per diagnostic). A failed
//! build must leave the previous `public/` untouched. Each folder is its
//! own test.

use crate::support::*;

fn describe(report: &pamphlet::BuildReport, with_hints: bool) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let mut line = format!(
                "{} {} {}:{}:{}",
                d.severity,
                d.code,
                d.file.display(),
                d.position.line,
                d.position.column
            );
            if let Some(hint) = d.hint.as_ref().filter(|_| with_hints) {
                line.push(' ');
                line.push_str(hint);
            }
            line
        })
        .collect()
}

/// One test per fixture folder, so a failing case never hides the others.
macro_rules! fixtures {
    ($($test:ident => $folder:literal,)*) => {
        $( #[test] fn $test() { check_fixture($folder) } )*
        /// Every folder that has a test above.
        const FOLDERS: &[&str] = &[$($folder),*];
    };
}

fixtures! {
    accessibility_heading_order => "accessibility-heading-order",
    accessibility_image_alt => "accessibility-image-alt",
    accessibility_link_text => "accessibility-link-text",
    accessibility_second_main_heading => "accessibility-second-main-heading",
    accessibility_table_header => "accessibility-table-header",
    care_card_emergency_link => "care-card-emergency-link",
    care_card_heading => "care-card-heading",
    care_card_no_list => "care-card-no-list",
    care_card_too_many => "care-card-too-many",
    citation_duplicate_id => "citation-duplicate-id",
    citation_unknown_id => "citation-unknown-id",
    citation_unused => "citation-unused",
    config_related_count => "config-related-count",
    config_syntax => "config-syntax",
    config_unknown_key => "config-unknown-key",
    content_unknown_language => "content-unknown-language",
    content_unreadable => "content-unreadable",
    frontmatter_duplicate_field => "frontmatter-duplicate-field",
    frontmatter_every_wrong_value => "frontmatter-every-wrong-value",
    frontmatter_invalid_date => "frontmatter-invalid-date",
    frontmatter_list_as_text => "frontmatter-list-as-text",
    frontmatter_missing_field => "frontmatter-missing-field",
    frontmatter_misspelt_field => "frontmatter-misspelt-field",
    frontmatter_syntax => "frontmatter-syntax",
    frontmatter_syntax_bracket => "frontmatter-syntax-bracket",
    frontmatter_syntax_colon => "frontmatter-syntax-colon",
    frontmatter_syntax_indentation => "frontmatter-syntax-indentation",
    frontmatter_syntax_tab => "frontmatter-syntax-tab",
    frontmatter_toc_not_yes_or_no => "frontmatter-toc-not-yes-or-no",
    frontmatter_unclosed => "frontmatter-unclosed",
    frontmatter_unknown_field => "frontmatter-unknown-field",
    html_iframe_title => "html-iframe-title",
    html_invalid_nesting => "html-invalid-nesting",
    html_unsafe_removed => "html-unsafe-removed",
    image_missing => "image-missing",
    link_broken => "link-broken",
    link_template_syntax => "link-template-syntax",
    media_captions_missing => "media-captions-missing",
    media_in_html => "media-in-html",
    media_remote => "media-remote",
    media_transcript_missing => "media-transcript-missing",
    person_photo_alt => "person-photo-alt",
    person_unknown_field => "person-unknown-field",
    person_unknown_id => "person-unknown-id",
    privacy_personal_data => "privacy-personal-data",
    readability_above_target => "readability-above-target",
    redirect_conflict => "redirect-conflict",
    redirect_invalid => "redirect-invalid",
    review_missing_reviewer => "review-missing-reviewer",
    review_overdue => "review-overdue",
    status_invalid => "status-invalid",
    status_stale => "status-stale",
    status_unknown_field => "status-unknown-field",
    theme_missing_string => "theme-missing-string",
    update_no_topic_page => "update-no-topic-page",
}

#[test]
fn every_fixture_folder_has_its_test() {
    let mut found: Vec<String> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, FOLDERS, "add the new folder to `fixtures!` above");
}

/// Builds `tests/fixtures/invalid/<name>` and compares what it reports with
/// its `expected.txt` (and `expected-messages.txt`, the message and hint of
/// each diagnostic, when the fixture has one).
fn check_fixture(name: &str) {
    let dir = fixtures().join("invalid").join(name);
    let site = TestSite::new(&format!("invalid/{name}"));
    std::fs::remove_file(site.root.join("expected.txt")).unwrap();
    let _ = std::fs::remove_file(site.root.join("expected-messages.txt"));
    let expected: Vec<String> = std::fs::read_to_string(dir.join("expected.txt"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let with_hints = expected.iter().any(|l| l.contains('?'));

    // A previous good build that must survive.
    std::fs::create_dir_all(site.public()).unwrap();
    std::fs::write(site.public().join("index.html"), "previous build").unwrap();
    // What an earlier build published carries its marker.
    std::fs::write(site.public().join(pamphlet::publish::MARKER), "").unwrap();

    let report = site.build();
    assert_eq!(
        describe(&report, with_hints),
        expected,
        "fixture invalid/{name}"
    );
    if let Ok(messages) = std::fs::read_to_string(dir.join("expected-messages.txt")) {
        let found: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| format!("{} | {}", d.message, d.hint.as_deref().unwrap_or("")))
            .collect();
        let messages: Vec<&str> = messages.lines().collect();
        assert_eq!(found, messages, "fixture invalid/{name} (messages)");
    }
    let has_errors = report.diagnostics.has_errors();
    assert_eq!(report.published, !has_errors, "fixture invalid/{name}");
    if has_errors {
        assert_eq!(
            site.output_files(),
            [pamphlet::publish::MARKER, "index.html"],
            "fixture invalid/{name} touched public/"
        );
        assert_eq!(site.read("index.html"), "previous build");
    }
    // No staging folder is left behind (the share-card cache is meant to stay).
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("pamphlet-") && n != ".pamphlet-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn all_problems_of_a_build_are_reported_together() {
    let site = TestSite::new("invalid/link-broken");
    std::fs::write(
        site.root.join("content/en/second.md"),
        "---\ntitle: Second\nsummary: S\ndate: 2026-13-01\n---\n",
    )
    .unwrap();
    let report = site.build();
    let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "link/broken",
            "link/unknown-path",
            "frontmatter/invalid-date"
        ]
    );
}
