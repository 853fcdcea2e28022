//! Rendering: every page of the site model through the theme's templates,
//! in parallel, straight into an [`Output`](crate::output::Output).
//!
//! Each worker turns one page's Markdown into HTML and the page into its
//! final document, then hands the bytes to the output and forgets them, so
//! memory stays flat however large the site is.

mod alternates;
mod pagination;
pub(crate) mod views;
mod wayfinding;

use crate::alerts::{self, Alerts};
use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result, error_chain};
use crate::feeds::Feeds;
use crate::i18n::Strings;
use crate::markdown::{self, RenderedBody};
use crate::output::Output;
use crate::site::{PageId, PageKind, Site};
use crate::social::cards::Cards;
use crate::social::meta;
use crate::theme::Theme;
use rayon::prelude::*;
use tera::{Context, Tera, Value};

/// The theme's templates, compiled once per build.
pub(crate) struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// The theme's templates, with `asset(path=…)` giving the address of
    /// one of the theme's files from `assets`.
    pub(crate) fn new(
        theme: &Theme,
        assets: std::sync::Arc<crate::theme::assets::Assets>,
    ) -> Result<Renderer> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Every value a template shows goes through this one function.
        tera.set_escape_fn(crate::html::escape_isolated);
        // `{{ asset(path="css/pamphlet.css") }}`: the fingerprinted copy's
        // address when the file has one, else the file's plain address.
        tera.register_function(
            "asset",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let path: &str = kwargs.must_get("path")?;
                Ok(assets.url(path))
            },
        );
        let templates: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        tera.add_raw_templates(templates)
            .map_err(|e| template_error(theme, &e))?;
        for kind in [
            "base.html",
            "home.html",
            "section.html",
            "article.html",
            "tags.html",
            "tag.html",
            "404.html",
            "language.html",
            "a-z.html",
            "search.html",
            "people.html",
        ] {
            if !tera.contains_template(kind) {
                return Err(Error::Template {
                    name: kind.to_string(),
                    message: format!("the theme `{}` has no `templates/{kind}`", theme.name),
                });
            }
        }
        Ok(Renderer { tera })
    }

    /// Renders into bytes (pages go straight to a file: turning them into
    /// a `String` would check every byte of every page is UTF-8 again).
    fn render(&self, template: &str, context: &Context, capacity: usize) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(capacity);
        self.tera
            .render_to(template, context, &mut out)
            .map_err(|e| Error::Template {
                name: template.to_string(),
                message: error_chain(&e),
            })?;
        Ok(out)
    }
}

fn template_error(theme: &Theme, error: &tera::Error) -> Error {
    let message = error_chain(error);
    let name = theme
        .template_origins
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map_or_else(|| "?".to_string(), |(_, path)| path.display().to_string());
    Error::Template { name, message }
}

/// Shared, per-language context values, built once per worker thread and
/// cloned cheaply for each page (tera values share their contents).
struct LanguageContext {
    site: Value,
    strings: Value,
    language: Value,
    alerts: Value,
    /// The navigation with entry `n` current, and with none current: most
    /// pages show one of these, converted once rather than per page.
    navigation: Vec<Value>,
    navigation_none: Value,
    /// The feed links of a page without feeds of its own.
    feed_links: Value,
}

/// What later stages planned that pages show: share cards, alerts, feeds.
pub(crate) struct Extras<'a> {
    pub cards: &'a Cards,
    pub alerts: &'a Alerts,
    pub feeds: &'a Feeds,
    /// Live-update entries' bodies, for update topic pages.
    pub updates: &'a crate::updates::Rendered,
    /// Pages whose body HTML a later stage (the feeds) needs back.
    pub keep_bodies: std::collections::BTreeSet<PageId>,
    /// The build date (review status, alert expiry).
    pub today: crate::dates::Date,
    /// The site's images and their resized copies.
    pub renditions: &'a crate::renditions::Renditions,
}

/// What rendering learnt about one page.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// Problems found in the page's Markdown (links, images, citations...).
    pub diagnostics: Vec<Diagnostic>,
    /// Words of prose in the body (0 for pages without one).
    pub word_count: usize,
    /// Reading level of the prose, when the language has a formula.
    pub readability: Option<crate::readability::Readability>,
    /// Sources cited.
    pub references: usize,
    /// The care cards of the body, in order (the preview's author panel).
    pub care_cards: Vec<crate::markdown::CareCard>,
    /// The cited sources as indexes into the page's citations (the pipeline
    /// checks them against the listed ones).
    pub cited_sources: Vec<usize>,
    /// CSP sources of the page's inline scripts.
    pub script_hashes: std::collections::BTreeSet<String>,
    /// CSP sources of the page's inline styles.
    pub style_hashes: std::collections::BTreeSet<String>,
    /// Body HTML, kept only for pages [`Extras::keep_bodies`] asks for (feeds).
    pub body: Option<String>,
}

/// What rendering produced besides the files.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub pages_written: usize,
    /// Every page's facts, indexed by page id.
    pub facts: Vec<PageFacts>,
}

impl Rendered {
    pub(crate) fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.facts.iter().flat_map(|f| f.diagnostics.iter())
    }
}

/// Renders every page of `site` into `output`.
pub(crate) fn render_all(
    site: &Site,
    renderer: &Renderer,
    strings: &Strings,
    extras: &Extras,
    output: &dyn Output,
) -> Result<Rendered> {
    // Listing pages (people, tags, A–Z, sections) can take a hundred times
    // as long as an article. Started first, they cannot be what one core
    // is still drawing at the end while the other has nothing left to do.
    let mut ids: Vec<PageId> = (0..site.pages.len()).collect();
    ids.sort_by_key(|&id| site.page(id).kind == PageKind::Article);
    let facts = render_pages(site, renderer, strings, extras, &ids, output)?;
    let mut by_id: Vec<(PageId, PageFacts)> = ids.into_iter().zip(facts).collect();
    by_id.sort_unstable_by_key(|(id, _)| *id);
    Ok(Rendered {
        pages_written: site
            .pages
            .iter()
            .map(|p| crate::site::pagination::count(site.config.paginate_by, p))
            .sum(),
        facts: by_id.into_iter().map(|(_, facts)| facts).collect(),
    })
}

/// The shared context values of each language.
fn language_contexts(
    site: &Site,
    strings: &Strings,
    extras: &Extras,
) -> std::collections::HashMap<String, LanguageContext> {
    let mut contexts = std::collections::HashMap::new();
    for language in &site.config.languages {
        let site_view = views::site_view(site, &language.code);
        let language_view = site_view.languages.iter().find(|l| l.code == language.code);
        contexts.insert(
            language.code.clone(),
            LanguageContext {
                site: Value::from_serializable(&site_view),
                strings: Value::from_serializable(&*strings.table(&language.code)),
                language: Value::from_serializable(&language_view),
                alerts: Value::from_serializable(&alerts::banners(
                    site,
                    extras.alerts,
                    &language.code,
                    strings,
                )),
                navigation: site
                    .navigation(&language.code)
                    .iter()
                    .map(|&current| {
                        Value::from_serializable(&views::navigation_marking(
                            site,
                            &language.code,
                            |section| section == current,
                        ))
                    })
                    .collect(),
                navigation_none: Value::from_serializable(&views::navigation_marking(
                    site,
                    &language.code,
                    |_| false,
                )),
                feed_links: Value::from_serializable(&extras.feeds.language_links(&language.code)),
            },
        );
    }
    contexts
}

/// A page as its template sees it, with what the later stages planned.
fn full_view<'a>(
    site: &'a Site,
    id: PageId,
    body: Option<&'a RenderedBody>,
    extras: &Extras,
    strings: &Strings,
) -> views::PageView<'a> {
    let mut view = views::page_view(site, id, body, extras.today);
    views::picture_cover(&mut view, site.page(id), body, extras.renditions);
    view.social = Some(meta::view(site, id, extras.cards, strings));
    view.alert = alerts::view(site, id, strings);
    view.updates = crate::updates::view(site, id, extras.updates, strings);
    view.status = crate::status::view(site, id, strings);
    view.status_strip = crate::status::strip(site, id, strings);
    view.disclaimer = crate::disclaimer::view(site, id, strings);
    let inputs = crate::structured_data::Inputs {
        body,
        people: view.people.as_ref(),
        strings,
        today: extras.today,
    };
    view.json_ld = crate::structured_data::page(site, id, &inputs);
    view
}

/// Renders some pages of `site` into `output` (the live preview re-renders
/// only the pages a change affects). Returns each page's facts, in the order
/// of `ids`.
pub(crate) fn render_pages(
    site: &Site,
    renderer: &Renderer,
    strings: &Strings,
    extras: &Extras,
    ids: &[PageId],
    output: &dyn Output,
) -> Result<Vec<PageFacts>> {
    // Each worker thread reads its own copy: a tera value is shared by
    // reference counting, and two cores counting references to the same
    // values at once slow each other down on every lookup.
    // (A live preview's few pages share one copy.)
    let copies = if ids.len() < 256 {
        1
    } else {
        rayon::current_num_threads().max(1)
    };
    let per_thread: Vec<_> = (0..copies)
        .map(|_| language_contexts(site, strings, extras))
        .collect();
    let with_own_feeds = extras.feeds.pages_with_own_feeds();
    ids.par_iter()
        .map(|&id| -> Result<PageFacts> {
            let page = site.page(id);
            let body: Option<RenderedBody> = markdown::render_with(
                site,
                page,
                &strings.table(&page.language),
                Some(extras.renditions),
            );
            let contexts = &per_thread[rayon::current_thread_index().unwrap_or(0) % copies];
            let shared = &contexts[&page.language];
            let mut context = Context::new();
            context.insert_value("site", shared.site.clone());
            context.insert_value("t", shared.strings.clone());
            context.insert_value("lang", shared.language.clone());
            context.insert_value("alerts", shared.alerts.clone());
            match views::navigation_current(site, id).as_slice() {
                [] => context.insert_value("nav", shared.navigation_none.clone()),
                &[current] => context.insert_value("nav", shared.navigation[current].clone()),
                _ => context.insert("nav", &views::navigation(site, id)),
            }
            if with_own_feeds.contains(&id) {
                context.insert("feeds", &extras.feeds.links_for(site, id));
            } else {
                context.insert_value("feeds", shared.feed_links.clone());
            }
            let job = Job {
                site,
                renderer,
                strings,
                extras,
                output,
            };
            let (script_hashes, style_hashes) = job.write(id, body.as_ref(), &mut context)?;
            let keep_body = extras.keep_bodies.contains(&id);
            Ok(match body {
                Some(b) => PageFacts {
                    word_count: b.word_count,
                    references: b.references.len(),
                    cited_sources: b.cited_sources,
                    body: keep_body.then_some(b.html),
                    readability: b.readability,
                    care_cards: b.care_cards,
                    diagnostics: b.diagnostics,
                    script_hashes,
                    style_hashes,
                },
                None => PageFacts {
                    script_hashes,
                    style_hashes,
                    ..PageFacts::default()
                },
            })
        })
        .collect()
}

/// What writing one page needs.
struct Job<'a> {
    site: &'a Site,
    renderer: &'a Renderer,
    strings: &'a Strings,
    extras: &'a Extras<'a>,
    output: &'a dyn Output,
}

type Hashes = std::collections::BTreeSet<String>;

impl Job<'_> {
    /// Renders page `id` (each numbered page of a long list) and writes
    /// it; returns the CSP sources of its inline scripts and styles.
    fn write(
        &self,
        id: PageId,
        body: Option<&RenderedBody>,
        context: &mut Context,
    ) -> Result<(Hashes, Hashes)> {
        let (site, page) = (self.site, self.site.page(id));
        let mut view = full_view(site, id, body, self.extras, self.strings);
        let lists = crate::site::pagination::count(site.config.paginate_by, page);
        // Room for the page around its body, so the buffer is rarely grown.
        let capacity = 16 * 1024 + body.map_or(0, |b| b.html.len());
        let (mut scripts, mut styles) = (Hashes::new(), Hashes::new());
        for number in 1..=lists {
            if lists > 1 {
                show_list_page(&mut view, site, id, number, self.strings);
            }
            context.insert("page", &view);
            let html = self
                .renderer
                .render(page.kind.template(), context, capacity)?;
            // (A page without inline scripts or styles gives empty sets.)
            scripts.extend(crate::security::inline_script_hashes(&html));
            styles.extend(crate::security::inline_style_hashes(&html));
            let url = crate::site::pagination::url(&page.url, number);
            self.output.write(&site.urls.output_path(&url), &html)?;
        }
        Ok((scripts, styles))
    }
}

/// Turns the view of a list's first page into the view of page `number`:
/// its share of the articles, its own canonical address and nav. Later
/// pages leave out the introduction and the subsections (the first page's
/// content, which search engines would otherwise see many times) and the
/// `hreflang` alternates (other languages' lists split differently).
fn show_list_page<'a>(
    view: &mut views::PageView<'a>,
    site: &'a Site,
    id: PageId,
    number: usize,
    strings: &Strings,
) {
    let page = site.page(id);
    let per_page = site.config.paginate_by;
    view.pages = crate::site::pagination::slice(per_page, page, number)
        .iter()
        .map(|&p| views::summary_view(site, p))
        .collect();
    view.pagination = pagination::nav(site, id, number, strings);
    if number == 1 {
        return;
    }
    let permalink = site
        .urls
        .permalink(&crate::site::pagination::url(&page.url, number));
    if let (Some(social), Some(nav)) = (view.social.as_mut(), view.pagination.as_ref()) {
        social.url.clone_from(&permalink);
        social.title = format!("{} · {}", social.title, nav.label);
    }
    view.permalink = permalink;
    view.json_ld = crate::structured_data::list_page(site, id, number, strings);
    view.content = "";
    view.subsections.clear();
    view.alternates.clear();
}
