//! A page's `hreflang` alternates: the members of its translation cluster,
//! the language chooser included for homes, for the page's `<head>` and its
//! sitemap entry alike.

use crate::site::{PageId, PageKind, Site};
use serde::Serialize;

/// One `<link rel="alternate" hreflang>` of a page.
#[derive(Serialize)]
pub(crate) struct AlternateView {
    pub hreflang: String,
    pub href: String,
}

/// The `hreflang` alternates of a page: every member of its translation
/// cluster, itself included, then `x-default`. Built from the cluster alone,
/// so every member lists the same set (Google's rule of reciprocity) and the
/// sitemap, which calls this too, matches the pages.
pub(crate) fn alternates(site: &Site, id: PageId) -> Vec<AlternateView> {
    let page = site.page(id);
    let chooser = (!site.config.default_language_at_root).then(|| site.urls.root());
    // With a language chooser at the root, the homes' cluster is every
    // language home plus the chooser, which is its `x-default` member and
    // so must list the homes as they list it.
    let mut members: Vec<PageId> = match (page.kind, &chooser) {
        (PageKind::LanguageChooser, _) | (PageKind::Home, Some(_)) => (0..site.pages.len())
            .filter(|&p| site.page(p).kind == PageKind::Home)
            .collect(),
        _ if page.translations.is_empty() => return Vec::new(),
        _ => page.translations.iter().copied().chain([id]).collect(),
    };
    if members.len() < 2 {
        return Vec::new();
    }
    members.sort_by_key(|&p| site.config.language_rank(&site.page(p).language));
    let x_default = match (page.kind, chooser) {
        (PageKind::LanguageChooser | PageKind::Home, Some(root)) => Some(root),
        _ => members
            .iter()
            .find(|&&p| site.page(p).language == site.config.default_language)
            .map(|&p| site.page(p).url.clone()),
    };
    members
        .iter()
        .map(|&p| AlternateView {
            hreflang: site.page(p).language.clone(),
            href: site.urls.permalink(&site.page(p).url),
        })
        .chain(x_default.map(|url| AlternateView {
            hreflang: "x-default".to_string(),
            href: site.urls.permalink(&url),
        }))
        .collect()
}
