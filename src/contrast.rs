//! Colour contrast as WCAG 2 defines it (relative luminance of sRGB
//! colours), and nudging a colour until it reaches a ratio. Used to make
//! generated stylesheets (code highlighting) meet WCAG AA, and by tests
//! that hold the default theme's palette to it in light and dark schemes.

use std::fmt;

/// The contrast WCAG 2 AA asks of normal text.
pub(crate) const AA_TEXT: f64 = 4.5;
/// The contrast WCAG 2.1 asks of focus rings and other non-text parts
/// (checked by the theme's tests).
#[cfg(test)]
pub(crate) const AA_NON_TEXT: f64 = 3.0;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Reads `#rrggbb` or `#rgb`.
    pub(crate) fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    /// Relative luminance, 0 (black) to 1 (white).
    pub(crate) fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The contrast ratio of two colours, 1 to 21.
pub(crate) fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `colour` if it already contrasts enough with `background`, else the
/// closest colour towards black or white (whichever the background allows)
/// that does, so its hue stays recognisable.
pub(crate) fn ensure(colour: Rgb, background: Rgb, minimum: f64) -> Rgb {
    if ratio(colour, background) >= minimum {
        return colour;
    }
    let target = if background.luminance() > 0.18 {
        Rgb(0, 0, 0)
    } else {
        Rgb(255, 255, 255)
    };
    (1..=100)
        .map(|step| colour.mix(target, f64::from(step) / 100.0))
        .find(|c| ratio(*c, background) >= minimum)
        .unwrap_or(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_wcag() {
        let white = Rgb::parse("#fff").unwrap();
        let black = Rgb::parse("#000000").unwrap();
        assert!((ratio(white, black) - 21.0).abs() < 1e-9);
        assert!((ratio(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = Rgb::parse("#767676").unwrap();
        assert!((ratio(grey, white) - 4.54).abs() < 0.01);
        assert_eq!(Rgb::parse("nope"), None);
    }

    #[test]
    fn ensure_moves_only_as_far_as_needed() {
        let white = Rgb(255, 255, 255);
        let dark = Rgb(0x1d, 0x22, 0x26);
        let comment = Rgb::parse("#969896").unwrap();
        let fixed = ensure(comment, white, AA_TEXT);
        assert!(ratio(fixed, white) >= AA_TEXT);
        assert!(ratio(fixed, white) < AA_TEXT + 0.3, "{fixed}");
        let on_dark = ensure(Rgb::parse("#65737e").unwrap(), dark, AA_TEXT);
        assert!(ratio(on_dark, dark) >= AA_TEXT);
        assert_eq!(ensure(Rgb(0, 0, 0), white, AA_TEXT), Rgb(0, 0, 0));
        assert_eq!(fixed.to_string().len(), 7);
    }
}
