//! Misspelt field names: `titel:` for `title:`, `reviwers:` for `reviewers:`.
//!
//! Ignoring such a field would make the page look as if the field were
//! missing (no title, no reviewer) and produce errors about a problem the
//! author did not make. Instead the field is read as the one it was meant
//! to be, and the misspelling itself is the one error reported. Only a
//! name a typo or two away from a known field that the same mapping does
//! not also write counts: anything else stays an unknown field.

use super::block::Found;
use super::{RawFrontMatter, in_file, known_fields};
use crate::diagnostics::{Diagnostic, Position, codes};
use crate::yaml::{self, Lenient, Locator, Segment, UnknownKey};
use std::path::Path;

/// Reads again, with misspelt names corrected, a front matter that has
/// any, and reports each one; returns the corrected YAML (positions in it
/// are those of the file's YAML, line for line).
pub(super) fn correct(
    read: &mut Lenient<RawFrontMatter>,
    found: &Found<'_>,
    file: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let misspelt = find(&read.unknown, &Locator::new(found.yaml), known_fields);
    if misspelt.is_empty() {
        return None;
    }
    for m in &misspelt {
        let position = in_file(m.key.position, found.first_line);
        diagnostics.push(diagnostic(m, file, position));
    }
    let text = corrected(found.yaml, &misspelt);
    let again = yaml::parse_lenient::<RawFrontMatter>(&text, found.first_line).ok()?;
    *read = again;
    Some(text)
}

/// An unknown key and the known field it was meant to be.
struct Misspelling {
    pub key: UnknownKey,
    pub meant: &'static str,
}

/// Typos allowed between a written name and the field it means.
const MAX_TYPOS: usize = 2;

/// The unknown keys that are misspellings of a field their mapping leaves
/// out. `known` lists the fields of the mapping a key's parent names.
fn find(
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
fn corrected(yaml: &str, found: &[Misspelling]) -> String {
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
fn diagnostic(m: &Misspelling, file: &Path, position: Position) -> Diagnostic {
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

#[cfg(test)]
mod tests {
    use crate::diagnostics::codes;
    use crate::discover::SourceKind;
    use crate::frontmatter::{Parsed, parse};
    use std::path::Path;

    fn parse_article(text: &str) -> Parsed {
        parse(text, Path::new("a.md"), SourceKind::Article)
    }

    #[test]
    fn a_misspelt_field_is_read_as_meant_and_reported_once() {
        let p = parse_article(
            "---\ntitel: T\nsummary: S\ndate: 2026-01-01\nreviwers:\n  - name: Ana\nimage_caption: x\n---\n",
        );
        let found: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code, d.position.line, d.position.column))
            .collect();
        assert_eq!(
            found,
            [
                (codes::FRONTMATTER_MISSPELT_FIELD, 2, 1),
                (codes::FRONTMATTER_MISSPELT_FIELD, 5, 1),
                (codes::FRONTMATTER_UNKNOWN_FIELD, 7, 1),
            ],
            "no `missing title`; an unrelated name stays unknown"
        );
        assert_eq!(p.front_matter.title, "T");
        assert_eq!(p.front_matter.reviewers[0].name, "Ana");
        // Written under both names: the real field wins, the other is unknown.
        let both = parse_article("---\ntitle: T\ntitel: U\nsummary: S\n---\n");
        assert_eq!(both.diagnostics[0].code, codes::FRONTMATTER_UNKNOWN_FIELD);
        assert_eq!(both.front_matter.title, "T");
    }
}
