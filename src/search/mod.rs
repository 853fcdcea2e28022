//! Site search: a static, sharded search index per language, written at
//! build time under `/search-index/<language>/` and searched in the browser
//! by the theme's `js/search.js`, with no service and nothing from another
//! host.
//!
//! Pagefind did this job until it became the slowest part of a large build
//! (20 s and 2.5 GB for 10,000 articles, most of it spent parsing HTML the
//! build had just written and compressing thousands of small files). This
//! index is built from text the build already has, in parallel, in a
//! fraction of a second; see [`index`] for the format and [`words`] for how
//! text becomes terms (the browser applies the same rules to a query).
//!
//! What is indexed is [`Page::is_findable`](crate::site::Page::is_findable):
//! no drafts, no expired alerts, no `search: false` pages. A page's title
//! and aliases weigh most, then its summary and tags, then its body.

mod index;
mod text;
mod words;

use crate::dates::Date;
use crate::error::Result;
use crate::output::Output;
use crate::site::{Page, Site};
use index::Record;
use rayon::prelude::*;
use std::path::Path;

/// The folder (under the output root) the indexes go to, one per language.
pub(crate) const FOLDER: &str = "search-index";

/// What the search stage wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Indexed {
    /// Pages in the index (all languages).
    pub pages: usize,
    /// Files written under [`FOLDER`].
    pub files: usize,
}

/// Indexes every findable page of `site` on `today` and writes the index
/// of each language.
pub(crate) fn write(site: &Site, today: Date, output: &dyn Output) -> Result<Indexed> {
    // Languages side by side: each has a serial part (joining postings)
    // that another language's work can fill in for.
    let per_language: Vec<Result<Indexed>> = site
        .config
        .languages
        .par_iter()
        .map(|language| {
            let pages: Vec<&Page> = site
                .pages
                .iter()
                .filter(|p| p.language == language.code && p.is_findable(today))
                .map(|p| &**p)
                .collect();
            let files = language_files(&pages);
            let folder = Path::new(FOLDER).join(&language.code);
            files
                .par_iter()
                .try_for_each(|(name, bytes)| output.write(&folder.join(name), bytes))?;
            Ok(Indexed {
                pages: pages.len(),
                files: files.len(),
            })
        })
        .collect();
    per_language
        .into_iter()
        .try_fold(Indexed::default(), |total, language| {
            let language = language?;
            Ok(Indexed {
                pages: total.pages + language.pages,
                files: total.files + language.files,
            })
        })
}

/// Pages whose terms are gathered in parallel before joining the postings:
/// enough to keep both cores busy, few enough that a large site's term
/// lists are never all in memory at once.
const BATCH: usize = 1024;

/// The index files of one language's findable pages, in site order.
fn language_files(pages: &[&Page]) -> Vec<(String, Vec<u8>)> {
    let mut records = Vec::with_capacity(pages.len());
    let mut postings = index::Postings::default();
    let gather = |batch: &[&Page]| -> Vec<(Record, index::PageTerms)> {
        batch
            .par_iter()
            .map(|page| {
                let record = Record {
                    url: page.url.clone(),
                    title: page.meta.title.clone(),
                    summary: page.meta.summary.clone(),
                    aliases: page.meta.aliases.join(", "),
                };
                (record, index::page_terms(&text::fields(page)))
            })
            .collect()
    };
    // Joining a batch's postings is serial: the next batch's terms are
    // gathered meanwhile.
    let mut batches = pages.chunks(BATCH);
    let mut ready = batches.next().map(gather);
    while let Some(terms) = ready.take() {
        let next = batches.next();
        let ((), gathered) = rayon::join(
            || {
                for (record, page_terms) in terms {
                    records.push(record);
                    postings.add(&page_terms);
                }
            },
            || next.map(gather),
        );
        ready = gathered;
    }
    index::files(records, postings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, url: &str) -> Page {
        let mut page = Page::test_article();
        std::sync::Arc::make_mut(&mut page.meta).title = title.to_string();
        page.url = url.to_string();
        page
    }

    #[test]
    fn the_same_pages_give_the_same_files() {
        let pages: Vec<Page> = (0..100)
            .map(|i| page(&format!("Topic {i} fever"), &format!("/en/p{i}/")))
            .collect();
        let refs: Vec<&Page> = pages.iter().collect();
        let first = language_files(&refs);
        assert_eq!(first, language_files(&refs));
        assert!(first.iter().any(|(n, _)| n == "pages/1.json"));
    }
}
