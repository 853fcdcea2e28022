//! Broken YAML explained in an author's words.
//!
//! The parser's own sentences ("mapping values are not allowed in this
//! context", "did not find expected key") never reach an author: every
//! syntax error goes through [`syntax`], which looks at the text around the
//! place the parser stopped, recognises the usual mistakes (a tab, a line
//! indented wrongly, an unquoted `: `, a quote or bracket left open, a field
//! written twice) and says what is wrong and how to write it instead, at the
//! line the author has to change. Anything it does not recognise gets a
//! general sentence of its own, never the parser's.

use crate::diagnostics::Position;

/// What to tell the author about one syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Explained {
    pub position: Position,
    pub message: String,
    pub hint: String,
}

/// The construct the parser was inside when it stopped ("while scanning a
/// quoted scalar at line 1 column 8"): its kind and where it starts.
pub(super) struct Context<'a> {
    pub construct: &'a str,
    pub line: usize,
    pub column: usize,
}

/// Explains a syntax error the parser reported as `raw` at `at` (1-based
/// line and column in `text`), inside `context` when it gave one. Hints
/// name other lines as the author sees them: `text` starts on file line
/// `first_line`.
pub(super) fn syntax(
    text: &str,
    raw: &str,
    at: Position,
    context: Option<Context<'_>>,
    first_line: usize,
) -> Explained {
    let lines: Vec<&str> = text.lines().collect();
    let shown = |line: usize| line + first_line.max(1) - 1;
    if let Some(found) = tab_indentation(&lines, at.line) {
        return found;
    }
    if let Some(found) = context.as_ref().and_then(|c| unclosed(&lines, c)) {
        return found;
    }
    if let Some(field) = raw
        .split_once("duplicate field `")
        .and_then(|(_, r)| r.split('`').next())
    {
        return duplicate(&lines, field, at, &shown);
    }
    let line = lines.get(at.line.wrapping_sub(1)).copied().unwrap_or("");
    if raw.starts_with("mapping values are not allowed") {
        return colon_or_indent(&lines, line, at, &shown);
    }
    if raw.contains("more than one document") {
        return second_document(&lines);
    }
    if raw.starts_with("did not find expected key")
        && let Some(found) = text_after_quote(line, at)
    {
        return found;
    }
    if raw.starts_with("did not find expected key")
        || raw.starts_with("did not find expected '-' indicator")
        || raw.contains("block collection")
        || raw.contains("block mapping")
    {
        return indentation(&lines, at.line, &shown);
    }
    if raw.starts_with("could not find expected ':'") {
        let line_number = context.as_ref().map_or(at.line, |c| c.line);
        return not_a_field(&lines, line_number);
    }
    let character = line.chars().nth(at.column.saturating_sub(1));
    if let Some(c @ ('@' | '`' | '%' | '|' | '>' | '!' | '&' | '*')) = character {
        return Explained {
            position: Position::new(at.line, at.column, 1),
            message: format!("a value cannot start with `{c}` unless it is in quotes"),
            hint: quote_hint(line),
        };
    }
    Explained {
        position: Position::new(at.line.max(1), at.column.max(1), 1),
        message: "this line cannot be read as `field: value`".to_string(),
        hint: "write one `field: value` per line, indent with spaces, and put values that \
               contain `: `, `#`, quotes or brackets in quotes"
            .to_string(),
    }
}

/// A tab in the indentation of any line up to the error (YAML allows only
/// spaces there, and the parser often stops a line or two later).
fn tab_indentation(lines: &[&str], upto: usize) -> Option<Explained> {
    let (index, line) = lines.iter().enumerate().take(upto.max(1)).find(|(_, l)| {
        l.chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| c == '\t')
    })?;
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    let tab = line.chars().position(|c| c == '\t').unwrap_or(0);
    Some(Explained {
        position: Position::new(index + 1, tab + 1, indent - tab),
        message: "this line is indented with a tab; front matter must be indented with spaces"
            .to_string(),
        hint: "replace the tab at the start of the line with spaces (two spaces per level, the \
               same number as the lines it belongs with)"
            .to_string(),
    })
}

/// A quote or bracket opened in `context` and never closed.
fn unclosed(lines: &[&str], context: &Context<'_>) -> Option<Explained> {
    let line = lines.get(context.line.checked_sub(1)?)?;
    let opener = line.chars().nth(context.column.checked_sub(1)?)?;
    let closer = match (context.construct, opener) {
        (c, '"' | '\'') if c.contains("quoted") => opener,
        (c, '[') if c.contains("list") => ']',
        (c, '{') if c.contains("mapping") => '}',
        _ => return None,
    };
    let rest: String = line.chars().skip(context.column - 1).collect();
    let key = line[..line.len() - rest.len()].trim_end();
    let (what, fixed) = match closer {
        ']' => ("list", format!("{key} {}]", rest.trim_end())),
        '}' => ("group of fields", format!("{key} {}}}", rest.trim_end())),
        q => ("text", format!("{key} {}{q}", rest.trim_end())),
    };
    let position = Position::new(context.line, context.column, 1);
    if !rest[opener.len_utf8()..].contains(closer) {
        return Some(Explained {
            position,
            message: format!(
                "this {what} opens with `{opener}` but is never closed with `{closer}`"
            ),
            hint: format!(
                "end it on the same line with `{closer}`, e.g. `{}`",
                fixed.trim()
            ),
        });
    }
    // Closed, but something inside cannot be read.
    let (message, hint) = match opener {
        '"' => (
            "this text in double quotes has a `\\` that YAML reads as the start of a special character".to_string(),
            format!("use single quotes instead: `{key} '{}'`", rest.trim_end().trim_matches('"')),
        ),
        _ => (
            format!("something inside this {what} cannot be read"),
            format!("put each item that contains `[`, `]`, `{{`, `}}`, `,` or `: ` in quotes, e.g. `{key} [\"a, b\", c]`"),
        ),
    };
    Some(Explained {
        position,
        message,
        hint,
    })
}

/// A `: ` inside an unquoted value, or a line indented under a field that
/// already has a value (both read by the parser as a misplaced mapping).
fn colon_or_indent(
    lines: &[&str],
    line: &str,
    at: Position,
    shown: &dyn Fn(usize) -> usize,
) -> Explained {
    let indent = line.len() - line.trim_start().len();
    let first_colon = line[indent..]
        .find(": ")
        .or_else(|| line[indent..].strip_suffix(':').map(str::len))
        .map(|i| indent + i);
    let error_byte = line
        .char_indices()
        .nth(at.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    match first_colon {
        Some(colon) if error_byte > colon => {
            let value_start =
                colon + 1 + line[colon + 1..].len() - line[colon + 1..].trim_start().len();
            let column = line[..value_start].chars().count() + 1;
            let value = line[value_start..].trim_end();
            Explained {
                position: Position::new(at.line, column, value.chars().count().max(1)),
                message: "this value contains `: `, which YAML reads as the start of another field"
                    .to_string(),
                hint: format!(
                    "put the whole value in quotes: `{}`",
                    quoted(line[..colon + 1].trim_start(), value)
                ),
            }
        }
        _ => indentation(lines, at.line, shown),
    }
}

/// A line whose indentation matches none of the fields above it.
fn indentation(lines: &[&str], line_number: usize, shown: &dyn Fn(usize) -> usize) -> Explained {
    let line = lines
        .get(line_number.wrapping_sub(1))
        .copied()
        .unwrap_or("");
    let indent = line.len() - line.trim_start().len();
    let key = line.trim_start().trim_start_matches("- ");
    let key = key.split(':').next().unwrap_or("").trim();
    // The field above it that starts nearest to its column is most likely
    // the one it belongs with.
    let nearest = lines[..line_number.saturating_sub(1).min(lines.len())]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| key_column(l).map(|(column, name)| (i + 1, column, name)))
        .min_by_key(|&(i, column, _)| (column.abs_diff(indent), usize::MAX - i))
        .map(|(i, column, name)| (shown(i), column, name));
    let hint = match nearest {
        Some((number, 0, name)) => format!(
            "start `{key}` at the very beginning of the line, like `{name}` on line {number} \
             (or, if it continues the value above, put that whole value in quotes on one line)"
        ),
        Some((number, column, name)) => format!(
            "start `{key}` with exactly the spaces of the field it belongs with (probably {column} {}, like `{name}` on line {number})",
            if column == 1 { "space" } else { "spaces" }
        ),
        None => "remove the spaces at the start of this line".to_string(),
    };
    Explained {
        position: Position::new(line_number.max(1), 1, indent.max(1)),
        message: "this line is indented differently from the fields above it".to_string(),
        hint,
    }
}

/// Where a `key:` starts on a line (after any `- `), and the key.
fn key_column(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let mut column = line.len() - trimmed.len();
    let mut rest = trimmed;
    while let Some(after) = rest.strip_prefix("- ") {
        column += 2;
        rest = after;
    }
    let name = rest.split(':').next()?;
    let is_key = !name.is_empty()
        && rest.len() > name.len()
        && !name.contains(' ')
        && !name.starts_with(['#', '"', '\'']);
    is_key.then_some((column, name))
}

/// A line in the middle of the fields that is not `field: value`.
fn not_a_field(lines: &[&str], line_number: usize) -> Explained {
    let line = lines
        .get(line_number.wrapping_sub(1))
        .copied()
        .unwrap_or("");
    let indent = line.len() - line.trim_start().len();
    Explained {
        position: Position::new(
            line_number.max(1),
            indent + 1,
            line.trim().chars().count().max(1),
        ),
        message: "this line is not a `field: value` line".to_string(),
        hint: "add `: ` between the field name and its value; if this line is the page's text, \
               close the front matter with a line `---` above it"
            .to_string(),
    }
}

/// A field written twice in one mapping: the second one is reported.
fn duplicate(
    lines: &[&str],
    field: &str,
    at: Position,
    shown: &dyn Fn(usize) -> usize,
) -> Explained {
    let start = at.line.saturating_sub(1);
    let indent = at.column.saturating_sub(1);
    let mut places = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(start) {
        let Some((column, name)) = key_column(line) else {
            continue;
        };
        if i > start && column < indent {
            break;
        }
        if column == indent && name == field {
            places.push((i + 1, column + 1));
        }
    }
    let (first, second) = match places.as_slice() {
        [first, second, ..] => (*first, *second),
        _ => ((at.line, at.column), (at.line, at.column)),
    };
    Explained {
        position: Position::new(second.0, second.1, field.chars().count().max(1)),
        message: format!("`{field}` is written twice"),
        hint: format!(
            "keep one `{field}:` line and delete the other (the first is on line {})",
            shown(first.0)
        ),
    }
}

/// `title: "A" b` or `title: 'it's'`: more text after a closing quote.
fn text_after_quote(line: &str, at: Position) -> Option<Explained> {
    let (key, value) = line.split_once(": ")?;
    let value = value.trim();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let column = key.chars().count() + 3;
    if at.column <= column {
        return None;
    }
    let key = format!("{}:", key.trim());
    let fixed = if quote == '\'' && value.ends_with('\'') && value.len() > 1 {
        // `'it's'`: the apostrophe ended the text; double quotes hold it.
        quoted(&key, &value[1..value.len() - 1])
    } else {
        quoted(&key, value)
    };
    Some(Explained {
        position: Position::new(at.line, column, value.chars().count()),
        message: format!("this value goes on after its closing `{quote}`"),
        hint: format!("quote the whole value once: `{fixed}`"),
    })
}

/// A settings file with a `---` line in the middle.
fn second_document(lines: &[&str]) -> Explained {
    let line = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "---")
        .map_or(1, |i| i + 2);
    Explained {
        position: Position::new(line, 1, 3),
        message: "this `---` line starts a second block of settings, which this file cannot have"
            .to_string(),
        hint: "delete the `---` line".to_string(),
    }
}

fn quote_hint(line: &str) -> String {
    match line.split_once(": ") {
        Some((key, value)) => format!(
            "put the value in quotes: `{}`",
            quoted(&format!("{}:", key.trim()), value.trim())
        ),
        None => "put the value in quotes".to_string(),
    }
}

/// `key: "value"`, with single quotes when the value holds double ones.
fn quoted(key: &str, value: &str) -> String {
    if value.contains('"') {
        format!("{key} '{}'", value.replace('\'', "''"))
    } else {
        format!("{key} \"{}\"", value.replace('\\', "\\\\"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain(text: &str, raw: &str, line: usize, column: usize) -> Explained {
        syntax(text, raw, Position::new(line, column, 1), None, 1)
    }

    #[test]
    fn an_unquoted_colon_is_quoted_in_the_hint() {
        let e = explain(
            "title: Asthma: what to know\n",
            "mapping values are not allowed in this context",
            1,
            14,
        );
        assert_eq!(e.position, Position::new(1, 8, 20));
        assert_eq!(
            e.hint,
            "put the whole value in quotes: `title: \"Asthma: what to know\"`"
        );
        let e = explain(
            "title: Say \"no\": always\n",
            "mapping values are not allowed in this context",
            1,
            16,
        );
        assert_eq!(
            e.hint,
            "put the whole value in quotes: `title: 'Say \"no\": always'`"
        );
    }

    #[test]
    fn indentation_points_at_the_line_and_the_field_it_belongs_with() {
        let text = "reviewers:\n  - name: Ana\n   credentials: MD\n";
        let e = explain(text, "did not find expected '-' indicator", 3, 4);
        assert_eq!(e.position, Position::new(3, 1, 3));
        assert!(
            e.hint.contains("probably 4 spaces, like `name` on line 2"),
            "{e:?}"
        );
    }

    #[test]
    fn a_tab_anywhere_before_the_error_is_the_error() {
        let e = explain(
            "a: 1\nb:\n\t- x\n",
            "found character that cannot start any token",
            3,
            1,
        );
        assert_eq!(e.position, Position::new(3, 1, 1));
        assert!(e.message.contains("tab"));
    }

    #[test]
    fn the_second_of_two_equal_fields_is_reported() {
        let text = "title: A\ndate: 1\ntitle: B\n";
        let e = explain(text, "duplicate field `title`", 1, 1);
        assert_eq!(e.position, Position::new(3, 1, 5));
        assert!(e.hint.contains("line 1"));
        // Below a `---` line, the first `title` is on line 2 of the file.
        let e = syntax(
            text,
            "duplicate field `title`",
            Position::new(1, 1, 1),
            None,
            2,
        );
        assert!(e.hint.contains("line 2"), "{e:?}");
    }

    #[test]
    fn text_after_a_closing_quote_is_quoted_once() {
        let e = explain("title: 'it's'\n", "did not find expected key", 1, 12);
        assert_eq!(e.position, Position::new(1, 8, 6));
        assert_eq!(e.hint, "quote the whole value once: `title: \"it's\"`");
        let e = explain("title: \"A\" b\n", "did not find expected key", 1, 12);
        assert_eq!(e.hint, "quote the whole value once: `title: '\"A\" b'`");
    }

    #[test]
    fn a_field_twice_inside_a_list_item_is_found() {
        let text = "reviewers:\n  - name: A\n    name: B\n";
        let e = explain(text, "reviewers[0]: duplicate field `name`", 2, 5);
        assert_eq!(e.position, Position::new(3, 5, 4));
    }

    /// Phrases of the YAML reader that must never reach an author.
    const PARSER_WORDS: [&str; 9] = [
        "mapping values",
        "did not find",
        "could not find",
        "found character",
        "found unexpected",
        "while parsing",
        "while scanning",
        "end of stream",
        "scalar",
    ];

    proptest::proptest! {
        /// Any text made of the pieces that break YAML gets Pamphlet's
        /// words, at a line and column inside the text.
        #[test]
        fn any_broken_text_is_explained_in_own_words(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "title", "tags", ": ", ":", " ", "  ", "\t", "\n", "- ", "\"", "'", "[", "]",
                "{", "}", ",", "#", "@", "`", "|", ">", "&a", "*a", "!x", "%", "\\", "a b",
            ]), 1..40)
        ) {
            let text: String = pieces.concat();
            // Only texts that do break count as cases (proptest fails if too
            // few are), so every case checks an explanation.
            let parsed = crate::yaml::parse::<serde_json::Value>(&text);
            proptest::prop_assume!(parsed.is_err());
            let e = parsed.unwrap_err();
            let hint = e.hint.clone().unwrap_or_default();
            for words in PARSER_WORDS {
                proptest::prop_assert!(!e.message.contains(words), "{:?}: {:?}", text, e);
                proptest::prop_assert!(!hint.contains(words), "{:?}: {:?}", text, e);
            }
            let lines = text.lines().count().max(1);
            proptest::prop_assert!(e.position.line >= 1 && e.position.line <= lines, "{:?}: {:?}", text, e);
            proptest::prop_assert!(e.position.column >= 1, "{:?}: {:?}", text, e);
        }
    }

    #[test]
    fn unrecognised_problems_never_use_the_parser_words() {
        let e = explain("a: b\n", "some new libyaml sentence", 1, 3);
        assert!(!e.message.contains("libyaml") && !e.hint.contains("libyaml"));
    }
}
