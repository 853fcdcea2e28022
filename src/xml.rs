//! Writing XML documents (feeds, sitemaps, CAP alerts) with quick-xml, so
//! every text and attribute is escaped by the writer, never by hand.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::borrow::Cow;
use std::io;

pub type XmlWriter = Writer<Vec<u8>>;

/// A document with the `<?xml …?>` declaration, indented by two spaces.
pub fn document(body: impl FnOnce(&mut XmlWriter) -> io::Result<()>) -> Vec<u8> {
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
pub fn allowed(text: &str) -> Cow<'_, str> {
    let invalid = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if text.contains(invalid) {
        Cow::Owned(text.chars().filter(|&c| !invalid(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `<name>text</name>`.
pub fn text(w: &mut XmlWriter, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&allowed(text)))?;
    Ok(())
}

/// `<name attr="…">text</name>`.
pub fn text_with(
    w: &mut XmlWriter,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    let attrs = allowed_attributes(attrs);
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_ref())))
        .write_text_content(BytesText::new(&allowed(text)))?;
    Ok(())
}

/// `<name attr="…"/>`.
pub fn empty(w: &mut XmlWriter, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    let attrs = allowed_attributes(attrs);
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_ref())))
        .write_empty()?;
    Ok(())
}

/// Attribute values with what XML cannot hold dropped (see [`allowed`]).
fn allowed_attributes<'a>(attrs: &[(&'a str, &'a str)]) -> Vec<(&'a str, Cow<'a, str>)> {
    attrs.iter().map(|&(k, v)| (k, allowed(v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
