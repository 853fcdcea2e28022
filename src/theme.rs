//! Themes: templates, static files and UI strings.
//!
//! The default theme is compiled into the binary from `themes/default/`, so
//! an installed `pamphlet` needs no files beside it. A site can use a theme
//! folder of its own (`themes/<name>/`), and override single templates in
//! `templates/` and single UI strings in `i18n/<lang>.yaml`.

pub mod assets;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../themes/default/", $path)))),*]
    };
}

/// Every file of the default theme, relative to `themes/default/`.
pub const DEFAULT_FILES: &[(&str, &[u8])] = embedded![
    "theme.yaml",
    "templates/base.html",
    "templates/partials/page-list.html",
    "templates/partials/review.html",
    "templates/partials/social-meta.html",
    "templates/partials/alerts.html",
    "templates/partials/share.html",
    "templates/home.html",
    "templates/section.html",
    "templates/article.html",
    "templates/tags.html",
    "templates/tag.html",
    "templates/404.html",
    "templates/language.html",
    "templates/share/card.svg",
    "static/css/pamphlet.css",
    "static/fonts/OFL.txt",
    "static/fonts/atkinson-hyperlegible-latin-400-normal.woff2",
    "static/fonts/atkinson-hyperlegible-latin-400-italic.woff2",
    "static/fonts/atkinson-hyperlegible-latin-700-normal.woff2",
    "static/fonts/atkinson-hyperlegible-latin-700-italic.woff2",
    "static/fonts/atkinson-hyperlegible-latin-ext-400-normal.woff2",
    "static/fonts/atkinson-hyperlegible-latin-ext-400-italic.woff2",
    "static/fonts/atkinson-hyperlegible-latin-ext-700-normal.woff2",
    "static/fonts/atkinson-hyperlegible-latin-ext-700-italic.woff2",
    "templates/a-z.html",
    "templates/search.html",
    "templates/partials/search-box.html",
    "templates/people.html",
    "templates/partials/disclaimer.html",
    "templates/partials/contents.html",
    "templates/partials/related.html",
    "templates/partials/pagination.html",
    "static/css/search.css",
    "static/js/search.js",
    "templates/status.html",
    "templates/partials/updates.html",
    "templates/partials/status-strip.html",
    "i18n/en.yaml",
    "i18n/es.yaml",
    "i18n/ar.yaml",
    "i18n/fr.yaml",
    "i18n/zh-Hans.yaml",
];

/// A theme ready to use: file contents, whatever they came from.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub name: String,
    /// Template name (`article.html`) → source.
    pub templates: BTreeMap<String, String>,
    /// Where each template came from, for error messages.
    pub template_origins: BTreeMap<String, PathBuf>,
    /// Files copied to the output root, relative to the theme's `static/`.
    pub static_files: BTreeMap<PathBuf, Cow<'static, [u8]>>,
    /// Language code → YAML text of UI strings, in override order (theme first, then site).
    pub i18n: BTreeMap<String, Vec<(PathBuf, String)>>,
    /// `colors:` of theme.yaml (`primary`, `background`, `text`, `on_primary`).
    pub colors: BTreeMap<String, String>,
}

impl Theme {
    /// A colour of the theme, or `fallback` when missing or not a plain
    /// CSS colour (`#0b5c8c`, `white`): the value ends up inside SVG.
    pub fn color(&self, name: &str, fallback: &str) -> String {
        self.colors
            .get(name)
            .map(|c| c.trim())
            .filter(|c| {
                let hex = c.strip_prefix('#').is_some_and(|h| {
                    matches!(h.len(), 3 | 4 | 6 | 8) && h.chars().all(|x| x.is_ascii_hexdigit())
                });
                hex || (!c.is_empty() && c.chars().all(|x| x.is_ascii_alphabetic()))
            })
            .map_or_else(|| fallback.to_string(), str::to_string)
    }
}

/// Reads `colors:` from a theme.yaml text (anything unreadable is ignored:
/// every colour has a default).
fn colors_of(text: &str) -> BTreeMap<String, String> {
    match crate::yaml::parse_value(text) {
        Ok(serde_json::Value::Object(map)) => match map.get("colors") {
            Some(serde_json::Value::Object(colors)) => colors
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                .collect(),
            _ => BTreeMap::new(),
        },
        _ => BTreeMap::new(),
    }
}

/// Loads the site's theme with the site's own overrides applied. Every
/// file is read through the site's boundary: a link in `themes/`,
/// `templates/` or `i18n/` that leaves the site is an error in the
/// returned diagnostics, and nothing is read from it.
pub fn load(config: &Config) -> Result<(Theme, Diagnostics)> {
    let mut found = Diagnostics::new();
    let dir = Path::new("themes").join(&config.theme);
    let files = Files {
        boundary: &config.boundary,
    };
    if config.boundary.leaves(&dir).is_some() {
        return Err(Error::Usage(format!(
            "the theme folder `{}` is a link to a place outside the site folder; copy the theme into the site instead",
            dir.display()
        )));
    }
    let mut theme = if config.boundary.root().join(&dir).is_dir() {
        from_dir(&config.theme, &dir, &files, &mut found)?
    } else if config.theme == "default" {
        embedded_default()
    } else {
        return Err(Error::Usage(format!(
            "the theme `{}` named in site.yaml was not found: there is no folder `themes/{}`",
            config.theme, config.theme
        )));
    };
    // Site-level overrides.
    let templates = Path::new("templates");
    for (rel, text) in files.texts(templates, &mut found)? {
        let name = rel.to_string_lossy().replace('\\', "/");
        theme
            .template_origins
            .insert(name.clone(), templates.join(&rel));
        theme.templates.insert(name, text);
    }
    add_i18n_dir(&mut theme, Path::new("i18n"), &files, &mut found)?;
    Ok((theme, found))
}

/// Reads the files of a folder of the site through its boundary.
struct Files<'a> {
    boundary: &'a crate::boundary::Boundary,
}

impl Files<'_> {
    fn full(&self, rel: &Path) -> PathBuf {
        self.boundary.root().join(rel)
    }

    /// Each file under `dir` (relative to the site root), with its path
    /// relative to `dir`, as text.
    fn texts(&self, dir: &Path, found: &mut Diagnostics) -> Result<Vec<(PathBuf, String)>> {
        crate::discover::files_under(self.boundary, dir, found)
            .into_iter()
            .map(|rel| {
                let path = self.full(&dir.join(&rel));
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                Ok((rel, text))
            })
            .collect()
    }
}

/// The default theme as compiled into the binary.
pub fn embedded_default() -> Theme {
    let mut theme = Theme {
        name: "default".to_string(),
        ..Theme::default()
    };
    for (path, bytes) in DEFAULT_FILES {
        let shown = Path::new("themes/default").join(path);
        if *path == "theme.yaml" {
            theme.colors = colors_of(&String::from_utf8_lossy(bytes));
        } else if let Some(name) = path.strip_prefix("templates/") {
            theme.templates.insert(
                name.to_string(),
                String::from_utf8_lossy(bytes).into_owned(),
            );
            theme.template_origins.insert(name.to_string(), shown);
        } else if let Some(rel) = path.strip_prefix("static/") {
            theme
                .static_files
                .insert(PathBuf::from(rel), Cow::Borrowed(*bytes));
        } else if let Some(file) = path.strip_prefix("i18n/") {
            let lang = file.trim_end_matches(".yaml").to_string();
            theme
                .i18n
                .entry(lang)
                .or_default()
                .push((shown, String::from_utf8_lossy(bytes).into_owned()));
        }
    }
    theme
}

fn from_dir(name: &str, dir: &Path, files: &Files, found: &mut Diagnostics) -> Result<Theme> {
    let mut theme = Theme {
        name: name.to_string(),
        ..Theme::default()
    };
    let settings = dir.join("theme.yaml");
    if let Ok(bytes) = files.boundary.read(&settings) {
        theme.colors = colors_of(&String::from_utf8_lossy(&bytes));
    }
    let templates = dir.join("templates");
    for (rel, text) in files.texts(&templates, found)? {
        let template = rel.to_string_lossy().replace('\\', "/");
        theme
            .template_origins
            .insert(template.clone(), templates.join(&rel));
        theme.templates.insert(template, text);
    }
    let statics = dir.join("static");
    for rel in crate::discover::files_under(files.boundary, &statics, found) {
        let path = files.full(&statics.join(&rel));
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        theme.static_files.insert(rel, Cow::Owned(bytes));
    }
    add_i18n_dir(&mut theme, &dir.join("i18n"), files, found)?;
    Ok(theme)
}

fn add_i18n_dir(
    theme: &mut Theme,
    dir: &Path,
    files: &Files,
    found: &mut Diagnostics,
) -> Result<()> {
    for (rel, text) in files.texts(dir, found)? {
        if rel.extension().is_none_or(|e| e != "yaml") || rel.components().count() != 1 {
            continue;
        }
        let lang = rel.with_extension("").to_string_lossy().into_owned();
        theme
            .i18n
            .entry(lang)
            .or_default()
            .push((dir.join(&rel), text));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_colours_are_read_and_checked() {
        let theme = embedded_default();
        assert_eq!(theme.color("primary", "#000"), "#0b5c8c");
        assert_eq!(theme.color("missing", "#123456"), "#123456");
        let mut odd = Theme::default();
        odd.colors
            .insert("primary".into(), "red\" onload=\"x".into());
        assert_eq!(odd.color("primary", "#000"), "#000");
    }

    #[test]
    fn every_default_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let boundary = crate::boundary::Boundary::new(&dir);
        let mut found = Diagnostics::new();
        let on_disk: Vec<String> =
            crate::discover::files_under(&boundary, Path::new(""), &mut found)
                .into_iter()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .filter(|p| {
                    !p.starts_with("fonts/")
                        && !p.ends_with("LICENSE.txt")
                        && !p.ends_with("README.md")
                })
                .collect();
        let mut embedded: Vec<String> = DEFAULT_FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        let mut on_disk_sorted = on_disk;
        on_disk_sorted.sort();
        assert_eq!(
            embedded, on_disk_sorted,
            "update DEFAULT_FILES in src/theme.rs"
        );
    }

    /// The custom properties of the first `:root` block after `marker`.
    fn palette(css: &str, marker: &str) -> BTreeMap<String, crate::contrast::Rgb> {
        let start = css.find(marker).expect(marker);
        let block = &css[start..];
        let block = &block[block.find(":root").unwrap()..];
        let block = &block[block.find('{').unwrap() + 1..block.find('}').unwrap()];
        block
            .split(';')
            .filter_map(|decl| {
                let (name, value) = decl.split_once(':')?;
                let name = name.trim().strip_prefix("--")?;
                Some((name.to_string(), crate::contrast::Rgb::parse(value)?))
            })
            .collect()
    }

    #[test]
    fn the_palette_meets_wcag_aa_in_light_and_dark_schemes() {
        use crate::contrast::{AA_NON_TEXT, AA_TEXT, ratio};
        use crate::markdown::highlight::{CODE_BACKGROUND_DARK, CODE_BACKGROUND_LIGHT};
        let css = std::str::from_utf8(
            DEFAULT_FILES
                .iter()
                .find(|(p, _)| *p == "static/css/pamphlet.css")
                .unwrap()
                .1,
        )
        .unwrap();
        for (scheme, marker, code_background) in [
            ("light", "/* The palette.", CODE_BACKGROUND_LIGHT),
            (
                "dark",
                "@media (prefers-color-scheme: dark)",
                CODE_BACKGROUND_DARK,
            ),
        ] {
            let colours = palette(css, marker);
            assert!(colours.len() >= 14, "{scheme}: {colours:?}");
            let c = |name: &str| colours[name];
            for background in ["bg", "surface", "review-bg", "notice-bg"] {
                for text in ["text", "muted", "link", "link-visited"] {
                    let r = ratio(c(text), c(background));
                    assert!(r >= AA_TEXT, "{scheme}: {text} on {background} is {r:.2}:1");
                }
            }
            assert!(
                ratio(c("accent-text"), c("accent")) >= AA_TEXT,
                "{scheme}: skip link"
            );
            for background in ["bg", "surface"] {
                assert!(
                    ratio(c("focus"), c(background)) >= AA_NON_TEXT,
                    "{scheme}: focus ring on {background}"
                );
            }
            // Care cards and callouts: label text on the card's colour,
            // and every border against the page and the callout's surface.
            for card in ["care-non-urgent", "care-urgent", "care-emergency"] {
                let r = ratio(c("care-label-text"), c(card));
                assert!(r >= AA_TEXT, "{scheme}: label on {card} is {r:.2}:1");
            }
            for border in [
                "care-non-urgent",
                "care-urgent",
                "care-emergency",
                "callout-note",
                "callout-tip",
                "callout-important",
                "callout-warning",
                "callout-caution",
            ] {
                for background in ["bg", "surface"] {
                    let r = ratio(c(border), c(background));
                    assert!(
                        r >= AA_NON_TEXT,
                        "{scheme}: {border} on {background} is {r:.2}:1"
                    );
                }
            }
            assert_eq!(
                c("surface"),
                crate::contrast::Rgb::parse(code_background).unwrap(),
                "{scheme}: code blocks are drawn on --surface"
            );
        }
    }
}
