//! `/status.json`: the status board for other systems to poll (a 211 line,
//! a county dashboard, a chatbot).
//!
//! The schema is stable and documented in `docs/status.md`: every key is
//! always present (`null` when not set), texts are objects with one entry
//! per site language (falling back as the pages do), services keep the
//! order of `data/status.yaml`, and object keys are sorted, so the same
//! board always gives the same bytes.

use super::{Board, Service, Text};
use crate::error::Result;
use crate::output::Output;
use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;

/// The file name, at the site root.
pub(crate) const FILE: &str = "status.json";

/// Bumped only if a key changes meaning or disappears; new keys may be added.
pub(crate) const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    generator: &'static str,
    site: &'a str,
    timezone: &'a str,
    /// The latest `updated` of any service (UTC), null without services.
    updated: Option<String>,
    services: Vec<ServiceJson<'a>>,
}

#[derive(Serialize)]
struct ServiceJson<'a> {
    id: &'a str,
    kind: &'static str,
    status: &'static str,
    wait_minutes: Option<u32>,
    name: BTreeMap<&'a str, &'a str>,
    note: Option<BTreeMap<&'a str, &'a str>>,
    hours: Option<BTreeMap<&'a str, &'a str>>,
    address: Option<BTreeMap<&'a str, &'a str>>,
    phone: Option<&'a str>,
    /// UTC, RFC 3339.
    updated: String,
    /// The same instant with the site zone's offset.
    updated_local: String,
    /// The service's row on each language's status page.
    url: BTreeMap<&'a str, String>,
}

fn per_language<'a>(
    text: &'a Text,
    languages: &[&'a str],
    default: &str,
) -> BTreeMap<&'a str, &'a str> {
    languages
        .iter()
        .map(|&l| (l, text.get(l, default)))
        .collect()
}

fn service<'a>(site: &Site, s: &'a Service, languages: &[&'a str]) -> ServiceJson<'a> {
    let default = site.config.default_language.as_str();
    let text = |t: &'a Text| per_language(t, languages, default);
    ServiceJson {
        id: &s.id,
        kind: s.kind.as_str(),
        status: s.status.as_str(),
        wait_minutes: s.wait_minutes,
        name: text(&s.name),
        note: s.note.as_ref().map(text),
        hours: s.hours.as_ref().map(text),
        address: s.address.as_ref().map(text),
        phone: s.phone.as_deref(),
        updated: s.updated.rfc3339(),
        updated_local: site.config.timezone.datetime_attribute(s.updated),
        url: languages
            .iter()
            .map(|&l| {
                let page = site.urls.page(l, &[super::FOLDER]);
                (
                    l,
                    format!("{}#service-{}", site.urls.permalink(&page), s.id),
                )
            })
            .collect(),
    }
}

/// The document for a board.
pub(crate) fn document(site: &Site, board: &Board) -> Vec<u8> {
    let languages: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let document = Document {
        version: SCHEMA_VERSION,
        generator: "Pamphlet",
        site: site.config.base_url.as_str(),
        timezone: site.config.timezone.name(),
        updated: board.updated().map(crate::dates::Instant::rfc3339),
        services: board
            .services
            .iter()
            .map(|s| service(site, s, &languages))
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&document).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Writes `/status.json` when the site has a board. Returns the files written.
pub(crate) fn write(site: &Site, output: &dyn Output) -> Result<usize> {
    let Some(board) = site.status.as_deref() else {
        return Ok(0);
    };
    let url = site.urls.file(None, &[FILE]);
    output.write(&site.urls.output_path(&url), &document(site, board))?;
    Ok(1)
}
