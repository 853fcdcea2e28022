//! Fingerprinted copies of the theme's stylesheets, scripts and fonts.
//!
//! Each such file (and the generated `css/syntax.css`) is also published as
//! `<stem>.<hash>.<ext>` (`css/pamphlet.3f2a9c01de.css`), the hash being
//! the first ten hex digits of the BLAKE3 hash of the bytes published under
//! that name. A name that changes whenever the bytes do can be cached
//! forever (the `_headers` file says so); templates link these names through
//! the `asset(path=…)` function, and the unhashed copies stay for themes
//! that write the plain address.
//!
//! A site's own `static/` file of the same name wins over the theme's, as it
//! does for the plain copy: the fingerprinted name then carries the site's
//! bytes. Fonts and scripts are hashed first; a stylesheet's `url(…)`
//! references to other fingerprinted files are then rewritten to their
//! hashed names before the stylesheet is hashed, so a new font gives the
//! stylesheet a new name too. The mapping is made once per build, from
//! sorted maps, so the same files always give the same names.

use super::Theme;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// The file types that get a fingerprinted copy.
const FINGERPRINTED: &[&str] = &["css", "js", "mjs", "woff2", "woff", "ttf", "otf"];

/// Hex digits of the content hash kept in a name: 40 bits, so two versions
/// of one file sharing a name is a one-in-a-trillion event.
const HASH_DIGITS: usize = 10;

/// The fingerprinted files of one build and the addresses templates link.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// The site's root URL (`/` or `/health/`), which every address starts with.
    root: String,
    /// Plain path (`css/pamphlet.css`) → its fingerprinted copy.
    files: BTreeMap<String, Fingerprinted>,
    /// Files the build makes beside the theme's own (`css/syntax.css`), by
    /// plain path, as made (before any site file of the same name).
    generated: BTreeMap<String, Arc<[u8]>>,
}

/// One fingerprinted copy.
#[derive(Debug, Clone)]
pub struct Fingerprinted {
    /// Relative to the output root: `css/pamphlet.3f2a9c01de.css`.
    pub path: String,
    /// The bytes published under that name.
    pub bytes: Arc<[u8]>,
}

impl Assets {
    /// Fingerprints the theme's files and `generated` ones (path relative
    /// to the output root, bytes), each replaced by the site's own file of
    /// the same name when `site_file` has one. `root` is the site's root URL.
    pub fn new(
        theme: &Theme,
        generated: &[(&str, &[u8])],
        site_file: &dyn Fn(&str) -> Option<Vec<u8>>,
        root: &str,
    ) -> Assets {
        let mut sources: BTreeMap<String, Cow<'_, [u8]>> = BTreeMap::new();
        let theme_files = theme
            .static_files
            .iter()
            .map(|(rel, bytes)| (rel.to_string_lossy().replace('\\', "/"), &bytes[..]));
        for (path, bytes) in theme_files.chain(generated.iter().map(|(p, b)| (p.to_string(), *b))) {
            if !is_fingerprinted(&path) {
                continue;
            }
            let bytes = site_file(&path).map_or(Cow::Borrowed(bytes), Cow::Owned);
            sources.insert(path, bytes);
        }
        let mut files = BTreeMap::new();
        for (path, bytes) in &sources {
            if !is_css(path) {
                files.insert(path.clone(), fingerprint(path, bytes.to_vec()));
            }
        }
        let stylesheets: Vec<&String> = sources.keys().filter(|p| is_css(p)).collect();
        for path in stylesheets {
            hash_stylesheet(path, &sources, &mut files, &mut BTreeSet::new());
        }
        Assets {
            root: root.to_string(),
            files,
            generated: generated
                .iter()
                .map(|(p, b)| (p.to_string(), Arc::from(*b)))
                .collect(),
        }
    }

    /// [`Assets::new`] with the site's files read from its `static/` folder
    /// through its boundary (a link leaving the site is not read: discovery
    /// reports it and does not copy it, so the theme's file stays).
    pub fn of_site(
        theme: &Theme,
        generated: &[(&str, &[u8])],
        boundary: &crate::boundary::Boundary,
        root: &str,
    ) -> Assets {
        let read = |path: &str| boundary.read(&Path::new("static").join(path)).ok();
        Assets::new(theme, generated, &read, root)
    }

    /// The address a template links for a file of the theme (`css/pamphlet.css`):
    /// its fingerprinted copy, or the file's plain address when it has none
    /// (an image, or a file only the site has).
    pub fn url(&self, path: &str) -> String {
        let path = path.trim_start_matches('/');
        let published = self.files.get(path).map_or(path, |f| f.path.as_str());
        format!("{}{published}", self.root)
    }

    /// The fingerprinted copies, by plain path, in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Fingerprinted)> {
        self.files.iter().map(|(plain, f)| (plain.as_str(), f))
    }

    /// The files the build makes beside the theme's own, under their plain
    /// paths (a site's file of the same name is copied over them later).
    pub fn generated(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.generated.iter().map(|(p, b)| (p.as_str(), &b[..]))
    }

    /// The addresses of the fingerprinted copies, sorted (for `_headers`).
    pub fn urls(&self) -> Vec<String> {
        let mut urls: Vec<String> = self
            .files
            .values()
            .map(|f| format!("{}{}", self.root, f.path))
            .collect();
        urls.sort();
        urls
    }

    /// Whether a plain path (relative to the output root) has a
    /// fingerprinted copy: the site's own file there changes its name.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next()?;
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty()).then_some(ext)
}

fn is_css(path: &str) -> bool {
    extension(path).is_some_and(|e| e.eq_ignore_ascii_case("css"))
}

fn is_fingerprinted(path: &str) -> bool {
    extension(path).is_some_and(|e| FINGERPRINTED.iter().any(|f| e.eq_ignore_ascii_case(f)))
}

/// `css/pamphlet.css` with these bytes → `css/pamphlet.<hash>.css`.
fn fingerprint(path: &str, bytes: Vec<u8>) -> Fingerprinted {
    let hash = blake3::hash(&bytes).to_hex();
    let (stem, ext) = path.rsplit_once('.').unwrap_or((path, ""));
    Fingerprinted {
        path: format!("{stem}.{}.{ext}", &hash[..HASH_DIGITS]),
        bytes: bytes.into(),
    }
}

/// Hashes a stylesheet after the stylesheets it refers to (`visiting` keeps
/// a circle of them from looping: the reference that closes it keeps its
/// plain name, whose file is published too).
fn hash_stylesheet(
    path: &str,
    sources: &BTreeMap<String, Cow<'_, [u8]>>,
    files: &mut BTreeMap<String, Fingerprinted>,
    visiting: &mut BTreeSet<String>,
) {
    if files.contains_key(path) || !visiting.insert(path.to_string()) {
        return;
    }
    let bytes = &sources[path];
    let Ok(text) = std::str::from_utf8(bytes) else {
        // Not UTF-8: published as it is, references and all.
        files.insert(path.to_string(), fingerprint(path, bytes.to_vec()));
        return;
    };
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    for reference in references(text) {
        if let Some(target) = resolve(dir, reference.target(text))
            && is_css(&target)
            && sources.contains_key(&target)
        {
            hash_stylesheet(&target, sources, files, visiting);
        }
    }
    let rewritten = rewrite(text, dir, files);
    files.insert(path.to_string(), fingerprint(path, rewritten.into_bytes()));
}

/// Where one `url(…)` reference's address is in a stylesheet (without its
/// quotes and the spaces around it).
struct Reference {
    start: usize,
    end: usize,
}

impl Reference {
    fn target<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Every `url(…)` of a stylesheet, in order. Comments are not told apart:
/// a reference in one is rewritten like any other, which changes nothing.
fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("url(") {
        let open = from + at + "url(".len();
        let Some(close) = text[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = &text[open..close];
        let trimmed = inner.trim_start();
        let mut start = open + (inner.len() - trimmed.len());
        let mut end = open + inner.trim_end().len();
        if let Some(quote) = text[start..end]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))
            && end - start >= 2
            && text[..end].ends_with(quote)
        {
            start += 1;
            end -= 1;
        }
        found.push(Reference { start, end });
        from = close + 1;
    }
    found
}

/// The output path an address in a stylesheet of folder `dir` names, when
/// it is a relative address inside the site (`../fonts/a.woff2` in `css/`
/// → `fonts/a.woff2`); its query and fragment are left out.
fn resolve(dir: &str, address: &str) -> Option<String> {
    let address = address.split(['?', '#']).next()?;
    let is_relative = !address.is_empty()
        && !address.starts_with('/')
        && !address.contains(':')
        && !address.contains('\\');
    if !is_relative {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in address.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some(parts.join("/"))
}

/// The stylesheet with each reference to a fingerprinted file pointing at
/// its copy: only the file name changes, since the copy sits beside the
/// plain file (`../fonts/a.woff2?v=2` → `../fonts/a.1b2c3d4e5f.woff2?v=2`).
fn rewrite(text: &str, dir: &str, files: &BTreeMap<String, Fingerprinted>) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut copied = 0;
    for reference in references(text) {
        let address = reference.target(text);
        let Some(copy) = resolve(dir, address).and_then(|target| files.get(&target)) else {
            continue;
        };
        let path_end = address.find(['?', '#']).unwrap_or(address.len());
        let name_start = address[..path_end].rfind('/').map_or(0, |s| s + 1);
        let new_name = copy.path.rsplit('/').next().unwrap_or(&copy.path);
        out.push_str(&text[copied..reference.start + name_start]);
        out.push_str(new_name);
        copied = reference.start + path_end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn theme(files: &[(&str, &str)]) -> Theme {
        let mut theme = Theme::default();
        for (path, text) in files {
            theme
                .static_files
                .insert(PathBuf::from(path), Cow::Owned(text.as_bytes().to_vec()));
        }
        theme
    }

    fn none(_: &str) -> Option<Vec<u8>> {
        None
    }

    #[test]
    fn names_carry_the_hash_of_the_published_bytes() {
        let t = theme(&[
            ("js/a.js", "x()"),
            ("img/logo.png", "png"),
            ("fonts/OFL.txt", "l"),
        ]);
        let assets = Assets::new(&t, &[("css/syntax.css", b"pre{}")], &none, "/health/");
        let names: Vec<&str> = assets.files().map(|(p, _)| p).collect();
        assert_eq!(names, ["css/syntax.css", "js/a.js"]);
        let (_, js) = assets.files().nth(1).unwrap();
        let hash = blake3::hash(b"x()").to_hex();
        assert_eq!(js.path, format!("js/a.{}.js", &hash[..10]));
        assert_eq!(assets.url("js/a.js"), format!("/health/{}", js.path));
        assert_eq!(assets.url("img/logo.png"), "/health/img/logo.png");
        assert_eq!(assets.urls().len(), 2);
    }

    #[test]
    fn stylesheets_point_at_the_fingerprinted_fonts() {
        let css = "@font-face{src:url(\"../fonts/a.woff2\") format(\"woff2\"), URL( '../fonts/b.woff?v=1#x' ), url(data:font/woff2;base64,AA), url(/fonts/a.woff2), url(../img/x.png)}@import url(more.css);";
        let t = theme(&[
            ("css/main.css", css),
            ("css/more.css", "b{background:url(../fonts/a.woff2)}"),
            ("fonts/a.woff2", "A"),
            ("fonts/b.woff", "B"),
        ]);
        let assets = Assets::new(&t, &[], &none, "/");
        let copy = |p: &str| assets.files().find(|(q, _)| *q == p).unwrap().1.clone();
        let name = |p: &str| copy(p).path.rsplit('/').next().unwrap().to_string();
        let main = String::from_utf8(copy("css/main.css").bytes.to_vec()).unwrap();
        assert!(
            main.contains(&format!("url(\"../fonts/{}\")", name("fonts/a.woff2"))),
            "{main}"
        );
        assert!(
            main.contains(&format!("URL( '../fonts/{}?v=1#x' )", name("fonts/b.woff"))),
            "{main}"
        );
        assert!(main.contains("url(data:font/woff2;base64,AA)"), "{main}");
        assert!(main.contains("url(/fonts/a.woff2)"), "{main}");
        assert!(main.contains("url(../img/x.png)"), "{main}");
        assert!(
            main.contains(&format!("@import url({});", name("css/more.css"))),
            "{main}"
        );
        // A new font: a new name for the font and for both stylesheets.
        let mut changed = t.clone();
        changed
            .static_files
            .insert(PathBuf::from("fonts/a.woff2"), Cow::Borrowed(b"A2"));
        let again = Assets::new(&changed, &[], &none, "/");
        for path in ["fonts/a.woff2", "css/more.css", "css/main.css"] {
            assert_ne!(assets.url(path), again.url(path), "{path}");
        }
        assert_eq!(assets.url("fonts/b.woff"), again.url("fonts/b.woff"));
    }

    #[test]
    fn a_circle_of_stylesheets_ends() {
        let t = theme(&[
            ("a.css", "@import url(b.css);"),
            ("b.css", "@import url(a.css);"),
        ]);
        let assets = Assets::new(&t, &[], &none, "/");
        assert_eq!(assets.len(), 2);
        let b = &assets.files().nth(1).unwrap().1.bytes;
        assert_eq!(&b[..], b"@import url(a.css);");
    }

    #[test]
    fn the_site_file_of_the_same_name_wins() {
        let t = theme(&[("css/main.css", "theme"), ("css/syntax.css", "theme")]);
        let site = |p: &str| (p == "css/main.css").then(|| b"site".to_vec());
        let assets = Assets::new(&t, &[], &site, "/");
        let main = &assets.files().next().unwrap().1;
        assert_eq!(&main.bytes[..], b"site");
        assert!(assets.has("css/main.css") && !assets.has("css/other.css"));
    }

    #[test]
    fn addresses_resolve_inside_the_output_only() {
        assert_eq!(
            resolve("css", "../fonts/a.woff2").as_deref(),
            Some("fonts/a.woff2")
        );
        assert_eq!(
            resolve("css", "./x/../b.css?x").as_deref(),
            Some("css/b.css")
        );
        assert_eq!(resolve("css", "../../a.woff2"), None);
        assert_eq!(resolve("css", "https://e.org/a.woff2"), None);
        assert_eq!(resolve("css", "#f"), None);
        assert_eq!(extension("css/.css"), None);
        assert_eq!(extension("fonts/A.WOFF2"), Some("WOFF2"));
    }
}
