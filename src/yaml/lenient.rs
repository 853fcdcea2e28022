//! Reading a YAML text so that every wrong value is found in one build.
//!
//! A typed read stops at the first value of the wrong shape. When that
//! happens (and only then: a text without such errors is read once, as
//! before), the top-level entry holding the wrong value is blanked out,
//! line for line so every position stays where it was, and the text is
//! read again, until it reads or nothing is left to blank. Each wrong value
//! is reported at its own place; the fields around it are still read.

use super::{UnknownKey, YamlError, parse_from};
use serde::de::DeserializeOwned;

/// A text read with its wrong values left out.
#[derive(Debug)]
pub(crate) struct Lenient<T> {
    pub value: T,
    pub unknown: Vec<UnknownKey>,
    /// Every value of the wrong shape, in the order found.
    pub invalid: Vec<YamlError>,
    /// The top-level keys whose entries were left out because of them.
    pub left_out: Vec<String>,
}

/// No front matter has this many top-level fields; it bounds the retries.
const MAX_RETRIES: usize = 64;

/// Reads `text` (which starts on file line `first_line`) as `T` like
/// [`super::parse_from`], but reports every value of the wrong shape instead
/// of the first. Broken syntax is still one error (`Err`), and so is a wrong
/// value that cannot be left out.
pub(crate) fn parse_lenient<T: DeserializeOwned>(
    text: &str,
    first_line: usize,
) -> Result<Lenient<T>, YamlError> {
    let mut invalid: Vec<YamlError> = Vec::new();
    let mut left_out = Vec::new();
    let mut current = std::borrow::Cow::Borrowed(text);
    loop {
        match parse_from::<T>(&current, first_line) {
            Ok((value, unknown)) => {
                return Ok(Lenient {
                    value,
                    unknown,
                    invalid,
                    left_out,
                });
            }
            Err(e) if e.is_syntax && invalid.is_empty() => return Err(e),
            Err(e) => {
                // A missing field has no entry to leave out.
                let blankable = !e.is_syntax && !e.message.contains("missing field");
                let blanked = (blankable && invalid.len() < MAX_RETRIES)
                    .then(|| blank_entry(&current, e.position.line))
                    .flatten();
                let first = invalid.first().cloned();
                invalid.push(e);
                match blanked {
                    Some((key, text)) => {
                        left_out.push(key);
                        current = std::borrow::Cow::Owned(text);
                    }
                    None => return Err(first.unwrap_or_else(|| invalid.remove(0))),
                }
            }
        }
    }
}

/// `text` with the top-level entry that holds `line` (1-based) replaced by
/// empty lines, and that entry's key; `None` when there is none.
fn blank_entry(text: &str, line: usize) -> Option<(String, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let is_top_key =
        |l: &str| !l.is_empty() && !l.starts_with([' ', '\t', '#', '-']) && l.trim_end() != "---";
    let start = (0..line.min(lines.len()))
        .rev()
        .find(|&i| is_top_key(lines[i]))?;
    let key = lines[start].split(':').next()?.trim().to_string();
    if key.is_empty() {
        return None;
    }
    let end = (start + 1..lines.len())
        .find(|&i| is_top_key(lines[i]))
        .unwrap_or(lines.len());
    let mut out = String::with_capacity(text.len());
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !(start..end).contains(&i) {
            out.push_str(l);
        }
    }
    Some((key, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Doc {
        title: Option<String>,
        tags: Vec<String>,
        draft: bool,
        weight: Option<i64>,
    }

    #[test]
    fn every_wrong_value_is_reported_at_its_line() {
        let text = "title: [a]\ntags: asthma, lungs\ndraft: maybe\nweight: 3\n";
        let read = parse_lenient::<Doc>(text, 1).unwrap();
        let lines: Vec<_> = read.invalid.iter().map(|e| e.position.line).collect();
        assert_eq!(lines, [1, 2, 3]);
        assert_eq!(read.left_out, ["title", "tags", "draft"]);
        assert_eq!(
            read.value.weight,
            Some(3),
            "the other fields are still read"
        );
        assert_eq!(
            read.invalid[1].hint.as_deref(),
            Some("a list is written in brackets: `tags: [asthma, lungs]`")
        );
    }

    #[test]
    fn nested_values_leave_out_their_top_level_entry() {
        let text = "tags:\n  - a\n  - [b]\nweight: x\n";
        let read = parse_lenient::<Doc>(text, 1).unwrap();
        let lines: Vec<_> = read.invalid.iter().map(|e| e.position.line).collect();
        assert_eq!(lines, [3, 4]);
    }

    #[test]
    fn a_good_text_reads_as_with_parse() {
        let read = parse_lenient::<Doc>("title: T\ntags: [a]\n", 1).unwrap();
        assert!(read.invalid.is_empty() && read.left_out.is_empty());
        assert_eq!(read.value.tags, ["a"]);
        assert!(
            parse_lenient::<Doc>("title: \"T\n", 1)
                .unwrap_err()
                .is_syntax
        );
    }
}
