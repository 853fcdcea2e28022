//! Footnotes on small bodies: ids from awkward labels, numbering, back-links
//! and the two warnings with their positions.

use std::collections::HashSet;
use std::path::Path;

/// The HTML of `body` after heading ids and this pass, and (code, line,
/// column) of each warning.
fn run(body: &str) -> (String, Vec<(&'static str, usize, usize)>) {
    let site = crate::site::empty_for_tests();
    let file = Path::new("content/en/a.md");
    let (html, found, ()) =
        crate::markdown::run_pass_for_tests(&site, "en", file, body, |events, ctx, texts| {
            let headings = crate::markdown::headings::assign_ids(events);
            super::apply(events, &headings, texts.strings, ctx);
        });
    (html, found)
}

/// Every `id="…"` and `href="#…"` value of `html`.
fn ids_and_targets(html: &str) -> (Vec<String>, Vec<String>) {
    let grab = |prefix: &str| {
        html.split(prefix)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    (grab(" id=\""), grab(" href=\"#"))
}

fn assert_valid_links(html: &str) {
    let (ids, targets) = ids_and_targets(html);
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {html}");
    for id in &ids {
        assert!(
            !id.is_empty() && !id.contains(|c: char| c.is_whitespace() || "<>&'\"".contains(c)),
            "bad id {id:?} in {html}"
        );
    }
    for target in &targets {
        assert!(ids.contains(target), "#{target} goes nowhere in {html}");
    }
}

#[test]
fn notes_are_numbered_in_order_of_first_reference_and_gathered_at_the_end() {
    let (html, found) = run(
        "[^b]: Second written.\n\nOne[^a] two[^b] again[^a].\n\n## More\n\n[^a]: First referred to.\n",
    );
    assert!(found.is_empty(), "{found:?}");
    assert!(
        html.contains("One<sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\"><span class=\"visually-hidden\">Note </span>1</a></sup>"),
        "{html}"
    );
    assert!(html.contains("id=\"fnref-a-2\""), "{html}");
    let section = &html[html.find("<section").expect("a notes section")..];
    assert!(
        html.ends_with("</ol>\n</section>\n")
            && !html[..html.find("<section").unwrap_or(0)].contains("written"),
        "{html}"
    );
    assert!(
        section.starts_with(
            "<section class=\"footnotes\" aria-labelledby=\"footnotes-heading\">\n<h2 id=\"footnotes-heading\">Notes</h2>"
        ),
        "{section}"
    );
    let first = section.find("id=\"fn-a\"").expect("note a");
    let second = section.find("id=\"fn-b\"").expect("note b");
    assert!(first < second, "{section}");
    assert!(
        section.contains(
            "First referred to. <a class=\"backlink\" href=\"#fnref-a\"><span aria-hidden=\"true\">↩</span> <span class=\"visually-hidden\">Back to text </span>1a</a> \
             <a class=\"backlink\" href=\"#fnref-a-2\"><span aria-hidden=\"true\">↩</span> <span class=\"visually-hidden\">Back to text </span>1b</a></p>"
        ),
        "{section}"
    );
    assert!(
        section.contains("Back to text </span>2</a></p>"),
        "{section}"
    );
    assert_valid_links(&html);
}

#[test]
fn awkward_labels_give_valid_unique_ids() {
    let long = "very long label ".repeat(20);
    let body = format!(
        "## fn-a-b\n\nA[^a b] B[^a-b] C[^\"q\" & <x>] D[^Ünïcödé ضغط] E[^!!!] F[^{long}] G[^A B].\n\n\
         [^a b]: Spaces.\n\n[^a-b]: Same slug.\n\n[^\"q\" & <x>]: Quotes.\n\n[^Ünïcödé ضغط]: Unicode.\n\n\
         [^!!!]: Nothing left.\n\n[^{long}]: Long.\n"
    );
    let (html, found) = run(&body);
    assert!(found.is_empty(), "{found:?}");
    // The heading took `fn-a-b`; the notes go around it.
    assert!(html.contains("<h2 id=\"fn-a-b\">"), "{html}");
    assert!(html.contains("<li id=\"fn-a-b-2\">"), "{html}");
    assert!(html.contains("<li id=\"fn-a-b-3\">"), "{html}");
    assert!(html.contains("<li id=\"fn-q-x\">"), "{html}");
    assert!(html.contains("<li id=\"fn-ünïcödé-ضغط\">"), "{html}");
    assert!(html.contains("<li id=\"fn-5\">"), "{html}");
    assert!(
        html.contains("<li id=\"fn-very-long-label-very-long-label-very-lon\">"),
        "{html}"
    );
    // `[^A B]` is `[^a b]` (labels ignore case): the same note, twice.
    assert!(html.contains("id=\"fnref-a-b-2-2\""), "{html}");
    assert_valid_links(&html);
}

#[test]
fn missing_and_unused_notes_are_warned_at_their_place() {
    let (html, found) = run("Text[^gone] and `[^code]`.\n\n[^spare]: Never used.\n");
    assert_eq!(
        found,
        [("footnote/undefined", 4, 5), ("footnote/unused", 6, 1)],
        "{html}"
    );
    assert!(html.contains("Text[^gone]"), "{html}");
    assert!(
        !html.contains("Never used") && !html.contains("<section"),
        "{html}"
    );
}

#[test]
fn a_note_may_refer_to_another() {
    let (html, found) = run("Text[^a].\n\n[^a]: See also[^b].\n\n[^b]: The other.\n");
    assert!(found.is_empty(), "{found:?}");
    assert!(
        html.contains("See also<sup class=\"footnote-ref\"><a href=\"#fn-b\" id=\"fnref-b\">"),
        "{html}"
    );
    assert_valid_links(&html);
}

#[test]
fn a_page_without_notes_is_untouched() {
    let (html, found) = run("Plain [link](https://e.org) and [^ not] one.\n");
    assert!(!html.contains("<section"), "{html}");
    assert!(found.is_empty(), "{found:?}");
}
