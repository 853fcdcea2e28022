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
