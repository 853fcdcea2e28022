//! The `pamphlet` binary: exit codes, output formats, init and new.

use crate::support::*;

fn pamphlet(args: &[&str]) -> std::process::Output {
    run_pamphlet(args)
}

fn root_arg(site: &TestSite) -> String {
    site.root.to_string_lossy().into_owned()
}

#[test]
fn build_exit_codes() {
    let good = TestSite::new("sites/minimal");
    let out = pamphlet(&["build", "--root", &root_arg(&good), "--today", "2026-06-01"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(good.exists("en/hello/index.html"));

    let bad = TestSite::new("invalid/link-broken");
    let out = pamphlet(&["build", "--root", &root_arg(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[link/broken]"), "{stderr}");
    assert!(stderr.contains("content/en/heart/a.md:7:19"), "{stderr}");
    assert!(stderr.contains("Nothing was published"), "{stderr}");

    let out = pamphlet(&["build", "--root", "/definitely/not/a/site"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Pamphlet site"));

    let out = pamphlet(&["build", "--root", &root_arg(&good), "--today", "tomorrow"]);
    assert_eq!(out.status.code(), Some(2));
    let out = pamphlet(&["build", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_strict_turns_warnings_into_errors() {
    let site = TestSite::new("invalid/frontmatter-unknown-field");
    let root = root_arg(&site);
    assert_eq!(pamphlet(&["check", "--root", &root]).status.code(), Some(0));
    assert_eq!(
        pamphlet(&["check", "--root", &root, "--strict"])
            .status
            .code(),
        Some(1)
    );
    assert!(!site.public().exists(), "check never writes");
}

#[test]
fn check_formats_for_machines() {
    let site = TestSite::new("invalid/link-broken");
    let root = root_arg(&site);
    let out = pamphlet(&["check", "--root", &root, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["errors"], 1);
    let first = &doc["diagnostics"][0];
    assert_eq!(first["file"], "content/en/heart/a.md");
    assert_eq!(first["line"], 7);
    assert_eq!(first["column"], 19);
    assert_eq!(first["code"], "link/broken");
    assert_eq!(first["severity"], "error");

    let out = pamphlet(&["check", "--root", &root, "--format", "github"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("::error file=content/en/heart/a.md,line=7,col=19,title=link/broken::"),
        "{text}"
    );
}

#[test]
fn explain_describes_codes() {
    let out = pamphlet(&["check", "--explain", "link/broken"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("relative paths"));
    let out = pamphlet(&["check", "--explain", "link/brokn"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `link/broken`?"));
}

#[test]
fn init_creates_a_site_that_builds_and_new_adds_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("clinic");
    let root_s = root.to_string_lossy().into_owned();
    assert_eq!(pamphlet(&["init", &root_s]).status.code(), Some(0));
    assert_eq!(
        pamphlet(&["init", &root_s]).status.code(),
        Some(2),
        "refuses a non-empty folder"
    );

    let out = pamphlet(&["new", "content/en/basics/flu-vaccine.md", "--root", &root_s]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(root.join("content/en/basics/flu-vaccine.md")).unwrap();
    assert!(text.contains("title: Flu vaccine"));
    // The front matter's comments show the syntax of the health blocks.
    for syntax in [
        "> [!urgent] ",
        "> [!tip] ",
        "![What the video shows](clip.mp4)",
    ] {
        assert!(text.contains(&format!("#   {syntax}")), "{syntax}: {text}");
    }
    assert_eq!(
        pamphlet(&["new", "content/en/basics/flu-vaccine.md", "--root", &root_s])
            .status
            .code(),
        Some(2)
    );

    // The new article is a draft: the site still builds, without warnings,
    // and the draft is left out.
    let out = pamphlet(&["check", "--root", &root_s, "--strict"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = pamphlet(&["build", "--root", &root_s]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !root
            .join("public/en/basics/flu-vaccine/index.html")
            .exists()
    );
    // The starter articles show a care card and a callout, in both languages.
    for (lang, heading) in [
        ("en", "Ask a pharmacist or doctor if:"),
        ("es", "Consulte a un farmacéutico o a un médico si:"),
    ] {
        let html = std::fs::read_to_string(
            root.join(format!("public/{lang}/basics/handwashing/index.html")),
        )
        .unwrap();
        assert!(
            html.contains("class=\"care-card care-card-non-urgent\""),
            "{lang}"
        );
        assert!(
            html.contains(&format!("</span>{heading}</h3>")),
            "{lang}: {html}"
        );
        assert!(html.contains("callout-tip"), "{lang}");
    }
    // Built with its drafts, the site would show the placeholders: refused.
    let out = pamphlet(&["build", "--root", &root_s, "--drafts"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("content/placeholder"));
}

#[test]
fn refuses_to_write_over_the_site() {
    let site = TestSite::new("sites/minimal");
    let out = pamphlet(&[
        "build",
        "--root",
        &root_arg(&site),
        "--output",
        &root_arg(&site),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(site.root.join("content/en/hello.md").exists());
}

/// `check --format json|github` must stay byte-for-byte stable: CI scripts
/// and GitHub annotations depend on it. To accept a deliberate change,
/// regenerate tests/fixtures/golden/check.{json,github} with the commands
/// in tests/README.md and review the diff.
#[test]
fn check_machine_formats_match_golden_files() {
    let site = TestSite::new("golden/site");
    let root = root_arg(&site);
    for (format, golden) in [("json", "check.json"), ("github", "check.github")] {
        let out = pamphlet(&[
            "check",
            "--root",
            &root,
            "--today",
            "2026-06-01",
            "--format",
            format,
        ]);
        assert_eq!(out.status.code(), Some(1));
        let expected = std::fs::read_to_string(fixtures().join("golden").join(golden)).unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{golden}");
    }
}

#[test]
fn check_warns_about_expired_alerts_and_names_the_next_expiry() {
    let site = TestSite::new("sites/social");
    let out = pamphlet(&["check", "--root", &root_arg(&site), "--today", "2026-06-01"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning[alert/expired]"), "{stderr}");
    assert!(
        stderr.contains("content/en/alerts/flu-clinic.md:7:12"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Next alert expiry: 2026-06-10T00:00:00Z (content/en/alerts/heat-wave.md)"),
        "{stderr}"
    );
    // CI can fail on it, and JSON output stays machine-readable on stdout.
    let strict = pamphlet(&[
        "check",
        "--strict",
        "--format",
        "json",
        "--root",
        &root_arg(&site),
        "--today",
        "2026-06-01",
    ]);
    assert_eq!(strict.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&strict.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "alert/expired");
    assert!(String::from_utf8_lossy(&strict.stderr).contains("Next alert expiry"));
    // `check` draws no share images.
    assert!(!site.root.join(".pamphlet-cache").exists());

    let build_with_timings = || {
        let out = pamphlet(&[
            "build",
            "--root",
            &root_arg(&site),
            "--today",
            "2026-06-01",
            "--timings",
        ]);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let stderr = build_with_timings();
    assert!(
        stderr.contains("share images") && stderr.contains("14 drawn, 0 from cache"),
        "{stderr}"
    );
    assert!(stderr.contains("share image each"), "{stderr}");
    let stderr = build_with_timings();
    assert!(stderr.contains("0 drawn, 14 from cache"), "{stderr}");

    let explain = pamphlet(&["check", "--explain", "alert/expired"]);
    assert!(String::from_utf8_lossy(&explain.stdout).contains("expires"));
}
