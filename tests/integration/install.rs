//! Installing without this repository: the crate `cargo install` builds
//! holds every file the program embeds (and not the demo or the tests), and
//! `pamphlet init` writes the GitHub Pages workflow. The wheel and the
//! installed crate are built and run in a clean environment by .ci/run.

use crate::support::run_pamphlet;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `cargo package --list`: the files the published crate holds.
fn packaged() -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline", "--quiet"])
        .current_dir(repo())
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// `a/b/../c` → `a/c`, with `/` separators.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// Every file named by an `include_str!`/`include_bytes!` in src/, relative
/// to the repository, plus the default theme (embedded by a macro from a
/// list). Any other include whose path is not a plain string fails the test,
/// so a new kind of embedding cannot slip past it.
fn embedded() -> BTreeSet<String> {
    let literal = regex::Regex::new(r#"include_(?:str|bytes)!\(\s*"([^"]+)"\s*\)"#).unwrap();
    let any = regex::Regex::new(r"include(?:_str|_bytes)?!\(").unwrap();
    let mut files = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(entry.path()).unwrap();
        let rel = entry.path().strip_prefix(repo()).unwrap();
        let dir = rel.parent().unwrap();
        let literals = literal.captures_iter(&source).count();
        let mut others = any.find_iter(&source).count() - literals;
        if rel == Path::new("src/theme.rs") {
            others -= 1; // include_bytes!(concat!("../themes/default/", $path))
        }
        assert_eq!(
            others,
            0,
            "{}: an include the test cannot read",
            rel.display()
        );
        for caps in literal.captures_iter(&source) {
            files.insert(normalise(&dir.join(&caps[1])));
        }
    }
    for (path, _) in pamphlet::theme::DEFAULT_FILES {
        files.insert(format!("themes/default/{path}"));
    }
    files
}

#[test]
fn the_crate_holds_every_file_the_program_embeds() {
    let packaged = packaged();
    let embedded = embedded();
    // The scan found the embeddings it must: fonts, preview, report, workflow.
    for known in [
        "themes/default/fonts/NotoSansArabic-Regular.ttf",
        "themes/default/templates/base.html",
        "src/serve/live.js",
        "src/editorial/report.html",
        "src/workflow/pamphlet.yml",
    ] {
        assert!(embedded.contains(known), "{known} not found by the scan");
    }
    let missing: Vec<_> = embedded.difference(&packaged).collect();
    assert!(missing.is_empty(), "not in the crate: {missing:?}");
    for file in &embedded {
        assert!(repo().join(file).is_file(), "{file} does not exist");
    }
    assert!(
        packaged.contains("Cargo.lock"),
        "--locked needs the lock file"
    );
}

#[test]
fn the_crate_leaves_out_the_demo_the_tests_and_the_tools() {
    let packaged = packaged();
    let unwanted = [
        "tests/",
        "content/",
        "data/",
        "bench/",
        "fuzz/",
        "docs/",
        ".ci/",
        "site.yaml",
    ];
    for file in &packaged {
        assert!(
            !unwanted.iter().any(|u| file.starts_with(u)),
            "{file} should not be in the crate"
        );
    }
    let bytes: u64 = packaged
        .iter()
        .filter_map(|f| std::fs::metadata(repo().join(f)).ok())
        .map(|m| m.len())
        .sum();
    assert!(bytes < 4_000_000, "the crate's files weigh {bytes} bytes");
}

#[test]
fn init_writes_the_pages_workflow_and_the_starter_builds_without_publishing_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("clinic");
    let run = |args: &[&str]| run_pamphlet(args);
    let site_arg = site.to_string_lossy().into_owned();
    let out = run(&["init", &site_arg]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let workflow = std::fs::read_to_string(site.join(".github/workflows/pamphlet.yml")).unwrap();
    assert_eq!(workflow, pamphlet::workflow::text());
    assert!(workflow.contains(&format!("pamphlet-ssg=={}", env!("CARGO_PKG_VERSION"))));

    let out = run(&["build", "--root", &site_arg, "--today", "2026-06-01"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let public = site.join("public");
    assert!(public.join("index.html").is_file());
    assert!(
        !public.join(".github").exists(),
        "the workflow is not published"
    );
}
