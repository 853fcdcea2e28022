//! Every language's sections alike: the same menu order whatever the
//! titles are in each language, and a warning that names the file to add
//! when a language has no title of its own for a section.

use crate::support::*;

fn write(site: &TestSite, path: &str, text: &str) {
    let full = site.root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

/// English titles sort Food before Heart; the Spanish ones ("Corazón",
/// "Nutrición") the other way round, and no section has a `weight`. Sleep
/// has no `_index.md` in Spanish.
fn site() -> TestSite {
    let site = TestSite::new("sites/bilingual");
    let article =
        |title: &str| format!("---\ntitle: {title}\nsummary: S.\ndate: 2026-01-10\n---\n\nText.\n");
    let section = |title: &str| format!("---\ntitle: {title}\n---\n");
    write(&site, "content/en/heart/_index.md", &section("Heart"));
    write(
        &site,
        "content/en/food/_index.md",
        &section("Food and drink"),
    );
    write(&site, "content/en/food/fruit.md", &article("Fruit"));
    write(&site, "content/en/sleep/_index.md", &section("Sleep"));
    write(&site, "content/en/sleep/naps.md", &article("Naps"));
    write(&site, "content/es/heart/_index.md", &section("Corazón"));
    write(&site, "content/es/food/_index.md", &section("Nutrición"));
    write(&site, "content/es/food/fruit.md", &article("Fruta"));
    write(&site, "content/es/sleep/naps.md", &article("Siestas"));
    site
}

fn menu(site: &TestSite, home: &str) -> Vec<String> {
    select_attr(&site.html(home), ".site-nav a", "href")
}

#[test]
fn menus_list_sections_in_the_default_language_order() {
    let site = site();
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let en = menu(&site, "en/index.html");
    let es = menu(&site, "es/index.html");
    let sections = |links: &[String]| -> Vec<String> {
        links
            .iter()
            .filter(|l| !l.ends_with("/a-z/"))
            .cloned()
            .collect()
    };
    assert_eq!(sections(&en), ["/en/food/", "/en/heart/", "/en/sleep/"]);
    assert_eq!(sections(&es), ["/es/food/", "/es/heart/", "/es/sleep/"]);
}

#[test]
fn a_section_without_a_title_in_a_language_is_named_with_the_file_to_add() {
    let site = site();
    let report = site.build();
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "translation/section-title")
        .map(|d| format!("{} | {}", d.file.display(), d.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            "content/en/sleep/_index.md | add `content/es/sleep/_index.md` with `title:` and `summary:` in that language"
        ]
    );
    // Once the file is there, the warning is gone.
    write(
        &site,
        "content/es/sleep/_index.md",
        "---\ntitle: Sueño\n---\n",
    );
    let report = site.build();
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.code == "translation/section-title")
    );
    assert_eq!(
        select_text(&site.html("es/sleep/index.html"), "h1"),
        ["Sueño"]
    );
}
