//! The media pass on small bodies, in a site with a few files: the
//! players' markup, and each rule's diagnostic at its exact position.

use std::path::{Path, PathBuf};

/// The HTML of `body` (a 3-line front matter before it) in
/// `content/<language>/a.md`, and (code, line, column) of each diagnostic.
/// The site publishes `files` (relative to `content/<language>/`) and
/// `static/media/talk.mp3`.
fn run(body: &str, language: &str, files: &[&str]) -> (String, Vec<(&'static str, usize, usize)>) {
    let (html, found, _) = run_passes(body, language, files, false);
    (html, found)
}

/// [`run`], with this pass alone or (`all`) every first pass of
/// `markdown::render` in its order; also whether the page needs sanitising.
fn run_passes(
    body: &str,
    language: &str,
    files: &[&str],
    all: bool,
) -> (String, Vec<(&'static str, usize, usize)>, bool) {
    let config = crate::config::from_text(
        Path::new("/site"),
        "title: T\nbase_url: https://e.org\nlanguages:\n  en: { name: English }\n  ar: { name: العربية }\n",
    )
    .config
    .expect("a valid config");
    let discovered = crate::discover::Discovered {
        assets: files
            .iter()
            .map(|f| crate::discover::Asset {
                path: Path::new("content").join(language).join(f),
                language: language.to_string(),
                rel: PathBuf::from(f),
            })
            .collect(),
        static_files: vec![PathBuf::from("media/talk.mp3")],
        ..Default::default()
    };
    let site = crate::site::assemble_for_tests(config, Vec::new(), &discovered);
    let file = PathBuf::from(format!("content/{language}/a.md"));
    crate::markdown::run_pass_for_tests(&site, language, &file, body, |events, ctx, texts| {
        if all {
            crate::markdown::first_passes(events, ctx, texts).1
        } else {
            super::apply(events, ctx, texts);
            false
        }
    })
}

const VIDEO_FILES: &[&str] = &[
    "clip.mp4",
    "clip.en.vtt",
    "clip.ar.vtt",
    "clip.jpg",
    "clip.final.vtt",
    "clipping.vtt",
];

#[test]
fn a_video_gets_controls_its_caption_tracks_and_its_poster() {
    let (html, found) = run(
        "![Washing hands, step by step](clip.mp4)\n",
        "en",
        VIDEO_FILES,
    );
    assert_eq!(found, []);
    assert_eq!(
        html,
        "<p><video class=\"media media-video\" controls preload=\"metadata\" src=\"/en/clip.mp4\" poster=\"/en/clip.jpg\" aria-label=\"Washing hands, step by step\">\
         <track kind=\"captions\" src=\"/en/clip.en.vtt\" srclang=\"en\" label=\"English\" default>\
         <track kind=\"captions\" src=\"/en/clip.ar.vtt\" srclang=\"ar\" label=\"العربية\">\
         Washing hands, step by step <a href=\"/en/clip.mp4\">Download the video</a></video></p>\n"
    );
    assert!(!html.contains("autoplay"));
}

#[test]
fn the_page_language_track_is_the_default_and_comes_first() {
    let (html, found) = run("![غسل اليدين](clip.mp4)\n", "ar", VIDEO_FILES);
    assert_eq!(found, []);
    let ar = html
        .find("srclang=\"ar\" label=\"العربية\" default>")
        .expect("ar default");
    let en = html.find("srclang=\"en\" label=\"English\">").expect("en");
    assert!(ar < en, "{html}");
    assert!(html.contains("تنزيل الفيديو"), "{html}");
}

#[test]
fn a_plain_caption_file_is_in_the_page_language() {
    let (html, found) = run(
        "Intro.\n\n![Hands](clip.webm)\n",
        "en",
        &["clip.webm", "clip.vtt"],
    );
    assert_eq!(found, []);
    assert!(
        html.contains("<track kind=\"captions\" src=\"/en/clip.vtt\" srclang=\"en\" label=\"English\" default>"),
        "{html}"
    );
    assert!(!html.contains("poster"), "{html}");
}

#[test]
fn a_video_without_captions_is_an_error_at_its_place() {
    let (html, found) = run(
        "Intro.\n\nSee: ![Hands](clip.mp4)\n",
        "en",
        &["clip.mp4", "clip.final.vtt"],
    );
    assert_eq!(found, [("media/captions-missing", 6, 6)]);
    // The preview still shows the player.
    assert!(html.contains("<video"), "{html}");
}

#[test]
fn audio_needs_a_transcript_link_nearby() {
    let files = &["talk.mp3"];
    let (html, found) = run("![A nurse on sleep](talk.mp3)\n", "en", files);
    assert_eq!(found, [("media/transcript-missing", 4, 1)]);
    assert!(
        html.starts_with("<p><audio class=\"media media-audio\" controls preload=\"metadata\" src=\"/en/talk.mp3\" aria-label=\"A nurse on sleep\">"),
        "{html}"
    );
    for body in [
        "![A nurse on sleep](talk.mp3) [Read the Transcript](#transcript)\n",
        "![A nurse on sleep](talk.mp3)\n\n[Transcript of the talk](talk.md)\n",
        "![A nurse on sleep](talk.mp3)\n\n- [Read the transcript](#t)\n",
    ] {
        assert_eq!(run(body, "en", files).1, [], "{body}");
    }
    // Two blocks away, or a link about something else, is not enough.
    for body in [
        "![A nurse on sleep](talk.mp3)\n\nText.\n\n[Read the transcript](#t)\n",
        "![A nurse on sleep](talk.mp3) [More about sleep](#more)\n",
    ] {
        assert_eq!(run(body, "en", files).1.len(), 1, "{body}");
    }
    // The language's own word.
    let arabic = "![ممرضة تتحدث عن النوم](talk.mp3)\n\n[اقرأ النص المكتوب](#t)\n";
    assert_eq!(run(arabic, "ar", files).1, []);
}

#[test]
fn a_clip_from_the_site_root_is_found_in_static() {
    let (html, found) = run(
        "![Talk](/media/talk.mp3 \"Sleep\") [Transcript](#t)\n",
        "en",
        &[],
    );
    assert_eq!(found, []);
    assert!(html.contains("src=\"/media/talk.mp3\""), "{html}");
}

#[test]
fn remote_missing_and_outside_clips_are_errors() {
    let (html, found) = run(
        "![Hands](https://cdn.example.org/clip.mp4)\n\n![Hands](gone.mp4)\n\n![Hands](../../../x.mp4)\n",
        "en",
        &[],
    );
    assert_eq!(
        found,
        [
            ("media/remote", 4, 1),
            ("image/missing", 6, 1),
            ("image/missing", 8, 1)
        ]
    );
    let (refused_html, refused) = run("![Hands](javascript:alert(1)//.mp4)\n", "en", &[]);
    assert_eq!(refused, [("url/scheme-not-allowed", 4, 1)]);
    assert_eq!(refused_html, "<p>Hands</p>\n");
    // Nothing loads: the description stays as text.
    assert_eq!(html, "<p>Hands</p>\n<p>Hands</p>\n<p>Hands</p>\n");
}

#[test]
fn values_are_escaped_and_images_left_alone() {
    let (html, _) = run(
        "![Salt & sugar <3](clip.mp4) ![Cuff](cuff.png)\n",
        "en",
        &["clip.mp4", "clip.vtt", "cuff.png"],
    );
    assert!(
        html.contains("aria-label=\"Salt &amp; sugar &lt;3\""),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"cuff.png\" alt=\"Cuff\" />"),
        "{html}"
    );
}

#[test]
fn extensions_are_matched_in_any_case() {
    use super::Kind;
    assert_eq!(Kind::of("a/Clip.MP4"), Some(Kind::Video));
    assert_eq!(Kind::of("clip.webm#t=10"), Some(Kind::Video));
    assert_eq!(Kind::of("talk.OGG?x=1"), Some(Kind::Audio));
    assert_eq!(Kind::of("talk.m4a"), Some(Kind::Audio));
    assert_eq!(Kind::of("photo.png"), None);
    assert_eq!(Kind::of("folder.mp4/photo"), None);
    let (html, found) = run("![Hands](CLIP.MP4)\n", "en", &["CLIP.MP4", "CLIP.VTT"]);
    assert_eq!(found, []);
    assert!(
        html.contains("<track kind=\"captions\" src=\"/en/CLIP.VTT\""),
        "{html}"
    );
}

#[test]
fn players_are_not_taken_for_the_author_s_html() {
    let body = "![Hands](clip.mp4)\n\n![Talk](talk.mp3) [Transcript](#t)\n";
    let files = &["clip.mp4", "clip.vtt", "talk.mp3"];
    let (html, found, needs_sanitizing) = run_passes(body, "en", files, true);
    assert_eq!(found, []);
    assert!(!needs_sanitizing, "{html}");
    assert!(html.contains("<video") && html.contains("<audio"), "{html}");
    // The author's own player is reported, once, at its `<`.
    let body = "Hi.\n\n<video src=\"/en/clip.mp4\"></video>\n\n![Hands](gone.mp4)\n";
    let (_, found, needs_sanitizing) = run_passes(body, "en", files, true);
    assert_eq!(found, [("media/in-html", 6, 1), ("image/missing", 8, 1)]);
    assert!(needs_sanitizing);
}
