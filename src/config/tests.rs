//! Reading and checking site.yaml, end to end through [`super::from_text`].

use super::*;
use crate::diagnostics::codes;

fn load_text(text: &str) -> Loaded {
    from_text(Path::new("/site"), text)
}

#[test]
fn fills_defaults() {
    let loaded = load_text("title: T\nbase_url: https://example.org\n");
    let config = loaded.config.expect("valid");
    assert_eq!(config.default_language, "en");
    assert_eq!(config.languages.len(), 1);
    assert_eq!(config.base_url.as_str(), "https://example.org/");
    assert_eq!(config.review.interval_months, 12);
    assert_eq!(config.feeds.formats.len(), 3);
    assert_eq!(config.feeds.limit, 50);
    assert_eq!(config.theme, "default");
}

#[test]
fn unknown_keys_are_errors_with_hints() {
    let loaded = load_text(
        "title: T\nbase_url: https://example.org\nreveiw:\n  require_reviewer: true\nlanguages:\n  en: { name: English, nmae: x }\n",
    );
    assert!(loaded.config.is_none());
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.message.clone(), d.position.line, d.hint.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "unknown setting `reveiw`".to_string(),
                3,
                Some("did you mean `review`?".to_string())
            ),
            (
                "unknown setting `languages.en.nmae`".to_string(),
                6,
                Some("did you mean `name`?".to_string())
            ),
        ]
    );
}

#[test]
fn direction_comes_from_the_language_unless_set() {
    let loaded = load_text(
        "title: T\nbase_url: https://e.org/health\nlanguages:\n  en: {}\n  ar: {}\n  ps: { direction: rtl }\n  xx: { direction: rtl }\n",
    );
    let config = loaded.config.unwrap();
    let dirs: Vec<_> = config
        .languages
        .iter()
        .map(|l| (l.code.as_str(), l.direction))
        .collect();
    assert_eq!(
        dirs,
        [
            ("en", Direction::Ltr),
            ("ar", Direction::Rtl),
            ("ps", Direction::Rtl),
            ("xx", Direction::Rtl)
        ]
    );
    assert_eq!(config.base_path(), "/health");
}

#[test]
fn max_grade_is_one_number_or_per_audience() {
    let one = load_text("title: T\nbase_url: https://e.org\nreadability: { max_grade: 8 }\n")
        .config
        .unwrap();
    assert_eq!(one.readability.max_grade_for(Some("clinicians")), Some(8.0));
    let per = load_text(
        "title: T\nbase_url: https://e.org\nreadability:\n  max_grade: { patients: 6, clinicians: null, default: 8 }\n",
    )
    .config
    .unwrap();
    assert_eq!(per.readability.max_grade_for(Some("patients")), Some(6.0));
    assert_eq!(per.readability.max_grade_for(Some("clinicians")), None);
    assert_eq!(per.readability.max_grade_for(Some("public")), None);
    assert_eq!(per.readability.max_grade_for(None), Some(8.0));
}

#[test]
fn default_language_must_be_listed() {
    let loaded = load_text(
        "title: T\nbase_url: https://e.org\ndefault_language: en\nlanguages:\n  es: {}\n",
    );
    assert!(loaded.config.is_none());
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("`en` is not listed"))
    );
}

#[test]
fn bad_feed_name_is_reported_at_its_line() {
    let loaded = load_text("title: T\nbase_url: https://e.org\nfeeds: [atom, rsss]\n");
    let d = loaded.diagnostics.iter().next().unwrap();
    assert_eq!(d.code, codes::CONFIG_INVALID_VALUE);
    assert_eq!(d.position.line, 3);
    assert!(d.message.contains("rsss"), "{}", d.message);
}

#[test]
fn feeds_take_a_list_or_a_mapping() {
    let list = load_text("title: T\nbase_url: https://e.org\nfeeds: [atom]\n");
    let feeds = list.config.unwrap().feeds;
    assert_eq!((feeds.formats, feeds.limit), (vec![FeedFormat::Atom], 50));
    let map = load_text(
        "title: T\nbase_url: https://e.org\nfeeds:\n  formats: [rss, json]\n  limit: 10\n  tags: false\n",
    );
    let feeds = map.config.unwrap().feeds;
    assert_eq!(feeds.formats, [FeedFormat::Rss, FeedFormat::Json]);
    assert_eq!((feeds.limit, feeds.tags), (10, false));
    let typo = load_text("title: T\nbase_url: https://e.org\nfeeds:\n  limt: 10\n");
    let d = typo.diagnostics.iter().next().unwrap();
    assert_eq!(d.message, "unknown setting `feeds.limt`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `limit`?"));
}

#[test]
fn timezone_and_status_settings_are_checked() {
    let ok = load_text(
        "title: T\nbase_url: https://e.org\ntimezone: America/New_York\nstatus: { stale_after: 90m, strip: true }\n",
    )
    .config
    .unwrap();
    assert_eq!(ok.timezone.name(), "America/New_York");
    assert_eq!(
        ok.status.stale_after,
        Some(jiff::SignedDuration::from_mins(90))
    );
    assert!(ok.status.strip);
    let defaults = load_text("title: T\nbase_url: https://e.org\n")
        .config
        .unwrap();
    assert_eq!(defaults.timezone.name(), "UTC");
    assert_eq!(
        defaults.status.stale_after,
        Some(jiff::SignedDuration::from_hours(6))
    );
    let off = load_text("title: T\nbase_url: https://e.org\nstatus: { stale_after: off }\n");
    assert_eq!(off.config.unwrap().status.stale_after, None);

    let bad = load_text(
        "title: T\nbase_url: https://e.org\ntimezone: America/New_Yrok\nstatus:\n  stale_after: soon\n  stale_afer: 6h\n",
    );
    assert!(bad.config.is_none());
    let found: Vec<_> = bad
        .diagnostics
        .iter()
        .map(|d| (d.position.line, d.hint.clone().unwrap_or_default()))
        .collect();
    assert!(
        found.contains(&(3, "did you mean `America/New_York`?".to_string())),
        "{found:?}"
    );
    assert!(found.iter().any(|(line, _)| *line == 5), "{found:?}");
    assert!(
        found.contains(&(6, "did you mean `stale_after`?".to_string())),
        "{found:?}"
    );
}

#[test]
fn iframe_hosts_must_be_host_names() {
    let ok = load_text(
        "title: T\nbase_url: https://e.org\nmarkdown:\n  iframe_hosts: [www.youtube-nocookie.com, player.vimeo.com]\n",
    );
    assert!(ok.config.is_some());
    let bad = load_text(
        "title: T\nbase_url: https://e.org\nmarkdown:\n  iframe_hosts:\n    - www.youtube-nocookie.com\n    - \"https://player.vimeo.com/video\"\n    - \"a.org; script-src *\"\n    - \"a.org\\r\\nX-Evil: 1\"\n",
    );
    assert!(bad.config.is_none());
    let found: Vec<_> = bad
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.position.line,
                d.position.column,
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        found[0],
        (
            codes::CONFIG_INVALID_VALUE,
            6,
            8,
            "write the host name only: `player.vimeo.com`".to_string()
        )
    );
    assert_eq!((found[1].1, found[1].2), (7, 8), "{found:?}");
    // Written with escapes, it is found at its key.
    assert_eq!(found[2].1, 4, "{found:?}");
    assert!(found[2].3.contains("host name only"), "{found:?}");
}

#[test]
fn social_settings_have_defaults_and_hints() {
    let loaded = load_text(
        "title: T\nbase_url: https://e.org\nsocial:\n  utm: { campaign: heart }\n  share_images: { page_image: false }\nalerts: { sender: alerts@e.org }\n",
    );
    let d = loaded.diagnostics.iter().next().unwrap();
    assert_eq!(
        d.message,
        "unknown setting `social.share_images.page_image`"
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `page_images`?"));
    let ok = load_text(
        "title: T\nbase_url: https://e.org\nsocial:\n  utm: { campaign: heart }\nalerts: { sender: alerts@e.org }\n",
    )
    .config
    .unwrap();
    let utm = ok.social.utm.unwrap();
    assert_eq!(
        (utm.medium.as_str(), utm.campaign.as_deref()),
        ("social", Some("heart"))
    );
    assert!(ok.social.share_images.generate && ok.social.share_images.page_images);
    assert_eq!(ok.alerts.sender.as_deref(), Some("alerts@e.org"));
}
