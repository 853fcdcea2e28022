//! Hostile sizes and shapes: each input either builds or fails with a clear
//! diagnostic, never hangs or crashes, and a failure leaves `public/` as it was.

use crate::support::*;
use std::sync::mpsc;
use std::time::Duration;

/// Builds in a thread and gives up (failing the test) if the build hangs.
fn build_within(site: &TestSite, limit: Duration) -> pamphlet::BuildReport {
    let options = site.options();
    let public = site.public();
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = send.send(pamphlet::pipeline::run(
                &options,
                pamphlet::Target::Folder(public),
            ));
        })
        .unwrap();
    receive
        .recv_timeout(limit)
        .expect("the build did not finish: it hangs or crashed")
        .expect("no fatal error")
}

fn article(body: &str) -> String {
    format!("---\ntitle: Big\nsummary: A big page.\ndate: 2026-01-10\n---\n\n{body}")
}

fn site_with(name: &str, text: &str) -> TestSite {
    let site = TestSite::new("sites/minimal");
    std::fs::write(site.root.join("content/en").join(name), text).unwrap();
    site
}

const LIMIT: Duration = Duration::from_secs(120);

#[test]
fn a_20_mb_article_builds() {
    let paragraph = "Wash your hands with soap and water for twenty seconds. ".repeat(20);
    let body = format!("{paragraph}\n\n").repeat(20 * 1024 * 1024 / (paragraph.len() + 2));
    let site = site_with("huge.md", &article(&body));
    let report = build_within(&site, LIMIT);
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(
        std::fs::metadata(site.public().join("en/huge/index.html"))
            .unwrap()
            .len()
            > 20_000_000
    );
}

#[test]
fn deeply_nested_lists_and_quotes_build() {
    let quotes = format!("{} deep\n", ">".repeat(10_000));
    let mut lists = String::new();
    for depth in 0..10_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- item\n");
    }
    let site = site_with("nested.md", &article(&format!("{quotes}\n{lists}")));
    let report = build_within(&site, LIMIT);
    assert!(report.published, "{:?}", report.diagnostics);
}

#[test]
fn a_100000_row_table_builds() {
    let mut table = String::from("| Age | Dose |\n|---|---|\n");
    for i in 0..100_000 {
        table.push_str(&format!("| {i} | {} mg |\n", i % 500));
    }
    let site = site_with("table.md", &article(&table));
    let report = build_within(&site, LIMIT);
    assert!(report.published, "{:?}", report.diagnostics);
}

#[test]
fn an_article_with_5000_citations_builds() {
    let mut front =
        String::from("---\ntitle: Sources\nsummary: Many sources.\ndate: 2026-01-10\ncitations:\n");
    let mut body = String::new();
    for i in 0..5000 {
        front.push_str(&format!(
            "  - id: s{i}\n    title: Source {i}\n    year: 2020\n"
        ));
        body.push_str(&format!("Fact {i} [@s{i}]. "));
    }
    front.push_str("---\n\n");
    let site = site_with("sources.md", &format!("{front}{body}\n"));
    let report = build_within(&site, LIMIT);
    assert!(report.published, "{:?}", report.diagnostics);
    let html = site.read("en/sources/index.html");
    assert!(html.contains("id=\"ref-5000\""));
}

#[test]
fn a_yaml_alias_bomb_is_refused_with_a_diagnostic() {
    let mut yaml = String::from(
        "---\ntitle: Bomb\nsummary: x\ndate: 2026-01-10\nextra:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!("  a{i}: &a{i} [{}]\n", vec![prev; 9].join(", ")));
    }
    yaml.push_str("---\n\nBody.\n");
    let site = site_with("bomb.md", &yaml);
    std::fs::create_dir_all(site.public()).unwrap();
    std::fs::write(site.public().join("index.html"), "previous").unwrap();
    // What an earlier build published carries its marker.
    std::fs::write(site.public().join(pamphlet::publish::MARKER), "").unwrap();
    let report = build_within(&site, LIMIT);
    assert!(!report.published);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.file.ends_with("bomb.md"))
        .expect("a diagnostic for the bomb");
    assert_eq!(d.code, "frontmatter/syntax");
    assert_eq!(site.read("index.html"), "previous");
}

#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_dangling_links_do_not_hang() {
    let site = TestSite::new("sites/minimal");
    let en = site.root.join("content/en");
    std::os::unix::fs::symlink(&en, en.join("loop")).unwrap();
    std::os::unix::fs::symlink(en.join("missing.md"), en.join("dangling.md")).unwrap();
    let fifo = en.join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let report = build_within(&site, LIMIT);
    let codes: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.file.to_string_lossy().into_owned()))
        .collect();
    assert!(
        codes.contains(&("content/unreadable", "content/en/loop".to_string())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("content/unreadable", "content/en/dangling.md".to_string())),
        "{codes:?}"
    );
    if made {
        assert!(
            !codes.iter().any(|(_, f)| f.contains("pipe")),
            "a FIFO is not read: {codes:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new("sites/minimal");
    let parent = site.root.join("locked");
    std::fs::create_dir_all(&parent).unwrap();
    let target = parent.join("public");
    // A file where the staging folder's parent should be makes the write fail even for root.
    std::fs::write(parent.join("blocker"), "").unwrap();
    let blocked = parent.join("blocker").join("public");
    let error =
        pamphlet::pipeline::run(&site.options(), pamphlet::Target::Folder(blocked)).unwrap_err();
    assert!(
        error.to_string().contains("could not read or write"),
        "{error}"
    );
    // A read-only folder: a user that cannot write into it gets the clear
    // error; one that can anyway (root) gets a published build.
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = parent.join("probe");
    let writable = std::fs::write(&probe, "").is_ok();
    let _ = std::fs::remove_file(&probe);
    let result = pamphlet::pipeline::run(&site.options(), pamphlet::Target::Folder(target.clone()));
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
    if writable {
        let report = result.expect("a folder this user can write into must build");
        assert!(report.published, "{:?}", report.diagnostics);
        assert!(target.join("index.html").is_file());
    } else {
        let error = result.expect_err("a read-only folder must be an error");
        assert!(
            error.to_string().contains("could not read or write"),
            "{error}"
        );
        assert!(!target.exists(), "nothing is published into it");
    }
}

/// A build killed while it writes leaves the previous output as it was, and
/// the next build clears what the killed one left behind.
#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let site = TestSite::new("sites/minimal");
    for i in 0..400 {
        let body = "Wash your hands often. ".repeat(200);
        std::fs::write(
            site.root.join(format!("content/en/page-{i}.md")),
            article(&body),
        )
        .unwrap();
    }
    std::fs::create_dir_all(site.public()).unwrap();
    std::fs::write(site.public().join("index.html"), "previous build").unwrap();
    // What an earlier build published carries its marker.
    std::fs::write(site.public().join(pamphlet::publish::MARKER), "").unwrap();

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
        .args([
            "build",
            "--root",
            &site.root.to_string_lossy(),
            "--today",
            "2026-06-01",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as it has started writing (its staging folder exists).
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let staging_exists = || {
        std::fs::read_dir(&site.root).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .contains("pamphlet-staging")
        })
    };
    while !staging_exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the build never started writing"
        );
        if child.try_wait().unwrap().is_some() {
            panic!("the build finished before it could be interrupted; make the site larger");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        site.read("index.html"),
        "previous build",
        "the killed build touched public/"
    );

    // The next build takes over the stale lock and cleans up.
    let report = build_within(&site, LIMIT);
    assert!(report.published, "{:?}", report.diagnostics);
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains("pamphlet-staging")
                || n.contains("pamphlet-old")
                || n.contains("pamphlet-lock")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(site.read("index.html") != "previous build");
}
