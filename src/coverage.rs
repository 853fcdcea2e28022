//! Translation coverage: for each article of the default language, which
//! languages lack it and which translations are older than it, and a
//! summary per language. Data, not text: `check` prints it ([`Coverage::to_text`],
//! or JSON), templates show a notice on outdated translations, and an
//! editorial report can render it its own way.
//!
//! Dates are the ones authors wrote (before inheritance): a source changed
//! at its latest `date`, `updated` or reviewer `date`; a translation is as
//! recent as its own latest one, or, when it writes none, is taken to
//! translate the source as first published (the source's `date`). A
//! translation is outdated when its source changed after that.

use crate::dates::Date;
use crate::frontmatter::FrontMatter;
use crate::site::{PageId, PageKind, Site};
use serde::Serialize;
use std::path::PathBuf;

/// The coverage of a whole site.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coverage {
    pub default_language: String,
    /// One row per language, in site.yaml order.
    pub languages: Vec<LanguageCoverage>,
    /// Articles of the default language that some language lacks or has
    /// outdated, by source path.
    pub articles: Vec<ArticleCoverage>,
}

/// One language's row of the summary table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageCoverage {
    pub language: String,
    /// Articles published in this language (translations or not).
    pub articles: usize,
    /// Articles of the default language this language has a translation of.
    pub translated: usize,
    /// Articles of the default language (the denominator of `translated`).
    pub sources: usize,
    /// `translated` as a whole percentage of `sources` (100 with no sources).
    pub translated_percent: u32,
    /// Translations older than their source.
    pub outdated: usize,
}

/// The gaps of one default-language article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleCoverage {
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// Languages with no translation, in site.yaml order.
    pub missing: Vec<String>,
    pub outdated: Vec<OutdatedTranslation>,
}

/// A translation its source changed after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutdatedTranslation {
    pub language: String,
    pub file: PathBuf,
    /// The translation's latest own date (or the source's `date`).
    #[serde(serialize_with = "as_text")]
    pub translated: Date,
    /// The source's latest `date`, `updated` or review date.
    #[serde(serialize_with = "as_text")]
    pub source_changed: Date,
}

fn as_text<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

/// Computes the coverage of every article of the site.
pub(crate) fn coverage(site: &Site) -> Coverage {
    let config = &site.config;
    let default = config.default_language.as_str();
    let articles = |language: &str| -> Vec<PageId> {
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Article && p.language == language)
            .filter(|(_, p)| p.source.is_some())
            .map(|(id, _)| id)
            .collect()
    };
    let mut sources = articles(default);
    sources.sort_by_key(|&id| site.page(id).source_path().map(PathBuf::from));

    let mut rows: Vec<LanguageCoverage> = config
        .languages
        .iter()
        .map(|l| LanguageCoverage {
            language: l.code.clone(),
            articles: articles(&l.code).len(),
            translated: 0,
            sources: sources.len(),
            translated_percent: 100,
            outdated: 0,
        })
        .collect();
    let mut gaps = Vec::new();
    for &source in &sources {
        let page = site.page(source);
        let mut gap = ArticleCoverage {
            source: page.source_path().map(PathBuf::from).unwrap_or_default(),
            missing: Vec::new(),
            outdated: Vec::new(),
        };
        for row in &mut rows {
            if row.language == default {
                row.translated += 1;
                continue;
            }
            let translation = page
                .translations
                .iter()
                .copied()
                .find(|&t| site.page(t).language == row.language);
            let Some(translation) = translation else {
                gap.missing.push(row.language.clone());
                continue;
            };
            row.translated += 1;
            if let Some(outdated) = outdated(site, translation, source) {
                row.outdated += 1;
                gap.outdated.push(outdated);
            }
        }
        if !gap.missing.is_empty() || !gap.outdated.is_empty() {
            gaps.push(gap);
        }
    }
    for row in &mut rows {
        if let Some(percent) = (row.translated * 100).checked_div(row.sources) {
            row.translated_percent = u32::try_from(percent).unwrap_or(100);
        }
    }
    Coverage {
        default_language: default.to_string(),
        languages: rows,
        articles: gaps,
    }
}

/// The default-language page a translation is older than, if any (what
/// templates show a notice about).
pub(crate) fn outdated_source(site: &Site, id: PageId) -> Option<PageId> {
    let page = site.page(id);
    if page.language == site.config.default_language || page.kind != PageKind::Article {
        return None;
    }
    let source = page
        .translations
        .iter()
        .copied()
        .find(|&t| site.page(t).language == site.config.default_language)?;
    outdated(site, id, source).map(|_| source)
}

fn outdated(site: &Site, translation: PageId, source: PageId) -> Option<OutdatedTranslation> {
    let written = |id: PageId| site.page(id).source.as_ref().map(|s| &s.front_matter);
    let (own, from) = (written(translation)?, written(source)?);
    let source_changed = latest(from)?;
    let translated = latest(own).or(from.date)?;
    (source_changed > translated).then(|| OutdatedTranslation {
        language: site.page(translation).language.clone(),
        file: site
            .page(translation)
            .source_path()
            .map(PathBuf::from)
            .unwrap_or_default(),
        translated,
        source_changed,
    })
}

/// The latest date a page's own front matter writes.
fn latest(meta: &FrontMatter) -> Option<Date> {
    [meta.date, meta.updated]
        .into_iter()
        .chain(meta.reviewers.iter().map(|r| r.date))
        .flatten()
        .max()
}

impl Coverage {
    /// The human-readable report `check` prints at its end.
    pub fn to_text(&self) -> String {
        let mut out = String::from("Translation coverage\n");
        for article in &self.articles {
            out.push_str(&format!("  {}\n", article.source.display()));
            if !article.missing.is_empty() {
                out.push_str(&format!("    missing in: {}\n", article.missing.join(", ")));
            }
            for o in &article.outdated {
                out.push_str(&format!(
                    "    outdated in {}: {} (translated {}, source changed {})\n",
                    o.language,
                    o.file.display(),
                    o.translated,
                    o.source_changed
                ));
            }
        }
        if !self.articles.is_empty() {
            out.push('\n');
        }
        let rows: Vec<[String; 4]> = self
            .languages
            .iter()
            .map(|row| {
                let name = if row.language == self.default_language {
                    format!("{} (default)", row.language)
                } else {
                    row.language.clone()
                };
                [
                    name,
                    row.articles.to_string(),
                    format!(
                        "{}/{} ({}%)",
                        row.translated, row.sources, row.translated_percent
                    ),
                    row.outdated.to_string(),
                ]
            })
            .collect();
        let header = ["language", "articles", "translated", "outdated"].map(String::from);
        let width = |i: usize| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        };
        let widths = [width(0), width(1), width(2), width(3)];
        for row in std::iter::once(&header).chain(&rows) {
            out.push_str(&format!(
                "  {:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}\n",
                row[0],
                row[1],
                row[2],
                row[3],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
                w3 = widths[3]
            ));
        }
        out
    }
}
