//! Alerts as Common Alerting Protocol 1.2 documents, the format public
//! health and emergency alerting systems ingest.
//!
//! The translations of one alert (pages grouped as translations of each
//! other) become one `<alert>` with one `<info>` block per language, and
//! the same document is published beside each of them as
//! `/<lang>/alerts/<slug>.cap.xml`. Every value comes from the content and
//! site.yaml, so the document is the same on every build of the same files.

use super::{Alerts, cap_terms, is_alert};
use crate::error::Result;
use crate::output::Output;
use crate::site::{Page, PageId, Site};
use crate::social::text::trim_to;
use crate::xml::{self, XmlWriter};
use std::collections::BTreeSet;

pub(crate) const NAMESPACE: &str = "urn:oasis:names:tc:emergency:cap:1.2";

/// `/en/alerts/heat-wave/` → `/en/alerts/heat-wave.cap.xml`.
pub(crate) fn url_of(page: &Page) -> String {
    format!("{}.cap.xml", page.url.trim_end_matches('/'))
}

/// CAP `<sender>`: `alerts.sender` from site.yaml, else the site's host.
pub(crate) fn sender(site: &Site) -> String {
    site.config
        .alerts
        .sender
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| {
            site.config
                .base_url
                .host_str()
                .unwrap_or("localhost")
                .to_string()
        })
}

/// Writes one CAP document per alert group, beside every page of the group.
/// Returns how many files were written.
pub(crate) fn write_all(site: &Site, alerts: &Alerts, output: &dyn Output) -> Result<usize> {
    let mut done: BTreeSet<PageId> = BTreeSet::new();
    let mut written = 0;
    for ids in alerts.by_language.values() {
        for &id in ids {
            if done.contains(&id) {
                continue;
            }
            let group = group_of(site, id);
            done.extend(&group);
            let bytes = document(site, &group);
            for &member in &group {
                let path = site.urls.output_path(&url_of(site.page(member)));
                output.write(&path, &bytes)?;
                written += 1;
            }
        }
    }
    Ok(written)
}

/// The alert and its translations that are alerts too, in site.yaml
/// language order.
fn group_of(site: &Site, id: PageId) -> Vec<PageId> {
    let mut group: Vec<PageId> = std::iter::once(id)
        .chain(site.page(id).translations.iter().copied())
        .filter(|&p| is_alert(site.page(p)))
        .collect();
    group.sort_by_key(|&p| site.config.language_rank(&site.page(p).language));
    group
}

/// The CAP document of one alert group (first member leads).
pub(crate) fn document(site: &Site, group: &[PageId]) -> Vec<u8> {
    let lead = site.page(group[0]);
    let sender = sender(site);
    let sent_date = group
        .iter()
        .filter_map(|&p| site.page(p).meta.updated.or(site.page(p).meta.date))
        .max();
    let sent = sent_date.map_or_else(
        || "1970-01-01T00:00:00-00:00".to_string(),
        |d| d.start_instant().cap(),
    );
    // Identifiers may not hold spaces, commas, `<` or `&`.
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_whitespace() || matches!(c, ',' | '<' | '&') {
                    '-'
                } else {
                    c
                }
            })
            .collect()
    };
    let identifier = clean(&format!(
        "{sender}/{}/{}/{}",
        lead.language,
        lead.place,
        sent_date.map(|d| d.to_string()).unwrap_or_default()
    ));
    xml::document(|w| {
        w.create_element("alert")
            .with_attribute(("xmlns", NAMESPACE))
            .write_inner_content(|w| {
                xml::text(w, "identifier", &identifier)?;
                xml::text(w, "sender", &sender)?;
                xml::text(w, "sent", &sent)?;
                xml::text(w, "status", "Actual")?;
                xml::text(w, "msgType", "Alert")?;
                xml::text(w, "scope", "Public")?;
                for &id in group {
                    info(w, site, site.page(id))?;
                }
                Ok(())
            })
            .map(|_| ())
    })
}

fn info(w: &mut XmlWriter, site: &Site, page: &Page) -> std::io::Result<()> {
    let Some(alert) = &page.meta.alert else {
        return Ok(());
    };
    let (severity, urgency, certainty) = cap_terms(alert);
    let sender_name = site
        .config
        .language(&page.language)
        .map_or(site.config.title.as_str(), |l| l.title.as_str());
    w.create_element("info")
        .write_inner_content(|w| {
            xml::text(w, "language", &page.language)?;
            xml::text(w, "category", "Health")?;
            xml::text(w, "event", &page.meta.title)?;
            xml::text(w, "urgency", urgency.as_str())?;
            xml::text(w, "severity", severity)?;
            xml::text(w, "certainty", certainty.as_str())?;
            if let Some(expires) = alert.expires {
                xml::text(w, "expires", &expires.cap())?;
            }
            xml::text(w, "senderName", sender_name)?;
            xml::text(w, "headline", &trim_to(&page.meta.title, 160))?;
            if !page.meta.summary.is_empty() {
                xml::text(w, "description", &page.meta.summary)?;
            }
            xml::text(w, "web", &site.urls.permalink(&page.url))?;
            if let Some(area) = &alert.area {
                w.create_element("area")
                    .write_inner_content(|w| xml::text(w, "areaDesc", area))?;
            }
            Ok(())
        })
        .map(|_| ())
}
