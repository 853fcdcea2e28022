//! The files a build writes besides the pages: copied assets and static
//! files, the theme's files, and the outputs made from the whole site
//! (share cards, feeds, sitemap, social kit, CAP alerts, redirects, `_headers`).

use super::stages::Plan;
use crate::alerts;
use crate::dates::Date;
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::privacy;
use crate::render;
use crate::site;
use crate::sitemap;
use crate::social::{cards, kit};
use crate::theme;
use crate::theme::assets::Assets;
use rayon::prelude::*;
use std::path::Path;

/// The share-card cache must survive the output folder being replaced.
/// Copies the site's assets and static files (images lose their metadata
/// unless the site opts out). `reuse` may hand back the bytes of a file
/// already in memory (the live preview re-reads only the files that changed).
pub(crate) fn copy_files(
    site: &site::Site,
    output: &dyn Output,
    reuse: &(dyn Fn(&site::CopiedFile) -> Option<std::sync::Arc<[u8]>> + Sync),
) -> Result<usize> {
    let config = &site.config;
    site.files.par_iter().try_for_each(|file| {
        let to = site.urls.output_path(&file.url);
        if let Some(bytes) = reuse(file) {
            return output.write_shared(&to, bytes);
        }
        let from = config.root.join(&file.source);
        if config.privacy.strip_image_metadata {
            let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
            return match privacy::strip_image_metadata(&from, &bytes) {
                Some(clean) => output.write(&to, &clean),
                None => output.write(&to, &bytes),
            };
        }
        output.copy(&to, &from)
    })?;
    Ok(site.files.len())
}

/// Writes the theme's own files, the generated syntax stylesheet, and the
/// fingerprinted copies of both. Call it before [`copy_files`], so a site's
/// own static file of the same name wins under the plain name (the
/// fingerprinted copy already carries the site's bytes).
pub(crate) fn write_theme_files(
    theme: &theme::Theme,
    assets: &Assets,
    output: &dyn Output,
) -> Result<usize> {
    for (rel, bytes) in &theme.static_files {
        output.write(rel, bytes)?;
    }
    for (path, bytes) in assets.generated() {
        output.write(Path::new(path), bytes)?;
    }
    for (_, copy) in assets.files() {
        output.write_shared(Path::new(&copy.path), copy.bytes.clone())?;
    }
    Ok(theme_file_count(theme, assets))
}

/// How many files [`write_theme_files`] writes.
pub(crate) fn theme_file_count(theme: &theme::Theme, assets: &Assets) -> usize {
    theme.static_files.len() + assets.generated().count() + assets.len()
}

/// What to do with share cards in [`site_wide_outputs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardMode {
    /// Draw missing cards and copy cached ones (a build into a folder).
    Draw,
    /// Copy only the cards already in the cache (the live preview).
    CachedOnly,
    /// No cards (`check`, or a build with errors).
    Skip,
}

/// What [`site_wide_outputs`] produced.
#[derive(Default)]
pub(crate) struct SiteWide {
    pub files: usize,
    pub diagnostics: Diagnostics,
    pub share_images: cards::Stats,
    pub images: crate::renditions::Stats,
}

/// Outputs made from the whole site rather than from one page: share cards
/// (as `cards` says), feeds, sitemap, social kit, CAP alerts and the
/// `_headers` file. They belong here, and nowhere else, so that the live
/// preview, which re-renders only the pages a change affects, still
/// rewrites them after every rebuild (see [`Build`]).
pub(crate) fn site_wide_outputs(
    site: &site::Site,
    plan: &mut Plan,
    facts: &[render::PageFacts],
    today: Date,
    cards: CardMode,
    output: &dyn Output,
) -> Result<SiteWide> {
    let mut out = SiteWide::default();
    match cards {
        CardMode::Draw => {
            let (stats, found) = plan.cards.render(site, output)?;
            out.diagnostics.extend(found);
            out.files += stats.rendered + stats.cached;
            out.share_images = stats;
        }
        CardMode::CachedOnly => out.files += plan.cards.copy_cached(site, output)?,
        CardMode::Skip => {}
    }
    // The copies of the images pages showed: made (or taken from the
    // cache) by builds and by the live preview, whose pages name them;
    // `check` and a build with errors only report their problems.
    let (images, found) = plan
        .renditions
        .write((cards != CardMode::Skip).then_some(output))?;
    out.diagnostics.extend(found);
    out.files += images.encoded + images.cached;
    out.images = images;
    let bodies: std::collections::BTreeMap<site::PageId, String> = facts
        .iter()
        .enumerate()
        .filter_map(|(id, f)| f.body.clone().map(|b| (id, b)))
        .collect();
    // Independent outputs, written side by side.
    let plan = &*plan;
    let (feeds, (sitemap, (kit, cap))) = rayon::join(
        || plan.feeds.write(site, &bodies, &plan.cards, today, output),
        || {
            rayon::join(
                || sitemap::write(site, output),
                || {
                    rayon::join(
                        || kit::write(site, &plan.cards, output),
                        || alerts::cap::write_all(site, &plan.alerts, output),
                    )
                },
            )
        },
    );
    out.files += feeds? + sitemap? + kit? + cap?;
    out.files += crate::status::json::write(site, output)?;
    out.files += plan.redirects.write(output)?;
    if site.config.security.headers_file {
        out.files += write_headers(site, plan, facts, output)?;
    }
    Ok(out)
}

/// The `_headers` file: the pages' policy from the hashes of their inline
/// scripts and styles, the web editor's own when the site publishes one,
/// and long caching for fingerprinted files.
fn write_headers(
    site: &site::Site,
    plan: &Plan,
    facts: &[render::PageFacts],
    output: &dyn Output,
) -> Result<usize> {
    // The web editor's page, when the site publishes one, gets a policy
    // of its own.
    let admin_sources = site
        .config
        .root
        .join(crate::cms::FOLDER)
        .join("index.html")
        .is_file()
        .then(|| site.config.cms.connect_sources());
    let hashes: std::collections::BTreeSet<String> = facts
        .iter()
        .flat_map(|f| f.script_hashes.iter().cloned())
        .collect();
    let styles: std::collections::BTreeSet<String> = facts
        .iter()
        .flat_map(|f| f.style_hashes.iter().cloned())
        .collect();
    let headers = crate::security::headers_file(
        &hashes,
        &styles,
        &site.config.markdown.iframe_hosts,
        &plan.assets.urls(),
        admin_sources.as_deref(),
    )
    .map_err(crate::error::Error::Usage)?;
    output.write(Path::new("_headers"), headers.as_bytes())?;
    Ok(1)
}
