//! Escaping text for the documents Pamphlet writes: HTML content and
//! quoted attributes (the theme's escaping, isolating bidirectional
//! controls), and JSON placed inside a `<script>` element.
//!
//! A leaf: every stage that writes markup escapes it the same way, and none
//! has to depend on the renderer (or another stage) for it.

use serde::Serialize;

/// Escapes text for HTML content or a quoted attribute.
pub(crate) fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_attribute_into(&mut out, text);
    out
}

/// The theme's escaping: HTML-escaped, and isolated when the value holds
/// bidirectional controls (see [`crate::bidi_controls`]), so no value can
/// reorder the page around it, whichever template shows it.
pub(crate) fn escape_isolated(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    pulldown_cmark_escape::escape_html(
        pulldown_cmark_escape::IoWriter(out),
        &crate::bidi_controls::isolate(input),
    )
}

/// [`escape_attribute`], appended to `out`; isolated like template values.
pub(crate) fn escape_attribute_into(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, &crate::bidi_controls::isolate(text));
}

/// JSON that cannot end a `<script>` element or open an HTML comment.
pub(crate) fn script_safe(value: &impl Serialize) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    // Most pages have nothing to escape. U+2028 and U+2029 are E2 80 A8
    // and E2 80 A9 in UTF-8; other characters starting with E2 (dashes,
    // curly quotes) are common in prose and need nothing.
    let needs_escape = |bytes: &[u8]| {
        bytes.iter().enumerate().any(|(i, &b)| match b {
            b'<' | b'>' | b'&' => true,
            0xE2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])),
            _ => false,
        })
    };
    if !needs_escape(text.as_bytes()) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        super::escape_isolated(text, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    proptest! {
        /// Without bidi controls, the theme's escaping is tera's, byte for byte.
        #[test]
        fn escaping_matches_tera(text in "[a-z&<>\"'/ é\\n]{0,40}") {
            let mut tera = Vec::new();
            tera::escape_html(&text, &mut tera).unwrap();
            let tera = String::from_utf8(tera).unwrap();
            prop_assert_eq!(escaped(&text), tera.clone());
            prop_assert_eq!(super::escape_attribute(&text), tera);
        }
    }

    #[test]
    fn values_with_bidi_controls_are_isolated_then_escaped() {
        assert_eq!(
            escaped("a\u{202E}<b>"),
            "\u{2068}a\u{202E}&lt;b&gt;\u{202C}\u{2069}"
        );
    }

    #[test]
    fn script_safe_json_cannot_close_the_script() {
        let text = script_safe(&json!({ "name": "</script><script>alert(1)</script> & <!--" }));
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & <!--");
    }

    #[test]
    fn line_separators_are_escaped_and_other_punctuation_kept() {
        let text = script_safe(&json!({ "name": "a\u{2028}b\u{2029}c – “d”" }));
        assert_eq!(text, r#"{"name":"a\u2028b\u2029c – “d”"}"#);
    }
}
