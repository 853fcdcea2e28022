//! Responsive images: photos in articles and covers are resized into the
//! configured widths (never wider than the photo), as WebP and in their own
//! format, offered in a `<picture>` with `srcset`, `sizes`, `width` and
//! `height`; a phone photo's EXIF orientation is applied; copies come from
//! the cache on the next build; a heavy copy is a warning where it is used;
//! the cover is not shown again when the text shows the same file.

use crate::support::*;
use img_parts::ImageEXIF;
use std::io::Cursor;

/// An image of `width` × `height` in `format`, with some detail in it.
fn image(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 7 * 30) as u8])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut Cursor::new(&mut out), format)
        .unwrap();
    out
}

/// A 600 × 400 JPEG whose top-left quarter is red (the rest blue), with an
/// EXIF block saying "turn a quarter clockwise to show" (orientation 6), as
/// a phone held upright writes it.
fn rotated_jpeg() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(600, 400, |x, y| {
        if x < 300 && y < 200 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    // A big-endian TIFF header and one IFD entry: Orientation (0x0112),
    // SHORT, one value, 6.
    let exif: Vec<u8> = [
        &b"MM\0\x2a\0\0\0\x08"[..],
        &[0, 1],
        &[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0],
        &[0, 0, 0, 0],
    ]
    .concat();
    let mut parts = img_parts::jpeg::Jpeg::from_bytes(jpeg.into()).unwrap();
    parts.set_exif(Some(exif.into()));
    let mut out = Vec::new();
    parts.encoder().write_to(&mut out).unwrap();
    out
}

const PHOTO_PAGE: &str = "---\ntitle: Photos\nsummary: A page with photos.\ndate: 2026-01-10\nimage: images/wide.jpg\nimage_alt: A waiting room\n---\n\nText.\n\n![A chart of readings](images/chart.png)\n\n![A nurse, photographed upright](images/portrait.jpg)\n\n![A moving arrow](images/arrow.gif)\n\n![The clinic logo](images/logo.svg)\n";

/// The minimal site with a page of photos and the image files it shows.
fn photo_site(settings: &str) -> TestSite {
    let site = TestSite::new("sites/minimal");
    site.edit("site.yaml", |t| t + settings);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("content/en/photos.md", PHOTO_PAGE.as_bytes().to_vec()),
        ("content/en/images/wide.jpg", image(2000, 1000, image::ImageFormat::Jpeg)),
        ("content/en/images/chart.png", image(1000, 500, image::ImageFormat::Png)),
        ("content/en/images/portrait.jpg", rotated_jpeg()),
        ("content/en/images/arrow.gif", image(40, 20, image::ImageFormat::Gif)),
        (
            "content/en/images/logo.svg",
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><rect width="120" height="30"/></svg>"#.to_vec(),
        ),
    ];
    for (rel, bytes) in files {
        let path = site.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    site
}

fn built(settings: &str) -> (TestSite, pamphlet::BuildReport) {
    let site = photo_site(settings);
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    (site, report)
}

fn dimensions(site: &TestSite, path: &str) -> (u32, u32) {
    image::image_dimensions(site.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bytes(site: &TestSite, path: &str) -> Vec<u8> {
    std::fs::read(site.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn photos_get_copies_at_each_width_never_wider_than_the_photo() {
    let (site, report) = built("");
    assert_eq!(
        report.diagnostics.warning_count(),
        0,
        "{:?}",
        report.diagnostics
    );
    for (width, height) in [(480, 240), (800, 400), (1200, 600), (1600, 800)] {
        for ext in ["webp", "jpg"] {
            let path = format!("en/images/wide-{width}w.{ext}");
            assert_eq!(dimensions(&site, &path), (width, height), "{path}");
        }
    }
    // 2,000 pixels wide: the widest copy is the widest configured width.
    assert!(!site.exists("en/images/wide-2000w.jpg"));
    // 1,000 pixels wide: its own width is the widest copy, nothing is enlarged.
    for (width, height) in [(480, 240), (800, 400), (1000, 500)] {
        assert_eq!(
            dimensions(&site, &format!("en/images/chart-{width}w.png")),
            (width, height)
        );
    }
    assert!(!site.exists("en/images/chart-1200w.png"));
    assert!(!site.exists("en/images/chart-1200w.webp"));
    // Formats by their magic bytes: lossy WebP beside the photo's own format.
    let webp = bytes(&site, "en/images/wide-800w.webp");
    assert_eq!((&webp[..4], &webp[8..16]), (&b"RIFF"[..], &b"WEBPVP8 "[..]));
    assert_eq!(
        &bytes(&site, "en/images/wide-800w.jpg")[..3],
        &[0xFF, 0xD8, 0xFF]
    );
    assert_eq!(&bytes(&site, "en/images/chart-800w.png")[..4], b"\x89PNG");
    // GIF and SVG files are published as they are, with no copies.
    assert!(site.exists("en/images/arrow.gif"));
    assert!(!site.output_files().iter().any(|f| f.contains("arrow-")));
    assert!(!site.output_files().iter().any(|f| f.contains("logo-")));
}

#[test]
fn pages_offer_the_copies_with_srcset_sizes_and_dimensions() {
    let (site, _) = built("");
    let page = site.html("en/photos/index.html");
    let sizes = "(min-width: 42rem) 42rem, 100vw";
    // The cover is the page's first image: loaded at once.
    assert_eq!(
        select_attr(&page, "figure.cover picture source", "srcset"),
        [
            "/en/images/wide-480w.webp 480w, /en/images/wide-800w.webp 800w, /en/images/wide-1200w.webp 1200w, /en/images/wide-1600w.webp 1600w"
        ]
    );
    assert_eq!(
        select_attr(&page, "figure.cover source", "type"),
        ["image/webp"]
    );
    assert_eq!(select_attr(&page, "figure.cover source", "sizes"), [sizes]);
    assert_eq!(
        select_attr(&page, "figure.cover img", "src"),
        ["/en/images/wide-1600w.jpg"]
    );
    assert_eq!(select_attr(&page, "figure.cover img", "width"), ["1600"]);
    assert_eq!(select_attr(&page, "figure.cover img", "height"), ["800"]);
    assert!(select_attr(&page, "figure.cover img", "loading").is_empty());
    assert!(
        select_attr(&page, "figure.cover img", "srcset")[0]
            .contains("/en/images/wide-480w.jpg 480w")
    );
    // Images in the text: all lazy, after the cover.
    let body = ".content img";
    assert_eq!(
        select_attr(&page, body, "alt"),
        [
            "A chart of readings",
            "A nurse, photographed upright",
            "A moving arrow",
            "The clinic logo"
        ]
    );
    assert_eq!(
        select_attr(&page, body, "width"),
        ["1000", "400", "40", "120"]
    );
    assert_eq!(
        select_attr(&page, body, "height"),
        ["500", "600", "20", "30"]
    );
    assert_eq!(select_attr(&page, body, "loading"), ["lazy"; 4]);
    assert_eq!(select_attr(&page, body, "decoding"), ["async"; 4]);
    assert_eq!(
        select_attr(&page, ".content picture img", "sizes"),
        [sizes; 2]
    );
    assert_eq!(
        select_attr(&page, ".content picture img", "srcset")[0],
        "/en/images/chart-480w.png 480w, /en/images/chart-800w.png 800w, /en/images/chart-1000w.png 1000w"
    );
    assert_eq!(
        select_attr(&page, ".content img", "src")[2..],
        ["/en/images/arrow.gif", "/en/images/logo.svg"]
    );
    // The original file is still published (links to it keep working).
    assert!(site.exists("en/images/wide.jpg"));
}

#[test]
fn a_phone_photo_turned_by_exif_comes_out_upright() {
    let (site, _) = built("");
    // Stored 600 × 400 with "turn a quarter clockwise": shown 400 × 600,
    // and no copy wider than the photo as shown.
    for ext in ["webp", "jpg"] {
        let path = format!("en/images/portrait-400w.{ext}");
        let copy = image::open(site.public().join(&path)).unwrap().to_rgb8();
        assert_eq!(copy.dimensions(), (400, 600), "{path}");
        // The stored top-left quarter is the shown top-right one.
        let top_right = copy.get_pixel(390, 10);
        let top_left = copy.get_pixel(10, 10);
        assert!(
            top_right[0] > 150 && top_right[2] < 100,
            "{path}: {top_right:?}"
        );
        assert!(
            top_left[2] > 150 && top_left[0] < 100,
            "{path}: {top_left:?}"
        );
    }
    assert!(!site.exists("en/images/portrait-480w.jpg"));
    // No EXIF left to turn it a second time.
    let copy = bytes(&site, "en/images/portrait-400w.jpg");
    let parts = img_parts::jpeg::Jpeg::from_bytes(copy.into()).unwrap();
    assert!(parts.exif().is_none());
}

#[test]
fn the_second_build_takes_every_copy_from_the_cache() {
    let site = photo_site("");
    let first = site.build();
    assert!(first.published);
    assert_eq!(first.images.encoded, 3, "wide, chart and portrait");
    assert_eq!(first.images.cached, 0);
    let cache = site.root.join(".pamphlet-cache/images");
    let modified = |dir: &std::path::Path| -> Vec<(String, std::time::SystemTime)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = modified(&cache);
    // 4 widths of wide.jpg, 3 of chart.png, 1 of portrait.jpg; twice each.
    assert_eq!(before.len(), 16, "{before:?}");
    let copy = bytes(&site, "en/images/wide-800w.webp");
    let second = site.build();
    assert!(second.published);
    assert_eq!(second.images.encoded, 0, "a warm build decodes nothing");
    assert_eq!(second.images.cached, 16);
    assert_eq!(modified(&cache), before);
    // Byte for byte the same copies.
    assert_eq!(bytes(&site, "en/images/wide-800w.webp"), copy);
    // A changed photo is resized again.
    std::fs::write(
        site.root.join("content/en/images/chart.png"),
        image(900, 300, image::ImageFormat::Png),
    )
    .unwrap();
    let third = site.build();
    assert_eq!(third.images.encoded, 1);
    assert_eq!(dimensions(&site, "en/images/chart-900w.png"), (900, 300));
    // The old chart's copies leave the cache: 3 widths of the new one
    // (480, 800, 900) replace the 3 of the old one.
    assert_eq!(modified(&cache).len(), 16);
}

#[test]
fn a_heavy_copy_is_a_warning_at_the_image() {
    let (site, report) = built("images:\n  warn_bytes: 20000\n");
    let heavy = located(&report, "image/too-heavy");
    assert_eq!(
        heavy,
        [
            "image/too-heavy content/en/photos.md:5:8",
            "image/too-heavy content/en/photos.md:11:1",
        ],
        "{:?}",
        report.diagnostics
    );
    let message = &report
        .diagnostics
        .iter()
        .find(|d| d.code == "image/too-heavy")
        .unwrap()
        .message;
    assert!(
        message.contains("`content/en/images/wide.jpg`"),
        "{message}"
    );
    assert!(message.contains("images.warn_bytes"), "{message}");
    // Still published: a warning, not an error.
    assert!(site.exists("en/images/wide-1600w.jpg"));
}

#[test]
fn a_gif_over_the_limit_is_a_warning_too() {
    let (_, report) = built("images:\n  warn_bytes: 100\n");
    let heavy = located(&report, "image/too-heavy");
    // The cover and the chart (their copies), the GIF and the SVG... and
    // the portrait: every image is over 100 bytes.
    assert!(
        heavy.contains(&"image/too-heavy content/en/photos.md:15:1".to_string()),
        "{heavy:?}"
    );
    assert_eq!(heavy.len(), 5, "{heavy:?}");
}

#[test]
fn a_cover_also_in_the_text_is_shown_once_there() {
    let site = photo_site("");
    site.edit("content/en/photos.md", |t| {
        t.replace(
            "![A chart of readings](images/chart.png)",
            "![The waiting room, with chairs along the wall](images/wide.jpg)",
        )
    });
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let page = site.html("en/photos/index.html");
    assert!(select_attr(&page, "figure.cover img", "src").is_empty());
    let alts = select_attr(&page, ".content img", "alt");
    assert_eq!(alts[0], "The waiting room, with chairs along the wall");
    // With no cover shown, the first image of the text is the first of the page.
    assert_eq!(select_attr(&page, ".content img", "loading"), ["lazy"; 3]);
    let first = select_attr(&page, ".content picture img", "src");
    assert_eq!(first[0], "/en/images/wide-1600w.jpg");
    assert!(
        page.select(
            &scraper::Selector::parse(".content picture:first-of-type img:not([loading])").unwrap()
        )
        .next()
        .is_some()
    );
}

#[test]
fn responsive_false_publishes_images_as_they_are_with_their_size() {
    let (site, _) = built("images:\n  responsive: false\n");
    assert!(!site.exists("en/images/wide-480w.webp"));
    let page = site.html("en/photos/index.html");
    assert_eq!(
        select_attr(&page, "figure.cover img", "src"),
        ["/en/images/wide.jpg"]
    );
    assert_eq!(select_attr(&page, "figure.cover img", "width"), ["2000"]);
    assert!(select_attr(&page, "img", "srcset").is_empty());
}

#[test]
fn a_linked_cache_folder_is_refused() {
    let site = photo_site("");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.root.join(".pamphlet-cache")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.root.join(".pamphlet-cache/images")).unwrap();
    let result = pamphlet::pipeline::run(
        &site.options(),
        pamphlet::pipeline::Target::Folder(site.public()),
    );
    let Err(error) = result else {
        panic!("a linked cache folder must be refused");
    };
    let message = error.to_string();
    assert!(message.contains("not a folder"), "{message}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}
