//! `title:` and `base_url:`: what the site is called and where it is published.

use super::FILE_NAME;
use super::raw::RawConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use std::path::Path;

/// The site's title; an empty one is an error.
pub(super) fn title(
    raw: &RawConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> String {
    let file = Path::new(FILE_NAME);
    let title = raw.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(
                codes::CONFIG_INVALID_VALUE,
                file,
                locate(&["title"]),
                "the site needs a `title`",
            )
            .with_hint("add a line like `title: Riverside Community Health`"),
        );
    }
    title
}

/// The base URL; a missing or unusable one is an error (`Err(())`, the
/// problem is in `diagnostics`).
pub(super) fn base_url(
    raw: &RawConfig,
    locate: &dyn Fn(&[&str]) -> Position,
    diagnostics: &mut Diagnostics,
) -> Result<url::Url, ()> {
    let file = Path::new(FILE_NAME);
    match raw.base_url.as_deref() {
        Some(text_url) => parse_base_url(text_url).map_err(|msg| {
            diagnostics.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID_VALUE,
                    file,
                    locate(&["base_url"]),
                    msg,
                )
                .with_hint("write the full address, e.g. `base_url: https://health.example.org`"),
            )
        }),
        None => {
            diagnostics.push(
                Diagnostic::error(codes::CONFIG_INVALID_VALUE, file, Position::start(), "the site needs a `base_url`")
                    .with_hint("add the address the site will be published at, e.g. `base_url: https://health.example.org`"),
            );
            Err(())
        }
    }
}

pub(super) fn parse_base_url(text: &str) -> Result<url::Url, String> {
    let mut url =
        url::Url::parse(text.trim()).map_err(|_| format!("`{text}` is not a web address"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{text}` must start with https:// or http://"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}
