//! PNG encoding of a drawn card: optimised with oxipng, and reduced to a
//! 256-colour palette when a photo would otherwise exceed the size limit.

use super::super::MAX_BYTES;

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
