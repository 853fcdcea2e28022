//! The stages before the outputs, and the order of each page's steps: set
//! up (site.yaml, theme, strings, people), assemble and check the site
//! model, plan what pages need from the whole site, render pages and check
//! what rendering found. The full build and the live preview both call
//! these, so they run the same steps in the same order.

use super::BuildOptions;
use crate::alerts;
use crate::config::{self, Config};
use crate::coverage::{self, Coverage};
use crate::dates::Date;
use crate::diagnostics::Diagnostics;
use crate::discover;
use crate::error::{Error, Result};
use crate::feeds;
use crate::i18n::Strings;
use crate::output::Output;
use crate::parse;
use crate::readability;
use crate::render::{self, Renderer};
use crate::review;
use crate::site;
use crate::social::cards;
use crate::theme;
use crate::validate;
use rayon::prelude::*;

/// What the later stages need from site.yaml and the theme. It stays the
/// same until site.yaml, the theme, `templates/` or `i18n/` change.
pub(crate) struct Setup {
    pub config: Config,
    pub theme: theme::Theme,
    /// The fingerprinted copies of the theme's stylesheets, scripts and
    /// fonts, whose names pages link (a site file that replaces one of
    /// them starts the live preview over).
    pub assets: std::sync::Arc<theme::assets::Assets>,
    pub renderer: Renderer,
    pub strings: Strings,
    /// Profiles in `data/people/` (read here: a change under `data/`
    /// starts the live preview over, like site.yaml).
    pub people: std::sync::Arc<crate::data::people::People>,
    /// Problems in site.yaml, the UI string files and the profiles.
    pub diagnostics: Diagnostics,
}

/// Where the generated stylesheet of highlighted code is published.
const SYNTAX_CSS: &str = "css/syntax.css";

/// Stage 1: site.yaml, the theme, its templates and UI strings. `Err` only
/// for problems outside the content (no site, a broken template); a
/// site.yaml with errors gives `Ok(Err(diagnostics))`.
pub(crate) fn setup(options: &BuildOptions) -> Result<Result<Setup, Diagnostics>> {
    let loaded = config::load(&options.root)?;
    let mut diagnostics = loaded.diagnostics;
    let Some(mut config) = loaded.config else {
        return Ok(Err(diagnostics));
    };
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|m| Error::Usage(format!("--base-url: {m}")))?;
    }
    let (theme, found) = theme::load(&config)?;
    diagnostics.extend(found);
    let syntax = crate::markdown::highlight::stylesheet();
    let assets = std::sync::Arc::new(theme::assets::Assets::of_site(
        &theme,
        &[(SYNTAX_CSS, syntax.as_bytes())],
        &config.boundary,
        &site::urls::Urls::new(&config).root(),
    ));
    let renderer = Renderer::new(&theme, assets.clone())?;
    let languages: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    // site.yaml is read again only if a language misses texts, to point
    // the warning at the line that lists it.
    let site_yaml = std::cell::OnceCell::new();
    let listed = |language: &str| {
        let text: &String = site_yaml.get_or_init(|| {
            let bytes = config
                .boundary
                .read(std::path::Path::new(config::FILE_NAME))
                .unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        });
        crate::yaml::locate(
            text,
            &[
                crate::yaml::Segment::Key("languages".into()),
                crate::yaml::Segment::Key(language.into()),
            ],
        )
        .unwrap_or_else(crate::diagnostics::Position::start)
    };
    let (strings, found) =
        Strings::load_listed(&theme, &languages, &config.default_language, &listed);
    diagnostics.extend(found);
    let (people, found) = crate::data::people::load(&config.boundary);
    diagnostics.extend(found);
    Ok(Ok(Setup {
        config,
        theme,
        assets,
        renderer,
        strings,
        people: std::sync::Arc::new(people),
        diagnostics,
    }))
}

/// The site model and everything known about it before rendering.
pub(crate) struct Assembled {
    pub site: site::Site,
    pub diagnostics: Diagnostics,
    /// Alerts past their expiry, left out of the site.
    pub withdrawn: alerts::Withdrawn,
    pub coverage: Coverage,
}

/// Stages 4 and 5: expired alerts withdrawn, the site model assembled from
/// the parsed pages, and the checks that need all of it.
pub(crate) fn assemble(
    config: Config,
    people: &std::sync::Arc<crate::data::people::People>,
    parsed: Vec<parse::ParsedPage>,
    (discovered, records): Found<'_>,
    options: &BuildOptions,
) -> Assembled {
    let (parsed, mut withdrawn) = alerts::withdraw_expired(parsed, options.today);
    let mut diagnostics = std::mem::take(&mut withdrawn.diagnostics);
    let (mut site, found) =
        site::assemble(config, parsed, discovered, records, people, options.drafts);
    site.set_expired(&withdrawn.expired);
    diagnostics.extend(found);
    diagnostics.extend(validate::validate(&site, options.today));
    diagnostics.extend(crate::status::stale(&site, options.now));
    let coverage = coverage::coverage(&site);
    Assembled {
        site,
        diagnostics,
        withdrawn,
        coverage,
    }
}

/// What pages need from the whole site besides the model: live alerts,
/// share cards (their addresses) and feeds (their links).
pub(crate) struct Plan {
    pub alerts: alerts::Alerts,
    pub cards: cards::Cards,
    pub feeds: feeds::Feeds,
    /// Every live-update entry's rendered body.
    pub updates: crate::updates::Rendered,
    /// The pages and `_redirects` file at moved pages' old addresses.
    pub redirects: crate::redirects::Redirects,
    /// The site's images: pages plan their copies as they show them.
    pub renditions: crate::renditions::Renditions,
    /// The theme's fingerprinted files (as [`Setup::assets`]), for `_headers`.
    pub assets: std::sync::Arc<theme::assets::Assets>,
    pub diagnostics: Diagnostics,
}

/// Stage 6: plans the share cards, alerts and feeds.
pub(crate) fn plan(
    site: &site::Site,
    setup: &Setup,
    withdrawn: &alerts::Withdrawn,
) -> Result<Plan> {
    let alerts = alerts::collect(site, withdrawn);
    let (cards, mut diagnostics) = cards::plan(site, &setup.theme, &setup.strings)?;
    let mut feeds = feeds::plan(site, &alerts, &setup.strings);
    let (updates, found) = crate::updates::render(site, &setup.strings);
    diagnostics.extend(found);
    feeds
        .feeds
        .extend(crate::updates::feeds(site, &updates, &setup.strings));
    feeds
        .feeds
        .extend(crate::status::feeds(site, &setup.strings));
    Ok(Plan {
        alerts,
        cards,
        feeds,
        updates,
        redirects: crate::redirects::plan(site, &setup.strings),
        renditions: crate::renditions::Renditions::new(site),
        assets: setup.assets.clone(),
        diagnostics,
    })
}

impl Plan {
    pub(crate) fn extras(&self, today: Date) -> render::Extras<'_> {
        render::Extras {
            cards: &self.cards,
            alerts: &self.alerts,
            feeds: &self.feeds,
            updates: &self.updates,
            keep_bodies: self.feeds.wanted(),
            today,
            renditions: &self.renditions,
        }
    }
}

/// What discovery found and what the data files it found say.
pub(crate) type Found<'a> = (&'a discover::Discovered, &'a crate::data::Records);

/// Stage 2: the files of the site (discovery), then what its data files
/// say (update entries, the status board). Their problems join discovery's.
pub(crate) fn find(config: &Config) -> (discover::Discovered, crate::data::Records) {
    let mut discovered = discover::discover(config);
    let (records, found) = crate::data::read(config, &discovered);
    discovered.diagnostics.extend(found);
    (discovered, records)
}

/// Stages 4 to 6 as every build runs them: the site model assembled and
/// checked, then the share cards, alerts and feeds planned from it.
pub(crate) fn assemble_and_plan(
    setup: &Setup,
    parsed: Vec<parse::ParsedPage>,
    found: Found<'_>,
    options: &BuildOptions,
) -> Result<(Assembled, Plan)> {
    let assembled = assemble(setup.config.clone(), &setup.people, parsed, found, options);
    let plan = plan(&assembled.site, setup, &assembled.withdrawn)?;
    Ok((assembled, plan))
}

/// Stage 7 for every page: rendered (in parallel), then the checks of what
/// rendering found. Returns each page's facts by page id.
pub(crate) fn render_all(
    site: &site::Site,
    setup: &Setup,
    plan: &Plan,
    today: Date,
    output: &dyn Output,
) -> Result<render::Rendered> {
    let mut rendered = render::render_all(
        site,
        &setup.renderer,
        &setup.strings,
        &plan.extras(today),
        output,
    )?;
    check_pages(site, rendered.facts.iter_mut().enumerate());
    Ok(rendered)
}

/// Stage 7 for some pages (the live preview re-renders only the pages a
/// change affects): the same steps as [`render_all`]. Returns each page's
/// facts, in the order of `ids`.
pub(crate) fn render_pages(
    site: &site::Site,
    setup: &Setup,
    plan: &Plan,
    today: Date,
    ids: &[site::PageId],
    output: &dyn Output,
) -> Result<Vec<render::PageFacts>> {
    let mut facts = render::render_pages(
        site,
        &setup.renderer,
        &setup.strings,
        &plan.extras(today),
        ids,
        output,
    )?;
    check_pages(site, ids.iter().copied().zip(facts.iter_mut()));
    Ok(facts)
}

/// The checks of a rendered page, in the order they report: sources listed
/// but never cited, then (for reviewed articles) a reading level above the
/// audience's target. Their problems follow the page's Markdown problems.
fn check_pages<'f>(
    site: &site::Site,
    pages: impl Iterator<Item = (site::PageId, &'f mut render::PageFacts)> + Send,
) {
    pages.par_bridge().for_each(|(id, facts)| {
        let page = site.page(id);
        let uncited = crate::citations::markers::check_uncited(page, &facts.cited_sources);
        facts.diagnostics.extend(uncited);
        if review::is_reviewed_content(page) {
            facts.diagnostics.extend(
                facts
                    .readability
                    .as_ref()
                    .and_then(|m| readability::check(m, page, &site.config)),
            );
        }
    });
}
