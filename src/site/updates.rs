//! Update streams: each live-update topic page with its entries, newest
//! first. Built at assembly from the entries read from their files
//! ([`crate::data::updates`]); the `updates` stage renders them.

use super::{Page, PageId, PageKind};
use crate::data::updates::Entry;
use crate::diagnostics::{Diagnostic, Position, codes};
use crate::discover::UPDATES_FOLDER as FOLDER;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Whether a page is an update topic (a section directly under `updates/`).
pub fn is_topic(page: &Page) -> bool {
    page.kind == PageKind::Section
        && page
            .place
            .split_once('/')
            .is_some_and(|(folder, topic)| folder == FOLDER && !topic.contains('/'))
}

/// Each update topic page's entries, newest first (ties: later file name first).
pub type Streams = BTreeMap<PageId, Vec<Arc<Entry>>>;

/// Attaches entries to their topic pages (every topic page gets a stream,
/// possibly empty). Drafts stay out unless `include_drafts`; entries of a
/// draft topic stay out with it; an entry with no topic page is an error.
pub fn streams(
    pages: &[Page],
    entries: &[Arc<Entry>],
    drafts: &HashSet<PathBuf>,
    include_drafts: bool,
) -> (Streams, Vec<Diagnostic>) {
    let mut streams = Streams::new();
    let mut topics: HashMap<(&str, &str), PageId> = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        if is_topic(page) {
            streams.insert(id, Vec::new());
            topics.insert((page.language.as_str(), page.place.as_str()), id);
        }
    }
    let mut diagnostics = Vec::new();
    for entry in entries {
        if entry.draft && !include_drafts {
            continue;
        }
        let topic = entry.topic();
        let place = topic.to_string_lossy().replace('\\', "/");
        let language = entry.source.source.language.as_str();
        match topic_page(&topics, language, &place) {
            Some(id) => streams.entry(id).or_default().push(entry.clone()),
            None => {
                let index = Path::new("content")
                    .join(language)
                    .join(&topic)
                    .join("_index.md");
                if drafts.contains(&index) {
                    continue;
                }
                let name = topic
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                diagnostics.push(
                    Diagnostic::error(
                        codes::UPDATE_NO_TOPIC_PAGE,
                        entry.file(),
                        Position::start(),
                        format!("this update belongs to the topic `{name}`, which has no `{}`", index.display()),
                    )
                    .with_hint(format!(
                        "create `{}` with a `title:`, or run `pamphlet new update {name} --lang {language}`",
                        index.display()
                    )),
                );
            }
        }
    }
    for list in streams.values_mut() {
        list.sort_by(|a, b| {
            b.time
                .cmp(&a.time)
                .then_with(|| b.source.source.rel.cmp(&a.source.source.rel))
        });
    }
    (streams, diagnostics)
}

/// Topic pages are found by their place, which is the folder's slug.
fn topic_page(
    topics: &HashMap<(&str, &str), PageId>,
    language: &str,
    place: &str,
) -> Option<PageId> {
    topics.get(&(language, place)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_sections_directly_under_updates() {
        let mut page = Page::test_article();
        page.kind = PageKind::Section;
        page.place = "updates/heat-wave".into();
        assert!(is_topic(&page));
        page.place = "updates".into();
        assert!(!is_topic(&page));
        page.place = "updates/heat-wave/older".into();
        assert!(!is_topic(&page));
        page.place = "updates/heat-wave".into();
        page.kind = PageKind::Article;
        assert!(!is_topic(&page));
    }
}
