//! The site's time zone (`timezone:` in site.yaml, an IANA name such as
//! `America/New_York`) and the times authors write in it: live-update
//! entries and the service status board.
//!
//! Zones come from the IANA database compiled into Pamphlet (jiff's bundled
//! copy), never from the machine's `/usr/share/zoneinfo`, so the same files
//! give the same times on every computer. A time is written either with its
//! offset (`2026-06-01T14:30:00-04:00`, `…Z`) or as a local time in the
//! site's zone (`2026-06-01 14:30`); it is shown in the site's zone, the
//! time of day in each language's own way (CLDR data through ICU4X: "2:30 PM"
//! in English, "14:30" in Spanish), with the zone's abbreviation.

use crate::dates::{Date, Instant};
use icu_datetime::NoCalendarFormatter;
use icu_datetime::fieldsets::T;
use icu_locale_core::Locale;
use jiff::tz::{TimeZone, TimeZoneDatabase};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The bundled IANA database (the same in every build of Pamphlet).
fn database() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

/// A site's time zone: its IANA name and rules.
#[derive(Debug, Clone)]
pub struct SiteZone {
    name: String,
    zone: TimeZone,
}

impl Default for SiteZone {
    /// UTC, for sites that do not set `timezone:`.
    fn default() -> Self {
        SiteZone {
            name: "UTC".to_string(),
            zone: TimeZone::UTC,
        }
    }
}

impl PartialEq for SiteZone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// Why a zone name was refused, and the closest real name if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownZone {
    pub message: String,
    pub suggestion: Option<String>,
}

impl SiteZone {
    /// Looks up an IANA name (`America/New_York`, `Europe/Madrid`, `UTC`).
    pub fn named(name: &str) -> Result<SiteZone, UnknownZone> {
        let name = name.trim();
        // The database matches names without regard to case; the name we
        // keep is the canonical spelling, so pages show `America/New_York`.
        let canonical = database()
            .available()
            .find(|n| n.as_str().eq_ignore_ascii_case(name))
            .map(|n| n.as_str().to_string());
        match (canonical, database().get(name)) {
            (Some(canonical), Ok(zone)) => Ok(SiteZone {
                name: canonical,
                zone,
            }),
            _ => {
                let names: Vec<String> = database()
                    .available()
                    .map(|n| n.as_str().to_string())
                    .collect();
                let suggestion =
                    crate::diagnostics::suggest::closest(name, names.iter().map(String::as_str))
                        .map(str::to_string);
                Err(UnknownZone {
                    message: format!("`{name}` is not a time zone name of the IANA database"),
                    suggestion,
                })
            }
        }
    }

    /// The IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads a time as authors write it: with an offset or `Z`
    /// (`2026-06-01T14:30:00-04:00`), or local to this zone
    /// (`2026-06-01 14:30`, `2026-06-01T14:30:00`). A local time that the
    /// clocks skip or repeat when daylight saving time starts or ends is read
    /// the way most software does (RFC 9557 "compatible": the later offset
    /// in a gap, the earlier in a fold). The error is a plain-words reason.
    pub fn parse_time(&self, text: &str) -> Result<Instant, String> {
        let text = text.trim();
        let has_time = text.len() > 10 && text.contains(':');
        if has_time {
            if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
                return Ok(Instant::from_timestamp(timestamp));
            }
            if let Ok(local) = text.parse::<jiff::civil::DateTime>()
                && let Ok(zoned) = self.zone.to_ambiguous_zoned(local).compatible()
            {
                return Ok(Instant::from_timestamp(zoned.timestamp()));
            }
        }
        Err(format!(
            "`{text}` is not a date and time like `2026-06-01 14:30` (in the site's time zone, {}) or `2026-06-01T14:30:00-04:00`",
            self.name
        ))
    }

    fn zoned(&self, instant: Instant) -> jiff::Zoned {
        instant.timestamp().to_zoned(self.zone.clone())
    }

    /// RFC 3339 with this zone's offset at that instant, for `<time datetime>`:
    /// `2026-03-09T12:00:00-04:00`.
    pub fn datetime_attribute(&self, instant: Instant) -> String {
        let zoned = self.zoned(instant);
        jiff::fmt::strtime::format("%Y-%m-%dT%H:%M:%S%:z", &zoned)
            .unwrap_or_else(|_| instant.rfc3339())
    }

    /// The calendar date in this zone at that instant.
    pub fn local_date(&self, instant: Instant) -> Date {
        let d = self.zoned(instant).date();
        Date::new(d.year(), d.month(), d.day()).unwrap_or_else(|| instant.date_utc())
    }

    /// `YYYY-MM-DD-HHMM` in this zone: the file name of a new update entry.
    pub fn file_stamp(&self, instant: Instant) -> String {
        jiff::fmt::strtime::format("%Y-%m-%d-%H%M", &self.zoned(instant))
            .unwrap_or_else(|_| instant.rfc3339())
    }

    /// The instant shown to readers of `language`, in this zone.
    pub fn display(&self, instant: Instant, language: &str) -> LocalTime {
        let zoned = self.zoned(instant);
        let date = self.local_date(instant).display_long(language);
        let time = format_time(zoned.hour(), zoned.minute(), language);
        let abbreviation = jiff::fmt::strtime::format("%Z", &zoned).unwrap_or_default();
        LocalTime {
            date,
            time,
            zone: abbreviation,
        }
    }
}

/// A time shown to readers: each part localised, so a theme can arrange them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LocalTime {
    /// "June 1, 2026", "1 de junio de 2026".
    pub date: String,
    /// "2:30 PM", "14:30".
    pub time: String,
    /// The zone's abbreviation at that instant ("EDT", "EST", "CEST"), or
    /// its offset ("-03") where the zone has no abbreviation.
    pub zone: String,
}

type TimeFormatter = NoCalendarFormatter<T>;

/// Formatters are costly to build and immutable: one per language, shared.
fn time_formatter(language: &str) -> Option<Arc<TimeFormatter>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Arc<TimeFormatter>>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(language.to_string())
        .or_insert_with(|| {
            let locale: Locale = language.parse().ok()?;
            TimeFormatter::try_new(locale.into(), T::hm())
                .ok()
                .map(Arc::new)
        })
        .clone()
}

/// A time of day in the language's usual form, or `HH:MM` when the
/// language is unknown to CLDR.
fn format_time(hour: i8, minute: i8, language: &str) -> String {
    let fallback = || format!("{hour:02}:{minute:02}");
    let Some(formatter) = time_formatter(language) else {
        return fallback();
    };
    match icu_datetime::input::Time::try_new(hour as u8, minute as u8, 0, 0) {
        Ok(time) => formatter.format(&time).to_string(),
        Err(_) => fallback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_york() -> SiteZone {
        SiteZone::named("America/New_York").unwrap()
    }

    #[test]
    fn names_come_from_the_bundled_database_with_hints() {
        assert_eq!(new_york().name(), "America/New_York");
        assert_eq!(
            SiteZone::named("america/new_york").unwrap().name(),
            "America/New_York"
        );
        let error = SiteZone::named("America/New_Yrok").unwrap_err();
        assert_eq!(error.suggestion.as_deref(), Some("America/New_York"));
        assert!(error.message.contains("America/New_Yrok"));
        assert!(SiteZone::named("Mars/Olympus").is_err());
        assert_eq!(SiteZone::default().name(), "UTC");
    }

    #[test]
    fn local_times_take_the_offset_in_force_on_their_day() {
        let zone = new_york();
        // Daylight saving time starts on 8 March 2026 in New York.
        let before = zone.parse_time("2026-03-07 12:00").unwrap();
        let after = zone.parse_time("2026-03-09T12:00").unwrap();
        assert_eq!(before.rfc3339(), "2026-03-07T17:00:00Z");
        assert_eq!(after.rfc3339(), "2026-03-09T16:00:00Z");
        assert_eq!(zone.datetime_attribute(before), "2026-03-07T12:00:00-05:00");
        assert_eq!(zone.datetime_attribute(after), "2026-03-09T12:00:00-04:00");
        assert_eq!(zone.display(before, "en").zone, "EST");
        assert_eq!(zone.display(after, "en").zone, "EDT");
        // A written offset wins over the zone.
        let utc = zone.parse_time("2026-11-02T03:30:00Z").unwrap();
        assert_eq!(zone.datetime_attribute(utc), "2026-11-01T22:30:00-05:00");
        // 02:30 does not exist on 8 March: read as 03:30 EDT.
        let gap = zone.parse_time("2026-03-08 02:30").unwrap();
        assert_eq!(zone.datetime_attribute(gap), "2026-03-08T03:30:00-04:00");
    }

    #[test]
    fn times_without_a_time_of_day_are_refused() {
        let zone = new_york();
        for bad in ["2026-06-01", "today", "2026-13-01 10:00", "10:00", ""] {
            let error = zone.parse_time(bad).unwrap_err();
            assert!(error.contains("America/New_York"), "{error}");
        }
    }

    #[test]
    fn times_of_day_are_localised() {
        let zone = new_york();
        let t = zone.parse_time("2026-06-01 14:05").unwrap();
        let en = zone.display(t, "en");
        assert_eq!(en.date, "June 1, 2026");
        assert!(
            en.time.starts_with("2:05") && en.time.ends_with("PM"),
            "{}",
            en.time
        );
        assert_eq!(zone.display(t, "es").time, "14:05");
        assert_eq!(zone.display(t, "not a language!").time, "14:05");
        assert_eq!(zone.file_stamp(t), "2026-06-01-1405");
        assert_eq!(zone.local_date(t), Date::new(2026, 6, 1).unwrap());
    }
}
