//! Related articles: for each article, up to `related.count` other
//! articles of its language that share its tags or its section, so a
//! reader who arrives from a shared link finds the next thing to read.
//!
//! Built once per assembly from postings (tag → articles, section →
//! articles), never by comparing every article with every other: an
//! article's candidates are the articles of its own tags and section
//! only. A posting keeps its [`POSTING_CAP`] most recently updated
//! articles, so an article's work stays bounded however large a tag or
//! section grows (a tag on 5,000 articles offers its newest 50).
//!
//! Score: 2 for each shared tag, 1 for the same section (not the home).
//! Ties go to the more recently updated article, then the title, then the
//! address, so two builds of the same files give the same lists.

use super::{Page, PageId, PageKind, Site};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// The most articles one tag or section offers as candidates.
pub(crate) const POSTING_CAP: usize = 50;

/// What a shared tag and a shared section are worth.
const TAG_WEIGHT: u32 = 2;
const SECTION_WEIGHT: u32 = 1;

/// The related articles of every page, by page id (empty for pages that
/// are not articles, and for every page when `related.count` is 0).
pub(crate) type Table = Vec<Box<[PageId]>>;

/// Whether a page may be offered as related: a published article that is
/// findable (not a draft, not `search: false`) and not an alert (alerts
/// expire, and have their own stream).
fn offered(page: &Page) -> bool {
    page.kind == PageKind::Article
        && page.source.is_some()
        && !page.meta.draft
        && page.meta.searchable()
        && page.meta.alert.is_none()
}

/// The section an article shares with others: its parent, unless that is
/// the home (every top-level article would share it).
fn section_of(site: &Site, page: &Page) -> Option<PageId> {
    page.parent
        .filter(|&p| site.pages[p].kind == PageKind::Section)
}

/// Computes the table for `site` as assembled.
pub(crate) fn table(site: &Site) -> Table {
    let count = site.config.related.count;
    let empty = || vec![Box::<[PageId]>::default(); site.pages.len()];
    if count == 0 {
        return empty();
    }
    let rank = ranks(site);
    let mut by_tag: FxHashMap<&str, Vec<PageId>> = FxHashMap::default();
    let mut by_section: FxHashMap<PageId, Vec<PageId>> = FxHashMap::default();
    for (id, page) in site.pages.iter().enumerate() {
        if !offered(page) {
            continue;
        }
        for tag in &page.tags {
            let posting = by_tag.entry(tag.url.as_str()).or_default();
            // (A tag written twice on one page counts once.)
            if posting.last() != Some(&id) {
                posting.push(id);
            }
        }
        if let Some(section) = section_of(site, page) {
            by_section.entry(section).or_default().push(id);
        }
    }
    for posting in by_tag.values_mut().chain(by_section.values_mut()) {
        posting.sort_unstable_by_key(|&id| rank[id]);
        posting.truncate(POSTING_CAP);
    }
    let postings = Postings {
        by_tag,
        by_section,
        rank: &rank,
    };
    // Each worker adds points up in its own page-indexed scratch array
    // (reset after each page), so no page's candidates are sorted or hashed.
    (0..site.pages.len())
        .into_par_iter()
        .map_init(
            || Scratch {
                points: vec![0; site.pages.len()],
                touched: Vec::new(),
            },
            |scratch, id| postings.related(site, id, count, scratch),
        )
        .collect()
}

/// One worker's points per candidate, and which candidates have some.
struct Scratch {
    points: Vec<u32>,
    touched: Vec<PageId>,
}

struct Postings<'s> {
    by_tag: FxHashMap<&'s str, Vec<PageId>>,
    by_section: FxHashMap<PageId, Vec<PageId>>,
    /// Each page's place in tie-break order (lower first).
    rank: &'s [usize],
}

impl Postings<'_> {
    /// The best `count` candidates of page `id`, best first.
    fn related(
        &self,
        site: &Site,
        id: PageId,
        count: usize,
        scratch: &mut Scratch,
    ) -> Box<[PageId]> {
        let page = &site.pages[id];
        if page.kind != PageKind::Article || page.source.is_none() {
            return Box::default();
        }
        let Scratch { points, touched } = scratch;
        let mut add = |posting: &[PageId], weight: u32| {
            for &p in posting {
                if points[p] == 0 {
                    touched.push(p);
                }
                points[p] += weight;
            }
        };
        let mut seen_tags: Vec<&str> = Vec::with_capacity(page.tags.len());
        for tag in &page.tags {
            // (A tag written twice on the page counts once.)
            if seen_tags.contains(&tag.url.as_str()) {
                continue;
            }
            seen_tags.push(&tag.url);
            if let Some(posting) = self.by_tag.get(tag.url.as_str()) {
                add(posting, TAG_WEIGHT);
            }
        }
        if let Some(posting) = section_of(site, page).and_then(|s| self.by_section.get(&s)) {
            add(posting, SECTION_WEIGHT);
        }
        let mut scored: Vec<(PageId, u32)> = touched
            .drain(..)
            .map(|p| (p, std::mem::take(&mut points[p])))
            .filter(|&(p, _)| p != id)
            .collect();
        let better = |a: &(PageId, u32), b: &(PageId, u32)| {
            b.1.cmp(&a.1).then(self.rank[a.0].cmp(&self.rank[b.0]))
        };
        if scored.len() > count {
            scored.select_nth_unstable_by(count - 1, better);
            scored.truncate(count);
        }
        scored.sort_unstable_by(better);
        scored.into_iter().map(|(p, _)| p).collect()
    }
}

/// Every page's place in tie-break order: the most recently updated (or
/// published) first, then by title, then by address (unique).
fn ranks(site: &Site) -> Vec<usize> {
    let mut order: Vec<PageId> = (0..site.pages.len()).collect();
    order.par_sort_unstable_by(|&a, &b| {
        let (pa, pb) = (&site.pages[a], &site.pages[b]);
        let date = |p: &Page| p.meta.updated.or(p.meta.date);
        date(pb)
            .cmp(&date(pa))
            .then_with(|| pa.meta.title.cmp(&pb.meta.title))
            .then_with(|| pa.url.cmp(&pb.url))
    });
    let mut rank = vec![0; order.len()];
    for (place, id) in order.into_iter().enumerate() {
        rank[id] = place;
    }
    rank
}

#[cfg(test)]
mod tests;
