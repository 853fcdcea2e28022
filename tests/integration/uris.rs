//! Every address in every output is a valid URI (feeds, sitemaps, JSON-LD,
//! server files) or IRI (HTML), on a site whose files and folders have
//! spaces, `#`, `?`, `%`, `&`, quotes and non-ASCII letters in their names
//! and whose base URL has a path; each address of a site file leads back to
//! that file. Footnotes with awkward labels get valid, unique ids and
//! working links.

use crate::support::*;
use std::collections::HashSet;

const ORIGIN: &str = "https://awkward.example.org";

fn built() -> TestSite {
    let site = TestSite::new("sites/awkward-names");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    site
}

/// Fails unless `address` is a valid URI (`iri`: IRI) reference that the
/// `url` crate reads, relative ones against the site's base URL.
fn assert_valid(address: &str, iri: bool, place: &str) {
    let bad = |c: char| {
        c.is_ascii_control()
            || c.is_whitespace()
            || "\"<>\\^`{|}".contains(c)
            || (!iri && !c.is_ascii())
    };
    assert!(
        !address.contains(bad),
        "{place}: `{address}` holds a character a URI may not"
    );
    let bytes = address.as_bytes();
    for (i, _) in address.match_indices('%') {
        let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
        assert!(
            hex(i + 1) && hex(i + 2),
            "{place}: `{address}` has a stray %"
        );
    }
    assert!(address.matches('#').count() <= 1, "{place}: `{address}`");
    let base = url::Url::parse(&format!("{ORIGIN}/health/en/")).unwrap();
    assert!(
        url::Url::parse(address).is_ok() || base.join(address).is_ok(),
        "{place}: `{address}` does not parse"
    );
}

/// The output file a root-relative address of the site names.
fn assert_leads_to_a_file(site: &TestSite, address: &str, place: &str) {
    let Some(rest) = address
        .strip_prefix(ORIGIN)
        .unwrap_or(address)
        .strip_prefix("/health/")
    else {
        return;
    };
    let path = rest.split(['#', '?']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .unwrap();
    let file = if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded.into_owned()
    };
    assert!(
        site.exists(&file),
        "{place}: `{address}` leads to no file ({file})"
    );
}

/// Every string under a key that holds an address, in a JSON value.
fn json_addresses(value: &serde_json::Value, out: &mut Vec<String>) {
    const KEYS: &[&str] = &[
        "url",
        "@id",
        "id",
        "image",
        "sameAs",
        "item",
        "logo",
        "home_page_url",
        "feed_url",
        "external_url",
        "banner_image",
        "icon",
        "favicon",
        "contentUrl",
    ];
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match v {
                    serde_json::Value::String(s) if KEYS.contains(&key.as_str()) => {
                        out.push(s.clone())
                    }
                    _ => json_addresses(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_addresses(v, out)),
        _ => {}
    }
}

fn check_html(site: &TestSite, file: &str, seen: &mut HashSet<String>) {
    let html = site.html(file);
    let any = scraper::Selector::parse("*").unwrap();
    let mut ids = HashSet::new();
    let mut fragments = Vec::new();
    for element in html.select(&any) {
        let e = element.value();
        if let Some(id) = e.attr("id") {
            assert!(
                !id.is_empty() && !id.contains(char::is_whitespace),
                "{file}: id `{id}`"
            );
            assert!(
                ids.insert(id.to_string()),
                "{file}: two elements have the id `{id}`"
            );
        }
        let mut addresses: Vec<&str> = ["href", "src", "poster", "action"]
            .iter()
            .filter_map(|a| e.attr(a))
            .collect();
        for srcset in ["srcset", "imagesrcset"].iter().filter_map(|a| e.attr(a)) {
            addresses.extend(srcset.split(", ").filter_map(|c| c.split(' ').next()));
        }
        let property = e.attr("property").or(e.attr("name")).unwrap_or("");
        if e.name() == "meta" && (property.ends_with(":url") || property.ends_with(":image")) {
            addresses.extend(e.attr("content"));
        }
        for address in addresses {
            let in_head = e.name() == "link" || e.name() == "meta";
            // Canonical, share and alternate links are for machines: URIs.
            assert_valid(address, !(in_head && address.starts_with("http")), file);
            assert_leads_to_a_file(site, address, file);
            seen.insert(
                percent_encoding::percent_decode_str(address)
                    .decode_utf8_lossy()
                    .into_owned(),
            );
            if let Some(fragment) = address.strip_prefix('#') {
                fragments.push(
                    percent_encoding::percent_decode_str(fragment)
                        .decode_utf8_lossy()
                        .into_owned(),
                );
            }
        }
        if e.attr("type") == Some("application/ld+json") {
            let text: String = element.text().collect();
            let mut found = Vec::new();
            json_addresses(&serde_json::from_str(&text).unwrap(), &mut found);
            for address in found {
                assert_valid(&address, false, &format!("{file} JSON-LD"));
            }
        }
    }
    for fragment in fragments.iter().filter(|f| !f.is_empty()) {
        assert!(ids.contains(fragment), "{file}: #{fragment} goes nowhere");
    }
}

/// Attribute values and element texts of an XML file that are addresses.
fn xml_addresses(text: &str) -> Vec<String> {
    use quick_xml::events::Event;
    const ELEMENTS: &[&str] = &[
        "loc", "link", "id", "guid", "we", "uri", "url", "icon", "logo", "comments",
    ];
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for attribute in e.attributes().flatten() {
                    if matches!(attribute.key.into_inner(), "href" | "url" | "src" | "uri") {
                        out.push(
                            quick_xml::escape::unescape(&attribute.value)
                                .unwrap()
                                .into_owned(),
                        );
                    }
                }
                let local = e.local_name();
                current = ELEMENTS.contains(&local.into_inner()).then(String::new);
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t[..]);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&format!("&{};", &r[..]));
                }
            }
            Event::End(_) => {
                if let Some(c) = current.take().filter(|c| !c.trim().is_empty()) {
                    out.push(quick_xml::escape::unescape(c.trim()).unwrap().into_owned());
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_address_in_every_output_is_a_valid_uri() {
    let site = built();
    let files = site.output_files();
    let mut seen = HashSet::new();
    let mut counted = 0;
    for file in &files {
        let place = file.as_str();
        if file.ends_with(".html") {
            check_html(&site, file, &mut seen);
            counted += 1;
        } else if file.ends_with(".xml") {
            for address in xml_addresses(&site.read(file)) {
                assert_valid(&address, false, place);
                assert_leads_to_a_file(&site, &address, place);
                seen.insert(address);
            }
            counted += 1;
        } else if file.ends_with("feed.json") {
            let mut found = Vec::new();
            json_addresses(&serde_json::from_str(&site.read(file)).unwrap(), &mut found);
            assert!(!found.is_empty(), "{file}");
            for address in found {
                assert_valid(&address, false, place);
                assert_leads_to_a_file(&site, &address, place);
            }
            counted += 1;
        } else if file.starts_with("search-index/") && file.contains("/pages/") {
            let mut found = Vec::new();
            json_addresses(&serde_json::from_str(&site.read(file)).unwrap(), &mut found);
            for address in found {
                assert_valid(&address, true, place);
                assert_leads_to_a_file(&site, &address, place);
            }
        } else if file == "_redirects" || file == "_headers" {
            for line in site.read(file).lines().filter(|l| l.starts_with('/')) {
                for address in line.split(' ').take(2).filter(|a| a.starts_with('/')) {
                    assert_valid(address, false, place);
                    if file == "_redirects" && !address.ends_with("/*") {
                        seen.insert(address.to_string());
                    }
                }
            }
        }
    }
    assert!(counted > 20, "{files:?}");
    // The awkward names reached the outputs, encoded.
    let redirects = site.read("_redirects");
    assert!(
        redirects.contains("/health/en/vieux-caf%C3%A9/ /health/en/heart-health/blood-pressure-1/"),
        "{redirects}"
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("/health/ar/%D8%B6%D8%BA%D8%B7-%D8%A7%D9%84%D8%AF%D9%85/"),
        "{sitemap}"
    );
    for name in [
        "/health/en/heart-health/leaflet ?&%20 ü.pdf",
        "/health/files/price list 50% \"net\".txt",
        "/health/en/heart-health/photos/chart #2 50%-60w.webp",
        "/health/en/heart-health/photos/my photo #1 100% 'best' é-64w.png",
    ] {
        assert!(seen.contains(name), "no page links to {name}: {seen:?}");
    }
}

#[test]
fn footnotes_with_awkward_labels_link_both_ways() {
    let site = built();
    let page = site.html("en/heart-health/blood-pressure-1/index.html");
    let notes = select_attr(&page, "section.footnotes li", "id");
    assert_eq!(
        notes,
        [
            "fn-unit-2",
            "fn-two-words",
            "fn-q-x",
            "fn-ünïcödé-ضغط",
            "fn-5",
            "fn-a-very-long-label-that-goes-on-and-on-an"
        ],
        "numbered in order of first reference; the heading `fn-unit` keeps its id"
    );
    assert_eq!(select_attr(&page, "h2#fn-unit", "id").len(), 1);
    assert_eq!(select_text(&page, "section.footnotes h2"), ["Notes"]);
    assert_eq!(
        select_attr(&page, "section.footnotes", "aria-labelledby"),
        select_attr(&page, "section.footnotes h2", "id")
    );
    // The note referred to twice has two back-links, told apart.
    assert_eq!(
        select_text(&page, "#fn-unit-2 a.backlink"),
        ["↩ Back to text 1a", "↩ Back to text 1b"]
    );
    assert_eq!(
        select_attr(&page, "#fn-unit-2 a.backlink", "href"),
        ["#fnref-unit-2", "#fnref-unit-2-2"]
    );
    assert_eq!(
        select_text(&page, "sup.footnote-ref a"),
        [
            "Note 1", "Note 2", "Note 1", "Note 3", "Note 4", "Note 5", "Note 6"
        ]
    );
    // Translated: the Arabic page's section and back-link.
    let arabic = site.html("ar/ضغط-الدم/index.html");
    assert_eq!(select_text(&arabic, "section.footnotes h2"), ["ملاحظات"]);
    assert_eq!(
        select_attr(&arabic, "section.footnotes li", "id"),
        ["fn-وحدة"]
    );
}
