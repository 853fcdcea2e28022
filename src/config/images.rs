//! `images:`: the responsive copies of articles' photos (see `renditions`).

use super::FILE_NAME;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use serde::Deserialize;
use std::path::Path;

/// `images:` in site.yaml.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(default)]
pub struct ImagesConfig {
    /// Make smaller copies of JPEG, PNG and WebP images (`false`: images
    /// are published as they are, with no `srcset`).
    pub responsive: bool,
    /// The widths, in pixels, of the copies (never wider than the original).
    pub widths: Vec<u32>,
    /// Quality of the lossy copies (WebP and JPEG), 1 to 100.
    pub quality: u8,
    /// The `sizes` attribute: how wide the image shows on the page.
    pub sizes: String,
    /// A copy (or a GIF or SVG file) larger than this many bytes is a warning.
    pub warn_bytes: u64,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            responsive: true,
            widths: vec![480, 800, 1200, 1600],
            quality: 75,
            // The default theme's text column is 42rem wide.
            sizes: "(min-width: 42rem) 42rem, 100vw".to_string(),
            warn_bytes: 500 * 1024,
        }
    }
}

/// The widest copy made: wider would cost decoding time for no reader.
const MAX_WIDTH: u32 = crate::images::MAX_SIDE;

/// Checks `images:` and returns it with its widths sorted.
pub(super) fn check(
    mut images: ImagesConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> ImagesConfig {
    let file = Path::new(FILE_NAME);
    let mut problem = |key: &str, message: String, hint: &str| {
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                file,
                locate(&["images", key]),
                message,
            )
            .with_hint(hint),
        );
    };
    if images.widths.is_empty() || images.widths.iter().any(|&w| w == 0 || w > MAX_WIDTH) {
        problem(
            "widths",
            format!("`images.widths` must list widths from 1 to {MAX_WIDTH} pixels"),
            "write a few widths, e.g. `widths: [480, 800, 1200, 1600]`",
        );
    }
    if !(1..=100).contains(&images.quality) {
        problem(
            "quality",
            format!(
                "`images.quality: {}` is not between 1 and 100",
                images.quality
            ),
            "75 keeps photos sharp at a quarter of their size; write e.g. `quality: 75`",
        );
    }
    if images.sizes.trim().is_empty() || images.sizes.contains(['"', '<', '>']) {
        problem(
            "sizes",
            "`images.sizes` must be a `sizes` attribute value".to_string(),
            "e.g. `sizes: \"(min-width: 42rem) 42rem, 100vw\"`",
        );
    }
    images.widths.sort_unstable();
    images.widths.dedup();
    images
}
