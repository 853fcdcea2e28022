//! Writing the copies pages used: each image decoded once (within the
//! bounds of [`crate::images`]), turned upright, resized from its widest
//! copy down and encoded, in parallel; or copied from the cache folder when
//! an earlier build made it. Then the problems, at every place the image
//! is shown.

use super::plan::{Format, Picture};
use super::{CACHE_FOLDER, Entry, Renditions, Use};
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::error::{Error, Result};
use crate::output::Output;
use image::DynamicImage;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// What writing the copies cost.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    /// Images decoded and encoded in this build.
    pub encoded: usize,
    /// Copies taken from the cache.
    pub cached: usize,
    /// Time spent decoding, resizing and encoding, summed over threads.
    pub encode_time: Duration,
}

/// A problem of one image, as the diagnostic for one place it is shown.
type Problem<'a> = Box<dyn Fn(&(PathBuf, Position)) -> Diagnostic + 'a>;

/// One image's outcome: each copy's size in bytes (in the order of
/// [`Picture::copies`]), the time it took (`None`: all from the cache),
/// and a problem to report where it is shown.
struct Written {
    sizes: Vec<u64>,
    time: Option<Duration>,
    problem: Option<String>,
}

impl Renditions {
    /// Writes the copies of every image pages showed (each once) into
    /// `output`, and reports the problems of those images. Without an
    /// output (`check`), only reports.
    pub fn write(&self, output: Option<&dyn Output>) -> Result<(Stats, Diagnostics)> {
        let used: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.planned.get().is_some())
            .collect();
        let cache = match output {
            Some(_) if used.iter().any(|e| has_copies(e)) => Some(cache_folder(&self.root)?),
            _ => None,
        };
        let written: Vec<Option<Written>> = used
            .par_iter()
            .map(|entry| -> Result<Option<Written>> {
                let (Some(output), Some(cache), Some(Ok(picture))) =
                    (output, &cache, entry.planned.get())
                else {
                    return Ok(None);
                };
                if picture.copies.is_empty() || entry.written.swap(true, Ordering::SeqCst) {
                    return Ok(None);
                }
                write_one(self, picture, cache, output).map(Some)
            })
            .collect::<Result<_>>()?;
        let mut stats = Stats::default();
        let mut diagnostics = Diagnostics::new();
        for (entry, written) in used.iter().zip(&written) {
            if let Some(w) = written {
                match w.time {
                    Some(time) => {
                        stats.encoded += 1;
                        stats.encode_time += time;
                    }
                    None => stats.cached += w.sizes.len(),
                }
            }
            let problems = self.problems(entry, written.as_ref());
            if !problems.is_empty() {
                let places = self.located(uses(entry));
                for problem in problems {
                    for place in &places {
                        diagnostics.push(problem(place));
                    }
                }
            }
        }
        Ok((stats, diagnostics))
    }

    /// The places with their positions: a cover's is its `image:` line.
    fn located(&self, uses: Vec<Use>) -> Vec<(PathBuf, Position)> {
        uses.into_iter()
            .map(|u| {
                let position = u.position.unwrap_or_else(|| {
                    let text = std::fs::read_to_string(self.root.join(&u.file)).unwrap_or_default();
                    crate::frontmatter::Positions::at(
                        &text,
                        &[crate::yaml::Segment::Key("image".into())],
                    )
                });
                (u.file, position)
            })
            .collect()
    }

    /// Deletes the cached copies this build did not use (after a full
    /// build that published: the cache belongs to one site). Only files
    /// named as Pamphlet names copies are touched.
    pub fn prune_cache(&self) {
        let used: std::collections::BTreeSet<String> = self
            .entries
            .iter()
            .filter_map(|e| e.planned.get()?.as_ref().ok())
            .flat_map(|p| p.copies.iter())
            .map(|c| format!("{}.{}", c.key, c.format.extension()))
            .collect();
        let dir = self.root.join(CACHE_FOLDER);
        // Never through a link (see `cache_folder`).
        if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_copy = name.split_once('.').is_some_and(|(key, ext)| {
                key.len() == 64
                    && key.chars().all(|c| c.is_ascii_hexdigit())
                    && matches!(ext, "webp" | "jpg" | "png")
            });
            if is_copy && !used.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// The problems of one image, each as a diagnostic for a place it is shown.
    fn problems(&self, entry: &Entry, written: Option<&Written>) -> Vec<Problem<'_>> {
        let mut out: Vec<Problem<'_>> = Vec::new();
        let limit = self.settings.warn_bytes;
        let name = entry.source.display().to_string();
        let picture = match entry.planned.get() {
            Some(Ok(picture)) => picture,
            Some(Err(message)) => {
                let message = format!("`{name}` cannot be resized: {message}");
                out.push(Box::new(move |(file, position): &(PathBuf, Position)| {
                    Diagnostic::warning(codes::IMAGE_UNUSABLE, file, *position, message.clone())
                        .with_hint("open the image in a photo editor and save it again as a JPEG (photos) or PNG (drawings), at most 4,000 pixels wide")
                }));
                return out;
            }
            None => return out,
        };
        if let Some(problem) = written.and_then(|w| w.problem.clone()) {
            let message = format!("`{name}` cannot be resized: {problem}");
            out.push(Box::new(move |(file, position): &(PathBuf, Position)| {
                Diagnostic::warning(codes::IMAGE_UNUSABLE, file, *position, message.clone())
                    .with_hint("open the image in a photo editor and save it again as a JPEG (photos) or PNG (drawings); until then readers get the file as it is")
            }));
        }
        let heaviest = written.and_then(|w| {
            w.sizes
                .iter()
                .zip(&picture.copies)
                .filter(|(size, _)| **size > limit)
                .max_by_key(|(size, copy)| (**size, copy.width))
                .map(|(size, copy)| (*size, copy.width, copy.format))
        });
        let kb = |bytes: u64| bytes.div_ceil(1024);
        let message = match heaviest {
            Some((size, width, format)) => Some((
                format!(
                    "the {width}-pixel-wide {} copy of `{name}` is {} KB, more than the {} KB set by `images.warn_bytes`",
                    format.extension().to_uppercase(),
                    kb(size),
                    kb(limit)
                ),
                "crop the photo to what matters and save it with less noise or fine detail (or, for a photo saved as PNG, as a JPEG); or raise `images.warn_bytes` in site.yaml",
            )),
            None if picture.copies.is_empty()
                && matches!(picture.fallback, Format::Gif | Format::Svg)
                && picture.bytes > limit =>
            {
                Some((
                    format!(
                        "`{name}` is {} KB, more than the {} KB set by `images.warn_bytes`; GIF and SVG files are published as they are",
                        kb(picture.bytes),
                        kb(limit)
                    ),
                    "save an animation as a short MP4 video, a photo as a JPEG, and simplify a drawing (fewer points, no embedded photos); or raise `images.warn_bytes` in site.yaml",
                ))
            }
            None => None,
        };
        if let Some((message, hint)) = message {
            out.push(Box::new(move |(file, position): &(PathBuf, Position)| {
                Diagnostic::warning(codes::IMAGE_TOO_HEAVY, file, *position, message.clone())
                    .with_hint(hint)
            }));
        }
        out
    }
}

fn has_copies(entry: &Entry) -> bool {
    matches!(entry.planned.get(), Some(Ok(p)) if !p.copies.is_empty())
}

/// Each place an image is shown, once, in order.
fn uses(entry: &Entry) -> Vec<Use> {
    let mut uses = entry.uses.lock().map(|u| u.clone()).unwrap_or_default();
    uses.sort();
    uses.dedup();
    uses
}

/// `root/.pamphlet-cache/images/`, made when missing. Every folder on the
/// way must be a real folder: a link there (which a pull request can add
/// when the cache is kept in the repository) could make the build write,
/// or publish, files outside the site.
fn cache_folder(root: &Path) -> Result<PathBuf> {
    let mut dir = root.to_path_buf();
    for part in Path::new(CACHE_FOLDER).components() {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(Error::Usage(format!(
                    "`{}` is not a folder (it is a file or a link); Pamphlet caches resized images there: delete it and build again",
                    dir.display()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
            }
            Err(e) => return Err(Error::io(&dir, e)),
        }
    }
    Ok(dir)
}

/// A copy in the cache: a plain file (a link there is never followed).
fn cached(path: &Path) -> Option<u64> {
    std::fs::symlink_metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
}

fn cache_path(cache: &Path, copy: &super::Copy) -> PathBuf {
    cache.join(format!("{}.{}", copy.key, copy.format.extension()))
}

fn write_one(
    renditions: &Renditions,
    picture: &Picture,
    cache: &Path,
    output: &dyn Output,
) -> Result<Written> {
    let target = |url: &str| renditions.urls.output_path(url);
    let sizes: Option<Vec<u64>> = picture
        .copies
        .iter()
        .map(|c| cached(&cache_path(cache, c)))
        .collect();
    if let Some(sizes) = sizes {
        for copy in &picture.copies {
            output.publish_cached(&target(&copy.url), &cache_path(cache, copy))?;
        }
        return Ok(Written {
            sizes,
            time: None,
            problem: None,
        });
    }
    let started = Instant::now();
    let source = renditions.root.join(&picture.source);
    let original = std::fs::read(&source).map_err(|e| Error::io(&source, e))?;
    let encoded = match encode_all(&original, picture, renditions.settings.quality) {
        Ok(encoded) => encoded,
        Err(problem) => {
            // The pages already name the copies: each gets the file as it
            // is (browsers read the image whatever its name says), and
            // nothing is cached, so the next build tries again.
            for copy in &picture.copies {
                output.write(&target(&copy.url), &original)?;
            }
            return Ok(Written {
                sizes: vec![original.len() as u64; picture.copies.len()],
                time: Some(started.elapsed()),
                problem: Some(problem),
            });
        }
    };
    let time = started.elapsed();
    for (copy, bytes) in picture.copies.iter().zip(&encoded) {
        // Written under a temporary name and renamed, so a concurrent
        // build never copies half a file.
        let file = cache_path(cache, copy);
        let partial = cache.join(format!("{}.{}.partial", copy.key, std::process::id()));
        if std::fs::write(&partial, bytes).is_ok() {
            let _ = std::fs::rename(&partial, &file);
        }
        output.write(&target(&copy.url), bytes)?;
    }
    Ok(Written {
        sizes: encoded.iter().map(|b| b.len() as u64).collect(),
        time: Some(time),
        problem: None,
    })
}

/// Every copy of `picture`, in its order, from the file's bytes.
fn encode_all(original: &[u8], picture: &Picture, quality: u8) -> Result<Vec<Vec<u8>>, String> {
    let mut image = crate::images::decode(original)?;
    image.apply_orientation(picture.orientation);
    let mut out: Vec<Option<Vec<u8>>> = vec![None; picture.copies.len()];
    // Widest first, each width resized from the one before: a 480-pixel
    // copy made from the 800-pixel one costs a fraction of one made from
    // a 4,000-pixel photo, and looks the same.
    let mut order: Vec<usize> = (0..picture.copies.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(picture.copies[i].width));
    let mut current: Option<(u32, DynamicImage)> = None;
    for i in order {
        let copy = &picture.copies[i];
        let resized = match current.take() {
            Some((width, image)) if width == copy.width => image,
            Some((_, image)) => resize(&image, copy.width, copy.height),
            None => resize(&image, copy.width, copy.height),
        };
        out[i] = Some(encode(&resized, copy.format, quality)?);
        current = Some((copy.width, resized));
    }
    Ok(out.into_iter().flatten().collect())
}

fn resize(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    if image.width() == width && image.height() == height {
        return image.clone();
    }
    image.resize_exact(width, height, image::imageops::FilterType::CatmullRom)
}

/// One copy's bytes. No metadata is written: the pixels are upright already.
fn encode(image: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    let (width, height) = (image.width(), image.height());
    let failed = |e: &dyn std::fmt::Debug| format!("the copy could not be encoded ({e:?})");
    let mut out = Vec::new();
    match format {
        Format::Webp => {
            let memory = if image.color().has_alpha() {
                let rgba = image.to_rgba8();
                webp::Encoder::from_rgba(&rgba, width, height)
                    .encode_simple(false, f32::from(quality))
            } else {
                let rgb = image.to_rgb8();
                webp::Encoder::from_rgb(&rgb, width, height)
                    .encode_simple(false, f32::from(quality))
            }
            .map_err(|e| failed(&e))?;
            out.extend_from_slice(&memory);
        }
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
                .encode_image(&rgb)
                .map_err(|e| failed(&e))?;
        }
        Format::Png => {
            use image::ImageEncoder;
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            );
            let result = if image.color().has_alpha() {
                let rgba = image.to_rgba8();
                encoder.write_image(&rgba, width, height, image::ExtendedColorType::Rgba8)
            } else {
                let rgb = image.to_rgb8();
                encoder.write_image(&rgb, width, height, image::ExtendedColorType::Rgb8)
            };
            result.map_err(|e| failed(&e))?;
        }
        Format::Gif | Format::Svg => return Err("GIF and SVG files are not resized".into()),
    }
    Ok(out)
}
