//! What templates see of the status board (`page.status` on a status page,
//! `page.status_strip` on home pages) and the Atom feed of its changes.
//!
//! Every status is given in words ("Open", "Limited", "Closed"), so no
//! reader depends on the colour the theme adds.

use super::{Board, Service, Text};
use crate::config::FeedFormat;
use crate::feeds::{self, Feed, Item, Scope};
use crate::html::escape_attribute;
use crate::i18n::Strings;
use crate::site::{PageId, Site};
use crate::zone::LocalTime;
use serde::Serialize;

/// A text in the reader's language, and the language it is written in when
/// it is another one (not translated yet: templates set `lang`).
#[derive(Debug, Serialize)]
pub(crate) struct TextView {
    pub text: String,
    pub lang: Option<String>,
}

/// One service, in the page's language.
#[derive(Debug, Serialize)]
pub(crate) struct ServiceView {
    pub id: String,
    /// The table row's id (`service-<id>`).
    pub anchor: String,
    pub name: TextView,
    /// `clinic`, `emergency-department`, `vaccination-site`, `hotline`.
    pub kind: &'static str,
    pub kind_label: String,
    /// `open`, `limited`, `closed` (a CSS class; never shown alone).
    pub status: &'static str,
    /// "Open", "Limited", "Closed" in the page's language.
    pub status_label: String,
    pub wait_minutes: Option<u32>,
    /// "About 45 min wait".
    pub wait_display: Option<String>,
    pub note: Option<TextView>,
    pub hours: Option<TextView>,
    pub address: Option<TextView>,
    pub phone: Option<String>,
    /// RFC 3339 with the site zone's offset, for `<time datetime>`.
    pub updated: String,
    pub updated_local: LocalTime,
    pub updated_display: String,
}

/// `page.status` on a language's status page.
#[derive(Debug, Serialize)]
pub(crate) struct StatusView {
    pub intro: Option<TextView>,
    /// In the order of `data/status.yaml`.
    pub services: Vec<ServiceView>,
    /// The latest `updated` time of any service.
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub timezone: String,
    /// Root-relative addresses of `/status.json` and this language's feed of changes.
    pub json_url: String,
    pub feed_url: String,
}

/// `page.status_strip` on home pages when `status.strip: true`.
#[derive(Debug, Serialize)]
pub(crate) struct StripView {
    /// The language's status page.
    pub url: String,
    pub services: Vec<ServiceView>,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
}

fn text_view(text: &Text, language: &str, default: &str) -> TextView {
    TextView {
        text: text.get(language, default).to_string(),
        lang: text.language_of(language, default),
    }
}

fn service_view(site: &Site, service: &Service, language: &str, strings: &Strings) -> ServiceView {
    let default = site.config.default_language.as_str();
    let zone = &site.config.timezone;
    let local = zone.display(service.updated, language);
    ServiceView {
        id: service.id.clone(),
        anchor: format!("service-{}", service.id),
        name: text_view(&service.name, language, default),
        kind: service.kind.as_str(),
        kind_label: strings.get(
            language,
            &format!("status_kind_{}", service.kind.as_str().replace('-', "_")),
            &[],
        ),
        status: service.status.as_str(),
        status_label: strings.get(
            language,
            &format!("status_{}", service.status.as_str()),
            &[],
        ),
        wait_minutes: service.wait_minutes,
        wait_display: service
            .wait_minutes
            .map(|m| strings.get(language, "status_wait", &[("minutes", &m.to_string())])),
        note: service
            .note
            .as_ref()
            .map(|t| text_view(t, language, default)),
        hours: service
            .hours
            .as_ref()
            .map(|t| text_view(t, language, default)),
        address: service
            .address
            .as_ref()
            .map(|t| text_view(t, language, default)),
        phone: service.phone.clone(),
        updated: zone.datetime_attribute(service.updated),
        updated_display: time_display(strings, language, &local),
        updated_local: local,
    }
}

fn time_display(strings: &Strings, language: &str, local: &LocalTime) -> String {
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

fn board_updated(
    site: &Site,
    board: &Board,
    language: &str,
    strings: &Strings,
) -> (Option<String>, Option<String>) {
    let zone = &site.config.timezone;
    board
        .updated()
        .map(|t| {
            (
                zone.datetime_attribute(t),
                time_display(strings, language, &zone.display(t, language)),
            )
        })
        .unzip()
}

/// The view of a status page (`None` on other pages).
pub(crate) fn view(site: &Site, id: PageId, strings: &Strings) -> Option<StatusView> {
    let page = site.page(id);
    if !super::is_status_page(page) {
        return None;
    }
    let board = site.status.as_deref()?;
    let language = page.language.as_str();
    let (updated, updated_display) = board_updated(site, board, language, strings);
    Some(StatusView {
        intro: board
            .intro
            .as_ref()
            .map(|t| text_view(t, language, &site.config.default_language)),
        services: board
            .services
            .iter()
            .map(|s| service_view(site, s, language, strings))
            .collect(),
        updated,
        updated_display,
        timezone: site.config.timezone.name().to_string(),
        json_url: site.urls.file(None, &[super::json::FILE]),
        feed_url: format!("{}{}", page.url, feeds::file_name(FeedFormat::Atom)),
    })
}

/// The status strip of a language's home page, when the site turns it on.
pub(crate) fn strip(site: &Site, id: PageId, strings: &Strings) -> Option<StripView> {
    let page = site.page(id);
    if !site.config.status.strip || page.kind != crate::site::PageKind::Home {
        return None;
    }
    let board = site.status.as_deref()?;
    let language = page.language.as_str();
    let (updated, updated_display) = board_updated(site, board, language, strings);
    Some(StripView {
        url: site.urls.page(language, &[super::FOLDER]),
        services: board
            .services
            .iter()
            .map(|s| service_view(site, s, language, strings))
            .collect(),
        updated,
        updated_display,
    })
}

/// The Atom feed of changes of each language's status page: one entry per
/// service and `updated` time (its id names both), newest first, capped at
/// `feeds.limit`. A reader polling it sees a new entry whenever a service's
/// status is confirmed or changed.
pub(crate) fn feeds(site: &Site, strings: &Strings) -> Vec<Feed> {
    let Some(board) = site.status.as_deref() else {
        return Vec::new();
    };
    let mut order: Vec<&Service> = board.services.iter().collect();
    order.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, page)| super::is_status_page(page))
        .map(|(id, page)| {
            let language = page.language.as_str();
            let site_title = site
                .config
                .language(language)
                .map_or(site.config.title.as_str(), |l| l.title.as_str());
            let title = strings.get(language, "feed_status_title", &[("site", site_title)]);
            let permalink = site.urls.permalink(&page.url);
            let items = order
                .iter()
                .take(site.config.feeds.limit)
                .map(|service| {
                    let view = service_view(site, service, language, strings);
                    let stamp = service.updated.timestamp().as_second();
                    Item {
                        id: format!("{permalink}#{}-{stamp}", view.anchor),
                        url: format!("{permalink}#{}", view.anchor),
                        title: strings.get(
                            language,
                            "status_feed_entry",
                            &[("name", &view.name.text), ("status", &view.status_label)],
                        ),
                        summary: String::new(),
                        content: entry_html(&view),
                        published: service.updated,
                        updated: service.updated,
                    }
                })
                .collect();
            Feed {
                language: language.to_string(),
                scope: Scope::Page(id),
                description: title.clone(),
                title,
                folder: page.url.clone(),
                home: page.url.clone(),
                formats: vec![FeedFormat::Atom],
                entries: Vec::new(),
                items,
            }
        })
        .collect()
}

/// A feed entry's text: the status in words and what else is known.
fn entry_html(view: &ServiceView) -> String {
    let mut parts = vec![format!(
        "<strong>{}</strong>",
        escape_attribute(&view.status_label)
    )];
    parts.extend(view.wait_display.iter().map(|w| escape_attribute(w)));
    for text in [&view.note, &view.hours, &view.address]
        .into_iter()
        .flatten()
    {
        parts.push(escape_attribute(&text.text));
    }
    parts.push(format!(
        "<time datetime=\"{}\">{}</time>",
        escape_attribute(&view.updated),
        escape_attribute(&view.updated_display)
    ));
    format!("<p>{}</p>", parts.join(" · "))
}
