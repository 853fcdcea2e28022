//! Syllable counting per language, for the readability formulas.
//!
//! These are rule-based approximations of spoken syllables (no dictionary):
//! English and French by vowel groups with the common silent-letter and
//! split-vowel rules, Spanish by the RAE rules for diphthongs and hiatus,
//! German by vowel groups (its diphthongs are single groups). Each is tested
//! against dictionary syllabifications in the tests below.

/// Which language's syllable rules to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rules {
    English,
    Spanish,
    French,
    German,
}

impl Rules {
    /// The rules for a language tag (English for languages without their own).
    pub(crate) fn for_language(language: &str) -> Rules {
        match crate::i18n::primary(language) {
            "es" => Rules::Spanish,
            "fr" => Rules::French,
            "de" => Rules::German,
            _ => Rules::English,
        }
    }
}

/// Syllables of one word (letters only, any case); at least 1.
#[cfg(test)]
pub(crate) fn count(word: &str, language: &str) -> usize {
    count_with(word, Rules::for_language(language))
}

/// [`count`] with the language's rules already chosen (an article's
/// words all share them).
pub(crate) fn count_with(word: &str, rules: Rules) -> usize {
    // Counted for every word of every page. Most English words are plain
    // ASCII letters: counted on the bytes, with no buffer at all.
    if rules == Rules::English && word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return english_ascii(word.as_bytes()).max(1);
    }
    let mut chars: Vec<char> = Vec::with_capacity(word.len());
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        chars.extend(c.to_lowercase());
    }
    if chars.is_empty() {
        return 0;
    }
    let n = match rules {
        Rules::Spanish => spanish(chars),
        Rules::French => french(&chars),
        Rules::German => german(&chars),
        Rules::English => english(chars),
    };
    n.max(1)
}

/// [`count_with`], remembered per thread: the words of prose repeat (a few
/// hundred common words make up most of any text), so most words of a
/// build are looked up rather than counted again.
pub(crate) fn count_remembered(word: &str, rules: Rules) -> usize {
    /// Beyond this many distinct words a thread starts afresh, so a
    /// long-running preview never grows without bound.
    const MOST_WORDS: usize = 1 << 16;
    thread_local! {
        static COUNTED: std::cell::RefCell<[rustc_hash::FxHashMap<Box<str>, u8>; 4]> =
            Default::default();
    }
    COUNTED.with_borrow_mut(|counted| {
        let counted = &mut counted[rules as usize];
        if let Some(&n) = counted.get(word) {
            return usize::from(n);
        }
        let n = count_with(word, rules);
        if counted.len() >= MOST_WORDS {
            counted.clear();
        }
        // Counts beyond 255 cannot happen in a real word; such a word is
        // simply not remembered.
        if let Ok(small) = u8::try_from(n) {
            counted.insert(word.into(), small);
        }
        n
    })
}

/// The runs of vowels in `word`, as slices.
fn vowel_groups(word: &[char], is_vowel: impl Fn(char) -> bool) -> impl Iterator<Item = &[char]> {
    word.split(move |c| !is_vowel(*c)).filter(|g| !g.is_empty())
}

/// A letter of a lower-case word: a `char`, or a byte of an ASCII word
/// (the fast path). The rules below compare letters with ASCII ones only.
trait Letter: Copy + Eq {
    fn ascii(byte: u8) -> Self;
    /// Bytes in UTF-8 (some rules count bytes, as they always have).
    fn utf8_len(self) -> usize;
}

impl Letter for char {
    fn ascii(byte: u8) -> Self {
        char::from(byte)
    }
    fn utf8_len(self) -> usize {
        self.len_utf8()
    }
}

impl Letter for u8 {
    fn ascii(byte: u8) -> Self {
        byte
    }
    fn utf8_len(self) -> usize {
        1
    }
}

fn ends_with<L: Letter>(word: &[L], ending: &str) -> bool {
    word.len() >= ending.len()
        && word[word.len() - ending.len()..]
            .iter()
            .zip(ending.bytes())
            .all(|(&l, e)| l == L::ascii(e))
}

fn holds_pair<L: Letter>(group: &[L], pair: &str) -> bool {
    let pair = pair.as_bytes();
    group
        .windows(2)
        .any(|w| w[0] == L::ascii(pair[0]) && w[1] == L::ascii(pair[1]))
}

fn is_one_of<L: Letter>(letter: L, set: &str) -> bool {
    set.bytes().any(|b| letter == L::ascii(b))
}

/// Drops the `u` of `qu` (and, with `before_e_or_i`, only before e or i:
/// Spanish que, qui; with `also_g`, gue, gui too): a silent letter.
fn drop_silent_u(word: &mut Vec<char>, also_g: bool, before_e_or_i: bool) {
    let original = std::mem::take(word);
    for (i, &c) in original.iter().enumerate() {
        let after = i.checked_sub(1).map(|p| original[p]);
        let next = original.get(i + 1).copied();
        let silent = c == 'u'
            && (after == Some('q') || (also_g && after == Some('g')))
            && (!before_e_or_i || matches!(next, Some('e' | 'i')));
        if !silent {
            word.push(c);
        }
    }
}

fn english(mut w: Vec<char>) -> usize {
    if w.len() <= 3 {
        return 1;
    }
    // "qu": the u is a consonant sound.
    drop_silent_u(&mut w, false, false);
    english_after_qu(&w)
}

/// [`english`] on a word of ASCII letters (any case), without allocating.
fn english_ascii(word: &[u8]) -> usize {
    let mut buffer = [0u8; 64];
    if word.len() > buffer.len() {
        return english(
            word.iter()
                .map(|b| b.to_ascii_lowercase() as char)
                .collect(),
        );
    }
    if word.len() <= 3 {
        return 1;
    }
    // "qu": the u is a consonant sound.
    let mut len = 0;
    for (i, &b) in word.iter().enumerate() {
        let b = b.to_ascii_lowercase();
        if b == b'u' && i > 0 && word[i - 1].eq_ignore_ascii_case(&b'q') {
            continue;
        }
        buffer[len] = b;
        len += 1;
    }
    english_after_qu(&buffer[..len])
}

/// The English rules after "qu" became "q": silent endings, then vowel
/// groups, some of which are two syllables.
fn english_after_qu<L: Letter>(mut w: &[L]) -> usize {
    // Silent endings: "-es", "-ed" (but "-ted", "-ded" are spoken), final "e" (but "-le" is spoken).
    let silent_es = ends_with(w, "es")
        && !["ses", "ces", "ges", "zes", "xes", "shes", "ches"]
            .iter()
            .any(|e| ends_with(w, e));
    let bytes: usize = w.iter().map(|l| l.utf8_len()).sum();
    let silent_ed = ends_with(w, "ed") && !ends_with(w, "ted") && !ends_with(w, "ded") && bytes > 4;
    if silent_es || silent_ed {
        w = &w[..w.len() - 2];
    } else if ends_with(w, "e") && !ends_with(w, "le") && !ends_with(w, "ee") && !ends_with(w, "ie")
    {
        w = &w[..w.len() - 1];
    }
    let is_vowel = |l: L| is_one_of(l, "aeiouy");
    let mut n = 0;
    let mut i = 0;
    while i < w.len() {
        if !is_vowel(w[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < w.len() && is_vowel(w[i]) {
            i += 1;
        }
        n += 1;
        let group = &w[start..i];
        let before = (start > 0).then(|| w[start - 1]);
        let at_end = i == w.len();
        // Vowel pairs usually spoken as two syllables (ra-di-o, rep-til-i-an, a-re-a),
        // except in endings like -tion, -cial, -sion where the i is silent.
        let split = (["ia", "io", "iu"].iter().any(|p| holds_pair(group, p))
            && !before.is_some_and(|b| is_one_of(b, "ctsx")))
            || (holds_pair(group, "ua") && before != Some(L::ascii(b'g')))
            || holds_pair(group, "uo")
            || ((holds_pair(group, "eo") || holds_pair(group, "ea")) && at_end);
        if split {
            n += 1;
        }
    }
    n
}

fn spanish(mut w: Vec<char>) -> usize {
    let strong = |c: char| "aeoáéóíú".contains(c);
    let is_vowel = |c: char| "aeiouáéíóúü".contains(c);
    // "y" is a vowel only at the end of a word (hoy, muy).
    if let Some(last) = w.last_mut().filter(|c| **c == 'y') {
        *last = 'i';
    }
    // Silent u in que, qui, gue, gui.
    drop_silent_u(&mut w, true, true);
    let mut n = 0;
    for group in vowel_groups(&w, is_vowel) {
        n += 1;
        for pair in group.windows(2) {
            // Two strong vowels, or a stressed í/ú, make a hiatus: a new syllable.
            if (strong(pair[0]) && strong(pair[1]))
                || "íú".contains(pair[0])
                || "íú".contains(pair[1])
            {
                n += 1;
            }
        }
    }
    n
}

fn french(word: &[char]) -> usize {
    let is_vowel = |c: char| "aeiouyàâäéèêëîïôöùûüÿœæ".contains(c);
    // A final mute "e"/"es" after a consonant is not spoken (é-cole, ta-ble).
    let mut w = word;
    for ending in ["es", "e"] {
        if ends_with(w, ending) {
            let stem = &w[..w.len() - ending.chars().count()];
            if stem.last().is_some_and(|c| !is_vowel(*c))
                && vowel_groups(stem, is_vowel).next().is_some()
            {
                w = stem;
            }
            break;
        }
    }
    vowel_groups(w, is_vowel).count()
}

fn german(word: &[char]) -> usize {
    vowel_groups(word, |c| "aeiouyäöü".contains(c)).count()
}

#[cfg(test)]
mod tests {
    use super::{Rules, count, count_remembered, count_with, english, english_ascii};

    /// A remembered count is the language's own: the same spelling is
    /// counted once per set of rules, never shared between them.
    #[test]
    fn remembered_counts_are_kept_apart_by_language() {
        for _ in 0..2 {
            assert_eq!(count_remembered("come", Rules::English), 1);
            assert_eq!(count_remembered("come", Rules::Spanish), 2);
            assert_eq!(count_remembered("Australian", Rules::English), 4);
            assert_eq!(count_remembered("Australian", Rules::German), 3);
            assert_eq!(count_remembered("niña", Rules::Spanish), 2);
        }
        for word in ["radio", "queue", "table", "école", "Straße", "poesía"] {
            for rules in [Rules::English, Rules::Spanish, Rules::French, Rules::German] {
                assert_eq!(count_remembered(word, rules), count_with(word, rules));
            }
        }
    }

    /// The byte fast path must count exactly like the general one.
    #[test]
    fn ascii_fast_path_agrees_with_the_general_counter() {
        let text = "The Australian platypus is seemingly a hybrid of a mammal and reptilian \
            creature Queue QUIET quiet aquarium radio beautiful created wanted loved area \
            likes churches boxes table tree pie idea video cholesterol hypertension \
            readability Supercalifragilisticexpialidociousnessandthensomemoreletterstomakeitlong";
        for word in text.split_whitespace() {
            let general = english(word.chars().map(|c| c.to_ascii_lowercase()).collect());
            assert_eq!(english_ascii(word.as_bytes()), general, "{word}");
        }
    }

    /// Syllable counts from Merriam-Webster (English), the RAE rules
    /// (Spanish), Larousse (French) and Duden (German).
    #[test]
    fn english_words() {
        for (word, n) in [
            ("the", 1),
            ("cat", 1),
            ("blood", 1),
            ("water", 2),
            ("table", 2),
            ("pressure", 2),
            ("vaccine", 2),
            ("medicine", 3),
            ("diabetic", 4),
            ("australian", 4),
            ("area", 3),
            ("cholesterol", 4),
            ("hypertension", 4),
            ("readability", 5),
            ("wanted", 2),
            ("loved", 1),
            ("radio", 3),
            ("platypus", 3),
            ("seemingly", 3),
            ("reptilian", 4),
            ("creature", 2),
            ("question", 2),
            ("nation", 2),
            ("physician", 3),
            ("every", 3),
            ("people", 2),
            ("doctor", 2),
            ("heart", 1),
        ] {
            assert_eq!(count(word, "en"), n, "{word}");
        }
    }

    #[test]
    fn spanish_words() {
        for (word, n) in [
            ("perro", 2),
            ("camión", 2),
            ("país", 2),
            ("ciudad", 2),
            ("leer", 2),
            ("aéreo", 4),
            ("guerra", 2),
            ("quien", 1),
            ("hoy", 1),
            ("construir", 2),
            ("día", 2),
            ("baúl", 2),
            ("prohibir", 3),
            ("corazón", 3),
            ("presión", 2),
            ("arterial", 3),
            ("médico", 3),
            ("enfermedad", 4),
            ("vacuna", 3),
            ("agua", 2),
            ("salud", 2),
        ] {
            assert_eq!(count(word, "es"), n, "{word}");
        }
    }

    #[test]
    fn french_and_german_words() {
        for (word, n) in [
            ("maison", 2),
            ("école", 2),
            ("table", 1),
            ("santé", 2),
            ("médecin", 3),
            ("vaccin", 2),
            ("tension", 2),
        ] {
            assert_eq!(count(word, "fr"), n, "fr {word}");
        }
        for (word, n) in [
            ("Gesundheit", 3),
            ("Krankenhaus", 3),
            ("Blutdruck", 2),
            ("Ärztin", 2),
            ("Ernährung", 3),
        ] {
            assert_eq!(count(word, "de"), n, "de {word}");
        }
    }
}
