//! The footer's contact, privacy and accessibility-statement links: shown
//! only when site.yaml gives them, in each language's words and address,
//! and checked like every address settings name.

use crate::support::*;

fn with_settings(extra: &str) -> TestSite {
    let site = TestSite::new("sites/bilingual");
    let config = site.root.join("site.yaml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(extra);
    std::fs::write(&config, text).unwrap();
    site
}

fn footer_links(site: &TestSite, page: &str) -> Vec<(String, String)> {
    let html = site.html(page);
    let hrefs = select_attr(&html, ".site-footer .footer-links a", "href");
    let names = select_text(&html, ".site-footer .footer-links a");
    hrefs.into_iter().zip(names).collect()
}

#[test]
fn the_footer_links_what_the_site_gives_in_each_language() {
    let site = with_settings(
        "contact: mailto:info@example.org\n\
         privacy_policy: https://clinic.example.org/privacy\n\
         accessibility_statement: { en: /en/heart/salt/, es: /es/heart/presion-arterial-alta/ }\n",
    );
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        footer_links(&site, "en/heart/high-blood-pressure/index.html"),
        [
            pair("mailto:info@example.org", "Contact us"),
            pair("https://clinic.example.org/privacy", "Privacy policy"),
            pair("/en/heart/salt/", "Accessibility statement"),
        ]
    );
    assert_eq!(
        footer_links(&site, "es/index.html"),
        [
            pair("mailto:info@example.org", "Contacto"),
            pair(
                "https://clinic.example.org/privacy",
                "Política de privacidad"
            ),
            pair(
                "/es/heart/presion-arterial-alta/",
                "Declaración de accesibilidad"
            ),
        ]
    );
}

#[test]
fn without_the_settings_there_is_no_footer_list() {
    let site = TestSite::new("sites/bilingual");
    assert!(site.build().published);
    let html = site.read("en/index.html");
    assert!(!html.contains("footer-links"), "{html}");
}

#[test]
fn a_link_setting_that_is_not_an_address_is_an_error_at_its_line() {
    let site = with_settings(
        "privacy_policy: javascript:alert(1)\naccessibility_statement: /en/no-such-page/\n",
    );
    let report = site.build();
    assert!(!report.published);
    assert_eq!(
        located(&report, "config/"),
        ["config/invalid-value site.yaml:7:1"]
    );
    // Once the first is fixed, the path to a page that does not exist is reported.
    let site = with_settings("accessibility_statement: /en/no-such-page/\n");
    let report = site.build();
    assert!(!report.published);
    let broken: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "link/broken")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        broken,
        ["`accessibility_statement: /en/no-such-page/` is not a page of this site"]
    );
}
