//! Vancouver (ICMJE/NLM) style with AMA-like links, as HTML:
//!
//! Whelton PK, Carey RM, Aronow WS, et al. Title. Container.
//! 2018;71(6):e13-e115. doi:10.1161/… PMID: 29133356. https://… (accessed 1 February 2026).
//!
//! Up to six authors are listed, then "et al.". Every value is escaped;
//! only http(s) addresses become links.

use super::{normalize_doi, normalize_pmid};
use crate::dates::Date;
use crate::frontmatter::Citation;
use crate::render::escape_attribute as escape;

/// Authors listed before "et al." (Vancouver: six).
const MAX_AUTHORS: usize = 6;

/// Translated words the entry needs.
pub struct Labels<'a> {
    /// "accessed" (followed by the date).
    pub accessed: &'a str,
}

/// Formats one source as safe HTML.
pub fn format(citation: &Citation, language: &str, labels: &Labels) -> String {
    let mut parts: Vec<String> = Vec::new();
    let authors: Vec<&str> = citation
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if !authors.is_empty() {
        let mut list = authors
            .iter()
            .take(MAX_AUTHORS)
            .map(|a| escape(a))
            .collect::<Vec<_>>()
            .join(", ");
        if authors.len() > MAX_AUTHORS {
            list.push_str(", et al");
        }
        parts.push(sentence(&list));
    }
    if let Some(title) = citation
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        parts.push(format!(
            "<span class=\"ref-title\">{}</span>",
            sentence(&escape(title))
        ));
    }
    if let Some(container) = citation
        .container
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        parts.push(format!(
            "<span class=\"ref-container\">{}</span>",
            sentence(&escape(container))
        ));
    }
    let numbers = publication_numbers(citation);
    if !numbers.is_empty() {
        parts.push(sentence(&escape(&numbers)));
    }
    if let Some(doi) = citation.doi.as_deref().and_then(normalize_doi) {
        parts.push(format!(
            "doi:<a href=\"https://doi.org/{}\">{}</a>.",
            escape(&encode_doi(&doi)),
            escape(&doi)
        ));
    }
    if let Some(pmid) = citation.pmid.as_ref().and_then(|p| normalize_pmid(&p.0)) {
        parts.push(format!(
            "PMID: <a href=\"https://pubmed.ncbi.nlm.nih.gov/{pmid}/\">{pmid}</a>."
        ));
    }
    if let Some(url) = citation
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    {
        let mut link = format!(
            "<a class=\"ref-url\" href=\"{}\">{}</a>",
            escape(url),
            escape(url)
        );
        if let Some(date) = citation
            .accessed
            .as_ref()
            .and_then(|a| Date::parse(&a.0).ok())
        {
            link.push_str(&format!(
                " ({} <time datetime=\"{date}\">{}</time>)",
                escape(labels.accessed),
                escape(&date.display_long(language))
            ));
        }
        parts.push(format!("{link}."));
    }
    parts.join(" ")
}

/// "2018;71(6):e13-e115" from whichever of year, volume, issue and pages are set.
fn publication_numbers(c: &Citation) -> String {
    let text = |s: &Option<crate::frontmatter::Scalar>| {
        s.as_ref()
            .map(|v| v.0.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let (year, volume, issue, pages) = (
        text(&c.year),
        text(&c.volume),
        text(&c.issue),
        text(&c.pages),
    );
    let mut out = year.unwrap_or_default();
    if volume.is_some() || issue.is_some() {
        out.push(';');
        out.push_str(volume.as_deref().unwrap_or(""));
        if let Some(issue) = issue {
            out.push_str(&format!("({issue})"));
        }
    }
    if let Some(pages) = pages {
        out.push(':');
        out.push_str(&pages);
    }
    out.trim_start_matches(';').to_string()
}

/// Ends a piece with a full stop unless it already ends a sentence.
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Characters doi.org asks to be percent-encoded in links.
fn encode_doi(doi: &str) -> String {
    let mut out = String::with_capacity(doi.len());
    for c in doi.chars() {
        match c {
            '%' => out.push_str("%25"),
            '"' => out.push_str("%22"),
            '#' => out.push_str("%23"),
            ' ' => out.push_str("%20"),
            '?' => out.push_str("%3F"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::Scalar;

    fn labels() -> Labels<'static> {
        Labels {
            accessed: "accessed",
        }
    }

    #[test]
    fn journal_article_in_vancouver_style() {
        let c = Citation {
            id: "whelton2018".into(),
            authors: vec!["Whelton PK".into(), "Carey RM".into(), "Aronow WS".into()],
            title: Some("2017 ACC/AHA guideline for high blood pressure in adults".into()),
            container: Some("Hypertension".into()),
            year: Some(Scalar("2018".into())),
            volume: Some(Scalar("71".into())),
            issue: Some(Scalar("6".into())),
            pages: Some(Scalar("e13-e115".into())),
            doi: Some("10.1161/HYP.0000000000000065".into()),
            pmid: Some(Scalar("29133356".into())),
            url: None,
            accessed: None,
        };
        assert_eq!(
            format(&c, "en", &labels()),
            "Whelton PK, Carey RM, Aronow WS. <span class=\"ref-title\">2017 ACC/AHA guideline for high blood pressure in adults.</span> \
             <span class=\"ref-container\">Hypertension.</span> 2018;71(6):e13-e115. \
             doi:<a href=\"https://doi.org/10.1161/HYP.0000000000000065\">10.1161/HYP.0000000000000065</a>. \
             PMID: <a href=\"https://pubmed.ncbi.nlm.nih.gov/29133356/\">29133356</a>."
        );
    }

    #[test]
    fn six_authors_then_et_al_and_web_pages_with_access_date() {
        let c = Citation {
            authors: (1..=8).map(|i| format!("Author{i} A")).collect(),
            title: Some("Hand hygiene: why, how & when?".into()),
            container: Some("World Health Organization".into()),
            year: Some(Scalar("2009".into())),
            url: Some("https://www.who.int/".into()),
            accessed: Some(Scalar("2026-02-01".into())),
            ..Citation::default()
        };
        let html = format(
            &c,
            "es",
            &Labels {
                accessed: "consultado el",
            },
        );
        assert!(
            html.starts_with(
                "Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, Author6 A, et al. "
            ),
            "{html}"
        );
        assert!(html.contains("why, how &amp; when?</span>"), "{html}");
        assert!(html.contains("2009."), "{html}");
        assert!(
            html.ends_with(
                "(consultado el <time datetime=\"2026-02-01\">1 de febrero de 2026</time>)."
            ),
            "{html}"
        );
    }

    #[test]
    fn hostile_values_are_escaped_and_bad_links_dropped() {
        let c = Citation {
            title: Some("<script>alert(1)</script>".into()),
            url: Some("javascript:alert(1)".into()),
            ..Citation::default()
        };
        let html = format(&c, "en", &labels());
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }
}
