//! What the template of a long list sees on each of its numbered pages:
//! that page's share of the articles, its own canonical address, and the
//! pagination nav (`partials/pagination.html`). Which lists are split, and
//! at which addresses, is the site model's ([`crate::site::pagination`]).

use crate::i18n::Strings;
use crate::site::{PageId, Site, pagination};
use serde::Serialize;

/// Numbers shown on each side of the current page before a gap (`…`).
const AROUND: usize = 2;

/// The pagination nav of one list page.
#[derive(Debug, Serialize)]
pub(crate) struct PaginationView {
    /// This page's number, from 1.
    pub current: usize,
    pub total: usize,
    /// "Page 2 of 5", in the page's language.
    pub label: String,
    /// The addresses of the pages before and after, when there are some.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The numbered links shown: the first and last pages and the ones
    /// near the current page.
    pub links: Vec<PageLink>,
}

/// One numbered link of the nav.
#[derive(Debug, Serialize)]
pub(crate) struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Numbers are skipped before this one (the theme shows `…`).
    pub gap: bool,
    /// "Page 3", the link's accessible name.
    pub label: String,
}

/// The nav of page `number` of the list `id` (`None` when the list fits
/// on one page).
pub(crate) fn nav(
    site: &Site,
    id: PageId,
    number: usize,
    strings: &Strings,
) -> Option<PaginationView> {
    let page = site.page(id);
    let total = pagination::count(site.config.paginate_by, page);
    if total <= 1 {
        return None;
    }
    let language = page.language.as_str();
    let address = |n: usize| pagination::url(&page.url, n);
    let shown: Vec<usize> = (1..=total)
        .filter(|&n| n == 1 || n == total || n.abs_diff(number) <= AROUND)
        .collect();
    let links = shown
        .iter()
        .enumerate()
        .map(|(at, &n)| PageLink {
            number: n,
            url: address(n),
            current: n == number,
            gap: at > 0 && shown[at - 1] + 1 != n,
            label: strings.get(language, "pagination_page", &[("n", &n.to_string())]),
        })
        .collect();
    Some(PaginationView {
        current: number,
        total,
        label: strings.get(
            language,
            "pagination_page_of",
            &[("n", &number.to_string()), ("total", &total.to_string())],
        ),
        previous: (number > 1).then(|| address(number - 1)),
        next: (number < total).then(|| address(number + 1)),
        links,
    })
}
