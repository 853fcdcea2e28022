//! One mistake, one error: when an article's front matter has errors, its
//! translations (which inherit from it) report one note pointing at it,
//! never errors of their own about what they inherit. Built on
//! tests/fixtures/sites/translations (en, es, ar), which builds clean.

use crate::support::*;
use pamphlet::pipeline::{self, Build, BuildReport, Target};

const EN: &str = "content/en/heart/high-blood-pressure.md";
const ES: &str = "content/es/heart/presion-arterial-alta.md";
const AR: &str = "content/ar/heart/high-blood-pressure.md";

fn found(diagnostics: &pamphlet::diagnostics::Diagnostics) -> Vec<(String, String, usize)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.file.display().to_string(),
                d.position.line,
            )
        })
        .collect()
}

/// What `pamphlet check` finds (nothing written).
fn check(site: &TestSite) -> BuildReport {
    pipeline::run(&site.options(), Target::Nowhere).unwrap()
}

fn expect(list: &[(&str, &str, usize)]) -> Vec<(String, String, usize)> {
    list.iter()
        .map(|(c, f, l)| (c.to_string(), f.to_string(), *l))
        .collect()
}

/// The translations cite the source's reference and the Arabic one writes
/// no date: both depend on what they inherit.
fn group_with_inherited_needs() -> TestSite {
    let site = TestSite::new("sites/translations");
    for file in [ES, AR] {
        site.edit(file, |t| format!("{t}\nSee [@whelton2018].\n"));
    }
    let report = check(&site);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    site
}

const NOTE: &str = "translation/source-has-errors";

#[test]
fn an_unreadable_source_gives_its_own_error_and_one_note_per_translation() {
    let site = group_with_inherited_needs();
    site.edit(EN, |t| {
        t.replace(
            "summary: What it is and how to lower it.",
            "summary: Blood pressure: what it is",
        )
    });
    let report = check(&site);
    assert_eq!(
        found(&report.diagnostics),
        expect(&[(NOTE, AR, 1), ("frontmatter/syntax", EN, 3), (NOTE, ES, 1),])
    );
    let note = report.diagnostics.iter().next().unwrap();
    assert_eq!(
        note.message,
        format!("this translation inherits from `{EN}`, which has errors: fix that first")
    );
}

#[test]
fn a_source_with_wrong_values_is_the_only_one_blamed() {
    let site = group_with_inherited_needs();
    // Two wrong values in the source; the Spanish page has one of its own.
    site.edit(EN, |t| {
        t.replace("date: 2026-01-10", "date: 2026-13-10")
            .replace("audience: patients", "audience: patents")
    });
    site.edit(ES, |t| {
        t.replace("date: 2026-01-12", "date: 2026-01-12\naudience: everyone")
    });
    let report = check(&site);
    assert_eq!(
        found(&report.diagnostics),
        expect(&[
            (NOTE, AR, 1),
            ("frontmatter/invalid-date", EN, 4),
            ("frontmatter/invalid-value", EN, 7),
            (NOTE, ES, 1),
            ("frontmatter/invalid-value", ES, 5),
        ])
    );
}

#[test]
fn a_misspelt_field_in_the_source_is_one_error() {
    let site = group_with_inherited_needs();
    site.edit("site.yaml", |t| {
        format!("{t}review: {{ require_reviewer: true }}\n")
    });
    site.edit(EN, |t| t.replace("reviewers:", "reviwers:"));
    let report = check(&site);
    let in_group: Vec<_> = found(&report.diagnostics)
        .into_iter()
        .filter(|(_, f, _)| [EN, ES, AR].contains(&f.as_str()))
        .collect();
    assert_eq!(
        in_group,
        expect(&[
            (NOTE, AR, 1),
            ("frontmatter/misspelt-field", EN, 10),
            (NOTE, ES, 1),
        ]),
        "not also `missing reviewer` in the source or its translations"
    );
}

#[test]
fn a_problem_the_translation_inherits_is_reported_at_the_source_only() {
    let site = group_with_inherited_needs();
    site.edit("site.yaml", |t| {
        format!("{t}review: {{ require_reviewer: true }}\n")
    });
    // The Spanish salt page has a broken link of its own: that stays.
    site.edit("content/es/heart/salt.md", |t| {
        format!("{t}\nVea [esto](nada.md).\n")
    });
    let report = check(&site);
    let found = found(&report.diagnostics);
    let lines = std::fs::read_to_string(site.root.join("content/es/heart/salt.md"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(
        found,
        expect(&[
            ("review/missing-reviewer", "content/en/food/fruit.md", 1),
            ("review/missing-reviewer", "content/en/heart/salt.md", 1),
            (NOTE, "content/es/heart/salt.md", 1),
            ("link/broken", "content/es/heart/salt.md", lines),
            ("review/missing-reviewer", "content/es/only-es.md", 1),
        ]),
        "the Spanish salt page inherits its missing reviewer; only-es has no source"
    );
}

#[test]
fn the_live_preview_reports_the_same() {
    let site = group_with_inherited_needs();
    site.edit(EN, |t| t.replace("title: High", "title: \"High"));
    let mut build = Build::new(site.options());
    let first = build.full().unwrap();
    let full = check(&site);
    assert_eq!(found(&first.report.diagnostics), found(&full.diagnostics));
    assert_eq!(
        found(&full.diagnostics)
            .iter()
            .filter(|(c, _, _)| c == NOTE)
            .count(),
        2
    );
    // Fixing the source brings the translations' own checks back.
    site.edit(EN, |t| t.replace("title: \"High", "title: High"));
    site.edit(AR, |t| t.replace("[@whelton2018]", "[@nobody]"));
    let report = check(&site);
    assert_eq!(
        found(&report.diagnostics),
        expect(&[("citation/unknown-id", AR, 11)])
    );
}
