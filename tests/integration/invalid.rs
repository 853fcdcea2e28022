//! Broken inputs: each folder under tests/fixtures/invalid/ holds one
//! problem and an `expected.txt` listing exactly the diagnostics it must
//! produce (`severity code file:line:col [hint]`). A failed build must leave
//! the previous `public/` untouched.

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

#[test]
fn every_invalid_fixture_reports_exactly_its_problem() {
    let dir = fixtures().join("invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9);
    for case in cases {
        let name = case.to_string_lossy().into_owned();
        let site = TestSite::new(&format!("invalid/{name}"));
        std::fs::remove_file(site.root.join("expected.txt")).unwrap();
        let expected: Vec<String> = std::fs::read_to_string(dir.join(&case).join("expected.txt"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        let with_hints = expected.iter().any(|l| l.contains('?'));

        // A previous good build that must survive.
        std::fs::create_dir_all(site.public()).unwrap();
        std::fs::write(site.public().join("index.html"), "previous build").unwrap();
        // What an earlier build published carries its marker.
        std::fs::write(site.public().join(pamphlet::output::MARKER), "").unwrap();

        let report = site.build();
        assert_eq!(
            describe(&report, with_hints),
            expected,
            "fixture invalid/{name}"
        );
        let has_errors = report.diagnostics.has_errors();
        assert_eq!(report.published, !has_errors, "fixture invalid/{name}");
        if has_errors {
            assert_eq!(
                site.output_files(),
                [pamphlet::output::MARKER, "index.html"],
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
