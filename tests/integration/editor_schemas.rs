//! The editor schemas (`pamphlet schema`) against real files: every file
//! of the demo site and of every fixture site must pass its schema, and
//! every invalid fixture whose mistake a schema can express must fail it,
//! so the schemas neither nag authors about good files nor miss the
//! mistakes the checker reports.

use crate::support::*;
use pamphlet::schema::{self, Kind};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn validator(kind: Kind) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema::json(kind))
        .unwrap_or_else(|e| panic!("the {} schema is not valid: {e}", kind.name()))
}

/// The schema a file of a site is read with, and its value; `None` for
/// files no schema describes.
fn read(site: &Path, file: &Path) -> Option<(Kind, Option<Value>)> {
    let rel = file
        .strip_prefix(site)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let text = std::fs::read_to_string(file).ok()?;
    let parts: Vec<&str> = rel.split('/').collect();
    let kind = match parts.as_slice() {
        ["site.yaml"] => Kind::Site,
        ["data", "status.yaml"] => Kind::Status,
        ["data", "people", name] if name.ends_with(".yaml") => Kind::Person,
        ["content", _, "updates", _, name] if *name != "_index.md" && name.ends_with(".md") => {
            Kind::Update
        }
        ["content", ..] if rel.ends_with(".md") => Kind::FrontMatter,
        _ => return None,
    };
    let value = match kind {
        Kind::FrontMatter | Kind::Update => schema::front_matter_value(&text),
        _ => schema::yaml_value(&text),
    };
    Some((kind, value))
}

/// Every file of the site at `root` that a schema describes.
fn site_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("site.yaml")];
    for folder in ["content", "data"] {
        files.extend(
            walkdir::WalkDir::new(root.join(folder))
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                // What discovery skips: editors' lock and backup files.
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.into_path()),
        );
    }
    files
}

/// The schema's complaints about one file (empty when it passes).
fn complaints(site: &Path, file: &Path) -> Vec<String> {
    let Some((kind, value)) = read(site, file) else {
        return Vec::new();
    };
    let Some(value) = value else {
        return vec![format!("{}: not readable YAML", file.display())];
    };
    validator(kind)
        .iter_errors(&value)
        .map(|e| {
            format!(
                "{} ({}): {} at {}",
                file.display(),
                kind.name(),
                e,
                e.instance_path()
            )
        })
        .collect()
}

fn sites() -> Vec<PathBuf> {
    let mut sites = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR"))];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(fixtures().join("sites"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("site.yaml").is_file())
        .collect();
    fixtures.sort();
    sites.extend(fixtures);
    sites
}

/// Files of fixture sites that break a rule on purpose (the site tests
/// how the build copes), each with the rule.
const ON_PURPOSE: &[(&str, &str)] = &[(
    "hostile/content/en/heart/long.md",
    "a summary longer than lists show (a warning)",
)];

#[test]
fn every_demo_and_fixture_file_passes_its_schema() {
    let mut checked = 0;
    let mut kinds = std::collections::BTreeSet::new();
    let mut found = Vec::new();
    for site in sites() {
        for file in site_files(&site) {
            if let Some((kind, _)) = read(&site, &file) {
                checked += 1;
                kinds.insert(kind.name());
            }
            let mistakes = complaints(&site, &file);
            let in_fixtures = file.strip_prefix(fixtures().join("sites")).ok();
            let on_purpose = ON_PURPOSE
                .iter()
                .any(|(f, _)| in_fixtures.is_some_and(|p| p == Path::new(f)));
            if on_purpose {
                assert!(
                    !mistakes.is_empty(),
                    "{} no longer breaks its rule",
                    file.display()
                );
            } else {
                found.extend(mistakes);
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // A walk that found nothing would pass without checking anything.
    assert!(checked > 100, "only {checked} files checked");
    assert_eq!(kinds.len(), Kind::ALL.len(), "{kinds:?}");
}

/// Invalid fixtures whose mistake is one a schema states (a wrong kind of
/// value, a value not among the choices, a malformed date, an unknown or
/// missing field, a limit), with the file that has it.
const SCHEMA_MISTAKES: &[(&str, &str)] = &[
    ("config-related-count", "site.yaml"),
    ("config-unknown-key", "site.yaml"),
    ("frontmatter-every-wrong-value", "content/en/a.md"),
    ("frontmatter-invalid-date", "content/en/a.md"),
    ("frontmatter-list-as-text", "content/en/a.md"),
    ("frontmatter-missing-field", "content/en/a.md"),
    ("frontmatter-misspelt-field", "content/en/a.md"),
    ("frontmatter-toc-not-yes-or-no", "content/en/a.md"),
    ("frontmatter-unknown-field", "content/en/a.md"),
    ("person-photo-alt", "data/people/dr-sample-reviewer.yaml"),
    (
        "person-unknown-field",
        "data/people/dr-sample-reviewer.yaml",
    ),
    ("status-invalid", "data/status.yaml"),
    ("status-unknown-field", "data/status.yaml"),
];

/// Invalid fixtures whose mistake no schema of one file can state: it is
/// in the Markdown text, in YAML that cannot be read at all, across files,
/// or depends on the build date.
const OTHER_MISTAKES: &[&str] = &[
    "accessibility-heading-order",
    "accessibility-image-alt",
    "accessibility-link-text",
    "accessibility-second-main-heading",
    "accessibility-table-header",
    "care-card-emergency-link",
    "care-card-heading",
    "care-card-no-list",
    "care-card-too-many",
    "citation-duplicate-id",
    "citation-unknown-id",
    "citation-unused",
    "config-syntax",
    "content-unknown-language",
    "content-unreadable",
    "frontmatter-duplicate-field",
    "frontmatter-syntax",
    "frontmatter-syntax-bracket",
    "frontmatter-syntax-colon",
    "frontmatter-syntax-indentation",
    "frontmatter-syntax-tab",
    "frontmatter-unclosed",
    "html-iframe-title",
    "html-invalid-nesting",
    "html-unsafe-removed",
    "image-missing",
    "link-broken",
    "link-template-syntax",
    "media-captions-missing",
    "media-in-html",
    "media-remote",
    "media-transcript-missing",
    "person-unknown-id",
    "privacy-personal-data",
    "readability-above-target",
    "redirect-conflict",
    "redirect-invalid",
    "review-missing-reviewer",
    "review-overdue",
    "status-stale",
    "theme-missing-string",
    "update-no-topic-page",
];

#[test]
fn every_schema_mistake_in_the_invalid_fixtures_fails_its_schema() {
    let invalid = fixtures().join("invalid");
    for (folder, file) in SCHEMA_MISTAKES {
        let site = invalid.join(folder);
        let found = complaints(&site, &site.join(file));
        assert!(!found.is_empty(), "{folder}/{file} passes its schema");
        // The rest of the fixture is good: only the mistake fails.
        for other in site_files(&site).iter().filter(|f| !f.ends_with(file)) {
            let found = complaints(&site, other);
            assert!(found.is_empty(), "{folder}: {}", found.join("\n"));
        }
    }
}

#[test]
fn every_invalid_fixture_is_sorted_into_one_list() {
    let mut folders: Vec<String> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut listed: Vec<String> = SCHEMA_MISTAKES
        .iter()
        .map(|(f, _)| f.to_string())
        .chain(OTHER_MISTAKES.iter().map(|f| f.to_string()))
        .collect();
    listed.sort();
    assert_eq!(
        folders, listed,
        "a new invalid fixture: say whether a schema can catch it"
    );
}

#[test]
fn the_command_prints_each_schema_and_writes_them_all() {
    for kind in Kind::ALL {
        let out = run_pamphlet(&["schema", kind.name()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8(out.stdout).unwrap(), schema::text(kind));
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_string_lossy().into_owned();
    let out = run_pamphlet(&["schema", "--write", "--root", &root]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for kind in Kind::ALL {
        let written = std::fs::read_to_string(dir.path().join("schemas").join(kind.file_name()));
        assert_eq!(written.unwrap(), schema::text(kind));
    }
    let out = run_pamphlet(&["schema"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_files_point_at_the_schemas_when_the_site_opts_in() {
    let site = TestSite::new("sites/minimal");
    let root = site.root.to_string_lossy().into_owned();
    let new = |rel: &str| {
        let out = run_pamphlet(&["new", rel, "--root", &root]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(site.root.join(rel)).unwrap()
    };
    let plain = new("content/en/heart/plain.md");
    assert!(!plain.contains("yaml-language-server"), "{plain}");
    assert!(!site.root.join("schemas").exists());

    site.edit("site.yaml", |s| s + "editor_schemas: true\n");
    let text = new("content/en/heart/checked.md");
    let second = text.lines().nth(1).unwrap();
    assert_eq!(
        second,
        "# yaml-language-server: $schema=../../../schemas/front-matter.json"
    );
    // The comment names a file that is there, relative to the article.
    let target = second
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap();
    let named = site.root.join("content/en/heart").join(target);
    assert_eq!(
        std::fs::read_to_string(named).unwrap(),
        schema::text(Kind::FrontMatter)
    );
    // What `pamphlet new` writes passes the schema it names.
    let found = complaints(&site.root, &site.root.join("content/en/heart/checked.md"));
    assert!(found.is_empty(), "{}", found.join("\n"));

    let out = run_pamphlet(&["new", "update", "heat-wave", "--root", &root]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folder = site.root.join("content/en/updates/heat-wave");
    let entry = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| !p.ends_with("_index.md"))
        .unwrap();
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(
        text.starts_with("---\n# yaml-language-server: $schema=../../../../schemas/update.json\n"),
        "{text}"
    );
    assert!(complaints(&site.root, &entry).is_empty());
}
