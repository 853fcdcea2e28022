//! What a page loads: the stylesheet for highlighted code only on pages
//! that have some (most health articles have none).

use crate::support::*;

/// Whether a linked address is the fingerprinted copy of a theme file
/// (`/css/syntax.0123456789.css` for `css/syntax.css`).
fn is_copy_of(href: &str, plain: &str) -> bool {
    let (stem, ext) = plain.rsplit_once('.').unwrap();
    href.strip_prefix(&format!("/{stem}."))
        .and_then(|rest| rest.strip_suffix(&format!(".{ext}")))
        .is_some_and(|hash| hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn stylesheets(site: &TestSite, page: &str) -> Vec<String> {
    select_attr(&site.html(page), "link[rel=stylesheet]", "href")
}

#[test]
fn syntax_css_is_linked_only_where_code_is_highlighted() {
    let site = TestSite::new("sites/a11y");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    // This article has a ```json block; its neighbour has no code.
    let with_code = stylesheets(&site, "en/heart/high-blood-pressure/index.html");
    assert!(
        with_code.iter().any(|h| is_copy_of(h, "css/syntax.css")),
        "{with_code:?}"
    );
    for page in [
        "en/heart/salt/index.html",
        "en/index.html",
        "en/heart/index.html",
    ] {
        let links = stylesheets(&site, page);
        assert!(
            links.iter().any(|h| is_copy_of(h, "css/pamphlet.css")),
            "{page}: {links:?}"
        );
        assert!(
            !links.iter().any(|h| h.contains("syntax")),
            "{page}: {links:?}"
        );
    }
    // The file is still published, for the pages that link it.
    assert!(site.exists("css/syntax.css"));
}
