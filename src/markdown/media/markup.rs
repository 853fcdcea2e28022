//! The markup of a player: `<video>` or `<audio>` with controls (never
//! autoplay), its caption tracks, and the fallback text with a download
//! link that browsers show when they cannot play the file. Every value is
//! escaped for its attribute.

use super::Kind;
use super::files::Caption;
use crate::config::Config;
use crate::html::escape_attribute as escape;

/// One `<track kind="captions">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Track {
    pub(super) url: String,
    pub(super) language: String,
    /// The language's own name, as the site lists it (else its tag).
    pub(super) label: String,
    pub(super) default: bool,
}

/// The tracks of a clip's caption files on a page in `page_language`:
/// `clip.vtt` is in the page's language, `clip.<lang>.vtt` in `<lang>`
/// (and wins over `clip.vtt` when both are the page's language). The
/// page's language is the default track and comes first; the others
/// follow in order of their tags.
pub(super) fn tracks(captions: &[Caption], page_language: &str, config: &Config) -> Vec<Track> {
    let mut tracks: Vec<Track> = Vec::new();
    for caption in captions {
        let language = caption.language.as_deref().unwrap_or(page_language);
        if let Some(same) = tracks
            .iter_mut()
            .find(|t| t.language.eq_ignore_ascii_case(language))
        {
            if caption.language.is_some() {
                same.url = caption.url.clone();
            }
            continue;
        }
        let label = config
            .languages
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(language))
            .map_or_else(|| language.to_string(), |l| l.name.clone());
        tracks.push(Track {
            url: caption.url.clone(),
            language: language.to_string(),
            label,
            default: false,
        });
    }
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let default = tracks
        .iter()
        .position(|t| t.language.eq_ignore_ascii_case(page_language))
        .or_else(|| {
            tracks
                .iter()
                .position(|t| primary(&t.language) == primary(page_language))
        });
    if let Some(at) = default {
        tracks[at].default = true;
    }
    tracks.sort_by(|a, b| {
        b.default
            .cmp(&a.default)
            .then_with(|| a.language.cmp(&b.language))
    });
    tracks
}

/// What a player shows.
pub(super) struct Player<'a> {
    pub(super) kind: Kind,
    /// The clip's address, with the author's `#t=…` fragment if any.
    pub(super) url: &'a str,
    /// The file's address alone, for the download link.
    pub(super) file_url: &'a str,
    /// The accessible name and fallback text (may be empty: the lints
    /// report a clip without one).
    pub(super) alt: &'a str,
    pub(super) poster: Option<&'a str>,
    pub(super) tracks: &'a [Track],
    /// "Download the video", in the page's language.
    pub(super) download: &'a str,
}

/// `<video …>` or `<audio …>`, on one line so it fits in a paragraph.
pub(super) fn player(player: &Player) -> String {
    let element = match player.kind {
        Kind::Video => "video",
        Kind::Audio => "audio",
    };
    // `preload="metadata"`: only the first bytes (the length) load before
    // the reader presses play; readers may pay for their data.
    let mut html = format!(
        "<{element} class=\"media media-{element}\" controls preload=\"metadata\" src=\"{}\"",
        escape(player.url)
    );
    if let Some(poster) = player.poster {
        html.push_str(&format!(" poster=\"{}\"", escape(poster)));
    }
    if !player.alt.is_empty() {
        html.push_str(&format!(" aria-label=\"{}\"", escape(player.alt)));
    }
    html.push('>');
    for track in player.tracks {
        html.push_str(&format!(
            "<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"{}\"{}>",
            escape(&track.url),
            escape(&track.language),
            escape(&track.label),
            if track.default { " default" } else { "" }
        ));
    }
    if !player.alt.is_empty() {
        html.push_str(&escape(player.alt));
        html.push(' ');
    }
    html.push_str(&format!(
        "<a href=\"{}\">{}</a></{element}>",
        escape(player.file_url),
        escape(player.download)
    ));
    html
}
