//! The only place recall reads the wall clock.
//!
//! `--now <RFC 3339>` or `RECALL_NOW` override it (tests always do). A study
//! day starts at the rollover hour (default 04:00 local time): a session at
//! 01:30 counts for the day before, as in Anki.
//!
//! "Local time" is the offset written in `--now`/`RECALL_NOW` when one is
//! given (so a test's day does not depend on the machine's time zone), and the
//! machine's local time zone otherwise.

use chrono::{DateTime, Duration, FixedOffset, Local, NaiveDate};

use crate::error::{Error, Result};

/// Default hour (local time) at which a new study day begins.
pub const DEFAULT_ROLLOVER_HOUR: u32 = 4;

/// A moment, with the local offset that decides its study day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// The instant, in its local offset.
    pub at: DateTime<FixedOffset>,
}

impl Now {
    /// Reads `explicit` (from `--now` or `RECALL_NOW`) if given, else the wall clock.
    pub fn resolve(explicit: Option<&str>) -> Result<Now> {
        match explicit {
            Some(text) => Now::parse(text),
            None => {
                // the one place recall reads the wall clock
                #[allow(clippy::disallowed_methods)]
                let local = Local::now();
                Ok(Now {
                    at: local.fixed_offset(),
                })
            }
        }
    }

    /// Parses an RFC 3339 time such as `2026-11-28T09:00:00+01:00`.
    /// A bare date (`2026-11-28`) means noon of that day in UTC.
    pub fn parse(text: &str) -> Result<Now> {
        let text = text.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(Now { at });
        }
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            let noon = day.and_hms_opt(12, 0, 0).ok_or_else(|| bad_now(text))?;
            return Ok(Now {
                at: noon.and_utc().fixed_offset(),
            });
        }
        Err(bad_now(text))
    }

    /// The study day this moment belongs to, given the rollover hour (0..=23).
    pub fn study_day(&self, rollover_hour: u32) -> NaiveDate {
        (self.at.naive_local() - Duration::hours(i64::from(rollover_hour.min(23)))).date()
    }

    /// Milliseconds since the Unix epoch (what the review log stores).
    pub fn unix_ms(&self) -> i64 {
        self.at.timestamp_millis()
    }

    /// A stored moment (`ms` since the Unix epoch) in this moment's local
    /// offset, formatted with chrono's `format` (`%Y-%m-%d %H:%M`).
    pub fn format_ms(&self, ms: i64, format: &str) -> String {
        DateTime::from_timestamp_millis(ms)
            .map(|t| t.with_timezone(self.at.offset()).format(format).to_string())
            .unwrap_or_else(|| "?".to_string())
    }
}

fn bad_now(text: &str) -> Error {
    Error::Invalid(format!(
        "--now/RECALL_NOW: '{text}' is not an RFC 3339 time (e.g. 2026-11-28T09:00:00+01:00) or a date (2026-11-28)"
    ))
}

/// Milliseconds since `start`, as measured by a monotonic clock (answer timing).
pub fn elapsed_ms(start: std::time::Instant) -> i64 {
    i64::try_from(start.elapsed().as_millis()).unwrap_or(i64::MAX)
}

/// A monotonic instant, for timing how long an answer took.
pub fn instant() -> std::time::Instant {
    std::time::Instant::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn late_night_counts_for_the_day_before() {
        let now = Now::parse("2026-11-28T01:30:00+01:00").unwrap();
        assert_eq!(now.study_day(4), day("2026-11-27"));
        let now = Now::parse("2026-11-28T04:00:00+01:00").unwrap();
        assert_eq!(now.study_day(4), day("2026-11-28"));
    }

    #[test]
    fn rollover_is_configurable() {
        let now = Now::parse("2026-11-28T05:30:00Z").unwrap();
        assert_eq!(now.study_day(6), day("2026-11-27"));
        assert_eq!(now.study_day(0), day("2026-11-28"));
    }

    #[test]
    fn the_offset_in_now_decides_the_day() {
        // 02:00 UTC is 03:00 in +01:00 (before rollover) but 11:00 in +09:00.
        let a = Now::parse("2026-11-28T03:00:00+01:00").unwrap();
        let b = Now::parse("2026-11-28T11:00:00+09:00").unwrap();
        assert_eq!(a.unix_ms(), b.unix_ms());
        assert_eq!(a.study_day(4), day("2026-11-27"));
        assert_eq!(b.study_day(4), day("2026-11-28"));
    }

    #[test]
    fn a_bare_date_is_noon_utc() {
        assert_eq!(
            Now::parse("2026-01-02").unwrap().study_day(4),
            day("2026-01-02")
        );
    }

    #[test]
    fn garbage_is_refused() {
        let err = Now::parse("yesterday").unwrap_err().to_string();
        assert!(err.contains("yesterday"), "{err}");
    }
}
