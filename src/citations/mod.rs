//! Citations: the sources an article lists in front matter, the `[@id]`
//! markers in its body, and the numbered reference list they produce.
//!
//! [`markers`] finds markers in the Markdown event stream and numbers sources
//! in order of first use; [`vancouver`] formats each source in
//! Vancouver/AMA style; [`check_entries`] checks the listed sources
//! themselves (duplicate ids, malformed DOI or PMID).

pub(crate) mod markers;
pub(crate) mod vancouver;

use crate::diagnostics::{Diagnostic, Position, codes};
use crate::frontmatter::Citation;
use crate::yaml::Segment;
use std::path::Path;

/// One numbered source of a page, as the References list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    pub number: usize,
    pub id: String,
    /// The formatted entry (safe HTML).
    pub html: String,
    /// Each place the source is cited, in order.
    pub backlinks: Vec<Backlink>,
}

/// A link from the References list back to one place a source is cited.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Backlink {
    /// The anchor id of the citation marker in the text.
    pub id: String,
    /// What the link shows: the source's number, with a letter for each
    /// place when the source is cited more than once (`1a`, `1b` …), so
    /// the links of one source can be told apart, as readers and screen
    /// readers meet them.
    pub label: String,
}

/// The back-links of source `number` cited at the anchors `ids`.
pub(crate) fn backlinks(number: usize, ids: Vec<String>) -> Vec<Backlink> {
    let several = ids.len() > 1;
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| Backlink {
            id,
            label: if several {
                format!("{number}{}", letters(i))
            } else {
                number.to_string()
            },
        })
        .collect()
}

/// `a` … `z`, then `aa`, `ab` … for the `index`th place (from 0).
fn letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A DOI as written, without any `doi:` or resolver prefix, if well formed.
pub(crate) fn normalize_doi(doi: &str) -> Option<String> {
    let doi = doi.trim();
    let bare = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "doi:",
    ]
    .iter()
    .find_map(|p| doi.strip_prefix(p))
    .unwrap_or(doi);
    let (prefix, suffix) = bare.split_once('/')?;
    let registrant = prefix.strip_prefix("10.")?;
    let valid_prefix = !registrant.is_empty()
        && registrant
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        && registrant
            .split('.')
            .next()
            .is_some_and(|first| first.len() >= 4);
    let valid_suffix =
        !suffix.is_empty() && !suffix.chars().any(|c| c.is_whitespace() || c.is_control());
    (valid_prefix && valid_suffix).then(|| bare.to_string())
}

/// A PubMed id: 1 to 9 digits.
pub(crate) fn normalize_pmid(pmid: &str) -> Option<String> {
    let pmid = pmid.trim();
    (!pmid.is_empty() && pmid.len() <= 9 && pmid.bytes().all(|b| b.is_ascii_digit()) && pmid != "0")
        .then(|| pmid.trim_start_matches('0').to_string())
}

/// Checks the sources listed in one file's front matter: ids present and
/// unique, DOI and PMID well formed. `text` is the whole file (for positions).
pub(crate) fn check_entries(citations: &[Citation], file: &Path, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let positions = crate::frontmatter::Positions::new(text);
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (i, citation) in citations.iter().enumerate() {
        let position = |field: &str| {
            positions.value(&[
                Segment::Key("citations".into()),
                Segment::Index(i),
                Segment::Key(field.into()),
            ])
        };
        let id = citation.id.trim();
        out.extend(id_problem(id, i, &seen, file, &position));
        seen.insert(id);
        check_identifiers(citation, file, &position, &mut out);
        check_web_source(citation, i, file, &position, &mut out);
    }
    out
}

/// Where a field of the source being checked is written.
type FieldPosition<'a> = &'a dyn Fn(&str) -> Position;

/// A source's `id`: present, usable in a `[@id]` marker, and not listed before.
fn id_problem(
    id: &str,
    i: usize,
    seen: &std::collections::HashSet<&str>,
    file: &Path,
    position: FieldPosition,
) -> Option<Diagnostic> {
    if id.is_empty() {
        Some(
            Diagnostic::error(codes::CITATION_MISSING_ID, file, position("title"), format!("source {} has no `id`", i + 1))
                .with_hint("give each source a short `id:` such as `who2023`, and cite it in the text as [@who2023]"),
        )
    } else if !markers::is_valid_id(id) {
        Some(
            Diagnostic::error(
                codes::CITATION_MISSING_ID,
                file,
                position("id"),
                format!("`{id}` cannot be used as a citation id"),
            )
            .with_hint(
                "use letters, digits, `-`, `_`, `.` or `:` only, e.g. `who-hypertension-2023`",
            ),
        )
    } else if seen.contains(id) {
        Some(
            Diagnostic::error(
                codes::CITATION_DUPLICATE_ID,
                file,
                position("id"),
                format!("the citation id `{id}` is listed twice"),
            )
            .with_hint("each source needs its own id; remove the copy or rename one of them"),
        )
    } else {
        None
    }
}

/// A source's DOI and PubMed id, when written, must be well formed.
fn check_identifiers(
    citation: &Citation,
    file: &Path,
    position: FieldPosition,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(doi) = &citation.doi
        && normalize_doi(doi).is_none()
    {
        out.push(
            Diagnostic::error(
                codes::CITATION_INVALID_DOI,
                file,
                position("doi"),
                format!("`{}` is not a DOI", doi.trim()),
            )
            .with_hint(
                "a DOI looks like `10.1161/HYP.0000000000000065`; leave it out if you are not sure",
            ),
        );
    }
    if let Some(pmid) = &citation.pmid
        && normalize_pmid(&pmid.0).is_none()
    {
        out.push(
                Diagnostic::error(codes::CITATION_INVALID_PMID, file, position("pmid"), format!("`{}` is not a PubMed id", pmid.0.trim()))
                    .with_hint("a PMID is a number of up to 9 digits, e.g. \"29133356\"; leave it out if you are not sure"),
            );
    }
}

/// A web source's access date must be real and its address a web address
/// the scheme policy allows.
fn check_web_source(
    citation: &Citation,
    i: usize,
    file: &Path,
    position: FieldPosition,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(accessed) = &citation.accessed
        && let Err(message) = crate::dates::Date::parse(&accessed.0)
    {
        out.push(
            Diagnostic::error(
                codes::FRONTMATTER_INVALID_DATE,
                file,
                position("accessed"),
                format!("`citations[{i}].accessed`: {message}"),
            )
            .with_hint("write dates as year-month-day, e.g. `2026-03-01`"),
        );
    }
    if let Some(url) = &citation.url
        && let Err(refused) = crate::schemes::Policy::default().check(url)
    {
        out.push(
            Diagnostic::error(
                codes::URL_SCHEME_NOT_ALLOWED,
                file,
                position("url"),
                refused.message("this source's `url`"),
            )
            .with_hint("write the full address, starting with https://"),
        );
    } else if let Some(url) = &citation.url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        out.push(
            Diagnostic::error(
                codes::CITATION_INVALID_URL,
                file,
                position("url"),
                format!("`{}` is not a web address", url.trim()),
            )
            .with_hint("write the full address, starting with https://"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_are_checked_and_normalised() {
        assert_eq!(
            normalize_doi("10.1161/HYP.0000000000000065").as_deref(),
            Some("10.1161/HYP.0000000000000065")
        );
        assert_eq!(
            normalize_doi("https://doi.org/10.1001/jama.2014.1.2").as_deref(),
            Some("10.1001/jama.2014.1.2")
        );
        assert_eq!(
            normalize_doi("doi:10.1000.10/abc").as_deref(),
            Some("10.1000.10/abc")
        );
        for bad in [
            "",
            "10.12/abc",
            "11.1234/abc",
            "10.1234/",
            "10.1234/a b",
            "whelton2018",
            "10.abcd/x",
        ] {
            assert_eq!(normalize_doi(bad), None, "{bad}");
        }
    }

    #[test]
    fn pmids_are_digits() {
        assert_eq!(normalize_pmid("29133356").as_deref(), Some("29133356"));
        for bad in ["", "0", "PMC123", "1234567890", "12 34"] {
            assert_eq!(normalize_pmid(bad), None, "{bad}");
        }
    }

    #[test]
    fn entry_problems_are_located() {
        let text = "---\ntitle: T\ncitations:\n  - id: a\n    doi: 10.12/x\n  - id: a\n    pmid: PMC1\n---\n";
        let citations: Vec<Citation> = vec![
            Citation {
                id: "a".into(),
                doi: Some("10.12/x".into()),
                ..Citation::default()
            },
            Citation {
                id: "a".into(),
                pmid: Some(crate::yaml::Scalar("PMC1".into())),
                ..Citation::default()
            },
        ];
        let found: Vec<_> = check_entries(&citations, Path::new("a.md"), text)
            .iter()
            .map(|d| (d.code, d.position.line, d.position.column))
            .collect();
        assert_eq!(
            found,
            [
                (codes::CITATION_INVALID_DOI, 5, 10),
                (codes::CITATION_DUPLICATE_ID, 6, 9),
                (codes::CITATION_INVALID_PMID, 7, 11)
            ]
        );
    }

    #[test]
    fn back_links_of_a_source_cited_several_times_get_letters() {
        let labels = |n: usize, count: usize| -> Vec<String> {
            let ids = (0..count).map(|i| format!("cite-{i}")).collect();
            backlinks(n, ids).into_iter().map(|b| b.label).collect()
        };
        assert_eq!(labels(3, 1), ["3"]);
        assert_eq!(labels(1, 2), ["1a", "1b"]);
        let many = labels(2, 28);
        assert_eq!(
            (&many[25][..], &many[26][..], &many[27][..]),
            ("2z", "2aa", "2ab")
        );
        assert_eq!(backlinks(1, vec!["x".into()])[0].id, "x");
    }
}
