//! The site model: every page the build will write, where it lives, and how
//! pages relate (sections, translations, tags).
//!
//! It is assembled once from the parsed content ([`assemble`]) and is
//! read-only afterwards: rendering stages take `&Site`. Every page records the
//! content file it came from, so a live preview can tell which pages a
//! changed file affects.

mod assemble;
pub mod diff;
mod files;
pub mod inherit;
pub mod lookup;
pub mod pagination;
pub mod people;
pub mod redirects;
pub(crate) mod related;
mod translations;
pub mod updates;
pub mod urls;

pub use assemble::assemble;

use crate::config::Config;
use crate::dates::Date;
use crate::frontmatter::FrontMatter;
use crate::parse::ParsedPage;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use urls::Urls;

/// The folder of each language's status page (`/<lang>/status/`).
pub const STATUS_FOLDER: &str = "status";

/// Index of a page in [`Site::pages`].
pub type PageId = usize;

/// What a page is, which decides its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// A language's home page (`content/<lang>/_index.md`, or generated).
    Home,
    /// A folder of articles (`_index.md`, or generated from the folder name).
    Section,
    Article,
    /// The list of all tags of a language.
    Tags,
    /// The articles with one tag.
    Tag,
    /// The "page not found" page.
    NotFound,
    /// The site root when every language lives under `/<lang>/`.
    LanguageChooser,
    /// A language's A–Z index of health topics (titles and aliases).
    #[serde(rename = "a_to_z")]
    AToZ,
    /// A language's search page (answers `?q=` with the search index).
    Search,
    /// A language's service status board (`data/status.yaml`).
    Status,
    /// A language's reviewers and authors ([`crate::people`]).
    People,
}

impl PageKind {
    /// The theme template that renders this kind of page.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "home.html",
            PageKind::Section => "section.html",
            PageKind::Article => "article.html",
            PageKind::Tags => "tags.html",
            PageKind::Tag => "tag.html",
            PageKind::NotFound => "404.html",
            PageKind::LanguageChooser => "language.html",
            PageKind::AToZ => "a-z.html",
            PageKind::Search => "search.html",
            PageKind::Status => "status.html",
            PageKind::People => "people.html",
        }
    }
}

/// A tag as shown on pages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TagRef {
    pub name: String,
    pub url: String,
}

/// One page of the output.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    pub language: String,
    /// Root-relative, with the base path: `/en/heart/high-blood-pressure/`.
    pub url: String,
    /// Where the page sits in its language, the same in every language:
    /// the content path without extension (`heart/high-blood-pressure`),
    /// a section's folder (`heart`, `` for the home), or `tags/<slug>`.
    pub place: String,
    /// The content file, for pages written by an author.
    pub source: Option<ParsedPage>,
    /// Front matter (generated pages get a title and nothing else). Shared
    /// with the parsed file until something changes it (a translation
    /// inheriting from its source, a profile filling in a reviewer): copying
    /// every article's front matter was a third of assembling a large site.
    pub meta: Arc<FrontMatter>,
    /// The section (or home) this page sits in.
    pub parent: Option<PageId>,
    /// Articles this page lists, newest first (sections, tags, home).
    pub pages: Vec<PageId>,
    /// Child sections, in `weight` then title order (sections and home).
    pub subsections: Vec<PageId>,
    /// The same content in other languages (not including this page), in
    /// site.yaml language order.
    pub translations: Vec<PageId>,
    pub tags: Vec<TagRef>,
}

impl Page {
    pub fn source_path(&self) -> Option<&Path> {
        self.source.as_ref().map(|s| s.source.path.as_path())
    }

    pub fn title(&self) -> &str {
        &self.meta.title
    }

    /// Whether the page belongs in the A–Z index and the search index on
    /// `today`: an article that is not a draft (even in a `--drafts`
    /// preview), not an alert past its expiry, and not `search: false`.
    pub fn is_findable(&self, today: Date) -> bool {
        let expired = self
            .meta
            .alert
            .as_ref()
            .and_then(|a| a.expires)
            .is_some_and(|expires| expires.date_utc() < today);
        self.kind == PageKind::Article && !self.meta.draft && !expired && self.meta.searchable()
    }
}

/// A file copied from `content/` or `static/` to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CopiedFile {
    /// Relative to the site root.
    pub source: PathBuf,
    /// Root-relative URL.
    pub url: String,
}

/// The whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    /// Shared, so the live preview can copy the model and replace one
    /// page (a body edit) without copying every page.
    pub pages: Vec<std::sync::Arc<Page>>,
    /// Home page of each language.
    pub homes: BTreeMap<String, PageId>,
    pub files: Vec<CopiedFile>,
    /// Content file (relative to the root) → page built from it.
    /// (This and `known_urls` are shared: the live preview copies the model.)
    /// (Fx-hashed: ten thousand paths and URLs are hashed to build these,
    /// and each link of each page is looked up.)
    by_source: std::sync::Arc<rustc_hash::FxHashMap<PathBuf, PageId>>,
    /// Every URL the site serves (pages and files), for link checks.
    known_urls: std::sync::Arc<rustc_hash::FxHashSet<String>>,
    /// Content files that are drafts left out of this build.
    drafts: HashSet<PathBuf>,
    /// Content files left out because they are expired alerts.
    expired: HashSet<PathBuf>,
    /// The live-update entries of each update topic page, newest first.
    pub updates: updates::Streams,
    /// The service status board, when the site has one.
    pub status: Option<std::sync::Arc<crate::data::status::Board>>,
    /// Profiles and people pages, set at assembly ([`people`]).
    pub people: people::Directory,
    /// Old addresses of pages that moved, sorted by address ([`redirects`]).
    pub redirects: Vec<redirects::Redirect>,
    /// Each article's related articles, best first ([`related`]); shared,
    /// as the live preview copies the model.
    related: std::sync::Arc<related::Table>,
}

impl Site {
    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id]
    }

    /// The page built from a content file, if it is in this build.
    pub fn page_for_source(&self, path: &Path) -> Option<PageId> {
        self.by_source.get(path).copied()
    }

    /// The URL of a content or static file, if it is in this build.
    pub fn url_for_source(&self, path: &Path) -> Option<&str> {
        self.page_for_source(path)
            .map(|id| self.pages[id].url.as_str())
            .or_else(|| {
                // Pages link to images many times over: the files are kept
                // sorted by source, and looked up by halving.
                let at = self.files.partition_point(|f| f.source.as_path() < path);
                self.files
                    .get(at)
                    .filter(|f| f.source == path)
                    .map(|f| f.url.as_str())
            })
    }

    pub fn is_draft(&self, path: &Path) -> bool {
        self.drafts.contains(path)
    }

    /// Records content files left out because they are expired alerts (set
    /// once, before the site is checked, so links to them are explained).
    pub fn set_expired(&mut self, paths: &[PathBuf]) {
        self.expired = paths.iter().cloned().collect();
    }

    /// Adds a page generated after assembly (the people pages). `Err` with
    /// the file of the author's page already at its address, if any.
    pub(crate) fn add_page(&mut self, page: Page) -> Result<PageId, Option<PathBuf>> {
        if self.known_urls.contains(&page.url) {
            let owner = self.page_for_url(&page.url);
            return Err(owner.and_then(|id| self.pages[id].source_path().map(Path::to_path_buf)));
        }
        std::sync::Arc::make_mut(&mut self.known_urls).insert(page.url.clone());
        self.pages.push(std::sync::Arc::new(page));
        Ok(self.pages.len() - 1)
    }

    /// Adds a file published as it is, from outside `content/` and `static/`
    /// (a profile photo).
    pub(crate) fn add_file(&mut self, file: CopiedFile) {
        std::sync::Arc::make_mut(&mut self.known_urls).insert(file.url.clone());
        // Kept in order: see `url_for_source`.
        let at = self.files.partition_point(|f| *f < file);
        self.files.insert(at, file);
    }

    pub fn is_expired(&self, path: &Path) -> bool {
        self.expired.contains(path)
    }

    /// Whether a root-relative URL (fragment and query removed) is served.
    pub fn serves(&self, url: &str) -> bool {
        let path = url.split(['#', '?']).next().unwrap_or(url);
        self.known_urls.contains(path)
            || (!path.ends_with('/') && self.known_urls.contains(&format!("{path}/")))
            || path
                .strip_suffix("index.html")
                .is_some_and(|dir| self.known_urls.contains(dir))
    }

    /// A link setting's address for a language (its own, else the default
    /// language's), with the base path before a path on the site.
    pub fn address(
        &self,
        value: Option<&crate::localized::Localized>,
        language: &str,
    ) -> Option<String> {
        let address = value?.text(language, &self.config.default_language)?;
        Some(if address.starts_with('/') {
            format!("{}{address}", self.urls.base_path())
        } else {
            address.to_string()
        })
    }

    /// The related articles page `id` ends with, best first (empty for
    /// pages that are not articles, or with `related.count: 0`).
    pub fn related(&self, id: PageId) -> &[PageId] {
        self.related.get(id).map_or(&[][..], |r| &r[..])
    }

    /// The pages of a language's main navigation: the home's sections.
    pub fn navigation(&self, language: &str) -> &[PageId] {
        self.homes
            .get(language)
            .map_or(&[][..], |&home| self.pages[home].subsections.as_slice())
    }

    /// Every page that depends on a content file: the page itself, every
    /// page showing something of it ([`Site::readers`]: translations,
    /// sections and home listing it, pages below it), the tag pages and
    /// A–Z index listing it, and the tag index.
    pub fn dependents(&self, path: &Path) -> Vec<PageId> {
        let Some(id) = self.page_for_source(path) else {
            return Vec::new();
        };
        let mut ids: Vec<PageId> = vec![id];
        ids.extend(self.readers(id));
        for (other, page) in self.pages.iter().enumerate() {
            if matches!(page.kind, PageKind::Tag | PageKind::AToZ) && page.pages.contains(&id) {
                ids.push(other);
                ids.extend(page.parent);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The pages whose rendering shows something of page `id` besides its
    /// own file: its title, summary, dates or address. They list it
    /// (sections, home, tag pages, the tag index, related articles), are its
    /// translations (language switcher, `hreflang`), sit below it (breadcrumbs), or, when
    /// it is in its language's main navigation, are any page of that
    /// language. Sorted, without `id` itself.
    ///
    /// This is what the live preview re-renders when a page's front matter
    /// changes ([`diff`]): a view that shows another page must be reflected here.
    pub fn readers(&self, id: PageId) -> Vec<PageId> {
        let page = &self.pages[id];
        let in_navigation = self.navigation(&page.language).contains(&id);
        let mut ids = Vec::new();
        for (other, candidate) in self.pages.iter().enumerate() {
            if other == id {
                continue;
            }
            let reads = (in_navigation && candidate.language == page.language)
                || candidate.pages.contains(&id)
                || candidate.subsections.contains(&id)
                || candidate.translations.contains(&id)
                || self.related(other).contains(&id)
                || self.ancestors(other).any(|a| a == id);
            if reads {
                ids.push(other);
            }
        }
        ids
    }

    /// The section, its section, … up to the home, of a page.
    pub fn ancestors(&self, id: PageId) -> impl Iterator<Item = PageId> + '_ {
        std::iter::successors(self.pages[id].parent, |&p| self.pages[p].parent)
    }

    /// The page at a root-relative URL (for the live preview).
    pub fn page_for_url(&self, url: &str) -> Option<PageId> {
        self.pages.iter().position(|p| p.url == url)
    }
}

/// A site with one language and no content, for unit tests of later stages.
#[cfg(test)]
pub(crate) fn empty_for_tests() -> Site {
    let config =
        crate::config::from_text(Path::new("/site"), "title: T\nbase_url: https://e.org\n")
            .config
            .expect("a valid config");
    assemble_for_tests(config, Vec::new(), &crate::discover::Discovered::default())
}

/// The site model of these pages alone: no data files, no profiles, no
/// drafts (what unit tests of later stages need).
#[cfg(test)]
pub(crate) fn assemble_for_tests(
    config: Config,
    parsed: Vec<ParsedPage>,
    discovered: &crate::discover::Discovered,
) -> Site {
    let no_people = std::sync::Arc::default();
    assemble(
        config,
        parsed,
        discovered,
        &Default::default(),
        &no_people,
        false,
    )
    .0
}

/// The site model of Markdown files given as (`content/<lang>/…` path,
/// text), in an English and Spanish site with `settings` added to its
/// site.yaml; `_index.md` files are sections.
#[cfg(test)]
pub(crate) fn bilingual_for_tests(settings: &str, files: &[(&str, &str)]) -> Site {
    use crate::discover::{Discovered, SourceKind, SourcePage};
    let yaml = format!(
        "title: T\nbase_url: https://x.org/\nlanguages:\n  en: {{ name: English }}\n  es: {{ name: Español }}\n{settings}"
    );
    let config = crate::config::from_text(Path::new("/site"), &yaml)
        .config
        .expect("a valid config");
    let mut discovered = Discovered::default();
    let mut parsed = Vec::new();
    for (path, text) in files {
        let path = PathBuf::from(path);
        let language = path.iter().nth(1).unwrap().to_string_lossy().into_owned();
        let rel: PathBuf = path.iter().skip(2).collect();
        let kind = if rel.file_name().unwrap() == "_index.md" {
            SourceKind::Section
        } else {
            SourceKind::Article
        };
        let source = SourcePage {
            path,
            language,
            rel,
            kind,
        };
        discovered.pages.push(source.clone());
        parsed.push(
            crate::parse::parse_text(&source, text.to_string())
                .0
                .unwrap(),
        );
    }
    assemble_for_tests(config, parsed, &discovered)
}

#[cfg(test)]
impl Page {
    /// A bare English article at `/en/a/`, for unit tests of the modules
    /// that read pages.
    pub(crate) fn test_article() -> Page {
        Page {
            kind: PageKind::Article,
            language: "en".into(),
            url: "/en/a/".into(),
            place: "a".into(),
            source: None,
            meta: Default::default(),
            parent: None,
            pages: vec![],
            subsections: vec![],
            translations: vec![],
            tags: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Instant;
    use crate::frontmatter::{Alert, Severity};

    fn article() -> Page {
        Page::test_article()
    }

    #[test]
    fn files_added_in_any_order_are_found_by_their_source() {
        let config = crate::config::from_text(
            Path::new("/site"),
            "title: T\nbase_url: https://x.org/\nlanguages:\n  en: { name: English }\n",
        )
        .config
        .unwrap();
        let discovered = crate::discover::Discovered::default();
        let (mut site, _) = crate::site::assemble(
            config,
            Vec::new(),
            &discovered,
            &Default::default(),
            &Default::default(),
            false,
        );
        for name in ["zoe", "amy", "max"] {
            site.add_file(CopiedFile {
                source: PathBuf::from(format!("people/{name}.jpg")),
                url: format!("/people/{name}.jpg"),
            });
        }
        for name in ["amy", "max", "zoe"] {
            let source = PathBuf::from(format!("people/{name}.jpg"));
            let url = format!("/people/{name}.jpg");
            assert_eq!(site.url_for_source(&source), Some(url.as_str()));
        }
        assert_eq!(site.url_for_source(Path::new("people/bob.jpg")), None);
        assert!(site.files.is_sorted());
    }

    #[test]
    fn findable_pages_are_live_articles_not_switched_off() {
        let today = Date::new(2026, 6, 1).unwrap();
        assert!(article().is_findable(today));
        let mut section = article();
        section.kind = PageKind::Section;
        assert!(!section.is_findable(today));
        let mut draft = article();
        std::sync::Arc::make_mut(&mut draft.meta).draft = true;
        assert!(!draft.is_findable(today));
        let mut hidden = article();
        std::sync::Arc::make_mut(&mut hidden.meta).search = Some(false);
        assert!(!hidden.is_findable(today));
        let alert = |expires: &str| {
            let mut page = article();
            std::sync::Arc::make_mut(&mut page.meta).alert = Some(Alert {
                severity: Severity::Info,
                expires: Some(Instant::parse(expires).unwrap()),
                area: None,
                urgency: None,
                certainty: None,
            });
            page
        };
        assert!(!alert("2026-05-31T23:59:00Z").is_findable(today));
        assert!(
            alert("2026-06-01T08:00:00Z").is_findable(today),
            "expires later today"
        );
        assert!(alert("2026-07-01T00:00:00Z").is_findable(today));
    }
}
