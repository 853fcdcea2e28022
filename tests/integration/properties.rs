//! Property tests: slugs, URLs and citation numbering hold for any input.

use pamphlet::discover::{Discovered, SourceKind, SourcePage};
use pamphlet::site::urls::{Urls, slugify};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn urls(base: &str, at_root: bool) -> Urls {
    let yaml = format!(
        "title: T\nbase_url: {base}\ndefault_language_at_root: {at_root}\nlanguages: {{ en: {{}}, es: {{}} }}\n"
    );
    Urls::new(
        &pamphlet::config::from_text(Path::new("/s"), &yaml)
            .config
            .unwrap(),
    )
}

proptest! {
    #[test]
    fn slugs_are_clean_and_stable(text in "\\PC{0,40}") {
        let slug = slugify(&text);
        prop_assert_eq!(slugify(&slug), slug.clone(), "idempotent");
        prop_assert!(slug.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'));
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
    }

    #[test]
    fn page_urls_stay_inside_the_site(
        segments in proptest::collection::vec("\\PC{0,12}", 0..4),
        base in prop_oneof![Just("https://e.org"), Just("https://e.org/health/"), Just("http://e.org/a/b")],
        at_root in any::<bool>(),
        lang in prop_oneof![Just("en"), Just("es")],
    ) {
        let u = urls(base, at_root);
        let slugs: Vec<String> = segments.iter().map(|s| slugify(s)).filter(|s| !s.is_empty()).collect();
        let url = u.page(lang, &slugs);
        let prefix = format!("{}/", u.base_path());
        prop_assert!(url.starts_with(&prefix));
        prop_assert!(url.ends_with('/'));
        prop_assert!(!url.contains("//"));
        let path = u.output_path(&url);
        prop_assert!(path.ends_with("index.html"));
        prop_assert!(path.components().all(|c| matches!(c, std::path::Component::Normal(_))));
        prop_assert!(u.permalink(&url).starts_with("http"));
    }

    #[test]
    fn citations_are_numbered_by_first_use(uses in proptest::collection::vec(0usize..6, 1..30)) {
        let mut front = String::from("---\ntitle: T\nsummary: S\ndate: 2026-01-01\ncitations:\n");
        for i in 0..6 {
            front.push_str(&format!("  - id: s{i}\n    title: Source {i}\n"));
        }
        front.push_str("---\n\n");
        let body: Vec<String> = uses.iter().map(|i| format!("Fact [@s{i}].")).collect();
        let text = format!("{front}{}\n", body.join(" "));
        let html = render_one(&text);
        // Expected: each source gets the next number the first time it is cited.
        let mut order: Vec<usize> = Vec::new();
        let mut expected = Vec::new();
        for &i in &uses {
            let n = match order.iter().position(|&o| o == i) {
                Some(p) => p + 1,
                None => { order.push(i); order.len() }
            };
            expected.push(n);
        }
        let found: Vec<usize> = html
            .match_indices("<a href=\"#ref-")
            .map(|(at, m)| html[at + m.len()..].split('"').next().unwrap().parse().unwrap())
            .collect();
        prop_assert_eq!(found, expected);
    }
}

/// Renders one article's body in memory (no files).
fn render_one(text: &str) -> String {
    let config =
        pamphlet::config::from_text(Path::new("/s"), "title: T\nbase_url: https://e.org\n")
            .config
            .unwrap();
    let source = SourcePage {
        path: PathBuf::from("content/en/a.md"),
        language: "en".into(),
        rel: PathBuf::from("a.md"),
        kind: SourceKind::Article,
    };
    let (parsed, _) = pamphlet::parse::parse_text(&source, text.to_string());
    let (site, _) = pamphlet::site::assemble(
        config,
        vec![parsed.unwrap()],
        &Discovered::default(),
        &Default::default(),
        &Default::default(),
        false,
    );
    let id = site.page_for_source(Path::new("content/en/a.md")).unwrap();
    let strings = pamphlet::i18n::StringTable::new();
    pamphlet::markdown::render(&site, site.page(id), &strings)
        .unwrap()
        .html
}
