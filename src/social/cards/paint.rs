//! Drawing one card: the theme's SVG template filled with the page's text
//! (laid out by [`layout`](super::layout)), rasterised with resvg; or the
//! page's own image cropped to 1200×630. Then PNG encoding, optimised with
//! oxipng, and reduced to a 256-colour palette when a photo would
//! otherwise exceed the size limit.

use super::fonts::FontSet;
use super::layout::{self, LINE_HEIGHT, Style, TITLE_SIZES};
use super::resources::{self, Problem, Problems};
use super::{HEIGHT, MAX_BYTES, WIDTH};
use resvg::{tiny_skia, usvg};
use serde::Serialize;
use std::path::Path;

/// Margin around the card's content.
const MARGIN: f32 = 80.0;
/// The box the title must stay inside: (top, bottom).
pub const TITLE_BOX: (f32, f32) = (170.0, 480.0);
const LOGO_SIZE: f32 = 72.0;

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

    /// Fills the template, shrinking the title until usvg's layout of it
    /// stays inside the title box.
    pub fn fill(&self, card: &CardText) -> Result<Filled, String> {
        let family = self.fonts.family_list(card.rtl);
        let style = Style {
            fonts: &self.fonts,
            family: &family,
            weight: 700,
        };
        let (start_x, end_x) = if card.rtl {
            (WIDTH as f32 - MARGIN, MARGIN)
        } else {
            (MARGIN, WIDTH as f32 - MARGIN)
        };
        let toward_end = |x: f32, by: f32| if card.rtl { x - by } else { x + by };
        let anchor = "start";
        // RTL lines carry RLE…PDF marks; "end" anchors them on the right.
        let text_anchor = if card.rtl { "end" } else { anchor };
        let content_width = WIDTH as f32 - 2.0 * MARGIN;

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
            toward_end(start_x, LOGO_SIZE + 24.0)
        } else {
            start_x
        };
        let name_room = content_width - (start_x - name_x).abs();
        let (name_size, name_text) =
            layout::fit_line(&style, &card.site_name, name_room, 38.0, 24.0, card.rtl);
        let site_name = Placed {
            text: name_text,
            x: name_x,
            y: 104.0,
            size: name_size,
            anchor: text_anchor,
        };

        let badge = card.badge.as_ref().map(|text| {
            let size = 26.0;
            let (size, text) =
                layout::fit_line(&style, text, content_width * 0.6, size, 18.0, card.rtl);
            let width = layout::width_at(&style, &text, size) + 48.0;
            let height = 52.0;
            let x = if card.rtl { start_x - width } else { start_x };
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
        });
        let host_style = Style {
            weight: 400,
            ..style
        };
        let (host_size, host_text) = layout::fit_line(
            &host_style,
            &card.host,
            content_width * 0.35,
            26.0,
            16.0,
            false,
        );
        let host = Placed {
            text: host_text,
            x: end_x,
            y: 547.0,
            size: host_size,
            anchor: if card.rtl { "start" } else { "end" },
        };

        let (top, bottom) = TITLE_BOX;
        let mut sizes: &[f32] = &TITLE_SIZES;
        loop {
            let fitted = layout::fit(
                &style,
                &card.title,
                content_width,
                bottom - top,
                sizes,
                card.rtl,
            );
            let block = fitted.lines.len() as f32 * fitted.size * LINE_HEIGHT;
            let first = top + ((bottom - top) - block).max(0.0) / 2.0 + fitted.size * 0.92;
            let title = TitleView {
                lines: fitted
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(i, text)| Line {
                        text: text.clone(),
                        y: (first + i as f32 * fitted.size * LINE_HEIGHT).round(),
                    })
                    .collect(),
                x: start_x,
                size: fitted.size,
            };
            let mut context = tera::Context::new();
            context.insert(
                "card",
                &CardView {
                    width: WIDTH,
                    height: HEIGHT,
                    anchor: text_anchor,
                    family: &family,
                    lang: &card.language,
                },
            );
            context.insert("colors", &self.colors);
            context.insert("logo", &logo);
            context.insert("site_name", &site_name);
            context.insert("title", &title);
            context.insert("badge", &badge);
            context.insert("host", &host);
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

/// oxipng's effort: level 1 makes cards about 17% smaller than level 0 in
/// twice the time; higher levels gain under 2% for another 2–3×.
const OXIPNG_PRESET: u8 = 1;

/// libdeflate's level within that preset (the preset's own is 10, its
/// slow "near-optimal" search). Measured on 1,061 title cards: level 10
/// took 41 ms of CPU per card, level 8 15 ms for cards 13% larger (16 KB
/// on average), level 6 13 ms for 18% larger. A first CI build of a large
/// site draws thousands of cards, so 8.
const DEFLATE_LEVEL: u8 = 8;

/// Optimised PNG from opaque RGBA pixels (a pixmap filled with an opaque
/// background, so premultiplied equals straight alpha; oxipng drops the
/// alpha channel). A photo that stays above [`MAX_BYTES`] is reduced to a
/// 256-colour palette (the size WhatsApp still shows previews for).
pub fn encode(rgba: Vec<u8>, width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut options = oxipng::Options::from_preset(OXIPNG_PRESET);
    options.deflater = oxipng::Deflater::Libdeflater {
        compression: DEFLATE_LEVEL,
    };
    let raw = oxipng::RawImage::new(
        width,
        height,
        oxipng::ColorType::RGBA,
        oxipng::BitDepth::Eight,
        rgba,
    )
    .map_err(|e| e.to_string())?;
    let png = raw
        .create_optimized_png(&options)
        .map_err(|e| e.to_string())?;
    if png.len() <= MAX_BYTES {
        return Ok(png);
    }
    quantized(&raw_rgba(&png)?, width, height, &options)
        .map(|small| if small.len() < png.len() { small } else { png })
}

fn raw_rgba(png_bytes: &[u8]) -> Result<Vec<u8>, String> {
    let image = image::load_from_memory_with_format(png_bytes, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(image.to_rgba8().into_raw())
}

fn quantized(
    rgba: &[u8],
    width: u32,
    height: u32,
    options: &oxipng::Options,
) -> Result<Vec<u8>, String> {
    let quant = color_quant::NeuQuant::new(10, 256, rgba);
    let palette: Vec<oxipng::RGBA8> = quant
        .color_map_rgba()
        .chunks_exact(4)
        .map(|c| oxipng::RGBA8::new(c[0], c[1], c[2], c[3]))
        .collect();
    let indices: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| quant.index_of(p) as u8)
        .collect();
    oxipng::RawImage::new(
        width,
        height,
        oxipng::ColorType::Indexed { palette },
        oxipng::BitDepth::Eight,
        indices,
    )
    .and_then(|raw| raw.create_optimized_png(options))
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
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
