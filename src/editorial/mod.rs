//! The editorial report: `index.html` and `report.json` (and the other
//! sort orders), written with every build for the health educators who
//! never read CI logs: privately into `.pamphlet-cache/report/` unless
//! site.yaml publishes it at `_report/` (see [`private`]).
//!
//! Per article and language: reviewers and the next review date (overdue
//! first), reading level and its formula, citation and accessibility
//! problems, and which translations are missing. Sorting works without
//! JavaScript: each column header links to a copy of the table sorted by it.
//! The report is `noindex`, linked from no page, and in no sitemap or feed.

use crate::dates::Date;
use crate::diagnostics::{Diagnostics, Severity};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::render::PageFacts;
use crate::review;
use crate::site::{PageKind, Site};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod private;
pub(crate) use private::PrivateFolder;

#[derive(Debug, Clone, Default, Serialize)]
struct Row {
    title: String,
    url: String,
    file: String,
    language: String,
    reviewers: Vec<String>,
    last_reviewed: Option<String>,
    next_review: Option<String>,
    overdue: bool,
    /// Days until the next review (negative when overdue).
    due_in_days: Option<i64>,
    reading_grade: Option<f64>,
    reading_ease: Option<f64>,
    reading_formula: Option<&'static str>,
    words: usize,
    references: usize,
    citation_problems: Vec<String>,
    accessibility_problems: Vec<String>,
    other_problems: Vec<String>,
    missing_translations: Vec<String>,
    /// This translation is older than the version it was translated from.
    translation_outdated: bool,
}

/// The sort orders, each one HTML page.
const ORDERS: &[(&str, &str, &str)] = &[
    ("index.html", "due", "Next review"),
    ("reading-level.html", "reading", "Reading level"),
    ("problems.html", "problems", "Problems"),
    ("title.html", "title", "Article"),
];

/// Writes the report into `_report/` of `output` (a [`PrivateFolder`]
/// keeps only the file names). It is styled by the theme's stylesheet at
/// `stylesheet` (the address of its fingerprinted copy).
pub(crate) fn write(
    site: &Site,
    facts: &[PageFacts],
    diagnostics: &Diagnostics,
    today: Date,
    stylesheet: &str,
    output: &dyn Output,
) -> Result<()> {
    let rows = rows(site, facts, diagnostics, today);
    // The JSON and the four orders of the table are independent; on a
    // large site each is a long list, so they are written in parallel.
    let (json, pages) = rayon::join(
        || write_json(site, &rows, today, output),
        || write_pages(site, &rows, (today, stylesheet), output),
    );
    json.and(pages)
}

/// `report.json`, serialized straight from the rows (keys in this order).
#[derive(Serialize)]
struct Json<'a> {
    articles: Vec<&'a Row>,
    build_date: String,
    site: &'a str,
    version: u32,
}

fn write_json(site: &Site, rows: &[Row], today: Date, output: &dyn Output) -> Result<()> {
    let json = Json {
        articles: sorted(rows, "due").into_iter().map(|i| &rows[i]).collect(),
        build_date: today.to_string(),
        site: &site.config.title,
        version: 1,
    };
    // About a kilobyte per article: sized once rather than grown by doubling.
    let mut bytes = Vec::with_capacity(1024 * (rows.len() + 1));
    serde_json::to_writer_pretty(&mut bytes, &json).map_err(|e| Error::Usage(e.to_string()))?;
    output.write(Path::new("_report/report.json"), &bytes)
}

fn template_error(e: tera::Error) -> Error {
    Error::Template {
        name: "editorial report".into(),
        message: e.to_string(),
    }
}

fn write_pages(
    site: &Site,
    rows: &[Row],
    (today, stylesheet): (Date, &str),
    output: &dyn Output,
) -> Result<()> {
    let mut tera = tera::Tera::new();
    // Escaped and isolated like every page (titles and names hold site content).
    tera.set_escape_fn(crate::html::escape_isolated);
    tera.add_raw_templates([
        ("report.html", include_str!("report.html")),
        ("report-row.html", include_str!("report-row.html")),
    ])
    .map_err(template_error)?;
    // A row reads the same in every order: drawn once, laid out four times.
    let row_html: Vec<String> = rows
        .par_iter()
        .map(|row| {
            let mut context = tera::Context::new();
            context.insert("r", row);
            tera.render("report-row.html", &context)
                .map_err(template_error)
        })
        .collect::<Result<_>>()?;
    let summary = serde_json::json!({
        "articles": rows.len(),
        "overdue": rows.iter().filter(|r| r.overdue).count(),
        "unreviewed": rows.iter().filter(|r| r.reviewers.is_empty()).count(),
        "with_problems": rows.iter().filter(|r| problem_count(r) > 0).count(),
    });
    let rows_bytes: usize = row_html.iter().map(String::len).sum();
    ORDERS.par_iter().try_for_each(|(file, key, label)| {
        let mut context = tera::Context::new();
        context.insert("site_title", &site.config.title);
        context.insert("stylesheet", stylesheet);
        context.insert("build_date", &today.to_string());
        // The rows (megabytes on a large site) go straight into the page
        // where the template puts a marker, not through tera's values.
        context.insert("rows_html", ROWS_MARKER);
        context.insert("order", key);
        context.insert("order_label", label);
        context.insert(
            "orders",
            &ORDERS
                .iter()
                .map(|(f, k, l)| serde_json::json!({"file": f, "key": k, "label": l}))
                .collect::<Vec<_>>(),
        );
        context.insert("summary", &summary);
        let frame = tera
            .render("report.html", &context)
            .map_err(template_error)?;
        let (before, after) = frame.split_once(ROWS_MARKER).unwrap_or((&frame, ""));
        let mut html = String::with_capacity(frame.len() + rows_bytes);
        html.push_str(before);
        for i in sorted(rows, key) {
            html.push_str(&row_html[i]);
        }
        html.push_str(after);
        output.write(&PathBuf::from("_report").join(file), html.as_bytes())
    })
}

/// Stands for the rows in the rendered report page (an HTML comment, so
/// no escaped value from a site can contain it).
const ROWS_MARKER: &str = "<!--pamphlet:report-rows-->";

fn problem_count(row: &Row) -> usize {
    row.citation_problems.len() + row.accessibility_problems.len() + row.other_problems.len()
}

fn rows(site: &Site, facts: &[PageFacts], diagnostics: &Diagnostics, today: Date) -> Vec<Row> {
    let no_facts = PageFacts::default();
    let by_file = problems_by_file(diagnostics);
    let languages: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    site.pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Article && p.source.is_some())
        .map(|(id, page)| {
            let status = review::status(page, &site.config, today);
            let file = page.source_path().unwrap_or(Path::new(""));
            let problems = by_file.get(file).cloned().unwrap_or_default();
            let (citation, accessibility, other) = by_kind(problems);
            let translated: Vec<&str> = page
                .translations
                .iter()
                .map(|&t| site.page(t).language.as_str())
                .collect();
            let fact = facts.get(id).unwrap_or(&no_facts);
            Row {
                title: page.meta.title.clone(),
                url: page.url.clone(),
                file: file.to_string_lossy().replace('\\', "/"),
                language: page.language.clone(),
                reviewers: page
                    .meta
                    .reviewers
                    .iter()
                    .map(|r| match &r.credentials {
                        Some(c) => format!("{}, {c}", r.name),
                        None => r.name.clone(),
                    })
                    .collect(),
                last_reviewed: status.last_reviewed.map(|d| d.to_string()),
                next_review: status.next_review.map(|d| d.to_string()),
                overdue: status.overdue,
                due_in_days: status.next_review.map(|d| d.days_since(today)),
                reading_grade: fact.readability.as_ref().and_then(|r| r.grade),
                reading_ease: fact.readability.as_ref().and_then(|r| r.ease),
                reading_formula: fact.readability.as_ref().map(|r| r.formula_name),
                words: fact.word_count,
                references: fact.references,
                citation_problems: citation,
                accessibility_problems: accessibility,
                other_problems: other,
                translation_outdated: crate::coverage::outdated_source(site, id).is_some(),
                missing_translations: languages
                    .iter()
                    .filter(|l| **l != page.language && !translated.contains(l))
                    .map(|l| l.to_string())
                    .collect(),
            }
        })
        .collect()
}

/// The rows' indices in the order `key` names.
/// Every diagnostic as a report line, by file.
fn problems_by_file(diagnostics: &Diagnostics) -> HashMap<&Path, Vec<String>> {
    // Looked up once per article: hashed, since comparing paths goes
    // component by component.
    let mut by_file: HashMap<&Path, Vec<String>> = HashMap::new();
    for d in diagnostics.iter() {
        let severity = if d.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        by_file.entry(d.file.as_path()).or_default().push(format!(
            "{} {}:{} [{}] {}",
            severity, d.position.line, d.position.column, d.code, d.message
        ));
    }
    by_file
}

/// A page's problems sorted into the report's columns: citation,
/// accessibility, other.
fn by_kind(problems: Vec<String>) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut citation, mut accessibility, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for p in problems {
        if p.contains("[citation/") {
            citation.push(p);
        } else if p.contains("[a11y/") || p.contains("[accessibility/") {
            accessibility.push(p);
        } else {
            other.push(p);
        }
    }
    (citation, accessibility, other)
}

fn sorted(rows: &[Row], key: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let by_title = |a: &Row, b: &Row| {
        a.title
            .cmp(&b.title)
            .then_with(|| a.language.cmp(&b.language))
            .then_with(|| a.url.cmp(&b.url))
    };
    let compare: &dyn Fn(&Row, &Row) -> std::cmp::Ordering = match key {
        // Overdue first, then soonest due; never-reviewed pages first of all.
        "due" => &|a, b| {
            let due = |r: &Row| r.due_in_days.unwrap_or(i64::MIN);
            due(a).cmp(&due(b)).then_with(|| by_title(a, b))
        },
        "reading" => &|a, b| {
            let grade = |r: &Row| r.reading_grade.unwrap_or(f64::NEG_INFINITY);
            grade(b).total_cmp(&grade(a)).then_with(|| by_title(a, b))
        },
        "problems" => &|a, b| {
            problem_count(b)
                .cmp(&problem_count(a))
                .then_with(|| by_title(a, b))
        },
        _ => &by_title,
    };
    order.sort_by(|&a, &b| compare(&rows[a], &rows[b]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str, due_in_days: Option<i64>, grade: Option<f64>, problems: usize) -> Row {
        Row {
            title: title.into(),
            due_in_days,
            reading_grade: grade,
            other_problems: vec!["a problem".into(); problems],
            ..Row::default()
        }
    }

    #[test]
    fn each_order_sorts_the_rows_by_its_column() {
        let rows = [
            row("Colds", Some(30), Some(6.0), 0),
            row("Asthma", Some(-5), Some(9.5), 1),
            row("Burns", None, None, 3),
            row("Diabetes", Some(30), Some(7.0), 1),
        ];
        // Never reviewed first, then overdue, then soonest; ties by title.
        assert_eq!(sorted(&rows, "due"), [2, 1, 0, 3]);
        // Hardest to read first; not measured last.
        assert_eq!(sorted(&rows, "reading"), [1, 3, 0, 2]);
        assert_eq!(sorted(&rows, "problems"), [2, 1, 3, 0]);
        assert_eq!(sorted(&rows, "title"), [1, 2, 0, 3]);
    }
}
