//! Drawing the planned cards into the output: each distinct card once, in
//! parallel, or copied from the cache folder when an earlier build drew it.

use super::paint::Painter;
use super::plan::card_text;
use super::{Card, Cards, MAX_BYTES, Source, Stats, card_problem, resources};
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

impl Cards {
    /// Draws every card (or copies it from the cache) into `output`.
    /// Pages that show the same thing share one card file, drawn or
    /// copied once.
    pub fn render(&mut self, site: &Site, output: &dyn Output) -> Result<(Stats, Diagnostics)> {
        let Some(painter) = &self.painter else {
            return Ok((Stats::default(), Diagnostics::new()));
        };
        std::fs::create_dir_all(&self.cache_dir).map_err(|e| Error::io(&self.cache_dir, e))?;
        let unique = self.first_of_each_key();
        let drawn: Vec<Drawn> = unique
            .par_iter()
            .map(|&i| render_one(site, painter, &self.cache_dir, &self.cards[i], output))
            .collect::<Result<_>>()?;
        let mut stats = Stats::default();
        for (size, time, _) in &drawn {
            match time {
                Some(time) => {
                    stats.rendered += 1;
                    stats.render_time += *time;
                }
                None => stats.cached += 1,
            }
            stats.largest = stats.largest.max(*size as usize);
        }
        let by_key: HashMap<&str, &Drawn> = unique
            .iter()
            .zip(&drawn)
            .map(|(&i, result)| (self.cards[i].key.as_str(), result))
            .collect();
        let mut diagnostics = Diagnostics::new();
        let mut sizes = Vec::with_capacity(self.cards.len());
        for card in &self.cards {
            let (size, _, problem) = by_key[card.key.as_str()];
            sizes.push(Some(*size));
            // Every page showing a card with a problem is told about it.
            if let Some(message) = problem {
                diagnostics.push(card_problem(site, card.page, message.clone()));
            }
        }
        self.sizes = sizes;
        Ok((stats, diagnostics))
    }

    /// The index of the first card of each key, in order.
    fn first_of_each_key(&self) -> Vec<usize> {
        let mut seen = BTreeSet::new();
        (0..self.cards.len())
            .filter(|&i| seen.insert(self.cards[i].key.as_str()))
            .collect()
    }

    /// Copies the cards a previous build drew (and cached) into `output`,
    /// drawing none: the live preview shows real cards without paying for
    /// new ones. Returns how many files were copied.
    pub fn copy_cached(&mut self, site: &Site, output: &dyn Output) -> Result<usize> {
        let mut sizes: HashMap<&str, u64> = HashMap::new();
        for i in self.first_of_each_key() {
            let card = &self.cards[i];
            let cached = self.cache_dir.join(format!("{}.png", card.key));
            if let Some(bytes) = cached_card(&cached).and_then(|_| std::fs::read(&cached).ok()) {
                output.write(&site.urls.output_path(&card.url), &bytes)?;
                sizes.insert(&card.key, bytes.len() as u64);
            }
        }
        let copied = sizes.len();
        self.sizes = self
            .cards
            .iter()
            .map(|c| sizes.get(c.key.as_str()).copied())
            .collect();
        Ok(copied)
    }

    /// Deletes cached cards this build did not use (the cache belongs to one site).
    pub fn prune_cache(&self) {
        let used: BTreeSet<String> = self
            .cards
            .iter()
            .map(|c| format!("{}.png", c.key))
            .collect();
        let Ok(entries) = std::fs::read_dir(&self.cache_dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_card = name.len() == 68
                && name.ends_with(".png")
                && name[..64].chars().all(|c| c.is_ascii_hexdigit());
            if is_card && !used.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// A card in the cache, if there is one: a plain file Pamphlet wrote. A
/// link placed in the cache folder (which a pull request can do when the
/// cache is kept in the repository) is never followed or published.
fn cached_card(path: &Path) -> Option<std::fs::Metadata> {
    std::fs::symlink_metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
}

/// One card file's outcome: its size in bytes, the drawing time (`None`
/// when it came from the cache) and a problem to report to the pages
/// showing it.
type Drawn = (u64, Option<Duration>, Option<resources::Problem>);

fn render_one(
    site: &Site,
    painter: &Painter,
    cache_dir: &Path,
    card: &Card,
    output: &dyn Output,
) -> Result<Drawn> {
    let target = site.urls.output_path(&card.url);
    let cached = cache_dir.join(format!("{}.png", card.key));
    if let Some(meta) = cached_card(&cached) {
        output.publish_cached(&target, &cached)?;
        return Ok((meta.len(), None, None));
    }
    let started = Instant::now();
    let mut problem = None;
    let mut fallback = false;
    let png = match &card.source {
        Source::Generated(text) => painter.generated_png(text),
        Source::Image(path) => painter.image_png(path).or_else(|message| {
            problem = Some(message);
            fallback = true;
            // The file stands for every page showing this image, so it
            // names the site rather than one of those pages.
            let mut text = card_text(site, site.page(card.page), None);
            text.title = text.site_name.clone();
            painter.generated_png(&text)
        }),
    }
    .map_err(|message| Error::Template {
        name: "share/card.svg".to_string(),
        message,
    })?;
    let time = started.elapsed();
    if png.len() > MAX_BYTES && problem.is_none() {
        problem = Some(resources::Problem::Unusable(format!(
            "the share image of this page is {} KB, more than the {} KB WhatsApp previews",
            png.len() / 1024,
            MAX_BYTES / 1024
        )));
    }
    // Written under a temporary name and renamed, so a concurrent build
    // never copies half a file. A card drawn in place of an unusable
    // image is not cached: the next build tries the image again (and
    // reports it again).
    let partial = cache_dir.join(format!("{}.{}.partial", card.key, std::process::id()));
    if !fallback && std::fs::write(&partial, &png).is_ok() {
        let _ = std::fs::rename(&partial, &cached);
    }
    output.write(&target, &png)?;
    Ok((png.len() as u64, Some(time), problem))
}
