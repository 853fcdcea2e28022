//! Embedded frames and players in an author's raw HTML.
//!
//! An `<iframe>` from a host in `markdown.iframe_hosts` is kept by the
//! sanitiser, with its address moved to the host's privacy-preserving
//! player where there is one ([`embed_src`]: YouTube → youtube-nocookie,
//! Vimeo → `dnt=1`); [`check`] reports a kept frame without a `title`
//! (screen readers announce frames by it) and a `<video>` or `<audio>`
//! written in HTML (it would skip the captions check: clips are written
//! `![…](clip.mp4)`, see `media`).

use super::{PageContext, Spanned};
use crate::diagnostics::{Diagnostic, codes};
use pulldown_cmark::Event;
use regex::Regex;
use std::sync::OnceLock;

/// The address an allowed iframe loads, or `None` when its host is not
/// allowed. `frame_hosts` are [`crate::security::frame_hosts`] of the
/// site's `markdown.iframe_hosts`, the hosts the `_headers` policy lets
/// pages load frames from: what the sanitiser keeps, the policy allows.
pub(super) fn embed_src(src: &str, frame_hosts: &[String]) -> Option<String> {
    let mut url = url::Url::parse(src.trim()).ok()?;
    if url.scheme() != "https" || url.port().is_some() {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let private = crate::security::privacy_host(&host);
    if private != host {
        url.set_host(Some(private)).ok()?;
    }
    if private == "player.vimeo.com" && !url.query_pairs().any(|(key, _)| key == "dnt") {
        url.query_pairs_mut().append_pair("dnt", "1");
    }
    frame_hosts
        .iter()
        .any(|h| h.eq_ignore_ascii_case(private))
        .then(|| url.to_string())
}

/// Under `markdown.raw_html: allow` (no sanitiser), the same move to
/// privacy-preserving players, on the author's HTML as written: the
/// `_headers` policy allows only those hosts. `None` when nothing changes.
pub(super) fn rewrite_frames(html: &str, frame_hosts: &[String]) -> Option<String> {
    static SRC: OnceLock<Regex> = OnceLock::new();
    let src = SRC.get_or_init(|| {
        Regex::new(r#"(?is)(<iframe\b[^>]*?\ssrc\s*=\s*["']?)([^"'\s>]+)"#).expect("valid pattern")
    });
    let mut changed = false;
    let rewritten = src.replace_all(html, |caps: &regex::Captures| {
        let written = &caps[2];
        match embed_src(written, frame_hosts) {
            Some(moved) if moved != written => {
                changed = true;
                format!("{}{moved}", &caps[1])
            }
            _ => caps[0].to_string(),
        }
    });
    changed.then(|| rewritten.into_owned())
}

/// Reports, in one piece of the author's raw HTML, each iframe the
/// sanitiser keeps that has no title, and each `<video>`/`<audio>`.
/// `keeps_all`: the `allow` policy, where every iframe is kept.
pub(super) fn check(
    events: &[Spanned],
    frame_hosts: &[String],
    keeps_all: bool,
    ctx: &mut PageContext,
) {
    let mut i = 0;
    while i < events.len() {
        let start = events[i].1.start;
        let mut end = events[i].1.end;
        match events[i].0 {
            // A block of raw HTML comes one line at a time: its tags may
            // span lines, so the block is read whole, from the file.
            Event::Html(_) => {
                while let Some((Event::Html(_), range)) = events.get(i + 1) {
                    end = range.end;
                    i += 1;
                }
            }
            Event::InlineHtml(_) => {}
            _ => {
                i += 1;
                continue;
            }
        }
        i += 1;
        let html = ctx.body().get(start..end).unwrap_or("").to_string();
        for (offset, code, message, hint) in problems(&html, frame_hosts, keeps_all) {
            let at = start + offset;
            let position = ctx.position(&(at..at + 1));
            ctx.diagnostics
                .push(Diagnostic::error(code, ctx.file, position, message).with_hint(hint));
        }
    }
}

type Problem = (usize, &'static str, String, &'static str);

/// The problems of a piece of raw HTML, with byte offsets in it.
fn problems(html: &str, frame_hosts: &[String], keeps_all: bool) -> Vec<Problem> {
    static TAG: OnceLock<Regex> = OnceLock::new();
    static ATTRIBUTE: OnceLock<Regex> = OnceLock::new();
    let tag = TAG.get_or_init(|| {
        Regex::new(r"(?is)<(iframe|video|audio)\b([^>]*)>?").expect("valid pattern")
    });
    let attribute = ATTRIBUTE.get_or_init(|| {
        Regex::new(r#"(?is)\s([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"#)
            .expect("valid pattern")
    });
    let mut found = Vec::new();
    for caps in tag.captures_iter(html) {
        let at = caps.get(0).map_or(0, |m| m.start());
        let name = caps.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
        if name != "iframe" {
            found.push((
                at,
                codes::MEDIA_IN_HTML,
                format!("this `<{name}>` is written in HTML, so its captions are not checked"),
                "write the clip as `![What it shows](clip.mp4)`: Pamphlet makes the player with controls and the caption files beside it; docs/media.md shows how",
            ));
            continue;
        }
        let attributes = caps.get(2).map_or("", |m| m.as_str());
        let value = |wanted: &str| {
            attribute
                .captures_iter(attributes)
                .find(|a| a[1].eq_ignore_ascii_case(wanted))
                .map(|a| {
                    [a.get(2), a.get(3), a.get(4)]
                        .into_iter()
                        .flatten()
                        .next()
                        .map_or("", |m| m.as_str())
                        .to_string()
                })
        };
        let kept =
            keeps_all || value("src").is_some_and(|src| embed_src(&src, frame_hosts).is_some());
        if kept && value("title").is_none_or(|t| t.trim().is_empty()) {
            found.push((
                at,
                codes::HTML_IFRAME_TITLE,
                "this embedded frame has no `title`".to_string(),
                "say what it shows, e.g. `<iframe src=\"…\" title=\"Video: how to use an inhaler\">`; screen readers announce the frame by it",
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(listed: &[&str]) -> Vec<String> {
        let listed: Vec<String> = listed.iter().map(|h| h.to_string()).collect();
        crate::security::frame_hosts(&listed)
    }

    #[test]
    fn youtube_embeds_move_to_the_nocookie_host() {
        let allowed = hosts(&["www.youtube.com"]);
        assert_eq!(
            embed_src("https://www.youtube.com/embed/abc?start=5", &allowed).as_deref(),
            Some("https://www.youtube-nocookie.com/embed/abc?start=5")
        );
        assert_eq!(
            embed_src("https://YouTube.com/embed/abc", &allowed).as_deref(),
            Some("https://www.youtube-nocookie.com/embed/abc")
        );
        // Listing the nocookie host alone allows the same embeds.
        assert_eq!(
            embed_src(
                "https://www.youtube.com/embed/abc",
                &hosts(&["www.youtube-nocookie.com"])
            )
            .as_deref(),
            Some("https://www.youtube-nocookie.com/embed/abc")
        );
        assert_eq!(
            embed_src("http://www.youtube.com/embed/abc", &allowed),
            None
        );
        assert_eq!(
            embed_src("https://www.youtube.com:8443/embed/abc", &allowed),
            None
        );
        assert_eq!(embed_src("https://evil.example/embed/abc", &allowed), None);
        assert_eq!(
            embed_src("https://www.youtube.com/embed/abc", &hosts(&[])),
            None
        );
    }

    #[test]
    fn vimeo_embeds_ask_not_to_track() {
        let allowed = hosts(&["player.vimeo.com"]);
        assert_eq!(
            embed_src("https://player.vimeo.com/video/123", &allowed).as_deref(),
            Some("https://player.vimeo.com/video/123?dnt=1")
        );
        assert_eq!(
            embed_src("https://player.vimeo.com/video/123?dnt=0", &allowed).as_deref(),
            Some("https://player.vimeo.com/video/123?dnt=0"),
            "an author's own choice is kept"
        );
    }

    #[test]
    fn frames_written_as_trusted_html_move_too() {
        let allowed = hosts(&["www.youtube.com"]);
        assert_eq!(
            rewrite_frames(
                "<p>x</p><iframe title=\"V\" src=\"https://www.youtube.com/embed/a?b=1&amp;c=2\">",
                &allowed
            )
            .as_deref(),
            Some(
                "<p>x</p><iframe title=\"V\" src=\"https://www.youtube-nocookie.com/embed/a?b=1&amp;c=2\">"
            )
        );
        assert_eq!(
            rewrite_frames(
                "<iframe src=\"https://www.youtube-nocookie.com/embed/a\">",
                &allowed
            ),
            None
        );
        assert_eq!(
            rewrite_frames("<img src=\"https://www.youtube.com/x.png\">", &allowed),
            None
        );
    }

    #[test]
    fn kept_frames_need_a_title() {
        let allowed = hosts(&["www.youtube.com"]);
        let codes_at = |html: &str, all: bool| -> Vec<(usize, &str)> {
            problems(html, &allowed, all)
                .into_iter()
                .map(|(at, code, _, _)| (at, code))
                .collect()
        };
        let untitled = "<p>x</p><iframe src=\"https://www.youtube.com/embed/a\"></iframe>";
        assert_eq!(codes_at(untitled, false), [(8, codes::HTML_IFRAME_TITLE)]);
        let blank = "<iframe title=' ' src=https://www.youtube.com/embed/a></iframe>";
        assert_eq!(codes_at(blank, false), [(0, codes::HTML_IFRAME_TITLE)]);
        let titled = "<iframe\n  src=\"https://www.youtube.com/embed/a\"\n  title=\"Video: washing hands\"></iframe>";
        assert_eq!(codes_at(titled, false), []);
        // A frame the sanitiser removes is reported as removed, not here.
        let removed = "<iframe src=\"https://evil.example/\"></iframe>";
        assert_eq!(codes_at(removed, false), []);
        assert_eq!(codes_at(removed, true), [(0, codes::HTML_IFRAME_TITLE)]);
    }

    #[test]
    fn players_written_in_html_are_reported() {
        let found = problems(
            "<p>See:</p>\n<VIDEO src=\"/a.mp4\" autoplay></VIDEO><audio src=a.mp3>",
            &[],
            false,
        );
        let codes: Vec<(usize, &str)> = found.iter().map(|(at, code, _, _)| (*at, *code)).collect();
        assert_eq!(
            codes,
            [(12, codes::MEDIA_IN_HTML), (49, codes::MEDIA_IN_HTML)]
        );
        assert!(found[0].2.contains("`<video>`"), "{}", found[0].2);
    }
}
