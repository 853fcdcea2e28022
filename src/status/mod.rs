//! The service status board: which clinics, emergency departments,
//! vaccination sites and hotlines are open, limited or closed right now.
//!
//! One file, `data/status.yaml`, holds every service for every language:
//! a status changes once, in one place, and reaches every language in the
//! same build (a per-language copy left behind is exactly the stale "open"
//! the board must never show). Texts that need translating (name, note,
//! hours, address) are either one text or a mapping of language codes to
//! texts. The file is read strictly ([`crate::data::status`]): an unknown key or value is
//! an error with a "did you mean" hint, because a misspelt `stauts:` must
//! not leave the old status up.
//!
//! It becomes a status page per language (`/<lang>/status/`, [`view`]), a
//! compact strip for home pages (`status.strip: true`), `/status.json` for
//! other systems ([`json`]), and an Atom feed of changes per language. `check`
//! warns about services not updated within `status.stale_after` of the
//! build time ([`stale`]).

pub(crate) mod json;
mod view;

pub(crate) use crate::data::status::{Board, Service, Text};
pub(crate) use view::{StatusView, StripView, feeds, strip, view};

use crate::dates::Instant;
use crate::diagnostics::{Diagnostic, Diagnostics, codes};
use crate::site::{Page, PageKind, Site};

pub(crate) use crate::site::STATUS_FOLDER as FOLDER;

/// Whether a page is a language's status page.
pub(crate) fn is_status_page(page: &Page) -> bool {
    page.kind == PageKind::Status
}

/// A warning for each service whose `updated` time is more than
/// `status.stale_after` before `now` (the build time). A service updated
/// exactly that long ago is not yet stale.
pub(crate) fn stale(site: &Site, now: Instant) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let (Some(board), Some(limit)) = (&site.status, site.config.status.stale_after) else {
        return diagnostics;
    };
    let zone = &site.config.timezone;
    for service in &board.services {
        let age = now.timestamp().duration_since(service.updated.timestamp());
        if age <= limit {
            continue;
        }
        let minutes = age.as_secs() / 60;
        let name = service
            .name
            .get(&site.config.default_language, &site.config.default_language);
        diagnostics.push(
            Diagnostic::warning(
                codes::STATUS_STALE,
                &board.file,
                service.updated_at,
                format!(
                    "`{name}` was last updated at {} ({} h {:02} min before the build time), longer ago than `status.stale_after` ({}) allows",
                    zone.datetime_attribute(service.updated),
                    minutes / 60,
                    minutes % 60,
                    friendly(limit),
                ),
            )
            .with_hint(format!(
                "confirm that `{}` is still {} and set `updated:` to the time you checked, or remove the service",
                service.id,
                service.status.as_str()
            )),
        );
    }
    diagnostics
}

/// `6h`, `1h 30m`: a limit as site.yaml writes it.
fn friendly(duration: jiff::SignedDuration) -> String {
    let minutes = duration.as_secs() / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_written_shortly() {
        assert_eq!(friendly(jiff::SignedDuration::from_mins(90)), "1h 30m");
        assert_eq!(friendly(jiff::SignedDuration::from_hours(6)), "6h");
    }
}
