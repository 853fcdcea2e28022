//! The only module that talks to the YAML library.
//!
//! serde_yaml is unmaintained upstream, so everything else in Pamphlet goes
//! through these few functions: parse a YAML text into a typed value while
//! collecting the keys the type does not know, and find where a key sits in
//! the text so diagnostics can point at it. Swapping the YAML crate means
//! changing this file only.

use crate::diagnostics::Position;

mod explain;
mod lenient;
mod locate;
mod scalar;
pub(crate) mod shapes;
pub(crate) use lenient::{Lenient, parse_lenient};
pub(crate) use locate::{Locator, locate};
pub use scalar::Scalar;
use serde::de::DeserializeOwned;

/// A YAML text that could not be read into the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// Where the problem is, relative to the start of the YAML text.
    pub position: Position,
    /// Plain-words description, without the position.
    pub message: String,
    /// True for broken YAML syntax, false for a value of the wrong shape.
    pub is_syntax: bool,
    /// How to write it instead, when the problem is recognised.
    pub hint: Option<String>,
}

/// One step in the path to a key: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A key present in the text that the target type does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub path: Vec<Segment>,
    pub position: Position,
}

impl UnknownKey {
    /// The unknown key itself (last path segment).
    pub fn name(&self) -> &str {
        match self.path.last() {
            Some(Segment::Key(k)) => k,
            _ => "",
        }
    }

    /// The key of the mapping that contains the unknown key ("" at top level),
    /// skipping list indices: `reviewers.0.nmae` → `reviewers`.
    pub fn parent_key(&self) -> &str {
        self.path[..self.path.len().saturating_sub(1)]
            .iter()
            .rev()
            .find_map(|s| match s {
                Segment::Key(k) => Some(k.as_str()),
                Segment::Index(_) => None,
            })
            .unwrap_or("")
    }

    /// Dotted form for messages: `reviewers[0].nmae`.
    pub fn dotted(&self) -> String {
        dotted(&self.path)
    }
}

/// Dotted form of a path for messages: `reviewers[0].nmae`.
pub(crate) fn dotted(path: &[Segment]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Segment::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Segment::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Marks a message Pamphlet's own `Deserialize` code writes, so it reaches
/// the author as written (everything else the parser says is reworded).
const OWN_WORDS: char = '\u{1}';

/// An error for a `Deserialize` implementation to return, shown as written.
pub(crate) fn own_words<E: serde::de::Error>(message: impl std::fmt::Display) -> E {
    E::custom(format!("{OWN_WORDS}{message}"))
}

/// Parses `text` into `T`, returning the value and every key `T` ignored.
/// An empty text is read as an empty mapping.
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<UnknownKey>), YamlError> {
    parse_from(text, 1)
}

/// [`parse`] for a text that starts on line `first_line` of its file (a
/// front matter): hints that name other lines name them as the file does.
pub(crate) fn parse_from<T: DeserializeOwned>(
    text: &str,
    first_line: usize,
) -> Result<(T, Vec<UnknownKey>), YamlError> {
    let source = if text.trim().is_empty() { "{}" } else { text };
    let deserializer = serde_yaml::Deserializer::from_str(source);
    let mut ignored = Vec::new();
    let value: T = serde_ignored::deserialize(deserializer, |path| ignored.push(segments(&path)))
        .map_err(|e| to_error(text, e, first_line))?;
    if ignored.is_empty() {
        return Ok((value, Vec::new()));
    }
    let locator = Locator::new(text);
    let unknown = ignored
        .into_iter()
        .map(|path| {
            let position = locator.locate(&path).unwrap_or_else(Position::start);
            UnknownKey { path, position }
        })
        .collect();
    Ok((value, unknown))
}

/// Writes a JSON value as YAML text (for generated configuration files,
/// such as the CMS's `config.yml`). Mapping keys keep their order.
pub(crate) fn to_text(value: &serde_json::Value) -> String {
    // A JSON value always has a YAML form; the fallback is never taken.
    serde_yaml::to_string(value).unwrap_or_default()
}

/// Parses a free-form YAML text into JSON values (for `extra:`-like data
/// and i18n string files).
pub(crate) fn parse_value(text: &str) -> Result<serde_json::Value, YamlError> {
    parse::<serde_json::Value>(text).map(|(v, _)| v)
}

fn segments(path: &serde_ignored::Path<'_>) -> Vec<Segment> {
    use serde_ignored::Path;
    let mut out = match path {
        Path::Root => return Vec::new(),
        Path::Seq { parent, .. }
        | Path::Map { parent, .. }
        | Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => segments(parent),
    };
    match path {
        Path::Seq { index, .. } => out.push(Segment::Index(*index)),
        Path::Map { key, .. } => out.push(Segment::Key(key.clone())),
        _ => {}
    }
    out
}

fn to_error(text: &str, error: serde_yaml::Error, first_line: usize) -> YamlError {
    let at = error
        .location()
        .map(|l| Position::new(l.line(), l.column(), 1))
        .unwrap_or_else(Position::start);
    let raw = error.to_string();
    // serde_yaml appends " at line X column Y"; we report the position separately.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    if let Some(i) = message.find(OWN_WORDS) {
        let field = message[..i].trim_end_matches([':', ' ']).trim_matches('"');
        let own = &message[i + OWN_WORDS.len_utf8()..];
        return YamlError {
            position: value_position(text, at),
            message: if field.is_empty() {
                own.to_string()
            } else {
                format!("`{field}`: {own}")
            },
            is_syntax: false,
            hint: None,
        };
    }
    let is_syntax = !message.contains("invalid type")
        && !message.contains("invalid value")
        && !message.contains("unknown variant")
        && !message.contains("missing field");
    if is_syntax {
        // The parser's sentence is only read here, never shown.
        let context = while_parsing(&raw);
        let context = context
            .as_ref()
            .map(|(construct, line, column)| explain::Context {
                construct,
                line: *line,
                column: *column,
            });
        let explained = explain::syntax(text, &message, at, context, first_line);
        return YamlError {
            position: within(text, explained.position),
            message: explained.message,
            is_syntax,
            hint: Some(explained.hint),
        };
    }
    let position = value_position(text, at);
    let written = value_text(text, position);
    let (message, hint) = plain_words(&message, written.as_deref());
    YamlError {
        position,
        message,
        is_syntax,
        hint,
    }
}

/// Where the construct the parser was inside starts ("…, while parsing a
/// flow sequence at line 2 column 12"): the opening bracket or quote is
/// where the author has to look, not the end of the text.
fn while_parsing(raw: &str) -> Option<(String, usize, usize)> {
    let start = raw
        .find(", while parsing ")
        .or_else(|| raw.find(", while scanning "))?;
    let rest = raw[start + ", while ".len()..].split_once(' ')?.1;
    let (construct, place) = rest.split_once(" at line ")?;
    let (line, column) = place.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    let construct = construct.trim_start_matches("a ").trim_start_matches("an ");
    let construct = construct
        .replace("quoted scalar", "quoted text")
        .replace("flow sequence", "list")
        .replace("flow mapping", "mapping")
        .replace("block mapping", "mapping");
    Some((construct, line.trim().parse().ok()?, column.parse().ok()?))
}

/// `position` moved inside `text`: the parser reports a text that ends too
/// early one line past its end, where no editor can show it.
fn within(text: &str, position: Position) -> Position {
    let lines = text.lines().count().max(1);
    if position.line <= lines {
        return position;
    }
    let last = text.lines().last().unwrap_or("");
    Position::new(lines, last.chars().count().max(1), 1)
}

/// Underlines the whole value a type error points at, not just its first character.
fn value_position(text: &str, position: Position) -> Position {
    let Some(line) = text.lines().nth(position.line - 1) else {
        return position;
    };
    let rest: String = line.chars().skip(position.column - 1).collect();
    let length = rest.trim_end().chars().count().max(1);
    Position::new(position.line, position.column, length)
}

/// Rewords serde's messages ("invalid type: sequence, expected a string")
/// into what an author understands, with the fix when there is one.
fn plain_words(message: &str, written: Option<&str>) -> (String, Option<String>) {
    let (field, rest) = match message.split_once(": ") {
        Some((f, r)) if !f.contains(' ') && !f.is_empty() => (Some(f.trim_matches('"')), r),
        _ => (None, message),
    };
    let mut hint = None;
    let rest = if let Some(body) = rest.strip_prefix("invalid type: ") {
        match body.split_once(", expected ") {
            Some((found, expected)) => {
                hint = value_hint(field.unwrap_or("field"), found, expected, written);
                if found.starts_with("string ") && expected.contains("sequence") {
                    return (
                        format!(
                            "`{}` must be a list, but this is one text",
                            field.unwrap_or("this field")
                        ),
                        hint,
                    );
                }
                format!(
                    "expected {}, found {}",
                    describe_expected(expected),
                    describe_found(found)
                )
            }
            None => body.to_string(),
        }
    } else if let Some(body) = rest.strip_prefix("unknown variant ") {
        match body.split_once(", expected ") {
            Some((found, expected)) => {
                format!("{found} is not one of the allowed values ({expected})")
            }
            None => body.to_string(),
        }
    } else {
        rest.to_string()
    };
    let message = match field {
        Some(f) => format!("`{f}`: {rest}"),
        None => rest,
    };
    (message, hint)
}

/// The value as written at `position` (the rest of its line), if any.
fn value_text(text: &str, position: Position) -> Option<String> {
    let line = text.lines().nth(position.line.checked_sub(1)?)?;
    let value: String = line.chars().skip(position.column - 1).collect();
    Some(value.trim_end().to_string()).filter(|v| !v.is_empty())
}

/// The fix for a value of the wrong kind, written out with the author's own value.
fn value_hint(field: &str, found: &str, expected: &str, written: Option<&str>) -> Option<String> {
    let name = field.rsplit(['.', ']']).next().unwrap_or(field);
    if let (Some(text), true) = (found.strip_prefix("string "), expected.contains("sequence")) {
        // `tags: asthma, lungs` is one text, not a list.
        let items: Vec<&str> = text
            .trim_matches('"')
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        return Some(format!(
            "a list is written in brackets: `{name}: [{}]`",
            items.join(", ")
        ));
    }
    match expected {
        "a boolean" => Some(format!("write `{name}: true` or `{name}: false`")),
        "i64" | "u64" | "i32" | "u32" | "usize" => Some(format!(
            "write a whole number without quotes, e.g. `{name}: 10`"
        )),
        "a string" | "a single value (text or a number)" => {
            let written = written.filter(|w| w.starts_with(['[', '{']))?;
            if field.ends_with(']') {
                // An item of a list: the item is what needs quotes.
                return Some(format!(
                    "an item starting with `[` or `{{` must be in quotes: `\"{}\"`",
                    written.trim_end_matches([']', ',', ' ']).replace('"', "'")
                        + if written.starts_with('[') { "]" } else { "" }
                ));
            }
            Some(format!(
                "a text starting with `[` or `{{` must be in quotes: `{name}: \"{}\"`",
                written.replace('"', "'")
            ))
        }
        _ => None,
    }
}

fn describe_expected(expected: &str) -> String {
    match expected {
        "a sequence" => "a list".into(),
        "a string" => "text".into(),
        "a boolean" => "`true` or `false`".into(),
        "i64" | "u64" | "i32" | "u32" | "usize" => "a whole number".into(),
        other if other.starts_with("struct ") => "fields written `name: value` below it".into(),
        other => other.to_string(),
    }
}

fn describe_found(found: &str) -> String {
    match found {
        "sequence" => "a list".into(),
        "map" => "a mapping (key: value pairs)".into(),
        "unit value" => "nothing".into(),
        other => match other.strip_prefix("string ") {
            Some(text) => format!("the text {text}"),
            None => other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Person {
        #[allow(dead_code)]
        name: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    struct Doc {
        title: Option<String>,
        #[serde(default)]
        reviewers: Vec<Person>,
    }

    #[test]
    fn reports_unknown_keys_with_their_position() {
        let text = "title: A\nreviewers:\n  - name: X\n  - name: Y\n    nmae: Z\nreviewrs: []\n";
        let (doc, unknown): (Doc, _) = parse(text).unwrap();
        assert_eq!(doc.title.as_deref(), Some("A"));
        assert_eq!(doc.reviewers.len(), 2);
        let found: Vec<_> = unknown.iter().map(|u| (u.dotted(), u.position)).collect();
        assert_eq!(
            found,
            [
                ("reviewers[1].nmae".to_string(), Position::new(5, 5, 4)),
                ("reviewrs".to_string(), Position::new(6, 1, 8)),
            ]
        );
        assert_eq!(unknown[0].parent_key(), "reviewers");
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse::<Doc>("reviewers: []\ntitle: \"A\n").unwrap_err();
        assert!(err.is_syntax, "{err:?}");
        assert_eq!(err.position, Position::new(2, 8, 1), "{err:?}");
        assert_eq!(
            err.message,
            "this text opens with `\"` but is never closed with `\"`"
        );
        let err = parse::<Doc>("title: A\nlist: [1, 2\n").unwrap_err();
        assert_eq!(err.position, Position::new(2, 7, 1), "{err:?}");
        assert_eq!(
            err.hint.as_deref(),
            Some("end it on the same line with `]`, e.g. `list: [1, 2]`")
        );
    }

    /// Whatever the parser says, the author reads Pamphlet's words: none of
    /// libyaml's phrases ever pass through, for any broken text.
    #[test]
    fn the_parser_words_never_reach_the_author() {
        const PARSER_WORDS: [&str; 8] = [
            "mapping values",
            "did not find",
            "could not find",
            "found character",
            "while parsing",
            "while scanning",
            "end of stream",
            "block ",
        ];
        let broken = [
            "a: b: c\n",
            "a:\n\t- b\n",
            "a:\n  - b\n   c: d\n",
            "a: [b\n",
            "a: {b: c\n",
            "a: \"b\n",
            "a: 'b\n",
            "a: b\na: c\n",
            "a: @b\n",
            "a: `b`\n",
            "- a\nb: c\n",
            "a: b\n  c: d\n",
            "a: |\n b\nc\n",
            "a: *x\n",
            "? a\n",
            "a: !!int b\n",
            "%YAML 3\n---\na: b\n",
        ];
        let mut failed = 0;
        for text in broken {
            let Err(err) = parse::<serde_json::Value>(text) else {
                continue;
            };
            failed += 1;
            let hint = err.hint.clone().unwrap_or_default();
            for words in PARSER_WORDS {
                assert!(
                    !err.message.contains(words) && !hint.contains(words),
                    "{text:?}: {err:?}"
                );
            }
            assert!(
                err.position.line >= 1 && err.position.column >= 1,
                "{text:?}"
            );
        }
        assert!(failed >= 12, "the texts above are meant to be broken");
    }

    #[test]
    fn type_errors_are_in_plain_words() {
        let err = parse::<Doc>("title: [a, b]\n").unwrap_err();
        assert!(!err.is_syntax);
        assert_eq!(err.message, "`title`: expected text, found a list");
        assert_eq!(err.position.line, 1);
    }

    #[test]
    fn locates_keys_inside_flow_mappings() {
        let text = "languages:\n  en: { name: English, nmae: x }\n";
        let path = [
            Segment::Key("languages".into()),
            Segment::Key("en".into()),
            Segment::Key("nmae".into()),
        ];
        assert_eq!(locate(text, &path), Some(Position::new(2, 24, 4)));
    }

    #[test]
    fn an_empty_key_does_not_hang_the_locator() {
        // Found by fuzzing: the key here is empty, and searching for "" never advanced.
        let (_, unknown) = parse::<Doc>("&e: 2001)7-120\n").unwrap();
        assert!(unknown.iter().all(|u| u.position.line >= 1));
        assert_eq!(locate("a: 1\n", &[Segment::Key(String::new())]), None);
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let (doc, unknown): (Doc, _) = parse("  \n").unwrap();
        assert!(doc.title.is_none() && unknown.is_empty());
    }
}
