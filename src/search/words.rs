//! How text becomes search terms. The browser's `js/search.js` applies the
//! same rules to a query, so the two must change together (the tests here
//! pin the cases both sides rely on).
//!
//! A term is a word folded to lower case without accents or vowel marks,
//! so "Hipertensión" is found by "hipertension" and "أ" by "ا". Words are
//! runs of alphabetic characters and digits. Arabic's article "ال" is
//! dropped from words longer than three letters: readers type "حمى" as
//! often as "الحمى". Chinese, Japanese and Korean text has no spaces, so
//! it is indexed as overlapping pairs of characters (and single characters
//! for one-character runs), the usual way to search such text without a
//! dictionary. There is no stemming: the browser matches a query word as a
//! prefix ("vaccin" finds "vaccines") and tolerates a plural ending
//! ("vaccines" finds "vaccine"), which covers what readers type without a
//! stemmer per language on both sides.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, accents and vowel marks removed.
pub(super) fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// Whether `c` is written without spaces between words (Han, kana, Hangul).
pub(super) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x3134F) // CJK Extensions B–G
}

fn is_word_char(c: char) -> bool {
    // The letters most non-English pages use are answered without a
    // lookup in Unicode's tables (a test checks they agree).
    match c as u32 {
        // Latin-1 letters (not × or ÷), Latin Extended-A and -B.
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => true,
        // Arabic letters, hamza to yeh, with the tatweel.
        0x621..=0x64A => true,
        _ => c.is_alphabetic() || c.is_numeric(),
    }
}

/// The terms of `text`, in order, repeats included.
pub(super) fn terms(text: &str, out: &mut impl FnMut(&str)) {
    // Every word of every page comes through here: plain ASCII words (most
    // of them, in many languages) are folded in one reused buffer, and only
    // the others go through Unicode decomposition.
    let mut ascii = String::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A word is a run of word characters (and combining marks); ASCII
        // bytes are classified without Unicode tables.
        let start = at;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii() {
                if !byte.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
            } else {
                let c = text[at..].chars().next().expect("at a char boundary");
                if !(is_word_char(c) || is_combining_mark(c)) {
                    break;
                }
                at += c.len_utf8();
            }
        }
        let word = &text[start..at];
        if word.is_empty() {
            // A separator: step over it.
            at += text[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if word.is_ascii() {
            // A run of ASCII letters and digits is one spaced word with
            // no Arabic article: only the length rule applies.
            if word.len() >= 2 {
                ascii.clear();
                ascii.push_str(word);
                ascii.make_ascii_lowercase();
                out(&ascii);
            }
        } else {
            folded_terms(&fold(word), out);
        }
    }
}

/// The terms of text already folded.
fn folded_terms(folded: &str, out: &mut impl FnMut(&str)) {
    for word in folded.split(|c: char| !is_word_char(c)) {
        // A word splits into runs where it changes between spaced and
        // unspaced scripts ("COVID疫苗").
        let mut start = 0;
        let mut run_unspaced = false;
        for (at, c) in word.char_indices() {
            let unspaced = is_unspaced(c);
            if at > start && unspaced != run_unspaced {
                run_terms(&word[start..at], run_unspaced, out);
                start = at;
            }
            run_unspaced = unspaced;
        }
        if start < word.len() {
            run_terms(&word[start..], run_unspaced, out);
        }
    }
}

fn run_terms(run: &str, unspaced: bool, out: &mut impl FnMut(&str)) {
    if unspaced {
        let mut chars = run.char_indices().map(|(at, c)| (at, at + c.len_utf8()));
        let Some((_, mut previous_end)) = chars.next() else {
            return;
        };
        let mut previous_start = 0;
        let mut pairs = 0;
        for (_, end) in chars {
            out(&run[previous_start..end]);
            pairs += 1;
            previous_start = previous_end;
            previous_end = end;
        }
        if pairs == 0 {
            out(run);
        }
        return;
    }
    let word = strip_arabic_article(run);
    // Single letters and digits match far too much to be worth a term.
    if word.chars().nth(1).is_some() {
        out(word);
    }
}

fn strip_arabic_article(word: &str) -> &str {
    match word.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => word,
    }
}

/// The shard a term is stored in: its first two characters, or its first
/// one when it starts with an unspaced character. A query word needs at
/// least that much to be looked up.
pub(super) fn shard_key(term: &str) -> String {
    let mut chars = term.chars();
    match chars.next() {
        Some(first) if is_unspaced(first) => first.to_string(),
        Some(first) => chars
            .next()
            .map(|s| [first, s].iter().collect())
            .unwrap_or_default(),
        None => String::new(),
    }
}

/// The file name of a shard: the key's UTF-8 bytes in hex, so every
/// script gives a plain ASCII name that any web server serves.
pub(super) fn shard_file(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        terms(text, &mut |t: &str| found.push(t.to_string()));
        found
    }

    #[test]
    fn words_are_folded_without_accents_or_case() {
        assert_eq!(
            all("Hipertensión: ¿QUÉ es? Niño, 120/80 mmHg."),
            ["hipertension", "que", "es", "nino", "120", "80", "mmhg"]
        );
    }

    /// The tokenizer as first written: split on every character that is
    /// neither a word character nor a combining mark.
    fn by_splitting(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for word in text.split(|c: char| !(is_word_char(c) || is_combining_mark(c))) {
            if word.is_ascii() {
                if word.len() >= 2 {
                    found.push(word.to_ascii_lowercase());
                }
            } else {
                folded_terms(&fold(word), &mut |t: &str| found.push(t.to_string()));
            }
        }
        found
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_finds_the_same_terms_as_splitting(
            text in "([a-zA-Z0-9 ,.:/'-]|[éñüçÉ]|\\u{301}|[\\u{600}-\\u{6ff}]|[高血压疫苗]|\\u{2028}|\\u{a0}){0,40}"
        ) {
            proptest::prop_assert_eq!(all(&text), by_splitting(&text));
        }
    }

    #[test]
    fn word_characters_agree_with_unicode() {
        for c in (0..0x800).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphabetic() || c.is_numeric(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn single_letters_are_not_terms() {
        assert_eq!(all("a b c type 2 diabetes"), ["type", "diabetes"]);
    }

    #[test]
    fn arabic_loses_vowel_marks_hamza_seats_and_the_article() {
        // "الحُمّى" with vowel marks; "أطفال" with hamza above alif.
        assert_eq!(all("الحُمّى"), ["حمى"]);
        assert_eq!(all("أطفال"), ["اطفال"]);
        // Too short to carry an article: kept whole.
        assert_eq!(all("الم"), ["الم"]);
    }

    #[test]
    fn chinese_is_indexed_as_character_pairs() {
        assert_eq!(all("高血压"), ["高血", "血压"]);
        assert_eq!(all("盐 和 高血压"), ["盐", "和", "高血", "血压"]);
        // Mixed runs split where the script changes.
        assert_eq!(all("COVID疫苗"), ["covid", "疫苗"]);
    }

    #[test]
    fn shard_keys_and_file_names() {
        assert_eq!(shard_key("vaccine"), "va");
        assert_eq!(shard_key("血压"), "血");
        assert_eq!(shard_key("حمى"), "حم");
        assert_eq!(shard_key("x"), "");
        assert_eq!(shard_file("va"), "7661");
        assert_eq!(shard_file("血"), "e8a180");
    }
}
