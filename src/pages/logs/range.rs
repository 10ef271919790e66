//! The usage log's time range as it lives in the URL (`?range=7d`, or `?from=2026-11-01&to=
//! 2026-11-05` for a custom one), and what it means for Quay's queries, which work in whole UTC
//! days (`starttime`/`endtime` as `mm/dd/yyyy`, the end day included).

use crate::dates::{day_of_ms, day_to_input, input_to_day};

const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    Day,
    Week,
    Month,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Day, Preset::Week, Preset::Month];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Day => "24h",
            Preset::Week => "7d",
            Preset::Month => "30d",
        }
    }

    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogRange {
    Preset(Preset),
    /// First and last day (day numbers, UTC), both included.
    Custom {
        from: i64,
        to: i64,
    },
}

impl Default for LogRange {
    fn default() -> Self {
        LogRange::Preset(Preset::Week)
    }
}

/// Where the range is resolved against the clock: the days to ask Quay for and, for the last
/// 24 hours, the instant before which entries are left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub first_day: i64,
    pub last_day: i64,
    pub cutoff_ms: Option<i64>,
}

impl Resolved {
    #[cfg(test)]
    fn days(&self) -> impl Iterator<Item = i64> {
        self.first_day..=self.last_day
    }
    /// Whether an entry at `ms` belongs to the range (Quay answers whole days).
    pub fn contains(&self, ms: i64) -> bool {
        self.cutoff_ms.is_none_or(|c| ms >= c)
    }
}

impl LogRange {
    /// From the URL parameters; anything malformed is the default (last 7 days). A custom
    /// range given backwards is turned around.
    pub fn parse(range: Option<&str>, from: Option<&str>, to: Option<&str>) -> Self {
        if let Some(preset) = range.and_then(Preset::from_id) {
            return LogRange::Preset(preset);
        }
        match (from.and_then(input_to_day), to.and_then(input_to_day)) {
            (Some(a), Some(b)) => LogRange::Custom {
                from: a.min(b),
                to: a.max(b),
            },
            (Some(day), None) | (None, Some(day)) => LogRange::Custom { from: day, to: day },
            (None, None) => LogRange::default(),
        }
    }

    /// The URL parameters (range, from, to) for this range.
    pub fn params(&self) -> [(&'static str, Option<String>); 3] {
        match *self {
            LogRange::Preset(p) => [
                ("range", Some(p.id().to_string())),
                ("from", None),
                ("to", None),
            ],
            LogRange::Custom { from, to } => [
                ("range", None),
                ("from", Some(day_to_input(from))),
                ("to", Some(day_to_input(to))),
            ],
        }
    }

    pub fn resolve(&self, now_ms: i64) -> Resolved {
        let today = day_of_ms(now_ms);
        let days_back = |n: i64| Resolved {
            first_day: today - (n - 1),
            last_day: today,
            cutoff_ms: None,
        };
        match *self {
            LogRange::Preset(Preset::Day) => Resolved {
                first_day: day_of_ms(now_ms - DAY_MS),
                last_day: today,
                cutoff_ms: Some(now_ms - DAY_MS),
            },
            LogRange::Preset(Preset::Week) => days_back(7),
            LogRange::Preset(Preset::Month) => days_back(30),
            LogRange::Custom { from, to } => Resolved {
                first_day: from,
                last_day: to,
                cutoff_ms: None,
            },
        }
    }
}

/// The range cut at calendar months: Quay rebuilds each aggregate's day from the window's
/// start month and the entry's day of month, so only windows inside one month come back with
/// the right days (and Quay refuses windows over 31 days anyway).
pub fn month_pieces(first_day: i64, last_day: i64) -> Vec<(i64, i64)> {
    let mut pieces = Vec::new();
    let mut start = first_day;
    while start <= last_day {
        let (_, month, _) = crate::dates::civil_from_days(start);
        let mut end = start;
        while end < last_day && crate::dates::civil_from_days(end + 1).1 == month {
            end += 1;
        }
        pieces.push((start, end));
        start = end + 1;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> i64 {
        input_to_day(text).unwrap()
    }

    #[test]
    fn parsing_and_params() {
        assert_eq!(LogRange::parse(None, None, None), LogRange::default());
        assert_eq!(
            LogRange::parse(Some("30d"), Some("2026-01-01"), None),
            LogRange::Preset(Preset::Month)
        );
        assert_eq!(
            LogRange::parse(Some("bogus"), Some("2026-11-05"), Some("2026-11-01")),
            LogRange::Custom {
                from: day("2026-11-01"),
                to: day("2026-11-05")
            }
        );
        assert_eq!(
            LogRange::parse(None, Some("2026-11-05"), Some("nope")),
            LogRange::Custom {
                from: day("2026-11-05"),
                to: day("2026-11-05")
            }
        );
        let custom = LogRange::Custom {
            from: day("2026-11-01"),
            to: day("2026-11-05"),
        };
        let [(_, range), (_, from), (_, to)] = custom.params();
        assert_eq!(
            LogRange::parse(range.as_deref(), from.as_deref(), to.as_deref()),
            custom
        );
    }

    #[test]
    fn resolving_against_the_clock() {
        // 2026-11-23 10:00 UTC.
        let now = day("2026-11-23") * DAY_MS + 10 * 3_600_000;
        let week = LogRange::Preset(Preset::Week).resolve(now);
        assert_eq!(
            (week.first_day, week.last_day),
            (day("2026-11-17"), day("2026-11-23"))
        );
        assert_eq!(week.days().count(), 7);
        let day_range = LogRange::Preset(Preset::Day).resolve(now);
        assert_eq!(
            (day_range.first_day, day_range.last_day),
            (day("2026-11-22"), day("2026-11-23"))
        );
        assert!(day_range.contains(now - 3_600_000));
        assert!(!day_range.contains(now - DAY_MS - 1));
        assert_eq!(
            LogRange::Preset(Preset::Month).resolve(now).days().count(),
            30
        );
    }

    #[test]
    fn aggregate_windows_stay_inside_months() {
        assert_eq!(
            month_pieces(day("2026-10-25"), day("2026-12-02")),
            vec![
                (day("2026-10-25"), day("2026-10-31")),
                (day("2026-11-01"), day("2026-11-30")),
                (day("2026-12-01"), day("2026-12-02")),
            ]
        );
        assert_eq!(
            month_pieces(day("2026-11-23"), day("2026-11-23")),
            vec![(day("2026-11-23"), day("2026-11-23"))]
        );
        assert!(month_pieces(5, 4).is_empty());
    }
}
