//! Alerts: time-limited public notices under `content/<lang>/alerts/`.
//!
//! An alert is published while its `alert.expires` lies after the start
//! (00:00 UTC) of the build date, so a build pinned with `--today` or
//! `SOURCE_DATE_EPOCH` always gives the same site. Expired alerts are taken
//! out before the site is assembled ([`withdraw_expired`]): no page, banner,
//! feed entry or CAP document remains. Active ones show as a banner on every
//! page of their language ([`banners`]) and are published as Common Alerting
//! Protocol documents ([`cap`]).

pub(crate) mod cap;

use crate::dates::{Date, Instant};
use crate::diagnostics::{Diagnostic, Diagnostics, codes};
use crate::discover::SourceKind;
use crate::frontmatter::{Alert, Certainty, Severity, Urgency};
use crate::i18n::Strings;
use crate::parse::ParsedPage;
use crate::site::{Page, PageId, PageKind, Site};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The folder under `content/<lang>/` that holds alerts.
pub(crate) const FOLDER: &str = "alerts";

/// The instant alerts are compared with: the start of the build date, UTC.
pub(crate) fn build_instant(today: Date) -> Instant {
    today.start_instant()
}

fn in_alerts_folder(rel: &Path) -> bool {
    rel.components().count() > 1
        && rel
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() == FOLDER)
}

/// Whether a page of the site model is an alert.
pub(crate) fn is_alert(page: &Page) -> bool {
    page.kind == PageKind::Article
        && page.meta.alert.is_some()
        && page
            .source
            .as_ref()
            .is_some_and(|s| in_alerts_folder(&s.source.rel))
}

/// What taking out expired alerts found.
#[derive(Debug, Default)]
pub(crate) struct Withdrawn {
    /// Content files of expired alerts (links to them are reported as such).
    pub expired: Vec<PathBuf>,
    /// Languages that have an alerts folder, active or not (their alerts
    /// feed is written even when empty, so subscribers get no 404).
    pub languages: BTreeSet<String>,
    /// The soonest expiry still ahead, and its file: when to rebuild.
    pub next_expiry: Option<(Instant, PathBuf)>,
    pub diagnostics: Diagnostics,
}

/// Removes alerts that expired before the build date from the content and
/// reports each as a warning.
pub(crate) fn withdraw_expired(
    parsed: Vec<ParsedPage>,
    today: Date,
) -> (Vec<ParsedPage>, Withdrawn) {
    let now = build_instant(today);
    let mut out = Withdrawn::default();
    let mut kept = Vec::with_capacity(parsed.len());
    for page in parsed {
        if in_alerts_folder(&page.source.rel) {
            out.languages.insert(page.source.language.clone());
        }
        let alert = page.front_matter.alert.as_ref().filter(|_| {
            page.source.kind == SourceKind::Article && in_alerts_folder(&page.source.rel)
        });
        let Some(expires) = alert.and_then(|a| a.expires) else {
            kept.push(page);
            continue;
        };
        if expires > now {
            if out.next_expiry.as_ref().is_none_or(|(t, _)| expires < *t) {
                out.next_expiry = Some((expires, page.source.path.clone()));
            }
            kept.push(page);
            continue;
        }
        let position = crate::frontmatter::Positions::at(
            &page.text,
            &[
                crate::yaml::Segment::Key("alert".into()),
                crate::yaml::Segment::Key("expires".into()),
            ],
        );
        out.diagnostics.push(
            Diagnostic::warning(
                codes::ALERT_EXPIRED,
                &page.source.path,
                position,
                format!(
                    "this alert expired at {} and is no longer published",
                    expires.rfc3339()
                ),
            )
            .with_hint("delete the file, or move it out of `content/` to keep it for the record"),
        );
        out.expired.push(page.source.path.clone());
    }
    out.expired.sort();
    (kept, out)
}

/// The active alerts of each language, most severe first, then newest.
#[derive(Debug, Default)]
pub(crate) struct Alerts {
    pub by_language: BTreeMap<String, Vec<PageId>>,
    /// Languages whose alerts feed is written.
    pub feed_languages: BTreeSet<String>,
}

impl Alerts {
    pub(crate) fn of(&self, language: &str) -> &[PageId] {
        self.by_language.get(language).map_or(&[], Vec::as_slice)
    }
}

/// Finds the active alerts in the assembled site.
pub(crate) fn collect(site: &Site, withdrawn: &Withdrawn) -> Alerts {
    let mut alerts = Alerts {
        feed_languages: withdrawn.languages.clone(),
        ..Alerts::default()
    };
    for (id, page) in site.pages.iter().enumerate() {
        if is_alert(page) {
            alerts
                .by_language
                .entry(page.language.clone())
                .or_default()
                .push(id);
        }
    }
    for ids in alerts.by_language.values_mut() {
        ids.sort_by(|&a, &b| {
            let (pa, pb) = (site.page(a), site.page(b));
            let severity = |p: &Page| p.meta.alert.as_ref().map(|a| a.severity);
            severity(pb)
                .cmp(&severity(pa))
                .then_with(|| pb.meta.date.cmp(&pa.meta.date))
                .then_with(|| pa.url.cmp(&pb.url))
        });
    }
    alerts
}

/// CAP severity, urgency and certainty of an alert: what the author wrote,
/// else the default for its `severity`:
///
/// | severity | CAP severity | urgency | certainty |
/// |---|---|---|---|
/// | info | Minor | Future | Likely |
/// | warning | Moderate | Expected | Likely |
/// | urgent | Severe | Immediate | Observed |
pub(crate) fn cap_terms(alert: &Alert) -> (&'static str, Urgency, Certainty) {
    let (severity, urgency, certainty) = match alert.severity {
        Severity::Info => ("Minor", Urgency::Future, Certainty::Likely),
        Severity::Warning => ("Moderate", Urgency::Expected, Certainty::Likely),
        Severity::Urgent => ("Severe", Urgency::Immediate, Certainty::Observed),
    };
    (
        severity,
        alert.urgency.unwrap_or(urgency),
        alert.certainty.unwrap_or(certainty),
    )
}

/// An alert as templates see it (`alerts` on every page, `page.alert` on
/// the alert's own page).
#[derive(Debug, Serialize)]
pub(crate) struct AlertView {
    pub title: String,
    pub summary: String,
    pub url: String,
    /// `info`, `warning` or `urgent` (the banner's CSS class).
    pub severity: &'static str,
    /// ARIA role: `alert` (announced at once) only for urgent alerts,
    /// `status` for warnings, `region` for information.
    pub role: &'static str,
    /// Translated "Alert" / "Warning" / "Information" label.
    pub label: String,
    /// RFC 3339, and localised.
    pub expires: Option<String>,
    pub expires_display: Option<String>,
    pub area: Option<String>,
    /// Stable id for remembering a dismissed banner.
    pub id: String,
    /// The CAP document's URL.
    pub cap_url: String,
}

/// The view of one alert page.
pub(crate) fn view(site: &Site, id: PageId, strings: &Strings) -> Option<AlertView> {
    let page = site.page(id);
    let alert = page.meta.alert.as_ref().filter(|_| is_alert(page))?;
    let (severity, role, label) = match alert.severity {
        Severity::Info => ("info", "region", "alert_info"),
        Severity::Warning => ("warning", "status", "alert_warning"),
        Severity::Urgent => ("urgent", "alert", "alert_urgent"),
    };
    Some(AlertView {
        title: page.meta.title.clone(),
        summary: page.meta.summary.clone(),
        url: page.url.clone(),
        severity,
        role,
        label: strings.get(&page.language, label, &[]),
        expires: alert.expires.map(Instant::rfc3339),
        expires_display: alert.expires.map(|e| {
            strings.get(
                &page.language,
                "alert_until",
                &[("date", &e.date_utc().display_long(&page.language))],
            )
        }),
        area: alert.area.clone(),
        id: format!("alert-{}", crate::site::urls::slugify(&page.place)),
        cap_url: cap::url_of(page),
    })
}

/// The banners of a language, most severe first.
pub(crate) fn banners(
    site: &Site,
    alerts: &Alerts,
    language: &str,
    strings: &Strings,
) -> Vec<AlertView> {
    alerts
        .of(language)
        .iter()
        .filter_map(|&id| view(site, id, strings))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::SourcePage;
    use std::sync::Arc;

    fn parsed(rel: &str, expires: Option<&str>) -> ParsedPage {
        let mut text = "---\ntitle: A\nsummary: S\ndate: 2026-01-01\n".to_string();
        if let Some(e) = expires {
            text.push_str(&format!("alert:\n  severity: urgent\n  expires: {e}\n"));
        }
        text.push_str("---\nBody\n");
        let file = Path::new("content/en").join(rel);
        let fm = crate::frontmatter::parse(&text, &file, SourceKind::Article);
        ParsedPage {
            source: SourcePage {
                path: file,
                language: "en".into(),
                rel: rel.into(),
                kind: SourceKind::Article,
            },
            body_start: text.find("Body").unwrap(),
            text: Arc::from(text.as_str()),
            front_matter: fm.front_matter.into(),
        }
    }

    #[test]
    fn alerts_expire_at_the_start_of_the_build_day() {
        let today = Date::new(2026, 6, 1).unwrap();
        let pages = vec![
            parsed("alerts/old.md", Some("2026-05-31T23:59:59Z")),
            parsed("alerts/midnight.md", Some("2026-06-01T00:00:00Z")),
            parsed("alerts/later-today.md", Some("2026-06-01T12:00:00Z")),
            parsed("alerts/next-week.md", Some("2026-06-08T00:00:00Z")),
            parsed("heart/not-an-alert.md", Some("2020-01-01T00:00:00Z")),
        ];
        let (kept, withdrawn) = withdraw_expired(pages, today);
        let kept: Vec<_> = kept
            .iter()
            .map(|p| p.source.rel.display().to_string())
            .collect();
        assert_eq!(
            kept,
            [
                "alerts/later-today.md",
                "alerts/next-week.md",
                "heart/not-an-alert.md"
            ]
        );
        assert_eq!(withdrawn.expired.len(), 2);
        assert_eq!(withdrawn.diagnostics.len(), 2);
        let (next, file) = withdrawn.next_expiry.unwrap();
        assert_eq!(next.rfc3339(), "2026-06-01T12:00:00Z");
        assert_eq!(file, Path::new("content/en/alerts/later-today.md"));
        assert!(withdrawn.languages.contains("en"));
    }

    #[test]
    fn cap_terms_default_from_severity_unless_written() {
        let mut alert = Alert {
            severity: Severity::Warning,
            expires: None,
            area: None,
            urgency: None,
            certainty: None,
        };
        assert_eq!(
            cap_terms(&alert),
            ("Moderate", Urgency::Expected, Certainty::Likely)
        );
        alert.urgency = Some(Urgency::Immediate);
        assert_eq!(cap_terms(&alert).1, Urgency::Immediate);
    }
}
