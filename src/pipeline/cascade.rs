//! One mistake, one error: a source page's errors are not repeated by its
//! translations.
//!
//! A translation takes its date, reviewers, citations, tags and other
//! shared fields from the page of its group in the default language (see
//! `site::inherit`). While that page's front matter has errors, what the
//! translation inherits is incomplete or missing, and every check of the
//! translation that reads it ("no reviewer", "unknown citation id", "no
//! date", …) reports a problem the translator did not make.
//!
//! The one place that decides is here, after all checks ran. A source
//! whose front matter has errors (found while reading content): its
//! translations keep what reading their own files found (their own YAML
//! and values, which do not depend on the source), and everything later
//! stages said about them is held back, whatever the check. A source with
//! other errors (no reviewer, say): its translations hold back the same
//! problems about what they leave out to inherit. Either way one note per
//! translation points at the source to fix first.

use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::discover::{SourceKind, SourcePage};
use crate::site::{PageKind, Site};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `diagnostics` with what translations of broken sources report after
/// reading held back (one note each instead). The first `read` diagnostics
/// are those of the stages up to reading content, in any order.
pub(crate) fn contain(
    diagnostics: Diagnostics,
    read: usize,
    site: &Site,
    sources: &[SourcePage],
) -> Diagnostics {
    let default = site.config.default_language.as_str();
    // Files whose front matter has errors, and the codes of the errors later
    // checks found in each file.
    let mut unreadable: FxHashSet<PathBuf> = FxHashSet::default();
    let mut later: FxHashMap<PathBuf, FxHashSet<&'static str>> = FxHashMap::default();
    for (i, d) in diagnostics.iter().enumerate().filter(|(_, d)| d.is_error()) {
        if i < read {
            unreadable.insert(d.file.clone());
        } else {
            later.entry(d.file.clone()).or_default().insert(d.code);
        }
    }
    let broken: FxHashSet<PathBuf> = unreadable.iter().chain(later.keys()).cloned().collect();
    if broken.is_empty() {
        return diagnostics;
    }
    let affected = translations_of(&broken, site, sources, default);
    if affected.is_empty() {
        return diagnostics;
    }
    // A translation of a source whose front matter has errors holds back
    // everything later checks say about it: they all read what it inherits.
    // Of a source with other errors, it holds back the same problems when
    // they are about something the file does not write (a missing reviewer
    // it inherits, say), and keeps what it says about the translation's own
    // lines (a broken link in its text is its own).
    let mut noted: BTreeMap<&Path, &Path> = BTreeMap::new();
    let mut out = Diagnostics::new();
    for (i, d) in diagnostics.into_iter().enumerate() {
        let pair = affected
            .get_key_value(d.file.as_path())
            .map(|(&translation, &source)| (translation, source));
        let held = pair.filter(|&(_, source)| {
            i >= read
                && (unreadable.contains(source)
                    || (is_about_the_whole_file(&d)
                        && later.get(source).is_some_and(|c| c.contains(d.code))))
        });
        match held {
            Some((translation, source)) => {
                noted.insert(translation, source);
            }
            None => out.push(d),
        }
    }
    for (&translation, &source) in &affected {
        if unreadable.contains(source) {
            noted.insert(translation, source);
        }
    }
    for (translation, source) in noted {
        out.push(note(translation, source));
    }
    out
}

/// Each translation (by file) whose source (by file) is broken.
fn translations_of<'a>(
    broken: &FxHashSet<PathBuf>,
    site: &'a Site,
    sources: &'a [SourcePage],
    default: &str,
) -> FxHashMap<&'a Path, &'a Path> {
    // A source whose front matter could not be read at all is not a page:
    // its translations are found the way grouping finds them, by place.
    let mut unread: FxHashMap<(bool, String), &Path> = FxHashMap::default();
    for source in sources
        .iter()
        .filter(|s| s.language == default && broken.contains(&s.path))
        .filter(|s| site.page_for_source(&s.path).is_none())
    {
        let is_section = source.kind == SourceKind::Section;
        let without_extension = source.rel.with_extension("");
        let place = if is_section {
            source.rel.parent().unwrap_or(Path::new(""))
        } else {
            &without_extension
        };
        let place = place.to_string_lossy().replace('\\', "/");
        let stem = without_extension
            .file_name()
            .map(|s| s.to_string_lossy().into_owned());
        unread.insert((is_section, place), source.path.as_path());
        if let (false, Some(stem)) = (is_section, stem) {
            unread.entry((false, stem)).or_insert(source.path.as_path());
        }
    }
    let mut affected = FxHashMap::default();
    for page in &site.pages {
        let Some(path) = page.source_path().filter(|_| page.language != default) else {
            continue;
        };
        let in_group = page
            .translations
            .iter()
            .map(|&id| &site.pages[id])
            .find(|p| p.language == default)
            .and_then(|p| p.source_path());
        let is_section = matches!(page.kind, PageKind::Section | PageKind::Home);
        let by_place = || {
            std::iter::once(page.place.as_str())
                .chain(page.meta.translation_key.as_deref())
                .find_map(|key| unread.get(&(is_section, key.to_string())).copied())
        };
        if let Some(source) = in_group.or_else(by_place)
            && broken.contains(source)
            && source != path
        {
            affected.insert(path, source);
        }
    }
    affected
}

/// Problems reported at the top of the file are about what it leaves out.
fn is_about_the_whole_file(d: &Diagnostic) -> bool {
    d.position.line == 1 && d.position.column == 1
}

fn note(translation: &Path, source: &Path) -> Diagnostic {
    Diagnostic::warning(
        codes::TRANSLATION_SOURCE_HAS_ERRORS,
        translation,
        Position::new(1, 1, 3),
        format!(
            "this translation inherits from `{}`, which has errors: fix that first",
            display(source)
        ),
    )
    .with_hint("this page's other checks run again once that file is fixed")
}

fn display(path: &Path) -> String {
    PathBuf::from(path).to_string_lossy().replace('\\', "/")
}
