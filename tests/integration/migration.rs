//! Leftovers of content migrated from another site generator: addresses
//! still holding Jekyll, Hugo, Liquid or Nunjucks template code
//! (`link/template-syntax`, an error) and raw HTML whose inline elements
//! wrap blocks (`html/invalid-nesting`, a warning). Where each is reported
//! is checked by the fixtures `invalid/link-template-syntax` and
//! `invalid/html-invalid-nesting` (see `invalid.rs`); here, that the
//! suggested addresses are right, and how the warnings weigh.

use crate::support::*;

/// The address a hint suggests (``… here that is probably `/en/about/` ``).
fn suggested(hint: &str) -> Option<&str> {
    let after = hint.split("probably `").nth(1)?;
    after.split('`').next()
}

#[test]
fn writing_each_suggested_address_in_place_gives_a_clean_build() {
    let site = TestSite::new("invalid/link-template-syntax");
    let report = site.build();
    assert!(!report.published);
    let diagnostics: Vec<_> = report.diagnostics.iter().collect();
    assert_eq!(diagnostics.len(), 9, "{diagnostics:#?}");
    // Each underline covers exactly the address: replaced by the
    // suggestion, the page builds without a problem (from the end of each
    // file, so earlier positions stay where they are).
    for diagnostic in diagnostics.iter().rev() {
        assert_eq!(diagnostic.code, "link/template-syntax");
        let hint = diagnostic.hint.as_deref().unwrap_or("");
        let meant = suggested(hint).unwrap_or_else(|| panic!("no suggestion: {hint}"));
        let position = diagnostic.position;
        site.edit(&diagnostic.file.to_string_lossy(), |text| {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            let line = &mut lines[position.line - 1];
            let chars: Vec<char> = line.chars().collect();
            let (start, end) = (position.column - 1, position.column - 1 + position.length);
            let written: String = chars[start..end].iter().collect();
            assert!(
                written.contains('{') || written.contains("%7B"),
                "{written}"
            );
            *line = format!(
                "{}{meant}{}",
                chars[..start].iter().collect::<String>(),
                chars[end..].iter().collect::<String>()
            );
            lines.join("\n") + "\n"
        });
    }
    let report = site.build();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(report.published);
    let page = site.html("en/heart/blood-pressure/index.html");
    let links = select_attr(&page, "main a[href]", "href");
    for expected in ["/en/about/", "/en/food/salt/"] {
        assert!(
            links.iter().any(|l| l == expected),
            "{expected} in {links:?}"
        );
    }
    let images = select_attr(&page, "main img", "src");
    assert_eq!(images, ["/img/cuff.svg"]);
    let page = site.html("en/heart/exercise/index.html");
    let links = select_attr(&page, "main a[href]", "href");
    for expected in ["/en/food/salt/", "/en/about/", "/en/"] {
        assert!(
            links.iter().any(|l| l == expected),
            "{expected} in {links:?}"
        );
    }
}

#[test]
fn template_code_in_code_is_published_as_written() {
    let site = TestSite::new("invalid/link-template-syntax");
    site.edit("content/en/heart/blood-pressure.md", |text| {
        text.lines()
            .take_while(|line| !line.starts_with("High blood pressure"))
            .chain(text.lines().skip_while(|l| !l.starts_with("Template code")))
            .filter(|line| !line.starts_with("<p class"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    std::fs::remove_file(site.root.join("content/en/heart/exercise.md")).unwrap();
    let report = site.build();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let page = site.read("en/heart/blood-pressure/index.html");
    assert!(
        page.contains("[about]({{ site.baseurl }}/about/)"),
        "{page}"
    );
    assert!(page.contains("[about]({% link about.md %})"), "{page}");
}

#[test]
fn invalid_nesting_is_a_warning_that_fails_a_strict_check() {
    let site = TestSite::new("invalid/html-invalid-nesting");
    std::fs::remove_file(site.root.join("expected.txt")).unwrap();
    std::fs::remove_file(site.root.join("expected-messages.txt")).unwrap();
    let root = site.root.to_string_lossy().into_owned();
    let relaxed = run_pamphlet(&["check", "--root", &root]);
    assert_eq!(relaxed.status.code(), Some(0));
    let strict = run_pamphlet(&["check", "--root", &root, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let said = String::from_utf8_lossy(&strict.stdout).into_owned()
        + &String::from_utf8_lossy(&strict.stderr);
    assert_eq!(said.matches("[html/invalid-nesting]").count(), 3, "{said}");
    // The page is still published, as written.
    let report = site.build();
    assert!(report.published);
    let page = site.read("en/heart/measuring/index.html");
    assert!(page.contains("<span class=\"callout\">"), "{page}");
}

#[test]
fn raw_html_shown_as_text_is_not_judged_as_html() {
    let site = TestSite::new("invalid/html-invalid-nesting");
    site.edit("site.yaml", |t| {
        format!("{t}markdown: {{ raw_html: escape }}\n")
    });
    let report = site.build();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);

    let site = TestSite::new("invalid/link-template-syntax");
    site.edit("site.yaml", |t| {
        format!("{t}markdown: {{ raw_html: escape }}\n")
    });
    let report = site.build();
    let lines: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("blood-pressure.md"))
        .map(|d| d.position.line)
        .collect();
    // The `<a href>` on line 22 is text now; the Markdown links still count.
    assert_eq!(lines, [7, 8, 10, 14]);
}
