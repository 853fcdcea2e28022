//! Addresses as the output formats need them: every URL Pamphlet writes
//! passes here on its way out, so each is a valid URI (or, in HTML, IRI)
//! whatever the file and folder names hold (spaces, `#`, `?`, `%`, quotes,
//! any script).
//!
//! Inside Pamphlet a site address is a decoded path (`/en/heart/my photo.png`:
//! the file's own name, which is how pages and files are looked up and where
//! they are written). Two forms go out:
//!
//! - [`Form::Uri`], ASCII only, for the formats read by machines: sitemaps,
//!   RSS, Atom and JSON feeds, JSON-LD, canonical and share links,
//!   `_redirects`, `_headers`, CAP alerts. `é` becomes `%C3%A9`.
//! - [`Form::Iri`], for HTML attributes: letters of every script stay as
//!   they are (an Arabic address stays readable in the page; browsers encode
//!   it when they ask for it), everything else that must be encoded is.
//!
//! A decoded path is encoded whole ([`path`]: a `%` in a file name becomes
//! `%25`). An address an author wrote ([`written`]) may already be encoded:
//! its escapes (`%20`) are kept, never encoded twice; only a `%` that starts
//! no escape becomes `%25`.

use percent_encoding::AsciiSet;

/// Which output an address is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// ASCII only: feeds, sitemaps, JSON-LD, server files.
    Uri,
    /// HTML: non-ASCII letters kept.
    Iri,
}

/// Which ASCII characters an address must encode where.
#[derive(Clone, Copy)]
enum Part {
    /// A path: RFC 3986 `pchar` (unreserved, sub-delimiters, `:`, `@`) and `/`.
    Path,
    /// A query: also `?`.
    Query,
    /// A fragment: as a query (a second `#` is encoded).
    Fragment,
}

impl Part {
    fn keeps(self, b: u8) -> bool {
        b.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=:@/".contains(&b)
            || (b == b'?' && !matches!(self, Part::Path))
    }
}

/// A decoded site path as `form`: every character a path may not hold is
/// encoded, `%` included, so decoding gives the path back exactly.
pub fn path(decoded: &str, form: Form) -> String {
    let encoded = encode(decoded, Part::Path, form, false);
    // A relative path whose first segment has a `:` would read as a
    // scheme (`a:b.png`): those colons are encoded.
    match encoded.find('/') {
        _ if encoded.starts_with('/') => encoded,
        first_end => {
            let end = first_end.unwrap_or(encoded.len());
            format!("{}{}", encoded[..end].replace(':', "%3A"), &encoded[end..])
        }
    }
}

/// A path that may already hold escapes (`%20` kept, a `%` that starts
/// none becomes `%25`), as `form`; `#` and `?` are part of the path.
pub fn written_path(text: &str, form: Form) -> String {
    encode(text, Part::Path, form, true)
}

/// An address as an author wrote it (a link's destination, a query or
/// fragment after a site path, an address in site.yaml), valid as `form`:
/// spaces and other characters that must be encoded are, escapes already
/// there (`%20`) are kept, and a `%` that starts no escape becomes `%25`.
/// An absolute address in [`Form::Uri`] is also normalised by the `url`
/// crate (the host in ASCII, `HTTPS://` lowered).
pub fn written(text: &str, form: Form) -> String {
    let text = text.trim();
    let (before, fragment) = match text.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (text, None),
    };
    let (path_part, query) = match before.split_once('?') {
        Some((path_part, query)) => (path_part, Some(query)),
        None => (before, None),
    };
    // `//` and `scheme:` keep their `:` and slashes: neither is encoded.
    let mut out = encode(path_part, Part::Path, form, true);
    if let Some(query) = query {
        out.push('?');
        out.push_str(&encode(query, Part::Query, form, true));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        // A second `#` in a fragment must be encoded.
        out.push_str(&encode(fragment, Part::Fragment, form, true));
    }
    if form == Form::Uri
        && crate::schemes::scheme(&out).is_some()
        && let Ok(url) = url::Url::parse(&out)
    {
        return url.to_string();
    }
    out
}

/// `text` with the characters `part` may not hold (and, for a URI, every non-ASCII
/// character; for an IRI, the invisible ones) percent-encoded. With
/// `keep_escapes`, a `%` followed by two hex digits is left as it is.
fn encode(text: &str, part: Part, form: Form, keep_escapes: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut buffer = [0u8; 4];
    for (i, c) in text.char_indices() {
        let escape_kept = keep_escapes
            && c == '%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        let raw = if c.is_ascii() {
            escape_kept || part.keeps(c as u8)
        } else {
            form == Form::Iri && readable(c)
        };
        if raw {
            out.push(c);
        } else {
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// Whether an IRI may show `c` as it is: letters, marks and symbols of any
/// script, not the invisible characters (spaces, controls, bidi controls
/// and marks, joiners, private use, noncharacters) that would make an
/// address look like another or fail to parse.
fn readable(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
            | '\u{E000}'..='\u{F8FF}' | '\u{FDD0}'..='\u{FDEF}' | '\u{FFF0}'..='\u{FFFF}')
        || (c as u32) & 0xFFFE == 0xFFFE
        || (c as u32) >= 0xF0000)
}

/// Percent-encodes text for one query value or `mailto:` field (spaces
/// as `%20`, every reserved character encoded).
pub fn component(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, COMPONENT).to_string()
}

/// What [`component`] encodes: everything but letters, digits and `-._~`
/// (RFC 3986's unreserved characters).
const COMPONENT: &AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[cfg(test)]
mod tests;
