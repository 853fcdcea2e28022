//! Pages that moved: the old addresses authors list under `redirect_from:`,
//! checked against everything the site publishes.
//!
//! An old address comes from a pull request like any other text, and a
//! redirect page is written at it, so it is read strictly: a path on this
//! site made of plain segments (never `..`, a scheme, a query, a space or a
//! control character), which is then turned into a URL of the site and an
//! output path by the same code as every page. Anything else is an error at
//! the entry, and nothing is written for it.

use super::{PageId, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, Position, codes};
use crate::frontmatter::Positions;
use std::collections::BTreeMap;
use std::path::Path;

/// One old address and the page it now leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Root-relative, with the base path, as pages' URLs are:
    /// `/en/heart/bp/` or `/en/heart/bp.html`.
    pub from: String,
    pub to: PageId,
}

/// Why an entry of `redirect_from:` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Empty, or the site's root.
    Root,
    /// An address on another site, or with a scheme other than the site's.
    Elsewhere,
    /// A `?query` or `#fragment`: static hosting redirects paths only.
    QueryOrFragment,
    /// Percent escapes that do not decode to text.
    Encoding,
    /// A segment that is empty, `.`, `..`, or has a character outside the
    /// allowed set (the segment is given).
    Segment(String),
    /// A file name that is not a page (`.pdf`, `.php`): the extension.
    NotAPage(String),
}

/// The URL an entry stands for (`from` as written), or why it has none.
pub(crate) fn address(from: &str, site: &Site) -> Result<String, Problem> {
    let base_path = site.urls.base_path();
    let text = from.trim();
    let path = strip_origin(text, &site.urls.permalink("/"))?;
    if path.contains(['?', '#']) {
        return Err(Problem::QueryOrFragment);
    }
    let mut relative = path.trim_start_matches('/');
    // The base path may be written or left out (`/health/en/old/` or `en/old/`).
    if let Some(rest) = base_path
        .strip_prefix('/')
        .and_then(|base| relative.strip_prefix(base))
        .and_then(|rest| rest.strip_prefix('/'))
    {
        relative = rest;
    }
    let is_directory = relative.ends_with('/');
    let relative = relative.strip_suffix('/').unwrap_or(relative);
    if relative.is_empty() {
        return Err(Problem::Root);
    }
    // Each segment is decoded on its own, so an escaped `/` (`%2F`) stays
    // inside its segment, where it is refused.
    let mut segments = Vec::new();
    for raw in relative.split('/') {
        let segment = percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| Problem::Encoding)?;
        if !is_plain_segment(&segment) {
            return Err(Problem::Segment(segment.into_owned()));
        }
        segments.push(segment);
    }
    let relative = segments.join("/");
    let last = &segments[segments.len() - 1];
    let extension = last.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let url = format!("{base_path}/{relative}");
    match extension {
        _ if is_directory => Ok(format!("{url}/")),
        Some(e) if e == "html" || e == "htm" => Ok(url),
        Some(e) if !e.is_empty() && e.chars().all(|c| c.is_ascii_alphabetic()) => {
            Err(Problem::NotAPage(e))
        }
        // `en/heart/bp` is the folder address a reader typed.
        _ => Ok(format!("{url}/")),
    }
}

/// The path part of `text` when it is a whole address on this site
/// (`root` is the site's root permalink, `https://host/`), or `text` itself
/// when it has no scheme.
fn strip_origin<'t>(text: &'t str, root: &str) -> Result<&'t str, Problem> {
    if crate::schemes::scheme(text).is_none() && !text.starts_with("//") {
        return Ok(text);
    }
    let origin = root.trim_end_matches('/');
    let host = origin.split_once("://").map_or(origin, |(_, host)| host);
    for scheme in ["https://", "http://"] {
        let prefix = format!("{scheme}{host}");
        let matches = text
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(&prefix));
        let rest = text.get(prefix.len()..).unwrap_or("");
        if matches && (rest.is_empty() || rest.starts_with('/')) {
            return Ok(rest);
        }
    }
    Err(Problem::Elsewhere)
}

/// A segment Pamphlet can write as a folder or file name and serve
/// unchanged: letters and digits of any script, `-`, `_`, `.` and `~`, and
/// never `.` or `..` alone.
fn is_plain_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && segment
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
}

/// Every page's old addresses, sorted by address, and an error for each
/// entry that cannot be redirected.
pub(crate) fn plan(site: &Site) -> (Vec<Redirect>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut claimed: BTreeMap<String, PageId> = BTreeMap::new();
    for (id, page) in site.pages.iter().enumerate() {
        let Some(source) = page.source.as_ref() else {
            continue;
        };
        if page.meta.redirect_from.is_empty() {
            continue;
        }
        let positions =
            Positions::new(&source.text).list_items("redirect_from", &page.meta.redirect_from);
        let file = source.source.path.as_path();
        for (written, &position) in page.meta.redirect_from.iter().zip(&positions) {
            let at = || position;
            match address(written, site) {
                Err(problem) => diagnostics.push(invalid(file, at(), written, &problem)),
                Ok(from) => {
                    if let Some(conflict) = conflict(site, id, &from, &claimed) {
                        diagnostics.push(
                            Diagnostic::error(codes::REDIRECT_CONFLICT, file, at(), conflict.0)
                                .with_hint(conflict.1),
                        );
                    } else {
                        claimed.insert(from, id);
                    }
                }
            }
        }
    }
    if !claimed.is_empty() && site.serves(&site.urls.file(None, &["_redirects"])) {
        let file = site
            .files
            .iter()
            .find(|f| f.url == site.urls.file(None, &["_redirects"]))
            .map_or(Path::new("static/_redirects"), |f| f.source.as_path());
        diagnostics.push(
            Diagnostic::error(
                codes::REDIRECT_CONFLICT,
                file,
                Position::start(),
                "this file would replace the `_redirects` file Pamphlet writes for the pages' `redirect_from:`",
            )
            .with_hint("move each line into the `redirect_from:` list of the page it leads to, then delete this file"),
        );
    }
    let redirects = claimed
        .into_iter()
        .map(|(from, to)| Redirect { from, to })
        .collect();
    (redirects, diagnostics)
}

/// What is wrong with an old address that is a valid path, as a message
/// and a hint; `None` when it is free.
fn conflict(
    site: &Site,
    id: PageId,
    from: &str,
    claimed: &BTreeMap<String, PageId>,
) -> Option<(String, String)> {
    if site.pages[id].url == from {
        return Some((
            format!("`{from}` is this page's own address"),
            "remove it from `redirect_from:`; list only addresses the page had before".into(),
        ));
    }
    if let Some(&other) = claimed.get(from) {
        return Some((
            format!("`{from}` already redirects to {}", describe(site, other)),
            "an old address can lead to one page only: keep it in one `redirect_from:` list".into(),
        ));
    }
    let folder = from.strip_suffix('/');
    let used = site.serves(from) || folder.is_some_and(|f| site.serves(f));
    if used {
        let owner = site
            .page_for_url(from)
            .map(|other| describe(site, other))
            .or_else(|| {
                site.files
                    .iter()
                    .find(|f| f.url == from || Some(f.url.as_str()) == folder)
                    .map(|f| format!("the file `{}`", f.source.display()))
            })
            .unwrap_or_else(|| "a page of the site".into());
        return Some((
            format!("`{from}` is still the address of {owner}; a redirect there would hide it"),
            "remove the address from `redirect_from:`, or move or delete what is published there"
                .into(),
        ));
    }
    None
}

/// A page as a message names it: its file, or its address when generated.
fn describe(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    match page.source_path() {
        Some(path) => format!("`{}`", path.display()),
        None => format!("the generated page `{}`", page.url),
    }
}

fn invalid(file: &Path, at: Position, written: &str, problem: &Problem) -> Diagnostic {
    let shown = written.trim().escape_debug().to_string();
    let (message, hint) = match problem {
        Problem::Root => (
            format!("`{shown}` is the site's home, which cannot be redirected"),
            "write the old address of this page, e.g. `en/heart/blood-pressure/`".to_string(),
        ),
        Problem::Elsewhere => (
            format!("`{shown}` is not an address on this site"),
            "write the path the page had on this site, e.g. `en/heart/blood-pressure/`; other websites must set up their own redirects".to_string(),
        ),
        Problem::QueryOrFragment => (
            format!("`{shown}` has a `?` or `#` part, which a redirect cannot match"),
            "write the address without what follows `?` or `#`".to_string(),
        ),
        Problem::Encoding => (
            format!("`{shown}` has `%` escapes that are not text"),
            "copy the old address again from the browser, or write it with plain letters".to_string(),
        ),
        Problem::Segment(segment) => (
            format!(
                "`{shown}` has a part, `{}`, that is not a plain page name",
                segment.escape_debug()
            ),
            "use only letters, digits, `-`, `_`, `.` and `~` between the slashes (no spaces, no `..`)".to_string(),
        ),
        Problem::NotAPage(extension) => (
            format!("`{shown}` is a `.{extension}` file, not a page address"),
            "list page addresses only (ending in `/` or `.html`); a moved file keeps its own name in `static/`".to_string(),
        ),
    };
    Diagnostic::error(codes::REDIRECT_INVALID, file, at, message).with_hint(hint)
}

#[cfg(test)]
mod tests;
