//! The social kit: `social/<lang>.json` and `social/<lang>.csv`, listing
//! every article of a language with a ready-to-post text per platform
//! (within each platform's limit, X's counted its own way), hashtags, the
//! link (with the site's UTM settings, per platform) and the share image,
//! so a communications team can schedule posts straight from the build.

use super::cards::Cards;
use super::links::tracked;
use super::meta::{absolute, hashtags};
use super::spreadsheet;
use super::text::{self, X_URL_LENGTH, trim_to, x_length};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::site::{PageId, Site};
use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;

/// A platform of the kit and how it counts a post.
struct Target {
    id: &'static str,
    limit: usize,
    /// Whether links count as 23 characters (X, Mastodon) or as written.
    short_links: bool,
    /// Whether CJK characters count double (X).
    weighted: bool,
}

const TARGETS: [Target; 6] = [
    Target {
        id: "x",
        limit: text::X_MAX,
        short_links: true,
        weighted: true,
    },
    Target {
        id: "mastodon",
        limit: 500,
        short_links: true,
        weighted: false,
    },
    Target {
        id: "facebook",
        limit: 63_206,
        short_links: false,
        weighted: false,
    },
    Target {
        id: "linkedin",
        limit: 3_000,
        short_links: false,
        weighted: false,
    },
    Target {
        id: "whatsapp",
        limit: 65_536,
        short_links: false,
        weighted: false,
    },
    Target {
        id: "telegram",
        limit: 4_096,
        short_links: false,
        weighted: false,
    },
];

#[derive(Debug, Serialize)]
pub struct Post {
    pub text: String,
    /// The link inside `text`.
    pub url: String,
    /// Length as the platform counts it.
    pub length: usize,
    pub limit: usize,
}

#[derive(Debug, Serialize)]
pub struct KitImage {
    pub url: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct KitArticle {
    pub title: String,
    pub summary: String,
    pub url: String,
    pub date: Option<String>,
    pub hashtags: Vec<String>,
    pub image: Option<KitImage>,
    pub posts: IndexMap<&'static str, Post>,
}

#[derive(Debug, Serialize)]
pub struct Kit {
    pub language: String,
    pub site: String,
    pub articles: Vec<KitArticle>,
}

/// The kit of one language: its newest articles (`social.kit_limit`), newest first.
pub fn kit(site: &Site, language: &str, cards: &Cards) -> Kit {
    let articles = site
        .homes
        .get(language)
        .map(|&home| site.page(home).pages.clone())
        .unwrap_or_default();
    Kit {
        language: language.to_string(),
        site: site
            .config
            .language(language)
            .map_or(site.config.title.clone(), |l| l.title.clone()),
        articles: articles[..articles.len().min(site.config.social.kit_articles())]
            .par_iter()
            .map(|&id| article(site, id, cards))
            .collect(),
    }
}

fn article(site: &Site, id: PageId, cards: &Cards) -> KitArticle {
    let page = site.page(id);
    let url = site.urls.permalink(&page.url);
    let tags = hashtags(site, id);
    let posts = TARGETS
        .iter()
        .map(|target| {
            let link = tracked(&url, site.config.social.utm.as_ref(), target.id);
            let (text, length) =
                caption(target, &page.meta.title, &page.meta.summary, &tags, &link);
            (
                target.id,
                Post {
                    text,
                    url: link,
                    length,
                    limit: target.limit,
                },
            )
        })
        .collect();
    KitArticle {
        title: page.meta.title.clone(),
        summary: page.meta.summary.clone(),
        date: page.meta.date.map(|d| d.to_string()),
        hashtags: tags,
        image: cards.image_for(site, id).map(|img| KitImage {
            url: absolute(site, &img.url),
            alt: img.alt,
            width: img.size.map(|s| s.0),
            height: img.size.map(|s| s.1),
        }),
        url,
        posts,
    }
}

/// The fullest post that fits: title, summary, hashtags and link; then
/// without the summary; then without hashtags; then with the title cut.
fn caption(
    target: &Target,
    title: &str,
    summary: &str,
    tags: &[String],
    link: &str,
) -> (String, usize) {
    let hashtags = tags
        .iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ");
    let count = |text: &str| -> usize {
        if target.weighted {
            x_length(text, &[link])
        } else if target.short_links {
            text.replace(link, "").chars().count() + X_URL_LENGTH
        } else {
            text.chars().count()
        }
    };
    let mut candidates = Vec::new();
    let with_tags = |body: &str| {
        if hashtags.is_empty() {
            format!("{body}\n\n{link}")
        } else {
            format!("{body}\n\n{hashtags}\n{link}")
        }
    };
    if !summary.is_empty() {
        candidates.push(with_tags(&format!("{title}\n\n{summary}")));
    }
    candidates.push(with_tags(title));
    candidates.push(format!("{title}\n\n{link}"));
    for candidate in candidates {
        let length = count(&candidate);
        if length <= target.limit {
            return (candidate, length);
        }
    }
    // Cut the title until it fits (CJK counts double on X, so shrink by
    // what is over rather than assuming one character per unit).
    let mut room = target.limit.saturating_sub(count(&format!("\n\n{link}")));
    loop {
        let text = format!("{}\n\n{link}", trim_to(title, room));
        let length = count(&text);
        if length <= target.limit || room == 0 {
            return (text, length);
        }
        room -= (length - target.limit).min(room);
    }
}

/// Writes `social/<lang>.json` and `.csv` for every language.
pub fn write(site: &Site, cards: &Cards, output: &dyn Output) -> Result<usize> {
    // One kit per language, each a long list on a large site: built and
    // written in parallel, the JSON beside the CSV.
    site.config
        .languages
        .par_iter()
        .map(|language| {
            let kit = kit(site, &language.code, cards);
            let base = site.urls.file(None, &["social", language.code.as_str()]);
            let (json, csv) = rayon::join(
                || {
                    let mut json = serde_json::to_vec_pretty(&kit).unwrap_or_default();
                    json.push(b'\n');
                    output.write(&site.urls.output_path(&format!("{base}.json")), &json)
                },
                || output.write(&site.urls.output_path(&format!("{base}.csv")), &csv(&kit)?),
            );
            json.and(csv).map(|()| 2)
        })
        .sum()
}

/// The kit as a spreadsheet: every cell goes through the formula-safe
/// [`spreadsheet::Writer`].
fn csv(kit: &Kit) -> Result<Vec<u8>> {
    let mut writer = spreadsheet::Writer::new();
    let fail = |e: csv::Error| Error::Usage(format!("cannot write the social kit: {e}"));
    writer
        .row([
            "language",
            "date",
            "title",
            "platform",
            "text",
            "url",
            "length",
            "limit",
            "hashtags",
            "image_url",
            "image_alt",
        ])
        .map_err(fail)?;
    for article in &kit.articles {
        for (platform, post) in &article.posts {
            writer
                .row([
                    kit.language.as_str(),
                    article.date.as_deref().unwrap_or(""),
                    &article.title,
                    platform,
                    &post.text,
                    &post.url,
                    &post.length.to_string(),
                    &post.limit.to_string(),
                    &article.hashtags.join(" "),
                    article.image.as_ref().map_or("", |i| i.url.as_str()),
                    article.image.as_ref().map_or("", |i| i.alt.as_str()),
                ])
                .map_err(fail)?;
        }
    }
    writer
        .into_bytes()
        .map_err(|e| Error::Usage(format!("cannot write the social kit: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str =
        "https://health.example.org/en/heart/a-rather-long-address-for-this-article/";

    #[test]
    fn x_posts_fit_280_counting_the_link_as_23() {
        let tags = vec!["HeartHealth".to_string(), "PublicHealth".to_string()];
        let long_title = "Why ".repeat(100);
        let (text, length) = caption(
            &TARGETS[0],
            &long_title,
            &"Summary ".repeat(20),
            &tags,
            LINK,
        );
        assert!(length <= 280, "{length}");
        assert_eq!(length, x_length(&text, &[LINK]));
        assert!(text.ends_with(LINK));
        assert!(text.contains('…'));
        // CJK counts double.
        let (text, length) = caption(&TARGETS[0], &"高血压".repeat(60), "", &[], LINK);
        assert!(length <= 280 && text.ends_with(LINK), "{length}: {text}");
        assert!(length > 200, "uses the room it has: {length}");
    }

    #[test]
    fn short_posts_keep_everything() {
        let tags = vec!["Salt".to_string()];
        let (text, length) = caption(&TARGETS[2], "Less salt", "Why and how.", &tags, LINK);
        assert_eq!(text, format!("Less salt\n\nWhy and how.\n\n#Salt\n{LINK}"));
        assert_eq!(length, text.chars().count());
    }
}
