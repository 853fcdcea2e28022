//! The A–Z index of health topics: every findable article of a language
//! under its title and under each of its `aliases`, grouped by first letter
//! the way the language sorts.
//!
//! Sorting and grouping follow the language's collation (ICU4X with CLDR
//! data compiled in), the way ICU's AlphabeticIndex does it: the letters are
//! CLDR's "index exemplar characters" of the language (A–Z for English,
//! A–N, Ñ, O–Z for Spanish, ا to ي for Arabic), and an entry belongs to the
//! last letter that sorts at or before it, compared on base letters only.
//! So accents fold (É under E), Spanish Ñ is a letter after N, Arabic أ إ آ
//! fall under ا, and Chinese sorts by pinyin into A–Z through the boundary
//! strings CLDR's Chinese collation defines. Entries in another script, or
//! starting with a digit, go to a last "other" group. A language without
//! index letters in CLDR gets one group, sorted, and the page says so.

use crate::dates::Date;
use crate::site::{PageId, Site};
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale::exemplar_chars::ExemplarCharacters;
use icu_locale_core::Locale;
use serde::Serialize;
use std::cmp::Ordering;

/// CLDR's Chinese collations mark where each pinyin letter's characters
/// start with this noncharacter followed by the letter.
const BOUNDARY_PREFIX: char = '\u{FDD0}';

/// One name of a topic in the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct EntryView {
    /// The name listed: the title, or an alias.
    pub text: String,
    /// The article's address.
    pub url: String,
    /// The article's title (the same as `text` unless this is an alias).
    pub title: String,
    /// True for "Hypertension → see High blood pressure" entries.
    pub alias: bool,
}

/// The entries under one letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct GroupView {
    /// The letter as shown (`A`, `Ñ`, `ا`); empty for the "other" group.
    pub letter: String,
    /// The HTML id of the group, for the letter bar's links.
    pub id: String,
    pub entries: Vec<EntryView>,
}

/// One letter of the navigation bar at the top.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LetterView {
    pub letter: String,
    /// `#id` of its group; `None` for a letter without entries (shown, not linked).
    pub href: Option<String>,
}

/// What the `a-z.html` template sees as `page.atoz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct AToZView {
    /// Every letter of the language, in order, linked when it has entries.
    pub letters: Vec<LetterView>,
    /// Groups with entries, in letter order; the "other" group last.
    pub groups: Vec<GroupView>,
    /// `#id` of the "other" group (names in other scripts, or starting with
    /// a digit), when there is one.
    pub other_href: Option<String>,
    /// True when the language has no index letters: one group, with a note.
    pub single_group: bool,
    /// Number of entries (titles and aliases).
    pub count: usize,
}

/// The A–Z view of an A–Z page: the findable articles it lists, on `today`.
pub(crate) fn view(site: &Site, id: PageId, today: Date) -> AToZView {
    let page = site.page(id);
    let mut names: Vec<(String, EntryView)> = Vec::new();
    for &article in &page.pages {
        let article = site.page(article);
        if !article.is_findable(today) {
            continue;
        }
        let title = article.title().to_string();
        names.push((
            title.clone(),
            EntryView {
                text: title.clone(),
                url: article.url.clone(),
                title: title.clone(),
                alias: false,
            },
        ));
        for alias in &article.meta.aliases {
            if alias != &title {
                names.push((
                    alias.clone(),
                    EntryView {
                        text: alias.clone(),
                        url: article.url.clone(),
                        title: title.clone(),
                        alias: true,
                    },
                ));
            }
        }
    }
    let alphabet = Alphabet::new(&page.language);
    let index = alphabet.group(names, |a, b| {
        a.alias
            .cmp(&b.alias)
            .then_with(|| a.url.cmp(&b.url))
            .then_with(|| a.text.cmp(&b.text))
    });
    let count = index.iter().map(|g| g.entries.len()).sum();
    let id_of = |group: &Group<EntryView>| match group.letter {
        Some(i) => format!("letter-{}", alphabet.letters[i].to_lowercase()),
        None => "letter-other".to_string(),
    };
    let letters = alphabet
        .letters
        .iter()
        .enumerate()
        .map(|(i, letter)| LetterView {
            letter: letter.clone(),
            href: index
                .iter()
                .find(|g| g.letter == Some(i))
                .map(|g| format!("#{}", id_of(g))),
        })
        .collect();
    let groups = index
        .iter()
        .map(|g| GroupView {
            letter: g
                .letter
                .map_or(String::new(), |i| alphabet.letters[i].clone()),
            id: id_of(g),
            entries: g.entries.clone(),
        })
        .collect();
    let single_group = alphabet.letters.is_empty();
    let other_href = (!single_group && index.last().is_some_and(|g| g.letter.is_none()))
        .then(|| "#letter-other".to_string());
    AToZView {
        letters,
        groups,
        other_href,
        single_group,
        count,
    }
}

/// Entries under one letter (`None`: the "other" group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group<T> {
    pub letter: Option<usize>,
    pub entries: Vec<T>,
}

/// A language's index letters and collation.
pub(crate) struct Alphabet {
    /// Full comparison, for the order of entries.
    collator: CollatorBorrowed<'static>,
    /// Base letters only, for grouping.
    primary: CollatorBorrowed<'static>,
    /// The index letters, in collation order.
    pub letters: Vec<String>,
    /// Where each letter's entries start when comparing (the letter itself,
    /// or CLDR's boundary string for Chinese pinyin).
    starts: Vec<String>,
    /// True when `starts` are boundary strings.
    boundaries: bool,
}

impl Alphabet {
    /// The alphabet of a BCP 47 language tag. An unknown or malformed tag
    /// gets the root collation and no letters.
    pub(crate) fn new(language: &str) -> Alphabet {
        let locale: Locale = language.parse().unwrap_or(Locale::UNKNOWN);
        let collator = |strength| {
            let mut options = CollatorOptions::default();
            options.strength = Some(strength);
            Collator::try_new((&locale).into(), options)
                .or_else(|_| Collator::try_new(Default::default(), options))
                .expect("the root collation is compiled in")
        };
        let collator_full = collator(Strength::Tertiary);
        let primary = collator(Strength::Primary);

        let mut letters: Vec<String> = match ExemplarCharacters::try_new_index(&(&locale).into()) {
            Ok(set) if locale != Locale::UNKNOWN => set
                .code_points()
                .iter_chars()
                .map(String::from)
                .chain(set.strings().iter().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        letters.sort_by(|a, b| collator_full.compare(a, b));
        letters.dedup_by(|a, b| primary.compare(a, b) == Ordering::Equal);

        let boundaries = letters.first().is_some_and(|first| {
            primary.compare(&format!("{BOUNDARY_PREFIX}{first}"), first) == Ordering::Less
        });
        let starts = letters
            .iter()
            .map(|l| {
                if boundaries {
                    format!("{BOUNDARY_PREFIX}{l}")
                } else {
                    l.clone()
                }
            })
            .collect();
        Alphabet {
            collator: collator_full,
            primary,
            letters,
            starts,
            boundaries,
        }
    }

    /// The index letter a name is listed under (`None`: the "other" group).
    pub(crate) fn letter_of(&self, name: &str) -> Option<usize> {
        let key = sort_key(name);
        let first = key.chars().next()?;
        let index = self
            .starts
            .iter()
            .rposition(|start| self.primary.compare(start, key) != Ordering::Greater)?;
        // Past the last letter lies the rest of the world's scripts: only
        // names starting with that letter itself belong to it.
        if index + 1 == self.letters.len() && !self.boundaries {
            let mut buffer = [0; 4];
            let first = first.encode_utf8(&mut buffer);
            if self.primary.compare(first, &self.letters[index]) != Ordering::Equal {
                return None;
            }
        }
        Some(index)
    }

    /// Compares two names the way the language sorts them.
    pub(crate) fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator
            .compare(sort_key(a), sort_key(b))
            .then_with(|| a.cmp(b))
    }

    /// Groups `(name, item)` pairs by letter, each group sorted by name (ties
    /// broken by `tie`, so the order is total). Letters without entries are
    /// left out; the "other" group comes last. Without letters, everything
    /// is one group.
    pub(crate) fn group<T>(
        &self,
        mut names: Vec<(String, T)>,
        tie: impl Fn(&T, &T) -> Ordering,
    ) -> Vec<Group<T>> {
        names.sort_by(|(a, x), (b, y)| self.compare(a, b).then_with(|| tie(x, y)));
        let mut groups: Vec<Group<T>> = Vec::new();
        let mut other = Vec::new();
        for (name, item) in names {
            let letter = if self.letters.is_empty() {
                Some(0)
            } else {
                self.letter_of(&name)
            };
            match letter {
                None => other.push(item),
                Some(letter) => match groups.iter_mut().find(|g| g.letter == Some(letter)) {
                    Some(group) => group.entries.push(item),
                    None => groups.push(Group {
                        letter: Some(letter),
                        entries: vec![item],
                    }),
                },
            }
        }
        if self.letters.is_empty() {
            for group in &mut groups {
                group.letter = None;
            }
        }
        groups.sort_by_key(|g| g.letter);
        if !other.is_empty() {
            groups.push(Group {
                letter: None,
                entries: other,
            });
        }
        groups
    }
}

/// The part of a name that sorts: leading quotes, brackets and spaces do not.
fn sort_key(name: &str) -> &str {
    name.trim_start_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letters each name falls under, as shown.
    fn letters(language: &str, names: &[&str]) -> Vec<(String, Vec<String>)> {
        let alphabet = Alphabet::new(language);
        alphabet
            .group(
                names
                    .iter()
                    .map(|n| (n.to_string(), n.to_string()))
                    .collect(),
                |a, b| a.cmp(b),
            )
            .into_iter()
            .map(|g| {
                let letter = g
                    .letter
                    .map_or("other".to_string(), |i| alphabet.letters[i].clone());
                (letter, g.entries)
            })
            .collect()
    }

    fn group(letter: &str, names: &[&str]) -> (String, Vec<String>) {
        (
            letter.to_string(),
            names.iter().map(|n| n.to_string()).collect(),
        )
    }

    #[test]
    fn english_folds_case_and_accents_and_sends_digits_to_other() {
        assert_eq!(
            letters(
                "en",
                &[
                    "asthma",
                    "Éczema",
                    "Ear infection",
                    "5 ways to sleep better",
                    "“Flu” shots",
                    "Zika",
                    "Ωmega-3",
                    "Allergies",
                ]
            ),
            [
                group("A", &["Allergies", "asthma"]),
                group("E", &["Ear infection", "Éczema"]),
                group("F", &["“Flu” shots"]),
                group("Z", &["Zika"]),
                group("other", &["5 ways to sleep better", "Ωmega-3"]),
            ]
        );
    }

    #[test]
    fn french_accents_fold_into_the_base_letter() {
        assert_eq!(
            letters("fr", &["Œdème", "Épilepsie", "Eczéma", "Otite", "Être"]),
            [
                group("E", &["Eczéma", "Épilepsie", "Être"]),
                group("O", &["Œdème", "Otite"]),
            ]
        );
    }

    #[test]
    fn spanish_ñ_is_a_letter_after_n() {
        let alphabet = Alphabet::new("es");
        let n = alphabet.letters.iter().position(|l| l == "N").unwrap();
        assert_eq!(alphabet.letters[n + 1], "Ñ");
        assert_eq!(alphabet.letters[n + 2], "O");
        assert_eq!(
            letters(
                "es",
                &[
                    "Ñame",
                    "Nutrición",
                    "Obesidad",
                    "Niños sanos",
                    "Úlcera",
                    "Asma"
                ]
            ),
            [
                group("A", &["Asma"]),
                group("N", &["Niños sanos", "Nutrición"]),
                group("Ñ", &["Ñame"]),
                group("O", &["Obesidad"]),
                group("U", &["Úlcera"]),
            ]
        );
    }

    #[test]
    fn arabic_letters_in_arabic_order_with_hamza_forms_under_alef() {
        let alphabet = Alphabet::new("ar");
        assert_eq!(alphabet.letters.first().map(String::as_str), Some("ا"));
        assert_eq!(alphabet.letters.last().map(String::as_str), Some("ي"));
        assert_eq!(alphabet.letters.len(), 28);
        assert_eq!(
            letters(
                "ar",
                &[
                    "يرقان",
                    "إسهال",
                    "ربو",
                    "أنفلونزا",
                    "آلام الظهر",
                    "باء",
                    "COVID-19",
                    "سكري"
                ]
            ),
            [
                // Hamza forms fold into ا, so the next letters decide.
                group("ا", &["آلام الظهر", "إسهال", "أنفلونزا"]),
                group("ب", &["باء"]),
                group("ر", &["ربو"]),
                group("س", &["سكري"]),
                group("ي", &["يرقان"]),
                group("other", &["COVID-19"]),
            ]
        );
    }

    #[test]
    fn chinese_groups_by_pinyin_initial() {
        let alphabet = Alphabet::new("zh-Hans");
        assert_eq!(alphabet.letters.len(), 26);
        assert_eq!(
            letters("zh-Hans", &["糖尿病", "高血压", "发烧", "阿司匹林"]),
            [
                group("A", &["阿司匹林"]),
                group("F", &["发烧"]),
                group("G", &["高血压"]),
                group("T", &["糖尿病"]),
            ]
        );
    }

    #[test]
    fn a_language_without_letters_is_one_sorted_group() {
        let alphabet = Alphabet::new("not a language!");
        assert!(alphabet.letters.is_empty());
        let groups = alphabet.group(vec![("b".to_string(), 2), ("a".to_string(), 1)], |a, b| {
            a.cmp(b)
        });
        assert_eq!(
            groups,
            [Group {
                letter: None,
                entries: vec![1, 2]
            }]
        );
    }
}
