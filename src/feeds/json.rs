//! JSON Feed 1.1 (https://jsonfeed.org/version/1.1).

use super::Context;
use crate::config::FeedFormat;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    authors: Vec<Author<'a>>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    /// JSON Feed needs `content_html` or `content_text`: summary-only
    /// entries (tag feeds) carry their summary as text.
    #[serde(skip_serializing_if = "str::is_empty")]
    content_html: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    language: &'a str,
}

pub(super) fn write(cx: &Context) -> Vec<u8> {
    let document = Document {
        version: "https://jsonfeed.org/version/1.1",
        title: &cx.feed.title,
        home_page_url: cx.home(),
        feed_url: cx.url(FeedFormat::Json),
        description: &cx.feed.description,
        language: &cx.feed.language,
        authors: vec![Author { name: cx.author() }],
        items: cx
            .entries
            .iter()
            .map(|e| Item {
                id: &e.id,
                url: &e.url,
                title: &e.title,
                content_html: &e.content,
                content_text: e.content.is_empty().then_some(e.summary.as_str()),
                summary: &e.summary,
                image: e.image.as_ref().map(|i| i.url.as_str()),
                date_published: e.published.rfc3339(),
                date_modified: e.updated.rfc3339(),
                authors: e.authors.iter().map(|name| Author { name }).collect(),
                tags: e.categories.iter().map(String::as_str).collect(),
                language: e.language_or(&cx.feed.language),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&document).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
