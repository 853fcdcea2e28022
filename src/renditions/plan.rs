//! Planning one image's copies: its size (after orientation), the widths
//! it gets, their addresses and their cache keys. Reads the file's header
//! and hashes its bytes; decodes no pixel.

use crate::config::ImagesConfig;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Part of every cache key: bump it when resizing or encoding changes.
const VERSION: &str = "pamphlet-rendition-1";

/// The image formats pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    /// Published as it is (an animation would lose its frames).
    Gif,
    /// Published as it is (it is sharp at any width).
    Svg,
}

impl Format {
    /// The format of an image file by its extension (any letter case).
    pub fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?;
        let is = |name: &str| extension.eq_ignore_ascii_case(name);
        Some(if is("jpg") || is("jpeg") {
            Format::Jpeg
        } else if is("png") {
            Format::Png
        } else if is("webp") {
            Format::Webp
        } else if is("gif") {
            Format::Gif
        } else if is("svg") {
            Format::Svg
        } else {
            return None;
        })
    }

    pub(super) fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif => "gif",
            Format::Svg => "svg",
        }
    }

    /// JPEG, PNG and WebP get smaller copies.
    pub fn is_resized(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png | Format::Webp)
    }
}

/// One copy of an image, at one width, in one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Root-relative URL.
    pub url: String,
    /// The same as the page writes it (a valid IRI; see [`crate::uri`]).
    pub href: String,
    /// Cache key (hex): the file's content, width, format and quality.
    pub(super) key: String,
}

/// What a page shows for one image file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The `src` of the `<img>`: the widest copy in the fallback format,
    /// or the file itself when it has no copies.
    pub src: String,
    /// The same as the page writes it (a valid IRI).
    pub href: String,
    /// Width and height as shown (after the EXIF orientation), of the
    /// widest copy; `None` for an SVG without a size of its own.
    pub size: Option<(u32, u32)>,
    /// The format of the `<img>`'s copies (the file's own).
    pub fallback: Format,
    /// Every copy, narrowest first, WebP and fallback side by side (empty
    /// for GIF and SVG files, and with `images.responsive: false`).
    pub copies: Vec<Copy>,
    /// The file, relative to the site root.
    pub(super) source: PathBuf,
    /// The file's size in bytes.
    pub(super) bytes: u64,
    /// The EXIF orientation to apply to the decoded pixels.
    pub(super) orientation: image::metadata::Orientation,
}

impl Picture {
    /// Fills in the addresses pages write (`href`s) for the site's `urls`.
    pub(super) fn with_hrefs(mut self: Arc<Self>, urls: &crate::site::urls::Urls) -> Arc<Self> {
        let picture = Arc::make_mut(&mut self);
        picture.href = urls.encoded(&picture.src, crate::uri::Form::Iri);
        for copy in &mut picture.copies {
            copy.href = urls.encoded(&copy.url, crate::uri::Form::Iri);
        }
        self
    }

    /// The `srcset` of the copies in `format` (`url 480w, url 800w`).
    pub fn srcset(&self, format: Format) -> String {
        let mut out = String::new();
        for copy in self.copies.iter().filter(|c| c.format == format) {
            if !out.is_empty() {
                out.push_str(", ");
            }
            // A comma could end the address in a srcset (spaces are encoded).
            out.push_str(&copy.href.replace(',', "%2C"));
            out.push_str(&format!(" {}w", copy.width));
        }
        out
    }
}

/// Plans the picture of the file `source` (relative to `root`), published
/// at `url`. `Err` says, for the author, why it cannot be used.
pub(super) fn plan(
    root: &Path,
    source: &Path,
    url: &str,
    settings: &ImagesConfig,
) -> Result<Arc<Picture>, String> {
    let format = Format::of(source).ok_or("this is not an image file")?;
    let bytes = read_bounded(root, source)?;
    let mut picture = Picture {
        src: url.to_string(),
        href: String::new(),
        size: None,
        fallback: format,
        copies: Vec::new(),
        source: source.to_path_buf(),
        bytes: bytes.len() as u64,
        orientation: image::metadata::Orientation::NoTransforms,
    };
    if format == Format::Svg {
        picture.size = svg_size(&bytes);
        return Ok(Arc::new(picture));
    }
    let (width, height) =
        crate::images::check(&bytes)?.ok_or("the file's content is not the image its name says")?;
    picture.orientation = orientation(&bytes);
    let (width, height) = if swaps_sides(picture.orientation) {
        (height, width)
    } else {
        (width, height)
    };
    picture.size = Some((width, height));
    if !format.is_resized() || !settings.responsive {
        return Ok(Arc::new(picture));
    }
    let content = blake3::hash(&bytes).to_hex();
    let widths = widths(width, &settings.widths);
    let (stem, _) = url.rsplit_once('.').unwrap_or((url, ""));
    let formats: &[Format] = if format == Format::Webp {
        &[Format::Webp]
    } else {
        &[Format::Webp, format]
    };
    for &w in &widths {
        let h = scaled(height, w, width);
        for &f in formats {
            let key = blake3::hash(
                format!(
                    "{VERSION}\0{content}\0{w}\0{}\0{}",
                    f.extension(),
                    settings.quality
                )
                .as_bytes(),
            );
            picture.copies.push(Copy {
                width: w,
                height: h,
                format: f,
                url: format!("{stem}-{w}w.{}", f.extension()),
                href: String::new(),
                key: key.to_hex().to_string(),
            });
        }
    }
    let widest = widths.last().copied().unwrap_or(width);
    picture.size = Some((widest, scaled(height, widest, width)));
    if let Some(copy) = picture
        .copies
        .iter()
        .rev()
        .find(|c| c.format == format && c.width == widest)
    {
        picture.src = copy.url.clone();
    }
    Ok(Arc::new(picture))
}

/// The widths an image `width` pixels wide gets: each configured width
/// narrower than it, and its own width when that is below the widest
/// configured one (never wider than the image: upscaling adds bytes, not
/// detail).
pub(super) fn widths(width: u32, configured: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = configured.iter().copied().filter(|&w| w < width).collect();
    let widest = configured.iter().copied().max().unwrap_or(width);
    if width <= widest {
        out.push(width);
    }
    out
}

/// `height` scaled as `width` goes to `to` (at least one pixel).
pub(super) fn scaled(height: u32, to: u32, width: u32) -> u32 {
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width.max(1));
    (h as u32).max(1)
}

/// Reads a file of the site, refusing a link out of it and a file over the
/// bound before reading it.
fn read_bounded(root: &Path, source: &Path) -> Result<Vec<u8>, String> {
    let boundary = crate::boundary::Boundary::new(root);
    let rel = boundary
        .resolve(Path::new(""), source)
        .map_err(|_| "the image is not a file inside the site folder".to_string())?;
    let path = root.join(rel);
    let meta = std::fs::metadata(&path).map_err(|e| format!("the image cannot be read: {e}"))?;
    if meta.len() > crate::images::MAX_FILE_BYTES {
        return Err(format!(
            "the image is {} MB, more than the {} MB Pamphlet reads",
            meta.len() / (1024 * 1024),
            crate::images::MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    std::fs::read(&path).map_err(|e| format!("the image cannot be read: {e}"))
}

/// The EXIF orientation a camera wrote (none when it cannot be read).
fn orientation(bytes: &[u8]) -> image::metadata::Orientation {
    use image::ImageDecoder;
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_decoder().ok())
        .and_then(|mut d| d.orientation().ok())
        .unwrap_or(image::metadata::Orientation::NoTransforms)
}

/// Whether an orientation turns the image a quarter turn.
pub(super) fn swaps_sides(orientation: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation::*;
    matches!(
        orientation,
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH
    )
}

/// An SVG's width and height in pixels, from its `width` and `height`
/// attributes, else its `viewBox`.
fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(tag) | Event::Empty(tag)
                if AsRef::<str>::as_ref(&tag.local_name()) == "svg" =>
            {
                let attribute = |name: &str| -> Option<String> {
                    tag.attributes().flatten().find_map(|a| {
                        (AsRef::<str>::as_ref(&a.key.local_name()) == name)
                            .then(|| a.value.to_string())
                    })
                };
                let pixels = |v: String| -> Option<u32> {
                    let n: f64 = v.trim().trim_end_matches("px").parse().ok()?;
                    (n >= 1.0 && n <= f64::from(crate::images::MAX_SIDE))
                        .then_some(n.round() as u32)
                };
                if let (Some(w), Some(h)) = (
                    attribute("width").and_then(pixels),
                    attribute("height").and_then(pixels),
                ) {
                    return Some((w, h));
                }
                let view_box = attribute("viewBox")?;
                let parts: Vec<&str> = view_box
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|p| !p.is_empty())
                    .collect();
                return match parts.as_slice() {
                    [_, _, w, h] => Some((pixels(w.to_string())?, pixels(h.to_string())?)),
                    _ => None,
                };
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale() {
        let configured = [480, 800, 1200, 1600];
        assert_eq!(widths(4000, &configured), vec![480, 800, 1200, 1600]);
        assert_eq!(widths(1000, &configured), vec![480, 800, 1000]);
        assert_eq!(widths(1600, &configured), vec![480, 800, 1200, 1600]);
        assert_eq!(widths(300, &configured), vec![300]);
        assert_eq!(scaled(3000, 480, 4000), 360);
        assert_eq!(scaled(1, 10, 4000), 1);
    }

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size(br#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40px"/>"#),
            Some((120, 40))
        );
        assert_eq!(
            svg_size(br#"<?xml version="1.0"?><svg viewBox="0 0 300 150"></svg>"#),
            Some((300, 150))
        );
        assert_eq!(svg_size(br#"<svg width="100%"/>"#), None);
    }
}
