//! Heading ids: every heading gets a stable, readable id (its text as a
//! slug), unique within the page, so sections can be linked and shared.

use super::Spanned;
use crate::site::urls::slugify;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashSet;

/// A heading of the page, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// The heading of a care card (`> [!urgent] …`): contents lists show
    /// it whatever its level, as a reader looks for when to get help.
    pub care_card: bool,
}

/// Gives every heading an id (keeping ids the author wrote with `{#id}`).
pub(super) fn assign_ids(events: &mut [Spanned]) -> Vec<Heading> {
    let mut used: HashSet<String> = HashSet::new();
    // Author ids are reserved first so generated ones never take them.
    for (event, _) in events.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used.insert(id.to_string());
        }
    }
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = &events[i].0
        {
            let level = *level as u8;
            let care_card = classes.iter().any(|c| c.as_ref() == "care-card-heading");
            let end = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let text = super::plain_text(events[i + 1..end].iter().map(|(e, _)| e));
            let id = match id {
                Some(id) => id.to_string(),
                None => {
                    let id = unique(&mut used, &slugify(&text));
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    id
                }
            };
            headings.push(Heading {
                level,
                id,
                text: text.trim().to_string(),
                care_card,
            });
            i = end;
        }
        i += 1;
    }
    headings
}

fn unique(used: &mut HashSet<String>, base: &str) -> String {
    let base = if base.is_empty() { "section" } else { base };
    let mut candidate = base.to_string();
    let mut n = 1;
    while used.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn ids(markdown: &str) -> Vec<String> {
        let mut events: Vec<Spanned> = Parser::new_ext(markdown, crate::markdown::options())
            .into_offset_iter()
            .collect();
        assign_ids(&mut events).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn ids_are_unique_and_respect_author_ids() {
        assert_eq!(
            ids(
                "## When to call\n\n## When to call\n\n## Other {#when-to-call-1}\n\n## `Code` & *more*\n"
            ),
            [
                "when-to-call",
                "when-to-call-2",
                "when-to-call-1",
                "code-more"
            ]
        );
        assert_eq!(
            ids("## ما هو الضغط؟\n\n## !!!\n"),
            ["ما-هو-الضغط", "section"]
        );
    }
}
