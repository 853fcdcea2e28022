//! Patient privacy: nothing personal leaves the organisation by accident.
//!
//! Images copied to the site lose their EXIF, XMP, IPTC and text metadata
//! (a clinic phone's photo carries GPS coordinates and camera serials);
//! colour profiles are kept so pictures still look right. [`personal_data`]
//! warns about likely personal details written into articles.

pub(crate) mod personal_data;

use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};
use std::path::Path;

/// The image without its metadata, or `None` when the file is not a JPEG,
/// PNG or WebP image (or cannot be read as one): it is then copied as it is.
pub(crate) fn strip_image_metadata(path: &Path, bytes: &[u8]) -> Option<Vec<u8>> {
    let extension = path.extension()?.to_string_lossy().to_lowercase();
    let data = Bytes::copy_from_slice(bytes);
    match extension.as_str() {
        "jpg" | "jpeg" => {
            let mut jpeg = Jpeg::from_bytes(data).ok()?;
            // APP1 holds EXIF and XMP; APP3–APP13 camera and editor data
            // (APP13: IPTC); COM free-text comments. APP0 (JFIF), APP2 (ICC
            // profile) and APP14 (Adobe colour transform) are kept.
            let strip: Vec<u8> = (markers::APP1..=markers::APP13)
                .filter(|&m| m != markers::APP2)
                .chain([markers::COM])
                .collect();
            jpeg.segments_mut().retain(|s| !strip.contains(&s.marker()));
            Some(jpeg.encoder().bytes().to_vec())
        }
        "png" => {
            let mut png = Png::from_bytes(data).ok()?;
            for kind in [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt", *b"tIME"] {
                png.remove_chunks_by_type(kind);
            }
            Some(png.encoder().bytes().to_vec())
        }
        "webp" => {
            let mut webp = WebP::from_bytes(data).ok()?;
            webp.set_exif(None);
            webp.remove_chunks_by_id(*b"XMP ");
            Some(webp.encoder().bytes().to_vec())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny JPEG: SOI, APP0 (JFIF), APP1 (EXIF with a fake GPS tag
    /// string), COM, a quantisation table and EOI — enough for the container.
    fn jpeg_with_exif() -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8];
        let segment = |marker: u8, body: &[u8]| {
            let len = (body.len() + 2) as u16;
            let mut s = vec![0xFF, marker, (len >> 8) as u8, len as u8];
            s.extend_from_slice(body);
            s
        };
        v.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        v.extend(segment(
            0xE1,
            b"Exif\0\0GPSLatitude 51.5 SerialNumber 12345",
        ));
        v.extend(segment(0xFE, b"taken at Riverside clinic"));
        v.extend(segment(0xDB, &[0u8; 65]));
        v.extend([0xFF, 0xD9]);
        v
    }

    #[test]
    fn jpeg_metadata_is_removed_and_the_rest_kept() {
        let original = jpeg_with_exif();
        let stripped = strip_image_metadata(Path::new("photo.JPG"), &original).unwrap();
        let text = String::from_utf8_lossy(&stripped);
        assert!(
            !text.contains("GPSLatitude") && !text.contains("SerialNumber"),
            "EXIF removed"
        );
        assert!(!text.contains("Riverside"), "comments removed");
        assert!(text.contains("JFIF"), "JFIF header kept");
        assert!(stripped.starts_with(&[0xFF, 0xD8]) && stripped.ends_with(&[0xFF, 0xD9]));
    }

    #[test]
    fn png_text_chunks_are_removed() {
        // PNG signature, IHDR, tEXt, IEND, each chunk with its CRC.
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        let chunk = |kind: &[u8; 4], body: &[u8]| {
            let mut c = (body.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(body);
            let mut crc = crc32fast::Hasher::new();
            crc.update(kind);
            crc.update(body);
            c.extend_from_slice(&crc.finalize().to_be_bytes());
            c
        };
        png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
        png.extend(chunk(b"tEXt", b"Author\0Jane Patient"));
        png.extend(chunk(b"IEND", b""));
        let stripped = strip_image_metadata(Path::new("scan.png"), &png).unwrap();
        assert!(!String::from_utf8_lossy(&stripped).contains("Jane Patient"));
        assert!(String::from_utf8_lossy(&stripped).contains("IHDR"));
    }

    #[test]
    fn other_files_are_left_alone() {
        assert!(strip_image_metadata(Path::new("leaflet.pdf"), b"%PDF").is_none());
        assert!(strip_image_metadata(Path::new("broken.jpg"), b"not a jpeg").is_none());
    }
}
