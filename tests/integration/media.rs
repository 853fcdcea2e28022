//! Video, audio and embedded frames (issue 22) as published, in English
//! and Arabic (right to left): the players' structure (controls, never
//! autoplay, caption tracks with the page's language as the default, the
//! poster, the accessible name, the fallback), the files beside them
//! published, iframes moved to privacy-preserving hosts with the
//! `_headers` policy allowing exactly those, and what feeds and search
//! make of the players. Each rule's error or warning at its exact place is
//! in the invalid fixtures (`media-*`, `html-iframe-title`).

use crate::support::*;

fn built() -> (TestSite, pamphlet::BuildReport) {
    let site = TestSite::new("sites/media");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.code.starts_with("media/")
                || d.code.starts_with("html/")
                || d.code.starts_with("image/")),
        "{:?}",
        report.diagnostics
    );
    (site, report)
}

#[test]
fn a_video_has_controls_captions_in_both_languages_and_a_poster() {
    let (site, _) = built();
    let page = site.html("en/handwashing/index.html");
    let video = "video.media-video";
    assert_eq!(
        select_attr(&page, video, "src"),
        ["/en/videos/handwashing.mp4"]
    );
    assert_eq!(
        select_attr(&page, video, "poster"),
        ["/en/videos/handwashing.jpg"]
    );
    assert_eq!(
        select_attr(&page, video, "aria-label"),
        ["A nurse washes her hands step by step at a sink"]
    );
    assert_eq!(select_attr(&page, video, "controls"), [""]);
    assert_eq!(select_attr(&page, video, "preload"), ["metadata"]);
    assert!(select_attr(&page, "video[autoplay], audio[autoplay]", "src").is_empty());
    assert_eq!(select_attr(&page, "video > track", "srclang"), ["en", "ar"]);
    assert_eq!(
        select_attr(&page, "video > track", "label"),
        ["English", "العربية"]
    );
    assert_eq!(
        select_attr(&page, "video > track[kind=captions]", "src"),
        [
            "/en/videos/handwashing.en.vtt",
            "/en/videos/handwashing.ar.vtt"
        ]
    );
    assert_eq!(
        select_attr(&page, "video > track[default]", "srclang"),
        ["en"]
    );
    // What a browser that cannot play it shows: the description and a
    // plain link to the file.
    assert_eq!(
        select_text(&page, video),
        ["A nurse washes her hands step by step at a sink Download the video"]
    );
    assert_eq!(
        select_attr(&page, "video > a", "href"),
        ["/en/videos/handwashing.mp4"]
    );
    // The clip, its captions and its poster are published beside it.
    for file in [
        "en/videos/handwashing.mp4",
        "en/videos/handwashing.en.vtt",
        "en/videos/handwashing.ar.vtt",
        "en/videos/handwashing.jpg",
    ] {
        assert!(site.exists(file), "{file}");
    }
}

#[test]
fn the_arabic_page_defaults_to_arabic_captions_and_reads_right_to_left() {
    let (site, _) = built();
    let page = site.html("ar/handwashing/index.html");
    assert_eq!(select_attr(&page, "html", "dir"), ["rtl"]);
    assert_eq!(select_attr(&page, "video > track", "srclang"), ["ar", "en"]);
    assert_eq!(
        select_attr(&page, "video > track[default]", "label"),
        ["العربية"]
    );
    assert_eq!(
        select_attr(&page, "video.media-video", "aria-label"),
        ["ممرضة تغسل يديها خطوة بخطوة عند المغسلة"]
    );
    assert_eq!(select_text(&page, "video > a"), ["تنزيل الفيديو"]);
    // A clip from `static/`, named from the site root.
    assert_eq!(
        select_attr(&page, "audio.media-audio", "src"),
        ["/media/sleep-ar.mp3"]
    );
    assert_eq!(select_text(&page, "audio > a"), ["تنزيل التسجيل الصوتي"]);
}

#[test]
fn an_audio_clip_with_a_transcript_link_is_a_player_with_controls() {
    let (site, _) = built();
    let page = site.html("en/handwashing/index.html");
    let audio = "audio.media-audio";
    assert_eq!(select_attr(&page, audio, "src"), ["/en/audio/sleep.mp3"]);
    assert_eq!(select_attr(&page, audio, "controls"), [""]);
    assert_eq!(
        select_attr(&page, audio, "aria-label"),
        ["A nurse talks about sleep for 3 minutes"]
    );
    assert!(select_attr(&page, audio, "poster").is_empty());
    assert_eq!(select_text(&page, "audio > a"), ["Download the audio"]);
    assert!(site.exists("en/audio/sleep.mp3"));
    assert!(site.exists("media/sleep-ar.mp3"));
}

#[test]
fn the_page_with_frames_went_through_the_sanitiser_with_its_players_whole() {
    let (site, _) = built();
    let page = site.html("en/handwashing/index.html");
    // The page has raw HTML (its iframes): the sanitiser kept the players.
    assert_eq!(select_attr(&page, "video > track", "srclang").len(), 2);
    assert_eq!(select_attr(&page, "audio", "controls"), [""]);
}

#[test]
fn frames_load_from_privacy_preserving_hosts_that_the_policy_allows() {
    let (site, _) = built();
    let page = site.html("en/handwashing/index.html");
    assert_eq!(
        select_attr(&page, "iframe", "src"),
        [
            "https://www.youtube-nocookie.com/embed/3PmVJQUCm4E",
            "https://player.vimeo.com/video/76979871?dnt=1"
        ]
    );
    assert_eq!(
        select_attr(&page, "iframe", "title"),
        [
            "Video: washing hands with soap",
            "Video: when to stay at home"
        ]
    );
    let arabic = site.html("ar/handwashing/index.html");
    assert_eq!(
        select_attr(&arabic, "iframe", "src"),
        ["https://www.youtube-nocookie.com/embed/3PmVJQUCm4E"]
    );
    // site.yaml lists www.youtube.com: the policy allows the host the
    // frames really load from, and only the hosts they load from.
    let headers = site.read("_headers");
    assert!(
        headers.contains(
            "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; object-src"
        ),
        "{headers}"
    );
    assert!(!headers.contains("https://www.youtube.com"), "{headers}");
    // Players load from the site itself (`default-src 'self'`).
    assert!(headers.contains("default-src 'self';"), "{headers}");
}

#[test]
fn feeds_carry_the_players_and_search_their_descriptions() {
    let (site, _) = built();
    for feed in ["en/atom.xml", "en/rss.xml", "en/feed.json"] {
        let text = site.read(feed);
        // Feed readers show bodies away from the site: every address is absolute.
        for address in [
            "https://health.example.org/en/videos/handwashing.mp4",
            "https://health.example.org/en/videos/handwashing.jpg",
            "https://health.example.org/en/videos/handwashing.en.vtt",
        ] {
            assert!(text.contains(address), "{feed}: {address}");
        }
        assert!(!text.contains("\"/en/videos/"), "{feed}");
        assert!(!text.contains("autoplay"), "{feed}");
    }
    // The description is indexed; the file names are not.
    assert!(terms_like(&site, "en", "sink").contains(&"sink".to_string()));
    assert!(terms_like(&site, "en", "nurse").contains(&"nurse".to_string()));
    for name in ["mp4", "mp3", "vtt", "handwashing"] {
        assert!(
            !terms_like(&site, "en", name).contains(&name.to_string()),
            "{name}"
        );
    }
}

#[test]
fn a_caption_file_removed_fails_the_build_at_the_video() {
    let site = TestSite::new("sites/media");
    for file in ["handwashing.en.vtt", "handwashing.ar.vtt"] {
        std::fs::remove_file(site.root.join("content/en/videos").join(file)).unwrap();
    }
    let report = site.build();
    assert!(!report.published);
    let found = located(&report, "");
    assert_eq!(
        found,
        [
            "media/captions-missing content/ar/handwashing.md:11:1",
            "media/captions-missing content/en/handwashing.md:11:1",
        ]
    );
}

#[test]
fn trusted_raw_html_frames_move_to_the_same_hosts() {
    let site = TestSite::new("sites/media");
    site.edit("site.yaml", |t| format!("{t}  raw_html: allow\n"));
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let page = site.html("en/handwashing/index.html");
    assert_eq!(
        select_attr(&page, "iframe", "src"),
        [
            "https://www.youtube-nocookie.com/embed/3PmVJQUCm4E",
            "https://player.vimeo.com/video/76979871?dnt=1"
        ]
    );
    assert_eq!(select_attr(&page, "video > track", "srclang"), ["en", "ar"]);
}
