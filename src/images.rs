//! The bounds on every image Pamphlet decodes: a page's own picture, a
//! site logo, and any raster image an SVG file pulls in by name or carries
//! inside itself as a `data:` address. Images arrive in pull requests, and
//! a 2 KB PNG can claim to be 100,000 × 100,000 pixels: decoding it would
//! ask for 40 GB. Each image's size is read from its header first, and one
//! over the bounds is refused before any pixel is decoded.

use std::io::Cursor;

/// The widest or tallest image decoded (a 16,384-pixel side is more than any
/// camera or phone writes).
pub(crate) const MAX_SIDE: u32 = 16_384;
/// The most pixels one image may have: 64 megapixels (a 48-megapixel phone
/// photo fits).
pub(crate) const MAX_PIXELS: u64 = 64_000_000;
/// The most memory a decoder may ask for at once.
pub(crate) const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// The largest image file read at all.
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why an image was not decoded, in words for the author.
pub(crate) type Refusal = String;

/// Checks a raster image's header against the bounds. `Ok(None)` when the
/// bytes are not a raster format this crate knows (an SVG, say), so the
/// caller decides.
pub(crate) fn check(bytes: &[u8]) -> Result<Option<(u32, u32)>, Refusal> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "the image is {} MB, more than the {} MB Pamphlet reads",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let Ok(reader) = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format() else {
        return Ok(None);
    };
    if reader.format().is_none() {
        return Ok(None);
    }
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("the image cannot be read: {e}"))?;
    within(width, height).map(|()| Some((width, height)))
}

/// Whether an image of `width` × `height` pixels is within the bounds.
pub(crate) fn within(width: u32, height: u32) -> Result<(), Refusal> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "the image is {width} × {height} pixels, more than Pamphlet decodes \
             (at most {MAX_SIDE} pixels a side and {} megapixels)",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Decodes a raster image within the bounds.
pub(crate) fn decode(bytes: &[u8]) -> Result<image::DynamicImage, Refusal> {
    check(bytes)?;
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("the image cannot be read: {e}"))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    reader
        .decode()
        .map_err(|e| format!("the image cannot be used: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fuzzing::png_claiming as png_header;

    #[test]
    fn huge_claimed_sizes_are_refused_before_decoding() {
        for (w, h) in [
            (100_000, 100_000),
            (16_385, 10),
            (10, 16_385),
            (9_000, 9_000),
        ] {
            let message = check(&png_header(w, h)).unwrap_err();
            assert!(message.contains(&w.to_string()), "{message}");
            assert!(decode(&png_header(w, h)).is_err());
        }
        assert_eq!(check(&png_header(4000, 3000)).unwrap(), Some((4000, 3000)));
    }

    #[test]
    fn unknown_formats_are_left_to_the_caller() {
        assert_eq!(
            check(b"<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap(),
            None
        );
    }

    #[test]
    fn a_real_small_image_decodes() {
        let mut png = Vec::new();
        image::RgbaImage::new(3, 2)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let decoded = decode(&png).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (3, 2));
    }
}
