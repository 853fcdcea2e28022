//! Fingerprinted theme files: every stylesheet, script and font of the
//! theme (and the generated `css/syntax.css`) is also published as
//! `<stem>.<hash>.<ext>`, the hash taken from the bytes published under that
//! name; pages link only those names, the stylesheet's fonts are its
//! fingerprinted fonts, `_headers` caches exactly those files for a year,
//! and a site's own file of the same name is what they carry.

use crate::support::*;
use pamphlet::output::Memory;
use pamphlet::pipeline::{self, Build, Scope, Target};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const FONT: &str = "fonts/atkinson-hyperlegible-latin-400-normal.woff2";

/// The plain path of a fingerprinted name (`css/a.0123456789.css` →
/// `css/a.css`), when it is one.
fn plain_of(path: &str) -> Option<String> {
    let (rest, ext) = path.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    let is_hash = hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    (is_hash && !hash.bytes().any(|b| b.is_ascii_uppercase())).then(|| format!("{stem}.{ext}"))
}

/// Fingerprinted output files, by plain path.
fn fingerprinted(site: &TestSite) -> BTreeMap<String, String> {
    site.output_files()
        .into_iter()
        .filter_map(|path| Some((plain_of(&path)?, path)))
        .collect()
}

fn bytes(site: &TestSite, path: &str) -> Vec<u8> {
    std::fs::read(site.public().join(path)).unwrap()
}

fn built(fixture: &str) -> TestSite {
    let site = TestSite::new(fixture);
    let report = site.build();
    assert!(report.published, "{fixture}: {:?}", report.diagnostics);
    site
}

/// The `href`s of a page's stylesheets and the `src`s of its scripts.
fn linked(page: &scraper::Html) -> Vec<String> {
    let mut links = select_attr(page, "link[rel=stylesheet]", "href");
    links.extend(select_attr(page, "script[src]", "src"));
    links
}

/// The output path a page links as its main stylesheet.
fn stylesheet(site: &TestSite, page: &str) -> String {
    let links = select_attr(&site.html(page), "link[rel=stylesheet]", "href");
    let main = links
        .iter()
        .find(|h| h.starts_with("/css/pamphlet."))
        .unwrap_or_else(|| panic!("{page}: {links:?}"));
    main.trim_start_matches('/').to_string()
}

/// The font addresses of a stylesheet, resolved against `css/`.
fn font_urls(css: &str) -> Vec<String> {
    css.split("url(\"../")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn every_theme_file_has_a_copy_named_by_the_hash_of_its_bytes() {
    let site = built("sites/a11y");
    let copies = fingerprinted(&site);
    let expected: BTreeSet<String> = site
        .output_files()
        .into_iter()
        .filter(|p| plain_of(p).is_none())
        .filter(|p| p.starts_with("css/") || p.starts_with("js/") || p.starts_with("fonts/"))
        .filter(|p| !p.ends_with(".txt"))
        .collect();
    assert_eq!(
        copies.keys().cloned().collect::<BTreeSet<_>>(),
        expected,
        "one copy per theme stylesheet, script and font"
    );
    assert_eq!(copies.len(), 12, "{copies:?}");
    for (plain, copy) in &copies {
        let published = bytes(&site, copy);
        let hash = blake3::hash(&published).to_hex();
        assert_eq!(plain_of(copy).as_deref(), Some(plain.as_str()));
        assert!(copy.contains(&format!(".{}.", &hash[..10])), "{copy}");
        if !plain.starts_with("css/pamphlet") {
            // Only a stylesheet naming other files differs from its plain copy.
            assert_eq!(published, bytes(&site, plain), "{plain}");
        }
    }
}

#[test]
fn pages_and_the_report_link_only_fingerprinted_names() {
    let site = TestSite::new("sites/a11y");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let copies: BTreeSet<String> = fingerprinted(&site).into_values().collect();
    let mut pages = 0;
    let mut with_code = 0;
    for path in site.output_files().iter().filter(|p| p.ends_with(".html")) {
        let page = site.html(path);
        for link in linked(&page) {
            let file = link.trim_start_matches('/');
            assert!(copies.contains(file), "{path} links {link}");
            with_code += usize::from(file.starts_with("css/syntax."));
        }
        let text = site.read(path);
        for plain in ["css/pamphlet.css", "css/search.css", "js/search.js"] {
            assert!(!text.contains(plain), "{path} names {plain}");
        }
        pages += 1;
    }
    assert!(
        pages > 20 && with_code > 0,
        "{pages} pages, {with_code} with code"
    );
    let article = linked(&site.html("en/heart/high-blood-pressure/index.html"));
    assert_eq!(article.len(), 4, "{article:?}");
    // The editorial report (private here) is styled by the same copy.
    let private = report.private_report.expect("a private report");
    let html = scraper::Html::parse_document(&std::fs::read_to_string(private).unwrap());
    assert_eq!(
        select_attr(&html, "link[rel=stylesheet]", "href"),
        [format!("/{}", stylesheet(&site, "en/index.html"))]
    );
}

#[test]
fn the_stylesheet_names_the_fingerprinted_fonts() {
    let site = built("sites/minimal");
    let css_path = stylesheet(&site, "en/hello/index.html");
    let css = site.read(&css_path);
    let fonts = font_urls(&css);
    assert_eq!(fonts.len(), 8, "{fonts:?}");
    let copies = fingerprinted(&site);
    for font in &fonts {
        let plain = plain_of(font).unwrap_or_else(|| panic!("{font} has no hash"));
        assert_eq!(copies[&plain], *font);
        assert_eq!(bytes(&site, font), bytes(&site, &plain), "{font}");
    }
    // The plain stylesheet, for themes that hard-code it, keeps the plain fonts.
    for font in font_urls(&site.read("css/pamphlet.css")) {
        assert!(plain_of(&font).is_none() && site.exists(&font), "{font}");
    }
}

#[test]
fn a_changed_font_renames_the_font_and_the_stylesheet() {
    let site = built("sites/minimal");
    let before = fingerprinted(&site);
    let css_before = stylesheet(&site, "en/hello/index.html");
    // The site's own copy of one font (another font's bytes) replaces the theme's.
    let other = bytes(&site, "fonts/atkinson-hyperlegible-latin-700-normal.woff2");
    std::fs::create_dir_all(site.root.join("static/fonts")).unwrap();
    std::fs::write(site.root.join("static").join(FONT), &other).unwrap();
    assert!(site.build().published);
    let after = fingerprinted(&site);
    let css_after = stylesheet(&site, "en/hello/index.html");
    assert_ne!(css_before, css_after);
    assert_ne!(before[FONT], after[FONT]);
    assert_eq!(bytes(&site, &after[FONT]), other);
    assert!(font_urls(&site.read(&css_after)).contains(&after[FONT]));
    for unchanged in ["css/search.css", "js/search.js", "css/syntax.css"] {
        assert_eq!(before[unchanged], after[unchanged], "{unchanged}");
    }
    // The old names are gone with the old output.
    assert!(!site.exists(&css_before) && !site.exists(&before[FONT]));
}

/// `_headers` as (path → header lines) blocks.
fn header_blocks(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut blocks: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = None;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if let Some(header) = line.strip_prefix("  ") {
            let path: &String = current.as_ref().expect("a header under a path");
            blocks.get_mut(path).unwrap().push(header.to_string());
        } else {
            assert!(
                blocks.insert(line.to_string(), Vec::new()).is_none(),
                "{line}"
            );
            current = Some(line.to_string());
        }
    }
    blocks
}

#[test]
fn headers_cache_exactly_the_fingerprinted_files_for_a_year() {
    let site = built("sites/minimal");
    let blocks = header_blocks(&site.read("_headers"));
    let immutable = "Cache-Control: public, max-age=31536000, immutable".to_string();
    let cached: BTreeSet<String> = blocks
        .iter()
        .filter(|(_, headers)| headers.contains(&immutable))
        .map(|(path, _)| path.clone())
        .collect();
    let copies: BTreeSet<String> = fingerprinted(&site)
        .into_values()
        .map(|p| format!("/{p}"))
        .collect();
    assert_eq!(cached, copies);
    for (path, headers) in &blocks {
        if path != "/*" {
            assert_eq!(headers, std::slice::from_ref(&immutable), "{path}");
        }
    }
    let all = &blocks["/*"];
    assert!(
        !all.iter().any(|h| h.starts_with("Cache-Control")),
        "{all:?}"
    );
    for name in [
        "Content-Security-Policy: default-src 'self';",
        "Referrer-Policy: strict-origin-when-cross-origin",
        "X-Content-Type-Options: nosniff",
        "Permissions-Policy:",
    ] {
        assert!(all.iter().any(|h| h.starts_with(name)), "{name}: {all:?}");
    }
}

#[test]
fn under_a_base_path_the_addresses_carry_it() {
    let site = TestSite::new("sites/minimal");
    let mut options = site.options();
    options.base_url = Some("https://minimal.example.org/health/".into());
    assert!(site.build_with(&options).published);
    let links = linked(&site.html("en/hello/index.html"));
    let copies = fingerprinted(&site);
    assert!(
        links.contains(&format!("/health/{}", copies["css/pamphlet.css"])),
        "{links:?}"
    );
    let blocks = header_blocks(&site.read("_headers"));
    assert!(blocks.contains_key(&format!("/health/{}", copies["js/search.js"])));
}

#[test]
fn a_site_stylesheet_of_the_same_name_is_what_pages_get() {
    let site = TestSite::new("sites/minimal");
    let own = format!(
        "/* The clinic's own stylesheet. */\nbody {{ color: #123; }}\n@font-face {{ font-family: Own; src: url(\"../{FONT}\"); }}\n"
    );
    std::fs::create_dir_all(site.root.join("static/css")).unwrap();
    std::fs::write(site.root.join("static/css/pamphlet.css"), &own).unwrap();
    assert!(site.build().published);
    // Under its plain name, exactly the site's file.
    assert_eq!(site.read("css/pamphlet.css"), own);
    // The page links a copy of it, its font pointing at the font's copy.
    let linked = site.read(&stylesheet(&site, "en/hello/index.html"));
    let copies = fingerprinted(&site);
    assert_eq!(linked, own.replace(FONT, &copies[FONT]));
    assert!(
        !linked.contains("--bg"),
        "nothing of the theme's stylesheet is left"
    );
}

#[test]
fn two_builds_write_the_same_bytes() {
    let first = built("sites/minimal");
    let second = built("sites/minimal");
    let files = first.output_files();
    assert_eq!(files, second.output_files());
    for path in &files {
        assert_eq!(bytes(&first, path), bytes(&second, path), "{path}");
    }
    assert_eq!(fingerprinted(&first).len(), 12);
}

/// The main stylesheet a page of the preview links (`/css/pamphlet.….css`).
fn previewed_stylesheet(build: &Build, page: &str) -> String {
    let page = String::from_utf8(build.files()[Path::new(page)].to_vec()).unwrap();
    let links = select_attr(
        &scraper::Html::parse_document(&page),
        "link[rel=stylesheet]",
        "href",
    );
    let main = links.iter().find(|h| h.starts_with("/css/pamphlet."));
    main.unwrap_or_else(|| panic!("{links:?}")).clone()
}

/// What a full build into memory writes.
fn full_build(site: &TestSite) -> BTreeMap<std::path::PathBuf, Vec<u8>> {
    let memory = Memory::default();
    pipeline::run(&site.options(), Target::Memory(&memory)).unwrap();
    memory.into_files()
}

#[test]
fn the_preview_renames_everywhere_when_a_site_file_replaces_a_theme_file() {
    let site = TestSite::new("sites/live-preview");
    let mut build = Build::new(site.options());
    assert!(build.full().unwrap().report.published);
    let page = "en/heart/salt/index.html";
    let before = previewed_stylesheet(&build, page);
    let same_as_full_build = |build: &Build, what: &str| {
        let kept: BTreeMap<std::path::PathBuf, Vec<u8>> = build
            .files()
            .into_iter()
            .map(|(path, bytes)| (path.to_path_buf(), bytes.to_vec()))
            .collect();
        assert!(
            kept == full_build(&site),
            "{what}: not what a full build writes"
        );
    };
    let own = site.root.join("static/css/pamphlet.css");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(&own, "body { color: #123; }\n").unwrap();
    let rebuild = build.update(std::slice::from_ref(&own)).unwrap().unwrap();
    assert_eq!(rebuild.scope, Scope::Everything);
    same_as_full_build(&build, "own stylesheet");
    let after = previewed_stylesheet(&build, page);
    assert_ne!(before, after);
    let files = build.files();
    assert!(files.contains_key(Path::new(after.trim_start_matches('/'))));
    assert!(!files.contains_key(Path::new(before.trim_start_matches('/'))));
    std::fs::remove_file(&own).unwrap();
    let rebuild = build.update(std::slice::from_ref(&own)).unwrap().unwrap();
    assert_eq!(rebuild.scope, Scope::Everything);
    same_as_full_build(&build, "own stylesheet removed");
    assert_eq!(previewed_stylesheet(&build, page), before);
}

#[test]
fn the_preview_serves_the_fingerprinted_copies_pages_link() {
    let p = crate::serve::Preview::start();
    let page = p.get("/en/heart/high-blood-pressure/");
    assert_eq!(page.status, 200);
    let mut options = p.site.options();
    options.base_url = Some(p.server.url().to_string());
    let memory = Memory::default();
    pipeline::run(&options, Target::Memory(&memory)).unwrap();
    let built = memory.into_files();
    let links = linked(&scraper::Html::parse_document(&page.body));
    let theirs: Vec<&String> = links
        .iter()
        .filter(|l| !l.starts_with("/_pamphlet/"))
        .collect();
    assert_eq!(theirs.len(), 3, "{links:?}");
    for link in theirs {
        let file = link.trim_start_matches('/');
        assert!(plain_of(file).is_some(), "{link}");
        let reply = p.get(link);
        assert_eq!(
            (reply.status, reply.cache.as_str()),
            (200, "no-store"),
            "{link}"
        );
        assert_eq!(reply.body.as_bytes(), &built[Path::new(file)][..], "{link}");
    }
}
