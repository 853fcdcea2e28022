//! Building the site model from parsed content, in this order: sections
//! and articles of each language (URLs, parents and children), translation
//! groups, inherited fields ([`inherit`]), then tag pages and list orders
//! (both read the inherited metadata), the A–Z index and search page of each
//! language, the generated pages (404, language chooser) and the final
//! translation links. The generated pages themselves are made in
//! [`generated`].

use super::urls::{Urls, slugify};
use super::{Page, PageId, PageKind, Site, files, inherit, translations};
use crate::config::Config;
use crate::data::Records;
use crate::data::people::People;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::discover::{Discovered, SourceKind};
use crate::frontmatter::FrontMatter;
use crate::parse::ParsedPage;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod alike;
mod generated;
mod tags;

/// Assembles the site. Drafts are left out unless `include_drafts`.
pub fn assemble(
    config: Config,
    parsed: Vec<ParsedPage>,
    discovered: &Discovered,
    records: &Records,
    people: &Arc<People>,
    include_drafts: bool,
) -> (Site, Diagnostics) {
    let urls = Urls::new(&config);
    let mut diagnostics = Diagnostics::new();
    let (drafts, by_language) = by_language(parsed, include_drafts, &mut diagnostics);
    let order: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let builder = build_pages(
        &urls,
        &config,
        &order,
        by_language,
        records,
        &mut diagnostics,
    );
    let Builder {
        mut pages,
        homes,
        bundle_urls,
        section_urls,
        ..
    } = builder;
    diagnostics.extend(translations::link(&mut pages, &order));
    alike::order_sections(&mut pages, &config.default_language);
    diagnostics.extend(alike::missing_titles(&pages, &config.default_language));

    let files = files::copied_files(&urls, discovered, &bundle_urls, &section_urls);
    let mut known_urls = unique_urls(&pages, &mut diagnostics);
    known_urls.extend(files.iter().map(|f| f.url.clone()));
    super::pagination::reserve(
        &pages,
        config.paginate_by,
        &mut known_urls,
        &mut diagnostics,
    );

    let (updates, found) =
        super::updates::streams(&pages, &records.updates, &drafts, include_drafts);
    diagnostics.extend(found);
    let by_source = pages
        .iter()
        .enumerate()
        .filter_map(|(id, p)| p.source_path().map(|path| (path.to_path_buf(), id)))
        .collect();
    let mut site = Site {
        config,
        urls,
        pages: pages.into_iter().map(std::sync::Arc::new).collect(),
        homes,
        files,
        by_source: std::sync::Arc::new(by_source),
        known_urls: std::sync::Arc::new(known_urls),
        drafts,
        expired: HashSet::new(),
        updates,
        status: records.status.clone(),
        people: Default::default(),
        redirects: Vec::new(),
        related: Default::default(),
    };
    diagnostics.extend(super::people::attach(&mut site, people.clone()));
    // After the people pages: an old address must not hide one of them.
    let (redirects, found) = super::redirects::plan(&site);
    diagnostics.extend(found);
    site.redirects = redirects;
    // Last: it reads every page's final tags, dates and section.
    site.related = std::sync::Arc::new(super::related::table(&site));
    (site, diagnostics)
}

/// The pages to build, by language, and the drafts left out; every page
/// built is checked for placeholders.
fn by_language(
    parsed: Vec<ParsedPage>,
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> (HashSet<PathBuf>, BTreeMap<String, Vec<ParsedPage>>) {
    let mut drafts = HashSet::new();
    let mut by_language: BTreeMap<String, Vec<ParsedPage>> = BTreeMap::new();
    for page in parsed {
        if page.front_matter.draft && !include_drafts {
            drafts.insert(page.source.path.clone());
            continue;
        }
        // Every page that is built, drafts included with --drafts: a
        // placeholder must never reach a published page.
        diagnostics.extend(crate::placeholder::find(&page.text, &page.source.path));
        by_language
            .entry(page.source.language.clone())
            .or_default()
            .push(page);
    }
    (drafts, by_language)
}

/// Every page of the site, generated ones included, with inherited
/// metadata and sorted lists (translation links come after).
fn build_pages<'a>(
    urls: &'a Urls,
    config: &Config,
    order: &[String],
    mut by_language: BTreeMap<String, Vec<ParsedPage>>,
    records: &Records,
    diagnostics: &mut Diagnostics,
) -> Builder<'a> {
    let mut builder = Builder {
        urls,
        pages: Vec::new(),
        homes: BTreeMap::new(),
        bundle_urls: HashMap::new(),
        section_urls: HashMap::new(),
    };
    for language in &config.languages {
        let pages = by_language.remove(&language.code).unwrap_or_default();
        builder.add_language(&language.code, &language.title, pages);
    }
    // Translations take their source's metadata before tag pages and
    // orders are made from it; `link` reports duplicate translations.
    let (groups, _) = translations::groups(&builder.pages, order);
    diagnostics.extend(inherit::inherit(
        &mut builder.pages,
        &groups,
        &config.default_language,
    ));
    for language in &config.languages {
        diagnostics.extend(builder.add_tags(&language.code, &config.tags));
        builder.add_finding_pages(&language.code);
        if records.status.is_some() {
            builder.add_status_page(&language.code);
        }
    }
    builder.add_special_pages(config);
    builder.sort_lists();
    builder
}

/// The pages' URLs; a URL a second page would also be written to is
/// reported and kept by the first.
fn unique_urls(pages: &[Page], diagnostics: &mut Diagnostics) -> rustc_hash::FxHashSet<String> {
    let mut known_urls = rustc_hash::FxHashSet::default();
    let mut owner: rustc_hash::FxHashMap<&str, PageId> = Default::default();
    for (id, page) in pages.iter().enumerate() {
        if let Some(&first) = owner.get(page.url.as_str()) {
            // Report on the author's file; a generated page (tag list, A–Z,
            // search) that an author's page shadows is named by its address.
            let (path, other) = match (page.source_path(), pages[first].source_path()) {
                (Some(path), Some(other)) => (Some(path), format!("`{}`", other.display())),
                (Some(path), None) => (Some(path), "a generated page".to_string()),
                (None, Some(path)) => (Some(path), format!("the generated {} page", page.place)),
                (None, None) => (None, String::new()),
            };
            if let Some(path) = path {
                diagnostics.push(
                    Diagnostic::error(
                        codes::PAGE_DUPLICATE_URL,
                        path,
                        Position::start(),
                        format!(
                            "this page and {other} would both be written to `{}`",
                            page.url
                        ),
                    )
                    .with_hint("give one of them a different `slug`"),
                );
            }
            continue;
        }
        owner.insert(&page.url, id);
        known_urls.insert(page.url.clone());
    }
    known_urls
}

struct Builder<'a> {
    urls: &'a Urls,
    pages: Vec<Page>,
    homes: BTreeMap<String, PageId>,
    /// (language, bundle folder) → the bundle article's URL, for its assets.
    bundle_urls: HashMap<(String, PathBuf), String>,
    /// (language, section folder) → the section's URL, for assets beside articles.
    section_urls: HashMap<(String, PathBuf), String>,
}

impl Builder<'_> {
    fn push(&mut self, page: Page) -> PageId {
        self.pages.push(page);
        self.pages.len() - 1
    }

    /// A language's sections and articles (tag pages come after inheritance).
    fn add_language(&mut self, language: &str, language_title: &str, parsed: Vec<ParsedPage>) {
        let (sections, articles): (Vec<_>, Vec<_>) = parsed
            .into_iter()
            .partition(|p| p.source.kind == SourceKind::Section);
        let folders = section_folders(sections, &articles);
        let section_ids = self.add_sections(language, language_title, folders);
        self.add_articles(language, articles, &section_ids);
    }

    /// One section per folder, parents before children (BTreeMap order
    /// guarantees it); the folder → section id.
    fn add_sections(
        &mut self,
        language: &str,
        language_title: &str,
        folders: BTreeMap<PathBuf, Option<ParsedPage>>,
    ) -> BTreeMap<PathBuf, PageId> {
        let mut section_ids: BTreeMap<PathBuf, PageId> = BTreeMap::new();
        for (folder, source) in folders {
            let segments = folder_segments(&folder);
            let is_home = folder.as_os_str().is_empty();
            let url = self.urls.page(language, &segments);
            let meta = match &source {
                Some(parsed) => parsed.front_matter.clone(),
                None => Arc::new(FrontMatter {
                    title: if is_home {
                        language_title.to_string()
                    } else {
                        humanize(&folder)
                    },
                    ..FrontMatter::default()
                }),
            };
            let parent = folder.parent().and_then(|p| section_ids.get(p).copied());
            let id = self.push(Page {
                kind: if is_home {
                    PageKind::Home
                } else {
                    PageKind::Section
                },
                language: language.to_string(),
                url: url.clone(),
                place: folder.to_string_lossy().replace('\\', "/"),
                source,
                meta,
                parent,
                pages: Vec::new(),
                subsections: Vec::new(),
                translations: Vec::new(),
                tags: Vec::new(),
            });
            if let Some(parent) = parent {
                self.pages[parent].subsections.push(id);
            }
            if is_home {
                self.homes.insert(language.to_string(), id);
            }
            self.section_urls
                .insert((language.to_string(), folder.clone()), url);
            section_ids.insert(folder, id);
        }
        section_ids
    }

    /// The articles, each in its folder's section; the home lists them all.
    fn add_articles(
        &mut self,
        language: &str,
        articles: Vec<ParsedPage>,
        section_ids: &BTreeMap<PathBuf, PageId>,
    ) {
        let mut article_ids = Vec::new();
        for article in articles {
            let folder = article_folder(&article);
            let mut segments = folder_segments(&folder);
            segments.push(article_slug(&article));
            let url = self.urls.page(language, &segments);
            if is_bundle(&article) {
                let bundle_dir = article
                    .source
                    .rel
                    .parent()
                    .unwrap_or(Path::new(""))
                    .to_path_buf();
                self.bundle_urls
                    .insert((language.to_string(), bundle_dir), url.clone());
            }
            let parent = section_ids.get(&folder).copied();
            let id = self.push(Page {
                kind: PageKind::Article,
                language: language.to_string(),
                url,
                place: article
                    .source
                    .rel
                    .with_extension("")
                    .to_string_lossy()
                    .replace('\\', "/"),
                meta: article.front_matter.clone(),
                source: Some(article),
                parent,
                pages: Vec::new(),
                subsections: Vec::new(),
                translations: Vec::new(),
                tags: Vec::new(),
            });
            if let Some(parent) = parent {
                self.pages[parent].pages.push(id);
            }
            article_ids.push(id);
        }
        let home = self.homes[language];
        self.pages[home].pages = article_ids;
    }

    /// Orders every list: articles newest first; sections by weight, then title.
    fn sort_lists(&mut self) {
        for id in 0..self.pages.len() {
            let mut list = std::mem::take(&mut self.pages[id].pages);
            list.sort_by(|&a, &b| article_order(&self.pages[a], &self.pages[b]));
            self.pages[id].pages = list;
            let mut subsections = std::mem::take(&mut self.pages[id].subsections);
            subsections.sort_by(|&a, &b| section_order(&self.pages[a], &self.pages[b]));
            self.pages[id].subsections = subsections;
        }
    }
}

/// Folders that need a section: every folder holding an article or an
/// _index.md, and all their ancestors, each with its _index.md if any.
fn section_folders(
    sections: Vec<ParsedPage>,
    articles: &[ParsedPage],
) -> BTreeMap<PathBuf, Option<ParsedPage>> {
    let mut folders: BTreeMap<PathBuf, Option<ParsedPage>> = BTreeMap::new();
    folders.insert(PathBuf::new(), None);
    for article in articles {
        for ancestor in article_folder(article).ancestors() {
            folders.entry(ancestor.to_path_buf()).or_insert(None);
        }
    }
    for section in sections {
        let folder = section
            .source
            .rel
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        for ancestor in folder.ancestors() {
            folders.entry(ancestor.to_path_buf()).or_insert(None);
        }
        folders.insert(folder, Some(section));
    }
    folders
}

/// The folder whose section lists the article: a bundle's own folder is
/// the article.
fn article_folder(p: &ParsedPage) -> PathBuf {
    let parent = p.source.rel.parent().unwrap_or(Path::new(""));
    if is_bundle(p) {
        parent.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        parent.to_path_buf()
    }
}

/// The article's last URL segment: its `slug`, else its file (or bundle
/// folder) name.
fn article_slug(article: &ParsedPage) -> String {
    let default_slug = if is_bundle(article) {
        article.source.rel.parent().and_then(|p| p.file_name())
    } else {
        article.source.rel.file_stem()
    }
    .map(|s| s.to_string_lossy().into_owned())
    .unwrap_or_default();
    let written = article.front_matter.slug.as_deref();
    let slug = slugify(written.unwrap_or(&default_slug));
    if slug.is_empty() {
        slugify(&default_slug)
    } else {
        slug
    }
}

fn is_bundle(page: &ParsedPage) -> bool {
    page.source.rel.file_name().is_some_and(|n| n == "index.md")
        && page
            .source
            .rel
            .parent()
            .is_some_and(|p| !p.as_os_str().is_empty())
}

fn folder_segments(folder: &Path) -> Vec<String> {
    folder
        .iter()
        .map(|s| slugify(&s.to_string_lossy()))
        .collect()
}

/// "everyday-health" → "Everyday health".
fn humanize(folder: &Path) -> String {
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// Newest first, then by title, then by URL (so the order is total).
fn article_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.meta
        .date
        .cmp(&a.meta.date)
        .then_with(|| a.meta.title.cmp(&b.meta.title))
        .then_with(|| a.url.cmp(&b.url))
}

/// By `weight` (unset last), then title, then URL.
fn section_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    let weight = |p: &Page| p.meta.weight.unwrap_or(i64::MAX);
    weight(a)
        .cmp(&weight(b))
        .then_with(|| a.meta.title.cmp(&b.meta.title))
        .then_with(|| a.url.cmp(&b.url))
}
