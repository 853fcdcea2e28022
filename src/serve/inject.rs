//! What the preview adds to each HTML page as it is sent: the live-reload
//! script, the error overlay when the latest rebuild failed, and the author
//! panel on articles. The built files in memory are never changed, so the
//! preview serves exactly what `pamphlet build` writes, plus this.

use super::panel;
use super::problems::overlay;
use super::state::{Shared, Snapshot};
use crate::site::PageKind;

/// Marks the start of what the preview adds (tests look for it).
pub(crate) const MARKER: &str =
    "<!-- pamphlet serve: live preview only, not part of the built site -->";

/// `html` with the preview's additions before `</body>`.
pub(crate) fn page(
    html: &[u8],
    shared: &Shared,
    snapshot: &Snapshot,
    page_url: Option<&str>,
) -> Vec<u8> {
    let mut added = String::new();
    added.push_str(MARKER);
    added.push_str("\n<link rel=\"stylesheet\" href=\"/_pamphlet/live.css\" data-pamphlet>\n");
    if let Some(failure) = &snapshot.failure {
        added.push_str(&overlay(failure, &shared.root));
    }
    if let (Some(site), Some(url)) = (&snapshot.site, page_url)
        && let Some(id) = site.page_for_url(url)
        && site.page(id).kind == PageKind::Article
    {
        added.push_str(&panel::render(shared, snapshot, site, id));
    }
    added.push_str(&format!(
        "<script src=\"/_pamphlet/live.js\" data-generation=\"{}\" defer></script>\n",
        snapshot.generation
    ));
    let mut out = Vec::with_capacity(html.len() + added.len());
    let at = find_body_end(html).unwrap_or(html.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(added.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Where the last `</body>` starts (any letter case).
fn find_body_end(html: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body";
    (0..=html.len().checked_sub(TAG.len())?)
        .rev()
        .find(|&i| html[i..i + TAG.len()].eq_ignore_ascii_case(TAG))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additions_go_before_the_last_body_end() {
        assert_eq!(find_body_end(b"<p>x</p></BODY></html>"), Some(8));
        assert_eq!(find_body_end(b"<p>no body</p>"), None);
        assert_eq!(find_body_end(b""), None);
    }
}
