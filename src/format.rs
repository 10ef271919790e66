//! Formatting and parsing of what is shown to people or put in URLs: byte sizes (binary units,
//! as Quay uses for quotas), durations such as a tag expiration ("2 weeks" ↔ 1,209,600 s), and
//! percent-encoding.

use crate::i18n::Key;

const BYTE_UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/// `1536` → `"1.5 KiB"`, `0` → `"0 B"`; at most one decimal, trailing `.0` dropped.
pub fn format_bytes(bytes: u64) -> String {
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < BYTE_UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let rounded = (value * 10.0).round() / 10.0;
    // 1023.96 KiB rounds to "1024 KiB": say "1 MiB" instead.
    if rounded >= 1024.0 && unit < BYTE_UNITS.len() - 1 {
        return format!("1 {}", BYTE_UNITS[unit + 1]);
    }
    let text = format!("{rounded:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {}", BYTE_UNITS[unit])
}

/// `1234567` → `"1,234,567"`: exact counts in tooltips and CSV-free displays.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Percentage of `used` in `limit`, rounded down; `None` without a (positive) limit.
pub fn percent_used(used: u64, limit: Option<u64>) -> Option<u64> {
    let limit = limit.filter(|l| *l > 0)?;
    Some(((used as u128 * 100) / limit as u128).min(u64::MAX as u128) as u64)
}

/// Units for durations, largest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Weeks,
    Days,
    Hours,
    Minutes,
    Seconds,
}

impl TimeUnit {
    pub const ALL: [TimeUnit; 5] = [
        TimeUnit::Weeks,
        TimeUnit::Days,
        TimeUnit::Hours,
        TimeUnit::Minutes,
        TimeUnit::Seconds,
    ];

    pub fn seconds(self) -> u64 {
        match self {
            TimeUnit::Weeks => 604_800,
            TimeUnit::Days => 86_400,
            TimeUnit::Hours => 3_600,
            TimeUnit::Minutes => 60,
            TimeUnit::Seconds => 1,
        }
    }
}

/// Splits seconds into the largest unit that divides them: 1209600 → (2, Weeks), 90 → (90, Seconds).
pub fn split_duration(seconds: u64) -> (u64, TimeUnit) {
    if seconds == 0 {
        return (0, TimeUnit::Seconds);
    }
    TimeUnit::ALL
        .into_iter()
        .find(|u| seconds.is_multiple_of(u.seconds()))
        .map(|u| (seconds / u.seconds(), u))
        .unwrap_or((seconds, TimeUnit::Seconds))
}

/// A duration as its amount and the catalogue key of its unit in the right number: English
/// says "1 day" but "2 days" and "0 seconds"; Japanese and Chinese have one form (both keys
/// hold the same text). 1209600 → (2, `UnitWeeks`), 86400 → (1, `UnitDay`).
pub fn duration_parts(seconds: u64) -> (u64, Key) {
    let (amount, unit) = split_duration(seconds);
    let (one, other) = match unit {
        TimeUnit::Weeks => (Key::UnitWeek, Key::UnitWeeks),
        TimeUnit::Days => (Key::UnitDay, Key::UnitDays),
        TimeUnit::Hours => (Key::UnitHour, Key::UnitHours),
        TimeUnit::Minutes => (Key::UnitMinute, Key::UnitMinutes),
        TimeUnit::Seconds => (Key::UnitSecond, Key::UnitSeconds),
    };
    (amount, if amount == 1 { one } else { other })
}

/// How far `then` is from `now` (both Unix ms) in the unit people would use: a value for
/// `Intl.RelativeTimeFormat` (negative in the past) and its unit name.
pub fn relative_time(then_ms: i64, now_ms: i64) -> (i64, &'static str) {
    let seconds = (then_ms - now_ms) / 1000;
    let abs = seconds.unsigned_abs();
    let (divisor, unit) = match abs {
        0..60 => (1, "second"),
        60..3_600 => (60, "minute"),
        3_600..86_400 => (3_600, "hour"),
        86_400..2_592_000 => (86_400, "day"),
        2_592_000..31_536_000 => (2_592_000, "month"),
        _ => (31_536_000, "year"),
    };
    (seconds / divisor, unit)
}

/// Percent-encodes everything but RFC 3986 unreserved characters: for query values and path
/// segments built from typed or API text.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_units() {
        let now = 1_763_900_000_000;
        assert_eq!(relative_time(now - 5_000, now), (-5, "second"));
        assert_eq!(relative_time(now - 90_000, now), (-1, "minute"));
        assert_eq!(relative_time(now - 3 * 3_600_000, now), (-3, "hour"));
        assert_eq!(relative_time(now - 2 * 86_400_000, now), (-2, "day"));
        assert_eq!(relative_time(now - 65 * 86_400_000, now), (-2, "month"));
        assert_eq!(relative_time(now - 800 * 86_400_000, now), (-2, "year"));
        assert_eq!(relative_time(now + 7 * 86_400_000, now), (7, "day"));
        assert_eq!(relative_time(now, now), (0, "second"));
    }

    #[test]
    fn encoding_keeps_unreserved() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("日 /"), "%E6%97%A5%20%2F");
    }

    #[test]
    fn bytes() {
        assert_eq!(format_bytes(0), "0 B");
        assert_eq!(format_bytes(1023), "1023 B");
        assert_eq!(format_bytes(1024), "1 KiB");
        assert_eq!(format_bytes(1536), "1.5 KiB");
        assert_eq!(format_bytes(524_288_000), "500 MiB");
        assert_eq!(format_bytes(10_737_418_240), "10 GiB");
        assert_eq!(format_bytes(1024 * 1024 - 1), "1 MiB");
        assert_eq!(format_bytes(3_298_534_883_328), "3 TiB");
        assert_eq!(format_bytes(u64::MAX), "16 EiB");
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn percent() {
        assert_eq!(percent_used(50, Some(100)), Some(50));
        assert_eq!(percent_used(150, Some(100)), Some(150));
        assert_eq!(percent_used(1, None), None);
        assert_eq!(percent_used(1, Some(0)), None);
        assert_eq!(percent_used(u64::MAX, Some(1)), Some(u64::MAX));
    }

    #[test]
    fn duration_units_agree_with_their_amount() {
        assert_eq!(duration_parts(86_400), (1, Key::UnitDay));
        assert_eq!(duration_parts(604_800), (1, Key::UnitWeek));
        assert_eq!(duration_parts(1_209_600), (2, Key::UnitWeeks));
        assert_eq!(duration_parts(3_600), (1, Key::UnitHour));
        assert_eq!(duration_parts(60), (1, Key::UnitMinute));
        assert_eq!(duration_parts(1), (1, Key::UnitSecond));
        assert_eq!(duration_parts(0), (0, Key::UnitSeconds));
        assert_eq!(duration_parts(90), (90, Key::UnitSeconds));
        // The words themselves: singular and plural in English, one form in Japanese and Chinese.
        use crate::i18n::Locale;
        assert_eq!(Key::UnitDay.english(), "day");
        assert_eq!(Key::UnitDays.english(), "days");
        for locale in [Locale::Ja, Locale::ZhHans] {
            for (one, other) in [
                (Key::UnitWeek, Key::UnitWeeks),
                (Key::UnitDay, Key::UnitDays),
                (Key::UnitHour, Key::UnitHours),
                (Key::UnitMinute, Key::UnitMinutes),
                (Key::UnitSecond, Key::UnitSeconds),
            ] {
                assert_eq!(
                    one.translation(locale),
                    other.translation(locale),
                    "{one:?}"
                );
            }
        }
        assert_eq!(Key::UnitWeeks.translation(Locale::Ja), "週間");
    }

    #[test]
    fn durations() {
        assert_eq!(split_duration(1_209_600), (2, TimeUnit::Weeks));
        assert_eq!(split_duration(86_400 * 3), (3, TimeUnit::Days));
        assert_eq!(split_duration(7_200), (2, TimeUnit::Hours));
        assert_eq!(split_duration(90), (90, TimeUnit::Seconds));
        assert_eq!(split_duration(0), (0, TimeUnit::Seconds));
    }
}
