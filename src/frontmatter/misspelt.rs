//! Misspelt field names: `titel:` for `title:`, `reviwers:` for `reviewers:`.
//!
//! Ignoring such a field would make the page look as if the field were
//! missing (no title, no reviewer) and produce errors about a problem the
//! author did not make. Instead the field is read as the one it was meant
//! to be, and the misspelling itself is the one error reported. Only a
//! name a typo or two away from a known field that the same mapping does
//! not also write counts: anything else stays an unknown field.

use crate::diagnostics::{Diagnostic, Position, codes};
use crate::yaml::{Locator, Segment, UnknownKey};
use std::path::Path;

/// An unknown key and the known field it was meant to be.
pub(super) struct Misspelling {
    pub key: UnknownKey,
    pub meant: &'static str,
}

/// Typos allowed between a written name and the field it means.
const MAX_TYPOS: usize = 2;

/// The unknown keys that are misspellings of a field their mapping leaves
/// out. `known` lists the fields of the mapping a key's parent names.
pub(super) fn find(
    unknown: &[UnknownKey],
    yaml: &Locator<'_>,
    known: fn(&str) -> &'static [&'static str],
) -> Vec<Misspelling> {
    unknown
        .iter()
        .filter_map(|key| {
            let name = key.name().to_lowercase();
            if name.chars().count() < 4 {
                return None;
            }
            let meant = known(key.parent_key())
                .iter()
                .copied()
                .filter(|field| strsim::damerau_levenshtein(&name, field) <= MAX_TYPOS)
                .min_by_key(|field| (strsim::damerau_levenshtein(&name, field), *field))?;
            let mut sibling = key.path.clone();
            *sibling.last_mut()? = Segment::Key(meant.to_string());
            yaml.locate(&sibling).is_none().then(|| Misspelling {
                key: key.clone(),
                meant,
            })
        })
        .collect()
}

/// `yaml` with each misspelt key renamed to the field it means; line
/// numbers stay the same.
pub(super) fn corrected(yaml: &str, found: &[Misspelling]) -> String {
    let mut lines: Vec<String> = yaml.split('\n').map(str::to_string).collect();
    for m in found {
        let Some(line) = lines.get_mut(m.key.position.line.wrapping_sub(1)) else {
            continue;
        };
        let chars: Vec<char> = line.chars().collect();
        let start = m.key.position.column.saturating_sub(1);
        let end = start + m.key.position.length;
        if end > chars.len() || chars[start..end].iter().collect::<String>() != m.key.name() {
            continue;
        }
        *line = chars[..start]
            .iter()
            .chain(m.meant.chars().collect::<Vec<_>>().iter())
            .chain(chars[end..].iter())
            .collect();
    }
    lines.join("\n")
}

/// The one error a misspelling gets.
pub(super) fn diagnostic(m: &Misspelling, file: &Path, position: Position) -> Diagnostic {
    Diagnostic::error(
        codes::FRONTMATTER_MISSPELT_FIELD,
        file,
        position,
        format!(
            "`{}` is not a field name; it looks like a misspelling of `{}`",
            m.key.dotted(),
            m.meant
        ),
    )
    .with_hint(format!("rename it to `{}:`", m.meant))
}
