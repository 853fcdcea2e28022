//! `build --output` never replaces a folder Pamphlet did not make, nor the
//! site's own files, however the path is spelled; a failed swap keeps the
//! previous output; a lock left by a dead build never blocks the next one.
//! Every refusal is checked with the checksums of what it must not touch.

use crate::support::*;
use pamphlet::Target;
use pamphlet::publish::{MARKER, swap};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every entry under `dir` (path → what it is and holds): files by their
/// BLAKE3 hash, links by their target, folders by their presence.
fn checksums(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let kind = entry.file_type();
            let what = if kind.is_symlink() {
                format!(
                    "link {}",
                    std::fs::read_link(entry.path()).unwrap().display()
                )
            } else if kind.is_file() {
                blake3::hash(&std::fs::read(entry.path()).unwrap())
                    .to_hex()
                    .to_string()
            } else {
                "folder".to_string()
            };
            let rel = entry.path().strip_prefix(dir).unwrap();
            (rel.to_string_lossy().into_owned(), what)
        })
        .collect()
}

/// The minimal site with every input folder present and holding a file,
/// plus a private folder beside it, like a home folder full of dotfiles.
fn site() -> TestSite {
    let site = TestSite::new("sites/minimal");
    for dir in [
        "static",
        "data/people",
        "templates",
        "themes/mine",
        "i18n",
        "fonts",
    ] {
        std::fs::create_dir_all(site.root.join(dir)).unwrap();
        std::fs::write(site.root.join(dir).join("keep.txt"), dir).unwrap();
    }
    std::fs::create_dir_all(site.root.join(".pamphlet-cache/share")).unwrap();
    std::fs::write(site.root.join(".pamphlet-cache/share/card.png"), "png").unwrap();
    let home = outside(&site).join("home");
    std::fs::create_dir_all(home.join(".ssh")).unwrap();
    std::fs::write(home.join(".ssh/id_ed25519"), "secret key").unwrap();
    std::fs::write(home.join(".bashrc"), "alias ll='ls -l'").unwrap();
    std::fs::create_dir_all(home.join("Documents")).unwrap();
    std::fs::write(home.join("Documents/thesis.docx"), "years of work").unwrap();
    site
}

/// The temporary folder holding the site.
fn outside(site: &TestSite) -> PathBuf {
    site.root.parent().unwrap().to_path_buf()
}

#[cfg(unix)]
fn symlink(to: &Path, at: &Path) {
    std::os::unix::fs::symlink(to, at).unwrap();
}

/// Builds into `target` with the library; the error, if refused.
fn build_into(site: &TestSite, target: &Path) -> Result<pamphlet::BuildReport, String> {
    pamphlet::pipeline::run(&site.options(), Target::Folder(target.to_path_buf()))
        .map_err(|e| e.to_string())
}

/// Names Pamphlet uses for its lock, staging and old folders, anywhere
/// under `dir` (a refused build must leave none).
fn build_traces(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains(".pamphlet-lock")
                || n.contains(".pamphlet-staging")
                || n.contains(".pamphlet-old")
        })
        .collect()
}

/// Asserts that building into `target` is refused with a message holding
/// `because`, and that nothing under the whole temporary folder changed.
fn assert_refused(site: &TestSite, target: &Path, because: &str) {
    let everything = outside(site);
    let before = checksums(&everything);
    let error = build_into(site, target).expect_err(&format!("{} was accepted", target.display()));
    assert!(error.contains("refusing to write the site into"), "{error}");
    assert!(
        error.contains(&format!("`{}`", target.display())),
        "names the folder: {error}"
    );
    assert!(error.contains(because), "{target:?}: {error}");
    assert_eq!(checksums(&everything), before, "{target:?} touched files");
    assert!(
        build_traces(&everything).is_empty(),
        "{target:?} left {:?}",
        build_traces(&everything)
    );
}

#[test]
fn folders_pamphlet_did_not_make_are_refused_untouched() {
    let site = site();
    let home = outside(&site).join("home");
    let how = "delete the folder yourself";
    assert_refused(&site, &home, how);
    assert_refused(&site, &home.join("Documents"), how);
    // A folder holding only a dotfile, and an old `public/` with no marker.
    std::fs::create_dir_all(site.root.join("notes")).unwrap();
    std::fs::write(site.root.join("notes/.DS_Store"), "").unwrap();
    assert_refused(&site, &site.root.join("notes"), how);
    std::fs::create_dir_all(site.public()).unwrap();
    std::fs::write(
        site.public().join("index.html"),
        "built by an older Pamphlet",
    )
    .unwrap();
    assert_refused(&site, &site.public(), "older than this check");
    // A marker that is a link (or a folder) is not a marker.
    std::fs::create_dir_all(home.join("Documents/.pamphlet-output")).unwrap();
    assert_refused(&site, &home.join("Documents"), how);
    // A file is not a folder, nor a link to one.
    assert_refused(&site, &home.join(".bashrc"), "is a file, not a folder");
    symlink(&home.join(".bashrc"), &outside(&site).join("rc-link"));
    assert_refused(
        &site,
        &outside(&site).join("rc-link"),
        "is a file, not a folder",
    );
}

#[test]
fn the_site_and_its_inputs_are_refused_however_they_are_spelled_even_marked() {
    let site = site();
    let root = site.root.clone();
    for input in [
        "content",
        "static",
        "data",
        "templates",
        "themes",
        "i18n",
        "fonts",
        ".pamphlet-cache",
    ] {
        // Marked as if a build had gone there: still refused.
        std::fs::write(root.join(input).join(MARKER), "").unwrap();
        assert_refused(
            &site,
            &root.join(input),
            &format!("it is the site's `{input}`"),
        );
    }
    let cases: Vec<(PathBuf, &str)> = vec![
        (root.clone(), "it is the site folder itself"),
        (root.join("../site"), "it is the site folder itself"),
        (root.join("content/.."), "it is the site folder itself"),
        (
            root.join("content/en/../../."),
            "it is the site folder itself",
        ),
        (root.join("site.yaml"), "it is the site's `site.yaml`"),
        (outside(&site), "it holds the site folder"),
        (PathBuf::from("/"), "top of the file system"),
        (root.join("data/people"), "it is inside the site's `data`"),
        (
            root.join("content/new/deeper"),
            "it is inside the site's `content`",
        ),
        (
            root.join(".pamphlet-cache/share"),
            "inside the site's `.pamphlet-cache`",
        ),
        (
            root.join("public/../fonts/x/.."),
            "it is the site's `fonts`",
        ),
    ];
    for (target, because) in &cases {
        assert_refused(&site, target, because);
    }
    // Links: to the site, to an input, through a linked parent, a chain.
    let links = outside(&site);
    symlink(&root, &links.join("to-site"));
    symlink(&root.join("content"), &links.join("to-content"));
    symlink(&links.join("to-site"), &links.join("chain"));
    symlink(Path::new("site/fonts"), &links.join("relative-fonts"));
    assert_refused(
        &site,
        &links.join("to-site"),
        "it is the site folder itself",
    );
    assert_refused(
        &site,
        &links.join("to-content"),
        "it is the site's `content`",
    );
    assert_refused(
        &site,
        &links.join("to-content/en/out"),
        "inside the site's `content`",
    );
    assert_refused(&site, &links.join("chain/data"), "it is the site's `data`");
    assert_refused(
        &site,
        &links.join("relative-fonts"),
        "it is the site's `fonts`",
    );
    symlink(&root, &root.join("public"));
    assert_refused(&site, &site.public(), "it is the site folder itself");
}

#[test]
fn a_configured_cache_is_an_input_and_may_not_be_held_by_the_output() {
    let site = site();
    site.edit("site.yaml", |t| {
        format!("{t}\nsocial:\n  share_images: {{ cache: build-cache/cards }}\n")
    });
    std::fs::create_dir_all(site.root.join("build-cache/cards")).unwrap();
    std::fs::write(site.root.join("build-cache/cards/a.png"), "png").unwrap();
    assert_refused(
        &site,
        &site.root.join("build-cache/cards"),
        "share-image cache",
    );
    assert_refused(
        &site,
        &site.root.join("build-cache"),
        "holds the site's share-image cache",
    );
}

#[test]
fn missing_empty_and_marked_folders_are_built_into() {
    let site = site();
    // Missing, several levels deep.
    let deep = outside(&site).join("out/a/b/public");
    let report = build_into(&site, &deep).unwrap();
    assert!(report.published);
    assert!(deep.join("en/hello/index.html").is_file());
    assert!(deep.join(MARKER).is_file(), "every output is marked");
    // Empty.
    let empty = outside(&site).join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    assert!(build_into(&site, &empty).unwrap().published);
    // Marked (the one just built), with a file left in it: replaced.
    std::fs::write(empty.join("stale.html"), "old").unwrap();
    assert!(build_into(&site, &empty).unwrap().published);
    assert!(
        !empty.join("stale.html").exists(),
        "a marked folder is replaced"
    );
    assert!(empty.join("en/hello/index.html").is_file());
    assert!(
        build_traces(&outside(&site)).is_empty(),
        "{:?}",
        build_traces(&outside(&site))
    );
}

#[test]
fn a_linked_output_folder_is_replaced_where_it_leads_and_stays_a_link() {
    let site = site();
    let real = outside(&site).join("www");
    std::fs::create_dir_all(&real).unwrap();
    symlink(&real, &site.public());
    assert!(site.build().published);
    assert!(
        std::fs::symlink_metadata(site.public())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real.join("en/hello/index.html").is_file());
    assert!(site.build().published, "and again, now that it is marked");
    assert!(real.join(MARKER).is_file());
}

#[test]
fn a_failed_swap_leaves_the_previous_output_exactly_and_no_copies() {
    let site = site();
    assert!(site.build().published);
    std::fs::write(
        site.public().join("en/hello/index.html"),
        "the published page",
    )
    .unwrap();
    let resolved = pamphlet::publish::resolve(&site.public()).unwrap();
    for step in [swap::Step::MoveOldAside, swap::Step::MoveNewIn] {
        let before = checksums(&site.public());
        swap::fail_next(&resolved, step);
        let error = build_into(&site, &site.public()).expect_err("the swap fails");
        assert!(
            error.contains("could not read or write"),
            "{step:?}: {error}"
        );
        assert_eq!(
            checksums(&site.public()),
            before,
            "{step:?} changed the output"
        );
        assert!(
            build_traces(&outside(&site)).is_empty(),
            "{step:?}: {:?}",
            build_traces(&outside(&site))
        );
    }
    assert!(site.build().published, "the next build works");
}

fn pamphlet_build(site: &TestSite, extra: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
        .args([
            "build",
            "--root",
            &site.root.to_string_lossy(),
            "--today",
            "2026-06-01",
        ])
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_binary_exits_with_2_and_touches_nothing_when_it_refuses() {
    let site = site();
    let home = outside(&site).join("home");
    let everything = outside(&site);
    let before = checksums(&everything);
    let data = site.root.join("data").to_string_lossy().into_owned();
    let up = format!("{}/../site", site.root.display());
    for target in [home.to_string_lossy().into_owned(), data, up] {
        let out = pamphlet_build(&site, &["--output", &target]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{target}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "error: refusing to write the site into `{target}`"
            )),
            "{stderr}"
        );
        assert_eq!(checksums(&everything), before, "{target}");
        assert!(build_traces(&everything).is_empty());
    }
    // An old public/ without a marker, refused the same way by default.
    std::fs::create_dir_all(site.public()).unwrap();
    std::fs::write(site.public().join("index.html"), "old").unwrap();
    let out = pamphlet_build(&site, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(site.read("index.html"), "old");
}

#[test]
fn a_lock_left_by_a_dead_build_never_blocks_whatever_it_holds() {
    let site = site();
    let lock = site.root.join(".public.pamphlet-lock");
    let garbage: [&[u8]; 5] = [
        b"",
        b"\x00\xff garbage",
        b"18446744073709551616",
        b"1",
        b"0\n",
    ];
    for content in garbage {
        std::fs::write(&lock, content).unwrap();
        let out = pamphlet_build(&site, &["--quiet"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{:?}: {}",
            content,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!lock.exists(), "the lock is gone after the build");
    }
}

#[test]
fn init_and_new_never_overwrite_a_file_nor_write_through_a_link() {
    let site = site();
    let home = outside(&site).join("home");
    let before = checksums(&outside(&site));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
            .args(args)
            .output()
            .unwrap()
    };
    // `init` into a folder with files, a file, the site itself.
    for dir in [&home, &home.join(".bashrc"), &site.root] {
        let out = run(&["init", &dir.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(2), "{dir:?}");
    }
    assert_eq!(checksums(&outside(&site)), before, "init changed files");
    // `new` onto an existing article, and onto a link that points nowhere yet.
    let existing = site.root.join("content/en/hello.md");
    let root = site.root.to_string_lossy().into_owned();
    std::fs::write(&existing, "mine").unwrap();
    let planted = outside(&site).join("planted.md");
    symlink(&planted, &site.root.join("content/en/trap.md"));
    let before_new = checksums(&outside(&site));
    for path in ["content/en/hello.md", "content/en/trap.md"] {
        let out = run(&["new", path, "--root", &root]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{path}: {stderr}");
        assert!(
            stderr.contains("already exists; it was not changed"),
            "{stderr}"
        );
    }
    assert!(
        !planted.exists(),
        "nothing was written where the link leads"
    );
    assert_eq!(checksums(&outside(&site)), before_new);
}
