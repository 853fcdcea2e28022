//! How the preview shows problems: the error overlay over a page whose
//! rebuild failed, and the problem items it and the author panel list.

use super::state::Failure;
use crate::diagnostics::{Diagnostic, Severity};
use crate::html::escape_attribute as escape;
use std::path::Path;

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
