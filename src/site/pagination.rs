//! Paginated lists: which pages of the site model list their articles over
//! several numbered pages (`/en/heart/`, `/en/heart/page/2/`, …), and at
//! which addresses. `paginate_by:` in site.yaml sets the length (0: one
//! page holds every article).
//!
//! A long list is split because a phone on a metered connection should not
//! download a 700 KB tag page to read its first twenty entries. The split is
//! a pure function of the assembled model, so rendering, the sitemap and
//! link checks all see the same pages without the model storing them.

use super::{Page, PageId, PageKind, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};

/// The folder under a list's address that holds its later pages.
pub const FOLDER: &str = "page";

/// How many list pages `page` is shown on (1 for pages that list nothing
/// or are not paginated).
pub fn count(per_page: usize, page: &Page) -> usize {
    if per_page == 0 || !is_paginated(page) {
        return 1;
    }
    page.pages.len().div_ceil(per_page).max(1)
}

/// Whether a page's article list is split into numbered pages: sections,
/// tags and language homes (live-update topics show their entries instead).
fn is_paginated(page: &Page) -> bool {
    match page.kind {
        PageKind::Home | PageKind::Tag => true,
        PageKind::Section => !super::updates::is_topic(page),
        _ => false,
    }
}

/// The address of list page `number` (from 1) of a list at `first`.
pub fn url(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_string()
    } else {
        format!("{first}{FOLDER}/{number}/")
    }
}

/// The articles list page `number` (from 1) of `page` shows.
pub fn slice(per_page: usize, page: &Page, number: usize) -> &[PageId] {
    if per_page == 0 || !is_paginated(page) {
        return &page.pages;
    }
    let start = (number.max(1) - 1).saturating_mul(per_page);
    let end = start.saturating_add(per_page).min(page.pages.len());
    page.pages.get(start..end).unwrap_or(&[])
}

/// The later pages (2 and on) of every paginated list, as (list, number,
/// address), in page order.
pub fn later_pages(site: &Site) -> impl Iterator<Item = (PageId, usize, String)> + '_ {
    let per_page = site.config.paginate_by;
    site.pages.iter().enumerate().flat_map(move |(id, page)| {
        (2..=count(per_page, page)).map(move |n| (id, n, url(&page.url, n)))
    })
}

/// Reserves the later pages' addresses among the site's known URLs. An
/// address an author's page or file already has is an error on that page,
/// and the list page is not written over it.
pub(super) fn reserve(
    pages: &[Page],
    per_page: usize,
    known_urls: &mut rustc_hash::FxHashSet<String>,
    diagnostics: &mut Diagnostics,
) {
    for page in pages {
        for number in 2..=count(per_page, page) {
            let address = url(&page.url, number);
            if known_urls.insert(address.clone()) {
                continue;
            }
            let owner = pages.iter().find(|p| p.url == address);
            let Some(path) = owner.and_then(Page::source_path) else {
                continue;
            };
            diagnostics.push(
                Diagnostic::error(
                    codes::PAGE_PAGINATION_CLASH,
                    path,
                    Position::start(),
                    format!(
                        "this page is published at `{address}`, which is page {number} of the list of `{}`",
                        page.meta.title
                    ),
                )
                .with_hint(format!(
                    "give this page another `slug` or move it out of a folder named `{FOLDER}`; \
                     or list more articles on each page with `paginate_by:` in site.yaml"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(kind: PageKind, len: usize) -> Page {
        let mut page = Page::test_article();
        page.kind = kind;
        page.place = "heart".into();
        page.pages = (0..len).collect();
        page
    }

    #[test]
    fn lists_split_into_pages_of_paginate_by() {
        assert_eq!(count(20, &list(PageKind::Section, 0)), 1);
        assert_eq!(count(20, &list(PageKind::Section, 20)), 1);
        assert_eq!(count(20, &list(PageKind::Section, 21)), 2);
        assert_eq!(count(20, &list(PageKind::Tag, 45)), 3);
        assert_eq!(count(20, &list(PageKind::Home, 41)), 3);
        assert_eq!(count(0, &list(PageKind::Tag, 45)), 1, "0 turns it off");
        assert_eq!(count(20, &list(PageKind::Article, 45)), 1);
        assert_eq!(count(20, &list(PageKind::Tags, 45)), 1);
    }

    #[test]
    fn each_page_shows_its_share_of_the_list() {
        let page = list(PageKind::Section, 45);
        assert_eq!(slice(20, &page, 1), &(0..20).collect::<Vec<_>>()[..]);
        assert_eq!(slice(20, &page, 3), &[40, 41, 42, 43, 44]);
        assert!(slice(20, &page, 4).is_empty());
        assert_eq!(slice(0, &page, 1).len(), 45);
    }

    #[test]
    fn later_pages_live_under_the_list() {
        assert_eq!(url("/en/heart/", 1), "/en/heart/");
        assert_eq!(url("/en/heart/", 2), "/en/heart/page/2/");
        assert_eq!(url("/", 10), "/page/10/");
    }
}
