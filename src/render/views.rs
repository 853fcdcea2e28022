//! What templates see: plain, serialisable view structs built from the site
//! model, so the model can change without breaking themes. Dates arrive
//! both machine-readable (`date`) and localised (`date_display`).
//!
//! The names and shapes here are the theme interface documented in
//! `docs/themes.md`; add fields freely, never rename them.

use crate::frontmatter::{Author, Reviewer};
use crate::markdown::{Heading, RenderedBody};
use crate::site::{Page, PageId, PageKind, Site};
use serde::Serialize;

pub(crate) use super::alternates::{AlternateView, alternates};

/// How many articles the home page lists when lists are not paginated.
const HOME_LATEST: usize = 12;

#[derive(Serialize)]
pub(crate) struct LanguageView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub dir: &'a str,
    /// The language's home page.
    pub url: String,
    /// The language's A–Z index of topics.
    pub atoz_url: String,
    /// The language's search page.
    pub search_url: String,
    /// The language's reviewers and authors page, if it has one.
    pub people_url: Option<String>,
    /// The footer's links, when site.yaml gives them (`contact:`,
    /// `privacy_policy:`, `accessibility_statement:`).
    pub contact_url: Option<String>,
    pub privacy_url: Option<String>,
    pub accessibility_url: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    /// The site title in the page's language.
    pub title: &'a str,
    pub base_url: &'a str,
    /// The site root (`/` or `/health/`).
    pub root_url: String,
    pub default_language: &'a str,
    pub languages: Vec<LanguageView<'a>>,
    /// Scheme, host and port of `base_url` (`https://health.example.org`),
    /// ASCII only: printed before root-relative link addresses in handouts.
    pub origin: String,
    pub generator: &'static str,
}

#[derive(Serialize)]
pub(crate) struct LinkView {
    pub title: String,
    pub url: String,
    /// True when the link points at the page being rendered or one of its sections.
    pub current: bool,
}

#[derive(Serialize)]
pub(crate) struct TranslationView<'a> {
    pub language: &'a str,
    pub language_name: &'a str,
    pub dir: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    /// Absolute URL (for `hreflang` alternates).
    pub permalink: String,
}

#[derive(Serialize)]
pub(crate) struct ReviewerView<'a> {
    pub name: &'a str,
    pub credentials: Option<&'a str>,
    pub role: Option<&'a str>,
    pub date: Option<String>,
    pub date_display: Option<String>,
    /// The person on the language's people page (`/en/people/#ana-ruiz`).
    pub url: Option<String>,
}

/// An author, with where the people page lists them.
#[derive(Serialize)]
pub(crate) struct AuthorView<'a> {
    pub name: &'a str,
    pub credentials: Option<&'a str>,
    pub url: Option<String>,
}

/// Review dates of an article, raw and localised.
#[derive(Serialize)]
pub(crate) struct ReviewView {
    pub last_reviewed: Option<String>,
    pub last_reviewed_display: Option<String>,
    pub next_review: Option<String>,
    pub next_review_display: Option<String>,
    pub overdue: bool,
}

#[derive(Serialize)]
pub(crate) struct SummaryView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub date: Option<String>,
    pub date_display: Option<String>,
    /// Articles in a section (for section lists).
    pub count: usize,
}

#[derive(Serialize)]
pub(crate) struct ImageView {
    pub url: String,
    pub alt: String,
    /// The language of `alt` when it is not the page's (an inherited image
    /// whose description is not translated yet): templates set `lang` on the image.
    pub alt_language: Option<String>,
    /// Width and height in pixels, when known (see `renditions`).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The resized copies in the image's own format, and in WebP (for a
    /// `<source>`); `None` when the image has none.
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    pub sizes: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct PageView<'a> {
    pub kind: PageKind,
    pub title: &'a str,
    pub summary: &'a str,
    pub url: &'a str,
    pub permalink: String,
    pub language: &'a str,
    pub dir: &'a str,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    /// The rendered Markdown body (already safe HTML).
    pub content: &'a str,
    pub headings: &'a [Heading],
    /// The "On this page" list (empty when the page has none).
    pub contents: Vec<super::wayfinding::ContentsEntry<'a>>,
    /// The related articles the page ends with (empty when none).
    pub related: Vec<super::wayfinding::RelatedView<'a>>,
    pub word_count: usize,
    /// The body has highlighted code: only then is `syntax.css` linked.
    pub has_code: bool,
    pub reading_minutes: usize,
    pub tags: Vec<LinkView>,
    pub audience: Option<&'static str>,
    pub image: Option<ImageView>,
    pub authors: &'a [Author],
    pub reviewers: Vec<ReviewerView<'a>>,
    pub translations: Vec<TranslationView<'a>>,
    /// The default-language version, when this translation is older than it
    /// (see `coverage`): the theme shows a notice linking to it.
    pub outdated_from: Option<TranslationView<'a>>,
    /// This page and its translations, plus `x-default` (the default
    /// language's version), for `hreflang` links. Empty without translations.
    pub alternates: Vec<AlternateView>,
    pub breadcrumbs: Vec<LinkView>,
    pub pages: Vec<SummaryView<'a>>,
    pub subsections: Vec<SummaryView<'a>>,
    pub aliases: &'a [String],
    /// Numbered sources in order of first citation (`html` is safe).
    pub references: &'a [crate::citations::Reference],
    /// Reading level, with the formula's name (null when not measured).
    pub readability: Option<&'a crate::readability::Readability>,
    /// Review dates (articles only).
    pub review: Option<ReviewView>,
    /// schema.org JSON-LD, already escaped for `<script>` (every page but
    /// the 404 page; set by the renderer).
    pub json_ld: Option<String>,
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    /// Open Graph / X card values and the share bar (set by the renderer).
    pub social: Option<crate::social::meta::SocialView>,
    /// The alert this page is, if it is one (set by the renderer).
    pub alert: Option<crate::alerts::AlertView>,
    /// The letters and entries of an A–Z index page (null on other pages).
    pub atoz: Option<crate::atoz::AToZView>,
    /// The entries of a live-update topic page, newest first (set by the
    /// renderer; null on other pages).
    pub updates: Option<crate::updates::UpdatesView>,
    /// The service status board on a status page (set by the renderer).
    pub status: Option<crate::status::StatusView>,
    /// The compact status strip, on home pages when `status.strip: true`
    /// (set by the renderer).
    pub status_strip: Option<crate::status::StripView>,
    /// `authors` with links to the people page.
    pub author_people: Vec<AuthorView<'a>>,
    /// Everyone a people page lists (null on other pages).
    pub people: Option<crate::people::PeopleView>,
    /// The advice, emergency, contact and funding notice of an article
    /// (set by the renderer; null on other pages).
    pub disclaimer: Option<crate::disclaimer::DisclaimerView>,
    /// The numbered pages of a long list (set by the renderer; null on
    /// lists that fit on one page and on other pages).
    pub pagination: Option<super::pagination::PaginationView>,
}

fn date_pair(date: Option<crate::dates::Date>, language: &str) -> (Option<String>, Option<String>) {
    (
        date.map(|d| d.to_string()),
        date.map(|d| d.display_long(language)),
    )
}

/// Builds the site-wide part of the context for one language.
pub(crate) fn site_view<'a>(site: &'a Site, language: &str) -> SiteView<'a> {
    let config = &site.config;
    SiteView {
        title: config
            .language(language)
            .map_or(config.title.as_str(), |l| l.title.as_str()),
        base_url: config.base_url.as_str(),
        root_url: site.urls.root(),
        default_language: &config.default_language,
        languages: config
            .languages
            .iter()
            .map(|l| LanguageView {
                code: &l.code,
                name: &l.name,
                dir: l.direction.as_str(),
                url: site.urls.language_home(&l.code),
                atoz_url: site.urls.page(&l.code, &["a-z"]),
                search_url: site.urls.page(&l.code, &["search"]),
                people_url: site
                    .people
                    .pages
                    .get(&l.code)
                    .map(|&p| site.page(p).url.clone()),
                contact_url: site.address(config.disclaimer.contact.as_ref(), &l.code),
                privacy_url: site.address(config.disclaimer.privacy_policy.as_ref(), &l.code),
                accessibility_url: site
                    .address(config.disclaimer.accessibility_statement.as_ref(), &l.code),
            })
            .collect(),
        origin: config.base_url.origin().ascii_serialization(),
        generator: concat!("Pamphlet ", env!("CARGO_PKG_VERSION")),
    }
}

/// The main navigation of a language, marking the section the page is in.
pub(crate) fn navigation(site: &Site, id: PageId) -> Vec<LinkView> {
    let language = &site.page(id).language;
    let entries = site.navigation(language);
    let current = navigation_current(site, id);
    navigation_marking(site, language, |section| {
        current.iter().any(|&at| entries[at] == section)
    })
}

/// Which entries of its language's navigation a page marks as current:
/// their places in [`Site::navigation`].
pub(crate) fn navigation_current(site: &Site, id: PageId) -> Vec<usize> {
    let ancestors = ancestors(site, id);
    site.navigation(&site.page(id).language)
        .iter()
        .enumerate()
        .filter(|&(_, &section)| section == id || ancestors.contains(&section))
        .map(|(at, _)| at)
        .collect()
}

/// A language's navigation with the entries `current` says are current.
pub(crate) fn navigation_marking(
    site: &Site,
    language: &str,
    current: impl Fn(PageId) -> bool,
) -> Vec<LinkView> {
    site.navigation(language)
        .iter()
        .map(|&section| LinkView {
            title: site.page(section).title().to_string(),
            url: site.page(section).url.clone(),
            current: current(section),
        })
        .collect()
}

fn ancestors(site: &Site, id: PageId) -> Vec<PageId> {
    let mut out = Vec::new();
    let mut current = site.page(id).parent;
    while let Some(p) = current {
        out.push(p);
        current = site.page(p).parent;
    }
    out
}

/// Builds the view of one page. `body` is its rendered Markdown, if any.
pub(crate) fn page_view<'a>(
    site: &'a Site,
    id: PageId,
    body: Option<&'a RenderedBody>,
    today: crate::dates::Date,
) -> PageView<'a> {
    let page = site.page(id);
    let language = page.language.as_str();
    let dir = (site.config.language(language)).map_or("ltr", |l| l.direction.as_str());
    let meta = &page.meta;
    let (date, date_display) = date_pair(meta.date, language);
    let (updated, updated_display) = date_pair(meta.updated, language);
    let word_count = body.map_or(0, |b| b.word_count);
    let image = cover_image(site, page);
    let review = (page.kind == PageKind::Article && page.source.is_some())
        .then(|| crate::review::status(page, &site.config, today));
    let people = (page.kind == PageKind::People).then(|| crate::people::page_view(site, id));
    PageView {
        kind: page.kind,
        title: &meta.title,
        summary: &meta.summary,
        url: &page.url,
        permalink: site.urls.permalink(&page.url),
        language,
        dir,
        date,
        date_display,
        updated,
        updated_display,
        content: body.map_or("", |b| b.html.as_str()),
        headings: body.map_or(&[][..], |b| b.headings.as_slice()),
        contents: super::wayfinding::contents(site, id, body.map(|b| b.headings.as_slice())),
        related: super::wayfinding::related(site, id),
        word_count,
        has_code: body.is_some_and(|b| b.highlighted),
        // About 200 words a minute for plain-language health text.
        reading_minutes: word_count.div_ceil(200).max(1),
        tags: tag_links(page),
        audience: meta.audience.map(|a| a.as_str()),
        image,
        authors: &meta.authors,
        reviewers: reviewers(site, page),
        translations: translations(site, page),
        outdated_from: crate::coverage::outdated_source(site, id)
            .map(|s| translation_view(site, s)),
        alternates: alternates(site, id),
        breadcrumbs: breadcrumbs(site, id),
        pages: listed(site, page)
            .iter()
            .map(|&p| summary_view(site, p))
            .collect(),
        subsections: page
            .subsections
            .iter()
            .map(|&p| summary_view(site, p))
            .collect(),
        aliases: &meta.aliases,
        references: body.map_or(&[][..], |b| b.references.as_slice()),
        readability: body.and_then(|b| b.readability.as_ref()),
        review: review.map(|r| review_view(&r, language)),
        // Set by the renderer (`structured_data`).
        json_ld: None,
        extra: &meta.extra,
        social: None,
        alert: None,
        atoz: (page.kind == PageKind::AToZ).then(|| crate::atoz::view(site, id, today)),
        updates: None,
        status: None,
        status_strip: None,
        author_people: author_people(site, page),
        people,
        disclaimer: None,
        pagination: None,
    }
}

/// The pages a listing page lists on its first page: the latest few on a
/// home page whose list is not paginated.
fn listed<'a>(site: &Site, page: &'a Page) -> &'a [PageId] {
    match page.kind {
        PageKind::Home if site.config.paginate_by == 0 => {
            &page.pages[..page.pages.len().min(HOME_LATEST)]
        }
        _ => crate::site::pagination::slice(site.config.paginate_by, page, 1),
    }
}

fn translations<'a>(site: &'a Site, page: &Page) -> Vec<TranslationView<'a>> {
    page.translations
        .iter()
        .map(|&t| translation_view(site, t))
        .collect()
}

/// The trail from the home page down to the page (empty on the home page).
fn breadcrumbs(site: &Site, id: PageId) -> Vec<LinkView> {
    let page = site.page(id);
    let mut breadcrumbs: Vec<LinkView> = ancestors(site, id)
        .into_iter()
        .rev()
        .map(|p| LinkView {
            title: site.page(p).title().to_string(),
            url: site.page(p).url.clone(),
            current: false,
        })
        .collect();
    if !breadcrumbs.is_empty() {
        breadcrumbs.push(LinkView {
            title: page.meta.title.clone(),
            url: page.url.clone(),
            current: true,
        });
    }
    breadcrumbs
}

fn tag_links(page: &Page) -> Vec<LinkView> {
    page.tags
        .iter()
        .map(|t| LinkView {
            title: t.name.clone(),
            url: t.url.clone(),
            current: false,
        })
        .collect()
}

/// The reviewers, with where the people page lists them.
fn reviewers<'a>(site: &Site, page: &'a Page) -> Vec<ReviewerView<'a>> {
    let language = page.language.as_str();
    page.meta
        .reviewers
        .iter()
        .map(|r| {
            let mut view = reviewer_view(r, language);
            view.url = site.people.url(site, language, r.id.as_deref(), &r.name);
            view
        })
        .collect()
}

fn author_people<'a>(site: &Site, page: &'a Page) -> Vec<AuthorView<'a>> {
    let language = page.language.as_str();
    page.meta
        .authors
        .iter()
        .map(|a| AuthorView {
            name: &a.name,
            credentials: a.credentials.as_deref(),
            url: site.people.url(site, language, a.id.as_deref(), &a.name),
        })
        .collect()
}

fn review_view(r: &crate::review::ReviewStatus, language: &str) -> ReviewView {
    let (last_reviewed, last_reviewed_display) = date_pair(r.last_reviewed, language);
    let (next_review, next_review_display) = date_pair(r.next_review, language);
    ReviewView {
        last_reviewed,
        last_reviewed_display,
        next_review,
        next_review_display,
        overdue: r.overdue,
    }
}

fn reviewer_view<'a>(r: &'a Reviewer, language: &str) -> ReviewerView<'a> {
    let (date, date_display) = date_pair(r.date, language);
    ReviewerView {
        name: &r.name,
        credentials: r.credentials.as_deref(),
        role: r.role.as_deref(),
        date,
        date_display,
        url: None,
    }
}

fn translation_view(site: &Site, id: PageId) -> TranslationView<'_> {
    let page = site.page(id);
    let language = site.config.language(&page.language);
    TranslationView {
        language: &page.language,
        language_name: language.map_or(page.language.as_str(), |l| l.name.as_str()),
        dir: language.map_or("ltr", |l| l.direction.as_str()),
        title: page.title(),
        url: &page.url,
        permalink: site.urls.permalink(&page.url),
    }
}

pub(crate) fn summary_view(site: &Site, id: PageId) -> SummaryView<'_> {
    let page = site.page(id);
    let (date, date_display) = date_pair(page.meta.date, &page.language);
    SummaryView {
        title: page.title(),
        url: &page.url,
        summary: &page.meta.summary,
        date,
        date_display,
        count: page.pages.len(),
    }
}

/// The cover image as templates show it.
fn cover_image(site: &Site, page: &Page) -> Option<ImageView> {
    let (url, image) = crate::site::lookup::cover_image(site, page)?;
    Some(ImageView {
        url,
        alt: image.alt.clone(),
        alt_language: image.alt_language.clone(),
        width: None,
        height: None,
        srcset: None,
        webp_srcset: None,
        sizes: None,
    })
}

/// The cover as a responsive picture: its copies, width and height. No
/// cover when the body shows the same file: the author placed it there,
/// with the words around it, so it is shown there once.
pub(crate) fn picture_cover(
    view: &mut PageView,
    page: &Page,
    body: Option<&crate::markdown::RenderedBody>,
    renditions: &crate::renditions::Renditions,
) {
    let Some(image) = view.image.as_mut() else {
        return;
    };
    if body.is_some_and(|b| b.images.contains(&image.url)) {
        view.image = None;
        return;
    }
    let Some(parsed) = page.source.as_ref() else {
        return;
    };
    let used = crate::renditions::Use {
        file: parsed.source.path.clone(),
        position: None,
    };
    let Some(picture) = renditions.picture(&image.url, used) else {
        return;
    };
    if let Some((width, height)) = picture.size {
        image.width = Some(width);
        image.height = Some(height);
    }
    if !picture.copies.is_empty() {
        image.srcset = Some(picture.srcset(picture.fallback));
        if picture.fallback != crate::renditions::Format::Webp {
            image.webp_srcset = Some(picture.srcset(crate::renditions::Format::Webp));
        }
        image.sizes = Some(renditions.sizes().to_string());
    }
    image.url = picture.href.clone();
}
