//! RSS 2.0, with `content:encoded` for the full text, `dc:creator` for
//! authors (RSS's own `author` must be an e-mail address) and Media RSS.

use super::Context;
use crate::config::FeedFormat;
use crate::xml;

pub(super) fn write(cx: &Context) -> Vec<u8> {
    let self_url = cx.url(FeedFormat::Rss);
    xml::document(|w| {
        w.create_element("rss")
            .with_attributes([
                ("version", "2.0"),
                ("xmlns:atom", "http://www.w3.org/2005/Atom"),
                ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
                ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
                ("xmlns:media", "http://search.yahoo.com/mrss/"),
            ])
            .write_inner_content(|w| {
                w.create_element("channel").write_inner_content(|w| {
                    xml::text(w, "title", &cx.feed.title)?;
                    xml::text(w, "link", &cx.home())?;
                    xml::text(w, "description", &cx.feed.description)?;
                    xml::text(w, "language", &cx.feed.language)?;
                    xml::text(w, "lastBuildDate", &cx.updated.rfc822())?;
                    xml::text(w, "generator", "Pamphlet")?;
                    xml::empty(
                        w,
                        "atom:link",
                        &[
                            ("href", &self_url),
                            ("rel", "self"),
                            ("type", "application/rss+xml"),
                        ],
                    )?;
                    for entry in cx.entries {
                        w.create_element("item").write_inner_content(|w| {
                            xml::text(w, "title", &entry.title)?;
                            xml::text(w, "link", &entry.url)?;
                            let permalink = if entry.id == entry.url {
                                "true"
                            } else {
                                "false"
                            };
                            xml::text_with(w, "guid", &[("isPermaLink", permalink)], &entry.id)?;
                            xml::text(w, "pubDate", &entry.published.rfc822())?;
                            if !entry.summary.is_empty() {
                                xml::text(w, "description", &entry.summary)?;
                            }
                            if !entry.content.is_empty() {
                                xml::text(w, "content:encoded", &entry.content)?;
                            }
                            for name in &entry.authors {
                                xml::text(w, "dc:creator", name)?;
                            }
                            for term in &entry.categories {
                                xml::text(w, "category", term)?;
                            }
                            if let Some(image) = &entry.image {
                                if let Some(length) = image.length {
                                    xml::empty(
                                        w,
                                        "enclosure",
                                        &[
                                            ("url", &image.url),
                                            ("length", &length.to_string()),
                                            ("type", image.mime),
                                        ],
                                    )?;
                                }
                                super::atom::media_content(w, image)?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })
            .map(|_| ())
    })
}
