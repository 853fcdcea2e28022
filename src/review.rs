//! Medical review status: who reviewed a page and when, when the next
//! review is due, and whether it is overdue on the build date.

use crate::config::Config;
use crate::dates::Date;
use crate::diagnostics::{Diagnostic, Position, codes};
use crate::site::{Page, PageKind};
use crate::yaml::Segment;

/// The review dates of one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ReviewStatus {
    /// The latest reviewer's date.
    pub last_reviewed: Option<Date>,
    /// `next_review` as written, else the last review plus `review.interval_months`.
    pub next_review: Option<Date>,
    /// The next review date is before the build date.
    pub overdue: bool,
}

/// Computes a page's review dates relative to `today`.
pub(crate) fn status(page: &Page, config: &Config, today: Date) -> ReviewStatus {
    let last_reviewed = page.meta.reviewers.iter().filter_map(|r| r.date).max();
    let next_review = page
        .meta
        .next_review
        .or_else(|| last_reviewed.map(|d| d.add_months(config.review.interval_months)));
    ReviewStatus {
        last_reviewed,
        next_review,
        overdue: next_review.is_some_and(|due| due < today),
    }
}

/// Whether a page is subject to medical review checks: articles written by
/// an author, except time-limited alerts.
pub(crate) fn is_reviewed_content(page: &Page) -> bool {
    page.kind == PageKind::Article && page.source.is_some() && page.meta.alert.is_none()
}

/// Missing reviewers (with `review.require_reviewer`) and overdue reviews.
pub(crate) fn check(page: &Page, config: &Config, today: Date) -> Vec<Diagnostic> {
    let Some(parsed) = page.source.as_ref().filter(|_| is_reviewed_content(page)) else {
        return Vec::new();
    };
    let file = parsed.source.path.as_path();
    let mut out = Vec::new();
    if config.review.require_reviewer && page.meta.reviewers.is_empty() {
        out.push(
            Diagnostic::error(codes::REVIEW_MISSING_REVIEWER, file, Position::new(1, 1, 3), "this article has no medical reviewer")
                .with_hint("add `reviewers:` with the name, credentials and date of the clinician who checked it"),
        );
    }
    let status = status(page, config, today);
    if let (true, Some(due)) = (status.overdue, status.next_review) {
        let position = if page.meta.next_review.is_some() {
            crate::frontmatter::Positions::at(&parsed.text, &[Segment::Key("next_review".into())])
        } else {
            crate::frontmatter::Positions::at(&parsed.text, &[Segment::Key("reviewers".into())])
        };
        out.push(
            Diagnostic::warning(
                codes::REVIEW_OVERDUE,
                file,
                position,
                format!("the medical review was due on {due}; this build is dated {today}"),
            )
            .with_hint(
                "have the article reviewed again, then add the new review date under `reviewers:`",
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_review_defaults_to_interval_after_latest_review() {
        let config = crate::config::from_text(
            std::path::Path::new("/s"),
            "title: T\nbase_url: https://e.org\nreview: { interval_months: 6 }\n",
        )
        .config
        .unwrap();
        let mut page = Page::test_article();
        let reviewer = |d: Date| crate::frontmatter::Reviewer {
            name: "A".into(),
            credentials: None,
            role: None,
            date: Some(d),
            id: None,
        };
        std::sync::Arc::make_mut(&mut page.meta).reviewers = vec![
            reviewer(Date::new(2026, 1, 31).unwrap()),
            reviewer(Date::new(2025, 5, 1).unwrap()),
        ];
        let s = status(&page, &config, Date::new(2026, 7, 31).unwrap());
        assert_eq!(s.last_reviewed, Date::new(2026, 1, 31));
        assert_eq!(s.next_review, Date::new(2026, 7, 31));
        assert!(!s.overdue, "due today is not overdue");
        assert!(status(&page, &config, Date::new(2026, 8, 1).unwrap()).overdue);
        std::sync::Arc::make_mut(&mut page.meta).next_review = Date::new(2027, 1, 1);
        assert_eq!(
            status(&page, &config, Date::new(2026, 8, 1).unwrap()).next_review,
            Date::new(2027, 1, 1)
        );
    }
}
