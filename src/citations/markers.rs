//! What a citation marker may name, and the check of a page's listed
//! sources against the ones its markers cited (the Markdown pass that finds
//! and numbers the markers is `markdown::citation_markers`).

use crate::diagnostics::{Diagnostic, codes};
use crate::site::Page;
use std::collections::{HashMap, HashSet};

/// Whether `id` can be written in a marker.
pub(crate) fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.:".contains(c))
        && !id.ends_with(['.', ':'])
}

/// Warnings for the sources a page lists itself but never cites. `cited`
/// are the indexes (into the page's citations) its markers numbered.
///
/// A translation's citations include those it inherits; only the ids its
/// file lists itself are reported, since an inherited source belongs to
/// the original.
pub(crate) fn check_uncited(page: &Page, cited: &[usize]) -> Vec<Diagnostic> {
    let Some(parsed) = page.source.as_ref() else {
        return Vec::new();
    };
    let citations = &page.meta.citations;
    // Most pages cite every source they list: then there is nothing to
    // report, and no lookup tables to build (this runs for every page).
    let mut is_cited = vec![false; citations.len()];
    for &index in cited {
        if let Some(flag) = is_cited.get_mut(index) {
            *flag = true;
        }
    }
    if is_cited.iter().all(|&c| c) {
        return Vec::new();
    }
    let own_ids: Vec<&str> = parsed
        .front_matter
        .citations
        .iter()
        .map(|c| c.id.trim())
        .collect();
    let mut first = HashMap::with_capacity(citations.len());
    for (index, citation) in citations.iter().enumerate() {
        first.entry(citation.id.trim()).or_insert(index);
    }
    let mut out = Vec::new();
    let own: HashSet<&str> = own_ids.iter().copied().collect();
    let positions = crate::frontmatter::Positions::new(&parsed.text);
    for (index, citation) in citations.iter().enumerate() {
        let id = citation.id.trim();
        // A duplicate id is reported as such (citation/duplicate-id), not as unused.
        let duplicate = first.get(id) != Some(&index) || !own.contains(id);
        if !id.is_empty() && !duplicate && !is_cited[index] {
            let position = positions.value(&[
                crate::yaml::Segment::Key("citations".into()),
                crate::yaml::Segment::Index(index),
                crate::yaml::Segment::Key("id".into()),
            ]);
            out.push(
                Diagnostic::warning(
                    codes::CITATION_UNUSED,
                    &parsed.source.path,
                    position,
                    format!("the source `{}` is listed but never cited", citation.id),
                )
                .with_hint(format!(
                    "cite it in the text with [@{}], or remove it from `citations`",
                    citation.id
                )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_restricted() {
        assert!(is_valid_id("whelton2018"));
        assert!(is_valid_id("who:hypertension-2023"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("a."));
    }
}
