//! Multilingual sites: translation groups, hreflang reciprocity, the
//! language switcher, right-to-left pages, inherited fields, UI strings and
//! the translation coverage report (tests/fixtures/sites/translations: en,
//! es, ar; one article lacks its Arabic translation, one has only English).

use crate::support::*;
use std::collections::BTreeSet;

fn alternates(page: &scraper::Html) -> Vec<(String, String)> {
    let langs = select_attr(page, "link[rel=alternate][hreflang]", "hreflang");
    let hrefs = select_attr(page, "link[rel=alternate][hreflang]", "href");
    langs.into_iter().zip(hrefs).collect()
}

fn built() -> TestSite {
    let site = TestSite::new("sites/translations");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    site
}

const BP: [&str; 3] = [
    "en/heart/high-blood-pressure/index.html",
    "es/heart/presion-arterial-alta/index.html",
    "ar/heart/high-blood-pressure/index.html",
];
const SALT: [&str; 2] = ["en/heart/salt/index.html", "es/heart/salt/index.html"];

#[test]
fn hreflang_alternates_are_reciprocal_across_three_languages() {
    let site = built();
    let url = |p: &str| {
        format!(
            "https://health.example.org/{}",
            p.trim_end_matches("index.html")
        )
    };
    let group = |pages: &[&str], langs: &[&str]| -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = langs
            .iter()
            .zip(pages)
            .map(|(l, p)| (l.to_string(), url(p)))
            .collect();
        out.push(("x-default".to_string(), url(pages[0])));
        out
    };
    let bp = group(&BP, &["en", "es", "ar"]);
    for page in BP {
        assert_eq!(alternates(&site.html(page)), bp, "{page}");
    }
    // Salt has no Arabic translation: neither English nor Spanish names one.
    let salt = group(&SALT, &["en", "es"]);
    for page in SALT {
        assert_eq!(alternates(&site.html(page)), salt, "{page}");
    }
    assert!(!site.exists("ar/heart/salt/index.html"));
    // An article in one language only has no alternates and no switcher.
    let fruit = site.html("en/food/fruit/index.html");
    assert!(alternates(&fruit).is_empty());
    assert!(select_text(&fruit, ".language-switcher").is_empty());
    // Home pages are translations of each other too; for them `x-default`
    // is the language chooser at the root.
    let home = alternates(&site.html("es/index.html"));
    assert_eq!(home.len(), 4);
    assert_eq!(
        home[3],
        (
            "x-default".to_string(),
            "https://health.example.org/".to_string()
        )
    );
}

#[test]
fn the_switcher_lists_only_existing_translations_in_their_own_language() {
    let site = built();
    let es_salt = site.html("es/heart/salt/index.html");
    assert_eq!(select_text(&es_salt, ".language-switcher a"), ["English"]);
    let es_bp = site.html(BP[1]);
    assert_eq!(
        select_text(&es_bp, ".language-switcher a"),
        ["English", "العربية"]
    );
    assert_eq!(
        select_attr(&es_bp, ".language-switcher a", "lang"),
        ["en", "ar"]
    );
    assert_eq!(
        select_attr(&es_bp, ".language-switcher a", "hreflang"),
        ["en", "ar"]
    );
    assert_eq!(
        select_attr(&es_bp, ".language-switcher a", "dir"),
        ["ltr", "rtl"]
    );
    assert_eq!(
        select_attr(&es_bp, ".language-switcher [aria-current]", "lang"),
        ["es"]
    );
    // Every switcher link of every page leads to a page that exists.
    let mut checked = 0;
    for file in site.output_files().iter().filter(|f| f.ends_with(".html")) {
        for href in select_attr(&site.html(file), ".language-switcher a", "href") {
            let target = format!("{}index.html", href.trim_start_matches('/'));
            assert!(site.exists(&target), "{file} links to {href}");
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn right_to_left_pages_are_marked_and_isolate_latin_words() {
    let site = built();
    for page in ["ar/index.html", BP[2], "ar/tags/heart/index.html"] {
        let html = site.html(page);
        assert_eq!(select_attr(&html, "html", "dir"), ["rtl"], "{page}");
        assert_eq!(select_attr(&html, "html", "lang"), ["ar"], "{page}");
    }
    for page in [BP[0], BP[1]] {
        assert_eq!(select_attr(&site.html(page), "html", "dir"), ["ltr"]);
    }
    let ar = site.html(BP[2]);
    assert_eq!(select_text(&ar, ".content bdi"), ["Ibuprofen 400 mg"]);
    assert_eq!(
        select_text(&ar, ".reviewer bdi"),
        ["Ana Ruiz, MD, FACC", "Cardiologist"]
    );
    assert!(
        select_text(&site.html(BP[0]), ".content bdi").is_empty(),
        "only in rtl pages"
    );
}

#[test]
fn translations_inherit_metadata_so_they_stay_in_tag_lists() {
    let site = built();
    // Neither translation writes tags: both are listed under the source's.
    assert_eq!(
        select_text(&site.html("es/tags/heart/index.html"), ".page-list-title"),
        ["Comer menos sal", "Presión arterial alta"]
    );
    assert_eq!(
        select_text(
            &site.html("ar/tags/blood-pressure/index.html"),
            ".page-list-title"
        ),
        ["ارتفاع ضغط الدم"]
    );
    let ar = site.html(BP[2]);
    // Date, reviewers, audience and image come from the English source; the
    // untranslated alt text says which language it is in.
    assert_eq!(
        select_attr(&ar, ".meta time", "datetime"),
        ["2026-01-10", "2026-03-10"]
    );
    assert_eq!(select_text(&ar, ".reviewer strong"), ["Ana Ruiz, MD, FACC"]);
    assert!(select_text(&ar, ".meta")[0].contains("المرضى"));
    assert_eq!(
        select_attr(&ar, ".cover img", "src"),
        ["/en/heart/images/cuff.svg"]
    );
    assert_eq!(select_attr(&ar, ".cover img", "lang"), ["en"]);
    // What a translation writes is its own.
    let es = site.html(BP[1]);
    assert_eq!(
        select_attr(&es, ".article-header .meta time", "datetime"),
        ["2026-01-12"]
    );
}

#[test]
fn ui_strings_and_dates_follow_the_page_language_with_site_overrides() {
    let site = built();
    assert_eq!(
        select_text(&site.html(BP[1]), ".skip-link"),
        ["Ir al contenido"],
        "site i18n/es.yaml"
    );
    assert_eq!(
        select_text(&site.html(BP[2]), ".skip-link"),
        ["انتقل إلى المحتوى الرئيسي"]
    );
    assert_eq!(
        select_text(&site.html(BP[0]), ".skip-link"),
        ["Skip to main content"]
    );
    assert_eq!(
        select_text(&site.html(BP[1]), ".article-header .meta time"),
        ["12 de enero de 2026"]
    );
    let ar_date = &select_text(&site.html(BP[2]), ".article-header .meta time")[0];
    assert!(ar_date.contains("يناير"), "{ar_date}");
    assert_eq!(
        select_text(&site.html(BP[0]), ".article-header .meta time"),
        ["January 10, 2026", "March 2, 2026"]
    );
}

#[test]
fn an_outdated_translation_links_to_its_source() {
    let site = built();
    let es = site.html(BP[1]);
    assert_eq!(
        select_attr(&es, ".translation-notice a", "href"),
        ["/en/heart/high-blood-pressure/"]
    );
    assert_eq!(select_attr(&es, ".translation-notice a", "lang"), ["en"]);
    for up_to_date in [BP[0], BP[2], SALT[1]] {
        assert!(select_text(&site.html(up_to_date), ".translation-notice").is_empty());
    }
    // The editorial report says so too, and only for that translation.
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.root.join(".pamphlet-cache/report/report.json")).unwrap(),
    )
    .unwrap();
    let outdated: Vec<&str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["translation_outdated"] == true)
        .map(|a| a["file"].as_str().unwrap())
        .collect();
    assert_eq!(outdated, ["content/es/heart/presion-arterial-alta.md"]);
}

#[test]
fn coverage_report_matches_the_golden_file() {
    let site = built();
    let report = site.build();
    let expected =
        std::fs::read_to_string(fixtures().join("sites/translations/expected-coverage.txt"))
            .unwrap();
    assert_eq!(report.coverage.to_text(), expected);
    let es = &report.coverage.languages[1];
    assert_eq!(
        (
            es.articles,
            es.translated,
            es.translated_percent,
            es.outdated
        ),
        (3, 2, 66, 1)
    );
}

#[test]
fn check_prints_coverage_last_and_adds_it_to_json() {
    let site = TestSite::new("sites/translations");
    let run = |format: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
            .args([
                "check",
                "--today",
                "2026-06-01",
                "--format",
                format,
                "--root",
            ])
            .arg(&site.root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let human = run("human");
    assert_eq!(human.status.code(), Some(0));
    let stderr = String::from_utf8(human.stderr).unwrap();
    let expected =
        std::fs::read_to_string(fixtures().join("sites/translations/expected-coverage.txt"))
            .unwrap();
    assert_eq!(stderr, format!("{expected}\n0 errors, 0 warnings.\n"));

    let json = run("json");
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["version"], 1, "the documented fields stay");
    assert_eq!(doc["summary"]["errors"], 0);
    let coverage = &doc["coverage"];
    assert_eq!(coverage["default_language"], "en");
    let languages: Vec<_> = coverage["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["language"].as_str().unwrap().to_string(),
                l["translated_percent"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        languages,
        [
            ("en".to_string(), 100),
            ("es".to_string(), 66),
            ("ar".to_string(), 33)
        ]
    );
    let outdated = &coverage["articles"][1]["outdated"][0];
    assert_eq!(
        outdated["file"],
        "content/es/heart/presion-arterial-alta.md"
    );
    assert_eq!(outdated["translated"], "2026-01-12");
    assert_eq!(outdated["source_changed"], "2026-03-02");
    let keys: BTreeSet<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from(["coverage", "diagnostics", "summary", "version"])
    );
}

#[test]
fn a_missing_ui_string_falls_back_and_is_reported() {
    let site = TestSite::new("invalid/theme-missing-string");
    let report = site.build();
    assert!(report.published, "a warning does not stop the build");
    let warning = report.diagnostics.iter().next().unwrap();
    assert_eq!(warning.code, "theme/missing-string");
    // One short line: the count (every text but the one translated), the
    // language, and the command that writes them out to translate.
    let all = pamphlet::i18n::Strings::load(
        &pamphlet::theme::embedded_default(),
        &["en".to_string()],
        "en",
    )
    .0
    .table("en")
    .len();
    assert_eq!(
        warning.message,
        format!(
            "{} interface texts have no `pt-BR` translation; pages show them in English",
            all - 1
        )
    );
    assert_eq!(warning.file, std::path::Path::new("i18n/pt-BR.yaml"));
    assert!(
        warning
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("`pamphlet i18n add pt-BR`")),
        "{:?}",
        warning.hint
    );
    let page = site.html("pt-BR/a/index.html");
    assert_eq!(select_text(&page, ".skip-link"), ["Pular para o conteúdo"]);
    assert!(select_text(&page, ".disclaimer")[0].starts_with("This information"));
}

#[test]
fn explain_lists_what_translations_inherit() {
    let run = |code: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pamphlet"))
            .args(["check", "--explain", code])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{code}");
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("translation/inherited");
    for (field, _) in pamphlet::site::inherit::INHERITED {
        assert!(text.contains(&format!("  {field} ")), "{field}: {text}");
    }
    assert!(text.contains("Never inherited"), "{text}");
    let all = run("all");
    for code in [
        "translation/inherited",
        "accessibility/image-alt",
        "accessibility/heading-order",
        "accessibility/second-main-heading",
        "accessibility/link-text",
        "accessibility/table-header",
        "theme/missing-string",
    ] {
        assert!(all.contains(code), "{code}");
    }
}
