//! Calendar dates and instants as authors write them, and their display in
//! each language.
//!
//! Dates in front matter are `YYYY-MM-DD`; alert expiry is an RFC 3339
//! instant. Display uses CLDR data through ICU4X (always the Gregorian
//! calendar, so a date reads the same day in every language). The build's
//! "today" is never read here: it arrives in `BuildOptions`.

use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_locale_core::Locale;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// A calendar date (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// Parses `YYYY-MM-DD`; the error is a plain-words reason.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let well_formed = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            return Err(format!("`{text}` is not a date written YYYY-MM-DD"));
        }
        text.parse::<jiff::civil::Date>()
            .map(Date)
            .map_err(|_| format!("`{text}` is not a real calendar date"))
    }

    /// The date `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
    pub fn add_months(self, months: u32) -> Date {
        let span = jiff::Span::new().months(i64::from(months));
        self.0.checked_add(span).map(Date).unwrap_or(self)
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }
    pub fn month(self) -> i8 {
        self.0.month()
    }
    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// Whole days from `other` to this date (negative when this date is earlier).
    pub fn days_since(self, other: Date) -> i64 {
        (self.0 - other.0).get_days().into()
    }

    /// Days since 1970-01-01 (for `SOURCE_DATE_EPOCH`-style arithmetic).
    pub fn from_unix_seconds(seconds: i64) -> Option<Date> {
        let ts = jiff::Timestamp::from_second(seconds).ok()?;
        Some(Date(ts.to_zoned(jiff::tz::TimeZone::UTC).date()))
    }

    /// Midnight UTC at the start of this date, as an instant.
    pub fn start_instant(self) -> Instant {
        let zoned = self
            .0
            .to_zoned(jiff::tz::TimeZone::UTC)
            .expect("every civil date exists in UTC");
        Instant(zoned.timestamp())
    }

    /// Midnight UTC, RFC 3339: `2026-03-01T00:00:00Z` (Atom, JSON Feed, Open Graph).
    pub fn rfc3339(self) -> String {
        format!("{self}T00:00:00Z")
    }

    /// Midnight UTC, RFC 822 as RSS 2.0 wants it: `Sun, 01 Mar 2026 00:00:00 +0000`.
    pub fn rfc822(self) -> String {
        jiff::fmt::strtime::format("%a, %d %b %Y 00:00:00 +0000", self.0)
            .unwrap_or_else(|_| self.to_string())
    }

    /// Long, localised form: "1 March 2026", "1 de marzo de 2026", "١ مارس ٢٠٢٦".
    pub fn display_long(self, language: &str) -> String {
        format_long(self, language)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An instant in time (UTC), e.g. an alert's expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(jiff::Timestamp);

impl Instant {
    /// Parses RFC 3339 (`2026-12-01T00:00:00Z`, `2026-12-01T08:00:00-05:00`).
    pub fn parse(text: &str) -> Result<Instant, String> {
        text.trim()
            .parse::<jiff::Timestamp>()
            .map(Instant)
            .map_err(|_| {
                format!(
                    "`{}` is not a date and time like 2026-12-01T00:00:00Z",
                    text.trim()
                )
            })
    }

    /// The instant of a jiff timestamp (the site's time zone module works in jiff).
    pub fn from_timestamp(timestamp: jiff::Timestamp) -> Instant {
        Instant(timestamp)
    }

    /// The jiff timestamp of this instant.
    pub fn timestamp(self) -> jiff::Timestamp {
        self.0
    }

    /// RFC 822 in UTC, as RSS 2.0 wants it: `Sun, 01 Mar 2026 13:00:00 +0000`.
    pub fn rfc822(self) -> String {
        self.utc("%a, %d %b %Y %H:%M:%S +0000")
    }

    pub fn date_utc(self) -> Date {
        Date(self.0.to_zoned(jiff::tz::TimeZone::UTC).date())
    }

    /// RFC 3339 in UTC with a `Z`: `2026-12-01T13:00:00Z`.
    pub fn rfc3339(self) -> String {
        self.utc("%Y-%m-%dT%H:%M:%SZ")
    }

    /// The Common Alerting Protocol's form: UTC written `-00:00` (CAP
    /// forbids `Z`): `2026-12-01T13:00:00-00:00`.
    pub fn cap(self) -> String {
        self.utc("%Y-%m-%dT%H:%M:%S-00:00")
    }

    fn utc(self, format: &str) -> String {
        let zoned = self.0.to_zoned(jiff::tz::TimeZone::UTC);
        jiff::fmt::strtime::format(format, &zoned).unwrap_or_else(|_| self.to_string())
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

type Formatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;

/// Formatters are costly to build and immutable: one per language, shared.
fn formatter(language: &str) -> Option<std::sync::Arc<Formatter>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<std::sync::Arc<Formatter>>>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(language.to_string())
        .or_insert_with(|| {
            let locale: Locale = language.parse().ok()?;
            FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long())
                .ok()
                .map(std::sync::Arc::new)
        })
        .clone()
}

/// [`format_long`], remembered per thread: a page shows several dates and
/// a site's pages share most of them, while formatting takes the shared
/// formatter's lock and ICU's pattern machinery each time.
fn format_long(date: Date, language: &str) -> String {
    /// Beyond this many dates a thread starts afresh (a live preview runs
    /// for hours).
    const MOST_DATES: usize = 4096;
    thread_local! {
        static FORMATTED: std::cell::RefCell<HashMap<String, HashMap<Date, String>>> =
            Default::default();
    }
    FORMATTED.with_borrow_mut(|formatted| {
        if let Some(text) = formatted.get(language).and_then(|dates| dates.get(&date)) {
            return text.clone();
        }
        let text = format_long_now(date, language);
        if formatted.values().map(HashMap::len).sum::<usize>() >= MOST_DATES {
            formatted.clear();
        }
        formatted
            .entry(language.to_string())
            .or_default()
            .insert(date, text.clone());
        text
    })
}

fn format_long_now(date: Date, language: &str) -> String {
    let Some(formatter) = formatter(language) else {
        return date.to_string();
    };
    match icu_calendar::Date::try_new_gregorian(
        i32::from(date.year()),
        date.month() as u8,
        date.day() as u8,
    ) {
        Ok(d) => formatter.format(&d).to_string(),
        Err(_) => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(
            Date::parse("2026-03-01").unwrap(),
            Date::new(2026, 3, 1).unwrap()
        );
        assert!(
            Date::parse("2026-02-30")
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(Date::parse("1/3/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(Date::parse("2026-3-1").is_err());
    }

    #[test]
    fn adding_months_clamps_to_month_end() {
        let d = Date::new(2026, 1, 31).unwrap();
        assert_eq!(d.add_months(1), Date::new(2026, 2, 28).unwrap());
        assert_eq!(d.add_months(12), Date::new(2027, 1, 31).unwrap());
    }

    #[test]
    fn long_dates_are_localised() {
        // Twice: the second round is answered from the thread's memory,
        // which must keep each language's text apart.
        for _ in 0..2 {
            long_dates_in_each_language();
        }
        assert_eq!(
            Date::new(2026, 3, 2).unwrap().display_long("en"),
            "March 2, 2026"
        );
    }

    fn long_dates_in_each_language() {
        let d = Date::new(2026, 3, 1).unwrap();
        assert_eq!(d.display_long("en"), "March 1, 2026");
        assert_eq!(d.display_long("en-GB"), "1 March 2026");
        assert_eq!(d.display_long("es"), "1 de marzo de 2026");
        assert!(
            d.display_long("ar").contains("مارس"),
            "{}",
            d.display_long("ar")
        );
        assert_eq!(d.display_long("fr"), "1 mars 2026");
        assert_eq!(d.display_long("zh-Hans"), "2026年3月1日");
        assert_eq!(d.display_long("not a language!"), "2026-03-01");
    }

    #[test]
    fn instants_parse_rfc3339() {
        let i = Instant::parse("2026-12-01T00:00:00Z").unwrap();
        assert_eq!(i.date_utc(), Date::new(2026, 12, 1).unwrap());
        assert!(Instant::parse("tomorrow").is_err());
        let offset = Instant::parse("2026-12-01T08:00:00-05:00").unwrap();
        assert_eq!(offset.rfc3339(), "2026-12-01T13:00:00Z");
        assert_eq!(offset.cap(), "2026-12-01T13:00:00-00:00");
        assert!(Date::new(2026, 12, 1).unwrap().start_instant() < offset);
    }

    #[test]
    fn feed_date_formats() {
        let d = Date::new(2026, 3, 1).unwrap();
        assert_eq!(d.rfc3339(), "2026-03-01T00:00:00Z");
        assert_eq!(d.rfc822(), "Sun, 01 Mar 2026 00:00:00 +0000");
    }
}
