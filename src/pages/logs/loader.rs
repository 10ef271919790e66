//! Walks the range's days through Quay's pages (see `days` for which and how many at once) and
//! publishes what the page may show: the entries in time order, whether that is all the page
//! needs, and the progress. Cancel stops after the pages in flight; a failure stops everything
//! and is kept for the page to show with a retry.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::days::{keep_walking, progress, shown, to_start, Day, Mode, Need, Progress};
use super::range::Resolved;
use super::row::LogRow;
use crate::api::logs::list_logs;
use crate::api::{ApiClient, ApiError};
use crate::auth::Session;
use crate::clock::now_ms;
use crate::dates::quay_query_date;

/// One page of `day`'s walk: the entries inside `range` (their ids go on from `seen`), and
/// where the walk goes on (`None`: the day is done, or the range starts within it).
pub async fn day_page(
    client: &ApiClient,
    range: Resolved,
    day: i64,
    token: Option<&str>,
    seen: &mut u64,
) -> Result<(Vec<LogRow>, Option<String>), ApiError> {
    let date = quay_query_date(day);
    let page = list_logs(client, &date, &date, token).await?;
    let mut rows = Vec::with_capacity(page.logs.len());
    let mut ended = false;
    for entry in page.logs {
        *seen += 1;
        let row = LogRow::new(entry, format!("{day}-{seen}"));
        // Newest first: the first entry before the range's start ends the day.
        if range.contains(row.ms) {
            rows.push(row);
        } else {
            ended = true;
        }
    }
    Ok((rows, page.next_page.filter(|_| !ended)))
}

/// Publishing rebuilds the list of entries and re-filters it: at most this often while pages
/// arrive, so a long walk stays linear and the page still moves several times a second.
const PUBLISH_EVERY_MS: i64 = 250;

struct Inner {
    /// Bumped by every new range: pages of an older one are dropped.
    generation: u64,
    range: Option<Resolved>,
    /// Newest first.
    days: Vec<Day>,
    needs: Vec<Need>,
    mode: Mode,
    /// "Load all" asked for every day (until the range changes).
    whole: bool,
    /// Cancelled or failed: no page is started until resumed.
    halted: bool,
    published_ms: i64,
}

#[derive(Clone, Copy)]
pub struct LogStore {
    inner: StoredValue<Inner, LocalStorage>,
    session: Session,
    /// What the page may show, newest first.
    pub rows: RwSignal<Vec<LogRow>>,
    /// `rows` is everything the page needs of the range.
    pub complete: RwSignal<bool>,
    pub progress: RwSignal<Progress>,
    /// Pages are being fetched.
    pub running: RwSignal<bool>,
    /// The reader cancelled a walk over the whole range.
    pub cancelled: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
}

impl LogStore {
    pub fn new(session: Session) -> Self {
        Self {
            inner: StoredValue::new_local(Inner {
                generation: 0,
                range: None,
                days: Vec::new(),
                needs: Vec::new(),
                mode: Mode::Front(0),
                whole: false,
                halted: false,
                published_ms: 0,
            }),
            session,
            rows: RwSignal::new(Vec::new()),
            complete: RwSignal::new(false),
            progress: RwSignal::new(Progress::default()),
            running: RwSignal::new(false),
            cancelled: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// What the page needs now: the range (a new one starts afresh), each day's need (newest
    /// day first) and how far to walk. A changed need is a new request: it resumes a
    /// cancelled or failed walk.
    pub fn configure(&self, range: Resolved, needs: Vec<Need>, mode: Mode) {
        let changed = self.inner.try_update_value(|s| {
            if s.range != Some(range) {
                s.generation += 1;
                s.range = Some(range);
                s.days = (range.first_day..=range.last_day)
                    .rev()
                    .map(Day::new)
                    .collect();
                s.whole = false;
                s.halted = false;
                s.needs = needs;
                s.mode = mode;
                return true;
            }
            let changed = s.needs != needs || s.mode != mode;
            if changed {
                s.halted = false;
            }
            s.needs = needs;
            s.mode = mode;
            changed
        });
        if changed == Some(true) {
            self.error.set(None);
            self.cancelled.set(false);
        }
        self.publish(true);
        self.pump();
    }

    /// Walks every day the page needs ("Load all"), or goes on after a cancel or a failure.
    pub fn load_whole(&self) {
        self.inner.update_value(|s| {
            s.whole = true;
            s.halted = false;
        });
        self.error.set(None);
        self.cancelled.set(false);
        self.pump();
    }

    /// Goes on after a failure, with the same need.
    pub fn retry(&self) {
        self.inner.update_value(|s| s.halted = false);
        self.error.set(None);
        self.cancelled.set(false);
        self.pump();
    }

    /// Stops after the pages in flight; what arrived stays.
    pub fn cancel(&self) {
        self.inner.update_value(|s| s.halted = true);
        self.cancelled.set(true);
        self.publish(true);
    }

    /// Starts the walks the need calls for.
    fn pump(&self) {
        let Some(starts) = self.inner.try_update_value(|s| {
            if s.halted {
                return Vec::new();
            }
            let mode = if s.whole { Mode::Whole } else { s.mode };
            let starts = to_start(&s.days, &s.needs, mode);
            for &i in &starts {
                s.days[i].fetching = true;
            }
            starts.into_iter().map(|i| (s.generation, i)).collect()
        }) else {
            return;
        };
        if !starts.is_empty() {
            self.running.set(true);
        }
        for (generation, index) in starts {
            let store = *self;
            spawn_local(async move { store.walk(generation, index).await });
        }
    }

    /// Walks day `index` page by page while the need says so.
    async fn walk(self, generation: u64, index: usize) {
        let client = self.session.client_untracked();
        loop {
            let Some(Some((day, token, mut seen, Some(range)))) = self.inner.try_with_value(|s| {
                // Another range meanwhile: its own walks own the days.
                (s.generation == generation).then(|| {
                    let d = &s.days[index];
                    (d.day, d.token.clone(), d.seen, s.range)
                })
            }) else {
                return;
            };
            let page = day_page(&client, range, day, token.as_deref(), &mut seen).await;
            let go_on = self.inner.try_update_value(|s| {
                if s.generation != generation {
                    return None;
                }
                let d = &mut s.days[index];
                match page {
                    Ok((rows, next)) => {
                        d.seen = seen;
                        d.rows.extend(rows);
                        d.finished = next.is_none();
                        d.token = next;
                        let mode = if s.whole { Mode::Whole } else { s.mode };
                        let more = !s.halted && keep_walking(&s.days, &s.needs, mode, index);
                        if !more {
                            s.days[index].fetching = false;
                        }
                        Some(Ok(more))
                    }
                    Err(e) => {
                        d.fetching = false;
                        s.halted = true;
                        Some(Err(e))
                    }
                }
            });
            match go_on.flatten() {
                None => return,
                Some(Ok(true)) => self.publish(false),
                Some(Ok(false)) => break,
                Some(Err(e)) => {
                    self.session.note_error(&e);
                    let _ = self.error.try_set(Some(e));
                    break;
                }
            }
        }
        self.publish(true);
        self.pump();
    }

    /// Shows what arrived (`force`: now; else at most every [`PUBLISH_EVERY_MS`]).
    fn publish(&self, force: bool) {
        let now = now_ms();
        let Some(Some((rows, complete, p, running))) = self.inner.try_update_value(|s| {
            if !force && now - s.published_ms < PUBLISH_EVERY_MS {
                return None;
            }
            s.published_ms = now;
            let (rows, complete) = shown(&s.days, &s.needs);
            let running = s.days.iter().any(|d| d.fetching);
            Some((rows, complete, progress(&s.days, &s.needs), running))
        }) else {
            return;
        };
        let _ = self.rows.try_set(rows);
        let _ = self.complete.try_set(complete);
        let _ = self.progress.try_set(p);
        let _ = self.running.try_set(running);
    }
}
