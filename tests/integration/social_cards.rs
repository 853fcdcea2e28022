//! Share cards: drawn once per distinct page (cached between builds and
//! folders), their size, what happens with unusable images, turning them
//! off, and titles in scripts the bundled fonts lack.

use crate::support::*;
/// Every share card the build wrote, with its bytes.
fn cards(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    site.output_files()
        .into_iter()
        .filter(|f| f.starts_with("share/") && f.ends_with(".png"))
        .map(|f| {
            let bytes = std::fs::read(site.public().join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The output file of the share card a page's `og:image` names.
fn card_file(site: &TestSite, page: &str) -> String {
    let image = meta(&site.html(page), "og:image");
    assert_eq!(image.len(), 1, "{page}");
    image[0]
        .strip_prefix("https://health.example.org/")
        .unwrap()
        .to_string()
}

#[test]
fn every_article_section_and_home_gets_a_small_1200_by_630_card() {
    let site = TestSite::new("sites/social");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let cards = cards(&site);
    // 3 homes, 3 heart sections, 2 alerts sections, 4 articles, 2 alerts.
    assert_eq!(
        cards.len(),
        14,
        "{:?}",
        cards.iter().map(|c| &c.0).collect::<Vec<_>>()
    );
    assert_eq!(report.share_images.rendered, 14);
    for (name, bytes) in &cards {
        let image = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((image.width(), image.height()), (1200, 630), "{name}");
        assert!(bytes.len() < 300 * 1024, "{name} is {} bytes", bytes.len());
    }
    for page in [
        "en/index.html",
        "en/heart/index.html",
        "en/heart/high-blood-pressure/index.html",
        "ar/heart/high-blood-pressure/index.html",
    ] {
        let path = card_file(&site, page);
        assert!(site.exists(&path), "{page} points at {path}");
        assert!(
            path.starts_with("share/"),
            "{path}: one folder for all cards"
        );
    }
}

#[test]
fn an_unchanged_site_draws_no_card_on_the_second_build() {
    let site = TestSite::new("sites/social");
    let first = site.build();
    assert_eq!(
        (first.share_images.rendered, first.share_images.cached),
        (14, 0)
    );
    let second = site.build();
    assert_eq!(
        (second.share_images.rendered, second.share_images.cached),
        (0, 14)
    );
    assert!(site.exists("en/heart/high-blood-pressure/index.html"));
    assert_eq!(cards(&site).len(), 14, "cached cards are still published");

    // Changing one title redraws that card only (its translations and the
    // lists showing it keep theirs: a card shows only its own page's title).
    site.edit("content/en/heart/salt.md", |t| {
        t.replace("image: images/salt.svg\n", "")
    });
    let third = site.build();
    assert_eq!(
        (third.share_images.rendered, third.share_images.cached),
        (1, 13)
    );
    // The cache keeps only what the site uses.
    let cached = std::fs::read_dir(site.root.join(".pamphlet-cache/share"))
        .unwrap()
        .count();
    assert_eq!(cached, 14);
}

#[test]
fn the_same_site_in_another_folder_gets_the_same_cards() {
    // Cards drawn from a page's own image are named by the image's bytes,
    // not its path: a CI runner's checkout folder must not change them.
    let (one, two) = (TestSite::new("sites/social"), TestSite::new("sites/social"));
    assert_ne!(one.root, two.root);
    assert!(one.build().published && two.build().published);
    let (first, second) = (cards(&one), cards(&two));
    assert_eq!(first.len(), 14);
    let salt = card_file(&one, "en/heart/salt/index.html");
    assert!(first.iter().any(|(name, _)| *name == salt), "{salt}");
    assert_eq!(salt, card_file(&two, "en/heart/salt/index.html"));
    assert_eq!(first, second);
    // Published from the warm cache, the bytes are the cache's.
    assert!(one.build().published);
    assert_eq!(cards(&one), first);
}

/// Gives the blood-pressure article (and its translations, which inherit
/// it) the salt article's image.
fn show_the_salt_image_on_blood_pressure(site: &TestSite, alt: &str) {
    site.edit("content/en/heart/high-blood-pressure.md", |t| {
        t.replacen(
            "\n---\n",
            &format!("\nimage: images/salt.svg\nimage_alt: {alt}\n---\n"),
            1,
        )
    });
}

#[test]
fn pages_showing_the_same_image_share_one_drawing() {
    let site = TestSite::new("sites/social");
    show_the_salt_image_on_blood_pressure(&site, "A salt shaker");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    // The English page and its translations (which inherit the image)
    // show the salt page's card: one drawing, one file, one address.
    let stats = &report.share_images;
    assert_eq!(stats.rendered + stats.cached, 11, "{stats:?}");
    assert_eq!(cards(&site).len(), 11);
    let salt = card_file(&site, "en/heart/salt/index.html");
    assert_eq!(
        salt,
        card_file(&site, "en/heart/high-blood-pressure/index.html")
    );
    assert_eq!(
        salt,
        card_file(&site, "es/heart/presion-arterial-alta/index.html")
    );
    assert_eq!(
        salt,
        card_file(&site, "ar/heart/high-blood-pressure/index.html")
    );
}

#[test]
fn an_unusable_image_gives_every_page_showing_it_a_site_card_and_a_warning() {
    let site = TestSite::new("sites/social");
    std::fs::write(
        site.root.join("content/en/heart/images/salt.svg"),
        "<svg this is not",
    )
    .unwrap();
    show_the_salt_image_on_blood_pressure(&site, "Salt");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let warned: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "share-image/problem")
        .map(|d| d.file.to_string_lossy().replace('\\', "/"))
        .collect();
    for file in [
        "content/en/heart/salt.md",
        "content/en/heart/high-blood-pressure.md",
    ] {
        assert!(warned.iter().any(|w| w == file), "{file}: {warned:?}");
    }
    let card = card_file(&site, "en/heart/salt/index.html");
    assert_eq!(
        card,
        card_file(&site, "en/heart/high-blood-pressure/index.html")
    );
    let bytes = std::fs::read(site.public().join(&card)).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "a card is still published");
    // Not cached: the next build tries the image again.
    let key_start = card.trim_start_matches("share/").trim_end_matches(".png");
    let cached = std::fs::read_dir(site.root.join(".pamphlet-cache/share"))
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with(key_start));
    assert!(!cached);
}

#[test]
fn the_cache_may_not_live_inside_the_output() {
    let site = TestSite::new("sites/social");
    site.edit("site.yaml", |t| {
        t.replace(
            "social:\n",
            "social:\n  share_images: { cache: public/cards }\n",
        )
    });
    let result = pamphlet::pipeline::run(&site.options(), pamphlet::Target::Folder(site.public()));
    let message = result.expect_err("refused").to_string();
    assert!(
        message.contains("holds the site's share-image cache"),
        "{message}"
    );
}

#[test]
fn sites_can_turn_page_images_and_cards_off() {
    let site = TestSite::new("sites/social");
    site.edit("site.yaml", |t| {
        t.replace(
            "social:\n",
            "social:\n  share_images: { generate: false }\n",
        )
    });
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(cards(&site).is_empty());
    // No card cache (the folder holds only the private editorial report).
    assert!(!site.root.join(".pamphlet-cache/share").exists());
    // Without cards, the page's own image is its preview, others fall back to nothing.
    let salt = site.html("en/heart/salt/index.html");
    assert_eq!(
        meta(&salt, "og:image"),
        ["https://health.example.org/en/heart/images/salt.svg"]
    );
    assert_eq!(
        meta(&salt, "og:image:alt"),
        ["A salt shaker beside a plate of vegetables"]
    );
    assert!(meta(&salt, "og:image:width").is_empty(), "size unknown");
    assert!(
        meta(
            &site.html("en/heart/high-blood-pressure/index.html"),
            "og:image"
        )
        .is_empty()
    );
}

/// A CJK font on this machine, if any (`.ci/run` installs WenQuanYi Micro
/// Hei); without one, says the test is skipped.
fn cjk_font() -> Option<std::path::PathBuf> {
    let found = [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .find(|p| p.exists());
    if found.is_none() {
        // `.ci/run` installs one, so in CI a missing font is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "a CJK font is needed in CI (apt-get install fonts-wqy-microhei)"
        );
        eprintln!("SKIPPED: no CJK font installed (apt-get install fonts-wqy-microhei)");
    }
    found
}

#[test]
fn chinese_titles_are_drawn_with_a_font_from_the_site() {
    use pamphlet::social::cards::{fonts::FontSet, paint};
    let Some(font) = cjk_font() else {
        return;
    };
    let site = TestSite::new("sites/social");
    std::fs::create_dir_all(site.root.join("fonts")).unwrap();
    std::fs::copy(
        &font,
        site.root.join("fonts").join(font.file_name().unwrap()),
    )
    .unwrap();
    site.edit("site.yaml", |t| {
        t.replace(
            "languages:\n",
            "languages:\n  zh-Hans: { name: 中文, title: 河滨健康 }\n",
        )
    });
    std::fs::create_dir_all(site.root.join("content/zh-Hans/heart")).unwrap();
    let title = "高血压是什么，为什么重要，以及如何通过饮食、运动和按时服药来降低血压的完整指南";
    std::fs::write(
        site.root.join("content/zh-Hans/heart/gao-xue-ya.md"),
        format!("---\ntitle: {title}\nsummary: 简介。\ndate: 2026-01-20\n---\n正文。\n"),
    )
    .unwrap();
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.code == "share-image/missing-glyphs"),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(
        report.share_images.rendered,
        14 + 2 + 1,
        "zh-Hans home, section and article"
    );

    // The card's title is laid out with the site's font, broken between
    // characters, and stays inside its box.
    let boundary = pamphlet::boundary::Boundary::new(&site.root);
    let fonts = FontSet::load(&boundary, &title.chars().collect(), &mut Default::default());
    assert!(
        !fonts.uses_system_fonts,
        "the site's own font covers Chinese"
    );
    let theme = pamphlet::theme::embedded_default();
    let painter = paint::Painter::new(
        &theme.templates["share/card.svg"],
        fonts,
        paint::Colors::of(&theme),
        None,
        boundary,
    )
    .unwrap();
    let filled = painter
        .fill(&paint::CardText {
            title: title.to_string(),
            site_name: "河滨健康".to_string(),
            host: "health.example.org".to_string(),
            badge: None,
            rtl: false,
            language: "zh-Hans".to_string(),
        })
        .unwrap();
    let (left, top, right, bottom) = filled.title_bounds;
    assert!(left >= 78.0 && right <= 1122.0, "{:?}", filled.title_bounds);
    assert!(top >= 130.0 && bottom <= 510.0, "{:?}", filled.title_bounds);
    assert!(
        filled.svg.matches("<tspan").count() >= 2,
        "wrapped without spaces"
    );
}

#[test]
fn characters_no_font_has_are_reported() {
    let site = TestSite::new("sites/social");
    site.edit("content/en/heart/salt.md", |t| {
        t.replace(
            "title: Eating less salt",
            "title: Eating less salt \u{E000}\u{E001}",
        )
        .replace("image: images/salt.svg\n", "")
    });
    let report = site.build();
    assert!(report.published);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "share-image/missing-glyphs")
        .map(|d| (d.file.display().to_string(), d.message.clone()))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "content/en/heart/salt.md");
    assert!(found[0].1.contains("\u{E000}\u{E001}"), "{}", found[0].1);
}
