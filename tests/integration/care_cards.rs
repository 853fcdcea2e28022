//! Care cards and callouts (issue 22) as published, in English and Arabic
//! (right to left): heading levels, the hidden prefix, the visible label,
//! the emergency number as a `tel:` link, the callouts' labelled asides,
//! and each care-card warning at its line and column.

use crate::support::*;

fn built() -> (TestSite, pamphlet::BuildReport) {
    let site = TestSite::new("sites/care-cards");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    (site, report)
}

#[test]
fn care_cards_have_headings_at_the_right_level_with_a_hidden_prefix() {
    let (site, _) = built();
    let page = site.html("en/chest-pain/index.html");
    // One level below the heading before each card: h2 → h3, h3 → h4.
    assert_eq!(
        select_text(&page, ".care-card-non-urgent h3.care-card-heading"),
        ["Non-urgent advice: See a GP if:"]
    );
    assert_eq!(
        select_text(&page, ".care-card-urgent h3.care-card-heading"),
        ["Urgent advice: Ask for an urgent appointment or call 111 if:"]
    );
    assert_eq!(
        select_text(&page, ".care-card-emergency h4.care-card-heading"),
        ["Immediate action required: Call 911 now if:"]
    );
    assert_eq!(
        select_text(&page, ".care-card-heading .visually-hidden"),
        [
            "Non-urgent advice:",
            "Urgent advice:",
            "Immediate action required:"
        ]
    );
    // A visible label besides the colour, hidden from screen readers
    // (they hear the prefix instead).
    assert_eq!(
        select_text(&page, ".care-card-label[aria-hidden=true]"),
        ["Non-urgent", "Urgent", "Emergency"]
    );
    assert_eq!(select_text(&page, ".care-card-emergency li").len(), 2);
    // The site's number, in the emergency card only.
    assert_eq!(select_attr(&page, ".care-card-call a", "href"), ["tel:911"]);
    assert_eq!(select_text(&page, ".care-card-call a"), ["Call 911"]);
    // The page has raw HTML: the sanitiser kept the author's and the cards' markup.
    assert_eq!(
        select_attr(&page, ".care-card-heading abbr", "title"),
        ["general practitioner"]
    );
    // The card headings get ids like every heading.
    assert_eq!(
        select_attr(&page, ".care-card-emergency h4", "id"),
        ["call-911-now-if"]
    );
}

#[test]
fn arabic_cards_use_arabic_texts_and_the_arabic_number() {
    let (site, _) = built();
    let page = site.html("ar/chest-pain/index.html");
    assert_eq!(
        select_text(&page, ".care-card-heading .visually-hidden"),
        ["نصيحة غير عاجلة:", "نصيحة عاجلة:", "مطلوب إجراء فوري:"]
    );
    assert_eq!(
        select_text(&page, ".care-card-label"),
        ["غير عاجل", "عاجل", "طوارئ"]
    );
    assert_eq!(
        select_attr(&page, ".care-card-call a", "href"),
        ["tel:+971999"]
    );
    assert_eq!(
        select_text(&page, ".care-card-emergency h3"),
        ["مطلوب إجراء فوري: اتصل بالإسعاف فوراً إذا:"]
    );
}

#[test]
fn callouts_are_asides_labelled_in_the_page_s_language() {
    let (site, _) = built();
    let page = site.html("en/chest-pain/index.html");
    assert_eq!(
        select_attr(&page, "aside.callout", "aria-label"),
        [
            "Note",
            "Tip: Keep a diary",
            "Important: Take your medicine",
            "Warning",
            "Caution: Aspirin is not for everyone"
        ]
    );
    assert_eq!(
        select_text(&page, ".callout-label"),
        ["Note", "Tip", "Important", "Warning", "Caution"]
    );
    assert_eq!(
        select_text(&page, ".callout-tip .callout-title"),
        ["Tip Keep a diary"]
    );
    assert_eq!(
        select_text(&page, ".callout-tip p:not(.callout-title)"),
        ["Write down when the pain starts."]
    );
    let html = site.read("en/chest-pain/index.html");
    assert!(!html.contains("[!"), "no marker is left as text");
    assert!(!html.contains("<blockquote"), "{html}");

    let page = site.html("ar/chest-pain/index.html");
    assert_eq!(
        select_attr(&page, "aside.callout", "aria-label"),
        [
            "ملاحظة",
            "نصيحة: دوّن ملاحظاتك",
            "مهم: تناول دواءك",
            "تحذير",
            "تنبيه: الأسبرين ليس للجميع"
        ]
    );
}

#[test]
fn each_care_card_warning_is_at_its_line_and_column() {
    let (_, report) = built();
    let found = located(&report, "care-card/");
    assert_eq!(
        found,
        [
            "care-card/heading content/en/lints.md:9:13",
            "care-card/emergency-link content/en/lints.md:13:21",
            "care-card/heading content/en/lints.md:15:3",
            "care-card/no-list content/en/lints.md:15:3",
            "care-card/too-many content/en/lints.md:18:3",
        ]
    );
}

#[test]
fn the_number_of_cards_a_page_may_have_is_a_setting() {
    let site = TestSite::new("sites/care-cards");
    site.edit("site.yaml", |t| {
        format!("{t}markdown:\n  max_care_cards: 4\n")
    });
    let report = site.build();
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.code == "care-card/too-many"),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn feeds_and_search_hold_the_cards_text_but_not_the_markers() {
    let (site, _) = built();
    for feed in ["en/atom.xml", "en/rss.xml", "en/feed.json"] {
        let text = site.read(feed);
        assert!(text.contains("Call 911 now if:"), "{feed}");
        assert!(text.contains("Immediate action required:"), "{feed}");
        assert!(!text.contains("[!"), "{feed}");
    }
    assert!(terms_like(&site, "en", "breathe").contains(&"breathe".to_string()));
    assert!(terms_like(&site, "en", "diary").contains(&"diary".to_string()));
    // `[!tip]` and `[!caution]` are markers, not words of the page.
    assert!(!terms_like(&site, "en", "tip").contains(&"tip".to_string()));
    assert!(!terms_like(&site, "en", "caution").contains(&"caution".to_string()));
}
