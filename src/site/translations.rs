//! Grouping pages that are translations of each other.
//!
//! Two pages are translations when they sit at the same path under their
//! language folders, or when one names the other in `translation_key`
//! (by the other's `translation_key`, path or slug). Generated pages (homes,
//! sections without `_index.md`, tag pages) group by their position in the site.

use super::{Page, PageId, PageKind};
use crate::diagnostics::{Diagnostic, Position, codes};
use rustc_hash::FxHashMap as HashMap;

/// Sets `translations` on every page and reports groups with two pages in one language.
pub(super) fn link(pages: &mut [Page], language_order: &[String]) -> Vec<Diagnostic> {
    let (groups, diagnostics) = groups(pages, language_order);
    for kept in groups {
        for &id in &kept {
            pages[id].translations = kept.iter().copied().filter(|&other| other != id).collect();
        }
    }
    diagnostics
}

/// The translation groups of the pages, each in site.yaml language order
/// with at most one page per language (a second one is reported, and left
/// out of the group). Pages without translations are groups of one.
pub(super) fn groups(
    pages: &[Page],
    language_order: &[String],
) -> (Vec<Vec<PageId>>, Vec<Diagnostic>) {
    let mut sets = join_translations(pages);
    let mut groups: HashMap<PageId, Vec<PageId>> = HashMap::default();
    for id in 0..pages.len() {
        groups.entry(sets.find(id)).or_default().push(id);
    }
    let mut diagnostics = Vec::new();
    let mut group_list: Vec<Vec<PageId>> = groups.into_values().collect();
    group_list.sort();
    let mut out = Vec::with_capacity(group_list.len());
    for members in group_list {
        out.push(one_per_language(
            pages,
            members,
            language_order,
            &mut diagnostics,
        ));
    }
    (out, diagnostics)
}

/// Joins every page with the pages it is a translation of.
fn join_translations(pages: &[Page]) -> DisjointSets {
    let mut sets = DisjointSets::new(pages.len());
    // Keys borrow the pages' own text: this runs over every page of the
    // site, before anything can be rendered.
    let mut first_with_key: HashMap<(&str, KeyKind, &str), PageId> = HashMap::default();
    // Lookups only (never joined on their own): two articles in different
    // folders may share a slug without being translations.
    let mut by_slug: HashMap<(&str, &str), PageId> = HashMap::default();
    for (id, page) in pages.iter().enumerate() {
        let class = class_of(page.kind);
        let path = (class, KeyKind::Path, page.place.as_str());
        let key = page
            .meta
            .translation_key
            .as_deref()
            .map(|key| (class, KeyKind::Key, key));
        for key in std::iter::once(path).chain(key) {
            match first_with_key.get(&key) {
                Some(&other) => sets.union(id, other),
                None => {
                    first_with_key.insert(key, id);
                }
            }
        }
        if page.kind == PageKind::Article {
            let slug = page
                .url
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("");
            by_slug.entry((class, slug)).or_insert(id);
        }
    }
    // A translation_key may name another page's path or slug instead of its key.
    for (id, page) in pages.iter().enumerate() {
        if let Some(key) = page.meta.translation_key.as_deref() {
            let class = class_of(page.kind);
            let named = first_with_key
                .get(&(class, KeyKind::Path, key))
                .or_else(|| by_slug.get(&(class, key)));
            if let Some(&other) = named {
                sets.union(id, other);
            }
        }
    }
    sets
}

/// A group's members in site.yaml language order, the first page of each
/// language only; every further one is reported.
fn one_per_language(
    pages: &[Page],
    mut members: Vec<PageId>,
    language_order: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PageId> {
    let rank = |lang: &str| {
        language_order
            .iter()
            .position(|l| l == lang)
            .unwrap_or(usize::MAX)
    };
    members.sort_by_key(|&id| (rank(&pages[id].language), id));
    let mut kept: Vec<PageId> = Vec::new();
    for id in members {
        match kept
            .iter()
            .find(|&&k| pages[k].language == pages[id].language)
        {
            Some(&first) => {
                if let Some(path) = pages[id].source_path() {
                    let first_path = pages[first]
                        .source_path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    diagnostics.push(
                        Diagnostic::error(
                            codes::TRANSLATION_DUPLICATE,
                            path,
                            Position::start(),
                            format!("this page and `{first_path}` are both the `{}` translation of the same article", pages[id].language),
                        )
                        .with_hint("give one of them a different `translation_key`"),
                    );
                }
            }
            None => kept.push(id),
        }
    }
    kept
}

/// What a page is grouped by: its place in the site, or its `translation_key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum KeyKind {
    Path,
    Key,
}

fn class_of(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Article => "article",
        PageKind::Home | PageKind::Section => "section",
        PageKind::Tags | PageKind::Tag => "tag",
        PageKind::NotFound
        | PageKind::LanguageChooser
        | PageKind::AToZ
        | PageKind::Search
        | PageKind::Status => "special",
        PageKind::People => "special",
    }
}

struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}
