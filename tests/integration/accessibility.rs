//! The default theme's accessibility, checked on the built pages of a
//! three-language site (tests/fixtures/sites/a11y, which the browser test
//! in tests/browser also runs axe-core on): structure every page must have,
//! the bundled font, and the print style.

use crate::support::*;

fn built() -> TestSite {
    let site = TestSite::new("sites/a11y");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(
        report.diagnostics.is_empty(),
        "the fixture is lint-clean: {:?}",
        report.diagnostics
    );
    site
}

fn pages(site: &TestSite) -> Vec<String> {
    site.output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

#[test]
fn every_page_has_one_h1_landmarks_a_skip_link_and_a_language() {
    let site = built();
    let pages = pages(&site);
    assert!(pages.len() >= 20, "{pages:?}");
    for file in &pages {
        let html = site.html(file);
        assert_eq!(select_text(&html, "h1").len(), 1, "{file}: one h1");
        for landmark in ["header", "nav", "main#main", "footer"] {
            assert!(
                !select_text(&html, landmark).is_empty(),
                "{file}: {landmark}"
            );
        }
        assert_eq!(
            select_attr(&html, "body > a.skip-link", "href"),
            ["#main"],
            "{file}"
        );
        assert_eq!(select_attr(&html, "html", "lang").len(), 1, "{file}");
        let dir = select_attr(&html, "html", "dir");
        let lang = &select_attr(&html, "html", "lang")[0];
        assert_eq!(dir, [if lang == "ar" { "rtl" } else { "ltr" }], "{file}");
        // Several navigation landmarks are told apart by their names: an
        // `aria-label`, or the text of the heading `aria-labelledby` names.
        let navs = html
            .select(&scraper::Selector::parse("nav").unwrap())
            .collect::<Vec<_>>();
        let labels: Vec<String> = navs
            .iter()
            .filter_map(|nav| {
                let v = nav.value();
                v.attr("aria-label").map(str::to_string).or_else(|| {
                    let id = v.attr("aria-labelledby")?;
                    select_text(&html, &format!("#{id}")).into_iter().next()
                })
            })
            .collect();
        assert_eq!(labels.len(), navs.len(), "{file}: a nav without a name");
        let mut unique = labels.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), labels.len(), "{file}: {labels:?}");
    }
}

#[test]
fn heading_levels_never_skip_on_any_page() {
    let site = built();
    let selector = scraper::Selector::parse("h1, h2, h3, h4, h5, h6").unwrap();
    let pages = pages(&site);
    let mut headings = 0;
    for file in &pages {
        let html = site.html(file);
        let mut last = 0u8;
        for heading in html.select(&selector) {
            let level = heading.value().name()[1..].parse::<u8>().unwrap();
            assert!(level <= last + 1, "{file}: h{level} after h{last}");
            last = level;
            headings += 1;
        }
    }
    // Each page has at least its h1, so every page was looked at.
    assert!(pages.len() >= 20, "{pages:?}");
    assert!(headings >= pages.len(), "{headings} headings");
}

#[test]
fn every_image_has_alt_and_decorative_ones_are_empty() {
    let site = built();
    let article = site.html("en/heart/high-blood-pressure/index.html");
    assert_eq!(
        select_attr(&article, "main img", "alt"),
        // The cover is also in the text, marked decorative there: it is
        // shown once, in the text, with the cover's description.
        ["A blood pressure cuff next to a stethoscope"]
    );
    for file in pages(&site) {
        let html = site.html(&file);
        let images = select_attr(&html, "img", "src").len();
        assert_eq!(select_attr(&html, "img", "alt").len(), images, "{file}");
    }
    // The Spanish translation describes the inherited image in Spanish.
    let es = site.html("es/heart/presion-arterial-alta/index.html");
    assert_eq!(
        select_attr(&es, ".cover img", "alt"),
        ["Un manguito de presión arterial junto a un estetoscopio"]
    );
    assert!(select_attr(&es, ".cover img", "lang").is_empty());
}

#[test]
fn the_bundled_font_is_self_hosted_with_its_licence() {
    let site = built();
    let css = site.read("css/pamphlet.css");
    let mut fonts = 0;
    for url in css.split("url(\"../").skip(1) {
        let path = &url[..url.find('"').unwrap()];
        assert!(site.exists(path), "{path}");
        assert!(path.ends_with(".woff2"), "{path}");
        fonts += 1;
    }
    assert_eq!(fonts, 8);
    assert!(
        site.read("fonts/OFL.txt")
            .contains("SIL OPEN FONT LICENSE Version 1.1")
    );
    assert!(
        !css.contains("https://"),
        "no font or style is fetched from elsewhere"
    );
}

#[test]
fn printed_articles_are_handouts() {
    let site = built();
    let css = site.read("css/pamphlet.css");
    let print = &css[css.find("@media print").unwrap()..];
    for hidden in [
        ".site-nav",
        ".language-switcher",
        ".breadcrumbs",
        ".skip-link",
    ] {
        assert!(print.contains(hidden), "{hidden}");
    }
    assert!(
        print.contains("attr(href)"),
        "external addresses are printed"
    );
    assert!(print.contains(".references"), "references are kept");
    let page = site.read("en/heart/high-blood-pressure/index.html");
    assert!(
        page.contains(r#"<style media="print">.content a[href^="/"]::after { content: " (https://health.example.org" attr(href) ")"; }</style>"#),
        "site addresses are printed in full"
    );
}
