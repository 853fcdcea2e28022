//! Slugs: the readable, URL-safe names of headings, tags, pages and people.

/// A URL-safe, readable slug: lower case, letters and digits of any script
/// kept (Arabic headings keep Arabic ids), everything else folded into `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut add = |c: char, word: bool| {
        if word || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else if c == '\'' || c == '’' {
            // "Don't" → "dont", not "don-t"
        } else {
            pending_dash = true;
        }
    };
    // Every heading, tag and article name passes here: ASCII is lowered
    // and classified without Unicode's tables (the same answers).
    for c in text.chars() {
        if c.is_ascii() {
            let lower = c.to_ascii_lowercase();
            add(lower, lower.is_ascii_alphanumeric());
        } else {
            for lower in c.to_lowercase() {
                add(lower, lower.is_alphanumeric());
            }
        }
    }
    slug
}

/// A slug without accents: `Presión arterial` → `presion-arterial`. Authors
/// write tags both ways, and an address without accents survives being
/// typed from a leaflet; letters of other scripts stay (Arabic vowel marks
/// are dropped, the letters kept).
pub(crate) fn folded(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let bare: String = text.nfd().filter(|&c| !is_combining_mark(c)).collect();
    slugify(&bare)
}

#[cfg(test)]
mod folded_tests {
    use super::folded;

    #[test]
    fn accents_are_dropped_and_other_scripts_kept() {
        assert_eq!(folded("Presión arterial"), "presion-arterial");
        assert_eq!(folded("presion-arterial"), "presion-arterial");
        assert_eq!(folded("Ça va"), "ca-va");
        assert_eq!(folded("ضَغْطُ الدم"), "ضغط-الدم");
    }
}
