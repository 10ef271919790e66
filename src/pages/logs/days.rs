//! The range as Quay can be asked for it: one query per UTC day (`starttime` = `endtime` = the
//! day), each with its own `next_page` chain of 20 entries a page. Days are independent, so
//! several are walked at once; this module decides which, and what the page may show so far.
//! Pure: the walking itself is `loader`.

use super::row::LogRow;

/// Days walked at once: the browser's connections per origin (HTTP/1.1).
pub const PARALLEL: usize = 6;

/// What the page needs of one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Need {
    /// Nothing (a kind is chosen that Quay counted none of that day).
    Skip,
    /// Every entry.
    All,
    /// Entries until `count` of `kind` are there: Quay's count for a day that is over cannot
    /// grow, so the rest of the day's walk is not needed.
    Kind(String, u64),
}

/// One day's walk so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Day {
    pub day: i64,
    /// Newest first, as Quay pages them; only entries inside the range.
    pub rows: Vec<LogRow>,
    /// Where the walk goes on (`None` before the first page and at the end).
    pub token: Option<String>,
    /// The walk reached the end of the day (or the start of the range).
    pub finished: bool,
    /// A page of this day is being fetched.
    pub fetching: bool,
    /// Entries Quay sent, in the range or not (for the rows' ids).
    pub seen: u64,
}

impl Day {
    pub fn new(day: i64) -> Self {
        Self {
            day,
            ..Self::default()
        }
    }

    pub fn satisfied(&self, need: &Need) -> bool {
        match need {
            Need::Skip => true,
            Need::All => self.finished,
            Need::Kind(kind, count) => {
                self.finished
                    || self.rows.iter().filter(|r| r.entry.kind == *kind).count() as u64 >= *count
            }
        }
    }
}

/// How far to walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Until this many entries can be shown in Quay's order (a page of the table), one day at a
    /// time, newest first.
    Front(usize),
    /// Every day the page needs, [`PARALLEL`] at a time.
    Whole,
}

/// The days (indices, newest first) to start walking now, given those already being walked.
pub fn to_start(days: &[Day], needs: &[Need], mode: Mode) -> Vec<usize> {
    let pending = || {
        days.iter()
            .zip(needs)
            .enumerate()
            .filter(|(_, (d, n))| !d.satisfied(n))
    };
    match mode {
        Mode::Whole => {
            let busy = days.iter().filter(|d| d.fetching).count();
            pending()
                .filter(|(_, (d, _))| !d.fetching)
                .map(|(i, _)| i)
                .take(PARALLEL.saturating_sub(busy))
                .collect()
        }
        Mode::Front(wanted) => {
            if shown(days, needs).0.len() >= wanted {
                return Vec::new();
            }
            // The first day not done: the next entries in Quay's order are there.
            pending()
                .next()
                .filter(|(_, (d, _))| !d.fetching)
                .map(|(i, _)| vec![i])
                .unwrap_or_default()
        }
    }
}

/// Whether the walk of day `index` should go on after a page.
pub fn keep_walking(days: &[Day], needs: &[Need], mode: Mode, index: usize) -> bool {
    let (Some(day), Some(need)) = (days.get(index), needs.get(index)) else {
        return false;
    };
    if day.satisfied(need) {
        return false;
    }
    match mode {
        Mode::Whole => true,
        Mode::Front(wanted) => shown(days, needs).0.len() < wanted,
    }
}

/// What the page can show: the entries in time order (newest first) up to and including the
/// first day not yet done (a day's entries are only known newest first, so an older day's
/// cannot be listed before it), and whether that is everything the page needs.
pub fn shown(days: &[Day], needs: &[Need]) -> (Vec<LogRow>, bool) {
    let mut rows = Vec::new();
    for (day, need) in days.iter().zip(needs) {
        if *need == Need::Skip {
            continue;
        }
        rows.extend(day.rows.iter().cloned());
        if !day.satisfied(need) {
            return (rows, false);
        }
    }
    (rows, true)
}

/// Progress: days done of the days needed, and entries loaded in them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub days_done: usize,
    pub days: usize,
    pub entries: usize,
}

pub fn progress(days: &[Day], needs: &[Need]) -> Progress {
    let needed = days.iter().zip(needs).filter(|(_, n)| **n != Need::Skip);
    let mut p = Progress::default();
    for (day, need) in needed {
        p.days += 1;
        p.days_done += usize::from(day.satisfied(need));
        p.entries += day.rows.len();
    }
    p
}

/// What one day needs: with a kind chosen, only the days Quay counted that kind on, and of a
/// day that is over only until all of them are there (`counts`: Quay's count of the kind that
/// day, `None` when not known). `today` and later days can still grow.
pub fn need_of(day: i64, kind: Option<&str>, count: Option<u64>, today: i64) -> Need {
    match (kind, count) {
        (Some(_), Some(0)) if day < today => Need::Skip,
        (Some(kind), Some(n)) if day < today => Need::Kind(kind.to_string(), n),
        _ => Need::All,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::logs::LogEntry;

    fn row(kind: &str, id: &str) -> LogRow {
        let entry: LogEntry = serde_json::from_value(serde_json::json!({
            "kind": kind, "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
        }))
        .unwrap();
        LogRow::new(entry, id.into())
    }

    fn day(n: i64, rows: &[&str], finished: bool) -> Day {
        Day {
            day: n,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, k)| row(k, &format!("{n}-{i}")))
                .collect(),
            finished,
            ..Day::default()
        }
    }

    fn keys(rows: &[LogRow]) -> Vec<String> {
        use crate::list::window::Row;
        rows.iter().map(|r| r.key().to_string()).collect()
    }

    #[test]
    fn shown_in_time_order_up_to_the_first_day_not_done() {
        let days = vec![
            day(3, &["a", "b"], true),
            day(2, &["c"], false),
            day(1, &["d"], true),
        ];
        let all = vec![Need::All; 3];
        let (rows, complete) = shown(&days, &all);
        // Day 1 is loaded but cannot be listed before the rest of day 2.
        assert_eq!(keys(&rows), ["3-0", "3-1", "2-0"]);
        assert!(!complete);
        let kind = vec![Need::All, Need::Skip, Need::All];
        let (rows, complete) = shown(&days, &kind);
        assert_eq!(keys(&rows), ["3-0", "3-1", "1-0"]);
        assert!(complete);
        assert_eq!(
            progress(&days, &all),
            Progress {
                days_done: 2,
                days: 3,
                entries: 4
            }
        );
    }

    #[test]
    fn a_kind_needs_only_its_days_and_only_until_counted() {
        let today = 10;
        assert_eq!(need_of(9, Some("k"), Some(0), today), Need::Skip);
        assert_eq!(
            need_of(9, Some("k"), Some(2), today),
            Need::Kind("k".into(), 2)
        );
        // Today may have more than Quay counted a moment ago; unknown counts: everything.
        assert_eq!(need_of(10, Some("k"), Some(2), today), Need::All);
        assert_eq!(need_of(9, Some("k"), None, today), Need::All);
        assert_eq!(need_of(9, None, Some(2), today), Need::All);
        let d = day(9, &["x", "k", "x", "k"], false);
        assert!(d.satisfied(&Need::Kind("k".into(), 2)));
        assert!(!d.satisfied(&Need::Kind("k".into(), 3)));
        assert!(!d.satisfied(&Need::All));
    }

    #[test]
    fn whole_walks_six_days_at_once_newest_first() {
        let mut days: Vec<Day> = (0..10).rev().map(|n| day(n, &[], false)).collect();
        let needs = vec![Need::All; 10];
        assert_eq!(to_start(&days, &needs, Mode::Whole), vec![0, 1, 2, 3, 4, 5]);
        days[0].fetching = true;
        days[1].finished = true;
        assert_eq!(to_start(&days, &needs, Mode::Whole), vec![2, 3, 4, 5, 6]);
        assert!(keep_walking(&days, &needs, Mode::Whole, 0));
        assert!(!keep_walking(&days, &needs, Mode::Whole, 1));
    }

    #[test]
    fn front_walks_one_day_until_a_page_is_there() {
        let mut days = vec![day(3, &["a"; 20], false), day(2, &[], false)];
        let needs = vec![Need::All; 2];
        assert_eq!(to_start(&days, &needs, Mode::Front(25)), vec![0]);
        assert_eq!(
            to_start(&days, &needs, Mode::Front(20)),
            Vec::<usize>::new()
        );
        assert!(!keep_walking(&days, &needs, Mode::Front(20), 0));
        days[0].fetching = true;
        assert_eq!(
            to_start(&days, &needs, Mode::Front(25)),
            Vec::<usize>::new()
        );
        days[0].fetching = false;
        days[0].finished = true;
        assert_eq!(to_start(&days, &needs, Mode::Front(25)), vec![1]);
    }
}
