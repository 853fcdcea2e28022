//! The markers that open a care card or a callout (`[!emergency]`,
//! `[!note]` …), and the test of a care card's heading against the words
//! its language ends a call to action with ("if:", "si:", "إذا:" …).

use pulldown_cmark::BlockQuoteKind;

/// The three levels of a care card, from the NHS pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    NonUrgent,
    Urgent,
    Emergency,
}

impl Level {
    /// The part of class names and UI string keys (`care_card_label_<key>`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Level::NonUrgent => "non_urgent",
            Level::Urgent => "urgent",
            Level::Emergency => "emergency",
        }
    }

    /// The English label, when the theme has none.
    pub(crate) fn fallback_label(self) -> &'static str {
        match self {
            Level::NonUrgent => "Non-urgent",
            Level::Urgent => "Urgent",
            Level::Emergency => "Emergency",
        }
    }

    /// The English hidden prefix, when the theme has none.
    pub(crate) fn fallback_prefix(self) -> &'static str {
        match self {
            Level::NonUrgent => "Non-urgent advice:",
            Level::Urgent => "Urgent advice:",
            Level::Emergency => "Immediate action required:",
        }
    }
}

/// GitHub's five callouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Callout {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl Callout {
    /// The part of class names and UI string keys (`callout_<key>`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Callout::Note => "note",
            Callout::Tip => "tip",
            Callout::Important => "important",
            Callout::Warning => "warning",
            Callout::Caution => "caution",
        }
    }

    pub(crate) fn fallback_label(self) -> &'static str {
        match self {
            Callout::Note => "Note",
            Callout::Tip => "Tip",
            Callout::Important => "Important",
            Callout::Warning => "Warning",
            Callout::Caution => "Caution",
        }
    }

    /// The callout pulldown-cmark recognised (`> [!NOTE]` alone on its line).
    pub(crate) fn from_kind(kind: BlockQuoteKind) -> Callout {
        match kind {
            BlockQuoteKind::Note => Callout::Note,
            BlockQuoteKind::Tip => Callout::Tip,
            BlockQuoteKind::Important => Callout::Important,
            BlockQuoteKind::Warning => Callout::Warning,
            BlockQuoteKind::Caution => Callout::Caution,
        }
    }
}

/// What a marked block quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    Card(Level),
    Callout(Callout),
}

/// The block a text opens with (`[!Urgent] Ask for …`, any letter case),
/// and how many bytes the marker and the spaces after it take. `None`
/// when the text does not start with a known marker.
pub(crate) fn parse(text: &str) -> Option<(Block, usize)> {
    let rest = text.strip_prefix("[!")?;
    let close = rest.find(']')?;
    let block = match rest[..close].to_ascii_lowercase().as_str() {
        "non-urgent" => Block::Card(Level::NonUrgent),
        "urgent" => Block::Card(Level::Urgent),
        "emergency" => Block::Card(Level::Emergency),
        "note" => Block::Callout(Callout::Note),
        "tip" => Block::Callout(Callout::Tip),
        "important" => Block::Callout(Callout::Important),
        "warning" => Block::Callout(Callout::Warning),
        "caution" => Block::Callout(Callout::Caution),
        _ => return None,
    };
    let after = &rest[close + 1..];
    let spaces = after.len() - after.trim_start().len();
    Some((block, 2 + close + 1 + spaces))
}

/// The endings of a language's `care_card_endings` string (`"if:"`,
/// `"إذا: | في حال:"`): alternatives separated by `|`.
pub(crate) fn endings(list: &str) -> Vec<String> {
    list.split('|')
        .map(|e| normalise(e.trim()))
        .filter(|e| !e.is_empty())
        .collect()
}

/// Whether a heading ends with one of the endings. Letter case and the
/// spaces before a colon (French writes "si :") do not matter; an ending
/// in Latin letters must start a word ("motif:" does not end in "if:").
pub(crate) fn ends_as_asked(heading: &str, endings: &[String]) -> bool {
    let heading = normalise(heading.trim());
    endings.iter().any(|ending| {
        let Some(before) = heading.strip_suffix(ending.as_str()) else {
            return false;
        };
        let starts_with_letter = ending
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        !(starts_with_letter
            && before
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric()))
    })
}

/// Lower case, with the spaces before a colon removed.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if matches!(c, ':' | '：') {
            while out.ends_with(char::is_whitespace) {
                out.pop();
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_in_any_letter_case() {
        assert_eq!(
            parse("[!Emergency] Call 911 now if:"),
            Some((Block::Card(Level::Emergency), 13))
        );
        assert_eq!(
            parse("[!NON-URGENT]"),
            Some((Block::Card(Level::NonUrgent), 13))
        );
        assert_eq!(
            parse("[!urgent]  x"),
            Some((Block::Card(Level::Urgent), 11))
        );
        assert_eq!(
            parse("[!warning] Do not stop"),
            Some((Block::Callout(Callout::Warning), 11))
        );
        assert_eq!(parse("[!tip]"), Some((Block::Callout(Callout::Tip), 6)));
        assert_eq!(parse("[!danger] x"), None);
        assert_eq!(parse("[!urgent"), None);
        assert_eq!(parse(" [!urgent] x"), None);
        assert_eq!(parse("[note] x"), None);
    }

    #[test]
    fn headings_end_in_the_language_s_if_word() {
        let en = endings("if:");
        assert!(ends_as_asked("Call 911 now if:", &en));
        assert!(ends_as_asked("Call 911 now IF :  ", &en));
        assert!(!ends_as_asked("Call 911 now", &en));
        assert!(!ends_as_asked("See the motif:", &en));
        assert!(ends_as_asked("Llame al 112 si:", &endings("si:")));
        assert!(ends_as_asked("Appelez le 15 si :", &endings("si:")));
        let ar = endings("إذا: | في حال:");
        assert_eq!(ar, ["إذا:", "في حال:"]);
        assert!(ends_as_asked("اتصل بالرقم 997 فوراً إذا:", &ar));
        assert!(!ends_as_asked("اتصل بالرقم 997 فوراً", &ar));
        assert!(ends_as_asked(
            "出现以下情况，请拨打120：",
            &endings("情况： | 120：")
        ));
        assert!(endings(" | ").is_empty());
    }
}
