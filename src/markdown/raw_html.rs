//! Raw HTML inside Markdown, under the site's `markdown.raw_html` policy.
//!
//! `sanitize` (the default) keeps safe structure (details/summary, figure,
//! abbr, sup/sub, tables, iframes from listed hosts) and removes scripts,
//! event handlers, `javascript:` links and styles: each removal is a
//! warning at its place, and the page's HTML goes through an allow-list
//! sanitiser (ammonia). `escape` shows raw HTML as text; `allow` trusts it.

use super::{PageContext, Spanned};
use crate::config::{MarkdownConfig, RawHtml};
use crate::diagnostics::{Diagnostic, codes};
use pulldown_cmark::{CowStr, Event};
use regex::Regex;
use std::sync::OnceLock;

/// Applies the policy to the author's raw HTML events. Returns true when
/// the rendered page must be sanitised.
pub(super) fn apply(
    events: &mut [Spanned],
    config: &MarkdownConfig,
    ctx: &mut PageContext,
) -> bool {
    let mut has_raw_html = false;
    for (event, range) in events.iter_mut() {
        let html = match event {
            Event::Html(html) | Event::InlineHtml(html) => html.to_string(),
            _ => continue,
        };
        has_raw_html = true;
        match config.raw_html {
            RawHtml::Allow => {
                let frame_hosts = crate::security::frame_hosts(&config.iframe_hosts);
                if let Some(moved) = super::embeds::rewrite_frames(&html, &frame_hosts) {
                    *event = match event {
                        Event::InlineHtml(_) => Event::InlineHtml(CowStr::from(moved)),
                        _ => Event::Html(CowStr::from(moved)),
                    };
                }
            }
            RawHtml::Escape => *event = Event::Text(CowStr::from(html)),
            RawHtml::Sanitize => {
                for (offset, what) in unsafe_parts(&html, &config.iframe_hosts) {
                    let start = range.start + offset;
                    let position = ctx.position(&(start..start + 1));
                    ctx.diagnostics.push(
                        Diagnostic::warning(codes::HTML_UNSAFE_REMOVED, ctx.file, position, format!("{what} was removed from the raw HTML"))
                            .with_hint("health sites must not run code from articles; use Markdown, or ask the site maintainer to allow this embed"),
                    );
                }
            }
        }
    }
    if has_raw_html && config.raw_html != RawHtml::Escape {
        let frame_hosts = crate::security::frame_hosts(&config.iframe_hosts);
        super::embeds::check(events, &frame_hosts, config.raw_html == RawHtml::Allow, ctx);
    }
    has_raw_html && config.raw_html == RawHtml::Sanitize
}

/// What the sanitiser will remove from a piece of raw HTML, with byte offsets.
fn unsafe_parts(html: &str, iframe_hosts: &[String]) -> Vec<(usize, String)> {
    static PATTERNS: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            (r"(?i)<script\b", "a `<script>` element"),
            (r"(?i)<style\b", "a `<style>` element"),
            (r"(?i)<(object|embed|form|input|button|textarea|select|link|meta|base|frame|frameset|svg|math)\b", "a `<$1>` element"),
            (r"(?i)\son[a-z]+\s*=", "an event handler attribute"),
            (r"(?i)\sstyle\s*=", "a `style` attribute"),
        ]
        .into_iter()
        .map(|(p, what)| (Regex::new(p).expect("valid pattern"), what))
        .collect()
    });
    let mut found = Vec::new();
    for (pattern, what) in patterns {
        for caps in pattern.captures_iter(html) {
            let m = caps.get(0).expect("whole match");
            let mut text = what.to_string();
            if let Some(name) = caps.get(1) {
                text = text.replace("$1", &name.as_str().to_lowercase());
            }
            found.push((
                m.start() + (m.as_str().len() - m.as_str().trim_start().len()),
                text,
            ));
        }
    }
    static IFRAME: OnceLock<Regex> = OnceLock::new();
    let iframe = IFRAME.get_or_init(|| {
        Regex::new(r#"(?i)<iframe\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)"#).expect("valid pattern")
    });
    for caps in iframe.captures_iter(html) {
        let src = caps.get(1).map_or("", |m| m.as_str());
        if !host_allowed(src, iframe_hosts) {
            found.push((
                caps.get(0).map_or(0, |m| m.start()),
                "an `<iframe>` from a host not listed in `markdown.iframe_hosts`".to_string(),
            ));
        }
    }
    found.sort();
    found
}

fn host_allowed(src: &str, hosts: &[String]) -> bool {
    super::embeds::embed_src(src, &crate::security::frame_hosts(hosts)).is_some()
}

/// Cleans a page's HTML with an allow-list that keeps everything Pamphlet
/// itself produces (heading ids, highlighting classes, citations, task lists).
/// Addresses keep only the schemes the site allows (`schemes`), so even
/// what the scheme check reported can never reach the live preview.
pub(super) fn sanitize(
    html: &str,
    config: &MarkdownConfig,
    schemes: &crate::schemes::Policy,
) -> String {
    let frame_hosts = crate::security::frame_hosts(&config.iframe_hosts);
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags([
            "iframe",
            "input",
            "time",
            "figure",
            "figcaption",
            "details",
            "summary",
            "abbr",
            "mark",
            "small",
            // Pamphlet's players (`media`); an author's are reported.
            "video",
            "audio",
            "track",
            // Pamphlet's responsive pictures (`pictures`).
            "picture",
            "source",
            // Pamphlet's footnotes section (`footnotes`).
            "section",
        ])
        .add_generic_attributes([
            "id",
            "class",
            "dir",
            "lang",
            "aria-label",
            "aria-hidden",
            "aria-labelledby",
            "role",
        ])
        .add_tag_attributes(
            "iframe",
            [
                "src",
                "title",
                "width",
                "height",
                "allowfullscreen",
                "loading",
            ],
        )
        .add_tag_attributes("video", ["src", "poster", "controls", "preload"])
        .add_tag_attributes("audio", ["src", "controls", "preload"])
        .add_tag_attributes("track", ["kind", "src", "srclang", "label", "default"])
        .add_tag_attributes("source", ["type", "srcset", "sizes"])
        .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("pre", ["data-lang"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("abbr", ["title"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("th", ["align", "scope"])
        .link_rel(None)
        .url_schemes(schemes.names().collect())
        .attribute_filter(move |element, attribute, value| {
            keep_value(element, attribute, value, &frame_hosts)
        });
    builder.clean(html).to_string()
}

/// What the sanitizer keeps of an attribute's value (`None`: the attribute goes).
fn keep_value<'v>(
    element: &str,
    attribute: &str,
    value: &'v str,
    frame_hosts: &[String],
) -> Option<std::borrow::Cow<'v, str>> {
    if element == "iframe" && attribute == "src" {
        return super::embeds::embed_src(value, frame_hosts).map(Into::into);
    }
    // Players load files of the site only (pages load nothing
    // from other websites).
    if matches!(element, "video" | "audio" | "track")
        && matches!(attribute, "src" | "poster")
        && (!value.starts_with('/') || value.starts_with("//"))
    {
        return None;
    }
    // A srcset names images of the site only, like players.
    if attribute == "srcset"
        && value.split(',').any(|candidate| {
            let url = candidate.trim();
            !url.starts_with('/') || url.starts_with("//")
        })
    {
        return None;
    }
    if element == "input" && attribute == "type" && value != "checkbox" {
        return None;
    }
    Some(value.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(policy: RawHtml) -> MarkdownConfig {
        MarkdownConfig {
            raw_html: policy,
            iframe_hosts: vec!["www.youtube-nocookie.com".into()],
            ..MarkdownConfig::default()
        }
    }

    #[test]
    fn finds_what_will_be_removed() {
        let parts: Vec<String> = unsafe_parts(
            "<p onclick=\"x()\" style=\"color:red\">Hi</p><script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>",
            &[],
        )
        .into_iter()
        .map(|(_, what)| what)
        .collect();
        assert_eq!(
            parts,
            [
                "an event handler attribute",
                "a `style` attribute",
                "a `<script>` element",
            ]
        );
        assert!(unsafe_parts("<details><summary>More</summary>Text</details>", &[]).is_empty());
        assert_eq!(
            unsafe_parts("<iframe src=\"https://evil.example/x\"></iframe>", &[]).len(),
            1
        );
        assert!(
            unsafe_parts(
                "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe>",
                &["www.youtube-nocookie.com".into()]
            )
            .is_empty()
        );
    }

    #[test]
    fn sanitizer_keeps_structure_and_drops_code() {
        let html = "<h2 id=\"a\">T</h2><details><summary>S</summary><p onclick=\"x()\">P<sup class=\"citation\">1</sup></p></details>\
                    <script>alert(1)</script><a href=\"javascript:alert(1)\">bad</a><a href=\"/en/ok/\">ok</a>\
                    <iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video\"></iframe><iframe src=\"https://evil.example/\"></iframe>\
                    <li><input type=\"checkbox\" checked=\"\" disabled=\"\"> done</li>";
        let clean = sanitize(
            html,
            &config(RawHtml::Sanitize),
            &crate::schemes::Policy::default(),
        );
        assert!(clean.contains("<h2 id=\"a\">"), "{clean}");
        assert!(clean.contains("<details><summary>S</summary>"), "{clean}");
        assert!(clean.contains("<sup class=\"citation\">1</sup>"), "{clean}");
        assert!(
            !clean.contains("onclick")
                && !clean.contains("<script")
                && !clean.contains("javascript:"),
            "{clean}"
        );
        assert!(clean.contains("<a href=\"/en/ok/\">ok</a>"), "{clean}");
        assert!(
            clean.contains("src=\"https://www.youtube-nocookie.com/embed/x\""),
            "{clean}"
        );
        assert!(!clean.contains("evil.example"), "{clean}");
        assert!(clean.contains("type=\"checkbox\""), "{clean}");
    }

    #[test]
    fn players_load_only_files_of_the_site() {
        let html = "<video class=\"media media-video\" controls preload=\"metadata\" src=\"/en/c.mp4\" poster=\"/en/c.jpg\" aria-label=\"C\">\
                    <track kind=\"captions\" src=\"/en/c.vtt\" srclang=\"en\" label=\"English\" default>C <a href=\"/en/c.mp4\">Download</a></video>\
                    <video src=\"https://cdn.example.org/x.mp4\" poster=\"//cdn.example.org/p.jpg\" autoplay loop></video>\
                    <audio src=\"/a.mp3\" autoplay onplay=\"x()\"><track src=\"https://cdn.example.org/t.vtt\"></audio>";
        let clean = sanitize(
            html,
            &config(RawHtml::Sanitize),
            &crate::schemes::Policy::default(),
        );
        assert!(
            clean.starts_with("<video class=\"media media-video\" controls=\"\" preload=\"metadata\" src=\"/en/c.mp4\" poster=\"/en/c.jpg\" aria-label=\"C\"><track kind=\"captions\" src=\"/en/c.vtt\" srclang=\"en\" label=\"English\" default=\"\">"),
            "{clean}"
        );
        assert!(!clean.contains("cdn.example.org"), "{clean}");
        assert!(
            !clean.contains("autoplay") && !clean.contains("loop") && !clean.contains("onplay"),
            "{clean}"
        );
        assert!(clean.contains("<audio src=\"/a.mp3\">"), "{clean}");
    }

    #[test]
    fn youtube_frames_are_kept_when_youtube_is_listed_and_moved_to_nocookie() {
        let listed = MarkdownConfig {
            iframe_hosts: vec!["www.youtube.com".into()],
            ..MarkdownConfig::default()
        };
        let clean = sanitize(
            "<iframe src=\"https://www.youtube.com/embed/x\" title=\"Video\"></iframe>",
            &listed,
            &crate::schemes::Policy::default(),
        );
        assert_eq!(
            clean,
            "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video\"></iframe>"
        );
        assert!(
            unsafe_parts(
                "<iframe src=\"https://www.youtube.com/embed/x\">",
                &listed.iframe_hosts
            )
            .is_empty()
        );
    }
}
