//! hreflang clusters by construction: on every multilingual fixture site,
//! every page that names alternates names itself among them, every member it
//! names (the root language chooser included, as `x-default`) names exactly
//! the same set back, and the sitemap's `xhtml:link`s say the same.
//! Single-language sites name no alternates at all.

use crate::support::*;
use resvg::usvg::roxmltree;
use std::collections::{BTreeMap, BTreeSet};

type Cluster = BTreeSet<(String, String)>;

/// Each page's canonical address, its `<html lang>` and its alternates.
/// Redirect pages (which point their canonical at the new address) and the
/// 404 page (served at every missing address) are not members of anything.
fn pages(site: &TestSite) -> BTreeMap<String, (String, Cluster)> {
    let mut out = BTreeMap::new();
    for file in site.output_files() {
        if !file.ends_with(".html") || file == "404.html" || file.starts_with("admin/") {
            continue;
        }
        let html = site.html(&file);
        if !select_attr(&html, "meta[http-equiv=refresh]", "content").is_empty() {
            continue;
        }
        let canonical = select_attr(&html, "link[rel=canonical]", "href");
        assert_eq!(canonical.len(), 1, "{file}: one canonical address");
        let lang = select_attr(&html, "html", "lang").remove(0);
        let langs = select_attr(&html, "link[rel=alternate][hreflang]", "hreflang");
        let hrefs = select_attr(&html, "link[rel=alternate][hreflang]", "href");
        assert_eq!(langs.len(), hrefs.len());
        let cluster: Cluster = langs.into_iter().zip(hrefs).collect();
        let previous = out.insert(canonical[0].clone(), (lang, cluster));
        assert!(
            previous.is_none(),
            "{file}: canonical {} twice",
            canonical[0]
        );
    }
    out
}

/// The sitemap's alternates of each address it lists.
fn sitemap(site: &TestSite) -> BTreeMap<String, Cluster> {
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    doc.descendants()
        .filter(|n| n.has_tag_name((ns, "url")))
        .map(|url| {
            let loc = url
                .children()
                .find(|c| c.has_tag_name((ns, "loc")))
                .and_then(|c| c.text())
                .unwrap()
                .to_string();
            let links = url
                .children()
                .filter(|c| c.has_tag_name((xhtml, "link")))
                .map(|c| {
                    let attr = |a| c.attribute(a).unwrap().to_string();
                    (attr("hreflang"), attr("href"))
                })
                .collect();
            (loc, links)
        })
        .collect()
}

/// Checks the rules on one built site; returns how many pages are in a
/// cluster, so a test can tell the check saw some.
fn check_clusters(name: &str, site: &TestSite) -> usize {
    let pages = pages(site);
    let map = sitemap(site);
    let mut clustered = 0;
    for (url, (lang, cluster)) in &pages {
        let listed = map.get(url);
        assert_eq!(
            listed.unwrap_or(&Cluster::new()),
            cluster,
            "{name}: the sitemap's alternates of {url} differ from the page's"
        );
        if cluster.is_empty() {
            continue;
        }
        clustered += 1;
        let defaults: Vec<_> = cluster.iter().filter(|(l, _)| l == "x-default").collect();
        // `x-default` is the default language's member, or the chooser for
        // homes; a cluster without the default language has none.
        assert!(defaults.len() <= 1, "{name}: {url} has two x-default");
        let languages: Vec<_> = cluster.iter().map(|(l, _)| l).collect();
        let distinct: BTreeSet<_> = languages.iter().collect();
        assert_eq!(
            languages.len(),
            distinct.len(),
            "{name}: {url} {languages:?}"
        );
        assert!(
            cluster
                .iter()
                .any(|(l, h)| h == url && (l == lang || l == "x-default")),
            "{name}: {url} does not list itself in {cluster:?}"
        );
        for (member_lang, member) in cluster {
            let Some((their_lang, theirs)) = pages.get(member) else {
                panic!("{name}: {url} names {member}, which is not a page");
            };
            assert_eq!(theirs, cluster, "{name}: {member} and {url} disagree");
            if member_lang != "x-default" {
                assert_eq!(their_lang, member_lang, "{name}: {member}'s language");
            }
        }
    }
    clustered
}

#[test]
fn every_cluster_is_reciprocal_on_every_multilingual_fixture() {
    for name in [
        "translations",
        "bilingual",
        "pagination",
        "people",
        "search",
        "social",
        "tag-names",
        "trust",
        "updates",
        "redirects",
        "a11y",
    ] {
        let site = TestSite::new(&format!("sites/{name}"));
        assert!(site.build().published, "{name}");
        let clustered = check_clusters(name, &site);
        assert!(clustered >= 3, "{name}: only {clustered} pages in clusters");
    }
}

#[test]
fn the_language_chooser_is_the_homes_x_default_and_lists_them() {
    let site = TestSite::new("sites/translations");
    assert!(site.build().published);
    let chooser = site.html("index.html");
    let langs = select_attr(&chooser, "link[rel=alternate][hreflang]", "hreflang");
    let hrefs = select_attr(&chooser, "link[rel=alternate][hreflang]", "href");
    assert_eq!(langs, ["en", "es", "ar", "x-default"]);
    assert_eq!(
        hrefs,
        [
            "https://health.example.org/en/",
            "https://health.example.org/es/",
            "https://health.example.org/ar/",
            "https://health.example.org/",
        ]
    );
    let home = site.html("ar/index.html");
    assert_eq!(
        select_attr(&home, "link[rel=alternate][hreflang]", "href"),
        hrefs
    );
}

#[test]
fn with_the_default_language_at_the_root_its_home_is_x_default() {
    let site = TestSite::new("sites/translations");
    site.edit("site.yaml", |s| {
        format!("default_language_at_root: true\n{s}")
    });
    assert!(site.build().published);
    assert!(check_clusters("translations at root", &site) >= 3);
    let home = site.html("es/index.html");
    let langs = select_attr(&home, "link[rel=alternate][hreflang]", "hreflang");
    let hrefs = select_attr(&home, "link[rel=alternate][hreflang]", "href");
    let x_default = langs.iter().position(|l| l == "x-default").unwrap();
    assert_eq!(hrefs[x_default], "https://health.example.org/");
    assert_eq!(langs.len(), 4, "three homes and x-default: {langs:?}");
}

#[test]
fn single_language_sites_name_no_alternates() {
    for name in ["minimal", "sections-tags", "links"] {
        let site = TestSite::new(&format!("sites/{name}"));
        assert!(site.build().published, "{name}");
        assert_eq!(check_clusters(name, &site), 0, "{name}");
        assert!(!site.read("sitemap.xml").contains("hreflang"), "{name}");
    }
}
