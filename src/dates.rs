//! Quay's date strings, read into Unix milliseconds: the RFC 1123 form of its JSON
//! (`Sun, 22 Nov 2026 23:10:00 GMT`, or `-0000` instead of `GMT` in the logs).

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `Sun, 22 Nov 2026 23:10:00 GMT` (or `… -0000` / `… +0000`) → Unix ms; `None` if malformed.
pub fn parse_quay_date(text: &str) -> Option<i64> {
    let rest = text.trim().split_once(", ").map_or(text.trim(), |(_, r)| r);
    let mut parts = rest.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as i64 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':');
    let (h, m, s): (i64, i64, i64) = (
        clock.next()?.parse().ok()?,
        clock.next()?.parse().ok()?,
        clock.next()?.parse().ok()?,
    );
    let zone = parts.next().unwrap_or("GMT");
    if !matches!(zone, "GMT" | "UTC" | "-0000" | "+0000") || parts.next().is_some() {
        return None;
    }
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400) + h * 3_600 + m * 60 + s) * 1000)
}

/// Unix seconds of a `yyyy-mm-dd` date (the value of `<input type="date">`) at 00:00 UTC.
pub fn parse_input_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400)
}

/// `yyyy-mm-dd` (UTC) of Unix seconds, for `<input type="date">`.
pub fn input_date(seconds: i64) -> String {
    day_to_input(seconds.div_euclid(86_400))
}

/// `yyyy-mm-dd` of a day number (days since 1970-01-01).
pub fn day_to_input(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The day number of a `yyyy-mm-dd` date.
pub fn input_to_day(text: &str) -> Option<i64> {
    parse_input_date(text).map(|s| s.div_euclid(86_400))
}

/// The UTC day number of Unix milliseconds.
pub fn day_of_ms(ms: i64) -> i64 {
    ms.div_euclid(86_400_000)
}

/// ISO 8601 in UTC to the second (`2026-11-22T23:08:35Z`), computed here so it is the same
/// natively and in the browser.
pub fn iso_utc(ms: i64) -> String {
    let seconds = ms.div_euclid(1000);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let s = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// `mm/dd/yyyy`: the date form of Quay's log queries (`starttime`, `endtime`).
pub fn quay_query_date(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{month:02}/{day:02}/{year:04}")
}

/// (year, month, day) of a day number; the inverse of `days_from_civil`.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quay_dates() {
        // 2026-11-22T23:10:00Z
        assert_eq!(
            parse_quay_date("Sun, 22 Nov 2026 23:10:00 GMT"),
            Some(1_795_389_000_000)
        );
        assert_eq!(
            parse_quay_date("Sun, 22 Nov 2026 23:10:00 -0000"),
            Some(1_795_389_000_000)
        );
        assert_eq!(parse_quay_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_quay_date("Tue, 29 Feb 2028 12:00:00 GMT"),
            Some(1_835_438_400_000)
        );
        assert_eq!(parse_quay_date("22 Nov 2026"), None);
        assert_eq!(parse_quay_date("Sun, 22 Foo 2026 23:10:00 GMT"), None);
        assert_eq!(parse_quay_date("Sun, 22 Nov 2026 23:10:00 +0900"), None);
        assert_eq!(parse_quay_date(""), None);
    }

    #[test]
    fn input_dates_round_trip() {
        assert_eq!(parse_input_date("2026-11-22"), Some(1_795_305_600));
        assert_eq!(input_date(1_795_389_000), "2026-11-22");
        for s in ["1970-01-01", "2000-02-29", "2026-12-31", "2100-03-01"] {
            assert_eq!(input_date(parse_input_date(s).unwrap()), s);
        }
        assert_eq!(parse_input_date("2026-13-01"), None);
        assert_eq!(parse_input_date("tomorrow"), None);
    }

    #[test]
    fn day_numbers() {
        let day = input_to_day("2026-11-23").unwrap();
        assert_eq!(day_to_input(day), "2026-11-23");
        assert_eq!(quay_query_date(day), "11/23/2026");
        assert_eq!(civil_from_days(day + 8), (2026, 12, 1));
        assert_eq!(day_of_ms(day * 86_400_000 + 86_399_999), day);
        assert_eq!(day_of_ms(-1), -1);
        assert_eq!(input_to_day("2026-13-01"), None);
        assert_eq!(
            iso_utc(parse_quay_date("Sun, 22 Nov 2026 23:08:35 -0000").unwrap()),
            "2026-11-22T23:08:35Z"
        );
    }
}
