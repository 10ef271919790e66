//! The daily chart's numbers, apart from drawing: Quay's counts per kind per day arranged as
//! one stacked bar per day of the range, the biggest kinds as their own series and the rest as
//! "other", and each segment's place in the drawing.

use std::collections::HashMap;

use crate::api::logs::AggregateCount;
use crate::dates::{day_of_ms, parse_quay_date};

/// How many kinds get their own colour; the rest are summed as "other".
pub const SERIES: usize = 7;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub day: i64,
    /// Per series (same order as `Chart::series`), then "other" last.
    pub counts: Vec<u64>,
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    /// The biggest kinds over the range, largest first.
    pub series: Vec<String>,
    /// Whether an "other" series is needed.
    pub has_other: bool,
    pub days: Vec<Day>,
    pub max: u64,
    pub total: u64,
}

/// Every kind in the counts with its total, largest first (ties by name).
pub fn kind_totals(counts: &[AggregateCount]) -> Vec<(String, u64)> {
    let mut totals: HashMap<&str, u64> = HashMap::new();
    for c in counts {
        *totals.entry(&c.kind).or_default() += c.count;
    }
    let mut list: Vec<(String, u64)> = totals
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// Arranges `counts` over the days `first..=last` (days without entries are zero).
pub fn arrange(counts: &[AggregateCount], first: i64, last: i64) -> Chart {
    let totals = kind_totals(counts);
    let series: Vec<String> = totals.iter().take(SERIES).map(|(k, _)| k.clone()).collect();
    let has_other = totals.len() > SERIES;
    let width = series.len() + 1;
    let mut days: Vec<Day> = (first..=last)
        .map(|day| Day {
            day,
            counts: vec![0; width],
            total: 0,
        })
        .collect();
    for c in counts {
        let Some(day) = parse_quay_date(&c.datetime).map(day_of_ms) else {
            continue;
        };
        let Some(slot) = days
            .get_mut((day - first) as usize)
            .filter(|_| day >= first)
        else {
            continue;
        };
        let index = series
            .iter()
            .position(|k| *k == c.kind)
            .unwrap_or(width - 1);
        slot.counts[index] += c.count;
        slot.total += c.count;
    }
    Chart {
        max: days.iter().map(|d| d.total).max().unwrap_or(0),
        total: days.iter().map(|d| d.total).sum(),
        series,
        has_other,
        days,
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
pub fn stack(day: &Day, max: u64, height: f64) -> Vec<Segment> {
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
        let chart = arrange(&counts, first, first + 2);
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
        let chart = arrange(&counts, first, first);
        assert_eq!(chart.series.len(), SERIES);
        assert!(chart.has_other);
        // kind7..kind9: 3 + 2 + 1.
        assert_eq!(chart.days[0].counts[SERIES], 6);
    }

    #[test]
    fn stacking() {
        let day = Day {
            day: 0,
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
