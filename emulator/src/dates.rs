//! Calendar arithmetic and Quay's date texts, on the `time` crate. Dates travel as day numbers
//! (days since 1970-01-01, UTC) and Unix seconds or microseconds, as the database stores them.

use time::macros::{date, format_description};
use time::{Date, Duration, Month, OffsetDateTime};

/// Microseconds per day.
pub const DAY_US: i64 = 86_400_000_000;

const EPOCH: Date = date!(1970 - 01 - 01);
/// The start of a 400-year Gregorian cycle (every cycle has the same calendar).
const CYCLE_START: Date = date!(2000 - 01 - 01);
const DAYS_PER_CYCLE: i64 = 146_097;

/// The day number of a calendar date; `None` for a date that does not exist (Feb 30) or that
/// the `time` crate cannot hold (beyond ±9999).
pub fn day_number(year: i64, month: u32, day: u32) -> Option<i64> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date = Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?);
    date.ok().map(day_of_date)
}

fn day_of_date(date: Date) -> i64 {
    i64::from(date.to_julian_day() - EPOCH.to_julian_day())
}

/// The date of a day number, where the `time` crate can hold it (years ±9999).
pub fn date_of_day(day: i64) -> Option<Date> {
    let julian = i32::try_from(day.checked_add(i64::from(EPOCH.to_julian_day()))?).ok()?;
    Date::from_julian_day(julian).ok()
}

/// `(year, month, day)` of a day number (years ±9999).
pub fn ymd(day: i64) -> Option<(i64, u32, u32)> {
    date_of_day(day).map(|d| {
        (
            i64::from(d.year()),
            u32::from(u8::from(d.month())),
            u32::from(d.day()),
        )
    })
}

/// The year of any day number, however far from now: the day is moved by whole 400-year cycles
/// into the range the `time` crate holds, and the cycles added back to its year.
pub fn year_of_day(day: i64) -> i128 {
    let from_cycle = i128::from(day) - i128::from(day_of_date(CYCLE_START));
    let cycles = from_cycle.div_euclid(i128::from(DAYS_PER_CYCLE));
    let within = from_cycle.rem_euclid(i128::from(DAYS_PER_CYCLE)) as i64;
    let date = CYCLE_START + Duration::days(within);
    i128::from(date.year()) + cycles * 400
}

/// The number of days of `month` in `year` (0 for a month that does not exist).
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match (
        i32::try_from(year),
        u8::try_from(month)
            .ok()
            .and_then(|m| Month::try_from(m).ok()),
    ) {
        (Ok(year), Some(month)) => u32::from(time::util::days_in_month(month, year)),
        _ => 0,
    }
}

/// Python's `datetime` range: years 1…9999.
pub fn in_python_range(day: i64) -> bool {
    ymd(day).is_some_and(|(year, _, _)| (1..=9999).contains(&year))
}

fn datetime_of_us(us: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(us.div_euclid(1_000_000)).ok()
}

/// Quay's `format_date` (`email.utils.formatdate` of the UTC time): `Sun, 22 Nov 2026 23:10:26
/// -0000`, to the second (microseconds dropped, not rounded).
pub fn format_date_us(us: i64) -> String {
    let format = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] -0000"
    );
    datetime_of_us(us)
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

/// [`format_date_us`] of Unix seconds.
pub fn format_date(seconds: i64) -> String {
    format_date_us(seconds.saturating_mul(1_000_000))
}

/// Flask's JSON dates (`email.utils.format_datetime(dt, usegmt=True)`):
/// `Sun, 22 Nov 2026 23:10:00 GMT`.
pub fn gmt_date(seconds: i64) -> String {
    let format = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

/// Python's `str(datetime)` of a UTC instant in microseconds: `2026-11-22 23:10:26.123456`.
pub fn python_naive_utc(us: i64) -> String {
    let format =
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:6]");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(us) * 1_000)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

/// The date `months` calendar months after the day `day`, its day of month clamped to the
/// month's length (dateutil's `relativedelta(months=…)`).
pub fn add_months(day: i64, months: u32) -> Option<i64> {
    let (year, month, dom) = ymd(day)?;
    let index = year * 12 + i64::from(month) - 1 + i64::from(months);
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    day_number(year, month, dom.min(days_in_month(year, month)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for day in [-719_162, -1, 0, 1, 19_000, 2_932_896] {
            let (y, m, d) = ymd(day).unwrap();
            assert_eq!(day_number(y, m, d), Some(day));
            assert_eq!(year_of_day(day), i128::from(y));
        }
        assert_eq!(day_number(2026, 11, 22), Some(20_779));
        assert_eq!(day_number(2026, 2, 29), None);
        assert_eq!(day_number(2026, 13, 1), None);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert!(in_python_range(day_number(1, 1, 1).unwrap()));
        assert!(!in_python_range(
            day_number(10_000 - 1, 12, 31).unwrap() + 1
        ));
        // Far beyond what `time` holds: whole cycles of 146,097 days are 400 years.
        assert_eq!(
            year_of_day(20_779 + 146_097 * 1_000_000),
            2026 + 400_000_000
        );
        assert_eq!(year_of_day(-719_163), 0);
    }

    #[test]
    fn quay_date_texts() {
        assert_eq!(format_date(0), "Thu, 01 Jan 1970 00:00:00 -0000");
        assert_eq!(
            format_date(1_795_993_826),
            "Sun, 29 Nov 2026 23:10:26 -0000"
        );
        assert_eq!(
            format_date_us(day_number(1, 1, 1).unwrap() * DAY_US),
            "Mon, 01 Jan 0001 00:00:00 -0000"
        );
        assert_eq!(format_date_us(-1), "Wed, 31 Dec 1969 23:59:59 -0000");
        assert_eq!(gmt_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(gmt_date(1_795_993_800), "Sun, 29 Nov 2026 23:10:00 GMT");
        assert_eq!(gmt_date(-62_135_596_800), "Mon, 01 Jan 0001 00:00:00 GMT");
        assert_eq!(gmt_date(253_402_300_799), "Fri, 31 Dec 9999 23:59:59 GMT");
        assert_eq!(gmt_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(python_naive_utc(0), "1970-01-01 00:00:00.000000");
        assert_eq!(
            python_naive_utc(1_795_993_826_123_456),
            "2026-11-29 23:10:26.123456"
        );
        assert_eq!(python_naive_utc(-1), "1969-12-31 23:59:59.999999");
        assert_eq!(
            python_naive_utc(951_782_400_000_001),
            "2000-02-29 00:00:00.000001"
        );
    }

    #[test]
    fn months_are_added_like_relativedelta() {
        let day = |y, m, d| day_number(y, m, d).unwrap();
        assert_eq!(add_months(day(2026, 1, 31), 1), Some(day(2026, 2, 28)));
        assert_eq!(add_months(day(2024, 1, 31), 1), Some(day(2024, 2, 29)));
        assert_eq!(add_months(day(2026, 12, 20), 1), Some(day(2027, 1, 20)));
        assert_eq!(add_months(day(2026, 11, 30), 3), Some(day(2027, 2, 28)));
    }
}
