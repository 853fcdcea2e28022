//! Alerts and live-update topics as schema.org `SpecialAnnouncement`s:
//! schema.org's type for date-stamped public notices in an emergency. The
//! page is a plain `WebPage` whose `mainEntity` is the announcement; it
//! makes no review claim (nobody medically reviews an alert or a stream of
//! updates: the articles they link to carry the review).
//!
//! schema.org's definition asks for `name`, `text`, `datePosted`,
//! `expires` (when there is one), `category` and `url` as the baseline.
//! `category` should be a well-known Wikipedia or Wikidata address for the
//! situation; Pamphlet does not know which outbreak or heat wave a notice
//! is about, so it names the field every notice belongs to, public health
//! ([`CATEGORY`]), rather than guess a narrower one.

use crate::i18n::Strings;
use crate::site::{Page, PageId, Site};
use serde_json::{Map, Value, json};

/// The category of every announcement: the Wikipedia article on public health.
pub(crate) const CATEGORY: &str = "https://en.wikipedia.org/wiki/Public_health";

/// An alert's page: `datePosted` its `date`, `expires` its `alert.expires`,
/// `spatialCoverage` its `alert.area`.
pub(super) fn alert(site: &Site, page: &Page, strings: &Strings) -> Value {
    let url = site.urls.permalink(&page.url);
    let mut announcement = announcement(page, &url);
    if let Some(date) = page.meta.date {
        announcement.insert("datePosted".into(), json!(date.to_string()));
    }
    if let Some(updated) = page.meta.updated {
        announcement.insert("dateModified".into(), json!(updated.to_string()));
    }
    if let Some(alert) = page.meta.alert.as_ref() {
        if let Some(expires) = alert.expires {
            announcement.insert("expires".into(), json!(expires.rfc3339()));
        }
        if let Some(area) = alert.area.as_deref() {
            announcement.insert(
                "spatialCoverage".into(),
                json!({ "@type": "Place", "name": area }),
            );
        }
    }
    wrap(site, page, announcement, strings)
}

/// A live-update topic's page: `datePosted` the topic's `date` (else its
/// first entry), `dateModified` its newest entry, `webFeed` its Atom feed.
/// A topic with neither a date nor an entry has nothing to announce yet
/// and is a plain `WebPage`.
pub(super) fn live_updates(site: &Site, id: PageId, strings: &Strings) -> Value {
    let page = site.page(id);
    let entries = site.updates.get(&id).map_or(&[][..], Vec::as_slice);
    let zone = &site.config.timezone;
    let posted = page
        .meta
        .date
        .map(|d| d.to_string())
        .or_else(|| entries.last().map(|e| zone.datetime_attribute(e.time)));
    let Some(posted) = posted else {
        return Value::Object(super::plain(site, page, "WebPage", 1, strings));
    };
    let url = site.urls.permalink(&page.url);
    let mut announcement = announcement(page, &url);
    announcement.insert("datePosted".into(), json!(posted));
    if let Some(newest) = entries.first() {
        announcement.insert(
            "dateModified".into(),
            json!(zone.datetime_attribute(newest.time)),
        );
    }
    announcement.insert(
        "webFeed".into(),
        json!(format!(
            "{url}{}",
            crate::feeds::file_name(crate::config::FeedFormat::Atom)
        )),
    );
    wrap(site, page, announcement, strings)
}

/// What every announcement says: its name, text, category and address.
fn announcement(page: &Page, url: &str) -> Map<String, Value> {
    let title = page.title().trim();
    let summary = page.meta.summary.trim();
    let mut node = Map::new();
    node.insert("@type".into(), json!("SpecialAnnouncement"));
    node.insert("@id".into(), json!(format!("{url}#announcement")));
    node.insert("name".into(), json!(title));
    node.insert(
        "text".into(),
        json!(if summary.is_empty() { title } else { summary }),
    );
    node.insert("category".into(), json!(CATEGORY));
    node.insert("url".into(), json!(url));
    node.insert("inLanguage".into(), json!(page.language));
    node
}

/// The page around an announcement: a `WebPage` whose main entity it is.
fn wrap(site: &Site, page: &Page, announcement: Map<String, Value>, strings: &Strings) -> Value {
    let mut node = super::plain(site, page, "WebPage", 1, strings);
    node.insert("mainEntity".into(), Value::Object(announcement));
    Value::Object(node)
}
