//! The boundary against links and paths that try to leave the site.

use super::*;
use std::os::unix::fs::symlink;

fn site() -> (tempfile::TempDir, Boundary) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("static/sub")).unwrap();
    std::fs::write(root.join("static/ok.txt"), "ok").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
    std::fs::create_dir_all(dir.path().join("private")).unwrap();
    std::fs::write(dir.path().join("private/key"), "SECRET").unwrap();
    let boundary = Boundary::new(&root);
    (dir, boundary)
}

#[test]
fn written_paths_that_climb_out_are_refused() {
    let (_dir, b) = site();
    assert!(b.resolve(Path::new("static"), Path::new("ok.txt")).is_ok());
    assert!(
        b.resolve(Path::new("static/sub"), Path::new("../ok.txt"))
            .is_ok()
    );
    for bad in [
        "../../secret.txt",
        "../../../etc/passwd",
        "/etc/passwd",
        "sub/../../../secret.txt",
    ] {
        assert!(
            matches!(
                b.resolve(Path::new("static"), Path::new(bad)),
                Err(Refused::Outside(_))
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        b.resolve(Path::new("static"), Path::new("nothing.txt")),
        Err(Refused::Missing)
    ));
}

#[test]
fn links_out_of_the_site_are_refused_and_reported() {
    let (dir, b) = site();
    let root = b.root().to_path_buf();
    symlink(
        dir.path().join("secret.txt"),
        root.join("static/file-link.txt"),
    )
    .unwrap();
    symlink(dir.path().join("private"), root.join("static/dir-link")).unwrap();
    symlink("../ok.txt", root.join("static/sub/inside-link.txt")).unwrap();
    symlink("/nonexistent/x", root.join("static/dangling")).unwrap();
    assert!(matches!(
        b.resolve(Path::new("static"), Path::new("file-link.txt")),
        Err(Refused::Outside(_))
    ));
    assert!(b.read(Path::new("static/dir-link/key")).is_err());
    assert!(b.read(Path::new("static/sub/inside-link.txt")).is_ok());

    let mut found = Diagnostics::new();
    let files = b.walk(Path::new("static"), |_| false, &mut found);
    let names: Vec<_> = files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ok.txt", "sub/inside-link.txt"]);
    let outside: Vec<_> = found
        .iter()
        .filter(|d| d.code == codes::PATH_OUTSIDE_SITE)
        .map(|d| d.file.to_string_lossy().into_owned())
        .collect();
    assert_eq!(outside, ["static/dir-link", "static/file-link.txt"]);
    assert!(
        found.iter().any(|d| d.code == codes::CONTENT_UNREADABLE),
        "the dangling link is reported as unreadable: {found:?}"
    );
}

#[test]
fn a_walked_folder_that_is_itself_a_link_out_is_refused() {
    let (dir, b) = site();
    let root = b.root().to_path_buf();
    symlink(dir.path().join("private"), root.join("data")).unwrap();
    let mut found = Diagnostics::new();
    assert!(b.walk(Path::new("data"), |_| false, &mut found).is_empty());
    assert_eq!(found.error_count(), 1, "{found:?}");
    assert!(b.leaves(Path::new("data")).is_some());
    assert!(b.leaves(Path::new("static/ok.txt")).is_none());
    assert!(b.leaves(Path::new("missing.yaml")).is_none());
}

#[test]
fn the_site_may_be_reached_through_a_link() {
    let (dir, b) = site();
    let alias = dir.path().join("alias");
    symlink(b.root(), &alias).unwrap();
    let through = Boundary::new(&alias);
    assert!(through.read(Path::new("static/ok.txt")).is_ok());
    let mut found = Diagnostics::new();
    assert_eq!(
        through
            .walk(Path::new("static"), |_| false, &mut found)
            .len(),
        1
    );
    assert!(found.is_empty(), "{found:?}");
}

proptest::proptest! {
    /// Whatever mix of names, `.` and `..` a path is written with, what
    /// `normalize` returns never climbs and never starts at the top.
    #[test]
    fn normalized_paths_stay_below_their_start(parts in proptest::collection::vec(
        proptest::prop_oneof![
            proptest::strategy::Just("..".to_string()),
            proptest::strategy::Just(".".to_string()),
            "[a-z]{1,3}",
        ], 0..8)) {
        let path: PathBuf = parts.iter().collect();
        let mut depth: i32 = 0;
        let mut climbs = false;
        for p in &parts {
            match p.as_str() {
                ".." => { depth -= 1; if depth < 0 { climbs = true; } }
                "." => {}
                _ => depth += 1,
            }
        }
        match normalize(&path) {
            Some(out) => {
                proptest::prop_assert!(!climbs);
                proptest::prop_assert!(out.components().all(|c| matches!(c, std::path::Component::Normal(_))));
            }
            None => proptest::prop_assert!(climbs),
        }
    }
}
