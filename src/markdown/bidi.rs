//! Mixed-direction text in right-to-left pages: each run of left-to-right
//! words inside right-to-left text ("Ibuprofen 400 mg", "C++", "COVID-19")
//! is wrapped in `<bdi>`, so the browser lays it out as one left-to-right
//! unit and neutral characters at its edges (a `+`, a `%`, a closing
//! bracket) stay with the word they belong to. Authors write plain text.
//!
//! Character directions come from Unicode data (ICU4X), not from a table
//! of scripts written here.

use super::Spanned;
use icu_properties::CodePointMapData;
use icu_properties::props::BidiClass;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Wraps the left-to-right runs of every text event (not code, not alt text).
pub(super) fn isolate_left_to_right_runs(events: &mut Vec<Spanned>) {
    // A left-to-right run split over two events (at a quote, a bracket)
    // is still one run.
    super::join_text_runs(events, |_| true);
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    // Inside an image (its text is the alt attribute) or a code block.
    let mut skip = 0usize;
    for (event, range) in events.drain(..) {
        match &event {
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock) => skip = skip.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        let runs = if skip == 0 {
            left_to_right_runs(text)
        } else {
            Vec::new()
        };
        if runs.is_empty() {
            out.push((event, range));
            continue;
        }
        let mut last = 0;
        for (start, end) in runs {
            if start > last {
                out.push((
                    Event::Text(CowStr::from(text[last..start].to_string())),
                    range.clone(),
                ));
            }
            out.push((Event::InlineHtml(CowStr::Borrowed("<bdi>")), range.clone()));
            out.push((
                Event::Text(CowStr::from(text[start..end].to_string())),
                range.clone(),
            ));
            out.push((Event::InlineHtml(CowStr::Borrowed("</bdi>")), range.clone()));
            last = end;
        }
        if last < text.len() {
            out.push((
                Event::Text(CowStr::from(text[last..].to_string())),
                range.clone(),
            ));
        }
    }
    *events = out;
}

/// Byte ranges of the left-to-right runs of `text`: from a strong
/// left-to-right character to the last character that belongs with it
/// (letters, digits, `%`, `+`, a bracket closed inside the run), never
/// across a right-to-left character. Sentence punctuation and spaces at a
/// run's end stay outside, with the right-to-left sentence.
fn left_to_right_runs(text: &str) -> Vec<(usize, usize)> {
    let classes = CodePointMapData::<BidiClass>::new();
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut open_brackets = 0usize;
    fn close(start: &mut Option<usize>, end: usize, runs: &mut Vec<(usize, usize)>) {
        if let Some(s) = start.take() {
            runs.push((s, end));
        }
    }
    for (i, c) in text.char_indices() {
        let class = classes.get(c);
        let after = i + c.len_utf8();
        match class {
            BidiClass::R | BidiClass::AL | BidiClass::AN => {
                close(&mut start, end, &mut runs);
                open_brackets = 0;
            }
            BidiClass::L => {
                if start.is_none() {
                    start = Some(i);
                    open_brackets = 0;
                }
                end = after;
            }
            BidiClass::EN | BidiClass::ET | BidiClass::ES if start.is_some() => end = after,
            _ if start.is_some() => match c {
                '(' | '[' | '{' => open_brackets += 1,
                ')' | ']' | '}' if open_brackets > 0 => {
                    open_brackets -= 1;
                    end = after;
                }
                _ => {}
            },
            _ => {}
        }
    }
    close(&mut start, end, &mut runs);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<&str> {
        left_to_right_runs(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn finds_latin_words_inside_arabic() {
        assert_eq!(runs("تناول Ibuprofen 400 mg مرتين."), ["Ibuprofen 400 mg"]);
        assert_eq!(runs("لغة C++ مفيدة"), ["C++"]);
        assert_eq!(runs("فيروس COVID-19."), ["COVID-19"]);
        assert_eq!(
            runs("(Paracetamol) و HbA1c 7%"),
            ["Paracetamol", "HbA1c 7%"]
        );
        assert_eq!(
            runs("Vitamin D (cholecalciferol) يومياً"),
            ["Vitamin D (cholecalciferol)"]
        );
        assert!(runs("ضغط الدم ١٢٠/٨٠").is_empty());
        assert!(
            runs("120/80").is_empty(),
            "numbers alone are laid out correctly already"
        );
    }

    #[test]
    fn wraps_runs_in_bdi_but_not_alt_text_or_code() {
        let markdown = "تناول Ibuprofen مرتين.\n\n![صورة Aspirin](a.png)\n\n```\nprint x\n```\n";
        let mut events: Vec<Spanned> =
            pulldown_cmark::Parser::new_ext(markdown, crate::markdown::options())
                .into_offset_iter()
                .collect();
        isolate_left_to_right_runs(&mut events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        assert!(html.contains("تناول <bdi>Ibuprofen</bdi> مرتين."), "{html}");
        assert!(html.contains("alt=\"صورة Aspirin\""), "{html}");
        assert!(html.contains("print x"), "{html}");
        assert_eq!(html.matches("<bdi>").count(), 1, "{html}");
    }
}
