//! Every decoded image is bounded: a few dozen bytes can claim to be a
//! picture of ten billion pixels. A page's own image, an image inside an
//! SVG (named or as a `data:` address) and the site's logo are all checked
//! before decoding; the card falls back to a generated one with a warning,
//! and the build never aborts.

use crate::support::*;
use base64::Engine;

use pamphlet::fuzzing::png_claiming as bomb;

fn svg_with_image(href: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"120\" height=\"63\">\
         <rect width=\"120\" height=\"63\" fill=\"#0b5c8c\"/><image width=\"120\" height=\"63\" xlink:href=\"{href}\"/></svg>"
    )
}

const COVER_PAGE: &str = "---\ntitle: Cover\nsummary: A page.\ndate: 2026-01-10\nimage: images/cover.EXT\nimage_alt: A picture\n---\n\nText.\n";

/// Builds the minimal site with `files` added; the build must publish and
/// warn about the share image of `content/en/cover.md` (or site.yaml).
fn assert_skipped_with_warning(files: &[(&str, Vec<u8>)], settings: &str, warned: &str) {
    let site = TestSite::new("sites/minimal");
    site.edit("site.yaml", |t| t + settings);
    for (rel, bytes) in files {
        let path = site.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let warnings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "share-image/problem")
        .map(|d| (d.file.to_string_lossy().into_owned(), d.message.clone()))
        .collect();
    assert!(
        warnings
            .iter()
            .any(|(f, m)| f == warned && m.contains("pixels")),
        "{warnings:?}"
    );
    // Every page still has a card.
    assert!(site.output_files().iter().any(|f| f.starts_with("share/")));
}

#[test]
fn a_cover_image_claiming_billions_of_pixels_is_skipped() {
    for (w, h) in [(100_000, 100_000), (16_385, 100), (9_000, 9_000)] {
        assert_skipped_with_warning(
            &[
                ("content/en/images/cover.png", bomb(w, h)),
                (
                    "content/en/cover.md",
                    COVER_PAGE.replace("EXT", "png").into_bytes(),
                ),
            ],
            "",
            "content/en/cover.md",
        );
    }
}

#[test]
fn an_svg_cannot_smuggle_a_huge_image_in() {
    let inline = format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bomb(100_000, 100_000))
    );
    let text_plain = format!(
        "data:text/plain;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bomb(60_000, 60_000))
    );
    for (svg, extra) in [
        (svg_with_image(&inline), None),
        (svg_with_image(&text_plain), None),
        (
            svg_with_image("bomb.png"),
            Some(("content/en/images/bomb.png", bomb(50_000, 50_000))),
        ),
        // An SVG inside the SVG, with the huge image inside that.
        (
            svg_with_image(&format!(
                "data:image/svg+xml;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(svg_with_image(&inline))
            )),
            None,
        ),
    ] {
        let mut files = vec![
            ("content/en/images/cover.svg", svg.into_bytes()),
            (
                "content/en/cover.md",
                COVER_PAGE.replace("EXT", "svg").into_bytes(),
            ),
        ];
        files.extend(extra);
        assert_skipped_with_warning(&files, "", "content/en/cover.md");
    }
}

#[test]
fn a_huge_logo_is_left_off_every_card() {
    assert_skipped_with_warning(
        &[("static/logo.png", bomb(100_000, 100_000))],
        "social:\n  share_images:\n    logo: static/logo.png\n",
        "site.yaml",
    );
    let inline = format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bomb(100_000, 100_000))
    );
    // An SVG logo with a huge image inside.
    assert_skipped_with_warning(
        &[("static/logo.svg", svg_with_image(&inline).into_bytes())],
        "social:\n  share_images:\n    logo: static/logo.svg\n",
        "site.yaml",
    );
}
