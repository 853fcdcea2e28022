//! The site folder is a boundary: links and written paths that try to
//! reach files outside it (a secret beside the site, `/etc/passwd`) are
//! errors at their place, nothing is read from them, and nothing from
//! them reaches any output, including the live preview's memory.

use crate::support::*;
use pamphlet::output::Memory;
use pamphlet::pipeline::{self, BuildReport, Target};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

/// Text that stands for a secret: it must never appear in any output.
const SECRET: &str = "PAMPHLET-SECRET-7f3a9c";

/// A site with a secret folder beside it (outside the site).
struct Victim {
    site: TestSite,
    outside: PathBuf,
}

impl Victim {
    fn new() -> Victim {
        let site = TestSite::new("sites/minimal");
        let outside = site.root.parent().unwrap().join("private");
        std::fs::create_dir_all(outside.join("folder")).unwrap();
        for name in ["secret.txt", "folder/secret.txt", "secret.md"] {
            std::fs::write(outside.join(name), secret_article()).unwrap();
        }
        std::fs::write(outside.join("secret.yaml"), format!("key: {SECRET}\n")).unwrap();
        std::fs::write(outside.join("secret.html"), format!("<p>{SECRET}</p>")).unwrap();
        std::fs::write(outside.join("secret.png"), tiny_png()).unwrap();
        Victim { site, outside }
    }

    fn link(&self, rel: &str, target: &str) {
        let at = self.site.root.join(rel);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        symlink(self.outside.join(target), at).unwrap();
    }

    fn write(&self, rel: &str, text: &str) {
        let at = self.site.root.join(rel);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, text).unwrap();
    }

    /// Builds into memory (the live preview renders even with errors) and
    /// into `public/`; checks the secret is in neither and nothing was
    /// published; returns the report of the folder build.
    fn build_refused(&self) -> BuildReport {
        let memory = Memory::default();
        let preview = pipeline::run(&self.site.options(), Target::Memory(&memory));
        for (path, bytes) in memory.into_files() {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SECRET),
                "the preview's {} holds the secret",
                path.display()
            );
            assert_ne!(
                bytes,
                tiny_png(),
                "the preview's {} is the secret image",
                path.display()
            );
        }
        drop(preview);
        let report = self.site.build();
        assert!(!report.published, "{:?}", report.diagnostics);
        assert!(!self.site.public().exists(), "nothing is written");
        report
    }
}

fn secret_article() -> String {
    format!("---\ntitle: {SECRET}\nsummary: {SECRET}\ndate: 2026-01-10\n---\n\n{SECRET}\n")
}

/// A valid 1×1 PNG.
fn tiny_png() -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbaImage::from_pixel(1, 1, image::Rgba([255, 0, 0, 255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

/// The `path/outside-site` errors of a report: (file, line).
fn outside(report: &BuildReport) -> Vec<(String, usize)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == "path/outside-site")
        .map(|d| (d.file.to_string_lossy().into_owned(), d.position.line))
        .collect()
}

#[test]
fn links_out_of_every_input_folder_are_errors_and_never_read() {
    let cases: &[(&str, &str, &str)] = &[
        ("static/leak.txt", "secret.txt", "static/leak.txt"),
        ("static/linked", "folder", "static/linked"),
        ("content/en/leak.md", "secret.md", "content/en/leak.md"),
        (
            "content/en/images/leak.png",
            "secret.png",
            "content/en/images/leak.png",
        ),
        ("content/en/sub", "folder", "content/en/sub"),
        ("templates/page.html", "secret.html", "templates/page.html"),
        ("i18n/en.yaml", "secret.yaml", "i18n/en.yaml"),
        ("data/status.yaml", "secret.yaml", "data/status.yaml"),
        (
            "data/people/ana.yaml",
            "secret.yaml",
            "data/people/ana.yaml",
        ),
        ("fonts/leak.ttf", "secret.txt", "fonts/leak.ttf"),
    ];
    for (at, target, reported) in cases {
        let victim = Victim::new();
        victim.link(at, target);
        let report = victim.build_refused();
        assert_eq!(
            outside(&report),
            [(reported.to_string(), 1)],
            "{at}: {:?}",
            report.diagnostics
        );
    }
}

#[test]
fn a_language_folder_or_theme_that_is_a_link_out_is_refused() {
    let victim = Victim::new();
    std::fs::create_dir_all(victim.outside.join("es")).unwrap();
    std::fs::write(victim.outside.join("es/x.md"), secret_article()).unwrap();
    victim
        .site
        .edit("site.yaml", |t| t + "languages:\n  en: {}\n  es: {}\n");
    victim.link("content/es", "es");
    let report = victim.build_refused();
    assert_eq!(outside(&report), [("content/es".to_string(), 1)]);

    let victim = Victim::new();
    std::fs::create_dir_all(victim.outside.join("theme/templates")).unwrap();
    std::fs::write(victim.outside.join("theme/templates/page.html"), SECRET).unwrap();
    victim.site.edit("site.yaml", |t| t + "theme: mine\n");
    victim.link("themes/mine", "theme");
    let report = pipeline::run(&victim.site.options(), Target::Nowhere);
    // The theme folder itself is outside: it is neither read nor used.
    let report = report.expect_err("a theme that is not in the site cannot be used");
    assert!(report.to_string().contains("themes/mine"), "{report}");
}

#[test]
fn a_site_yaml_that_is_a_link_out_is_refused() {
    let victim = Victim::new();
    let settings = std::fs::read_to_string(victim.site.root.join("site.yaml")).unwrap();
    std::fs::write(victim.outside.join("site.yaml"), settings).unwrap();
    std::fs::remove_file(victim.site.root.join("site.yaml")).unwrap();
    victim.link("site.yaml", "site.yaml");
    let report = victim.build_refused();
    assert_eq!(outside(&report), [("site.yaml".to_string(), 1)]);
}

#[test]
fn front_matter_image_paths_that_climb_out_are_errors_at_their_line() {
    for image in [
        "/../../private/secret.png",
        "/../../../../../../etc/passwd",
        "../../../private/secret.png",
        "images/../../../../private/secret.png",
    ] {
        let victim = Victim::new();
        victim.write(
            "content/en/cover.md",
            &format!(
                "---\ntitle: Cover\nsummary: A page.\ndate: 2026-01-10\nimage: \"{image}\"\nimage_alt: A picture\n---\n\nText.\n"
            ),
        );
        let report = victim.build_refused();
        assert_eq!(
            outside(&report),
            [("content/en/cover.md".to_string(), 5)],
            "{image}: {:?}",
            report.diagnostics
        );
    }
}

#[test]
fn site_yaml_paths_that_leave_the_site_are_errors_at_their_line() {
    let victim = Victim::new();
    let outside_abs = victim.outside.join("secret.png");
    let cases = [
        format!(
            "social:\n  share_images:\n    logo: {}\n",
            outside_abs.display()
        ),
        "social:\n  share_images:\n    logo: ../private/secret.png\n".to_string(),
        "social:\n  share_images:\n    cache: ../private\n".to_string(),
        "social:\n  share_images:\n    cache: /tmp\n".to_string(),
    ];
    for case in cases {
        let victim = Victim::new();
        victim.site.edit("site.yaml", |t| t + &case);
        let report = victim.build_refused();
        assert_eq!(
            outside(&report),
            [("site.yaml".to_string(), 5)],
            "{case}: {:?}",
            report.diagnostics
        );
    }
    // A logo inside the site but reached through a link that leaves it.
    let victim = Victim::new();
    victim.link("static/logo.png", "secret.png");
    victim.site.edit("site.yaml", |t| {
        t + "social:\n  share_images:\n    logo: static/logo.png\n"
    });
    let report = victim.build_refused();
    assert!(
        outside(&report).contains(&("site.yaml".to_string(), 5)),
        "{:?}",
        report.diagnostics
    );

    let victim = Victim::new();
    victim
        .site
        .edit("site.yaml", |t| t + "theme: ../../private\n");
    let report = victim.build_refused();
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code == "config/invalid-value" && d.position.line == 3),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn an_svg_cover_cannot_draw_a_file_from_outside_the_site() {
    let outside_abs = |v: &Victim| v.outside.join("secret.png").display().to_string();
    let hrefs = |v: &Victim| {
        [
            "../../../../private/secret.png".to_string(),
            outside_abs(v),
            format!("file://{}", outside_abs(v)),
        ]
    };
    let probe = Victim::new();
    for href in hrefs(&probe) {
        let victim = Victim::new();
        victim.write(
            "content/en/images/cover.svg",
            &format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"100\" height=\"50\">\
                 <image width=\"100\" height=\"50\" xlink:href=\"{href}\"/></svg>"
            ),
        );
        victim.write(
            "content/en/cover.md",
            "---\ntitle: Cover\nsummary: A page.\ndate: 2026-01-10\nimage: images/cover.svg\nimage_alt: A picture\n---\n\nText.\n",
        );
        // `check` draws no card and still finds it.
        let checked = pipeline::run(&victim.site.options(), Target::Nowhere).unwrap();
        assert_eq!(
            outside(&checked),
            [("content/en/cover.md".to_string(), 1)],
            "{href}: {:?}",
            checked.diagnostics
        );
        victim.build_refused();
    }
}

#[test]
fn a_link_planted_in_the_card_cache_is_never_published() {
    let site = TestSite::new("sites/minimal");
    let first = site.build();
    assert!(first.published, "{:?}", first.diagnostics);
    let cache = site.root.join(".pamphlet-cache/share");
    let card = std::fs::read_dir(&cache)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".png"))
        .expect("a cached card")
        .path();
    let secret = site.root.parent().unwrap().join("secret.png");
    std::fs::write(&secret, SECRET).unwrap();
    std::fs::remove_file(&card).unwrap();
    symlink(&secret, &card).unwrap();
    let second = site.build();
    assert!(second.published, "{:?}", second.diagnostics);
    // Every entry, links included (a walk for files would pass links by).
    let mut cards = 0;
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        assert!(
            !entry.path_is_symlink(),
            "{} is a link",
            entry.path().display()
        );
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SECRET),
                "{}",
                entry.path().display()
            );
            cards += usize::from(entry.path().starts_with(site.public().join("share")));
        }
    }
    assert!(cards > 0, "the card was drawn again and published");
}

#[test]
fn links_that_stay_inside_the_site_still_work() {
    let site = TestSite::new("sites/minimal");
    std::fs::create_dir_all(site.root.join("shared")).unwrap();
    std::fs::write(site.root.join("shared/leaflet.txt"), "inside").unwrap();
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    symlink(
        site.root.join("shared/leaflet.txt"),
        site.root.join("static/leaflet.txt"),
    )
    .unwrap();
    symlink(site.root.join("shared"), site.root.join("static/shared")).unwrap();
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert_eq!(site.read("leaflet.txt"), "inside");
    assert_eq!(site.read("shared/leaflet.txt"), "inside");
    assert!(Path::new(&site.public()).join("leaflet.txt").is_file());
}
