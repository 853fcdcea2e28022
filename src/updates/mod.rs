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

pub(crate) use crate::data::updates::Entry;
pub(crate) use crate::discover::UPDATES_FOLDER as FOLDER;

use crate::config::FeedFormat;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::feeds::{self, Feed, Item, Scope};
use crate::i18n::Strings;
use crate::site::{Page, PageId, PageKind, Site};
use crate::zone::LocalTime;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Every entry's body, rendered once per build: for its topic page and its feeds.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// Entry file → HTML.
    html: BTreeMap<PathBuf, String>,
}

impl Rendered {
    pub(crate) fn html(&self, entry: &Entry) -> &str {
        self.html.get(entry.file()).map_or("", String::as_str)
    }
}

/// Renders every entry of the site's streams through the Markdown passes
/// (links, images, accessibility and personal-data checks). Returns the
/// HTML and the problems found.
pub(crate) fn render(site: &Site, strings: &Strings) -> (Rendered, Diagnostics) {
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
pub(crate) struct EntryView {
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
pub(crate) struct UpdatesView {
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
pub(crate) struct EntryTime {
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
pub(crate) fn view(
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
pub(crate) fn feeds(site: &Site, rendered: &Rendered, strings: &Strings) -> Vec<Feed> {
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
