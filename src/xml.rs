//! Writing XML documents (feeds, sitemaps, CAP alerts) with quick-xml, so
//! every text and attribute is escaped by the writer, never by hand.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::borrow::Cow;
use std::io;

pub(crate) type XmlWriter = Writer<Vec<u8>>;

/// A document with the `<?xml …?>` declaration, indented by two spaces.
pub(crate) fn document(body: impl FnOnce(&mut XmlWriter) -> io::Result<()>) -> Vec<u8> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let _ = body(&mut writer);
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    bytes
}

/// `text` without the characters XML 1.0 cannot hold (control characters
/// other than tab and line breaks, U+FFFE, U+FFFF): a feed reader refuses a
/// whole feed for one of them, and no value needs them.
pub(crate) fn allowed(text: &str) -> Cow<'_, str> {
    if has_invalid(text.as_bytes()) {
        Cow::Owned(text.chars().filter(|&c| !invalid(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

fn invalid(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Whether `bytes` (UTF-8) hold a character [`invalid`] refuses. Feeds carry
/// whole pages and every attribute goes through here, so the bytes are
/// looked at in blocks the compiler can check many at a time; only a block
/// with a suspect byte (a control, or the EF that starts U+FFFE and U+FFFF,
/// EF BF BE and EF BF BF) is looked at byte by byte.
fn has_invalid(bytes: &[u8]) -> bool {
    const BLOCK: usize = 64;
    let suspect = |b: u8| ((b < b' ') & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF);
    let invalid_at = |i: usize| match bytes[i] {
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        b => b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r'),
    };
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(false, |seen, &b| seen | suspect(b))
            && (n * BLOCK..n * BLOCK + block.len()).any(invalid_at)
    })
}

/// `<name>text</name>`.
pub(crate) fn text(w: &mut XmlWriter, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&allowed(text)))?;
    Ok(())
}

/// `<name attr="…">text</name>`.
pub(crate) fn text_with(
    w: &mut XmlWriter,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(allowed_attributes(attrs))
        .write_text_content(BytesText::new(&allowed(text)))?;
    Ok(())
}

/// `<name attr="…"/>`.
pub(crate) fn empty(w: &mut XmlWriter, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(allowed_attributes(attrs))
        .write_empty()?;
    Ok(())
}

/// Attribute values with what XML cannot hold dropped (see [`allowed`]).
fn allowed_attributes<'a>(
    attrs: &'a [(&'a str, &'a str)],
) -> impl Iterator<Item = (&'a str, Cow<'a, str>)> + 'a {
    attrs.iter().map(|&(k, v)| (k, allowed(v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_byte_check_agrees_with_the_characters(
            text in "[a\t\n\r\u{0}\u{1f}\u{FFFD}\u{FFFE}\u{FFFF}\u{FF01}é]{0,200}"
        ) {
            prop_assert_eq!(has_invalid(text.as_bytes()), text.chars().any(invalid));
        }
    }

    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        let doc = document(|w| {
            text_with(
                w,
                "a",
                &[("t", "x\u{1}y")],
                "b\u{0}\u{8}\u{b}\u{c}\u{1f}c\u{FFFE}\td",
            )?;
            empty(w, "e", &[("t", "\u{1b}z")])
        });
        let doc = String::from_utf8(doc).unwrap();
        assert!(doc.contains("<a t=\"xy\">bc\td</a>"), "{doc}");
        assert!(doc.contains("<e t=\"z\"/>"), "{doc}");
        let mut reader = quick_xml::Reader::from_str(&doc);
        while !matches!(reader.read_event().unwrap(), Event::Eof) {}
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let doc = document(|w| {
            w.create_element("a")
                .write_inner_content(|w| {
                    text(w, "t", "Salt & <you>")?;
                    empty(w, "l", &[("href", "https://e.org/?a=1&b=\"2\"")])
                })
                .map(|_| ())
        });
        let text = String::from_utf8(doc).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(text.contains("<t>Salt &amp; &lt;you&gt;</t>"), "{text}");
        assert!(
            text.contains("href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\""),
            "{text}"
        );
    }
}
