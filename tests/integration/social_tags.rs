//! Link-preview meta tags, trimming of long titles, the share bar (plain
//! links, UTM tags only when asked) and the social kit.

use crate::support::*;

#[test]
fn every_page_carries_link_preview_tags() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    article_has_every_link_preview_tag(&site);

    // A page with its own image uses it, cropped, with its alt text.
    let salt = site.html("en/heart/salt/index.html");
    assert_eq!(
        meta(&salt, "og:image:alt"),
        ["A salt shaker beside a plate of vegetables"]
    );

    other_pages_have_the_tags_too(&site);
    assert!(meta(&site.html("en/index.html"), "article:published_time").is_empty());
}

/// The article page carries each tag once, with its value.
fn article_has_every_link_preview_tag(site: &TestSite) {
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
}

/// Every other page has them too; lists are websites, not articles.
fn other_pages_have_the_tags_too(site: &TestSite) {
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

#[test]
fn every_page_has_a_preview_description_with_fallbacks() {
    // The Spanish home has no `_index.md` (no summary) and the site no
    // `description:`: the preview falls back to the page's title.
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    let es_home = site.html("es/index.html");
    let title = &meta(&es_home, "og:title")[0];
    assert!(!title.is_empty());
    assert_eq!(
        meta(&es_home, "og:description"),
        std::slice::from_ref(title)
    );
    assert_eq!(
        meta(&es_home, "twitter:description"),
        std::slice::from_ref(title)
    );

    // With the site's description, one per language, pages without a summary
    // use it; a page's own summary still comes first.
    site.edit("site.yaml", |t| {
        format!("{t}description:\n  en: Health advice checked by clinicians.\n  es: Consejos de salud revisados.\n")
    });
    assert!(site.build().published);
    let es_home = site.html("es/index.html");
    assert_eq!(
        meta(&es_home, "og:description"),
        ["Consejos de salud revisados."]
    );
    assert_eq!(
        meta(&es_home, "description"),
        ["Consejos de salud revisados."]
    );
    let heart = site.html("en/heart/index.html");
    assert_eq!(
        meta(&heart, "og:description"),
        ["Blood pressure, salt and your heart."]
    );
}
