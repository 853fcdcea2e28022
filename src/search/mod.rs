//! Site search: a static, chunked search index per language, written at
//! build time under `/pagefind/`, searched in the browser with no service.
//!
//! The index is built by Pagefind's Rust library: it stems words for each
//! language it knows (English, Spanish, Arabic, French... and splits
//! Chinese into words), splits the index into small chunks so a browser
//! only fetches the part a query needs, and ships its own search code
//! (`pagefind.js`, a web worker and one WebAssembly file per language),
//! which we write beside the index. The theme's `js/search.js` drives it.
//!
//! What is indexed is [`Page::is_findable`](crate::site::Page::is_findable):
//! no drafts, no expired alerts, no `search: false` pages. Each page is
//! indexed from a small document ([`text::document`]) in which its title and
//! aliases weigh most, then its summary and tags, then its body.

mod text;

use crate::dates::Date;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::site::Site;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::path::Path;

/// The folder (under the output root) the index and its scripts go to.
pub const FOLDER: &str = "pagefind";

/// What the search stage wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Indexed {
    /// Pages in the index (all languages).
    pub pages: usize,
    /// Files written under [`FOLDER`].
    pub files: usize,
}

/// Indexes every findable page of `site` on `today` and writes the index.
pub fn write(site: &Site, today: Date, output: &dyn Output) -> Result<Indexed> {
    let documents: Vec<(String, String)> = site
        .pages
        .iter()
        .filter(|p| p.is_findable(today))
        .map(|p| (p.url.clone(), text::document(p)))
        .collect();
    let pages = documents.len();
    let files = build(documents)?;
    let mut written = 0;
    for (name, bytes) in &files {
        output.write(&Path::new(FOLDER).join(name), bytes)?;
        written += 1;
    }
    Ok(Indexed {
        pages,
        files: written,
    })
}

/// Runs the indexer over `(url, document)` pairs and returns the files to
/// publish, by path under [`FOLDER`], sorted.
fn build(documents: Vec<(String, String)>) -> Result<Vec<(String, Vec<u8>)>> {
    let failed = |e: &dyn std::fmt::Display| Error::Search(e.to_string());
    // The library is asynchronous; a single-threaded runtime for this stage
    // is all it needs (it hands its CPU work to its own blocking threads).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failed(&e))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed(&e))?;
        for (url, html) in documents {
            index
                .add_html_file(None, Some(url), html)
                .await
                .map_err(|e| failed(&e))?;
        }
        let mut files: Vec<(String, Vec<u8>)> = index
            .get_files()
            .await
            .map_err(|e| failed(&e))?
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .filter(|(name, _)| is_published(name))
            .collect();
        files.sort();
        Ok(files)
    })
}

/// The files the browser needs: the index, the search code and its
/// WebAssembly. Pagefind's ready-made interfaces and playground are left out
/// (the theme has its own accessible search box).
fn is_published(name: &str) -> bool {
    const UNUSED: [&str; 4] = [
        "pagefind-ui",
        "pagefind-modular-ui",
        "pagefind-component-ui",
        "pagefind-highlight",
    ];
    !UNUSED.iter().any(|prefix| name.starts_with(prefix)) && !name.starts_with("playground")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: &str, url: &str, title: &str, body: &str) -> (String, String) {
        (
            url.to_string(),
            format!(
                "<html lang=\"{lang}\"><body><h1 data-pagefind-weight=\"10\">{title}</h1><p>{body}</p></body></html>"
            ),
        )
    }

    #[test]
    fn index_has_a_language_per_site_language_and_no_ready_made_ui() {
        let files = build(vec![
            page("en", "/en/bp/", "High blood pressure", "Salt raises it."),
            page("es", "/es/bp/", "Presión arterial alta", "La sal la sube."),
            page("ar", "/ar/bp/", "ضغط الدم المرتفع", "الملح يرفعه."),
        ])
        .unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        for needed in [
            "pagefind.js",
            "pagefind-worker.js",
            "pagefind-entry.json",
            "wasm.en.pagefind",
            "wasm.es.pagefind",
            "wasm.ar.pagefind",
        ] {
            assert!(names.contains(&needed), "{needed} missing from {names:?}");
        }
        assert!(names.iter().any(|n| n.starts_with("index/en_")));
        assert!(names.iter().any(|n| n.starts_with("fragment/ar_")));
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
        let entry = &files
            .iter()
            .find(|(n, _)| n == "pagefind-entry.json")
            .unwrap()
            .1;
        let entry: serde_json::Value = serde_json::from_slice(entry).unwrap();
        for lang in ["en", "es", "ar"] {
            assert_eq!(entry["languages"][lang]["page_count"], 1, "{entry}");
        }
    }

    #[test]
    fn the_same_pages_give_the_same_files() {
        let pages = || {
            (0..30)
                .map(|i| {
                    page(
                        "en",
                        &format!("/en/p{i}/"),
                        &format!("Topic {i}"),
                        "Words here.",
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(build(pages()).unwrap(), build(pages()).unwrap());
    }
}
