//! Responsive images: the smaller copies ("renditions") of the JPEG, PNG
//! and WebP images articles show, and the `<picture>` markup that offers
//! them to the browser.
//!
//! Readers mostly arrive on phones over slow or metered connections, so a
//! 4 MB camera photo is resized into a few widths (`images.widths`, never
//! wider than the photo), each encoded as lossy WebP and in the photo's own
//! format for browsers without WebP. The photo's EXIF orientation is turned
//! into its pixels first (the copies carry no metadata, and a portrait
//! phone photo must not lie on its side).
//!
//! [`Renditions::new`] lists the site's image files before pages render.
//! Pages ask for an image's [`Picture`] as they render, in parallel: the
//! first to ask reads the file's header (bounded, see [`crate::images`]),
//! hashes its bytes and plans its copies; the others share the answer.
//! [`Renditions::write`] then encodes what pages used, in parallel, or
//! copies it from the cache folder `.pamphlet-cache/images/`, keyed by
//! the file's content, the width, the format and the quality: a warm build
//! decodes nothing. GIF and SVG files are published as they are; pages
//! still get their width and height.

mod encode;
mod plan;

use crate::config::ImagesConfig;
use crate::diagnostics::Position;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock};

pub use encode::Stats;
pub use plan::{Copy, Format, Picture};

/// Where the copies are cached, relative to the site folder.
pub(crate) const CACHE_FOLDER: &str = ".pamphlet-cache/images";

/// A place an image is shown: problems with it are reported there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Use {
    /// The Markdown file, relative to the site root.
    pub file: PathBuf,
    /// `None`: the page's `image:` (its line is looked up only when there
    /// is something to report, to keep front matter off every page's path).
    pub position: Option<Position>,
}

/// One image file of the site that pages may show.
struct Entry {
    /// Relative to the site root.
    source: PathBuf,
    /// Where the file itself is published.
    url: String,
    /// Planned on first use; `Err` says why it cannot be used.
    planned: OnceLock<Result<Arc<Picture>, String>>,
    uses: Mutex<Vec<Use>>,
    /// The copies are in the output (the live preview writes each once).
    written: AtomicBool,
}

/// Every image file of the site, by the URL pages show it at.
pub struct Renditions {
    settings: ImagesConfig,
    root: PathBuf,
    urls: crate::site::urls::Urls,
    entries: Vec<Entry>,
    by_url: HashMap<String, usize>,
}

impl Renditions {
    /// Lists the image files of `site` (reads none of them).
    pub fn new(site: &crate::site::Site) -> Renditions {
        let mut entries = Vec::new();
        let mut by_url = HashMap::new();
        for file in &site.files {
            if Format::of(&file.source).is_none() {
                continue;
            }
            by_url.insert(file.url.clone(), entries.len());
            entries.push(Entry {
                source: file.source.clone(),
                url: file.url.clone(),
                planned: OnceLock::new(),
                uses: Mutex::new(Vec::new()),
                written: AtomicBool::new(false),
            });
        }
        Renditions {
            settings: site.config.images.clone(),
            root: site.config.root.clone(),
            urls: site.urls.clone(),
            entries,
            by_url,
        }
    }

    /// Whether `url` is an image file of the site.
    pub fn knows(&self, url: &str) -> bool {
        self.by_url.contains_key(url)
    }

    /// The picture of the image at `url`, shown at `used` (planned on the
    /// first call). `None` for an address that is no image of the site, or
    /// an image that cannot be used (reported by [`Renditions::write`]).
    pub fn picture(&self, url: &str, used: Use) -> Option<Arc<Picture>> {
        let entry = &self.entries[*self.by_url.get(url)?];
        if let Ok(mut uses) = entry.uses.lock() {
            uses.push(used);
        }
        entry
            .planned
            .get_or_init(|| {
                plan::plan(&self.root, &entry.source, &entry.url, &self.settings)
                    .map(|picture| picture.with_hrefs(&self.urls))
            })
            .as_ref()
            .ok()
            .cloned()
    }

    /// The `sizes` attribute every picture has.
    pub fn sizes(&self) -> &str {
        &self.settings.sizes
    }

    /// The site files pages showed: the live preview re-renders the pages
    /// showing a file that changed.
    pub fn shown_sources(&self) -> impl Iterator<Item = &Path> {
        self.entries
            .iter()
            .filter(|e| e.planned.get().is_some())
            .map(|e| e.source.as_path())
    }
}

/// The `<picture>` (or, for a GIF or SVG, the `<img>`) of an image:
/// `alt` and `title` as written (escaped here), `eager` for the first
/// image of a page (loaded at once; every other one when it nears the screen).
pub fn markup(picture: &Picture, sizes: &str, alt: &str, title: &str, eager: bool) -> String {
    use crate::html::escape_attribute_into as escape;
    let mut out = String::with_capacity(256);
    let copies = !picture.copies.is_empty();
    if copies {
        out.push_str("<picture>");
        if picture.fallback != Format::Webp {
            out.push_str("<source type=\"image/webp\" srcset=\"");
            escape(&mut out, &picture.srcset(Format::Webp));
            out.push_str("\" sizes=\"");
            escape(&mut out, sizes);
            out.push_str("\">");
        }
    }
    out.push_str("<img src=\"");
    escape(&mut out, &picture.href);
    out.push('"');
    if copies {
        out.push_str(" srcset=\"");
        escape(&mut out, &picture.srcset(picture.fallback));
        out.push_str("\" sizes=\"");
        escape(&mut out, sizes);
        out.push('"');
    }
    if let Some((width, height)) = picture.size {
        out.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    out.push_str(" alt=\"");
    escape(&mut out, alt);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        escape(&mut out, title);
        out.push('"');
    }
    // The first image is wanted at once; the others wait until the reader
    // scrolls near them, and never hold up the text.
    if !eager {
        out.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    out.push('>');
    if copies {
        out.push_str("</picture>");
    }
    out
}
