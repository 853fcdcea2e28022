//! Care cards and callouts on small bodies: the markup, and each warning
//! with its exact position.

use std::path::Path;

/// The HTML of `body` (a file with a 3-line front matter) in `language`,
/// and (code, line, column) of each warning.
fn run(body: &str, language: &str) -> (String, Vec<(&'static str, usize, usize)>) {
    let mut site = crate::site::empty_for_tests();
    site.config.disclaimer.emergency = Some("911".into());
    site.config
        .disclaimer
        .emergency_by_language
        .insert("ar".into(), "+971 999".into());
    let file = Path::new("content/en/a.md");
    let (html, found, cards) =
        crate::markdown::run_pass_for_tests(&site, language, file, body, super::apply);
    assert!(
        cards.iter().all(|c| !c.heading.starts_with("[!")),
        "{cards:?}"
    );
    (html, found)
}

#[test]
fn an_emergency_card_has_a_heading_a_hidden_prefix_and_the_number() {
    let (html, warnings) = run(
        "## Chest pain\n\n> [!emergency] Call 911 now if:\n> - you have chest pain\n> - you cannot breathe\n",
        "en",
    );
    assert_eq!(warnings, []);
    assert_eq!(
        html,
        "<h2>Chest pain</h2>\n<div class=\"care-card care-card-emergency\">\n<p class=\"care-card-label\" aria-hidden=\"true\">Emergency</p>\n<h3 class=\"care-card-heading\"><span class=\"visually-hidden\">Immediate action required: </span>Call 911 now if:</h3>\n<div class=\"care-card-content\">\n<ul>\n<li>you have chest pain</li>\n<li>you cannot breathe</li>\n</ul>\n<p class=\"care-card-call\"><a href=\"tel:911\">Call <bdi dir=\"ltr\">911</bdi></a></p>\n</div>\n</div>\n"
    );
}

#[test]
fn card_headings_are_one_level_below_the_heading_before_them() {
    let (html, _) = run(
        "> [!urgent] Ask for an urgent appointment if:\n> - a\n",
        "en",
    );
    assert!(html.contains("<h2 class=\"care-card-heading\"><span class=\"visually-hidden\">Urgent advice: </span>Ask"), "{html}");
    let (html, _) = run(
        "## A\n\n### B\n\n> [!NON-URGENT] See a pharmacist if:\n> - a\n",
        "en",
    );
    assert!(html.contains("<h4 class=\"care-card-heading\">"), "{html}");
    assert!(html.contains("care-card-non-urgent"), "{html}");
    assert!(
        !html.contains("tel:"),
        "only emergency cards show the number: {html}"
    );
}

#[test]
fn arabic_cards_use_the_arabic_prefix_and_number() {
    let (html, warnings) = run(
        "> [!emergency] اتصل بالإسعاف فوراً إذا:\n> - ألم في الصدر\n",
        "ar",
    );
    assert_eq!(warnings, []);
    assert!(
        html.contains("<span class=\"visually-hidden\">مطلوب إجراء فوري: </span>اتصل"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"tel:+971999\">اتصل بالرقم <bdi dir=\"ltr\">+971 999</bdi></a>"),
        "{html}"
    );
    assert!(html.contains("aria-hidden=\"true\">طوارئ</p>"), "{html}");
}

#[test]
fn callouts_are_labelled_asides_with_or_without_a_title() {
    let (html, warnings) = run("> [!WARNING]\n> Do not double the dose.\n", "en");
    assert_eq!(warnings, []);
    assert_eq!(
        html,
        "<aside class=\"callout callout-warning\" aria-label=\"Warning\">\n<p class=\"callout-title\"><strong class=\"callout-label\">Warning</strong></p>\n<p>Do not double the dose.</p>\n</aside>\n"
    );
    let (html, _) = run("> [!tip] Take it *with* food\n> It helps.\n", "en");
    assert_eq!(
        html,
        "<aside class=\"callout callout-tip\" aria-label=\"Tip: Take it with food\">\n<p class=\"callout-title\"><strong class=\"callout-label\">Tip</strong> Take it <em>with</em> food</p>\n<p>It helps.</p>\n</aside>\n"
    );
    let (html, _) = run("> [!note] 1 < 2 & \"x\"\n", "ar");
    assert!(
        html.contains("aria-label=\"ملاحظة: 1 &lt; 2 &amp; “x”\""),
        "{html}"
    );
}

#[test]
fn other_quotes_are_left_alone() {
    for body in ["> [!danger] x\n", "> Just a quote [!note]\n", "> [!note\n"] {
        let (html, _) = run(body, "en");
        assert!(html.starts_with("<blockquote>"), "{html}");
    }
}

#[test]
fn each_warning_is_at_its_place() {
    let (_, warnings) = run(
        "> [!urgent] Call your doctor\n> - a\n\n> [!emergency] Call 911 if:\n> - see [the guide](https://x.org) or [call](tel:911)\n\n> [!non-urgent]\n> Rest.\n\n> [!urgent] Go if:\n> - b\n",
        "en",
    );
    assert_eq!(
        warnings,
        [
            ("care-card/heading", 4, 13),
            ("care-card/emergency-link", 8, 9),
            ("care-card/heading", 10, 3),
            ("care-card/no-list", 10, 3),
            ("care-card/too-many", 13, 3),
        ]
    );
}
