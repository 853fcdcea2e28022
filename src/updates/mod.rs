//! Live updates: a stream of short, timestamped entries on a topic's page,
//! newest first (a heat wave, an outbreak, a mass-casualty event).
//!
//! An editor under pressure adds one entry by adding one small file,
//! `content/<lang>/updates/<topic>/<YYYY-MM-DD-HHMM>.md`, whose front matter
//! is just `time:` (`pamphlet new update <topic>` writes it with the current
//! time). Nothing else is edited, so two editors never touch the same file
//! and a mistake in one entry stays in that entry. The topic's page is the
//! folder's `_index.md` (title, summary, introduction); it is a section of
//! the site like any other (translations, sitemap, share card), and shows
//! the entries instead of a list of articles.
//!
//! Each entry's anchor (`#update-2026-06-01-1430`) comes from its file
//! name, so links to it survive new entries above it. Times are shown in the
//! site's `timezone:` ([`crate::zone`]). Each topic has its own feeds, one
//! item per entry. Entries are short notices like alerts: they need no
//! reviewer, citations or reading-level check (the topic page and the
//! articles it links to carry those), but their links, images and text go
//! through the same Markdown checks as articles.

mod entry;

pub use entry::field_names;

use crate::config::FeedFormat;
use crate::dates::Instant;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::feeds::{self, Feed, Item, Scope};
use crate::i18n::Strings;
use crate::parse::ParsedPage;
use crate::site::{Page, PageId, PageKind, Site};
use crate::zone::LocalTime;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder under `content/<lang>/` that holds the update topics.
pub const FOLDER: &str = "updates";

/// One update, read from its file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// When it happened (or was posted): the order and the time shown.
    pub time: Instant,
    pub title: Option<String>,
    pub draft: bool,
    /// `update-<file name>`: the entry's id on its topic page.
    pub anchor: String,
    /// The file and its text (the body is rendered like an article's).
    pub source: ParsedPage,
}

impl Entry {
    pub fn file(&self) -> &Path {
        &self.source.source.path
    }

    /// The topic folder under the language folder (`updates/heat-wave`).
    pub fn topic(&self) -> PathBuf {
        self.source
            .source
            .rel
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf()
    }
}

/// Whether a Markdown file (relative to `content/<lang>/`) is an update
/// entry: directly in a topic folder under `updates/`, and not the topic's
/// own `_index.md` (nor a page bundle's `index.md`).
pub fn is_entry(rel: &Path) -> bool {
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str()).collect();
    parts.len() == 3
        && parts[0] == FOLDER
        && rel.extension().is_some_and(|e| e == "md")
        && !matches!(parts[2].to_str(), Some("_index.md" | "index.md"))
}

/// Whether a path relative to the site root (`content/en/updates/x/y.md`)
/// is an update entry.
pub fn is_entry_file(path: &Path) -> bool {
    let mut components = path.components();
    components
        .next()
        .is_some_and(|c| c.as_os_str() == "content")
        && components.next().is_some()
        && is_entry(components.as_path())
}

/// Whether a page is an update topic (a section directly under `updates/`).
pub fn is_topic(page: &Page) -> bool {
    page.kind == PageKind::Section
        && page
            .place
            .split_once('/')
            .is_some_and(|(folder, topic)| folder == FOLDER && !topic.contains('/'))
}

/// Reads the entry files found at discovery (in their order). Unusable
/// files are left out and explained.
pub fn read_all(
    root: &Path,
    zone: &crate::zone::SiteZone,
    sources: &[(PathBuf, String, PathBuf)],
    diagnostics: &mut Diagnostics,
) -> Vec<Arc<Entry>> {
    let mut entries = Vec::new();
    for (path, language, rel) in sources {
        let source = entry::source_page(path.clone(), language, rel.clone());
        let text = match std::fs::read(root.join(path)).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            _ => {
                diagnostics.push(
                    Diagnostic::error(
                        codes::CONTENT_UNREADABLE,
                        path,
                        Position::start(),
                        "this update could not be read as UTF-8 text",
                    )
                    .with_hint("check the file's permissions and save it as UTF-8"),
                );
                continue;
            }
        };
        let mut found = Vec::new();
        let entry = entry::parse(&source, text, zone, &mut found);
        diagnostics.extend(found);
        entries.extend(entry.map(Arc::new));
    }
    entries
}

/// Each update topic page's entries, newest first (ties: later file name first).
pub type Streams = BTreeMap<PageId, Vec<Arc<Entry>>>;

/// Attaches entries to their topic pages (every topic page gets a stream,
/// possibly empty). Drafts stay out unless `include_drafts`; entries of a
/// draft topic stay out with it; an entry with no topic page is an error.
pub fn streams(
    pages: &[Page],
    entries: &[Arc<Entry>],
    drafts: &HashSet<PathBuf>,
    include_drafts: bool,
) -> (Streams, Vec<Diagnostic>) {
    let mut streams = Streams::new();
    let mut topics: HashMap<(&str, &str), PageId> = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        if is_topic(page) {
            streams.insert(id, Vec::new());
            topics.insert((page.language.as_str(), page.place.as_str()), id);
        }
    }
    let mut diagnostics = Vec::new();
    for entry in entries {
        if entry.draft && !include_drafts {
            continue;
        }
        let topic = entry.topic();
        let place = topic.to_string_lossy().replace('\\', "/");
        let language = entry.source.source.language.as_str();
        match topic_page(&topics, language, &place) {
            Some(id) => streams.entry(id).or_default().push(entry.clone()),
            None => {
                let index = Path::new("content")
                    .join(language)
                    .join(&topic)
                    .join("_index.md");
                if drafts.contains(&index) {
                    continue;
                }
                let name = topic
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                diagnostics.push(
                    Diagnostic::error(
                        codes::UPDATE_NO_TOPIC_PAGE,
                        entry.file(),
                        Position::start(),
                        format!("this update belongs to the topic `{name}`, which has no `{}`", index.display()),
                    )
                    .with_hint(format!(
                        "create `{}` with a `title:`, or run `pamphlet new update {name} --lang {language}`",
                        index.display()
                    )),
                );
            }
        }
    }
    for list in streams.values_mut() {
        list.sort_by(|a, b| {
            b.time
                .cmp(&a.time)
                .then_with(|| b.source.source.rel.cmp(&a.source.source.rel))
        });
    }
    (streams, diagnostics)
}

/// Topic pages are found by their place, which is the folder's slug.
fn topic_page(
    topics: &HashMap<(&str, &str), PageId>,
    language: &str,
    place: &str,
) -> Option<PageId> {
    topics.get(&(language, place)).copied()
}

/// Every entry's body, rendered once per build: for its topic page and its feeds.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Entry file → HTML.
    html: BTreeMap<PathBuf, String>,
}

impl Rendered {
    pub fn html(&self, entry: &Entry) -> &str {
        self.html.get(entry.file()).map_or("", String::as_str)
    }
}

/// Renders every entry of the site's streams through the Markdown passes
/// (links, images, accessibility and personal-data checks). Returns the
/// HTML and the problems found.
pub fn render(site: &Site, strings: &Strings) -> (Rendered, Diagnostics) {
    use rayon::prelude::*;
    let jobs: Vec<(PageId, &Arc<Entry>)> = site
        .updates
        .iter()
        .flat_map(|(&id, entries)| entries.iter().map(move |e| (id, e)))
        .collect();
    let results: Vec<(PathBuf, String, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|(topic_id, entry)| {
            let topic = site.page(*topic_id);
            // The entry is rendered as part of its topic's page: links are
            // relative to its file, and it is not checked as an article
            // (no citations, reviewer or reading level).
            let page = Page {
                kind: PageKind::Section,
                language: topic.language.clone(),
                url: topic.url.clone(),
                place: topic.place.clone(),
                source: Some(entry.source.clone()),
                meta: Default::default(),
                parent: topic.parent,
                pages: Vec::new(),
                subsections: Vec::new(),
                translations: Vec::new(),
                tags: Vec::new(),
            };
            let body = crate::markdown::render(site, &page, &strings.table(&topic.language));
            let (html, diagnostics) =
                body.map_or_else(Default::default, |b| (b.html, b.diagnostics));
            (entry.file().to_path_buf(), html, diagnostics)
        })
        .collect();
    let mut rendered = Rendered::default();
    let mut diagnostics = Diagnostics::new();
    for (file, html, found) in results {
        rendered.html.insert(file, html);
        diagnostics.extend(found);
    }
    (rendered, diagnostics)
}

/// One entry as templates see it.
#[derive(Debug, Serialize)]
pub struct EntryView {
    /// The element id (`update-2026-06-01-1430`).
    pub anchor: String,
    /// Root-relative link to the entry (`/en/updates/heat-wave/#update-…`).
    pub url: String,
    pub title: Option<String>,
    /// For `<time datetime>`: RFC 3339 with the site zone's offset.
    pub datetime: String,
    /// The parts of the time shown, localised.
    pub local: LocalTime,
    /// The whole time shown ("2:30 PM EDT, June 1, 2026").
    pub display: String,
    /// The rendered body (safe HTML).
    pub content: String,
}

/// `page.updates` on an update topic's page.
#[derive(Debug, Serialize)]
pub struct UpdatesView {
    /// Newest first.
    pub entries: Vec<EntryView>,
    /// The newest entry's time (the "last updated" line), if any.
    pub last_updated: Option<EntryTime>,
    /// The IANA name of the site's time zone.
    pub timezone: String,
    /// Root-relative address of the topic's Atom feed.
    pub feed_url: String,
}

/// A time for a "last updated" line.
#[derive(Debug, Serialize)]
pub struct EntryTime {
    pub datetime: String,
    pub local: LocalTime,
    /// "2:30 PM EDT, June 1, 2026" (the theme's `updates_last_updated`
    /// text goes before it).
    pub display: String,
}

fn shown(strings: &Strings, language: &str, local: &LocalTime) -> String {
    strings.get(
        language,
        "update_time",
        &[
            ("time", &local.time),
            ("zone", &local.zone),
            ("date", &local.date),
        ],
    )
}

/// The view of an update topic's page (`None` on other pages).
pub fn view(
    site: &Site,
    id: PageId,
    rendered: &Rendered,
    strings: &Strings,
) -> Option<UpdatesView> {
    let entries = site.updates.get(&id)?;
    let page = site.page(id);
    let language = page.language.as_str();
    let zone = &site.config.timezone;
    let entry_views: Vec<EntryView> = entries
        .iter()
        .map(|entry| {
            let local = zone.display(entry.time, language);
            EntryView {
                anchor: entry.anchor.clone(),
                url: format!("{}#{}", page.url, entry.anchor),
                title: entry.title.clone(),
                datetime: zone.datetime_attribute(entry.time),
                display: shown(strings, language, &local),
                local,
                content: rendered.html(entry).to_string(),
            }
        })
        .collect();
    let last_updated = entries.first().map(|newest| {
        let local = zone.display(newest.time, language);
        EntryTime {
            datetime: zone.datetime_attribute(newest.time),
            display: shown(strings, language, &local),
            local,
        }
    });
    Some(UpdatesView {
        entries: entry_views,
        last_updated,
        timezone: zone.name().to_string(),
        feed_url: format!("{}{}", page.url, feeds::file_name(FeedFormat::Atom)),
    })
}

/// One feed per update topic (Atom, plus the site's other formats), each
/// entry an item linking to its anchor, newest first, capped at `feeds.limit`.
pub fn feeds(site: &Site, rendered: &Rendered, strings: &Strings) -> Vec<Feed> {
    let mut formats = vec![FeedFormat::Atom];
    formats.extend(
        site.config
            .feeds
            .formats
            .iter()
            .filter(|f| **f != FeedFormat::Atom),
    );
    let origin = site.config.base_url.origin().ascii_serialization();
    let zone = &site.config.timezone;
    site.updates
        .iter()
        .map(|(&id, entries)| {
            let page = site.page(id);
            let language = page.language.as_str();
            let site_title = site
                .config
                .language(language)
                .map_or(site.config.title.as_str(), |l| l.title.as_str());
            let title = strings.get(
                language,
                "feed_updates_title",
                &[("site", site_title), ("topic", &page.meta.title)],
            );
            let permalink = site.urls.permalink(&page.url);
            let items = entries
                .iter()
                .take(site.config.feeds.limit)
                .map(|entry| {
                    let url = format!("{permalink}#{}", entry.anchor);
                    let local = zone.display(entry.time, language);
                    Item {
                        id: url.clone(),
                        url,
                        title: entry
                            .title
                            .clone()
                            .unwrap_or_else(|| shown(strings, language, &local)),
                        summary: String::new(),
                        content: feeds::absolute_urls(rendered.html(entry), &origin),
                        published: entry.time,
                        updated: entry.time,
                    }
                })
                .collect();
            Feed {
                language: language.to_string(),
                scope: Scope::Page(id),
                description: if page.meta.summary.trim().is_empty() {
                    title.clone()
                } else {
                    page.meta.summary.clone()
                },
                title,
                folder: page.url.clone(),
                home: page.url.clone(),
                formats: formats.clone(),
                entries: Vec::new(),
                items,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_the_files_directly_in_a_topic_folder() {
        for yes in ["updates/heat/2026-06-01-1430.md", "updates/heat/late.md"] {
            assert!(is_entry(Path::new(yes)), "{yes}");
        }
        for no in [
            "updates/heat/_index.md",
            "updates/heat/index.md",
            "updates/_index.md",
            "updates/overview.md",
            "updates/heat/more/x.md",
            "heat/2026-06-01.md",
            "updates/heat/photo.jpg",
        ] {
            assert!(!is_entry(Path::new(no)), "{no}");
        }
        assert!(is_entry_file(Path::new("content/es/updates/calor/a.md")));
        assert!(!is_entry_file(Path::new("static/updates/calor/a.md")));
    }

    #[test]
    fn topics_are_sections_directly_under_updates() {
        let mut page = Page::test_article();
        page.kind = PageKind::Section;
        page.place = "updates/heat-wave".into();
        assert!(is_topic(&page));
        page.place = "updates".into();
        assert!(!is_topic(&page));
        page.place = "updates/heat-wave/older".into();
        assert!(!is_topic(&page));
        page.place = "updates/heat-wave".into();
        page.kind = PageKind::Article;
        assert!(!is_topic(&page));
    }
}
