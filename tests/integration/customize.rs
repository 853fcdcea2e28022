//! `pamphlet i18n add` writes every interface text of the theme to
//! translate; `pamphlet theme copy` copies a template byte for byte.

use crate::support::{TestSite, run_pamphlet};
use std::collections::BTreeSet;
use std::process::Output;

fn run(args: &[&str]) -> Output {
    run_pamphlet(args)
}

fn english_keys() -> BTreeSet<String> {
    let theme = pamphlet::theme::embedded_default();
    let (strings, _) = pamphlet::i18n::Strings::load(&theme, &["en".to_string()], "en");
    strings.table("en").keys().cloned().collect()
}

fn keys_of(text: &str) -> BTreeSet<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    value
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

fn missing_string_warnings(site: &TestSite) -> Vec<String> {
    site.build()
        .diagnostics
        .iter()
        .filter(|d| d.code == "theme/missing-string")
        .map(|d| format!("{}:{} {}", d.file.display(), d.position.line, d.message))
        .collect()
}

#[test]
fn a_new_language_gets_every_theme_text_to_translate_in_one_command() {
    let site = TestSite::new("sites/minimal");
    site.edit("site.yaml", |t| {
        format!("{t}languages:\n  en: {{ name: English }}\n  so: {{ name: Soomaali }}\n")
    });
    let count = english_keys().len();
    // Before: one short warning, on the line of site.yaml that lists `so`.
    assert_eq!(
        missing_string_warnings(&site),
        [format!(
            "site.yaml:5 {count} interface texts have no `so` translation; pages show them in `en` (or English)"
        )]
    );

    let root = site.root.to_string_lossy().into_owned();
    let out = run(&["i18n", "add", "so", "--root", &root]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = site.root.join("i18n/so.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(keys_of(&text), english_keys(), "every text of the theme");
    // Each text in English, with a note above it saying where it shows.
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with('#') && line.contains(": ") {
            assert!(lines[i - 1].starts_with("# "), "no note above {line}");
        }
    }
    assert!(
        text.contains("reviewed_by: \"Medically reviewed by\""),
        "{text}"
    );
    assert!(
        text.contains("templates/partials/review.html") || text.contains("partials/review.html")
    );
    assert!(
        !text.contains("issue"),
        "no internal notes leak into the file"
    );
    // It loads without a warning.
    assert_eq!(missing_string_warnings(&site), Vec::<String>::new());

    // Run again: nothing is missing, nothing changes.
    let out = run(&["i18n", "add", "so", "--root", &root]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_partial_translation_keeps_its_lines_and_gets_only_what_it_lacks() {
    let site = TestSite::new("sites/minimal");
    std::fs::create_dir_all(site.root.join("i18n")).unwrap();
    let mine = "# Our Pashto texts\nhome: کور";
    std::fs::write(site.root.join("i18n/ps.yaml"), mine).unwrap();
    let root = site.root.to_string_lossy().into_owned();
    let out = run(&["i18n", "add", "ps", "--root", &root]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(site.root.join("i18n/ps.yaml")).unwrap();
    assert!(text.starts_with(&format!("{mine}\n")), "{text}");
    assert_eq!(keys_of(&text), english_keys(), "no key twice, none missing");
    assert_eq!(text.matches("\nhome:").count(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in site.yaml yet"));
}

#[test]
fn a_language_the_theme_translates_gets_no_file_and_a_wrong_code_is_refused() {
    let site = TestSite::new("sites/minimal");
    let root = site.root.to_string_lossy().into_owned();
    let out = run(&["i18n", "add", "es", "--root", &root]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!site.root.join("i18n/es.yaml").exists());
    for bad in ["so_SO", "../x", "not a code"] {
        let out = run(&["i18n", "add", bad, "--root", &root]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
    assert!(!site.root.join("i18n").exists());
}

#[test]
fn theme_copy_writes_the_embedded_template_byte_for_byte_and_never_overwrites() {
    let site = TestSite::new("sites/minimal");
    let root = site.root.to_string_lossy().into_owned();
    for (name, bytes) in pamphlet::theme::DEFAULT_FILES
        .iter()
        .filter_map(|(p, b)| Some((p.strip_prefix("templates/")?, *b)))
    {
        let out = run(&["theme", "copy", name, "--root", &root]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let copy = site.root.join("templates").join(name);
        assert_eq!(std::fs::read(&copy).unwrap(), bytes, "{name}");
    }
    // The site's copy is the one used, and a second copy is refused.
    site.edit("templates/partials/review.html", |t| {
        format!("<p class=\"ours\"></p>{t}")
    });
    let out = run(&["theme", "copy", "partials/review.html", "--root", &root]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        std::fs::read_to_string(site.root.join("templates/partials/review.html"))
            .unwrap()
            .starts_with("<p class=\"ours\">")
    );
    assert!(site.build().published);
    assert!(site.read("en/hello/index.html").contains("class=\"ours\""));

    let out = run(&["theme", "copy", "artcle.html", "--root", &root]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`article.html`"));
}
