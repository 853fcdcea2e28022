//! What changed between two assemblies of a site, for the live preview:
//! which pages must be rendered again so the output equals a full build.
//!
//! A page's HTML depends on its own record (front matter, body, tags, the
//! lists it shows, its translations) and on what it shows of other pages
//! (their title, summary, dates, address: see [`Site::readers`]). When
//! the two sites have the same pages at the same addresses, re-rendering the
//! pages whose record changed, and the readers of pages whose front matter
//! changed, gives the same files as a full build. When pages or files
//! appear, disappear or move, links anywhere may change, so everything is
//! rendered again.

use super::{Page, PageId, Site};

/// The pages to render again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    /// Every page (the site's shape changed).
    All,
    /// These pages, sorted.
    Pages(Vec<PageId>),
}

/// Compares two assemblies of the same site (same configuration).
pub fn affected(old: &Site, new: &Site) -> Affected {
    if !same_shape(old, new) {
        return Affected::All;
    }
    let mut marked = vec![false; new.pages.len()];
    for (id, (before, after)) in old.pages.iter().zip(&new.pages).enumerate() {
        let seen_by_others = shown_elsewhere_changed(before, after);
        // A related list changes when other pages' tags or dates do.
        let related_changed = old.related(id) != new.related(id);
        if seen_by_others || related_changed || own_record_changed(before, after) {
            marked[id] = true;
        }
        if seen_by_others {
            for reader in old.readers(id).into_iter().chain(new.readers(id)) {
                marked[reader] = true;
            }
        }
    }
    Affected::Pages(
        marked
            .iter()
            .enumerate()
            .filter_map(|(id, &m)| m.then_some(id))
            .collect(),
    )
}

/// Same pages (kind, language, address, place, source file) in the same
/// order, the same copied files, the same drafts left out and the same old
/// addresses: every link in every page resolves as before.
fn same_shape(old: &Site, new: &Site) -> bool {
    old.pages.len() == new.pages.len()
        && old.pages.iter().zip(&new.pages).all(|(a, b)| {
            a.kind == b.kind
                && a.language == b.language
                && a.url == b.url
                && a.place == b.place
                && a.source_path() == b.source_path()
        })
        && old.files == new.files
        && old.drafts == new.drafts
        // Redirect files sit at addresses no page owns: when the list
        // changes, a fresh output is the way to lose the old ones.
        && old.redirects == new.redirects
}

/// What other pages show of a page: its front matter (title, summary,
/// dates, weight…) and how many pages it lists.
fn shown_elsewhere_changed(a: &Page, b: &Page) -> bool {
    // Compared field by field even for an unchanged file: a page's front
    // matter may take values from other pages (a translation inheriting its
    // source's date).
    a.meta != b.meta || a.pages.len() != b.pages.len()
}

/// What only the page itself shows: its body and its own lists.
fn own_record_changed(a: &Page, b: &Page) -> bool {
    let body_changed = match (&a.source, &b.source) {
        (Some(x), Some(y)) => {
            !std::sync::Arc::ptr_eq(&x.text, &y.text)
                && (x.text != y.text || x.body_start != y.body_start)
        }
        (None, None) => false,
        _ => true,
    };
    body_changed
        || a.tags != b.tags
        || a.parent != b.parent
        || a.pages != b.pages
        || a.subsections != b.subsections
        || a.translations != b.translations
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Site {
        crate::site::bilingual_for_tests("", files)
    }

    fn article(title: &str, tags: &str, body: &str) -> String {
        format!("---\ntitle: {title}\nsummary: S\ndate: 2026-01-01\ntags: [{tags}]\n---\n{body}\n")
    }

    fn urls(site: &Site, affected: Affected) -> Vec<String> {
        match affected {
            Affected::All => vec!["ALL".to_string()],
            Affected::Pages(ids) => ids.iter().map(|&id| site.pages[id].url.clone()).collect(),
        }
    }

    const HEART: &str = "content/en/heart/bp.md";
    const OTHER: &str = "content/en/food/salt.md";
    const ES: &str = "content/es/heart/bp.md";

    fn base(bp: &str) -> Site {
        site(&[
            (HEART, bp),
            (OTHER, &article("Salt", "food", "Less salt.")),
            (ES, &article("Presión", "corazón", "Texto.")),
        ])
    }

    #[test]
    fn a_body_edit_renders_only_that_page() {
        let old = base(&article("BP", "heart", "Old text."));
        let new = base(&article("BP", "heart", "New text."));
        assert_eq!(urls(&new, affected(&old, &new)), ["/en/heart/bp/"]);
    }

    #[test]
    fn a_title_edit_renders_the_pages_that_show_it() {
        let old = base(&article("BP", "heart", "Text."));
        let new = base(&article("Blood pressure", "heart", "Text."));
        assert_eq!(
            urls(&new, affected(&old, &new)),
            [
                "/en/",
                "/en/heart/",
                "/en/heart/bp/",
                "/es/heart/bp/",
                "/en/tags/heart/",
                "/en/a-z/"
            ]
        );
    }

    #[test]
    fn a_new_page_renders_everything() {
        let old = base(&article("BP", "heart", "Text."));
        let new = base(&article("BP", "heart, new-tag", "Text."));
        assert_eq!(urls(&new, affected(&old, &new)), ["ALL"]);
    }

    #[test]
    fn nothing_changed_renders_nothing() {
        let old = base(&article("BP", "heart", "Text."));
        let new = base(&article("BP", "heart", "Text."));
        assert!(urls(&new, affected(&old, &new)).is_empty());
    }
}
