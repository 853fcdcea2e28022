//! Likely personal data in an article: e-mail addresses, phone numbers,
//! dates of birth and medical record numbers. Health educators sometimes
//! paste a real case into a draft; this catches it before it is published.
//! The organisation's own contact details go in `privacy.allow` in site.yaml.

use regex::Regex;
use std::sync::OnceLock;

/// One finding: byte range in the text and what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
}

struct Patterns {
    email: Regex,
    phone: Regex,
    birth: Regex,
    record: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        email: Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}").expect("valid"),
        // 9 or more digits, optionally grouped by spaces, dots, dashes or brackets.
        phone: Regex::new(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}").expect("valid"),
        // (No `\b` after "D.O.B.": a full stop is not a word character.)
        birth: Regex::new(r"(?i)\b(?:(?:DOB|date of birth|born on|fecha de nacimiento|née? le|تاريخ الميلاد)\b|D\.O\.B\.)[:\s]*\S+").expect("valid"),
        record: Regex::new(r"(?i)\b(?:MRN|medical record(?: number| no\.?)?|NHS number|patient id|historia clínica)\b[:#\s]*[A-Z]{0,3}\d{4,}").expect("valid"),
    })
}

/// Finds likely personal data in `text`, skipping anything in `allow`
/// (compared without spaces and punctuation, so "+1 555 0100" matches "15550100").
#[cfg(test)]
pub(crate) fn find(text: &str, allow: &[String]) -> Vec<Finding> {
    Scanner::new(allow, None).find(text)
}

/// Searches the texts of one document (a page's prose, code and links,
/// one by one) for personal data.
pub(crate) struct Scanner {
    allowed: Vec<String>,
    /// Whether a text of the document can hold a date of birth.
    may_have_birth: bool,
}

impl Scanner {
    /// A scanner for the texts of `whole`, the document they all come from
    /// (`None`: not known, every pattern is tried on every text).
    ///
    /// Every text of every page is searched, and a keyword of a date of
    /// birth is rare: when the whole document has none, no text can, unless
    /// it is spelt with an entity or a backslash escape (`D\.O\.B\.`), which
    /// only the texts show decoded.
    pub(crate) fn new(allow: &[String], whole: Option<&str>) -> Self {
        let encoded = whole.is_none_or(|w| memchr::memchr2(b'&', b'\\', w.as_bytes()).is_some());
        Scanner {
            allowed: allow.iter().map(|a| normalise(a)).collect(),
            may_have_birth: encoded || whole.is_some_and(|w| patterns().birth.is_match(w)),
        }
    }

    pub(crate) fn find(&self, text: &str) -> Vec<Finding> {
        let p = patterns();
        let mut out = Vec::new();
        let mut push = |start: usize, end: usize, kind: &'static str| {
            let found = normalise(&text[start..end]);
            if !self
                .allowed
                .iter()
                .any(|a| !a.is_empty() && (found == *a || found.contains(a.as_str())))
            {
                out.push(Finding { start, end, kind });
            }
        };
        // Patterns that need an `@` or digits are not run on text without
        // them (most prose).
        let digits = count_digits(text);
        if memchr::memchr(b'@', text.as_bytes()).is_some() {
            for m in p.email.find_iter(text) {
                push(m.start(), m.end(), "an e-mail address");
            }
        }
        // Dates (2026-01-10) and years have fewer digits; real numbers have 9+.
        if digits >= 9 {
            for m in p.phone.find_iter(text) {
                if count_digits(m.as_str()) >= 9 {
                    push(m.start(), m.end(), "a phone number");
                }
            }
        }
        if self.may_have_birth {
            for m in p.birth.find_iter(text) {
                push(m.start(), m.end(), "a date of birth");
            }
        }
        if digits >= 4 {
            for m in p.record.find_iter(text) {
                push(m.start(), m.end(), "a medical record number");
            }
        }
        out.sort_by_key(|f| (f.start, f.end));
        out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
        out
    }
}

/// Digits of any script in `text` (`\d` in the patterns is any Unicode
/// digit). Only the characters outside ASCII are decoded: most text of
/// most languages is ASCII, and every text of every page comes here.
fn count_digits(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Written as a sum of comparisons, so the compiler counts many bytes
    // at once.
    let ascii: usize = bytes
        .iter()
        .map(|&b| usize::from(b.wrapping_sub(b'0') < 10))
        .sum();
    if text.is_ascii() {
        return ascii;
    }
    let mut other = 0;
    let mut rest = text;
    // Step from one character outside ASCII to the next.
    while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
        let mut chars = rest[at..].chars();
        if chars.next().is_some_and(is_numeric_outside_ascii) {
            other += 1;
        }
        rest = chars.as_str();
    }
    ascii + other
}

/// [`char::is_numeric`] for a character outside ASCII, answered without
/// Unicode's tables for the letters and punctuation most pages use.
fn is_numeric_outside_ascii(c: char) -> bool {
    match c as u32 {
        // Latin letters with accents (Latin-1 to Latin Extended-B), Arabic
        // letters (hamza to yeh), general punctuation (dashes, quotes).
        0xC0..=0x24F | 0x621..=0x64A | 0x2000..=0x206F => false,
        _ => c.is_numeric(),
    }
}

fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || *c == '@')
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, allow: &[&str]) -> Vec<&'static str> {
        let allow: Vec<String> = allow.iter().map(|s| s.to_string()).collect();
        find(text, &allow).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn finds_personal_details() {
        assert_eq!(
            kinds("Write to jane.doe@example.com today.", &[]),
            ["an e-mail address"]
        );
        assert_eq!(
            kinds("Call +1 (555) 010-0199 now.", &[]),
            ["a phone number"]
        );
        assert_eq!(kinds("Llame al 555 010 0199.", &[]), ["a phone number"]);
        assert_eq!(kinds("Patient DOB: 03/04/1961.", &[]), ["a date of birth"]);
        assert_eq!(
            kinds("MRN 00482913 was admitted.", &[]),
            ["a medical record number"]
        );
    }

    #[test]
    fn the_shortcut_for_letters_agrees_with_unicode() {
        for c in ('\u{80}'..='\u{2FFF}').chain('\u{FB00}'..='\u{FFFF}') {
            assert_eq!(is_numeric_outside_ascii(c), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn a_document_without_a_keyword_skips_the_date_of_birth_pattern() {
        let whole = "Wash your hands. Call 911.";
        let scanner = Scanner::new(&[], Some(whole));
        assert!(!scanner.may_have_birth);
        // Texts only ever come from their document, but a scanner that
        // skipped nothing would still find these.
        assert!(scanner.find("Patient DOB: 03/04/1961").is_empty());
        assert_eq!(
            Scanner::new(&[], None)
                .find("Patient DOB: 03/04/1961")
                .len(),
            1
        );
        // An escape in the document can hide a keyword only its text shows.
        let escaped = Scanner::new(&[], Some(r"Patient D\.O\.B\. 1961"));
        assert_eq!(
            escaped.find("Patient D.O.B. 1961")[0].kind,
            "a date of birth"
        );
        let with_numbers = Scanner::new(&[], Some("MRN 00482913 was admitted."));
        assert_eq!(
            with_numbers.find("MRN 00482913 was admitted.")[0].kind,
            "a medical record number"
        );
    }

    #[test]
    fn digits_of_every_script_count() {
        assert_eq!(count_digits("Llame al 555 010 0199."), 10);
        assert_eq!(count_digits("اتصل على ٥٥٥ ٠١٠ ٠١٩٩ اليوم"), 10);
        assert_eq!(count_digits("Años: ٣ y 4, sin más."), 2);
        assert_eq!(count_digits("Presión arterial alta"), 0);
        assert_eq!(
            kinds("اتصل على ٥٥٥ ٠١٠ ٠١٩٩ اليوم", &[]),
            ["a phone number"]
        );
    }

    #[test]
    fn ignores_dates_numbers_and_allowed_contacts() {
        assert!(
            kinds(
                "Reviewed on 2026-01-10; 1,500 people; 120/80 mmHg; call 911.",
                &[]
            )
            .is_empty()
        );
        assert!(
            kinds(
                "Email info@clinic.example.org or call +1 555 010 0100.",
                &["info@clinic.example.org", "+1-555-010-0100"]
            )
            .is_empty()
        );
    }
}
