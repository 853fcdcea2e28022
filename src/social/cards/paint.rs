//! Drawing one card: the theme's SVG template filled with the page's text
//! (by `fill`, laid out by [`layout`](super::layout)), rasterised with
//! resvg; or the page's own image cropped to 1200×630. Either is then
//! encoded as PNG (by `png`).

mod fill;
mod png;

pub use fill::{Filled, TITLE_BOX, title_bounds};
pub use png::encode;

use super::fonts::FontSet;
use super::resources::{self, Problem, Problems};
use super::{HEIGHT, WIDTH};
use resvg::{tiny_skia, usvg};
use serde::Serialize;
use std::path::Path;

/// The text of a generated card.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardText {
    pub title: String,
    pub site_name: String,
    /// The site's host name, shown in a corner.
    pub host: String,
    /// "Medically reviewed · 1 March 2026", when the page was reviewed.
    pub badge: Option<String>,
    pub rtl: bool,
    pub language: String,
}

/// Template, fonts and colours: everything cards share. Read-only, so the
/// rendering threads share one.
pub struct Painter {
    tera: tera::Tera,
    pub fonts: FontSet,
    colors: Colors,
    logo: Option<String>,
    /// What the SVGs drawn may name: files inside the site only.
    boundary: crate::boundary::Boundary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Colors {
    pub primary: String,
    pub background: String,
    pub text: String,
    pub on_primary: String,
}

impl Colors {
    pub fn of(theme: &crate::theme::Theme) -> Colors {
        Colors {
            primary: theme.color("primary", "#0b5c8c"),
            background: theme.color("background", "#ffffff"),
            text: theme.color("text", "#1a1a1a"),
            on_primary: theme.color("on_primary", "#ffffff"),
        }
    }
}

impl Painter {
    /// `template` is the SVG template text; `logo` a data URI.
    pub fn new(
        template: &str,
        fonts: FontSet,
        colors: Colors,
        logo: Option<String>,
        boundary: crate::boundary::Boundary,
    ) -> Result<Painter, String> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".svg"]);
        tera.add_raw_template("card.svg", template)
            .map_err(|e| crate::error::error_chain(&e))?;
        Ok(Painter {
            tera,
            fonts,
            colors,
            logo,
            boundary,
        })
    }

    /// Options for parsing an SVG whose relative names start at `base`
    /// (relative to the site root): resources through the site's boundary
    /// and within the image bounds, problems into `problems`.
    fn options(&self, base: &Path, problems: &Problems) -> usvg::Options<'static> {
        usvg::Options {
            fontdb: self.fonts.db.clone(),
            resources_dir: None,
            image_href_resolver: resources::resolver(&self.boundary, base, problems),
            ..usvg::Options::default()
        }
    }

    /// Parses an SVG of the site (`rel` to its root) as it would be drawn.
    fn parse_svg(&self, rel: &Path, bytes: &[u8]) -> Result<usvg::Tree, Problem> {
        let problems = Problems::default();
        let base = rel.parent().unwrap_or(Path::new(""));
        let tree = usvg::Tree::from_data(bytes, &self.options(base, &problems)).map_err(|e| {
            Problem::Unusable(format!(
                "`{}` is not a usable SVG image: {e}",
                rel.display()
            ))
        })?;
        match resources::first(&problems, rel) {
            Some(problem) => Err(problem),
            None => Ok(tree),
        }
    }

    /// What would keep a page's own image (`rel` to the site root) from
    /// being drawn, found without drawing it (`check` draws no card).
    pub fn image_problem(&self, rel: &Path) -> Option<Problem> {
        let bytes = match self.boundary.read(rel) {
            Ok(bytes) => bytes,
            Err(_) => return Some(Problem::Outside(rel.display().to_string())),
        };
        if is_svg(rel) {
            self.parse_svg(rel, &bytes).err()
        } else {
            crate::images::check(&bytes).err().map(|message| {
                Problem::Unusable(format!("`{}` was not drawn: {message}", rel.display()))
            })
        }
    }

    /// A generated card as PNG.
    pub fn generated_png(&self, card: &CardText) -> Result<Vec<u8>, String> {
        let tree = self.fill(card)?.tree;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("cannot allocate a card")?;
        pixmap.fill(tiny_skia::Color::WHITE);
        let scale_x = WIDTH as f32 / tree.size().width();
        let scale_y = HEIGHT as f32 / tree.size().height();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale_x, scale_y),
            &mut pixmap.as_mut(),
        );
        encode(pixmap.take(), WIDTH, HEIGHT)
    }

    /// A page's own image, scaled to cover 1200×630 and cropped around its
    /// centre. SVG images are rasterised with resvg.
    pub fn image_png(&self, rel: &Path) -> Result<Vec<u8>, Problem> {
        let bytes = self.boundary.read(rel).map_err(|_| {
            Problem::Outside(format!("`{}` is not a file inside the site", rel.display()))
        })?;
        let rgb = if is_svg(rel) {
            let tree = self.parse_svg(rel, &bytes)?;
            let (w, h) = (tree.size().width(), tree.size().height());
            let scale = (WIDTH as f32 / w).max(HEIGHT as f32 / h);
            let dx = (WIDTH as f32 - w * scale) / 2.0;
            let dy = (HEIGHT as f32 - h * scale) / 2.0;
            let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT)
                .ok_or_else(|| Problem::Unusable("cannot allocate a card".into()))?;
            pixmap.fill(tiny_skia::Color::WHITE);
            resvg::render(
                &tree,
                tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, dx, dy),
                &mut pixmap.as_mut(),
            );
            pixmap.take()
        } else {
            let image = crate::images::decode(&bytes).map_err(|message| {
                Problem::Unusable(format!("`{}` was not drawn: {message}", rel.display()))
            })?;
            let filled = image.resize_to_fill(WIDTH, HEIGHT, image::imageops::FilterType::Lanczos3);
            // Transparent areas become white, as on most platforms' previews.
            let mut rgba = filled.to_rgba8().into_raw();
            for p in rgba.chunks_exact_mut(4) {
                let a = u16::from(p[3]);
                for c in &mut p[..3] {
                    *c = ((u16::from(*c) * a + 255 * (255 - a)) / 255) as u8;
                }
                p[3] = 255;
            }
            rgba
        };
        encode(rgb, WIDTH, HEIGHT).map_err(Problem::Unusable)
    }
}

fn is_svg(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        matches!(
            e.to_string_lossy().to_ascii_lowercase().as_str(),
            "svg" | "svgz"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::fill::MARGIN;
    use super::*;
    use crate::social::cards::MAX_BYTES;
    use std::collections::BTreeSet;

    fn painter() -> Painter {
        let fonts = FontSet::load(
            &crate::boundary::Boundary::new(std::path::Path::new("/nonexistent")),
            &BTreeSet::new(),
            &mut Default::default(),
        );
        let theme = crate::theme::embedded_default();
        let template = &theme.templates["share/card.svg"];
        Painter::new(
            template,
            fonts,
            Colors::of(&theme),
            None,
            crate::boundary::Boundary::new(Path::new("/nonexistent")),
        )
        .unwrap()
    }

    fn card(title: &str, rtl: bool) -> CardText {
        CardText {
            title: title.to_string(),
            site_name: "Riverside Community Health".to_string(),
            host: "health.example.org".to_string(),
            badge: Some("Medically reviewed · March 1, 2026".to_string()),
            rtl,
            language: if rtl { "ar" } else { "en" }.to_string(),
        }
    }

    /// Set PAMPHLET_CARD_DUMP=folder to look at the cards the tests draw.
    fn dump(name: &str, png: &[u8]) {
        if let Some(dir) = std::env::var_os("PAMPHLET_CARD_DUMP") {
            std::fs::write(Path::new(&dir).join(name), png).unwrap();
        }
    }

    fn inside_title_box(filled: &Filled) {
        let (left, top, right, bottom) = filled.title_bounds;
        assert!(left >= MARGIN - 2.0, "{:?}", filled.title_bounds);
        assert!(
            right <= WIDTH as f32 - MARGIN + 2.0,
            "{:?}",
            filled.title_bounds
        );
        assert!(top >= TITLE_BOX.0 - 40.0, "{:?}", filled.title_bounds);
        assert!(bottom <= TITLE_BOX.1 + 30.0, "{:?}", filled.title_bounds);
        assert!(right - left > 100.0, "the title was drawn");
    }

    #[test]
    fn a_card_is_a_small_1200_by_630_png() {
        let png = painter()
            .generated_png(&card("High blood pressure", false))
            .unwrap();
        dump("card-en.png", &png);
        let image = image::load_from_memory(&png).unwrap();
        assert_eq!((image.width(), image.height()), (1200, 630));
        assert!(png.len() < MAX_BYTES, "{} bytes", png.len());
    }

    #[test]
    fn a_200_character_title_stays_inside_its_box() {
        let title = "What everyone caring for an older relative at home should know about falls, \
                     medicines, blood pressure, eating well, sleeping, staying active, getting \
                     vaccinated and asking for help before things go wrong";
        assert!(title.chars().count() >= 200);
        let p = painter();
        let filled = p.fill(&card(title, false)).unwrap();
        inside_title_box(&filled);
        assert!(filled.font_size < 80.0);
        assert!(
            filled.svg.matches("<tspan").count() >= 3,
            "wrapped into several lines"
        );
        dump(
            "card-long.png",
            &p.generated_png(&card(title, false)).unwrap(),
        );
    }

    #[test]
    fn arabic_is_joined_and_right_to_left() {
        let p = painter();
        let title = "ما هو ارتفاع ضغط الدم وكيف نخفضه";
        dump("card-ar.png", &p.generated_png(&card(title, true)).unwrap());
        let filled = p.fill(&card(title, true)).unwrap();
        inside_title_box(&filled);
        // Right-aligned: the title ends at the right margin.
        assert!(
            filled.title_bounds.2 > WIDTH as f32 - MARGIN - 10.0,
            "{:?}",
            filled.title_bounds
        );
        let Some(usvg::Node::Text(text)) = filled.tree.node_by_id("title") else {
            panic!("no title");
        };
        let glyphs: Vec<_> = text
            .layouted()
            .iter()
            .flat_map(|s| s.positioned_glyphs.iter())
            .collect();
        // Shaped: a letter inside a word uses a joined form, not the glyph
        // the font maps the bare character to.
        use skrifa::MetadataProvider;
        let arabic_font = p
            .fonts
            .db
            .faces()
            .find(|f| f.families[0].0 == super::super::fonts::ARABIC_FAMILY && f.weight.0 == 700)
            .unwrap()
            .id;
        let nominal = p
            .fonts
            .db
            .with_face_data(arabic_font, |data, index| {
                let font = skrifa::FontRef::from_index(data, index).unwrap();
                font.charmap().map('ه').unwrap().to_u32()
            })
            .unwrap();
        let he: Vec<_> = glyphs.iter().filter(|g| g.text == "ه").collect();
        assert!(!he.is_empty());
        assert!(
            he.iter().any(|g| g.id.0 != nominal),
            "ه is drawn in a joined form"
        );
        // Right to left: the first letter of the title is right of the last.
        let x = |g: &&usvg::layout::PositionedGlyph| g.transform().tx;
        // (ر is only in the third word, ك only in the seventh; both on the first line.)
        let early = glyphs.iter().find(|g| g.text == "ر").map(x).unwrap();
        let late = glyphs.iter().find(|g| g.text == "ك").map(x).unwrap();
        assert!(early > late, "third word at {early}, last word at {late}");
    }
}
