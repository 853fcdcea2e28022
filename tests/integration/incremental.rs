//! The live preview's incremental rebuilds: after every kind of edit, the
//! files and diagnostics kept in memory must equal a fresh full build of the
//! same files, byte for byte, and a small edit must re-render only the pages
//! that show it.

use crate::support::*;
use pamphlet::output::Memory;
use pamphlet::pipeline::{self, Build, Scope, Target};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

struct Preview {
    site: TestSite,
    build: Build,
}

impl Preview {
    /// Whether the preview currently serves `path` (relative to the output).
    fn has(&self, path: &str) -> bool {
        self.build.files().contains_key(Path::new(path))
    }

    fn new() -> Preview {
        let site = TestSite::new("sites/live-preview");
        let mut build = Build::new(site.options());
        let first = build.full().unwrap();
        assert_eq!(first.scope, Scope::Everything);
        assert!(first.report.published, "{:?}", first.report.diagnostics);
        let preview = Preview { site, build };
        preview.assert_same_as_full_build("the first build");
        preview
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn replace(&self, rel: &str, from: &str, to: &str) -> PathBuf {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no `{from}`");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Tells the build about changed paths (as the watcher does) and
    /// checks the result against a full build.
    fn update(&mut self, what: &str, paths: &[PathBuf]) -> Scope {
        let rebuild = self
            .build
            .update(paths)
            .unwrap()
            .unwrap_or_else(|| panic!("{what}: the change was ignored"));
        self.assert_same_as_full_build(what);
        rebuild.scope
    }

    fn assert_same_as_full_build(&self, what: &str) {
        let memory = Memory::default();
        let full = pipeline::run(&self.site.options(), Target::Memory(&memory)).unwrap();
        let expected = memory.into_files();
        let actual: BTreeMap<PathBuf, Vec<u8>> = self
            .build
            .files()
            .into_iter()
            .map(|(path, bytes)| (path.to_path_buf(), bytes.to_vec()))
            .collect();
        let names = |files: &BTreeMap<PathBuf, Vec<u8>>| files.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&actual),
            names(&expected),
            "{what}: not the same files"
        );
        for (path, bytes) in &expected {
            if actual[path] != *bytes {
                let (a, e) = (
                    String::from_utf8_lossy(&actual[path]),
                    String::from_utf8_lossy(bytes),
                );
                let line = a
                    .lines()
                    .zip(e.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                panic!(
                    "{what}: {} differs from a full build at line {}:\n  incremental: {:?}\n  full:        {:?}",
                    path.display(),
                    line + 1,
                    a.lines().nth(line),
                    e.lines().nth(line)
                );
            }
        }
        assert_eq!(
            self.build.diagnostics(),
            &full.diagnostics,
            "{what}: not the same diagnostics"
        );
    }
}

fn pages(scope: Scope) -> Vec<String> {
    match scope {
        Scope::Pages(urls) => urls,
        Scope::Everything => panic!("expected only some pages to be rendered again"),
    }
}

const BP: &str = "content/en/heart/high-blood-pressure.md";
const SALT: &str = "content/en/heart/salt.md";
const SUGAR: &str = "content/en/food/sugar.md";

#[test]
fn a_body_edit_re_renders_only_that_article() {
    let mut p = Preview::new();
    let changed = p.replace(BP, "force of blood", "push of blood");
    let scope = p.update("body edit", &[changed]);
    assert_eq!(pages(scope), ["/en/heart/high-blood-pressure/"]);
    let html = String::from_utf8(
        p.build.files()[Path::new("en/heart/high-blood-pressure/index.html")].to_vec(),
    )
    .unwrap();
    assert!(html.contains("push of blood"));
}

#[test]
fn body_edits_keep_their_problems_up_to_date() {
    let mut p = Preview::new();
    let has_broken_link = |p: &Preview| {
        p.build
            .diagnostics()
            .iter()
            .any(|d| d.code == "link/broken" && d.file.ends_with("high-blood-pressure.md"))
    };
    // A broken link typed into the body, then fixed: only the page again,
    // its problem reported and then gone, as a full build would say.
    let changed = p.replace(BP, "force of blood", "force of [blood](nowhere.md)");
    assert_eq!(
        pages(p.update("broken link", &[changed])),
        ["/en/heart/high-blood-pressure/"]
    );
    assert!(has_broken_link(&p));
    let changed = p.replace(BP, "[blood](nowhere.md)", "blood");
    p.update("fixed link", &[changed]);
    assert!(!has_broken_link(&p));
}

#[test]
fn a_title_edit_re_renders_the_article_its_translation_sections_tags_and_home() {
    let mut p = Preview::new();
    let changed = p.replace(
        BP,
        "title: High blood pressure",
        "title: Hypertension explained",
    );
    let scope = pages(p.update("title edit", &[changed]));
    assert_eq!(
        scope,
        [
            "/en/",
            "/en/heart/",
            "/en/heart/high-blood-pressure/",
            // Salt lists it among its related articles, by title (a link
            // in salt's text alone would not need it: it shows the address).
            "/en/heart/salt/",
            "/es/heart/presion-arterial-alta/",
            "/en/tags/blood-pressure/",
            "/en/tags/heart/",
            "/en/a-z/",
            // The people page lists the article under its reviewer.
            "/en/people/",
        ],
        "the pages that show the title, and only those"
    );
}

#[test]
fn tags_added_and_removed_match_a_full_build() {
    let mut p = Preview::new();
    // An existing tag: the tag page and the tag index (its count) change.
    let changed = p.replace(
        BP,
        "tags: [heart, blood-pressure]",
        "tags: [heart, blood-pressure, food]",
    );
    let scope = pages(p.update("existing tag added", &[changed]));
    assert!(scope.contains(&"/en/tags/food/".to_string()), "{scope:?}");
    assert!(scope.contains(&"/en/tags/".to_string()), "{scope:?}");
    // Sugar (tagged `food`) now shares a tag with it: its related
    // articles change, so it is rendered again.
    assert!(scope.contains(&"/en/food/sugar/".to_string()), "{scope:?}");
    // A new tag makes a new page: everything is rendered again.
    let changed = p.replace(BP, "food]", "food, kidneys]");
    assert_eq!(p.update("new tag", &[changed]), Scope::Everything);
    assert!(p.has("en/tags/kidneys/index.html"));
    // Removing the only article with a tag removes its page.
    let changed = p.replace(BP, ", kidneys]", "]");
    p.update("tag removed", &[changed]);
    assert!(!p.has("en/tags/kidneys/index.html"));
    // A tag's spelling shown on every article that has it.
    let changed = p.replace(SALT, "tags: [heart, food]", "tags: [Heart, food]");
    p.update("tag spelling", &[changed]);
}

#[test]
fn new_deleted_and_renamed_articles_match_a_full_build() {
    let mut p = Preview::new();
    let new = p.write(
        "content/en/heart/stroke.md",
        "---\ntitle: Stroke\nsummary: Signs of a stroke.\ndate: 2026-04-01\ntags: [heart]\n---\n\nAct fast.\n",
    );
    assert_eq!(p.update("new article", &[new]), Scope::Everything);

    // Deleting an article linked from another: its page goes, the link breaks.
    std::fs::remove_file(p.path(SALT)).unwrap();
    p.update("deleted article", &[p.path(SALT)]);
    assert!(!p.build.diagnostics().is_empty());
    assert!(!p.has("en/heart/salt/index.html"));

    // Renaming one (as an editor or `git mv` does).
    std::fs::rename(p.path(SUGAR), p.path("content/en/food/sweet-drinks.md")).unwrap();
    p.update(
        "renamed article",
        &[p.path(SUGAR), p.path("content/en/food/sweet-drinks.md")],
    );
    assert!(p.has("en/food/sweet-drinks/index.html"));

    // Renaming a whole folder reports only the folder.
    std::fs::rename(p.path("content/en/food"), p.path("content/en/eating")).unwrap();
    p.update(
        "renamed folder",
        &[p.path("content/en/food"), p.path("content/en/eating")],
    );
    assert!(p.has("en/eating/sweet-drinks/index.html"));
}

#[test]
fn broken_then_fixed_content_matches_a_full_build() {
    let mut p = Preview::new();
    let good = p.read(BP);
    let changed = p.replace(BP, "title: High blood pressure", "title: [unclosed");
    let rebuild = p
        .build
        .update(std::slice::from_ref(&changed))
        .unwrap()
        .unwrap();
    assert!(!rebuild.report.published);
    assert!(rebuild.report.diagnostics.has_errors());
    p.assert_same_as_full_build("broken front matter");
    p.write(BP, &good);
    p.update("fixed front matter", &[changed]);
    assert!(!p.build.diagnostics().has_errors());

    let changed = p.replace(SALT, "(high-blood-pressure.md)", "(no-such-page.md)");
    let rebuild = p
        .build
        .update(std::slice::from_ref(&changed))
        .unwrap()
        .unwrap();
    assert!(!rebuild.report.published);
    p.assert_same_as_full_build("broken link");
    p.replace(SALT, "(no-such-page.md)", "(high-blood-pressure.md)");
    p.update("fixed link", &[changed]);
}

#[test]
fn sections_translations_dates_and_drafts_match_a_full_build() {
    let mut p = Preview::new();
    let changed = p.replace(
        "content/en/heart/_index.md",
        "title: Heart health",
        "title: Your heart",
    );
    let scope = pages(p.update("section title (in the navigation)", &[changed]));
    assert!(
        scope.contains(&"/en/food/sugar/".to_string()),
        "navigation: {scope:?}"
    );

    let changed = p.replace(
        "content/en/heart/tests/_index.md",
        "title: Heart tests",
        "title: Tests of the heart",
    );
    let scope = pages(p.update("nested section title (breadcrumbs)", &[changed]));
    assert_eq!(
        scope,
        ["/en/heart/", "/en/heart/tests/", "/en/heart/tests/ecg/"]
    );

    let changed = p.replace(SUGAR, "date: 2026-02-15", "date: 2025-12-01");
    p.update("date (list order)", &[changed]);

    let es = "content/es/heart/high-blood-pressure.md";
    let changed = p.replace(es, "title: Presión arterial alta", "title: Hipertensión");
    let scope = pages(p.update("translation title", &[changed]));
    assert!(
        scope.contains(&"/en/heart/high-blood-pressure/".to_string()),
        "{scope:?}"
    );

    let changed = p.replace(SALT, "date: 2026-02-01", "date: 2026-02-01\ndraft: true");
    p.update("made a draft", &[changed]);
    assert!(!p.has("en/heart/salt/index.html"));

    let changed = p.replace(SALT, "draft: true", "draft: false");
    p.update("published the draft", &[changed]);
}

#[test]
fn files_templates_strings_and_settings_match_a_full_build() {
    let mut p = Preview::new();
    let changed = p.write("static/css/extra.css", ".extra { color: #a00; }\n");
    assert_eq!(
        pages(p.update("stylesheet", &[changed])),
        Vec::<String>::new()
    );

    let changed = p.write(
        "content/en/heart/images/cuff.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    // The image is the article's cover (inherited by its translation): their
    // share card, named by a hash of its content, changes with it.
    assert_eq!(
        pages(p.update("image edited", &[changed])),
        [
            "/en/heart/high-blood-pressure/",
            "/es/heart/presion-arterial-alta/"
        ]
    );

    let new = p.write("content/en/heart/images/new.svg", "<svg/>\n");
    assert_eq!(p.update("image added", &[new]), Scope::Everything);

    let template = p.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Lost?</h1>{% endblock main %}",
    );
    assert_eq!(
        p.update("template override", &[template]),
        Scope::Everything
    );

    let strings = p.write("i18n/en.yaml", "skip_to_content: Jump to the article\n");
    assert_eq!(
        p.update("UI string override", &[strings]),
        Scope::Everything
    );

    let settings = p.replace(
        "site.yaml",
        "title: Live Preview Clinic",
        "title: Renamed Clinic",
    );
    assert_eq!(p.update("site.yaml", &[settings]), Scope::Everything);
}

#[test]
fn paths_outside_the_site_and_editor_files_are_ignored() {
    let mut p = Preview::new();
    let ignored = [
        p.write("content/en/heart/.high-blood-pressure.md.swp", "x"),
        p.write("content/en/heart/high-blood-pressure.md~", "x"),
        p.write("public/index.html", "x"),
        p.write("notes.txt", "x"),
    ];
    assert!(p.build.update(&ignored).unwrap().is_none());
}

#[test]
fn a_burst_of_changes_is_one_rebuild() {
    let mut p = Preview::new();
    let a = p.replace(BP, "force of blood", "push of blood");
    let b = p.replace(SUGAR, "Water is the best drink.", "Water is best.");
    let c = p.write("static/css/extra.css", ".extra { color: #000; }\n");
    let scope = pages(p.update("three files at once", &[a, b, c]));
    assert_eq!(scope, ["/en/food/sugar/", "/en/heart/high-blood-pressure/"]);
}

#[test]
fn the_preview_shows_the_share_cards_a_build_has_cached() {
    let site = TestSite::new("sites/live-preview");
    assert!(
        site.build().published,
        "a build draws the cards into the cache"
    );
    let mut build = Build::new(site.options());
    build.full().unwrap();
    let cards: Vec<String> = build
        .files()
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.starts_with("share/") && p.ends_with(".png"))
        .collect();
    assert!(!cards.is_empty(), "cached cards are served by the preview");
    let shared: Vec<String> = build
        .share_images()
        .into_iter()
        .flatten()
        .map(|(url, _)| url)
        .collect();
    assert!(
        shared.iter().any(|url| url.contains("/share/")),
        "{shared:?}"
    );
}

#[test]
fn deferred_site_wide_outputs_catch_up_with_a_full_build() {
    let site = TestSite::new("sites/live-preview");
    let mut build = Build::new(site.options());
    build.defer_site_wide_outputs(true);
    build.full().unwrap();
    let path = site.root.join(BP);
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "title: High blood pressure",
        "title: Hypertension explained",
    );
    std::fs::write(&path, text).unwrap();
    build.update(&[path]).unwrap().expect("a rebuild");
    assert!(
        build.finish_site_wide().unwrap(),
        "the feeds were left for later"
    );
    assert!(!build.finish_site_wide().unwrap(), "and written once");
    let memory = Memory::default();
    pipeline::run(&site.options(), Target::Memory(&memory)).unwrap();
    let expected = memory.into_files();
    let actual: BTreeMap<PathBuf, Vec<u8>> = build
        .files()
        .into_iter()
        .map(|(path, bytes)| (path.to_path_buf(), bytes.to_vec()))
        .collect();
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(
            actual[path] == *bytes,
            "{} differs from a full build",
            path.display()
        );
    }
}

#[test]
fn live_updates_and_the_status_board_match_a_full_build() {
    let mut preview = Preview::new();
    // A new topic page, then its first entry, then the status board.
    let topic = preview.write(
        "content/en/updates/heat/_index.md",
        "---\ntitle: Heat wave\nsummary: Live updates.\n---\n",
    );
    preview.update("a new update topic", &[topic]);
    let entry = preview.write(
        "content/en/updates/heat/2026-06-01-0900.md",
        "---\ntime: 2026-06-01 09:00\n---\n\nCooling centres are open.\n",
    );
    assert_eq!(preview.update("a new entry", &[entry]), Scope::Everything);
    let board = preview.write(
        "data/status.yaml",
        "services:\n  - id: north\n    name: North Clinic\n    kind: clinic\n    status: open\n    updated: 2026-05-31 23:00\n",
    );
    assert_eq!(
        preview.update("a new status board", &[board]),
        Scope::Everything
    );
    assert!(
        preview
            .build
            .files()
            .keys()
            .any(|p| p.ends_with("status.json"))
    );
    // Edits to each, and an edit to the topic page's title (an incremental rebuild).
    let entry = preview.replace(
        "content/en/updates/heat/2026-06-01-0900.md",
        "are open",
        "stay open late",
    );
    preview.update("an edited entry", &[entry]);
    let board = preview.replace("data/status.yaml", "status: open", "status: closed");
    preview.update("a changed status", &[board]);
    let topic = preview.replace(
        "content/en/updates/heat/_index.md",
        "Heat wave",
        "Heat emergency",
    );
    preview.update("a renamed topic", &[topic]);
    // A broken entry, then its removal.
    let entry = preview.replace(
        "content/en/updates/heat/2026-06-01-0900.md",
        "2026-06-01 09:00",
        "soon",
    );
    preview.update("a broken entry", std::slice::from_ref(&entry));
    std::fs::remove_file(&entry).unwrap();
    preview.update("a deleted entry", &[entry]);
}

#[test]
fn a_reviewer_edit_re_renders_the_people_page_and_a_profile_starts_over() {
    let mut p = Preview::new();
    let changed = p.replace(BP, "credentials: MD", "credentials: MD, PhD");
    let scope = pages(p.update("reviewer edit", &[changed]));
    assert!(scope.contains(&"/en/people/".to_string()), "{scope:?}");
    // A profile under data/ is read with the settings: everything again.
    let profile = p.write(
        "data/people/dr-sample-reviewer.yaml",
        "name: Dr. Sample Reviewer\nrole: Heart doctor\n",
    );
    assert_eq!(p.update("new profile", &[profile]), Scope::Everything);
    let changed = p.replace(
        BP,
        "  - name: Dr. Sample Reviewer",
        "  - id: dr-sample-reviewer",
    );
    p.update("entry names the profile", &[changed]);
}

#[test]
fn an_old_address_added_or_removed_in_the_preview_matches_a_full_build() {
    let mut p = Preview::new();
    let changed = p.replace(SALT, "\n---\n", "\nredirect_from: [en/old-salt/]\n---\n");
    p.update("redirect added", &[changed]);
    assert!(p.has("en/old-salt/index.html") && p.has("_redirects"));
    let changed = p.replace(SALT, "redirect_from: [en/old-salt/]\n", "");
    p.update("redirect removed", &[changed]);
    assert!(!p.has("en/old-salt/index.html") && !p.has("_redirects"));
}

/// A PNG of `width` × `height` pixels.
fn png(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn a_changed_photo_in_the_text_is_resized_again_and_its_page_re_rendered() {
    let mut p = Preview::new();
    let photo = p.path("content/en/heart/images/shaker.png");
    std::fs::write(&photo, png(600, 300)).unwrap();
    let text = p.read(SALT) + "\n![A salt shaker](images/shaker.png)\n";
    let page = p.write(SALT, &text);
    assert_eq!(
        p.update("photo added", &[photo.clone(), page]),
        Scope::Everything
    );
    assert!(p.has("en/heart/images/shaker-480w.webp"));
    assert!(p.has("en/heart/images/shaker-600w.png"));
    // Narrower now: the pages are rendered again, with the new width and
    // height; the new copies are made and the 600-pixel ones are gone.
    std::fs::write(&photo, png(500, 500)).unwrap();
    assert_eq!(p.update("photo changed", &[photo]), Scope::Everything);
    assert!(p.has("en/heart/images/shaker-500w.png"));
    assert!(!p.has("en/heart/images/shaker-600w.png"));
    let html =
        String::from_utf8(p.build.files()[Path::new("en/heart/salt/index.html")].to_vec()).unwrap();
    assert!(html.contains("width=\"500\" height=\"500\""), "{html}");
}
