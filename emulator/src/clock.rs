//! The emulator's one clock. Every "now" of the emulator (log entries, token and session expiry,
//! page tokens, sign-in back-off, key lifetimes, the demo data) is read from a [`Clock`], so a
//! test pins the date instead of depending on the day it runs.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use time::OffsetDateTime;

/// A source of "now". Cheap to clone; clones share their source.
#[derive(Debug, Clone)]
pub struct Clock(Arc<Source>);

#[derive(Debug)]
enum Source {
    /// The wall clock.
    System,
    /// Started at `at` when made, then runs on with the monotonic clock: time still passes (back-off
    /// windows, expiry), but the date is the one chosen, whatever the wall clock says.
    Pinned { at: OffsetDateTime, since: Instant },
}

impl Clock {
    pub fn system() -> Clock {
        Clock(Arc::new(Source::System))
    }

    /// A clock that reads `at` now and runs on from there.
    pub fn pinned(at: OffsetDateTime) -> Clock {
        Clock(Arc::new(Source::Pinned {
            at,
            since: Instant::now(),
        }))
    }

    /// A clock pinned to Unix second `seconds` (see [`Clock::pinned`]).
    pub fn pinned_unix(seconds: i64) -> Clock {
        Clock::pinned(
            OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        )
    }

    /// Whether this clock follows the wall clock.
    pub fn is_system(&self) -> bool {
        matches!(*self.0, Source::System)
    }

    pub fn now(&self) -> OffsetDateTime {
        match &*self.0 {
            Source::System => OffsetDateTime::now_utc(),
            Source::Pinned { at, since } => *at + since.elapsed(),
        }
    }

    /// Seconds since the Unix epoch.
    pub fn unix_s(&self) -> i64 {
        self.now().unix_timestamp()
    }

    /// Milliseconds since the Unix epoch.
    pub fn unix_ms(&self) -> i64 {
        clamp_i64(self.now().unix_timestamp_nanos() / 1_000_000)
    }

    /// Microseconds since the Unix epoch.
    pub fn unix_us(&self) -> i64 {
        clamp_i64(self.now().unix_timestamp_nanos() / 1_000)
    }

    /// Seconds since the Unix epoch with their fraction (Python's `time.time()`).
    pub fn unix_f64(&self) -> f64 {
        self.unix_us() as f64 / 1e6
    }
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

/// The pinned clocks of the emulators started in this process, by database: what writes to a
/// database outside the server (the seed helpers of tests) dates with the clock of the emulator
/// serving it, so both agree on "now".
static BY_DATABASE: Mutex<Vec<(PathBuf, Clock)>> = Mutex::new(Vec::new());

fn database_key(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Records that the database at `path` is served with `clock` (only a pinned clock is recorded:
/// the wall clock is everybody's default).
pub(crate) fn serve_database_with(path: &Path, clock: &Clock) {
    if clock.is_system() {
        return;
    }
    let key = database_key(path);
    let mut table = BY_DATABASE.lock().unwrap_or_else(|e| e.into_inner());
    table.retain(|(p, _)| *p != key);
    table.push((key, clock.clone()));
}

/// The clock of the emulator serving the database at `path` in this process, else the wall clock.
pub(crate) fn for_database(path: &Path) -> Clock {
    let key = database_key(path);
    let table = BY_DATABASE.lock().unwrap_or_else(|e| e.into_inner());
    table
        .iter()
        .find(|(p, _)| *p == key)
        .map_or_else(Clock::system, |(_, clock)| clock.clone())
}

fn clamp_i64(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_clock_starts_at_its_date_and_runs_on() {
        let clock = Clock::pinned_unix(1_795_389_000);
        let first = clock.unix_us();
        assert!((1_795_389_000_000_000..1_795_389_060_000_000).contains(&first));
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert!(clock.unix_us() >= first + 5_000);
        assert_eq!(clock.unix_s(), clock.unix_ms() / 1000);
        assert!(!clock.is_system());
    }

    #[test]
    fn a_database_is_dated_by_the_clock_it_is_served_with() {
        let dir = std::env::temp_dir().join("quay-emulator-clock-test.db");
        assert!(for_database(&dir).is_system());
        serve_database_with(&dir, &Clock::pinned_unix(1_000));
        assert!(for_database(&dir).unix_s() < 1_060);
        serve_database_with(&dir, &Clock::system());
        assert!(
            for_database(&dir).unix_s() < 1_060,
            "the wall clock is not recorded"
        );
    }

    #[test]
    fn clones_share_the_source() {
        let clock = Clock::pinned_unix(0);
        let copy = clock.clone();
        assert!(copy.unix_s() < 60);
        assert!(Clock::system().is_system());
    }
}
