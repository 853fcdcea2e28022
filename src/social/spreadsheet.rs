//! The social kit's CSV, written so a spreadsheet never runs a cell.
//!
//! Spreadsheets read a cell that starts with `=`, `+`, `-` or `@` as a
//! formula (and some treat a leading tab or carriage return the same way),
//! so a title such as `=HYPERLINK("http://evil.example", "Click")` would
//! run when a communications team opens the kit. Every cell goes through
//! [`Writer::row`], which neutralises such cells the way OWASP recommends:
//! a leading `'` makes the spreadsheet show the cell as text. There is no
//! other way to write a row, so no future column can forget it. The JSON
//! kit is data for programs and is left exactly as written.

use std::borrow::Cow;

/// A CSV writer whose every cell is safe to open in a spreadsheet.
pub struct Writer {
    inner: csv::Writer<Vec<u8>>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    pub fn new() -> Writer {
        // Cells are quoted whenever CSV requires it (a comma, a quote, a
        // line break), so a cell can never spill into the next one.
        Writer {
            inner: csv::WriterBuilder::new()
                .quote_style(csv::QuoteStyle::Necessary)
                .from_writer(Vec::new()),
        }
    }

    /// Writes one row, neutralising every cell.
    pub fn row<'c>(&mut self, cells: impl IntoIterator<Item = &'c str>) -> csv::Result<()> {
        self.inner
            .write_record(cells.into_iter().map(|c| neutralise(c).into_owned()))
    }

    pub fn into_bytes(self) -> Result<Vec<u8>, String> {
        self.inner.into_inner().map_err(|e| e.to_string())
    }
}

/// A cell with a leading `'` when a spreadsheet would read it as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if starts_like_a_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether the first character that counts is one a spreadsheet starts a
/// formula with. Spaces and invisible characters before it do not hide it
/// (spreadsheets trim them), and the full-width and small forms count too
/// (some spreadsheets fold them to ASCII).
fn starts_like_a_formula(cell: &str) -> bool {
    for c in cell.chars() {
        match c {
            '=' | '+' | '-' | '@' | '\t' | '\r' | '\n' => return true,
            '＝' | '＋' | '－' | '＠' | '﹦' | '﹢' | '﹣' | '﹫' | '−' => return true,
            c if c.is_whitespace() || is_invisible(c) => continue,
            _ => return false,
        }
    }
    false
}

/// Characters with no width that may stand before a formula unseen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formula_cells_get_a_leading_quote() {
        for cell in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "  =HYPERLINK(\"http://x\")",
            "\u{a0}=1",
            "\u{200B}=1",
            "＝1+1",
            "＋1",
            "－1",
            "＠x",
            "﹦1",
            "−1",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in [
            "Less salt",
            "2026-01-10",
            "",
            "   ",
            "a=b",
            "#Salt",
            "'quoted",
            "١٢٣",
            "ضغط الدم",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn rows_are_quoted_as_csv_requires() {
        let mut w = Writer::new();
        w.row(["=1,2", "plain", "say \"hi\"", "a\nb"]).unwrap();
        let text = String::from_utf8(w.into_bytes().unwrap()).unwrap();
        assert_eq!(text, "\"'=1,2\",plain,\"say \"\"hi\"\"\",\"a\nb\"\n");
    }

    proptest! {
        /// Whatever a cell holds, the CSV reads back as the same cells, and
        /// none of them starts a formula.
        #[test]
        fn no_cell_reads_back_as_a_formula(cells in proptest::collection::vec(".{0,12}", 1..6)) {
            let mut w = Writer::new();
            // (A first column of its own: a reader drops a byte-order mark
            // at the very start of the file.)
            w.row(std::iter::once("row").chain(cells.iter().map(String::as_str))).unwrap();
            let bytes = w.into_bytes().unwrap();
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[..]);
            let record = reader.records().next().unwrap().unwrap();
            prop_assert_eq!(record.len(), cells.len() + 1);
            for (read, written) in record.iter().skip(1).zip(&cells) {
                prop_assert!(!starts_like_a_formula(read) || read.starts_with('\''), "{:?}", read);
                let expected = neutralise(written);
                prop_assert_eq!(read, expected.as_ref());
            }
        }
    }
}
