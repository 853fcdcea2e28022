//! Likely personal data in an article: e-mail addresses, phone numbers,
//! dates of birth and medical record numbers. Health educators sometimes
//! paste a real case into a draft; this catches it before it is published.
//! The organisation's own contact details go in `privacy.allow` in site.yaml.

use regex::Regex;
use std::sync::OnceLock;

/// One finding: byte range in the text and what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
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
        birth: Regex::new(r"(?i)\b(?:DOB|D\.O\.B\.|date of birth|born on|fecha de nacimiento|née? le|تاريخ الميلاد)\b[:\s]*\S+").expect("valid"),
        record: Regex::new(r"(?i)\b(?:MRN|medical record(?: number| no\.?)?|NHS number|patient id|historia clínica)\b[:#\s]*[A-Z]{0,3}\d{4,}").expect("valid"),
    })
}

/// Finds likely personal data in `text`, skipping anything in `allow`
/// (compared without spaces and punctuation, so "+1 555 0100" matches "15550100").
pub fn find(text: &str, allow: &[String]) -> Vec<Finding> {
    let p = patterns();
    let allowed: Vec<String> = allow.iter().map(|a| normalise(a)).collect();
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize, kind: &'static str| {
        let found = normalise(&text[start..end]);
        if !allowed
            .iter()
            .any(|a| !a.is_empty() && (found == *a || found.contains(a.as_str())))
        {
            out.push(Finding { start, end, kind });
        }
    };
    // Every text of every page comes here: patterns that need an `@` or
    // digits are not run on text without them (most prose).
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
    for m in p.birth.find_iter(text) {
        push(m.start(), m.end(), "a date of birth");
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

/// Digits of any script in `text` (`\d` in the patterns is any Unicode
/// digit). Only the characters outside ASCII are decoded: most text of
/// most languages is ASCII, and every text of every page comes here.
fn count_digits(text: &str) -> usize {
    let bytes = text.as_bytes();
    let ascii = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    let other = bytes
        .iter()
        .enumerate()
        // A byte from 0xC0 up starts a character outside ASCII.
        .filter(|&(_, &b)| b >= 0xC0)
        .filter(|&(at, _)| text[at..].chars().next().is_some_and(char::is_numeric))
        .count();
    ascii + other
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
