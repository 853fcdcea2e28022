//! The share preview of the author panel: how an article's link card looks
//! when pasted into Facebook, X, LinkedIn and WhatsApp, with the title and
//! description cut where each platform cuts them, and the share image
//! checked against WhatsApp's size budget.
//!
//! The limits are approximate (platforms change them, and the width of the
//! letters matters as much as their number): they show an author which
//! words readers will not see.

use crate::html::escape_attribute as escape;
use crate::output::Files;
use crate::site::lookup::resolve_file;
use crate::site::{PageId, Site};

/// How much of a link card one platform shows.
pub(crate) struct Platform {
    pub name: &'static str,
    /// Characters of the title shown before it is cut.
    pub title: usize,
    /// Characters of the description shown, or `None` if it shows none.
    pub description: Option<usize>,
}

/// Facebook: 88 characters of title on a desktop feed, about two lines of
/// description. X documents 70 and 200 for its cards. LinkedIn shows up to
/// two lines of title and no description in the feed. WhatsApp shows about
/// 81 characters of title in its link preview.
pub(crate) const PLATFORMS: [Platform; 4] = [
    Platform {
        name: "Facebook",
        title: 88,
        description: Some(110),
    },
    Platform {
        name: "X",
        title: 70,
        description: Some(200),
    },
    Platform {
        name: "LinkedIn",
        title: 100,
        description: None,
    },
    Platform {
        name: "WhatsApp",
        title: 81,
        description: Some(150),
    },
];

/// WhatsApp does not show a preview image larger than this.
pub(crate) const WHATSAPP_IMAGE_BUDGET: usize = 300 * 1024;

/// `text` cut to at most `limit` characters at a word boundary, with `…`;
/// the second value says whether it was cut.
pub(crate) fn cut(text: &str, limit: usize) -> (String, bool) {
    let text = text.trim();
    if text.chars().count() <= limit {
        return (text.to_string(), false);
    }
    let keep: String = text.chars().take(limit.saturating_sub(1)).collect();
    let at_word = match keep.rfind(char::is_whitespace) {
        Some(space) if space > keep.len() / 2 => &keep[..space],
        _ => keep.as_str(),
    };
    (
        format!(
            "{}…",
            at_word.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        ),
        true,
    )
}

/// The image a share card shows.
pub(crate) struct ShareImage {
    pub url: String,
    pub alt: String,
    /// Size of the file, when the build has it.
    pub bytes: Option<usize>,
}

/// The image shared with a page: its generated share card (1200×630 PNG)
/// when `pamphlet build` has drawn it into the cache, else the page's own
/// `image`, with the size of the file the preview serves.
pub(crate) fn share_image(
    site: &Site,
    id: PageId,
    files: &Files,
    card: Option<&(String, String)>,
) -> Option<ShareImage> {
    let (url, alt) = match card {
        Some((url, alt)) if files.contains_key(site.urls.output_path(url).as_path()) => {
            (url.clone(), alt.clone())
        }
        _ => {
            let page = site.page(id);
            let image = page.meta.image.as_ref()?;
            (resolve_file(site, page, &image.src)?, image.alt.clone())
        }
    };
    let bytes = files
        .get(site.urls.output_path(&url).as_path())
        .map(|b| b.len());
    Some(ShareImage { url, alt, bytes })
}

/// The four mock-ups, as HTML.
pub(crate) fn render(
    site: &Site,
    id: PageId,
    files: &Files,
    card: Option<&(String, String)>,
    host: &str,
) -> String {
    let page = site.page(id);
    let image = share_image(site, id, files, card);
    let mut out = String::new();
    out.push_str(&image_notes(image.as_ref()));
    out.push_str("<div class=\"pamphlet-cards\">\n");
    for platform in &PLATFORMS {
        let (title, title_cut) = cut(&page.meta.title, platform.title);
        let picture = match &image {
            Some(image) => format!(
                "<img class=\"pamphlet-card-image\" src=\"{}\" alt=\"{}\">",
                escape(&image.url),
                escape(&image.alt)
            ),
            None => {
                "<div class=\"pamphlet-card-image pamphlet-card-no-image\">No share image</div>"
                    .to_string()
            }
        };
        let description = match platform.description {
            Some(limit) => {
                let (text, was_cut) = cut(&page.meta.summary, limit);
                format!(
                    "<p class=\"pamphlet-card-description\">{}</p>\n{}",
                    escape(&text),
                    cut_note("description", was_cut, limit)
                )
            }
            None => String::new(),
        };
        out.push_str(&format!(
            "<figure class=\"pamphlet-card pamphlet-card-{slug}\">\n<figcaption>{name}</figcaption>\n\
<div class=\"pamphlet-card-frame\">{picture}\n\
<p class=\"pamphlet-card-host\">{host}</p>\n<p class=\"pamphlet-card-title\">{title}</p>\n{description}</div>\n{title_note}</figure>\n",
            slug = platform.name.to_lowercase(),
            name = platform.name,
            host = escape(host),
            title = escape(&title),
            title_note = cut_note("title", title_cut, platform.title),
        ));
    }
    out.push_str("</div>\n");
    out
}

fn cut_note(what: &str, was_cut: bool, limit: usize) -> String {
    if was_cut {
        format!(
            "<p class=\"pamphlet-note pamphlet-warning\">The {what} is cut after about {limit} characters here.</p>\n"
        )
    } else {
        String::new()
    }
}

fn image_notes(image: Option<&ShareImage>) -> String {
    let mut notes = Vec::new();
    match image {
        None => notes.push(
            "<li class=\"pamphlet-warning\">No share image: set <code>image</code> and <code>image_alt</code> in the front matter.</li>"
                .to_string(),
        ),
        Some(image) => {
            match image.bytes {
                Some(bytes) if bytes > WHATSAPP_IMAGE_BUDGET => notes.push(format!(
                    "<li class=\"pamphlet-warning\">The share image is {} KB: WhatsApp shows no image above {} KB.</li>",
                    bytes.div_ceil(1024),
                    WHATSAPP_IMAGE_BUDGET / 1024
                )),
                Some(bytes) => notes.push(format!(
                    "<li>The share image is {} KB (WhatsApp's limit is {} KB).</li>",
                    bytes.div_ceil(1024),
                    WHATSAPP_IMAGE_BUDGET / 1024
                )),
                None => notes.push("<li>The share image is not a file of this site.</li>".to_string()),
            }
            if image.alt.trim().is_empty() {
                notes.push(
                    "<li class=\"pamphlet-warning\">The share image has no alt text: describe it in <code>image_alt</code>.</li>"
                        .to_string(),
                );
            }
        }
    }
    format!("<ul class=\"pamphlet-notes\">{}</ul>\n", notes.join(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_and_long_text_is_cut_at_a_word() {
        assert_eq!(
            cut("High blood pressure", 70),
            ("High blood pressure".into(), false)
        );
        let (text, was_cut) = cut("What high blood pressure is, and how to lower it", 30);
        assert!(was_cut);
        assert_eq!(text, "What high blood pressure is…");
        assert!(text.chars().count() <= 30);
    }

    #[test]
    fn cutting_counts_characters_not_bytes() {
        let arabic = "ضغط الدم المرتفع وكيفية خفضه بطرق بسيطة";
        let (text, was_cut) = cut(arabic, 20);
        assert!(was_cut);
        assert!(text.chars().count() <= 20, "{text}");
        let (one_word, _) = cut("Pneumonoultramicroscopicsilicovolcanoconiosis", 10);
        assert_eq!(one_word.chars().count(), 10);
    }
}
