//! The pages the site generates rather than reads from a file: tag
//! pages, the A–Z index and search page of each language, the status page,
//! the 404 page and the language chooser.

use super::Builder;
use crate::config::Config;
use crate::frontmatter::FrontMatter;
use crate::site::urls::slugify;
use crate::site::{Page, PageId, PageKind, TagRef};
use std::collections::BTreeMap;
use std::sync::Arc;

impl Builder<'_> {
    /// A language's tag pages, from its articles' tags. Runs after
    /// inheritance, so a translation that leaves `tags` to its source is
    /// listed under the source's tags.
    pub(super) fn add_tags(&mut self, language: &str) {
        let Some(&home) = self.homes.get(language) else {
            return;
        };
        let articles = self.pages[home].pages.clone();
        let mut tags: BTreeMap<String, (String, Vec<PageId>)> = BTreeMap::new();
        for &id in &articles {
            let mut page_tags = Vec::new();
            for tag in &self.pages[id].meta.tags {
                let tag_slug = slugify(tag);
                if tag_slug.is_empty() {
                    continue;
                }
                let entry = tags
                    .entry(tag_slug.clone())
                    .or_insert_with(|| (tag.clone(), Vec::new()));
                if tag < &entry.0 {
                    entry.0 = tag.clone();
                }
                // Articles come in id order, so a tag the page already
                // named (`Heart` and `heart`) is the list's last entry.
                if entry.1.last() != Some(&id) {
                    entry.1.push(id);
                    page_tags.push(tag_slug);
                }
            }
            self.pages[id].tags = page_tags
                .into_iter()
                .map(|slug| TagRef {
                    name: slug,
                    url: String::new(),
                })
                .collect();
        }
        if tags.is_empty() {
            return;
        }
        let tags_url = self.urls.page(language, &["tags"]);
        let tags_id = self.push(self.generated(
            PageKind::Tags,
            language,
            tags_url,
            "tags",
            "Tags",
            Some(home),
        ));
        for (slug, (name, members)) in &tags {
            let url = self.urls.page(language, &["tags", slug.as_str()]);
            let mut page = self.generated(
                PageKind::Tag,
                language,
                url.clone(),
                &format!("tags/{slug}"),
                name,
                Some(tags_id),
            );
            page.pages = members.clone();
            let id = self.push(page);
            self.pages[tags_id].subsections.push(id);
            for &member in members {
                for tag in &mut self.pages[member].tags {
                    if &tag.name == slug {
                        *tag = TagRef {
                            name: name.clone(),
                            url: url.clone(),
                        };
                    }
                }
            }
        }
    }

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

    fn generated(
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
