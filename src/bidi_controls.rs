//! Unicode bidirectional controls that reorder text: the embeddings and
//! overrides LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and the isolates LRI,
//! RLI, FSI, PDI (U+2066–U+2069). Text can use them to look like something
//! it is not ("Trojan Source"), and an unclosed one reorders whatever a
//! page shows after it (the reviewer's name, the next list item).
//!
//! Legitimate right-to-left writing needs none of them: Arabic and Hebrew
//! letters carry their direction, and the marks LRM, RLM and ALM
//! (U+200E, U+200F, U+061C) only nudge neutral characters, so those marks
//! are left alone.
//!
//! Two things live here: [`find_in_source`], which the readers of front
//! matter use to warn at the exact line and column (`text/bidi-control`),
//! and [`isolate`], which every escaped HTML value passes through so a
//! value that holds controls cannot leak its direction into its
//! surroundings, whatever template shows it.

use std::borrow::Cow;

/// First strong isolate and pop directional isolate.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';
const PDF: char = '\u{202C}';

/// Whether `c` is an embedding, override or isolate control.
pub(crate) fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` holds any such control. Cheap for the text of every page:
/// all of them are encoded as E2 80 AA–AE or E2 81 A6–A9.
pub(crate) fn contains_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Every template value comes through here, most of them short and
    // without any 0xE2 byte: one plain search rules them out.
    if !bytes.contains(&0xE2) {
        return false;
    }
    memchr::memchr_iter(0xE2, bytes).any(|i| {
        matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        )
    })
}

/// `text` made unable to affect what surrounds it: a text without controls
/// is returned as it is; otherwise closing controls with nothing to close
/// are dropped, every embedding or isolate left open is closed, and the
/// whole is wrapped in FSI…PDI.
pub(crate) fn isolate(text: &str) -> Cow<'_, str> {
    if !contains_control(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push(FSI);
    // Open controls, innermost last: `true` for an isolate.
    let mut open: Vec<bool> = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' => open.push(false),
            '\u{2066}'..='\u{2068}' => open.push(true),
            PDF => {
                // Closes the innermost embedding, never across an isolate.
                if open.last() != Some(&false) {
                    continue;
                }
                open.pop();
            }
            PDI => {
                // Closes the innermost isolate and the embeddings inside it.
                let Some(at) = open.iter().rposition(|&isolate| isolate) else {
                    continue;
                };
                for _ in at + 1..open.len() {
                    out.push(PDF);
                }
                open.truncate(at);
            }
            _ => {}
        }
        out.push(c);
    }
    while let Some(isolate) = open.pop() {
        out.push(if isolate { PDI } else { PDF });
    }
    out.push(PDI);
    Cow::Owned(out)
}

/// Every control written in a YAML text, as a byte range and the control:
/// the character itself, or a `\uXXXX` / `\UXXXXXXXX` escape for one.
pub(crate) fn find_in_source(text: &str) -> Vec<(std::ops::Range<usize>, char)> {
    let mut found = Vec::new();
    if contains_control(text) {
        for (at, c) in text.char_indices().filter(|&(_, c)| is_control(c)) {
            found.push((at..at + c.len_utf8(), c));
        }
    }
    for at in memchr::memchr_iter(b'\\', text.as_bytes()) {
        let rest = &text[at + 1..];
        let digits = match rest.as_bytes().first() {
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => continue,
        };
        let Some(hex) = rest.get(1..1 + digits) else {
            continue;
        };
        if let Some(c) = u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .filter(|&c| is_control(c))
        {
            found.push((at..at + 2 + digits, c));
        }
    }
    found.sort_by_key(|(range, _)| range.start);
    found
}

/// The control's short name, for messages.
pub(crate) fn name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "LRE (left-to-right embedding)",
        '\u{202B}' => "RLE (right-to-left embedding)",
        '\u{202C}' => "PDF (pop directional formatting)",
        '\u{202D}' => "LRO (left-to-right override)",
        '\u{202E}' => "RLO (right-to-left override)",
        '\u{2066}' => "LRI (left-to-right isolate)",
        '\u{2067}' => "RLI (right-to-left isolate)",
        '\u{2068}' => "FSI (first strong isolate)",
        _ => "PDI (pop directional isolate)",
    }
}

/// Warns about each text-reordering control written in a YAML text (front
/// matter, a profile, the status board, site.yaml), as a character or as
/// a YAML escape, at its line and column. Every field is covered, listed or
/// not: the text is scanned, not the values. `first_line` is the text's
/// first line in its file.
pub(crate) fn report(
    yaml_text: &str,
    first_line: usize,
    file: &std::path::Path,
    diagnostics: &mut Vec<crate::diagnostics::Diagnostic>,
) {
    let found = find_in_source(yaml_text);
    // One pass over the text for all positions (they come in order).
    let (mut line, mut line_start, mut scanned) = (first_line, 0, 0);
    for (range, control) in found {
        for (i, _) in yaml_text[scanned..range.start].match_indices('\n') {
            line += 1;
            line_start = scanned + i + 1;
        }
        scanned = range.start;
        let column = yaml_text[line_start..range.start].chars().count() + 1;
        let length = yaml_text[range].chars().count();
        diagnostics.push(
            crate::diagnostics::Diagnostic::warning(
                crate::diagnostics::codes::TEXT_BIDI_CONTROL,
                file,
                crate::diagnostics::Position::new(line, column, length),
                format!(
                    "this value holds the invisible control {}, which reorders the text shown around it",
                    name(control)
                ),
            )
            .with_hint("delete the control character; right-to-left text does not need it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn right_to_left_text_and_marks_are_left_alone() {
        for text in [
            "ضغط الدم المرتفع",
            "לחץ דם",
            "Ibuprofen\u{200F} 400",
            "a\u{061C}b",
            "“quoted” … —",
        ] {
            assert!(!contains_control(text), "{text}");
            assert!(matches!(isolate(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn controls_are_closed_and_wrapped() {
        assert_eq!(
            isolate("a\u{202E}evil"),
            "\u{2068}a\u{202E}evil\u{202C}\u{2069}"
        );
        assert_eq!(isolate("\u{2067}x"), "\u{2068}\u{2067}x\u{2069}\u{2069}");
        // A stray closer would close something outside: dropped.
        assert_eq!(isolate("x\u{2069}\u{202C}"), "\u{2068}x\u{2069}");
        // A PDI closes the embeddings opened inside its isolate.
        assert_eq!(
            isolate("\u{2066}\u{202B}a\u{2069}b"),
            "\u{2068}\u{2066}\u{202B}a\u{202C}\u{2069}b\u{2069}"
        );
    }

    #[test]
    fn finds_characters_and_yaml_escapes() {
        let text = "title: \"a \\u202E b\"\nname: x\u{2066}y\nc: \\U0000202d \\u200F \\u20";
        let found: Vec<_> = find_in_source(text)
            .into_iter()
            .map(|(r, c)| (&text[r], c))
            .collect();
        assert_eq!(
            found,
            [
                ("\\u202E", '\u{202E}'),
                ("\u{2066}", '\u{2066}'),
                ("\\U0000202d", '\u{202D}')
            ]
        );
    }

    /// Whether `text` leaves an embedding or isolate open, or closes one it
    /// did not open (the two ways it could affect its surroundings).
    fn leaks(text: &str) -> bool {
        let mut open: Vec<bool> = Vec::new();
        for c in text.chars() {
            match c {
                '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' => open.push(false),
                '\u{2066}'..='\u{2068}' => open.push(true),
                '\u{202C}' if open.last() == Some(&false) => {
                    open.pop();
                }
                '\u{2069}' => match open.iter().rposition(|&i| i) {
                    Some(at) => open.truncate(at),
                    None => return true,
                },
                '\u{202C}' => return true,
                _ => {}
            }
        }
        !open.is_empty()
    }

    proptest! {
        #[test]
        fn isolated_text_never_leaks(text in "[a\u{05D0} \u{202A}-\u{202E}\u{2066}-\u{2069}]{0,16}") {
            let isolated = isolate(&text);
            prop_assert!(!leaks(&isolated), "{:?}", isolated);
            let visible = |t: &str| t.chars().filter(|&c| !is_control(c)).collect::<String>();
            prop_assert_eq!(visible(&isolated), visible(&text));
        }
    }
}
