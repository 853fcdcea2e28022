//! Each lint on a small body, with the exact position it reports.

use crate::diagnostics::LineIndex;
use crate::markdown::{PageContext, Spanned};
use std::path::Path;

/// (code, line, column) of every lint on `body` (a file with a 3-line front matter).
fn lint(body: &str) -> Vec<(&'static str, usize, usize)> {
    let text = format!("---\ntitle: T\n---\n{body}");
    let site = crate::site::empty_for_tests();
    let mut ctx = PageContext {
        site: &site,
        file: Path::new("content/en/a.md"),
        text: &text,
        body_start: 16,
        lines: LineIndex::new(&text),
        diagnostics: Vec::new(),
    };
    let events: Vec<Spanned> =
        pulldown_cmark::Parser::new_ext(&text[16..], crate::markdown::options())
            .into_offset_iter()
            .collect();
    super::check(&events, &mut ctx);
    ctx.diagnostics
        .iter()
        .map(|d| (d.code, d.position.line, d.position.column))
        .collect()
}

#[test]
fn images_need_alt_text_unless_marked_decorative() {
    assert_eq!(
        lint("Text ![](a.png) and ![ ](b.png).\n\n![](line.svg \"decorative\") ![A cuff](c.png)\n"),
        [
            ("accessibility/image-alt", 4, 6),
            ("accessibility/image-alt", 4, 21)
        ]
    );
}

#[test]
fn raw_html_images_need_an_alt_attribute() {
    assert_eq!(
        lint(
            "<p>\n  <img src=\"a.png\">\n  <img src=\"b.png\" alt=\"\">\n  <img alt=\" \" src=c.png>\n</p>\n\nInline <img src='d.png' alt='A cuff'> and <img src=e.png>.\n"
        ),
        [
            ("accessibility/image-alt", 5, 3),
            ("accessibility/image-alt", 7, 3),
            ("accessibility/image-alt", 10, 43)
        ]
    );
}

#[test]
fn headings_go_down_one_level_at_a_time() {
    assert_eq!(
        lint("## A\n\n#### B\n\n## C\n\n### D\n\n# E\n\n<h3>F</h3>\n"),
        [
            ("accessibility/heading-order", 6, 1),
            ("accessibility/second-main-heading", 12, 1),
            ("accessibility/heading-order", 14, 1)
        ]
    );
    assert_eq!(
        lint("### First\n"),
        [("accessibility/heading-order", 4, 1)],
        "the title is level 1"
    );
}

#[test]
fn vague_link_text_is_reported_at_the_link() {
    assert_eq!(
        lint(
            "To book, [click here](a.md). [Leer más](b.md)\n[How to book](c.md) [![A map](m.png)](d.md) [](e.md)\n"
        ),
        [
            ("accessibility/link-text", 4, 10),
            ("accessibility/link-text", 4, 30),
            ("accessibility/link-text", 5, 45)
        ]
    );
}

#[test]
fn tables_need_a_header_row() {
    assert_eq!(
        lint(
            "| | |\n|---|---|\n| a | b |\n\n| When | Why |\n|---|---|\n| a | b |\n\n<table>\n<tr><td>a</td></tr>\n</table>\n\n<table><tr><th>When</th></tr></table>\n"
        ),
        [
            ("accessibility/table-header", 4, 1),
            ("accessibility/table-header", 12, 1)
        ]
    );
}

#[test]
fn inline_elements_wrapping_blocks_are_reported_once_at_the_opening_tag() {
    let nesting = |body: &str| -> Vec<(usize, usize)> {
        lint(body)
            .into_iter()
            .filter(|(code, _, _)| *code == "html/invalid-nesting")
            .map(|(_, line, column)| (line, column))
            .collect()
    };
    // Across Markdown: the heading and paragraph between are the blocks.
    assert_eq!(
        nesting("Intro.\n\n<span class=\"note\">\n\n## Inside\n\nText.\n\n</span>\n"),
        [(6, 1)]
    );
    // In one piece of HTML; nested inline elements are one mistake.
    assert_eq!(
        nesting("<div>\n  <span><em><div>a</div><p>b</p></em></span>\n</div>\n"),
        [(5, 3)]
    );
    // `<a>` may wrap blocks, and is looked through.
    assert_eq!(nesting("<a href=\"/x/\"><div>a</div></a>\n"), []);
    assert_eq!(
        nesting("<small><a href=\"/x/\"><div>a</div></a></small>\n"),
        [(4, 1)]
    );
    // A `<p>` is only wrong when its own end tag shows it wraps the block.
    assert_eq!(nesting("<p>Intro <div>box</div></p>\n"), [(4, 1)]);
    assert_eq!(nesting("<p>Intro\n<div>box</div>\n"), []);
    assert_eq!(nesting("<p>\n\nA paragraph.\n\n</p>\n"), [(4, 1)]);
    // Closed before the block, or inline within a paragraph: fine.
    assert_eq!(nesting("<span>a</span>\n\n## B\n"), []);
    assert_eq!(nesting("Some <span>text\n\n## B\n\n</span>\n"), []);
    assert_eq!(nesting("<span/>\n\nText.\n"), []);
    assert_eq!(
        nesting("<div><strong>a</strong> <br> <img src=a.png alt=\"\"> b</div>\n"),
        []
    );
    // What a block quote's HTML opens ends with the quote.
    assert_eq!(nesting("> <em>\n\nText.\n"), []);
    assert_eq!(nesting("> <em>\n>\n> Text.\n"), [(4, 3)]);
}

#[test]
fn template_code_in_raw_html_addresses_is_reported_at_the_attribute() {
    assert_eq!(
        lint(
            "<a href=\"{{ site.baseurl }}/a/\">A</a> <img alt=\"x\" src=\"%7B%7B x %7D%7D.png\">\n\n<a href=\"javascript:{{x}}\">y</a>\n"
        ),
        [
            ("link/template-syntax", 4, 10),
            ("link/template-syntax", 4, 57),
            ("url/scheme-not-allowed", 6, 4)
        ]
    );
}
