//! Writing XML documents (feeds, sitemaps, CAP alerts) with quick-xml, so
//! every text and attribute is escaped by the writer, never by hand.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
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

/// `<name>text</name>`.
pub fn text(w: &mut XmlWriter, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// `<name attr="…">text</name>`.
pub fn text_with(
    w: &mut XmlWriter,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// `<name attr="…"/>`.
pub fn empty(w: &mut XmlWriter, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_empty()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
