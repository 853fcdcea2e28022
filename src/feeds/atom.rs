//! Atom 1.0 (RFC 4287), with Media RSS for the share image.

use super::{Context, Entry};
use crate::config::FeedFormat;
use crate::xml;

pub(super) fn write(cx: &Context) -> Vec<u8> {
    let self_url = cx.url(FeedFormat::Atom);
    xml::document(|w| {
        w.create_element("feed")
            .with_attributes([
                ("xmlns", "http://www.w3.org/2005/Atom"),
                ("xmlns:media", "http://search.yahoo.com/mrss/"),
                ("xml:lang", cx.feed.language.as_str()),
            ])
            .write_inner_content(|w| {
                xml::text(w, "id", &self_url)?;
                xml::text(w, "title", &cx.feed.title)?;
                xml::text(w, "subtitle", &cx.feed.description)?;
                xml::text(w, "updated", &cx.updated.rfc3339())?;
                xml::empty(
                    w,
                    "link",
                    &[
                        ("rel", "self"),
                        ("type", "application/atom+xml"),
                        ("href", &self_url),
                    ],
                )?;
                xml::empty(
                    w,
                    "link",
                    &[
                        ("rel", "alternate"),
                        ("type", "text/html"),
                        ("href", &cx.home()),
                    ],
                )?;
                w.create_element("author")
                    .write_inner_content(|w| xml::text(w, "name", cx.author()))?;
                xml::text_with(
                    w,
                    "generator",
                    &[("uri", "https://github.com/pamphlet")],
                    "Pamphlet",
                )?;
                for entry in cx.entries {
                    w.create_element("entry")
                        .write_inner_content(|w| write_entry(w, cx, entry))?;
                }
                Ok(())
            })
            .map(|_| ())
    })
}

fn write_entry(w: &mut xml::XmlWriter, cx: &Context, entry: &Entry) -> std::io::Result<()> {
    xml::text(w, "id", &entry.id)?;
    xml::text(w, "title", &entry.title)?;
    xml::empty(
        w,
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &entry.url),
        ],
    )?;
    xml::text(w, "published", &entry.published.rfc3339())?;
    xml::text(w, "updated", &entry.updated.rfc3339())?;
    for name in &entry.authors {
        w.create_element("author")
            .write_inner_content(|w| xml::text(w, "name", name))?;
    }
    for term in &entry.categories {
        xml::empty(w, "category", &[("term", term)])?;
    }
    if !entry.summary.is_empty() {
        xml::text(w, "summary", &entry.summary)?;
    }
    // Summary-only entries (tag feeds) link to the text.
    if !entry.content.is_empty() {
        xml::text_with(
            w,
            "content",
            &[
                ("type", "html"),
                ("xml:lang", entry.language_or(&cx.feed.language)),
            ],
            &entry.content,
        )?;
    }
    if let Some(image) = &entry.image {
        let length = image.length.map(|l| l.to_string());
        let mut attrs = vec![
            ("rel", "enclosure"),
            ("type", image.mime),
            ("href", image.url.as_str()),
        ];
        if let Some(length) = &length {
            attrs.push(("length", length));
        }
        xml::empty(w, "link", &attrs)?;
        media_content(w, image)?;
    }
    Ok(())
}

/// `<media:content>` (Media RSS), shared with RSS.
pub(super) fn media_content(
    w: &mut xml::XmlWriter,
    image: &super::EntryImage,
) -> std::io::Result<()> {
    let (width, height) = image
        .size
        .map(|(w, h)| (w.to_string(), h.to_string()))
        .unzip();
    let mut attrs = vec![
        ("url", image.url.as_str()),
        ("medium", "image"),
        ("type", image.mime),
    ];
    if let (Some(width), Some(height)) = (&width, &height) {
        attrs.push(("width", width));
        attrs.push(("height", height));
    }
    xml::empty(w, "media:content", &attrs)
}
