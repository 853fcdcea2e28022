//! The staging folder, the swap, the lock and the leftovers of killed builds.

use super::swap::{self, Step};
use super::*;

/// A folder for a fake site (`site/`, with `content/`) and its output.
struct Place {
    dir: tempfile::TempDir,
    inputs: SiteInputs,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site/content")).unwrap();
        let inputs =
            SiteInputs::new(&dir.path().join("site"), Path::new(".pamphlet-cache/share")).unwrap();
        Place { dir, inputs }
    }
    fn path(&self, rel: &str) -> PathBuf {
        resolve(&self.dir.path().join(rel)).unwrap()
    }
    fn names(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(rel))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
    /// A published output at `site/public` holding `old.html`.
    fn published(&self) -> PathBuf {
        let target = self.path("site/public");
        let staging = Staging::new(&self.inputs, &target).unwrap();
        staging.write(Path::new("old.html"), b"old").unwrap();
        staging.commit().unwrap();
        target
    }
}

#[test]
fn commit_swaps_marks_and_drop_discards() {
    let place = Place::new();
    let target = place.published();
    assert_eq!(place.names("site/public"), [MARKER, "old.html"]);
    assert_eq!(
        std::fs::read_to_string(target.join(MARKER)).unwrap(),
        MARKER_TEXT
    );

    let failed = Staging::new(&place.inputs, &target).unwrap();
    failed.write(Path::new("a/index.html"), b"new").unwrap();
    drop(failed);
    assert!(
        target.join("old.html").exists(),
        "a dropped build leaves the old output"
    );

    let staging = Staging::new(&place.inputs, &target).unwrap();
    staging.write(Path::new("a/index.html"), b"new").unwrap();
    staging.commit().unwrap();
    assert_eq!(place.names("site/public"), [MARKER, "a"]);
    assert_eq!(
        place.names("site"),
        ["content", "public"],
        "no lock, staging or old folder left"
    );
}

#[test]
fn a_failed_move_at_either_step_keeps_the_old_output_and_leaves_nothing() {
    for step in [Step::MoveOldAside, Step::MoveNewIn] {
        let place = Place::new();
        let target = place.published();
        let staging = Staging::new(&place.inputs, &target).unwrap();
        staging.write(Path::new("new.html"), b"new").unwrap();
        swap::fail_next(&target, step);
        let error = staging.commit().expect_err("the move fails").to_string();
        assert!(error.contains("a test asked for it"), "{error}");
        assert_eq!(place.names("site/public"), [MARKER, "old.html"], "{step:?}");
        assert_eq!(
            std::fs::read_to_string(target.join("old.html")).unwrap(),
            "old"
        );
        assert_eq!(
            place.names("site"),
            ["content", "public"],
            "{step:?}: leftovers"
        );
    }
}

#[test]
fn a_second_build_into_the_same_folder_is_refused() {
    let place = Place::new();
    let target = place.path("site/public");
    let first = Staging::new(&place.inputs, &target).unwrap();
    let message = Staging::new(&place.inputs, &target)
        .err()
        .expect("refused")
        .to_string();
    assert!(message.contains("another Pamphlet build"), "{message}");
    assert!(
        message.contains(&format!("process {}", std::process::id())),
        "{message}"
    );
    drop(first);
    assert!(
        Staging::new(&place.inputs, &target).is_ok(),
        "the lock is released"
    );
}

#[test]
fn a_lock_file_nobody_holds_never_blocks_whatever_it_says() {
    // Empty, garbage, huge, negative, this very process, the init process
    // (alive, unrelated: what pid reuse looks like), binary noise.
    let this = std::process::id().to_string();
    let contents: [&[u8]; 8] = [
        b"",
        b"not a pid",
        b"99999999999999999999999999",
        b"-1",
        this.as_bytes(),
        b"1",
        b"\xff\x00\xfe\n\n",
        &[b'7'; 100_000],
    ];
    for content in contents {
        let place = Place::new();
        std::fs::write(place.path("site/.public.pamphlet-lock"), content).unwrap();
        let staging = Staging::new(&place.inputs, &place.path("site/public"));
        assert!(staging.is_ok(), "{:?}", String::from_utf8_lossy(content));
        staging.unwrap().commit().unwrap();
        assert_eq!(place.names("site"), ["content", "public"]);
    }
}

#[test]
fn a_link_where_the_lock_goes_is_removed_not_followed() {
    let place = Place::new();
    let victim = place.path("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    symlink(&victim, &place.path("site/.public.pamphlet-lock"));
    Staging::new(&place.inputs, &place.path("site/public"))
        .unwrap()
        .commit()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(place.names("site"), ["content", "public"]);
}

#[test]
fn leftovers_of_a_killed_build_go_but_folders_it_did_not_make_stay() {
    let place = Place::new();
    let dead = 4_194_399u32;
    let staging = place.path(&format!("site/.public.pamphlet-staging-{dead}"));
    std::fs::create_dir_all(staging.join("en")).unwrap();
    std::fs::write(staging.join(MARKER), MARKER_TEXT).unwrap();
    // Named like a leftover, but not Pamphlet's: kept.
    let unrelated = place.path("site/.public.pamphlet-staging-12");
    std::fs::create_dir_all(&unrelated).unwrap();
    std::fs::write(unrelated.join("notes.txt"), "mine").unwrap();
    let build = Staging::new(&place.inputs, &place.path("site/public")).unwrap();
    assert!(!staging.exists());
    assert!(unrelated.join("notes.txt").exists());
    drop(build);
}

#[test]
fn an_output_moved_aside_by_a_killed_build_is_put_back() {
    let place = Place::new();
    let target = place.published();
    let dead = 4_194_399u32;
    let old = place.path(&format!("site/.public.pamphlet-old-{dead}"));
    std::fs::rename(&target, &old).unwrap();
    let build = Staging::new(&place.inputs, &target).unwrap();
    assert!(
        target.join("old.html").exists(),
        "the previous output is back"
    );
    assert!(!old.exists());
    drop(build);
    assert_eq!(place.names("site/public"), [MARKER, "old.html"]);
}

#[test]
fn a_folder_changed_during_the_build_is_not_replaced() {
    let place = Place::new();
    let target = place.path("site/public");
    let staging = Staging::new(&place.inputs, &target).unwrap();
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("thesis.docx"), "years of work").unwrap();
    let message = staging.commit().expect_err("refused").to_string();
    assert!(message.contains("changed during the build"), "{message}");
    assert_eq!(place.names("site/public"), ["thesis.docx"]);
    assert_eq!(place.names("site"), ["content", "public"]);
}

#[cfg(unix)]
fn symlink(to: &Path, at: &Path) {
    std::os::unix::fs::symlink(to, at).unwrap();
}

#[cfg(windows)]
fn symlink(to: &Path, at: &Path) {
    std::os::windows::fs::symlink_file(to, at).unwrap();
}
