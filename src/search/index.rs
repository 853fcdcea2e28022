//! One language's search index: which pages hold which terms, and how much
//! each match counts, split into small files so the browser fetches only
//! what a query needs.
//!
//! Files, under `search-index/<language>/`:
//! - `meta.json`: `{"version": 1, "pages": N, "chunk": 64, "shards": [keys]}`.
//! - `terms/<hex of key>.json`: every term starting with that key (see
//!   [`words::shard_key`]), as `{"term": [gap, weight, gap, weight, ...]}`
//!   where gaps are differences between ascending page numbers (the first
//!   is the page number itself) and weights say where the term occurs: 10
//!   in the title or an alias, 5 in the summary or a tag, 1–4 in the body by
//!   how often.
//! - `pages/<n>.json`: pages `n × chunk` onwards, each
//!   `{"url", "title", "summary", "aliases"}`, fetched only for the results
//!   shown.

use super::text::Fields;
use super::words;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Format version, for clients that cache the index.
const VERSION: u32 = 1;
/// Pages per `pages/<n>.json` file.
pub(super) const CHUNK: usize = 64;
const NAME_WEIGHT: u8 = 10;
const SUMMARY_WEIGHT: u8 = 5;
const BODY_WEIGHT_MAX: u8 = 4;

/// What a result shows: read from `pages/<n>.json`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Record {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub aliases: String,
}

/// The terms of one page with their weights, each term once, in no
/// particular order.
///
/// Every word of every page passes through here, so a page's terms are
/// kept in one string rather than one allocation each, with their hashes,
/// which [`Postings`] uses again instead of hashing each term twice.
#[derive(Debug, Default)]
pub(super) struct PageTerms {
    /// The terms' text, one after another.
    text: String,
    terms: Vec<Term>,
}

/// One term of a page: its hash, where its text is in
/// [`PageTerms::text`], and its weight.
#[derive(Debug, Clone, Copy)]
struct Term {
    hash: u64,
    start: u32,
    len: u32,
    weight: u8,
}

impl PageTerms {
    /// Each term and its weight.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.terms.iter().map(|t| (self.term(t), t.weight))
    }

    fn term(&self, term: &Term) -> &str {
        term.in_text(&self.text)
    }
}

impl Term {
    /// This term's text, in the text of its page's terms.
    fn in_text(self, text: &str) -> &str {
        &text[self.start as usize..(self.start + self.len) as usize]
    }
}

/// The hash of a term, the same for a page's table and the postings'.
fn term_hash(term: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(term)
}

/// Weighs the terms of one page's fields.
pub(super) fn page_terms(fields: &Fields) -> PageTerms {
    /// A term being counted: the weight so far and its uses in the body.
    struct Counting {
        term: Term,
        body_uses: u32,
    }
    // Sized for a page's distinct words (about one per 16 bytes of an
    // article's text), so the table is rarely grown while it fills.
    let expected = (fields.names.len() + fields.summary.len() + fields.body.len()) / 16;
    let mut text = String::with_capacity(expected * 8);
    let mut seen: hashbrown::HashTable<Counting> = hashbrown::HashTable::with_capacity(expected);
    let mut add = |field: &str, weight: u8| {
        words::terms(field, &mut |word: &str| {
            let hash = term_hash(word);
            let entry = seen.entry(hash, |c| c.term.in_text(&text) == word, |c| c.term.hash);
            let counting = match entry {
                hashbrown::hash_table::Entry::Occupied(entry) => entry.into_mut(),
                hashbrown::hash_table::Entry::Vacant(entry) => {
                    // A page is far below 4 GB of terms.
                    let start = text.len() as u32;
                    text.push_str(word);
                    let term = Term {
                        hash,
                        start,
                        len: word.len() as u32,
                        weight,
                    };
                    entry.insert(Counting { term, body_uses: 0 }).into_mut()
                }
            };
            counting.term.weight = counting.term.weight.max(weight);
            counting.body_uses += u32::from(weight == 1);
        });
    };
    add(&fields.names, NAME_WEIGHT);
    add(&fields.summary, SUMMARY_WEIGHT);
    add(&fields.body, 1);
    // The postings do not depend on the order: each term's list is
    // ordered by page, and the files by term.
    let terms = seen
        .into_iter()
        .map(|Counting { term, body_uses }| {
            // A body word counts more the more often the page uses it, up
            // to a cap, so a long page cannot outrank a topic's own name.
            let body = (1 + body_uses.max(1).ilog2()).min(u32::from(BODY_WEIGHT_MAX)) as u8;
            Term {
                weight: term.weight.max(body),
                ..term
            }
        })
        .collect();
    PageTerms { text, terms }
}

/// Every term's posting list, built page by page (so a large site's
/// per-page term lists need not all be held at once).
#[derive(Default)]
pub(super) struct Postings {
    by_term: hashbrown::HashTable<Posting>,
    pages: u32,
}

/// One term's list, and the last page in it (to write the next gap).
struct Posting {
    hash: u64,
    term: String,
    last: u32,
    list: Vec<u32>,
}

impl Postings {
    /// Adds the next page (pages are numbered in the order they come).
    pub(super) fn add(&mut self, terms: &PageTerms) {
        let number = self.pages;
        for page_term in &terms.terms {
            let term = terms.term(page_term);
            let posting = self
                .by_term
                .entry(page_term.hash, |p| p.term == term, |p| p.hash)
                .or_insert_with(|| Posting {
                    hash: page_term.hash,
                    term: term.to_string(),
                    last: 0,
                    list: Vec::new(),
                })
                .into_mut();
            // Pages come in ascending order, so each list stays sorted.
            posting
                .list
                .extend([number - posting.last, u32::from(page_term.weight)]);
            posting.last = number;
        }
        self.pages += 1;
    }
}

/// The files of one language's index, by path under its folder, sorted.
pub(super) fn files(records: Vec<Record>, postings: Postings) -> Vec<(String, Vec<u8>)> {
    let page_count = records.len();
    let mut by_shard: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for Posting { term, list, .. } in postings.by_term {
        by_shard
            .entry(words::shard_key(&term))
            .or_default()
            .insert(term, list);
    }
    by_shard.remove("");

    let mut out: Vec<(String, Vec<u8>)> = by_shard
        .par_iter()
        .map(|(key, terms)| {
            let json = serde_json::to_vec(terms).unwrap_or_default();
            (format!("terms/{}.json", words::shard_file(key)), json)
        })
        .collect();
    out.extend(records.chunks(CHUNK).enumerate().map(|(n, chunk)| {
        (
            format!("pages/{n}.json"),
            serde_json::to_vec(chunk).unwrap_or_default(),
        )
    }));
    let meta = serde_json::json!({
        "version": VERSION,
        "pages": page_count,
        "chunk": CHUNK,
        "shards": by_shard.keys().collect::<Vec<_>>(),
    });
    out.push(("meta.json".to_string(), meta.to_string().into_bytes()));
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(names: &str, summary: &str, body: &str) -> Fields {
        Fields {
            names: names.to_string(),
            summary: summary.to_string(),
            body: body.to_string(),
        }
    }

    fn weight(terms: &PageTerms, term: &str) -> Option<u8> {
        terms.iter().find(|(t, _)| *t == term).map(|(_, w)| w)
    }

    #[test]
    fn names_outweigh_summaries_outweigh_bodies() {
        let terms = page_terms(&fields(
            "Fever",
            "When a temperature is high",
            "Fever fever fever high salt salt salt salt salt salt salt salt water",
        ));
        assert_eq!(weight(&terms, "fever"), Some(10));
        assert_eq!(weight(&terms, "high"), Some(5));
        assert_eq!(weight(&terms, "salt"), Some(4), "8 uses, capped");
        assert_eq!(weight(&terms, "water"), Some(1));
        assert_eq!(weight(&terms, "temperature"), Some(5));
        let mut names: Vec<&str> = terms.iter().map(|(t, _)| t).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), terms.iter().count(), "each term once");
    }

    fn record(url: &str) -> Record {
        Record {
            url: url.to_string(),
            title: url.to_string(),
            summary: String::new(),
            aliases: String::new(),
        }
    }

    #[test]
    fn postings_are_gap_encoded_by_shard() {
        let mut postings = Postings::default();
        postings.add(&page_terms(&fields("Fever", "", "water")));
        postings.add(&page_terms(&fields("Flu", "", "")));
        postings.add(&page_terms(&fields("Water", "", "fever")));
        let records = vec![record("/a/"), record("/b/"), record("/c/")];
        let files = files(records, postings);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        // "fe", "fl", "wa" in hex, then the page records and meta.
        assert_eq!(
            names,
            [
                "meta.json",
                "pages/0.json",
                "terms/6665.json",
                "terms/666c.json",
                "terms/7761.json"
            ]
        );
        let read = |name: &str| -> serde_json::Value {
            serde_json::from_slice(&files.iter().find(|(n, _)| n == name).unwrap().1).unwrap()
        };
        // fever: page 0 weight 10, page 2 (gap 2) weight 1.
        assert_eq!(
            read("terms/6665.json"),
            serde_json::json!({"fever": [0, 10, 2, 1]})
        );
        assert_eq!(
            read("terms/7761.json"),
            serde_json::json!({"water": [0, 1, 2, 10]})
        );
        let meta = read("meta.json");
        assert_eq!(meta["pages"], 3);
        assert_eq!(meta["shards"], serde_json::json!(["fe", "fl", "wa"]));
        assert_eq!(read("pages/0.json")[2]["url"], "/c/");
    }

    #[test]
    fn page_records_are_chunked() {
        let count = CHUNK + 1;
        let mut postings = Postings::default();
        (0..count).for_each(|_| postings.add(&PageTerms::default()));
        let files = files(
            (0..count).map(|i| record(&format!("/{i}/"))).collect(),
            postings,
        );
        let chunks: Vec<&str> = files
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| n.starts_with("pages/"))
            .collect();
        assert_eq!(chunks, ["pages/0.json", "pages/1.json"]);
    }
}
