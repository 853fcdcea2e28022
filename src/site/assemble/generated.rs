//! The pages the site generates rather than reads from a file (tag pages
//! have [`super::tags`]): the A–Z index and search page of each language, the status page,
//! the 404 page and the language chooser.

use super::Builder;
use crate::config::Config;
use crate::frontmatter::FrontMatter;
use crate::site::{Page, PageId, PageKind};
use std::sync::Arc;

impl Builder<'_> {
    /// A language's A–Z index and search page. The A–Z index lists the
    /// language's articles (which of them are findable depends on the build
    /// date, so it is decided when rendering). Neither has a parent: they are
    /// not in a section.
    pub(super) fn add_finding_pages(&mut self, language: &str) {
        let Some(&home) = self.homes.get(language) else {
            return;
        };
        let mut atoz = self.generated(
            PageKind::AToZ,
            language,
            self.urls.page(language, &["a-z"]),
            "a-z",
            "A–Z",
            None,
        );
        atoz.pages = self.pages[home].pages.clone();
        self.push(atoz);
        let search = self.generated(
            PageKind::Search,
            language,
            self.urls.page(language, &["search"]),
            "search",
            "Search",
            None,
        );
        self.push(search);
    }

    /// A language's status page (the site has a `data/status.yaml`). Like
    /// the A–Z index, it has no parent.
    pub(super) fn add_status_page(&mut self, language: &str) {
        let page = self.generated(
            PageKind::Status,
            language,
            self.urls.page(language, &[super::super::STATUS_FOLDER]),
            super::super::STATUS_FOLDER,
            "Service status",
            None,
        );
        self.push(page);
    }

    pub(super) fn generated(
        &self,
        kind: PageKind,
        language: &str,
        url: String,
        place: &str,
        title: &str,
        parent: Option<PageId>,
    ) -> Page {
        Page {
            kind,
            language: language.to_string(),
            url,
            place: place.to_string(),
            source: None,
            meta: Arc::new(FrontMatter {
                title: title.to_string(),
                ..FrontMatter::default()
            }),
            parent,
            pages: Vec::new(),
            subsections: Vec::new(),
            translations: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// The 404 page (in the default language) and, when no language lives at
    /// the root, a language chooser there.
    pub(super) fn add_special_pages(&mut self, config: &Config) {
        let default = config.default_language.clone();
        let not_found_url = self.urls.file(None, &["404.html"]);
        let page = self.generated(
            PageKind::NotFound,
            &default,
            not_found_url,
            "404",
            "Page not found",
            None,
        );
        self.push(page);
        if !config.default_language_at_root {
            let page = self.generated(
                PageKind::LanguageChooser,
                &default,
                self.urls.root(),
                "_languages",
                &config.title,
                None,
            );
            self.push(page);
        }
    }
}
