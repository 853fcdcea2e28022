//! Where the editorial report goes: privately into `.pamphlet-cache/report/`
//! by default, into the published site only when site.yaml asks, and never
//! linked from a page either way.

use crate::support::TestSite;

const PRIVATE: &str = ".pamphlet-cache/report";

/// Every text file the build published mentions neither place.
fn assert_nothing_links_to_the_report(site: &TestSite) {
    let mut scanned = 0;
    for rel in site.output_files() {
        if rel.starts_with("_report/") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(site.public().join(&rel)) else {
            continue;
        };
        assert!(!text.contains("_report"), "{rel} links to the report");
        assert!(!text.contains(".pamphlet-cache"), "{rel} names the cache");
        scanned += 1;
    }
    assert!(scanned >= 20, "only {scanned} text files were published");
}

#[test]
fn by_default_the_report_is_private_and_outside_the_published_folder() {
    let site = TestSite::new("sites/trust");
    let report = site.build();
    assert!(report.published);
    let private = site.root.join(PRIVATE);
    assert_eq!(report.private_report, Some(private.join("index.html")));
    for name in [
        "index.html",
        "report.json",
        "reading-level.html",
        "problems.html",
        "title.html",
    ] {
        assert!(private.join(name).is_file(), "{name}");
    }
    assert!(
        !site.output_files().iter().any(|f| f.starts_with("_report")),
        "{:?}",
        site.output_files()
    );
    assert_nothing_links_to_the_report(&site);
    // A second build replaces it in place.
    assert!(site.build().published);
    assert!(private.join("index.html").is_file());
}

#[test]
fn site_yaml_can_publish_it_at_report() {
    let site = TestSite::new("sites/trust");
    site.edit("site.yaml", |t| format!("{t}report:\n  publish: true\n"));
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert_eq!(report.private_report, None);
    assert!(site.exists("_report/index.html"));
    assert!(site.exists("_report/report.json"));
    assert!(!site.root.join(PRIVATE).exists());
    assert_nothing_links_to_the_report(&site);
}

#[test]
fn a_misspelt_report_setting_is_reported() {
    let site = TestSite::new("sites/trust");
    site.edit("site.yaml", |t| format!("{t}report:\n  pubish: true\n"));
    let report = site.build();
    assert!(!report.published);
    let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"config/unknown-key"), "{codes:?}");
}

#[cfg(unix)]
#[test]
fn a_report_folder_that_is_a_link_is_refused_and_nothing_is_written_through_it() {
    let site = TestSite::new("sites/trust");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.root.join(".pamphlet-cache")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.root.join(PRIVATE)).unwrap();
    let result = pamphlet::pipeline::run(
        &site.options(),
        pamphlet::pipeline::Target::Folder(site.public()),
    );
    let Err(error) = result else {
        panic!("a report folder that is a link must be refused");
    };
    assert!(error.to_string().contains("not a folder"), "{error}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn the_report_folder_is_never_an_output_folder() {
    let site = TestSite::new("sites/trust");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
        .args([
            "build",
            "--root",
            &site.root.to_string_lossy(),
            "--output",
            &site.root.join(PRIVATE).to_string_lossy(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
