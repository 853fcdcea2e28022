//! No script from any article: link and image addresses are allow-listed
//! by scheme wherever they are written. Each refused address is an error
//! at its line and column, the site is not published, and the live
//! preview (which renders despite errors) carries none of them in any
//! output format.

use crate::support::*;
use pamphlet::output::Memory;
use pamphlet::pipeline::{self, BuildReport, Target};

fn article(front: &str, body: &str) -> String {
    format!(
        "---\ntitle: Links\nsummary: A page of links.\ndate: 2026-01-10\n{front}---\n\n{body}\n"
    )
}

/// Builds a site with one extra article; returns the report and every
/// file the preview rendered, as text.
fn build(text: &str, settings: &str) -> (BuildReport, Vec<(String, String)>) {
    let site = TestSite::new("sites/minimal");
    site.edit("site.yaml", |t| t + settings);
    std::fs::write(site.root.join("content/en/links.md"), text).unwrap();
    let memory = Memory::default();
    pipeline::run(&site.options(), Target::Memory(&memory)).unwrap();
    let files = memory
        .into_files()
        .into_iter()
        .map(|(p, b)| {
            (
                p.display().to_string(),
                String::from_utf8_lossy(&b).into_owned(),
            )
        })
        .collect();
    (site.build(), files)
}

/// (line, column) of each `url/scheme-not-allowed` error.
fn refused(report: &BuildReport) -> Vec<(usize, usize)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == "url/scheme-not-allowed")
        .inspect(|d| assert_eq!(d.file.to_string_lossy(), "content/en/links.md"))
        .map(|d| (d.position.line, d.position.column))
        .collect()
}

fn assert_nothing_dangerous(files: &[(String, String)]) {
    assert!(
        files.iter().any(|(p, _)| p.contains("links/index.html")),
        "the preview rendered the page"
    );
    let allowed = pamphlet::schemes::Policy::default();
    let any = scraper::Selector::parse("*").unwrap();
    let attribute = regex::Regex::new(
r#"(?i)(href|src|srcset|poster|url)\s*=\s*(&quot;|&#34;|&#39;|"|')?\s*(javascript|vbscript|data|file):"#,
    )
    .unwrap();
    for (path, text) in files {
        if path.ends_with(".html") {
            // Pages may quote a refused address as text (the editorial
            // report does); no attribute may hold one.
            for element in scraper::Html::parse_document(text).select(&any) {
                for (name, value) in element.value().attrs() {
                    if matches!(
                        name,
                        "href" | "src" | "srcset" | "poster" | "action" | "content"
                    ) {
                        let first = value.split([' ', ',']).next().unwrap_or("");
                        assert!(allowed.allows(first), "{path}: {name}=\"{value}\"");
                    }
                }
            }
        } else if path.ends_with(".json") {
            // Messages may name a scheme in words; no value may be an address with one.
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            strings(&value, &mut |s| assert!(allowed.allows(s), "{path}: {s}"));
        } else {
            // Feeds carry pages as escaped HTML: an address is what follows
            // an attribute, whatever the quoting; text may mention one.
            if let Some(m) = attribute.find(text) {
                panic!("{path} carries the address {}", m.as_str());
            }
            for tag in ["<link>", "<uri>", "<loc>", "<url>"] {
                for piece in text.split(tag).skip(1) {
                    let address = piece.split('<').next().unwrap_or("");
                    assert!(allowed.allows(address), "{path}: {tag}{address}");
                }
            }
        }
    }
}

fn strings(value: &serde_json::Value, check: &mut dyn FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => check(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, check)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, check)),
        _ => {}
    }
}

#[test]
fn markdown_links_and_images_with_refused_schemes_are_errors_at_their_place() {
    let body = "\
[one](javascript:alert(1))
[two](JaVaScRiPt:alert(2))
[three](javascript&#58;alert(3))
[four](vbscript:msgbox(4))
![five](data:image/png;base64,iVBORw0KGgo=)
[six](file:///etc/passwd)
<javascript:alert(7)>
[eight][ref]

[ref]: javascript:alert(8)
";
    let (report, files) = build(&article("", body), "");
    assert!(!report.published);
    // Lines count from the top of the file: the body starts on line 7. The
    // address is underlined where it is written as it is read; an escaped
    // one (`&#58;`) and a reference link point at the link itself.
    assert_eq!(
        refused(&report),
        [
            (7, 7),
            (8, 7),
            (9, 1),
            (10, 8),
            (11, 9),
            (12, 7),
            (13, 2),
            (14, 1)
        ],
        "{:?}",
        report.diagnostics
    );
    assert_nothing_dangerous(&files);
}

#[test]
fn raw_html_addresses_with_refused_schemes_are_errors_at_their_place() {
    let body = "\
<a href=\"javascript:alert(1)\">one</a>
<a href=\"jav&#x09;ascript:alert(2)\">two</a>
<img alt=\"three\" src=\"data:text/html;base64,PHNjcmlwdD4=\">
<img alt=\"four\" src=\"ok.png\" srcset=\"ok.png 1x, javascript:alert(4) 2x\">
<a href=\"  VBSCRIPT:x\">five</a>
";
    let (report, files) = build(&article("", body), "");
    assert!(!report.published);
    let lines: Vec<usize> = refused(&report).into_iter().map(|(l, _)| l).collect();
    assert_eq!(lines, [7, 8, 9, 10, 11], "{:?}", report.diagnostics);
    assert_eq!(refused(&report)[0], (7, 4), "the attribute is underlined");
    assert_nothing_dangerous(&files);
}

#[test]
fn front_matter_images_with_refused_schemes_are_errors_at_their_line() {
    for image in [
        "\"javascript://%0aalert(1)\"",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "\"vbscript:x\"",
    ] {
        let text = article(&format!("image: {image}\nimage_alt: A picture\n"), "Text.");
        let (report, files) = build(&text, "");
        assert!(!report.published, "{image}");
        assert_eq!(
            refused(&report),
            [(5, 8)],
            "{image}: {:?}",
            report.diagnostics
        );
        assert_nothing_dangerous(&files);
    }
}

#[test]
fn allowed_schemes_pass_and_a_site_may_opt_in_to_more() {
    let body = "[web](https://www.who.int/) [mail](mailto:info@example.org) [phone](tel:+15550100) [page](hello.md)";
    let (report, _) = build(&article("", body), "");
    assert!(refused(&report).is_empty(), "{:?}", report.diagnostics);
    assert!(report.published, "{:?}", report.diagnostics);

    let (report, _) = build(&article("", "[text us](sms:+15550100)"), "");
    assert_eq!(refused(&report), [(7, 11)]);
    let (report, files) = build(
        &article("", "[text us](sms:+15550100)"),
        "security:\n  allow_schemes: [sms]\n",
    );
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(
        files
            .iter()
            .any(|(_, t)| t.contains("href=\"sms:+15550100\"")),
        "the opted-in link is kept"
    );
}

#[test]
fn script_schemes_can_never_be_opted_in() {
    for scheme in ["javascript", "VBScript", "file"] {
        let (report, _) = build(
            &article("", "Text."),
            &format!("security:\n  allow_schemes: [{scheme}]\n"),
        );
        assert!(!report.published);
        let config: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "config/invalid-value")
            .map(|d| (d.file.to_string_lossy().into_owned(), d.position.line))
            .collect();
        assert_eq!(config, [("site.yaml".to_string(), 4)], "{scheme}");
    }
}

/// Addresses in a source's `url` and in a profile's links go through the
/// same allow-list, and a refused one says so (not "not a web address").
#[test]
fn citation_and_profile_addresses_with_refused_schemes_are_errors_at_their_line() {
    let text = article(
        "citations:\n  - id: who\n    title: Hand hygiene\n    url: \"javascript:alert(1)\"\n",
        "Wash your hands [@who].",
    );
    let (report, _) = build(&text, "");
    assert!(!report.published);
    assert_eq!(refused(&report), [(8, 10)], "{:?}", report.diagnostics);

    let site = TestSite::new("sites/people");
    site.edit("data/people/nurse-example.yaml", |t| {
        t + "links:\n  - url: \"JaVaScRiPt:alert(1)\"\n"
    });
    let report = site.build();
    assert!(!report.published);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "url/scheme-not-allowed")
        .map(|d| d.file.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        found,
        ["data/people/nurse-example.yaml"],
        "{:?}",
        report.diagnostics
    );
}
