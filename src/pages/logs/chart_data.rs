//! The chart's numbers, apart from drawing: counts per kind arranged as one stacked bar per day
//! of the range (Quay's counts) or per hour of the last 24 hours (counted from the entries), the
//! biggest kinds as their own series and the rest as "other", the y-axis' ticks, and each
//! segment's place in the drawing.

use std::collections::HashMap;

use crate::api::logs::AggregateCount;
use crate::dates::{day_of_ms, parse_quay_date};

/// How many kinds get their own colour; the rest are summed as "other".
pub const SERIES: usize = 7;

const HOUR_MS: i64 = 3_600_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Buckets start at UTC day numbers.
    Day,
    /// Buckets start at Unix ms of whole hours.
    Hour,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// A day number or an hour's Unix ms (see [`Unit`]).
    pub start: i64,
    /// Per series (same order as `Chart::series`), then "other" last.
    pub counts: Vec<u64>,
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    pub unit: Unit,
    /// The biggest kinds over the range, largest first.
    pub series: Vec<String>,
    /// Whether an "other" series is needed.
    pub has_other: bool,
    pub days: Vec<Bucket>,
    pub max: u64,
    pub total: u64,
}

/// Every kind in the counts with its total, largest first (ties by name).
pub fn kind_totals(counts: &[AggregateCount]) -> Vec<(String, u64)> {
    totals(counts.iter().map(|c| (c.kind.as_str(), c.count)))
}

/// Kinds with their totals, largest first (ties by name).
pub fn totals<'a>(items: impl Iterator<Item = (&'a str, u64)>) -> Vec<(String, u64)> {
    let mut totals: HashMap<&str, u64> = HashMap::new();
    for (kind, n) in items {
        *totals.entry(kind).or_default() += n;
    }
    let mut list: Vec<(String, u64)> = totals
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// Arranges `(bucket index, kind, count)` items over `starts` (buckets without any are zero).
fn arrange_items(unit: Unit, starts: Vec<i64>, items: Vec<(usize, &str, u64)>) -> Chart {
    let totals = totals(items.iter().map(|(_, k, n)| (*k, *n)));
    let series: Vec<String> = totals.iter().take(SERIES).map(|(k, _)| k.clone()).collect();
    let has_other = totals.len() > SERIES;
    let width = series.len() + 1;
    let mut days: Vec<Bucket> = starts
        .into_iter()
        .map(|start| Bucket {
            start,
            counts: vec![0; width],
            total: 0,
        })
        .collect();
    for (index, kind, n) in items {
        let Some(slot) = days.get_mut(index) else {
            continue;
        };
        let series_index = series.iter().position(|k| k == kind).unwrap_or(width - 1);
        slot.counts[series_index] += n;
        slot.total += n;
    }
    Chart {
        unit,
        max: days.iter().map(|d| d.total).max().unwrap_or(0),
        total: days.iter().map(|d| d.total).sum(),
        series,
        has_other,
        days,
    }
}

/// Quay's `counts` over the days `first..=last` (of `kind` only, when one is chosen).
pub fn arrange(counts: &[AggregateCount], first: i64, last: i64, kind: Option<&str>) -> Chart {
    let items = counts
        .iter()
        .filter(|c| kind.is_none_or(|k| k == c.kind))
        .filter_map(|c| {
            let day = parse_quay_date(&c.datetime).map(day_of_ms)?;
            (first..=last)
                .contains(&day)
                .then(|| ((day - first) as usize, c.kind.as_str(), c.count))
        })
        .collect();
    arrange_items(Unit::Day, (first..=last).collect(), items)
}

/// Entries (`(ms, kind)`) per hour from the hour holding `from_ms` to the one holding `to_ms`.
pub fn arrange_hours<'a>(
    entries: impl Iterator<Item = (i64, &'a str)>,
    from_ms: i64,
    to_ms: i64,
) -> Chart {
    let first = from_ms.div_euclid(HOUR_MS);
    let last = to_ms.div_euclid(HOUR_MS);
    let items = entries
        .filter_map(|(ms, kind)| {
            let hour = ms.div_euclid(HOUR_MS);
            (first..=last)
                .contains(&hour)
                .then(|| ((hour - first) as usize, kind, 1))
        })
        .collect();
    let starts = (first..=last).map(|h| h * HOUR_MS).collect();
    arrange_items(Unit::Hour, starts, items)
}

/// The y-axis' ticks from 0: round steps (1, 2 or 5 times a power of ten), the last at or above
/// `max`, at most five.
pub fn ticks(max: u64) -> Vec<u64> {
    if max == 0 {
        return vec![0];
    }
    let mut magnitude = 1u64;
    loop {
        for step in [1, 2, 5].map(|m| m * magnitude) {
            if max.div_ceil(step) <= 4 {
                return (0..=max.div_ceil(step)).map(|i| i * step).collect();
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// A bar's segment: which series, and its vertical span in drawing units (0 at the top).
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub series: usize,
    pub y: f64,
    pub height: f64,
}

/// The stacked segments of one day's bar in a drawing `height` tall, scaled to `max`; the first
/// series sits at the bottom. Empty series are left out.
pub fn stack(day: &Bucket, max: u64, height: f64) -> Vec<Segment> {
    if max == 0 {
        return Vec::new();
    }
    let mut bottom = height;
    day.counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(series, n)| {
            let h = *n as f64 / max as f64 * height;
            bottom -= h;
            Segment {
                series,
                y: bottom,
                height: h,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::input_to_day;

    fn count(kind: &str, n: u64, day: &str) -> AggregateCount {
        AggregateCount {
            kind: kind.into(),
            count: n,
            datetime: day.into(),
        }
    }

    #[test]
    fn days_and_series() {
        let first = input_to_day("2026-11-21").unwrap();
        let counts = vec![
            count("pull_repo", 10, "Sat, 21 Nov 2026 00:00:00 -0000"),
            count("push_repo", 2, "Sat, 21 Nov 2026 00:00:00 -0000"),
            count("pull_repo", 5, "Mon, 23 Nov 2026 00:00:00 -0000"),
            // Outside the range: ignored.
            count("pull_repo", 99, "Tue, 24 Nov 2026 00:00:00 -0000"),
        ];
        let chart = arrange(&counts, first, first + 2, None);
        assert_eq!(chart.series, vec!["pull_repo", "push_repo"]);
        assert!(!chart.has_other);
        assert_eq!(chart.days.len(), 3);
        assert_eq!(chart.days[0].counts, vec![10, 2, 0]);
        assert_eq!(
            chart.days[1].total, 0,
            "a day without entries is there, empty"
        );
        assert_eq!(chart.days[2].counts, vec![5, 0, 0]);
        assert_eq!((chart.max, chart.total), (12, 17));
    }

    #[test]
    fn small_kinds_become_other() {
        let counts: Vec<AggregateCount> = (0..10)
            .map(|i| {
                count(
                    &format!("kind{i}"),
                    10 - i,
                    "Sat, 21 Nov 2026 00:00:00 -0000",
                )
            })
            .collect();
        let first = input_to_day("2026-11-21").unwrap();
        let chart = arrange(&counts, first, first, None);
        assert_eq!(chart.series.len(), SERIES);
        assert!(chart.has_other);
        // kind7..kind9: 3 + 2 + 1.
        assert_eq!(chart.days[0].counts[SERIES], 6);
    }

    #[test]
    fn a_chosen_kind_alone() {
        let first = input_to_day("2026-11-21").unwrap();
        let counts = vec![
            count("pull_repo", 10, "Sat, 21 Nov 2026 00:00:00 -0000"),
            count("push_repo", 2, "Sun, 22 Nov 2026 00:00:00 -0000"),
        ];
        let chart = arrange(&counts, first, first + 1, Some("push_repo"));
        assert_eq!(chart.series, vec!["push_repo"]);
        assert_eq!((chart.days[0].total, chart.days[1].total), (0, 2));
    }

    #[test]
    fn hours_and_ticks() {
        let h = HOUR_MS;
        let entries = [
            (10 * h + 5, "a"),
            (10 * h + 9, "b"),
            (12 * h, "a"),
            (9 * h, "a"),
        ];
        let chart = arrange_hours(
            entries.iter().map(|(ms, k)| (*ms, *k)),
            10 * h + 1,
            12 * h + 7,
        );
        assert_eq!(chart.unit, Unit::Hour);
        assert_eq!(chart.days.len(), 3);
        assert_eq!(chart.days[0].start, 10 * h);
        assert_eq!(
            chart.days.iter().map(|d| d.total).collect::<Vec<_>>(),
            [2, 0, 1]
        );
        assert_eq!(ticks(0), [0]);
        assert_eq!(ticks(3), [0, 1, 2, 3]);
        assert_eq!(ticks(7), [0, 2, 4, 6, 8]);
        assert_eq!(ticks(2_333), [0, 1000, 2000, 3000]);
        assert_eq!(ticks(41), [0, 20, 40, 60]);
    }

    #[test]
    fn stacking() {
        let day = Bucket {
            start: 0,
            counts: vec![5, 0, 5],
            total: 10,
        };
        let segments = stack(&day, 20, 100.0);
        assert_eq!(
            segments,
            vec![
                Segment {
                    series: 0,
                    y: 75.0,
                    height: 25.0
                },
                Segment {
                    series: 2,
                    y: 50.0,
                    height: 25.0
                },
            ]
        );
        assert!(stack(&day, 0, 100.0).is_empty());
    }
}
