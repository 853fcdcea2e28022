//! Share cards, link-preview meta tags, the share bar and the social kit.

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

fn meta(page: &scraper::Html, key: &str) -> Vec<String> {
    let by_property = select_attr(page, &format!("meta[property=\"{key}\"]"), "content");
    if by_property.is_empty() {
        select_attr(page, &format!("meta[name=\"{key}\"]"), "content")
    } else {
        by_property
    }
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

#[test]
fn every_page_carries_link_preview_tags() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    let page = site.html("en/heart/high-blood-pressure/index.html");
    let one = |key: &str| -> String {
        let found = meta(&page, key);
        assert_eq!(found.len(), 1, "{key}: {found:?}");
        found[0].clone()
    };
    assert_eq!(one("og:title"), "High blood pressure");
    assert_eq!(
        one("og:description"),
        "What it is, why it matters & how to lower it."
    );
    assert_eq!(
        one("description"),
        "What it is, why it matters & how to lower it."
    );
    assert_eq!(one("og:type"), "article");
    assert_eq!(
        one("og:url"),
        "https://health.example.org/en/heart/high-blood-pressure/"
    );
    assert_eq!(
        select_attr(&page, "link[rel=canonical]", "href"),
        [one("og:url")]
    );
    assert!(one("og:image").starts_with("https://health.example.org/share/"));
    assert_eq!(one("og:image:width"), "1200");
    assert_eq!(one("og:image:height"), "630");
    assert_eq!(one("og:image:type"), "image/png");
    assert_eq!(
        one("og:image:alt"),
        "High blood pressure · Medically reviewed · March 1, 2026 · Riverside Health"
    );
    assert_eq!(one("og:locale"), "en_US");
    assert_eq!(meta(&page, "og:locale:alternate"), ["es_ES", "ar_EG"]);
    assert_eq!(one("og:site_name"), "Riverside Health");
    assert_eq!(one("article:published_time"), "2026-01-10T00:00:00Z");
    assert_eq!(one("article:modified_time"), "2026-03-02T00:00:00Z");
    assert_eq!(meta(&page, "article:tag"), ["heart", "blood pressure"]);
    assert_eq!(one("twitter:card"), "summary_large_image");
    assert_eq!(one("twitter:site"), "@riversidehealth");

    // A page with its own image uses it, cropped, with its alt text.
    let salt = site.html("en/heart/salt/index.html");
    assert_eq!(
        meta(&salt, "og:image:alt"),
        ["A salt shaker beside a plate of vegetables"]
    );

    // Every other page has them too; lists are websites, not articles.
    for (path, kind) in [
        ("en/index.html", "website"),
        ("en/heart/index.html", "website"),
        ("en/tags/heart/index.html", "website"),
        ("es/heart/presion-arterial-alta/index.html", "article"),
        ("index.html", "website"),
        ("404.html", "website"),
    ] {
        let page = site.html(path);
        assert_eq!(meta(&page, "og:type"), [kind], "{path}");
        for key in [
            "og:title",
            "og:url",
            "og:image",
            "og:image:alt",
            "og:site_name",
            "og:locale",
            "twitter:card",
        ] {
            assert_eq!(meta(&page, key).len(), 1, "{path} {key}");
        }
        assert!(meta(&page, "og:image")[0].starts_with("https://"), "{path}");
        assert_eq!(
            select_attr(&page, "link[rel=canonical]", "href").len(),
            1,
            "{path}"
        );
    }
    assert!(meta(&site.html("en/index.html"), "article:published_time").is_empty());
}

#[test]
fn long_titles_and_descriptions_are_trimmed_at_a_word() {
    let site = TestSite::new("sites/social");
    let file = site.root.join("content/en/heart/salt.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let title =
        "Eating less salt when every packaged food in the supermarket seems to be full of it";
    let summary = "Small changes add up, so cook at home when you can, read labels, choose fresh or frozen vegetables, rinse canned beans, taste before you salt and give your taste buds a few weeks to adjust.";
    std::fs::write(
        &file,
        text.replace("title: Eating less salt", &format!("title: {title}"))
            .replace(
                "summary: Small changes that add up.",
                &format!("summary: \"{summary}\""),
            ),
    )
    .unwrap();
    assert!(site.build().published);
    let page = site.html("en/heart/salt/index.html");
    let og_title = &meta(&page, "og:title")[0];
    assert!(og_title.chars().count() <= 70, "{og_title}");
    assert!(og_title.ends_with('…') && title.starts_with(og_title.trim_end_matches('…')));
    assert!(!og_title.trim_end_matches('…').ends_with(' '));
    let description = &meta(&page, "description")[0];
    assert!(description.chars().count() <= 160, "{description}");
    assert!(summary.starts_with(description.trim_end_matches('…')));
    let next = summary[description.trim_end_matches('…').len()..]
        .chars()
        .next();
    assert!(
        matches!(next, Some(' ' | ',')),
        "cut at a word: {description}"
    );
    // The visible heading keeps the whole title.
    assert_eq!(select_text(&page, "h1"), [title]);
}

#[test]
fn the_share_bar_is_plain_links_without_tracking_by_default() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    let page = site.html("en/heart/high-blood-pressure/index.html");
    let hrefs = select_attr(&page, ".share-links a", "href");
    let labels = select_text(&page, ".share-links a");
    assert_eq!(
        labels,
        [
            "Share on WhatsApp",
            "Share on Facebook",
            "Share on X",
            "Share on LinkedIn",
            "Share on Telegram",
            "Share by email"
        ]
    );
    let encoded = "https%3A%2F%2Fhealth.example.org%2Fen%2Fheart%2Fhigh-blood-pressure%2F";
    for href in &hrefs {
        assert!(href.contains(encoded), "{href}");
        assert!(!href.contains("utm_"), "{href}");
    }
    assert!(hrefs[2].starts_with("https://x.com/intent/post?"));
    assert!(
        hrefs[2].contains("hashtags=HeartHealth%2CKnowYourNumbers%2CPublicHealth"),
        "{}",
        hrefs[2]
    );
    assert!(hrefs[2].contains("via=riversidehealth"));
    assert!(hrefs[5].starts_with("mailto:?subject=High%20blood%20pressure"));
    // Copy link works without JavaScript: the address is in a visible field.
    assert_eq!(
        select_attr(&page, "#share-url", "value"),
        ["https://health.example.org/en/heart/high-blood-pressure/"]
    );
    assert_eq!(select_attr(&page, ".share-copy-button", "hidden").len(), 1);
    // No third-party script: every script file comes from the site itself.
    let sources = select_attr(&page, "script", "src");
    assert!(
        !sources.is_empty()
            && sources
                .iter()
                .all(|s| s.starts_with('/') && !s.starts_with("//")),
        "{sources:?}"
    );
    // Translated.
    let es = site.html("es/heart/presion-arterial-alta/index.html");
    assert_eq!(
        select_text(&es, ".share-links a")[0],
        "Compartir en WhatsApp"
    );
    let ar = site.html("ar/heart/high-blood-pressure/index.html");
    assert_eq!(select_text(&ar, ".share-links a")[0], "شارك على WhatsApp");
    // Lists have no share bar.
    assert!(select_text(&site.html("en/heart/index.html"), ".share-links a").is_empty());
}

#[test]
fn utm_tags_are_added_only_when_configured() {
    let site = TestSite::new("sites/social");
    site.edit("site.yaml", |t| {
        t.replace("social:\n", "social:\n  utm: { campaign: heart-month }\n")
    });
    assert!(site.build().published);
    let page = site.html("en/heart/high-blood-pressure/index.html");
    let hrefs = select_attr(&page, ".share-links a", "href");
    assert!(
        hrefs[0]
            .contains("utm_source%3Dwhatsapp%26utm_medium%3Dsocial%26utm_campaign%3Dheart-month"),
        "{}",
        hrefs[0]
    );
    assert!(hrefs[1].contains("utm_source%3Dfacebook"));
    // Canonical and og:url stay clean.
    assert_eq!(
        meta(&page, "og:url"),
        ["https://health.example.org/en/heart/high-blood-pressure/"]
    );
    let kit: serde_json::Value = serde_json::from_str(&site.read("social/en.json")).unwrap();
    let x = &kit["articles"][2]["posts"]["x"];
    assert!(
        x["url"]
            .as_str()
            .unwrap()
            .ends_with("?utm_source=x&utm_medium=social&utm_campaign=heart-month")
    );
}

#[test]
fn the_social_kit_lists_the_newest_articles_up_to_its_limit() {
    let site = TestSite::new("sites/social");
    let kit_titles = |site: &TestSite| -> Vec<String> {
        let kit: serde_json::Value = serde_json::from_str(&site.read("social/en.json")).unwrap();
        kit["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(site.build().published);
    let all = kit_titles(&site);
    assert!(all.len() >= 2, "{all:?}");
    let original = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    let with_limit = |n: usize| {
        let original = original.clone();
        move |_: String| original.replace("social:\n", &format!("social:\n  kit_limit: {n}\n"))
    };
    site.edit("site.yaml", with_limit(1));
    assert!(site.build().published);
    assert_eq!(kit_titles(&site), all[..1], "the newest one only");
    let csv = site.read("social/en.csv");
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
    assert_eq!(rows, 6, "one article, a post for each of six platforms");
    site.edit("site.yaml", with_limit(0));
    assert!(site.build().published);
    assert_eq!(kit_titles(&site), all, "0 lists every article");
}

#[test]
fn the_social_kit_lists_ready_posts_per_platform() {
    let site = TestSite::new("sites/social");
    let long = "Salt ".repeat(60);
    site.edit("content/en/heart/salt.md", |t| {
        t.replace(
            "title: Eating less salt",
            &format!("title: {}", long.trim()),
        )
    });
    assert!(site.build().published);
    let kit: serde_json::Value = serde_json::from_str(&site.read("social/en.json")).unwrap();
    assert_eq!(kit["language"], "en");
    let articles = kit["articles"].as_array().unwrap();
    assert_eq!(
        articles.len(),
        3,
        "newest first: alert, salt, blood pressure"
    );
    let bp = &articles[2];
    assert_eq!(
        bp["url"],
        "https://health.example.org/en/heart/high-blood-pressure/"
    );
    assert_eq!(
        bp["hashtags"],
        serde_json::json!(["HeartHealth", "KnowYourNumbers", "PublicHealth"])
    );
    assert!(bp["image"]["url"].as_str().unwrap().ends_with(".png"));
    assert!(!bp["image"]["alt"].as_str().unwrap().is_empty());
    for platform in [
        "x", "mastodon", "facebook", "linkedin", "whatsapp", "telegram",
    ] {
        let post = &bp["posts"][platform];
        let text = post["text"].as_str().unwrap();
        assert!(text.contains("#HeartHealth"), "{platform}: {text}");
        assert!(text.ends_with(post["url"].as_str().unwrap()), "{platform}");
        assert!(post["length"].as_u64() <= post["limit"].as_u64());
    }
    // A 300-character title still gives an X post within 280: the link
    // counts 23, and characters outside X's light ranges (like `…`) 2.
    let salt_x = &articles[1]["posts"]["x"];
    let text = salt_x["text"].as_str().unwrap();
    let url = salt_x["url"].as_str().unwrap();
    let weight = |c: char| match c as u32 {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    };
    let counted = text.replace(url, "").chars().map(weight).sum::<usize>() + 23;
    assert!(counted <= 280, "{counted}: {text}");
    assert_eq!(salt_x["length"].as_u64().unwrap() as usize, counted);
    assert!(text.contains('…'));

    // The CSV has the same posts, one row per article and platform.
    let csv_text = site.read("social/en.csv");
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = csv.headers().unwrap().clone();
    assert_eq!(&headers[3], "platform");
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3 * 6);
    assert_eq!(&rows[6][4], text, "multi-line text survives CSV quoting");
    // Every language has its kit.
    assert!(site.exists("social/es.json") && site.exists("social/ar.csv"));
}

/// A CJK font on this machine, if any (`.ci/run` installs WenQuanYi Micro Hei).
fn cjk_font() -> Option<std::path::PathBuf> {
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .find(|p| p.exists())
}

#[test]
fn chinese_titles_are_drawn_with_a_font_from_the_site() {
    use pamphlet::social::cards::{fonts::FontSet, paint};
    let Some(font) = cjk_font() else {
        // `.ci/run` installs one, so in CI a missing font is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "a CJK font is needed in CI (apt-get install fonts-wqy-microhei)"
        );
        eprintln!("SKIPPED: no CJK font installed (apt-get install fonts-wqy-microhei)");
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
