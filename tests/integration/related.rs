//! Related articles (issue 22) as published: ordered by shared tags and
//! section then the newest first, at most `related.count` of them (3
//! unless set), of the page's language only, never the page itself, a
//! draft or a `search: false` page; the same in two builds; off with
//! `count: 0`; and kept right by the live preview when tags change.

use crate::support::*;
use pamphlet::output::Memory;
use pamphlet::pipeline::{self, Build, Scope, Target};
use std::path::Path;

fn built() -> TestSite {
    let site = TestSite::new("sites/contents");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    site
}

fn related(site: &TestSite, page: &str) -> Vec<String> {
    select_attr(&site.html(page), "nav.related a", "href")
}

#[test]
fn related_articles_are_ordered_by_what_they_share() {
    let site = built();
    // inhalers shares both tags and the section (5), bronchitis and COPD
    // one tag and the section (3, the newer first); palpitations (2,
    // another section) and coughs (1) come after the first three.
    assert_eq!(
        related(&site, "en/lungs/asthma/index.html"),
        [
            "/en/lungs/inhalers/",
            "/en/lungs/bronchitis/",
            "/en/lungs/copd/"
        ]
    );
    let page = site.html("en/lungs/asthma/index.html");
    assert_eq!(select_text(&page, "nav.related h2"), ["Related articles"]);
    assert_eq!(
        select_attr(&page, "nav.related", "aria-labelledby"),
        select_attr(&page, "nav.related > h2", "id")
    );
    assert_eq!(
        select_text(&page, "nav.related a"),
        ["Using an inhaler", "Bronchitis", "COPD"]
    );
    // Short summaries are shown; bronchitis's long one is not.
    assert_eq!(
        select_text(&page, "nav.related .related-summary"),
        [
            "How to use your inhaler the right way.",
            "A long-term lung disease that makes breathing hard."
        ]
    );
    // After the text and the notice, before the share bar and the tags.
    let html = site.read("en/lungs/asthma/index.html");
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("<div class=\"content\">") < at("<nav class=\"related\""));
    assert!(at("<nav class=\"related\"") < at("<footer class=\"article-footer\""));
}

#[test]
fn never_the_page_itself_a_draft_a_hidden_page_or_another_language() {
    let site = TestSite::new("sites/contents");
    site.edit("site.yaml", |t| format!("{t}related:\n  count: 10\n"));
    assert!(site.build().published);
    let asthma = related(&site, "en/lungs/asthma/index.html");
    assert_eq!(
        asthma,
        [
            "/en/lungs/inhalers/",
            "/en/lungs/bronchitis/",
            "/en/lungs/copd/",
            "/en/heart/palpitations/",
            "/en/lungs/coughs/"
        ]
    );
    for page in [
        "en/lungs/asthma",
        "en/lungs/copd",
        "en/lungs/coughs",
        "en/heart/palpitations",
    ] {
        let links = related(&site, &format!("{page}/index.html"));
        assert!(
            !links.iter().any(|l| l == &format!("/{page}/")),
            "{page} lists itself"
        );
        assert!(
            !links.iter().any(|l| l.contains("asthma-notice")),
            "{page}: search: false"
        );
        assert!(
            links.iter().all(|l| l.starts_with("/en/")),
            "{page}: {links:?}"
        );
    }
    assert!(!site.exists("en/lungs/asthma-draft/index.html"));
    // The Arabic article lists the Arabic article it shares a tag with.
    assert_eq!(
        related(&site, "ar/lungs/asthma/index.html"),
        ["/ar/lungs/copd/"]
    );
    let page = site.html("ar/lungs/asthma/index.html");
    assert_eq!(select_text(&page, "nav.related h2"), ["مقالات ذات صلة"]);
    // Section pages and the like end with none.
    assert!(related(&site, "en/lungs/index.html").is_empty());
}

#[test]
fn drafts_built_with_drafts_are_still_never_offered() {
    let site = TestSite::new("sites/contents");
    let mut options = site.options();
    options.drafts = true;
    assert!(site.build_with(&options).published);
    assert!(site.exists("en/lungs/asthma-draft/index.html"));
    let asthma = related(&site, "en/lungs/asthma/index.html");
    assert!(
        !asthma.iter().any(|l| l.contains("asthma-draft")),
        "{asthma:?}"
    );
}

#[test]
fn two_builds_give_the_same_lists() {
    let first = built();
    let second = built();
    for page in [
        "en/lungs/asthma",
        "en/lungs/copd",
        "en/lungs/coughs",
        "ar/lungs/asthma",
    ] {
        let path = format!("{page}/index.html");
        assert_eq!(first.read(&path), second.read(&path), "{page}");
    }
}

#[test]
fn count_sets_the_length_and_zero_turns_them_off() {
    let site = TestSite::new("sites/contents");
    site.edit("site.yaml", |t| format!("{t}related:\n  count: 1\n"));
    assert!(site.build().published);
    assert_eq!(
        related(&site, "en/lungs/asthma/index.html"),
        ["/en/lungs/inhalers/"]
    );
    site.edit("site.yaml", |t| t.replace("count: 1", "count: 0"));
    assert!(site.build().published);
    for page in ["en/lungs/asthma", "en/lungs/copd", "ar/lungs/asthma"] {
        let html = site.read(&format!("{page}/index.html"));
        assert!(!html.contains("nav class=\"related\""), "{page}");
    }
}

#[test]
fn the_live_preview_keeps_related_lists_right_when_tags_and_titles_change() {
    let site = TestSite::new("sites/contents");
    let mut build = Build::new(site.options());
    build.full().unwrap();
    let shown = |build: &Build, page: &str| -> String {
        let files = build.files();
        let bytes = files
            .get(Path::new(&format!("{page}/index.html")))
            .unwrap_or_else(|| panic!("no {page}"));
        String::from_utf8(bytes.to_vec()).unwrap()
    };
    let same_as_full_build = |build: &Build, what: &str| {
        let memory = Memory::default();
        pipeline::run(&site.options(), Target::Memory(&memory)).unwrap();
        let expected = memory.into_files();
        let files = build.files();
        assert_eq!(files.len(), expected.len(), "{what}");
        for (path, bytes) in &expected {
            assert_eq!(
                files.get(path.as_path()).map(|b| b.to_vec()).as_ref(),
                Some(bytes),
                "{what}: {}",
                path.display()
            );
        }
    };
    // Palpitations gains the `asthma` tag: it now shares two tags with
    // asthma (4 points) and enters its list, pushing COPD out. Asthma's
    // own file did not change: only its related list did.
    site.edit("content/en/heart/palpitations.md", |t| {
        t.replace("tags: [lungs]", "tags: [asthma, lungs]")
    });
    let rebuild = build
        .update(&[site.root.join("content/en/heart/palpitations.md")])
        .unwrap()
        .expect("the change is seen");
    let Scope::Pages(pages) = rebuild.scope else {
        panic!("a tag edit renders only the pages it affects");
    };
    assert!(
        pages.contains(&"/en/lungs/asthma/".to_string()),
        "{pages:?}"
    );
    let asthma = scraper::Html::parse_document(&shown(&build, "en/lungs/asthma"));
    assert_eq!(
        select_attr(&asthma, "nav.related a", "href"),
        [
            "/en/lungs/inhalers/",
            "/en/heart/palpitations/",
            "/en/lungs/bronchitis/"
        ]
    );
    same_as_full_build(&build, "a tag edit");
    // A listed article's new title shows in the lists that name it.
    site.edit("content/en/lungs/inhalers.md", |t| {
        t.replace("title: Using an inhaler", "title: Inhalers")
    });
    build
        .update(&[site.root.join("content/en/lungs/inhalers.md")])
        .unwrap()
        .expect("the change is seen");
    let copd = scraper::Html::parse_document(&shown(&build, "en/lungs/copd"));
    assert!(select_text(&copd, "nav.related a").contains(&"Inhalers".to_string()));
    same_as_full_build(&build, "a title edit");
}
