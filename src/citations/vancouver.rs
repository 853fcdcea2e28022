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
use crate::html::escape_attribute_into as escape_into;

/// Authors listed before "et al." (Vancouver: six).
const MAX_AUTHORS: usize = 6;

/// Translated words the entry needs.
pub(crate) struct Labels<'a> {
    /// "accessed" (followed by the date).
    pub accessed: &'a str,
}

/// Formats one source as safe HTML.
pub(crate) fn format(citation: &Citation, language: &str, labels: &Labels) -> String {
    // Written piece by piece into one string: every page formats each of
    // its sources, and a string per piece added up.
    let mut out = String::with_capacity(512);
    push_authors(&mut out, citation);
    push_title_and_container(&mut out, citation);
    let numbers = publication_numbers(citation);
    if !numbers.is_empty() {
        next_piece(&mut out);
        escape_into(&mut out, &numbers);
        end_sentence(&mut out);
    }
    push_identifiers(&mut out, citation);
    push_web_address(&mut out, citation, language, labels);
    out
}

/// The first [`MAX_AUTHORS`] authors, then "et al" when there are more.
fn push_authors(out: &mut String, citation: &Citation) {
    let mut authors = citation
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .peekable();
    if authors.peek().is_some() {
        for (i, author) in authors.by_ref().take(MAX_AUTHORS).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            escape_into(out, author);
        }
        if authors.next().is_some() {
            out.push_str(", et al");
        }
        end_sentence(out);
    }
}

/// The title and the journal or site it appears in, each its own sentence.
fn push_title_and_container(out: &mut String, citation: &Citation) {
    for (text, class) in [
        (citation.title.as_deref(), "ref-title"),
        (citation.container.as_deref(), "ref-container"),
    ] {
        if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
            next_piece(out);
            out.push_str("<span class=\"");
            out.push_str(class);
            out.push_str("\">");
            escape_into(out, text);
            end_sentence(out);
            out.push_str("</span>");
        }
    }
}

/// The DOI and PubMed id, each linked to its resolver (only when well formed).
fn push_identifiers(out: &mut String, citation: &Citation) {
    if let Some(doi) = citation.doi.as_deref().and_then(normalize_doi) {
        next_piece(out);
        out.push_str("doi:<a href=\"https://doi.org/");
        escape_into(out, &encode_doi(&doi));
        out.push_str("\">");
        escape_into(out, &doi);
        out.push_str("</a>.");
    }
    if let Some(pmid) = citation.pmid.as_ref().and_then(|p| normalize_pmid(&p.0)) {
        next_piece(out);
        out.push_str("PMID: <a href=\"https://pubmed.ncbi.nlm.nih.gov/");
        out.push_str(&pmid);
        out.push_str("/\">");
        out.push_str(&pmid);
        out.push_str("</a>.");
    }
}

/// The source's web address (http(s) only) and the date it was read there.
fn push_web_address(out: &mut String, citation: &Citation, language: &str, labels: &Labels) {
    if let Some(url) = citation
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    {
        next_piece(out);
        out.push_str("<a class=\"ref-url\" href=\"");
        // The text shows the address as written; the link is a valid IRI
        // (`<`, spaces and the like percent-encoded).
        escape_into(out, &crate::uri::written(url, crate::uri::Form::Iri));
        out.push_str("\">");
        escape_into(out, url);
        out.push_str("</a>");
        if let Some(date) = citation
            .accessed
            .as_ref()
            .and_then(|a| Date::parse(&a.0).ok())
        {
            out.push_str(" (");
            escape_into(out, labels.accessed);
            out.push_str(" <time datetime=\"");
            out.push_str(&date.to_string());
            out.push_str("\">");
            escape_into(out, &date.display_long(language));
            out.push_str("</time>)");
        }
        out.push('.');
    }
}

/// Separates the next piece from the one before with a space.
fn next_piece(out: &mut String) {
    if !out.is_empty() {
        out.push(' ');
    }
}

/// Ends the piece just written with a full stop unless it already ends a
/// sentence.
fn end_sentence(out: &mut String) {
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
}

/// "2018;71(6):e13-e115" from whichever of year, volume, issue and pages are set.
fn publication_numbers(c: &Citation) -> String {
    let text = |s: &Option<crate::yaml::Scalar>| {
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
    use crate::yaml::Scalar;

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

    #[test]
    fn web_addresses_are_linked_as_valid_iris_and_shown_as_written() {
        let c = Citation {
            title: Some("Query".into()),
            url: Some("https://example.org/a b?x=1&y=<2>".into()),
            ..Citation::default()
        };
        let html = format(&c, "en", &labels());
        assert!(
            html.contains("href=\"https://example.org/a%20b?x=1&amp;y=%3C2%3E\""),
            "{html}"
        );
        assert!(
            html.contains(">https://example.org/a b?x=1&amp;y=&lt;2&gt;</a>"),
            "{html}"
        );
    }
}
