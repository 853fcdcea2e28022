//! What link previews read: Open Graph, Twitter/X card and description
//! tags for every page, and the share bar's links for articles. Built here
//! as one view (`page.social` in templates) so every theme gets the same
//! trimmed, absolute values.

use super::cards::Cards;
use super::links::{self, Platform, Shared};
use super::text::{self, DESCRIPTION_MAX, META_DESCRIPTION_MAX, TITLE_MAX};
use crate::i18n::Strings;
use crate::site::{PageId, PageKind, Site};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ImageTags {
    /// Absolute.
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
    pub mime: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ShareLink {
    pub platform: &'static str,
    pub name: &'static str,
    /// "Share on WhatsApp", translated.
    pub label: String,
    pub url: String,
}

/// `page.social` in templates.
#[derive(Debug, Serialize)]
pub struct SocialView {
    /// Trimmed to what previews show.
    pub title: String,
    pub description: String,
    /// For `<meta name="description">` (search results show less).
    pub meta_description: String,
    /// `article` or `website`.
    pub og_type: &'static str,
    /// Absolute canonical URL.
    pub url: String,
    pub site_name: String,
    /// `en_US`-style locale of the page and of its translations.
    pub locale: String,
    pub locale_alternates: Vec<String>,
    pub image: Option<ImageTags>,
    /// RFC 3339, articles only.
    pub published_time: Option<String>,
    pub modified_time: Option<String>,
    pub tags: Vec<String>,
    pub twitter_site: Option<String>,
    /// Article hashtags then the site's defaults, without `#`.
    pub hashtags: Vec<String>,
    /// The share bar (articles only; empty elsewhere).
    pub links: Vec<ShareLink>,
    /// The URL the copy-link button copies (with UTM when configured).
    pub copy_url: String,
}

/// Builds `page.social` for one page.
pub fn view(site: &Site, id: PageId, cards: &Cards, strings: &Strings) -> SocialView {
    let page = site.page(id);
    let config = &site.config;
    let url = site.urls.permalink(&page.url);
    let site_name = config
        .language(&page.language)
        .map_or(config.title.clone(), |l| l.title.clone());
    let is_article = page.kind == PageKind::Article;
    let description = description(site, id);
    let image = cards.image_for(site, id).map(|img| ImageTags {
        url: absolute(site, &img.url),
        width: img.size.map(|s| s.0),
        height: img.size.map(|s| s.1),
        alt: img.alt,
        mime: img.mime,
    });
    let hashtags = hashtags(site, id);
    let links = if is_article {
        let shared = Shared {
            url: &url,
            title: &page.meta.title,
            summary: &page.meta.summary,
            hashtags: &hashtags,
            x_handle: config.social.twitter_site.as_deref(),
        };
        Platform::BAR
            .iter()
            .map(|&p| ShareLink {
                platform: p.id(),
                name: p.name(),
                label: if p == Platform::Email {
                    strings.get(&page.language, "share_email", &[])
                } else {
                    strings.get(&page.language, "share_on", &[("platform", p.name())])
                },
                url: links::share_url(p, &shared, config.social.utm.as_ref()),
            })
            .collect()
    } else {
        Vec::new()
    };
    SocialView {
        title: text::trim_to(&page.meta.title, TITLE_MAX),
        description: text::trim_to(&description, DESCRIPTION_MAX),
        meta_description: text::trim_to(&description, META_DESCRIPTION_MAX),
        og_type: if is_article { "article" } else { "website" },
        copy_url: links::tracked(&url, config.social.utm.as_ref(), "link"),
        url,
        site_name,
        locale: og_locale(&page.language),
        locale_alternates: page
            .translations
            .iter()
            .map(|&t| og_locale(&site.page(t).language))
            .collect(),
        image,
        published_time: is_article.then(|| page.meta.date.map(rfc3339)).flatten(),
        modified_time: is_article
            .then(|| page.meta.updated.or(page.meta.date).map(rfc3339))
            .flatten(),
        tags: if is_article {
            page.tags.iter().map(|t| t.name.clone()).collect()
        } else {
            Vec::new()
        },
        twitter_site: config.social.twitter_site.clone(),
        hashtags,
        links,
    }
}

/// What a link preview says about a page: its summary, else the site's
/// description in its language, else its language home's summary, else
/// its title, so every page has an `og:description`.
fn description(site: &Site, id: PageId) -> String {
    let page = site.page(id);
    let config = &site.config;
    let home_summary = || {
        site.homes
            .get(&page.language)
            .map(|&h| site.page(h).meta.summary.as_str())
            .filter(|s| !s.trim().is_empty())
    };
    Some(page.meta.summary.as_str())
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            config
                .description
                .as_ref()
                .and_then(|d| d.text(&page.language, &config.default_language))
        })
        .or_else(home_summary)
        .unwrap_or(&page.meta.title)
        .to_string()
}

/// Hashtags of a page: its own, then the site's defaults, once each.
pub fn hashtags(site: &Site, id: PageId) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Seen tags, lowercased: a set, so a long list is not searched per tag.
    let mut seen = std::collections::HashSet::new();
    for tag in site
        .page(id)
        .meta
        .hashtags
        .iter()
        .chain(&site.config.social.default_hashtags)
    {
        let tag: String = tag
            .trim_start_matches('#')
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !tag.is_empty() && seen.insert(tag.to_ascii_lowercase()) {
            out.push(tag);
        }
    }
    out
}

/// An absolute URL for a root-relative one (absolute ones unchanged).
pub fn absolute(site: &Site, url: &str) -> String {
    site.urls.absolute(url)
}

/// Midnight UTC of a date, RFC 3339 (`2026-03-01T00:00:00Z`).
pub fn rfc3339(date: crate::dates::Date) -> String {
    format!("{date}T00:00:00Z")
}

/// Open Graph wants `language_TERRITORY`: `en` → `en_US`, `pt-BR` →
/// `pt_BR`, `zh-Hans` → `zh_CN` (the likeliest territory from CLDR).
pub fn og_locale(language: &str) -> String {
    use icu_locale::LocaleExpander;
    use icu_locale_core::LanguageIdentifier;
    let Ok(mut id) = language.parse::<LanguageIdentifier>() else {
        return language.replace('-', "_");
    };
    LocaleExpander::new_common().maximize(&mut id);
    match id.region {
        Some(region) => format!("{}_{}", id.language, region),
        None => id.language.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_get_their_likely_territory() {
        assert_eq!(og_locale("en"), "en_US");
        assert_eq!(og_locale("es"), "es_ES");
        assert_eq!(og_locale("pt-BR"), "pt_BR");
        assert_eq!(og_locale("zh-Hans"), "zh_CN");
        assert_eq!(og_locale("ar"), "ar_EG");
    }
}
