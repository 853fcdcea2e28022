//! Filling the card template: the site name, logo, badge and host laid
//! out around the title, and the title shrunk until usvg's layout of it
//! stays inside its box.

use super::super::layout::{self, Fitted, LINE_HEIGHT, Style, TITLE_SIZES};
use super::super::resources::{self, Problem, Problems};
use super::super::{HEIGHT, WIDTH};
use super::{CardText, Painter};
use resvg::usvg;
use serde::Serialize;
use std::path::Path;

/// Margin around the card's content.
pub(super) const MARGIN: f32 = 80.0;
/// The box the title must stay inside: (top, bottom).
pub const TITLE_BOX: (f32, f32) = (170.0, 480.0);
const LOGO_SIZE: f32 = 72.0;

/// A filled template and where its title ended up.
pub struct Filled {
    pub svg: String,
    /// The template parsed by usvg, ready to draw.
    pub tree: usvg::Tree,
    pub font_size: f32,
    /// The title's bounds as laid out by usvg: (left, top, right, bottom).
    pub title_bounds: (f32, f32, f32, f32),
}

#[derive(Serialize)]
struct Placed {
    text: String,
    x: f32,
    y: f32,
    size: f32,
    anchor: &'static str,
}

#[derive(Serialize)]
struct Line {
    text: String,
    y: f32,
}

#[derive(Serialize)]
struct TitleView {
    lines: Vec<Line>,
    x: f32,
    size: f32,
}

#[derive(Serialize)]
struct BadgeView {
    text: String,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
    text_x: f32,
    text_y: f32,
    size: f32,
}

#[derive(Serialize)]
struct LogoView<'a> {
    href: &'a str,
    x: f32,
    y: f32,
    size: f32,
}

#[derive(Serialize)]
struct CardView<'a> {
    width: u32,
    height: u32,
    anchor: &'static str,
    family: &'a str,
    lang: &'a str,
}

/// Where a card's lines start and end: mirrored on right-to-left cards.
struct Sides {
    rtl: bool,
    start_x: f32,
    end_x: f32,
    text_anchor: &'static str,
    content_width: f32,
}

impl Sides {
    fn of(rtl: bool) -> Sides {
        let (start_x, end_x) = if rtl {
            (WIDTH as f32 - MARGIN, MARGIN)
        } else {
            (MARGIN, WIDTH as f32 - MARGIN)
        };
        let anchor = "start";
        Sides {
            rtl,
            start_x,
            end_x,
            // RTL lines carry RLE…PDF marks; "end" anchors them on the right.
            text_anchor: if rtl { "end" } else { anchor },
            content_width: WIDTH as f32 - 2.0 * MARGIN,
        }
    }

    fn toward_end(&self, x: f32, by: f32) -> f32 {
        if self.rtl { x - by } else { x + by }
    }
}

/// Everything around the title: laid out once, whatever size the title takes.
struct Frame<'a> {
    logo: Option<LogoView<'a>>,
    site_name: Placed,
    badge: Option<BadgeView>,
    host: Placed,
}

impl Painter {
    /// Fills the template, shrinking the title until usvg's layout of it
    /// stays inside the title box.
    pub fn fill(&self, card: &CardText) -> Result<Filled, String> {
        let family = self.fonts.family_list(card.rtl);
        let style = Style {
            fonts: &self.fonts,
            family: &family,
            weight: 700,
        };
        let sides = Sides::of(card.rtl);
        let frame = self.frame(&style, card, &sides);
        let (top, bottom) = TITLE_BOX;
        let mut sizes: &[f32] = &TITLE_SIZES;
        loop {
            let fitted = layout::fit(
                &style,
                &card.title,
                sides.content_width,
                bottom - top,
                sizes,
                card.rtl,
            );
            let title = title_view(&fitted, sides.start_x);
            let (svg, tree) = self.draw(card, &family, &sides, &frame, &title)?;
            let bounds = title_bounds(&tree);
            let fits = bounds.0 >= MARGIN - 2.0
                && bounds.2 <= WIDTH as f32 - MARGIN + 2.0
                && bounds.1 >= top - fitted.size * 0.5
                && bounds.3 <= bottom + fitted.size * 0.5;
            let smaller = sizes.iter().position(|&s| s < fitted.size);
            match smaller {
                Some(i) if !fits => sizes = &sizes[i..],
                _ => {
                    return Ok(Filled {
                        svg,
                        tree,
                        font_size: fitted.size,
                        title_bounds: bounds,
                    });
                }
            }
        }
    }

    fn frame(&self, style: &Style, card: &CardText, sides: &Sides) -> Frame<'_> {
        let start_x = sides.start_x;
        let logo = self.logo.as_deref().map(|href| LogoView {
            href,
            x: if card.rtl {
                start_x - LOGO_SIZE
            } else {
                start_x
            },
            y: 54.0,
            size: LOGO_SIZE,
        });
        let name_x = if logo.is_some() {
            sides.toward_end(start_x, LOGO_SIZE + 24.0)
        } else {
            start_x
        };
        let name_room = sides.content_width - (start_x - name_x).abs();
        let (name_size, name_text) =
            layout::fit_line(style, &card.site_name, name_room, 38.0, 24.0, card.rtl);
        let site_name = Placed {
            text: name_text,
            x: name_x,
            y: 104.0,
            size: name_size,
            anchor: sides.text_anchor,
        };
        let host_style = Style {
            weight: 400,
            ..*style
        };
        let (host_size, host_text) = layout::fit_line(
            &host_style,
            &card.host,
            sides.content_width * 0.35,
            26.0,
            16.0,
            false,
        );
        Frame {
            logo,
            site_name,
            badge: card.badge.as_ref().map(|text| badge(style, text, sides)),
            host: Placed {
                text: host_text,
                x: sides.end_x,
                y: 547.0,
                size: host_size,
                anchor: if card.rtl { "start" } else { "end" },
            },
        }
    }

    /// The template filled with one layout of the title, and parsed.
    fn draw(
        &self,
        card: &CardText,
        family: &str,
        sides: &Sides,
        frame: &Frame,
        title: &TitleView,
    ) -> Result<(String, usvg::Tree), String> {
        let mut context = tera::Context::new();
        context.insert(
            "card",
            &CardView {
                width: WIDTH,
                height: HEIGHT,
                anchor: sides.text_anchor,
                family,
                lang: &card.language,
            },
        );
        context.insert("colors", &self.colors);
        context.insert("logo", &frame.logo);
        context.insert("site_name", &frame.site_name);
        context.insert("title", title);
        context.insert("badge", &frame.badge);
        context.insert("host", &frame.host);
        let svg = self
            .tera
            .render("card.svg", &context)
            .map_err(|e| crate::error::error_chain(&e))?;
        let problems = Problems::default();
        let tree = usvg::Tree::from_str(&svg, &self.options(Path::new(""), &problems))
            .map_err(|e| format!("the share-card template is not valid SVG: {e}"))?;
        match resources::first(&problems, Path::new("share/card.svg")) {
            Some(Problem::Outside(message) | Problem::Unusable(message)) => {
                return Err(message);
            }
            None => {}
        }
        Ok((svg, tree))
    }
}

/// The "Medically reviewed" badge, sized to its text.
fn badge(style: &Style, text: &str, sides: &Sides) -> BadgeView {
    let start_x = sides.start_x;
    let size = 26.0;
    let (size, text) = layout::fit_line(
        style,
        text,
        sides.content_width * 0.6,
        size,
        18.0,
        sides.rtl,
    );
    let width = layout::width_at(style, &text, size) + 48.0;
    let height = 52.0;
    let x = if sides.rtl { start_x - width } else { start_x };
    BadgeView {
        text,
        x,
        y: 512.0,
        width,
        height,
        text_x: x + width / 2.0,
        text_y: 512.0 + height / 2.0 + size * 0.35,
        size,
    }
}

/// The title's lines at the size `fitted` chose, centred in the title box.
fn title_view(fitted: &Fitted, x: f32) -> TitleView {
    let (top, bottom) = TITLE_BOX;
    let block = fitted.lines.len() as f32 * fitted.size * LINE_HEIGHT;
    let first = top + ((bottom - top) - block).max(0.0) / 2.0 + fitted.size * 0.92;
    TitleView {
        lines: fitted
            .lines
            .iter()
            .enumerate()
            .map(|(i, text)| Line {
                text: text.clone(),
                y: (first + i as f32 * fitted.size * LINE_HEIGHT).round(),
            })
            .collect(),
        x,
        size: fitted.size,
    }
}

/// Where usvg placed the `#title` text: (left, top, right, bottom).
pub fn title_bounds(tree: &usvg::Tree) -> (f32, f32, f32, f32) {
    match tree.node_by_id("title") {
        Some(usvg::Node::Text(text)) => {
            let b = text.abs_bounding_box();
            (b.left(), b.top(), b.right(), b.bottom())
        }
        _ => (MARGIN, TITLE_BOX.0, MARGIN, TITLE_BOX.0),
    }
}
