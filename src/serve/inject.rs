//! What the preview adds to each HTML page as it is sent: the live-reload
//! script, the error overlay when the latest rebuild failed, and the author
//! panel on articles. The built files in memory are never changed, so the
//! preview serves exactly what `pamphlet build` writes, plus this.

use super::live::{Failure, Shared, Snapshot};
use super::panel;
use crate::diagnostics::{Diagnostic, Severity};
use crate::html::escape_attribute as escape;
use crate::site::PageKind;
use std::path::Path;

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

/// The error overlay: an alert dialog listing what stopped the rebuild,
/// over the last version of the page that built. High contrast, focusable,
/// closable with its button or Escape (the script does that), and gone by
/// itself once a rebuild succeeds.
pub(crate) fn overlay(failure: &Failure, root: &Path) -> String {
    let (summary, items) = match failure {
        Failure::Content(diagnostics) => {
            let count = diagnostics.len();
            let summary = format!(
                "{count} problem{} stopped the site from being rebuilt. You are seeing the last version that built. Fix {} and save: this message goes away by itself.",
                if count == 1 { "" } else { "s" },
                if count == 1 { "it" } else { "them" },
            );
            let items: String = diagnostics.iter().map(|d| item(d, root)).collect();
            (summary, items)
        }
        Failure::Fatal(message) => (
            "The site could not be rebuilt. You are seeing the last version that built. Fix the problem and save: this message goes away by itself.".to_string(),
            format!(
                "<li class=\"pamphlet-problem\"><p class=\"pamphlet-problem-title\"><span class=\"pamphlet-severity\">error</span></p><p>{}</p></li>\n",
                escape(message)
            ),
        ),
    };
    format!(
        "<div id=\"pamphlet-overlay\" class=\"pamphlet-overlay\" role=\"alertdialog\" aria-modal=\"true\" \
aria-labelledby=\"pamphlet-overlay-title\" aria-describedby=\"pamphlet-overlay-summary\" tabindex=\"-1\" lang=\"en\" dir=\"ltr\">\n\
<div class=\"pamphlet-overlay-box\">\n\
<h2 id=\"pamphlet-overlay-title\">The site could not be rebuilt</h2>\n\
<p id=\"pamphlet-overlay-summary\">{summary}</p>\n\
<ol class=\"pamphlet-problems\">\n{items}</ol>\n\
<p><button type=\"button\" class=\"pamphlet-button\" data-pamphlet-close>Hide this message</button></p>\n\
</div>\n</div>\n",
        summary = escape(&summary),
    )
}

/// One problem: where (file:line:col), what, the line itself, and the hint.
pub(crate) fn item(d: &Diagnostic, root: &Path) -> String {
    let file = d.file.to_string_lossy().replace('\\', "/");
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    // Never a line of a file outside the site (a diagnosed link may lead there).
    let source_line = crate::paths::read_inside(root, &d.file)
        .and_then(|text| text.lines().nth(d.position.line - 1).map(str::to_string))
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            format!(
                "<pre class=\"pamphlet-source\"><code>{:>4} | {}</code></pre>\n",
                d.position.line,
                escape(&line)
            )
        })
        .unwrap_or_default();
    let hint = d
        .hint
        .as_ref()
        .map(|h| format!("<p class=\"pamphlet-hint\">Hint: {}</p>\n", escape(h)))
        .unwrap_or_default();
    format!(
        "<li class=\"pamphlet-problem pamphlet-{severity}\">\n\
<p class=\"pamphlet-problem-title\"><span class=\"pamphlet-severity\">{severity}</span> <code class=\"pamphlet-location\">{file}:{line}:{column}</code> <code class=\"pamphlet-code\">{code}</code></p>\n\
<p class=\"pamphlet-message\">{message}</p>\n{source_line}{hint}</li>\n",
        file = escape(&file),
        line = d.position.line,
        column = d.position.column,
        code = escape(d.code),
        message = escape(&d.message),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostics, Position};

    #[test]
    fn additions_go_before_the_last_body_end() {
        assert_eq!(find_body_end(b"<p>x</p></BODY></html>"), Some(8));
        assert_eq!(find_body_end(b"<p>no body</p>"), None);
        assert_eq!(find_body_end(b""), None);
    }

    #[test]
    fn the_overlay_is_an_accessible_dialog_listing_each_problem() {
        let d = Diagnostic::error(
            "link/broken",
            Path::new("content/en/a.md"),
            Position::new(7, 19, 4),
            "this links to `<b>.md`, which does not exist",
        )
        .with_hint("check the path");
        let html = overlay(
            &Failure::Content(Diagnostics::from_iter([d])),
            Path::new("/nowhere"),
        );
        assert!(html.contains("role=\"alertdialog\""));
        assert!(html.contains("aria-labelledby=\"pamphlet-overlay-title\""));
        assert!(html.contains("tabindex=\"-1\""));
        assert!(html.contains("content/en/a.md:7:19"));
        assert!(html.contains("`&lt;b&gt;.md`"), "escaped: {html}");
        assert!(html.contains("Hint: check the path"));
    }
}
