//! Feeds: Atom (RFC 4287), RSS 2.0 and JSON Feed 1.1 for each language, each
//! tag, and each language's alerts (`/<lang>/alerts/atom.xml`).
//!
//! [`plan`] decides every feed and its newest entries before pages are
//! rendered, so pages can link to their feeds and rendering can keep the
//! HTML of exactly the entries feeds need ([`Feeds::wanted`]). Every date
//! comes from the content (or the pinned build date for an empty feed),
//! never from the clock, and every URL is absolute.

mod atom;
mod json;
mod rss;

use crate::alerts::{self, Alerts};
use crate::config::{FeedFormat, Language};
use crate::dates::{Date, Instant};
use crate::error::Result;
use crate::i18n::Strings;
use crate::output::Output;
use crate::site::{PageId, PageKind, Site};
use crate::social::cards::Cards;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a feed lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// A language's articles (alerts have their own feed).
    Language,
    /// The articles with one tag (the tag page's id).
    Tag(PageId),
    /// A language's active alerts.
    Alerts,
    /// Entries that belong to one page and are not pages themselves (an
    /// update topic's entries, a status board's changes): the page's id.
    Page(PageId),
}

/// A feed entry that is not a page of its own (a live update, a status
/// change), ready to write: every address absolute.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Atom `id` / RSS `guid` / JSON Feed `id`: never changes for this entry.
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    /// HTML.
    pub content: String,
    pub published: Instant,
    pub updated: Instant,
}

/// One feed in one or more formats.
#[derive(Debug, Clone)]
pub(crate) struct Feed {
    pub language: String,
    pub scope: Scope,
    pub title: String,
    pub description: String,
    /// Root-relative folder the feed files sit in (`/en/`, `/en/tags/salt/`).
    pub folder: String,
    /// The page the feed belongs to (root-relative).
    pub home: String,
    pub formats: Vec<FeedFormat>,
    /// Newest first.
    pub entries: Vec<PageId>,
    /// Entries that are not pages, newest first, after `entries`.
    pub items: Vec<Item>,
}

impl Feed {
    /// Root-relative URL of the feed in a format.
    pub(crate) fn url(&self, format: FeedFormat) -> String {
        format!("{}{}", self.folder, file_name(format))
    }
}

/// The file name of a format.
pub(crate) fn file_name(format: FeedFormat) -> &'static str {
    match format {
        FeedFormat::Atom => "atom.xml",
        FeedFormat::Rss => "rss.xml",
        FeedFormat::Json => "feed.json",
    }
}

/// The media type of a format.
pub(crate) fn mime(format: FeedFormat) -> &'static str {
    match format {
        FeedFormat::Atom => "application/atom+xml",
        FeedFormat::Rss => "application/rss+xml",
        FeedFormat::Json => "application/feed+json",
    }
}

/// A `<link rel="alternate">` to a feed, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedLink {
    pub mime: &'static str,
    pub title: String,
    /// Root-relative.
    pub url: String,
}

/// Every feed of the site.
#[derive(Debug, Default)]
pub(crate) struct Feeds {
    pub feeds: Vec<Feed>,
    /// `feeds.tag_full_text`.
    pub tag_full_text: bool,
}

/// Decides the feeds of the site and their entries.
pub(crate) fn plan(site: &Site, alerts: &Alerts, strings: &Strings) -> Feeds {
    let config = &site.config.feeds;
    let mut feeds = Vec::new();
    for language in &site.config.languages {
        let code = &language.code;
        let Some(&home) = site.homes.get(code) else {
            continue;
        };
        if !config.formats.is_empty() {
            feeds.push(language_feed(site, language, home));
            if config.tags {
                feeds.extend(tag_feeds(site, strings, language));
            }
        }
        if alerts.feed_languages.contains(code) || !alerts.of(code).is_empty() {
            feeds.push(alerts_feed(site, alerts, strings, language, home));
        }
    }
    Feeds {
        feeds,
        tag_full_text: config.tag_full_text,
    }
}

/// A language's main feed: its home page's latest articles.
fn language_feed(site: &Site, language: &Language, home: PageId) -> Feed {
    let config = &site.config.feeds;
    let code = &language.code;
    let site_title = &language.title;
    let entries: Vec<PageId> = site
        .page(home)
        .pages
        .iter()
        .copied()
        .filter(|&p| !alerts::is_alert(site.page(p)))
        .take(config.limit)
        .collect();
    Feed {
        language: code.clone(),
        scope: Scope::Language,
        title: site_title.clone(),
        description: non_empty(&site.page(home).meta.summary, site_title),
        folder: site.urls.language_home(code),
        home: site.page(home).url.clone(),
        formats: config.formats.clone(),
        entries,
        items: Vec::new(),
    }
}

/// One feed per tag page of a language.
fn tag_feeds(site: &Site, strings: &Strings, language: &Language) -> Vec<Feed> {
    let config = &site.config.feeds;
    let code = &language.code;
    let site_title = &language.title;
    let mut feeds = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        if page.kind != PageKind::Tag || &page.language != code {
            continue;
        }
        let title = strings.get(
            code,
            "feed_tag_title",
            &[("site", site_title), ("tag", &page.meta.title)],
        );
        feeds.push(Feed {
            language: code.clone(),
            scope: Scope::Tag(id),
            description: title.clone(),
            title,
            folder: page.url.clone(),
            home: page.url.clone(),
            formats: config.formats.clone(),
            entries: page.pages.iter().copied().take(config.limit).collect(),
            items: Vec::new(),
        });
    }
    feeds
}

fn alerts_feed(
    site: &Site,
    alerts: &Alerts,
    strings: &Strings,
    language: &Language,
    home: PageId,
) -> Feed {
    let config = &site.config.feeds;
    let code = &language.code;
    // The alerts feed is always Atom (its address is part of the
    // contract), plus whatever other formats the site publishes.
    let mut formats = vec![FeedFormat::Atom];
    formats.extend(config.formats.iter().filter(|f| **f != FeedFormat::Atom));
    let title = strings.get(code, "feed_alerts_title", &[("site", &language.title)]);
    let folder = site.urls.page(code, &[alerts::FOLDER]);
    Feed {
        language: code.clone(),
        scope: Scope::Alerts,
        description: title.clone(),
        title,
        home: if site.serves(&folder) {
            folder.clone()
        } else {
            site.page(home).url.clone()
        },
        folder,
        formats,
        entries: alerts.of(code).iter().copied().take(config.limit).collect(),
        items: Vec::new(),
    }
}

fn non_empty(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.to_string()
    } else {
        text.to_string()
    }
}

impl Feeds {
    /// Pages whose rendered HTML the feeds need.
    pub(crate) fn wanted(&self) -> BTreeSet<PageId> {
        self.feeds
            .iter()
            .filter(|f| self.full_text(f))
            .flat_map(|f| f.entries.iter().copied())
            .collect()
    }

    /// Whether a feed's entries carry the articles' full text. Tag feeds
    /// do only when the site asks (`feeds.tag_full_text`): a site has many
    /// tags, each article is in several, and full text in every one of them
    /// made tag feeds a third of a large site's bytes.
    fn full_text(&self, feed: &Feed) -> bool {
        !matches!(feed.scope, Scope::Tag(_)) || self.tag_full_text
    }

    /// The feeds a page's head links to: its language's feed and alerts
    /// feed, and on a tag page that tag's feed.
    pub(crate) fn links_for(&self, site: &Site, id: PageId) -> Vec<FeedLink> {
        self.links_matching(&site.page(id).language, Some(id))
    }

    /// The feed links every page of `language` shows: its own feeds, not
    /// a tag's or a page's ([`Feeds::links_for`] a page without feeds of
    /// its own).
    pub(crate) fn language_links(&self, language: &str) -> Vec<FeedLink> {
        self.links_matching(language, None)
    }

    /// The pages with feeds of their own (tag pages, update topics, status
    /// boards): only they show more than their language's feed links.
    pub(crate) fn pages_with_own_feeds(&self) -> std::collections::HashSet<PageId> {
        self.feeds
            .iter()
            .filter_map(|feed| match feed.scope {
                Scope::Tag(id) | Scope::Page(id) => Some(id),
                Scope::Language | Scope::Alerts => None,
            })
            .collect()
    }

    fn links_matching(&self, language: &str, page: Option<PageId>) -> Vec<FeedLink> {
        let mut links = Vec::new();
        for feed in &self.feeds {
            let relevant = feed.language == language
                && match feed.scope {
                    Scope::Language | Scope::Alerts => true,
                    Scope::Tag(tag) | Scope::Page(tag) => Some(tag) == page,
                };
            if !relevant {
                continue;
            }
            for &format in &feed.formats {
                links.push(FeedLink {
                    mime: mime(format),
                    title: format!("{} ({})", feed.title, format_name(format)),
                    url: feed.url(format),
                });
            }
        }
        links
    }

    /// Writes every feed. `bodies` holds the rendered HTML of the pages
    /// [`Feeds::wanted`] asked for. Returns how many files were written.
    pub(crate) fn write(
        &self,
        site: &Site,
        bodies: &BTreeMap<PageId, String>,
        cards: &Cards,
        today: Date,
        output: &dyn Output,
    ) -> Result<usize> {
        use rayon::prelude::*;
        // Feeds are independent of each other: write them in parallel.
        let written: Vec<usize> = self
            .feeds
            .par_iter()
            .map(|feed| -> Result<usize> {
                let mut written = 0;
                let full_text = self.full_text(feed);
                let entries: Vec<Entry> = feed
                    .entries
                    .iter()
                    .map(|&id| {
                        let body = bodies.get(&id).filter(|_| full_text);
                        Entry::new(site, id, body.map_or("", String::as_str), cards)
                    })
                    .chain(feed.items.iter().map(Entry::from_item))
                    .collect();
                let updated = entries
                    .iter()
                    .map(|e| e.updated)
                    .max()
                    .unwrap_or_else(|| today.start_instant());
                let context = Context {
                    site,
                    feed,
                    entries: &entries,
                    updated,
                };
                for &format in &feed.formats {
                    let bytes = match format {
                        FeedFormat::Atom => atom::write(&context),
                        FeedFormat::Rss => rss::write(&context),
                        FeedFormat::Json => json::write(&context),
                    };
                    output.write(&site.urls.output_path(&feed.url(format)), &bytes)?;
                    written += 1;
                }
                Ok(written)
            })
            .collect::<Result<_>>()?;
        Ok(written.iter().sum())
    }
}

fn format_name(format: FeedFormat) -> &'static str {
    match format {
        FeedFormat::Atom => "Atom",
        FeedFormat::Rss => "RSS",
        FeedFormat::Json => "JSON Feed",
    }
}

/// What every format writes for one feed.
struct Context<'a> {
    site: &'a Site,
    feed: &'a Feed,
    entries: &'a [Entry],
    updated: Instant,
}

impl Context<'_> {
    fn url(&self, format: FeedFormat) -> String {
        self.site.urls.permalink(&self.feed.url(format))
    }
    fn home(&self) -> String {
        self.site.urls.permalink(&self.feed.home)
    }
    fn author(&self) -> &str {
        self.site
            .config
            .language(&self.feed.language)
            .map_or(self.site.config.title.as_str(), |l| l.title.as_str())
    }
}

/// One entry, with everything absolute.
struct Entry {
    /// The entry's id: its permalink for pages (stable as long as the
    /// address is), the item's own id otherwise.
    id: String,
    url: String,
    title: String,
    summary: String,
    content: String,
    published: Instant,
    updated: Instant,
    authors: Vec<String>,
    categories: Vec<String>,
    image: Option<EntryImage>,
    language: String,
}

struct EntryImage {
    url: String,
    mime: &'static str,
    length: Option<u64>,
    size: Option<(u32, u32)>,
}

impl Entry {
    fn new(site: &Site, id: PageId, body: &str, cards: &Cards) -> Entry {
        let page = site.page(id);
        let origin = site.config.base_url.origin().ascii_serialization();
        let published = page
            .meta
            .date
            .or(page.meta.updated)
            .unwrap_or_else(|| Date::new(1970, 1, 1).expect("valid"));
        let updated = page.meta.updated.unwrap_or(published).max(published);
        let url = site.urls.permalink(&page.url);
        Entry {
            id: url.clone(),
            url,
            title: page.meta.title.clone(),
            summary: page.meta.summary.clone(),
            content: absolute_urls(body, &origin),
            published: published.start_instant(),
            updated: updated.start_instant(),
            authors: page.meta.authors.iter().map(|a| a.name.clone()).collect(),
            categories: page.tags.iter().map(|t| t.name.clone()).collect(),
            image: cards.image_for(site, id).map(|img| EntryImage {
                url: crate::social::meta::absolute(site, &img.url),
                mime: img.mime.unwrap_or("image/png"),
                length: cards.file_size(site, id),
                size: img.size,
            }),
            language: page.language.clone(),
        }
    }
}

impl Entry {
    /// The entry's language, else the feed's (items are in their feed's language).
    fn language_or<'a>(&'a self, feed: &'a str) -> &'a str {
        if self.language.is_empty() {
            feed
        } else {
            &self.language
        }
    }

    fn from_item(item: &Item) -> Entry {
        Entry {
            id: item.id.clone(),
            url: item.url.clone(),
            title: item.title.clone(),
            summary: item.summary.clone(),
            content: item.content.clone(),
            published: item.published,
            updated: item.updated,
            authors: Vec::new(),
            categories: Vec::new(),
            image: None,
            language: String::new(),
        }
    }
}

/// Makes the root-relative `href`/`src`/`poster` addresses Pamphlet writes into page
/// bodies absolute, as feed readers need (they show content away from the
/// site). Protocol-relative and absolute addresses are left alone.
pub(crate) fn absolute_urls(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    loop {
        // `poster`: a video's still image (`markdown::media`).
        // `srcset`: the copies of a picture (`renditions`), each made absolute.
        let next = ["href=\"/", "src=\"/", "poster=\"/", "srcset=\"/"]
            .iter()
            .filter_map(|needle| rest.find(needle).map(|i| (i, needle.len())))
            .min();
        let Some((i, len)) = next else {
            out.push_str(rest);
            return out;
        };
        let attribute_start = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        if attribute_start && rest[i..].starts_with("srcset") {
            let value_start = i + len - 1;
            let value_end = rest[value_start..]
                .find('"')
                .map_or(rest.len(), |e| value_start + e);
            out.push_str(&rest[..value_start]);
            let candidates: Vec<String> = rest[value_start..value_end]
                .split(", ")
                .map(|c| match c.starts_with('/') && !c.starts_with("//") {
                    true => format!("{origin}{c}"),
                    false => c.to_string(),
                })
                .collect();
            out.push_str(&candidates.join(", "));
            rest = &rest[value_end..];
            continue;
        }
        let value_start = i + len - 1;
        out.push_str(&rest[..value_start]);
        if attribute_start && !rest[value_start..].starts_with("//") {
            out.push_str(origin);
        }
        rest = &rest[value_start..];
        // Step past the `/` so the same match is not found again.
        out.push('/');
        rest = &rest[1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picture_copies_become_absolute() {
        let html = r#"<picture><source type="image/webp" srcset="/en/a-480w.webp 480w, /en/a-800w.webp 800w" sizes="100vw"><img src="/en/a-800w.jpg" srcset="/en/a-480w.jpg 480w, /en/a-800w.jpg 800w" alt=""></picture>"#;
        assert_eq!(
            absolute_urls(html, "https://e.org"),
            r#"<picture><source type="image/webp" srcset="https://e.org/en/a-480w.webp 480w, https://e.org/en/a-800w.webp 800w" sizes="100vw"><img src="https://e.org/en/a-800w.jpg" srcset="https://e.org/en/a-480w.jpg 480w, https://e.org/en/a-800w.jpg 800w" alt=""></picture>"#
        );
    }

    #[test]
    fn body_urls_become_absolute() {
        let html = r#"<p><a href="/en/heart/">h</a> <img src="/en/a.png" alt=""> <a href="//cdn.org/x">c</a> <a href="https://o.org/">o</a> <a data-href="/x">d</a></p>"#;
        assert_eq!(
            absolute_urls(html, "https://e.org"),
            r#"<p><a href="https://e.org/en/heart/">h</a> <img src="https://e.org/en/a.png" alt=""> <a href="//cdn.org/x">c</a> <a href="https://o.org/">o</a> <a data-href="/x">d</a></p>"#
        );
    }

    #[test]
    fn players_in_bodies_load_from_the_site() {
        let html = r#"<video controls src="/en/c.mp4" poster="/en/c.jpg"><track kind="captions" src="/en/c.vtt">C <a href="/en/c.mp4">Download</a></video>"#;
        assert_eq!(
            absolute_urls(html, "https://e.org"),
            r#"<video controls src="https://e.org/en/c.mp4" poster="https://e.org/en/c.jpg"><track kind="captions" src="https://e.org/en/c.vtt">C <a href="https://e.org/en/c.mp4">Download</a></video>"#
        );
    }
}
