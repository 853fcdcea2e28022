//! Reading level of an article's prose, with the formula published for its
//! language, and the formula always named in reports.
//!
//! Prose is headings, paragraphs and list items; code, tables, citation
//! markers and link addresses are left out. Languages without a published
//! formula here (Chinese, Japanese, Arabic...) are "not measured": no number
//! is ever made up for them. The prose is taken from the Markdown by
//! `markdown::prose`, which hands the blocks to [`analyse`].

pub(crate) mod syllables;

/// The readability formulas Pamphlet implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Formula {
    /// English. Kincaid, Fishburne, Rogers & Chissom (1975): US school grade;
    /// with Flesch (1948) reading ease.
    FleschKincaid,
    /// Spanish. Crawford (1984): years of schooling; with Fernández Huerta (1959) ease.
    Crawford,
    /// French. Kandel & Moles (1958): reading ease (no grade).
    KandelMoles,
    /// German. Amstad (1978): reading ease (no grade).
    Amstad,
    /// Italian. Gulpease (Lucisano & Piemontese, 1988): ease 0–100 (no grade).
    Gulpease,
}

impl Formula {
    /// The name shown in reports.
    pub fn name(self) -> &'static str {
        match self {
            Formula::FleschKincaid => "Flesch–Kincaid grade",
            Formula::Crawford => "Crawford grade (with Fernández Huerta ease)",
            Formula::KandelMoles => "Kandel–Moles ease",
            Formula::Amstad => "Amstad ease",
            Formula::Gulpease => "Gulpease index",
        }
    }

    /// The formula for a language, if one is implemented.
    pub fn for_language(language: &str) -> Option<Formula> {
        match crate::i18n::primary(language) {
            "en" => Some(Formula::FleschKincaid),
            "es" => Some(Formula::Crawford),
            "fr" => Some(Formula::KandelMoles),
            "de" => Some(Formula::Amstad),
            "it" => Some(Formula::Gulpease),
            _ => None,
        }
    }
}

/// A sentence and its length, for "start with these" hints.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sentence {
    pub text: String,
    pub words: usize,
}

/// The measured reading level of one article.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Readability {
    pub formula: Formula,
    pub formula_name: &'static str,
    /// School grade (years of schooling), when the formula gives one.
    pub grade: Option<f64>,
    /// Reading ease, when the formula gives one (higher is easier).
    pub ease: Option<f64>,
    pub words: usize,
    pub sentences: usize,
    /// Syllables counted (0 for Gulpease, which counts letters instead).
    pub syllables: usize,
    /// The three longest sentences, longest first.
    pub longest: Vec<Sentence>,
}

/// Counts the words of the prose (every run of non-space characters, for
/// reading time) and measures its reading level with the language's
/// formula: `None` when the language has no formula here or the text has
/// no words.
pub(crate) fn analyse(blocks: &[String], language: &str) -> (usize, Option<Readability>) {
    let Some(formula) = Formula::for_language(language) else {
        let written = blocks.iter().map(|b| b.split_whitespace().count()).sum();
        return (written, None);
    };
    let rules = syllables::Rules::for_language(language);
    let mut written = 0usize;
    let mut words = 0usize;
    let mut syllables = 0usize;
    let mut letters = 0usize;
    // Each sentence's word count and text; only the longest become owned.
    let mut lengths: Vec<(usize, &str)> = Vec::new();
    // Only Gulpease counts letters; only the others count syllables.
    let counts_letters = formula == Formula::Gulpease;
    for sentence in blocks.iter().flat_map(|b| split_sentences(b)) {
        let mut sentence_words = 0;
        for token in sentence.split_whitespace() {
            written += 1;
            let Some(w) = word(token) else { continue };
            sentence_words += 1;
            if counts_letters {
                letters += w.chars().filter(|c| c.is_alphanumeric()).count();
            } else {
                syllables += syllables::count_remembered(w, rules);
            }
        }
        if sentence_words == 0 {
            continue;
        }
        words += sentence_words;
        lengths.push((sentence_words, sentence.trim()));
    }
    (written, level(formula, words, syllables, letters, lengths))
}

/// The formula's figures from the counts.
fn level(
    formula: Formula,
    words: usize,
    syllables: usize,
    letters: usize,
    mut lengths: Vec<(usize, &str)>,
) -> Option<Readability> {
    let sentence_count = lengths.len();
    if words == 0 {
        return None;
    }
    let (w, s, sy) = (words as f64, sentence_count as f64, syllables as f64);
    let (grade, ease) = match formula {
        Formula::FleschKincaid => (
            Some(0.39 * (w / s) + 11.8 * (sy / w) - 15.59),
            Some(206.835 - 1.015 * (w / s) - 84.6 * (sy / w)),
        ),
        Formula::Crawford => (
            Some(-0.205 * (s / w * 100.0) + 0.049 * (sy / w * 100.0) - 3.407),
            Some(206.84 - 0.60 * (sy / w * 100.0) - 1.02 * (w / s)),
        ),
        Formula::KandelMoles => (None, Some(207.0 - 1.015 * (w / s) - 73.6 * (sy / w))),
        Formula::Amstad => (None, Some(180.0 - (w / s) - 58.5 * (sy / w))),
        Formula::Gulpease => (None, Some(89.0 + (300.0 * s - 10.0 * letters as f64) / w)),
    };
    // Longest first, ties in text order; only the first three are kept, so
    // only they are put in order.
    let longest_first =
        |a: &(usize, &str), b: &(usize, &str)| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1));
    if lengths.len() > 3 {
        lengths.select_nth_unstable_by(2, longest_first);
        lengths.truncate(3);
    }
    lengths.sort_by(longest_first);
    let longest = lengths
        .iter()
        .take(3)
        .map(|&(words, text)| Sentence {
            text: text.to_string(),
            words,
        })
        .collect();
    Some(Readability {
        formula,
        formula_name: formula.name(),
        grade: grade.map(round1),
        ease: ease.map(round1),
        words,
        sentences: sentence_count,
        syllables,
        longest,
    })
}

/// A warning when an article reads above its audience's target grade,
/// naming the formula and the longest sentences as the place to start.
pub(crate) fn check(
    measured: &Readability,
    page: &crate::site::Page,
    config: &crate::config::Config,
) -> Option<crate::diagnostics::Diagnostic> {
    let parsed = page.source.as_ref()?;
    let audience = page.meta.audience.map(|a| a.as_str());
    let target = config.readability.max_grade_for(audience)?;
    let grade = measured.grade.filter(|g| *g > target)?;
    let places: Vec<String> = measured
        .longest
        .iter()
        .map(|s| {
            let mut text: String = s.text.chars().take(90).collect();
            if text.len() < s.text.len() {
                text.push('…');
            }
            format!("“{text}” ({} words)", s.words)
        })
        .collect();
    let audience_text = audience.map(|a| format!(" for {a}")).unwrap_or_default();
    Some(
        crate::diagnostics::Diagnostic::warning(
            crate::diagnostics::codes::READABILITY_ABOVE_TARGET,
            &parsed.source.path,
            crate::diagnostics::Position::new(1, 1, 3),
            format!(
                "reading level {grade:.1} ({}) is above the target of {target}{audience_text}",
                measured.formula_name
            ),
        )
        .with_hint(format!(
            "shorten the longest sentences first: {}",
            places.join("; ")
        )),
    )
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A word as counted: punctuation trimmed, at least one letter, not an address.
fn word(token: &str) -> Option<&str> {
    // Byte checks: this runs on every word of every page.
    let bytes = token.as_bytes();
    if bytes.iter().all(u8::is_ascii_alphabetic) {
        return Some(token);
    }
    if bytes.contains(&b'@') || bytes.starts_with(b"www.") || bytes.windows(3).any(|w| w == b"://")
    {
        return None;
    }
    let trimmed = token.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.chars().any(char::is_alphabetic).then_some(trimmed)
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "st", "e.g", "i.e", "etc", "vs", "no", "sr", "sra", "dra", "mme",
    "approx", "p. ej", "ej",
];

/// The first bytes of the characters [`split_sentences`] ends sentences at:
/// `.`, `!`, `?`, and the UTF-8 lead bytes of `…` (E2), `؟` (D8), `。` (E3)
/// and the full-width `！` and `？` (EF).
const MAY_END_SENTENCE: [bool; 256] = {
    const FIRST_BYTES: [u8; 7] = [b'.', b'!', b'?', 0xE2, 0xD8, 0xE3, 0xEF];
    let mut table = [false; 256];
    let mut i = 0;
    while i < FIRST_BYTES.len() {
        table[FIRST_BYTES[i] as usize] = true;
        i += 1;
    }
    table
};

/// Splits a block into sentences at `.`, `!`, `?` (and their Arabic and CJK
/// forms) followed by a space, ignoring common abbreviations and decimals.
fn split_sentences(block: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let bytes = block.as_bytes();
    let mut at = 0;
    // Yielded one by one: every block of every page goes through here, and
    // a list per block would be an allocation each.
    std::iter::from_fn(move || {
        while at < bytes.len() {
            // This runs on every character of every page: the bytes that
            // cannot start a sentence end are stepped over in one scan.
            let Some(skip) = bytes[at..]
                .iter()
                .position(|&b| MAY_END_SENTENCE[usize::from(b)])
            else {
                at = bytes.len();
                break;
            };
            at += skip;
            // A lead byte or ASCII: always a character boundary.
            let c = block[at..].chars().next().expect("at a char boundary");
            let end = at + c.len_utf8();
            at = end;
            let terminal = matches!(c, '.' | '!' | '?' | '…' | '؟' | '。' | '！' | '？');
            if !terminal || !block[end..].chars().next().is_none_or(char::is_whitespace) {
                continue;
            }
            let current = &block[start..end];
            if c == '.' {
                let last_word = current
                    .trim_end_matches(['.', '!', '?', '…'])
                    .rsplit(char::is_whitespace)
                    .next()
                    .unwrap_or("");
                // The abbreviations are ASCII, so ASCII case folding is enough.
                if ABBREVIATIONS
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(last_word))
                {
                    continue;
                }
            }
            start = end;
            return Some(current);
        }
        let rest = &block[start..];
        start = block.len();
        (!rest.trim().is_empty()).then_some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure_text(text: &str, language: &str) -> Readability {
        analyse(&[text.to_string()], language).1.unwrap()
    }

    /// Reference values: the worked example in Wikipedia's "Flesch–Kincaid
    /// readability tests" article (reading ease 24.4, grade 13.1).
    #[test]
    fn english_matches_the_published_example() {
        let r = measure_text(
            "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
            "en",
        );
        assert_eq!((r.words, r.sentences, r.syllables), (13, 1, 26));
        assert_eq!(r.grade, Some(13.1));
        assert_eq!(r.ease, Some(24.4));
        assert_eq!(r.formula, Formula::FleschKincaid);
    }

    /// Reference values computed by hand from the published formulas
    /// (Crawford 1984; Fernández Huerta 1959) with RAE syllabification:
    /// 10 words, 2 sentences, 16 syllables →
    /// Crawford = −0.205·20 + 0.049·160 − 3.407 = 0.333;
    /// Fernández Huerta = 206.84 − 0.60·160 − 1.02·5 = 105.74.
    #[test]
    fn spanish_uses_crawford_and_fernandez_huerta() {
        let r = measure_text("El perro come carne. La niña juega en el parque.", "es");
        assert_eq!((r.words, r.sentences, r.syllables), (10, 2, 16));
        assert_eq!(r.grade, Some(0.3));
        assert_eq!(r.ease, Some(105.7));
    }

    /// Gulpease = 89 + (300·sentences − 10·letters)/words, by hand:
    /// "Il cane mangia." 3 words, 12 letters, 1 sentence → 89 + (300 − 120)/3 = 149.
    #[test]
    fn italian_gulpease_counts_letters() {
        let r = measure_text("Il cane mangia.", "it");
        assert_eq!(r.ease, Some(149.0));
        assert_eq!(r.grade, None);
    }

    #[test]
    fn languages_without_a_formula_are_not_measured() {
        assert_eq!(
            analyse(&["مرحبا بكم في موقعنا.".to_string()], "ar"),
            (4, None)
        );
        assert_eq!(analyse(&["你好。".to_string()], "zh-Hans"), (1, None));
    }

    #[test]
    fn sentences_ignore_abbreviations_and_decimals() {
        let s: Vec<&str> =
            split_sentences("Dr. Ruiz said 1.5 mg is enough. Call us! Is it? Yes").collect();
        assert_eq!(
            s,
            [
                "Dr. Ruiz said 1.5 mg is enough.",
                " Call us!",
                " Is it?",
                " Yes"
            ]
        );
    }

    #[test]
    fn written_words_include_numbers_and_addresses_that_the_formula_skips() {
        let (written, measured) = analyse(
            &[
                "Call 911 or see www.example.org now.".to_string(),
                "Then rest.".to_string(),
            ],
            "en",
        );
        assert_eq!(written, 8);
        let measured = measured.unwrap();
        assert_eq!((measured.words, measured.sentences), (6, 2));
    }

    #[test]
    fn sentences_end_at_non_latin_marks_too() {
        let s: Vec<&str> =
            split_sentences("¿Qué pasa? Nada… Bien. هل أنت بخير؟ 好。 Fin").collect();
        assert_eq!(
            s,
            [
                "¿Qué pasa?",
                " Nada…",
                " Bien.",
                " هل أنت بخير؟",
                " 好。",
                " Fin"
            ]
        );
    }

    #[test]
    fn longest_sentences_come_first() {
        let r = measure_text(
            "Short one. This sentence is clearly the longest of all here. Medium size sentence.",
            "en",
        );
        let words: Vec<usize> = r.longest.iter().map(|s| s.words).collect();
        assert_eq!(words, [9, 3, 2]);
    }
}
