//! Placeholders never publish: what `pamphlet new` leaves for the author to
//! fill in is an error at its line, and the `init` starter names no made-up
//! author or reviewer.

use crate::support::{list_files, run_pamphlet, test_today};
use pamphlet::pipeline::{self, BuildOptions, Target};
use std::path::Path;

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
        today: test_today(),
        now: test_today().start_instant(),
        report: true,
    }
}

fn starter() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("clinic");
    pamphlet::scaffold::init(&root, test_today()).unwrap();
    (dir, root)
}

#[test]
fn a_new_article_set_to_publish_fails_at_every_placeholder_line() {
    let (_dir, root) = starter();
    let rel = "content/en/basics/flu-vaccine.md";
    pamphlet::scaffold::new_article(&root.join(rel), test_today(), None).unwrap();
    // As written, a draft: the site builds and the draft is left out.
    let report = pipeline::run(&options(&root), Target::Nowhere).unwrap();
    assert!(!report.diagnostics.has_errors(), "{:?}", report.diagnostics);

    let path = root.join(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("draft: true ", "draft: false");
    std::fs::write(&path, &text).unwrap();
    let report = pipeline::run(&options(&root), Target::Folder(root.join("public"))).unwrap();
    assert!(!report.published);
    assert!(!root.join("public").exists(), "nothing is published");
    let mut lines: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "content/placeholder")
        .inspect(|d| assert_eq!(d.file, Path::new(rel)))
        .map(|d| d.position.line)
        .collect();
    lines.sort();
    // Each line of the file that holds a placeholder, and only those.
    let expected: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("REPLACE:"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines, expected);
    let reviewer_line = text
        .lines()
        .position(|l| l.contains("the full name of the clinician"))
        .unwrap()
        + 1;
    assert!(lines.contains(&reviewer_line), "{lines:?}");
    // Every text `new` cannot know is a placeholder: names, credentials,
    // role, the source, the summary and the body.
    assert!(expected.len() >= 10, "{text}");
}

#[test]
fn a_placeholder_fails_check_too_and_on_the_command_line() {
    let (_dir, root) = starter();
    let rel = "content/es/basics/vacuna.md";
    pamphlet::scaffold::new_article(&root.join(rel), test_today(), None).unwrap();
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("draft: true ", "draft: false")).unwrap();
    let root_arg = root.to_string_lossy();
    let out = run_pamphlet(&["check", "--root", &root_arg, "--today", "2026-06-01"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/placeholder"), "{stderr}");
    assert!(
        stderr.contains("REPLACE: the full name of the clinician"),
        "{stderr}"
    );
}

#[test]
fn the_starter_builds_at_once_and_names_no_made_up_reviewer() {
    let (_dir, root) = starter();
    let report = pipeline::run(&options(&root), Target::Folder(root.join("public"))).unwrap();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(!report.diagnostics.has_errors(), "{:?}", report.diagnostics);

    // Every text a page can use to claim a medical review, in each language
    // of the starter, read from the theme itself.
    let theme = pamphlet::theme::embedded_default();
    let languages = ["en".to_string(), "es".to_string()];
    let (strings, _) = pamphlet::i18n::Strings::load(&theme, &languages, "en");
    let mut claims = vec![
        "Reviewer Name".to_string(),
        "Your Name".to_string(),
        "REPLACE".to_string(),
    ];
    for lang in &languages {
        for key in ["reviewed_by", "card_reviewed_undated", "last_reviewed"] {
            claims.push(strings.get(lang, key, &[]));
        }
    }
    // The published site and everything else the build wrote (the
    // editorial report included).
    let mut scanned = 0;
    for rel in list_files(&root) {
        if rel.starts_with("content/") || rel == "site.yaml" || rel.ends_with(".png") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
            continue;
        };
        scanned += 1;
        for claim in &claims {
            assert!(!text.contains(claim.as_str()), "{rel} says `{claim}`");
        }
    }
    assert!(scanned > 20, "the build wrote the site");
    // The sample article is there and says honestly that nobody checked it.
    let page =
        std::fs::read_to_string(root.join("public/en/basics/handwashing/index.html")).unwrap();
    assert!(
        page.contains(&strings.get("en", "not_reviewed", &[])),
        "{page}"
    );
}
