//! "On this page" lists (issue 22) as published, in English and Arabic:
//! present from `contents.min_headings` `##` headings (4 unless set),
//! absent below, `toc: true` and `toc: false` overriding the count, the
//! site-wide off switch, and links that go to the headings' own ids.

use crate::support::*;

fn built() -> TestSite {
    let site = TestSite::new("sites/contents");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    site
}

/// The link targets of a page's contents list.
fn links(page: &scraper::Html) -> Vec<String> {
    select_attr(page, "nav.contents a", "href")
}

#[test]
fn four_headings_give_a_list_of_them_and_the_care_card_after_the_header() {
    let site = built();
    let page = site.html("en/lungs/asthma/index.html");
    assert_eq!(
        select_text(&page, "article > nav.contents > h2"),
        ["On this page"]
    );
    assert_eq!(
        select_attr(&page, "nav.contents", "aria-labelledby"),
        select_attr(&page, "nav.contents > h2", "id"),
        "the list is named by its heading"
    );
    // The `##` headings and the emergency card, in order; not the `###`.
    assert_eq!(
        links(&page),
        [
            "#what-asthma-is",
            "#signs-of-asthma",
            "#call-911-now-if",
            "#treatment",
            "#living-with-asthma"
        ]
    );
    assert_eq!(
        select_text(&page, "nav.contents li.contents-care-card"),
        ["Call 911 now if:"]
    );
    // Every link goes to a heading of the text, by its id.
    let mut ids = select_attr(&page, ".content h2", "id");
    ids.extend(select_attr(&page, ".content .care-card-heading", "id"));
    for href in links(&page) {
        let id = href.trim_start_matches('#');
        assert!(
            ids.iter().any(|i| i == id),
            "{href} is no heading of the page"
        );
    }
    // Between the header and the text.
    let html = site.read("en/lungs/asthma/index.html");
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("</header>") < at("<nav class=\"contents\""));
    assert!(at("<nav class=\"contents\"") < at("<div class=\"content\">"));
}

#[test]
fn three_headings_give_no_list_unless_toc_true() {
    let site = built();
    let copd = site.html("en/lungs/copd/index.html");
    assert_eq!(select_text(&copd, ".content h2").len(), 3);
    assert!(links(&copd).is_empty());
    assert!(
        !site
            .read("en/lungs/copd/index.html")
            .contains("on-this-page-heading")
    );
    let inhalers = site.html("en/lungs/inhalers/index.html");
    assert_eq!(
        links(&inhalers),
        ["#before-you-start", "#breathe-in", "#afterwards"]
    );
}

#[test]
fn toc_false_hides_the_list_of_a_long_article() {
    let site = built();
    let coughs = site.html("en/lungs/coughs/index.html");
    assert_eq!(select_text(&coughs, ".content h2").len(), 5);
    assert!(links(&coughs).is_empty());
}

#[test]
fn arabic_lists_use_the_arabic_title_and_arabic_ids() {
    let site = built();
    let page = site.html("ar/lungs/asthma/index.html");
    assert_eq!(select_attr(&page, "html", "dir"), ["rtl"]);
    assert_eq!(select_text(&page, "nav.contents h2"), ["في هذه الصفحة"]);
    let ids: Vec<String> = select_attr(&page, ".content h2", "id")
        .into_iter()
        .map(|id| format!("#{id}"))
        .collect();
    let listed: Vec<String> = links(&page)
        .into_iter()
        .filter(|l| l != "#اتصل-بالإسعاف-فوراً-إذا")
        .collect();
    assert_eq!(listed, ids);
    assert_eq!(
        select_text(&page, "nav.contents li"),
        [
            "ما هو الربو",
            "علامات الربو",
            "اتصل بالإسعاف فوراً إذا:",
            "العلاج",
            "العيش مع الربو"
        ]
    );
}

#[test]
fn the_setting_moves_the_threshold_and_zero_turns_lists_off() {
    let site = TestSite::new("sites/contents");
    site.edit("site.yaml", |t| {
        format!("{t}contents:\n  min_headings: 3\n")
    });
    assert!(site.build().published);
    assert_eq!(links(&site.html("en/lungs/copd/index.html")).len(), 3);
    assert!(links(&site.html("en/lungs/coughs/index.html")).is_empty());

    site.edit("site.yaml", |t| {
        t.replace("min_headings: 3", "min_headings: 0")
    });
    assert!(site.build().published);
    assert!(links(&site.html("en/lungs/asthma/index.html")).is_empty());
    assert!(links(&site.html("ar/lungs/asthma/index.html")).is_empty());
    // An article that asks for its list keeps it.
    assert_eq!(links(&site.html("en/lungs/inhalers/index.html")).len(), 3);
}

#[test]
fn the_stylesheet_lays_the_lists_out_for_both_directions_and_not_for_print() {
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/static/css/pamphlet.css"),
    )
    .unwrap();
    let start = css
        .find("/* \"On this page\" and related articles")
        .unwrap();
    let block = &css[start..];
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        "text-align: left",
        "text-align: right",
    ] {
        assert!(
            !block.contains(physical),
            "{physical} in the contents styles"
        );
    }
    assert!(block.contains(".contents, .related { display: none !important; }"));
}
