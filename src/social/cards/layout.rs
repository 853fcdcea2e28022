//! Fitting text on a card: measuring with usvg's own shaping, breaking
//! lines where Unicode allows (spaces, between CJK characters), and picking
//! the largest font size at which a title fits its box.
//!
//! SVG has no automatic line wrapping, so the card template receives the
//! lines ready-made. Widths come from one usvg parse of every piece at a
//! reference size (shaping is linear in the font size), so an Arabic word is
//! measured joined, exactly as it will be drawn.

use super::fonts::FontSet;
use resvg::usvg;

/// Size pieces are measured at; widths scale linearly from it.
const REFERENCE_SIZE: f32 = 100.0;
/// Title sizes tried, largest first.
pub const TITLE_SIZES: [f32; 10] = [80.0, 72.0, 64.0, 58.0, 52.0, 46.0, 42.0, 38.0, 34.0, 30.0];
/// Baseline-to-baseline distance, in font sizes.
pub const LINE_HEIGHT: f32 = 1.18;
/// Widths are sums of separately measured pieces; keep a little slack.
const SLACK: f32 = 0.97;
/// Marks a right-to-left line (RLE … PDF) so usvg, which lays every line
/// out as a left-to-right paragraph, keeps mixed Arabic/Latin text in order.
const RTL_START: char = '\u{202B}';
const RTL_END: char = '\u{202C}';

/// What to measure text with.
pub struct Style<'a> {
    pub fonts: &'a FontSet,
    pub family: &'a str,
    pub weight: u16,
}

/// Width of each text at the reference size, shaped as usvg shapes it.
pub fn measure(style: &Style, texts: &[&str]) -> Vec<f32> {
    let mut svg =
        String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20000\" height=\"200\">");
    for (i, text) in texts.iter().enumerate() {
        svg.push_str(&format!(
            "<text id=\"m{i}\" x=\"0\" y=\"150\" font-family=\"{}\" font-size=\"{REFERENCE_SIZE}\" font-weight=\"{}\">{}</text>",
            escape(style.family),
            style.weight,
            escape(text)
        ));
    }
    svg.push_str("</svg>");
    let options = usvg::Options {
        fontdb: style.fonts.db.clone(),
        ..usvg::Options::default()
    };
    let Ok(tree) = usvg::Tree::from_str(&svg, &options) else {
        return vec![0.0; texts.len()];
    };
    (0..texts.len())
        .map(|i| match tree.node_by_id(&format!("m{i}")) {
            Some(usvg::Node::Text(text)) => text.bounding_box().width(),
            _ => 0.0,
        })
        .collect()
}

/// A piece of text between two line-break opportunities.
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    /// Followed by a space when not at the end of a line.
    space_after: bool,
    width: f32,
}

/// A title broken into lines at a font size.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
    /// True when even the smallest size needed the text cut short.
    pub truncated: bool,
}

/// Breaks `text` into lines no wider than `width` at the largest size of
/// `sizes` whose lines also fit `height`. `rtl` marks each line for
/// right-to-left display.
pub fn fit(style: &Style, text: &str, width: f32, height: f32, sizes: &[f32], rtl: bool) -> Fitted {
    let (units, space, ellipsis) = units(style, text);
    for &size in sizes {
        let scale = size / REFERENCE_SIZE;
        let max_lines = (height / (size * LINE_HEIGHT)).floor().max(1.0) as usize;
        let lines = wrap(&units, space, width * SLACK / scale);
        if lines.len() <= max_lines {
            return Fitted {
                size,
                lines: lines.iter().map(|l| join(l, rtl, false)).collect(),
                truncated: false,
            };
        }
    }
    // Nothing fits: the smallest size, cut after the last whole piece that
    // leaves room for an ellipsis.
    let size = sizes.last().copied().unwrap_or(REFERENCE_SIZE);
    let scale = size / REFERENCE_SIZE;
    let max_lines = (height / (size * LINE_HEIGHT)).floor().max(1.0) as usize;
    let limit = width * SLACK / scale;
    let mut lines = wrap(&units, space, limit);
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        while last.len() > 1 && line_width(last, space) + space + ellipsis > limit {
            last.pop();
        }
    }
    let count = lines.len();
    Fitted {
        size,
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, l)| join(l, rtl, i + 1 == count))
            .collect(),
        truncated: true,
    }
}

/// Shrinks a one-line text (the site name) to fit `width`, down to `min`,
/// then cuts it with an ellipsis. Returns (size, text).
pub fn fit_line(
    style: &Style,
    text: &str,
    width: f32,
    size: f32,
    min: f32,
    rtl: bool,
) -> (f32, String) {
    let full = measure(style, &[text])[0];
    let needed = full * size / REFERENCE_SIZE;
    if needed <= width * SLACK {
        return (size, join_text(text, rtl));
    }
    let shrunk = size * width * SLACK / needed;
    if shrunk >= min {
        return (shrunk.floor(), join_text(text, rtl));
    }
    let fitted = fit(style, text, width, min * LINE_HEIGHT, &[min], rtl);
    (min, fitted.lines.into_iter().next().unwrap_or_default())
}

/// Width of a one-line text at `size`.
pub fn width_at(style: &Style, text: &str, size: f32) -> f32 {
    measure(style, &[text])[0] * size / REFERENCE_SIZE
}

/// The pieces of `text`, the width of a space and of an ellipsis, all from
/// one measurement.
fn units(style: &Style, text: &str) -> (Vec<Unit>, f32, f32) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut start = 0;
    for (end, _) in unicode_linebreak::linebreaks(&text) {
        let piece = &text[start..end];
        start = end;
        let trimmed = piece.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        pieces.push((trimmed.to_string(), trimmed.len() != piece.len()));
    }
    let mut texts: Vec<&str> = pieces.iter().map(|(t, _)| t.as_str()).collect();
    texts.extend(["n n", "nn", "…"]);
    let widths = measure(style, &texts);
    let n = pieces.len();
    let space = (widths[n] - widths[n + 1]).max(0.0);
    let ellipsis = widths[n + 2];
    let units = pieces
        .into_iter()
        .zip(widths)
        .map(|((text, space_after), width)| Unit {
            text,
            space_after,
            width,
        })
        .collect();
    (units, space, ellipsis)
}

/// Greedy line filling; a piece wider than a whole line is split by characters.
fn wrap(units: &[Unit], space: f32, width: f32) -> Vec<Vec<Unit>> {
    let mut lines: Vec<Vec<Unit>> = Vec::new();
    let mut current: Vec<Unit> = Vec::new();
    for unit in units.iter().flat_map(|u| split_wide(u, width)) {
        let gap = current
            .last()
            .map_or(0.0, |u: &Unit| if u.space_after { space } else { 0.0 });
        if !current.is_empty() && line_width(&current, space) + gap + unit.width > width {
            lines.push(std::mem::take(&mut current));
        }
        current.push(unit);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn split_wide(unit: &Unit, width: f32) -> Vec<Unit> {
    if unit.width <= width || width <= 0.0 {
        return vec![unit.clone()];
    }
    let chars: Vec<char> = unit.text.chars().collect();
    let parts = ((unit.width / width).ceil() as usize).clamp(1, chars.len().max(1));
    let per = chars.len().div_ceil(parts);
    let count = chars.chunks(per).count();
    chars
        .chunks(per)
        .enumerate()
        .map(|(i, c)| Unit {
            text: c.iter().collect(),
            space_after: i + 1 == count && unit.space_after,
            width: unit.width * c.len() as f32 / chars.len() as f32,
        })
        .collect()
}

fn line_width(line: &[Unit], space: f32) -> f32 {
    let gaps = line[..line.len().saturating_sub(1)]
        .iter()
        .filter(|u| u.space_after)
        .count();
    line.iter().map(|u| u.width).sum::<f32>() + gaps as f32 * space
}

fn join(line: &[Unit], rtl: bool, ellipsis: bool) -> String {
    let mut text = String::new();
    for (i, unit) in line.iter().enumerate() {
        text.push_str(&unit.text);
        if unit.space_after && i + 1 < line.len() {
            text.push(' ');
        }
    }
    if ellipsis {
        text.push('…');
    }
    join_text(&text, rtl)
}

fn join_text(text: &str, rtl: bool) -> String {
    if rtl {
        format!("{RTL_START}{text}{RTL_END}")
    } else {
        text.to_string()
    }
}

/// Escapes text for SVG content and attributes.
pub fn escape(text: &str) -> String {
    crate::html::escape_attribute(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn fonts() -> FontSet {
        FontSet::load(
            &crate::boundary::Boundary::new(std::path::Path::new("/nonexistent")),
            &BTreeSet::new(),
            &mut Default::default(),
        )
    }

    fn style(fonts: &FontSet) -> Style<'_> {
        Style {
            fonts,
            family: "'Atkinson Hyperlegible', 'Noto Sans Arabic'",
            weight: 700,
        }
    }

    #[test]
    fn widths_grow_with_text() {
        let fonts = fonts();
        let w = measure(&style(&fonts), &["i", "Hello", "Hello world", ""]);
        assert!(w[0] > 0.0 && w[0] < w[1] && w[1] < w[2], "{w:?}");
        assert_eq!(w[3], 0.0);
    }

    #[test]
    fn short_titles_get_large_type_and_long_ones_wrap() {
        let fonts = fonts();
        let s = style(&fonts);
        let short = fit(&s, "Flu shots", 1040.0, 300.0, &TITLE_SIZES, false);
        assert_eq!((short.size, short.lines.len()), (80.0, 1));
        let long = "Word ".repeat(40);
        let fitted = fit(&s, &long, 1040.0, 300.0, &TITLE_SIZES, false);
        assert!(fitted.size < 80.0 && fitted.lines.len() > 1, "{fitted:?}");
        assert!(!fitted.truncated);
        let words: usize = fitted
            .lines
            .iter()
            .map(|l| l.split_whitespace().count())
            .sum();
        assert_eq!(words, 40, "no word is lost");
        for line in &fitted.lines {
            assert!(width_at(&s, line, fitted.size) <= 1040.0, "{line}");
        }
    }

    #[test]
    fn too_long_text_is_cut_with_an_ellipsis() {
        let fonts = fonts();
        let fitted = fit(
            &style(&fonts),
            &"Anticoagulation ".repeat(60),
            1040.0,
            300.0,
            &TITLE_SIZES,
            false,
        );
        assert!(fitted.truncated);
        assert!(fitted.lines.last().unwrap().ends_with('…'));
    }

    #[test]
    fn cjk_breaks_between_characters_and_rtl_lines_are_marked() {
        let fonts = fonts();
        let s = style(&fonts);
        let (units, space, _) = units(&s, "高血压是什么");
        assert!(space > 0.0);
        assert_eq!(units.len(), 6, "{units:?}");
        let arabic = fit(
            &s,
            "ما هو ارتفاع ضغط الدم",
            1040.0,
            300.0,
            &TITLE_SIZES,
            true,
        );
        assert!(arabic.lines[0].starts_with(RTL_START));
    }
}
