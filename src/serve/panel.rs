//! The author panel: what an author wants to know about the article in
//! front of them, shown only in the preview. Length and reading time,
//! reading level, review status and when the next review is due, the
//! problems found in this file (citations, accessibility and the rest,
//! grouped), the languages it is missing in, and how it looks when shared.
//!
//! Parts that other layers compute are taken from them through one named
//! function each ([`reading_level`], [`share::share_image`]) so each can be
//! filled in where it is computed.

use super::share;
use super::state::{Shared, Snapshot};
use crate::dates::Date;
use crate::diagnostics::Diagnostic;
use crate::html::escape_attribute as escape;
use crate::site::{Page, PageId, Site};
use std::collections::BTreeMap;

/// Words read per minute (the theme's reading time uses the same).
const WORDS_PER_MINUTE: usize = 200;

/// A review due within this many days is shown as "due soon".
const DUE_SOON_DAYS: i64 = 30;

/// The panel of article `id`, as HTML.
pub(crate) fn render(shared: &Shared, snapshot: &Snapshot, site: &Site, id: PageId) -> String {
    let page = site.page(id);
    let words = snapshot.word_counts.get(id).copied().unwrap_or(0);
    let sections = [
        section(
            "Length",
            &format!(
                "<p>{words} words, about {} min to read.</p>",
                words.div_ceil(WORDS_PER_MINUTE).max(1)
            ),
        ),
        section(
            "Reading level",
            &match snapshot.reading_levels.get(id).cloned().flatten() {
                Some(level) => format!("<p>{}</p>", escape(&level)),
                None => "<p>Not measured: no published readability formula for this language is implemented.</p>".to_string(),
            },
        ),
        section("Review", &review(site, page, shared.today)),
        section(
            "Care cards",
            &care_cards(snapshot.care_cards.get(id).map_or(&[], Vec::as_slice)),
        ),
        section("Problems in this file", &problems(shared, snapshot, page)),
        section("Translations", &translations(site, id)),
        section(
            "Share preview",
            &share::render(site, id, &snapshot.files, snapshot.share_images.get(id).and_then(Option::as_ref), &shared.published_host),
        ),
    ];
    format!(
        "<details id=\"pamphlet-panel\" class=\"pamphlet-panel\" lang=\"en\" dir=\"ltr\">\n\
<summary>Author panel</summary>\n\
<section class=\"pamphlet-panel-body\" aria-labelledby=\"pamphlet-panel-title\">\n\
<h2 id=\"pamphlet-panel-title\">{title}</h2>\n\
<p class=\"pamphlet-note\">Shown only by <code>pamphlet serve</code>; readers never see it.</p>\n\
{sections}</section>\n</details>\n",
        title = escape(&page.meta.title),
        sections = sections.concat(),
    )
}

/// The page's care cards, level and heading, in order.
fn care_cards(cards: &[crate::markdown::CareCard]) -> String {
    if cards.is_empty() {
        return "<p>None.</p>".to_string();
    }
    let items: String = cards
        .iter()
        .map(|c| format!("<li>{}: {}</li>\n", c.level, escape(&c.heading)))
        .collect();
    format!("<ul>\n{items}</ul>")
}

fn section(heading: &str, body: &str) -> String {
    format!("<section class=\"pamphlet-panel-section\">\n<h3>{heading}</h3>\n{body}\n</section>\n")
}

/// An article's reading level in words, with the formula named (never a
/// made-up number: `None` when the language has no formula here).
pub(crate) fn reading_level(
    readability: Option<&crate::readability::Readability>,
) -> Option<String> {
    let r = readability?;
    Some(match (r.grade, r.ease) {
        (Some(grade), Some(ease)) => {
            format!("Grade {grade:.1}, ease {ease:.0} ({})", r.formula_name)
        }
        (Some(grade), None) => format!("Grade {grade:.1} ({})", r.formula_name),
        (None, Some(ease)) => format!("Ease {ease:.0} ({})", r.formula_name),
        (None, None) => return None,
    })
}

fn review(site: &Site, page: &Page, today: Date) -> String {
    let mut out = String::new();
    if page.meta.reviewers.is_empty() {
        out.push_str(if site.config.review.require_reviewer {
            "<p class=\"pamphlet-warning\">No medical reviewer yet; this site requires one.</p>"
        } else {
            "<p>No medical reviewer yet.</p>"
        });
    } else {
        out.push_str("<ul>");
        for r in &page.meta.reviewers {
            let mut line = escape(&r.name);
            if let Some(credentials) = &r.credentials {
                line.push_str(&format!(", {}", escape(credentials)));
            }
            if let Some(role) = &r.role {
                line.push_str(&format!(" ({})", escape(role)));
            }
            match r.date {
                Some(date) => line.push_str(&format!(", reviewed on {date}")),
                None => line.push_str(", no review date"),
            }
            out.push_str(&format!("<li>{line}</li>"));
        }
        out.push_str("</ul>");
    }
    if let Some(due) = crate::review::status(page, &site.config, today).next_review {
        let days = days_between(today, due);
        let (warning, status) = if days < 0 {
            (true, format!("overdue by {} days", -days))
        } else if days <= DUE_SOON_DAYS {
            (true, format!("due in {days} days"))
        } else {
            (false, format!("in {days} days"))
        };
        out.push_str(&format!(
            "<p{}>Next review due on {due} ({status}, counting from {today}).</p>",
            if warning {
                " class=\"pamphlet-warning\""
            } else {
                ""
            }
        ));
    }
    out
}

fn days_between(from: Date, to: Date) -> i64 {
    let day = |d: Date| jiff::civil::date(d.year(), d.month(), d.day());
    day(from)
        .until(day(to))
        .map_or(0, |span| span.get_days() as i64)
}

/// This file's diagnostics, grouped by what they are about (the part of the
/// code before `/`: `citation/…`, `a11y/…`, `link/…`), so citation and
/// accessibility findings appear here as soon as those checks report them.
fn problems(shared: &Shared, snapshot: &Snapshot, page: &Page) -> String {
    let Some(path) = page.source_path() else {
        return String::new();
    };
    let mut groups: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in snapshot.diagnostics.iter().filter(|d| d.file == path) {
        let topic = d.code.split('/').next().unwrap_or(d.code);
        groups.entry(topic).or_default().push(d);
    }
    if groups.is_empty() {
        return "<p>None found.</p>".to_string();
    }
    let mut out = String::new();
    for (topic, items) in groups {
        out.push_str(&format!(
            "<h4>{}</h4>\n<ul class=\"pamphlet-problems\">\n",
            escape(topic_name(topic))
        ));
        for d in items {
            out.push_str(&super::problems::item(d, &shared.root));
        }
        out.push_str("</ul>\n");
    }
    out
}

fn topic_name(topic: &str) -> &str {
    match topic {
        "a11y" | "accessibility" => "Accessibility",
        "citation" | "citations" => "Sources and citations",
        "frontmatter" => "Front matter",
        "image" => "Images",
        "link" => "Links",
        "readability" => "Reading level",
        "review" => "Review",
        "translation" => "Translations",
        other => other,
    }
}

fn translations(site: &Site, id: PageId) -> String {
    let page = site.page(id);
    let has = |code: &str| {
        code == page.language
            || page
                .translations
                .iter()
                .any(|&t| site.page(t).language == code)
    };
    let existing: Vec<String> = page
        .translations
        .iter()
        .map(|&t| {
            let other = site.page(t);
            let name = site
                .config
                .language(&other.language)
                .map_or(other.language.as_str(), |l| l.name.as_str());
            format!(
                "<a href=\"{}\" lang=\"{}\">{}</a>",
                escape(&other.url),
                escape(&other.language),
                escape(name)
            )
        })
        .collect();
    let missing: Vec<String> = site
        .config
        .languages
        .iter()
        .filter(|l| !has(&l.code))
        .map(|l| escape(&l.name))
        .collect();
    let mut out = String::new();
    out.push_str(&if existing.is_empty() {
        "<p>Not translated yet.</p>".to_string()
    } else {
        format!("<p>Also in: {}.</p>", existing.join(", "))
    });
    if !missing.is_empty() {
        out.push_str(&format!(
            "<p class=\"pamphlet-warning\">Missing in: {}.</p>",
            missing.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn care_cards_are_listed_with_their_level() {
        assert_eq!(care_cards(&[]), "<p>None.</p>");
        let cards = [crate::markdown::CareCard {
            level: "Emergency",
            heading: "Call 911 now if <you>:".to_string(),
        }];
        assert_eq!(
            care_cards(&cards),
            "<ul>\n<li>Emergency: Call 911 now if &lt;you&gt;:</li>\n</ul>"
        );
    }

    #[test]
    fn days_count_across_months() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(days_between(d("2026-06-01"), d("2026-07-01")), 30);
        assert_eq!(days_between(d("2026-06-01"), d("2026-05-30")), -2);
    }
}
