//! `/logs`: the registry-wide usage log over a time range held in the URL: a chart of entries
//! per day and kind (a click on a day narrows the range to it), then the entries, newest first,
//! each as a sentence in the reader's language with its raw metadata a click away; filters and
//! sorting over the whole range (what they need is loaded by itself, several days at once, with
//! progress and cancel), times in one zone (UTC or the reader's), and a CSV export of the range.
//!
//! The page keeps its own list of entries (`loader`) rather than the shared list controller:
//! Quay pages this log per query, and the range is walked as one query per day, side by side.

mod build_link;
mod chart;
mod chart_data;
mod days;
mod export;
mod filters;
mod footer;
mod kinds;
mod loader;
mod range;
mod row;
mod sentence;
mod table;
mod zone;

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::sign_in::RequireSession;
use super::use_page_title;
use crate::api::logs::{aggregate_logs, AggregateCount};
use crate::api::ApiError;
use crate::auth::use_session;
use crate::clock::now_ms;
use crate::dates::{day_of_ms, parse_quay_date, quay_query_date};
use crate::i18n::{tr, Key};
use crate::list::query::{ListQuery, ALL_ROWS, PAGE_SIZES};
use crate::list::window::{window, Window};
use crate::routes;
use days::{need_of, Mode, Need};
use loader::LogStore;
use range::{month_pieces, LogRange, Resolved};
use row::{COLUMNS, PARAMS};
use zone::Zone;

type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

#[derive(Clone, Copy)]
pub struct LogsPage {
    /// The view state in the URL (range, zone, filters, sort, page).
    pub query: Memo<ListQuery>,
    pub range: Memo<LogRange>,
    /// The range against the clock, once per range (a preset must not slide while shown).
    pub resolved: Memo<Resolved>,
    pub zone: Memo<Zone>,
    /// Quay's counts per kind per day over the range (for the chart and the kind choices).
    pub counts: LocalResource<Result<Vec<AggregateCount>, ApiError>>,
    pub store: LogStore,
    /// The entries of the page in view.
    pub window: Memo<Window>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl LogsPage {
    /// Puts a changed view state into the URL (a history entry unless `replace`).
    pub fn update_query(&self, replace: bool, change: impl FnOnce(&mut ListQuery)) {
        let mut q = self.query.get_untracked();
        change(&mut q);
        let url = format!("{}?{}", routes::LOGS.path, q.to_query_string());
        (self.navigate.get_value())(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    }

    /// A click on a column header: ascending, descending, then time order again.
    pub fn toggle_sort(&self, column: &'static str) {
        self.update_query(false, |q| {
            q.sort = q.toggled_sort(column);
            q.page = 1;
        });
    }
}

pub fn use_logs_page() -> LogsPage {
    expect_context::<LogsPage>()
}

pub fn range_of(query: &ListQuery) -> LogRange {
    LogRange::parse(query.param("range"), query.param("from"), query.param("to"))
}

/// The URL's view state; the one-table view of other lists is not offered here (a range holds
/// tens of thousands of entries), so `limit=all` reads as the largest page.
fn parse_query(get: impl Fn(&str) -> Option<String>) -> ListQuery {
    let mut q = ListQuery::parse(&get, COLUMNS, None).with_params(&get, PARAMS);
    if q.limit == ALL_ROWS {
        q.limit = PAGE_SIZES[PAGE_SIZES.len() - 1];
    }
    q
}

/// Whether the page's view depends on every entry of the range: a filter or an order other
/// than Quay's, and the last 24 hours (whose chart and counts are made from the entries).
fn needs_whole(q: &ListQuery, range: &Resolved) -> bool {
    q.is_filtered() || q.sort.is_some() || range.cutoff_ms.is_some()
}

/// Quay's count of `kind` per day.
fn kind_per_day(counts: &[AggregateCount], kind: &str) -> HashMap<i64, u64> {
    let mut per_day = HashMap::new();
    for c in counts.iter().filter(|c| c.kind == kind) {
        if let Some(day) = parse_quay_date(&c.datetime).map(day_of_ms) {
            *per_day.entry(day).or_default() += c.count;
        }
    }
    per_day
}

/// Each day's need (newest first) and how far to walk, or `None` while a chosen kind waits for
/// Quay's counts (they say which days to walk).
fn plan(
    q: &ListQuery,
    range: &Resolved,
    counts: Option<Result<&[AggregateCount], ()>>,
    today: i64,
) -> Option<(Vec<Need>, Mode)> {
    let kind = q.kind.as_deref().filter(|_| range.cutoff_ms.is_none());
    let per_day = match (kind, counts) {
        (Some(_), None) => return None,
        (Some(kind), Some(Ok(counts))) => Some(kind_per_day(counts, kind)),
        _ => None,
    };
    let needs = (range.first_day..=range.last_day)
        .rev()
        .map(|day| {
            let count = per_day.as_ref().map(|p| p.get(&day).copied().unwrap_or(0));
            need_of(day, kind, count, today)
        })
        .collect();
    let mode = if needs_whole(q, range) {
        Mode::Whole
    } else {
        Mode::Front((q.page as usize).saturating_mul(q.limit as usize))
    };
    Some((needs, mode))
}

#[component]
pub fn UsageLogs() -> impl IntoView {
    use_page_title(Key::NavLogs);
    view! {
        <RequireSession>
            <LogsView />
        </RequireSession>
    }
}

#[component]
fn LogsView() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| parse_query(|k| p.get(k))));
    let range = Memo::new(move |_| range_of(&query.get()));
    let resolved = Memo::new(move |_| range.get().resolve(now_ms()));
    let zone = Memo::new(move |_| Zone::parse(query.get().param("tz")));
    let session = use_session();
    let counts = LocalResource::new(move || {
        let resolved = resolved.get();
        let client = session.client();
        async move {
            let mut all = Vec::new();
            // Quay answers aggregates correctly only within one month (see month_pieces).
            for (first, last) in month_pieces(resolved.first_day, resolved.last_day) {
                let piece =
                    aggregate_logs(&client, &quay_query_date(first), &quay_query_date(last)).await;
                match piece {
                    Ok(counts) => all.extend(counts),
                    Err(e) => {
                        session.note_error(&e);
                        return Err(e);
                    }
                }
            }
            Ok(all)
        }
    });
    let store = LogStore::new(session);
    let window = Memo::new(move |_| {
        let q = query.get();
        let complete = store.complete.get();
        store.rows.with(|rows| window(rows, &q, complete))
    });
    // What the view needs of the range, walked as soon as it changes.
    Effect::new(move |_| {
        let q = query.get();
        let r = resolved.get();
        let counts = counts.get();
        let counts = counts
            .as_ref()
            .map(|c| c.as_ref().map(Vec::as_slice).map_err(|_| ()));
        if let Some((needs, mode)) = plan(&q, &r, counts, day_of_ms(now_ms())) {
            store.configure(r, needs, mode);
        }
    });
    let page = LogsPage {
        query,
        range,
        resolved,
        zone,
        counts,
        store,
        window,
        navigate: StoredValue::new_local(Rc::new(use_navigate())),
    };
    provide_context(page);
    view! {
        <section class="page page-wide">
            <div class="page-header">
                <h1>{tr(Key::NavLogs)}</h1>
                <export::ExportRange />
            </div>
            <p class="page-summary">{tr(Key::LogsIntro)}</p>
            <filters::RangePicker />
            <chart::DailyChart />
            <filters::Toolbar />
            <footer::LoadStatus />
            <table::LogsTable />
            <footer::Pager />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        parse_query(|k| map.get(k).cloned())
    }

    fn count(kind: &str, n: u64, day: &str) -> AggregateCount {
        AggregateCount {
            kind: kind.into(),
            count: n,
            datetime: day.into(),
        }
    }

    #[test]
    fn plans() {
        let first = crate::dates::input_to_day("2026-11-20").unwrap();
        let range = Resolved {
            first_day: first,
            last_day: first + 2,
            cutoff_ms: None,
        };
        let today = first + 2;
        // Nothing narrows: a page's worth, in Quay's order.
        let (needs, mode) = plan(&query(&[("limit", "50")]), &range, None, today).unwrap();
        assert_eq!(needs, vec![Need::All; 3]);
        assert_eq!(mode, Mode::Front(50));
        // A kind waits for the counts, then walks only its days, until counted (today: all).
        let kind = query(&[("kind", "login_failure")]);
        assert_eq!(plan(&kind, &range, None, today), None);
        let counts = [
            count("login_failure", 3, "Fri, 20 Nov 2026 00:00:00 -0000"),
            count("push_repo", 9, "Sat, 21 Nov 2026 00:00:00 -0000"),
        ];
        let (needs, mode) = plan(&kind, &range, Some(Ok(&counts)), today).unwrap();
        assert_eq!(
            needs,
            vec![Need::All, Need::Skip, Need::Kind("login_failure".into(), 3)]
        );
        assert_eq!(mode, Mode::Whole);
        // Without counts (they failed): every day.
        let (needs, _) = plan(&kind, &range, Some(Err(())), today).unwrap();
        assert_eq!(needs, vec![Need::All; 3]);
        // A sort, or the last 24 hours: everything.
        let sorted = query(&[("sort", "performer")]);
        assert_eq!(plan(&sorted, &range, None, today).unwrap().1, Mode::Whole);
        let day = Resolved {
            cutoff_ms: Some(0),
            ..range
        };
        assert_eq!(plan(&kind, &day, None, today).unwrap().1, Mode::Whole);
        assert_eq!(query(&[("limit", "all")]).limit, 100);
    }
}
