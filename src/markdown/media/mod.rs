//! Video and audio: an image link to a `.mp4` or `.webm` file becomes a
//! `<video>`, to a `.mp3`, `.m4a` or `.ogg` file an `<audio>`, with
//! controls and never autoplay. The alt text is the player's accessible
//! name and the fallback text (with a download link) for browsers that
//! cannot play it.
//!
//! Files beside the clip complete it ([`files::beside`]): `clip.vtt` and
//! `clip.<lang>.vtt` become caption tracks (the page's language is the
//! default), `clip.jpg` (or .jpeg, .png, .webp, .avif) the poster.
//!
//! Checked here, at the `![…](…)` in the file: a video without a caption
//! file (WCAG 1.2.2) and a clip on another website are errors, an audio
//! clip without a transcript link nearby a warning; a missing file or a
//! path out of the site is the error a missing image gets.
//!
//! The links pass leaves clips to this one (nothing is reported twice).
//! Runs after the raw HTML pass, so the players' markup is never taken for
//! the author's HTML, and after the lints (a clip without alt text is
//! reported as an image without one).

mod files;
mod markup;
#[cfg(test)]
mod tests;

use super::cards::Texts;
use super::{PageContext, Spanned};
use crate::diagnostics::{Diagnostic, codes};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

/// Which element a clip becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Video,
    Audio,
}

impl Kind {
    /// The kind of a media address, by its extension (any letter case).
    pub(crate) fn of(dest: &str) -> Option<Kind> {
        let path = dest.split(['#', '?']).next().unwrap_or(dest);
        let (_, extension) = path.rsplit_once('.')?;
        if extension.contains('/') {
            return None;
        }
        // (Every link and image of every page is asked: no allocation.)
        let is = |names: &[&str]| names.iter().any(|n| extension.eq_ignore_ascii_case(n));
        if is(&["mp4", "webm"]) {
            Some(Kind::Video)
        } else if is(&["mp3", "m4a", "ogg"]) {
            Some(Kind::Audio)
        } else {
            None
        }
    }

    fn word(self) -> &'static str {
        match self {
            Kind::Video => "video",
            Kind::Audio => "audio",
        }
    }
}

/// Turns every image link to a clip into its player, and reports what is
/// missing. `texts` are the page's language and UI strings.
pub(crate) fn apply(events: &mut Vec<Spanned>, ctx: &mut PageContext, texts: &Texts) {
    let mut replacements: Vec<(Range<usize>, Spanned<'static>)> = Vec::new();
    let mut paragraph = None;
    // A clip written inside another clip's description goes with it.
    let mut covered_until = 0;
    for (i, (event, range)) in events.iter().enumerate() {
        if i < covered_until {
            continue;
        }
        let dest = match event {
            Event::Start(Tag::Paragraph) => {
                paragraph = Some(i);
                continue;
            }
            // A clip in a heading or a table cell is its own place.
            Event::End(TagEnd::Paragraph) => {
                paragraph = None;
                continue;
            }
            Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let Some(kind) = Kind::of(dest.trim()) else {
            continue;
        };
        let end = super::closing(events, i);
        covered_until = end + 1;
        let clip = Clip {
            kind,
            dest: dest.trim(),
            alt: super::plain_text(events[i + 1..end].iter().map(|(e, _)| e))
                .trim()
                .to_string(),
            range: range.clone(),
        };
        let html = player(&clip, ctx, texts);
        if kind == Kind::Audio && html.is_some() {
            let around = paragraph.unwrap_or(i);
            if !has_transcript_link(events, around, texts) {
                transcript_missing(&clip, ctx, texts);
            }
        }
        // A clip that cannot be shown leaves its description as text.
        let event = match html {
            Some(html) => Event::InlineHtml(CowStr::from(html)),
            None => Event::Text(CowStr::from(clip.alt.clone())),
        };
        replacements.push((i..end + 1, (event, range.clone())));
    }
    if replacements.is_empty() {
        return;
    }
    super::splice(events, replacements);
}

/// One `![…](clip)` as written.
struct Clip<'a> {
    kind: Kind,
    dest: &'a str,
    /// The description between the brackets.
    alt: String,
    /// The whole `![…](…)` in the body.
    range: Range<usize>,
}

/// The player's markup, or `None` (with the error reported) when the clip
/// cannot be shown.
fn player(clip: &Clip, ctx: &mut PageContext, texts: &Texts) -> Option<String> {
    let position = ctx.position(&clip.range);
    let what = clip.kind.word();
    // A `javascript:` or `data:` address is refused as any address is.
    if let Err(refused) = ctx.site.config.schemes.check(clip.dest) {
        ctx.diagnostics.push(
            Diagnostic::error(
                codes::URL_SCHEME_NOT_ALLOWED,
                ctx.file,
                position,
                refused.message(&format!("this {what}'s address")),
            )
            .with_hint(refused.hint(&ctx.site.config.schemes)),
        );
        return None;
    }
    // Template code from another generator is reported by the links pass.
    if super::template_syntax::find(clip.dest).is_some() {
        return None;
    }
    if crate::schemes::scheme(clip.dest).is_some() || clip.dest.starts_with("//") {
        ctx.diagnostics.push(
            Diagnostic::error(
                codes::MEDIA_REMOTE,
                ctx.file,
                position,
                format!("the {what} `{}` is on another website, and pages load nothing from other websites", clip.dest),
            )
            .with_hint(format!(
                "put the {what} file beside this article and write its name, e.g. `![{}](clip.mp4)`; docs/media.md shows how",
                if clip.alt.is_empty() { "Description" } else { &clip.alt }
            )),
        );
        return None;
    }
    let (path, suffix) = match clip.dest.find(['#', '?']) {
        Some(at) => clip.dest.split_at(at),
        None => (clip.dest, ""),
    };
    let decoded = super::percent_decode(path);
    let located = match files::locate(ctx.site, ctx.file, &decoded) {
        Ok(located) => located,
        Err(problem) => {
            let message = match problem {
                files::Problem::Missing => format!("the {what} `{decoded}` does not exist"),
                files::Problem::Outside => {
                    format!("the {what} `{decoded}` is outside the site folder")
                }
            };
            ctx.diagnostics.push(
                Diagnostic::error(codes::IMAGE_MISSING, ctx.file, position, message).with_hint(
                    "paths are relative to this file's folder; files in `static/` start with `/`",
                ),
            );
            return None;
        }
    };
    let beside = files::beside(ctx.site, &located.source);
    if clip.kind == Kind::Video && beside.captions.is_empty() {
        captions_missing(&decoded, position, ctx);
    }
    Some(markup_of(clip, ctx, texts, &beside, &located.url, suffix))
}

/// The player's markup, every address as the page writes it: a valid IRI
/// (see `crate::uri`), the author's `#t=…` kept after the clip's.
fn markup_of(
    clip: &Clip,
    ctx: &PageContext,
    texts: &Texts,
    beside: &files::Beside,
    file_url: &str,
    suffix: &str,
) -> String {
    let mut tracks = markup::tracks(&beside.captions, texts.language, &ctx.site.config);
    let href = |url: &str| ctx.site.urls.encoded(url, crate::uri::Form::Iri);
    tracks.iter_mut().for_each(|t| t.url = href(&t.url));
    let download = match clip.kind {
        Kind::Video => ("media_download_video", "Download the video"),
        Kind::Audio => ("media_download_audio", "Download the audio"),
    };
    let url = href(file_url);
    let poster = beside.poster.as_deref().map(href);
    markup::player(&markup::Player {
        kind: clip.kind,
        url: &format!(
            "{url}{}",
            crate::uri::written(suffix, crate::uri::Form::Iri)
        ),
        file_url: &url,
        alt: &clip.alt,
        poster: poster.as_deref().filter(|_| clip.kind == Kind::Video),
        tracks: &tracks,
        download: &text(texts, download.0, download.1),
    })
}

/// A video without a caption file: the error, with the file names to write.
fn captions_missing(path: &str, position: crate::diagnostics::Position, ctx: &mut PageContext) {
    let name = file_name(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    ctx.diagnostics.push(
        Diagnostic::error(
            codes::MEDIA_CAPTIONS_MISSING,
            ctx.file,
            position,
            format!("the video `{name}` has no captions"),
        )
        .with_hint(format!(
            "add `{stem}.vtt` beside `{name}` with the spoken words and sounds (one file per language: `{stem}.en.vtt`, `{stem}.es.vtt`); docs/media.md shows how"
        )),
    );
}

fn transcript_missing(clip: &Clip, ctx: &mut PageContext, texts: &Texts) {
    let word = text(texts, "media_transcript_words", "transcript");
    let word = word.split('|').next().unwrap_or("transcript").trim();
    let anchor = word.replace(' ', "-");
    let position = ctx.position(&clip.range);
    ctx.diagnostics.push(
        Diagnostic::warning(
            codes::MEDIA_TRANSCRIPT_MISSING,
            ctx.file,
            position,
            format!("the audio `{}` has no transcript link", file_name(clip.dest)),
        )
        .with_hint(format!(
            "write what is said on a page or below the audio, and link to it in the same paragraph or the one right after, with “{word}” in the link text, e.g. `[{word}](#{anchor})`; docs/media.md shows how"
        )),
    );
}

/// Whether the paragraph that starts at `paragraph` (the one holding the
/// audio), or the block right after it, has a link whose text holds one of
/// the language's words for "transcript" (`media_transcript_words`).
fn has_transcript_link(events: &[Spanned], paragraph: usize, texts: &Texts) -> bool {
    let words = text(texts, "media_transcript_words", "transcript");
    let words: Vec<String> = words
        .split('|')
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let mut end = super::closing(events, paragraph);
    if matches!(events.get(end + 1), Some((Event::Start(_), _))) {
        end = super::closing(events, end + 1);
    }
    (paragraph..=end.min(events.len().saturating_sub(1))).any(|i| {
        if !matches!(events[i].0, Event::Start(Tag::Link { .. })) {
            return false;
        }
        let text = super::plain_text(
            events[i + 1..super::closing(events, i)]
                .iter()
                .map(|(e, _)| e),
        )
        .to_lowercase();
        words.iter().any(|w| text.contains(w.as_str()))
    })
}

fn text(texts: &Texts, key: &str, fallback: &str) -> String {
    texts
        .strings
        .get(key)
        .map_or_else(|| fallback.to_string(), Clone::clone)
}

/// The last part of a path (`videos/clip.mp4` → `clip.mp4`).
fn file_name(path: &str) -> &str {
    let path = path.split(['#', '?']).next().unwrap_or(path);
    path.rsplit('/').next().unwrap_or(path)
}
