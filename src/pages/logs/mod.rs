//! `/logs`: the registry-wide usage log over a time range held in the URL: a chart of entries
//! per day and kind (a click on a day narrows the range to it), then the entries, newest first,
//! each as a sentence in the reader's language with its raw metadata a click away; filters over
//! the loaded entries, "load all" for the whole range, and a CSV export of the range.

mod chart;
mod chart_data;
mod cursor;
mod export;
mod filters;
mod range;
mod row;
mod sentence;
mod table;

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::use_page_title;
use crate::api::logs::{aggregate_logs, list_logs, AggregateCount};
use crate::api::ApiError;
use crate::auth::use_session;
use crate::clock::now_ms;
use crate::dates::quay_query_date;
use crate::i18n::{tr, Key};
use crate::list::paged::{FetchPage, PagedList};
use crate::list::query::ListQuery;
use crate::list::{Facet, FacetSelect};
use crate::list::{ListController, ListFooter, ListToolbar};
use crate::routes;
use cursor::Cursor;
use range::{month_pieces, LogRange, Resolved};
use row::{LogRow, COLUMNS, PARAMS};

#[derive(Clone, Copy)]
pub struct LogsPage {
    pub controller: ListController<LogRow>,
    pub range: Memo<LogRange>,
    /// Quay's counts per kind per day over the range (for the chart and the kind choices).
    pub counts: LocalResource<Result<Vec<AggregateCount>, ApiError>>,
}

pub fn use_logs_page() -> LogsPage {
    expect_context::<LogsPage>()
}

pub fn range_of(query: &ListQuery) -> LogRange {
    LogRange::parse(query.param("range"), query.param("from"), query.param("to"))
}

/// A range change starts the list afresh.
fn range_variant(query: &ListQuery) -> String {
    range_of(query).id()
}

/// One page of Quay's entries as rows, and the cursor of the next page (`None` at the end).
pub async fn fetch_page(
    client: &crate::api::ApiClient,
    range: Resolved,
    token: Option<&str>,
    position: &Cell<u64>,
) -> Result<(Vec<LogRow>, Option<Cursor>), ApiError> {
    let page = list_logs(client, &range.starttime(), &range.endtime(), token).await?;
    // Newest first: the first entry before the cutoff ("last 24 hours") ends the range.
    let mut ended = false;
    let mut rows = Vec::with_capacity(page.logs.len());
    for entry in page.logs {
        let row = LogRow::new(entry, position.get());
        position.set(position.get() + 1);
        if range.contains(row.ms) {
            rows.push(row);
        } else {
            ended = true;
        }
    }
    let next = page
        .next_page
        .filter(|_| !ended)
        .map(|token| Cursor { range, token });
    Ok((rows, next))
}

fn fetch_logs() -> FetchPage<LogRow> {
    let position = Rc::new(Cell::new(0u64));
    Rc::new(move |client, variant, _limit, next| {
        let position = position.clone();
        Box::pin(async move {
            // The first page fixes the days; later pages carry them in the cursor.
            let (range, token) = match next.as_deref().and_then(Cursor::decode) {
                Some(c) => (c.range, Some(c.token)),
                None => (
                    LogRange::from_id(&variant)
                        .unwrap_or_default()
                        .resolve(now_ms()),
                    None,
                ),
            };
            let (rows, next) = fetch_page(&client, range, token.as_deref(), &position).await?;
            Ok((rows, next.map(|c| c.encode())))
        })
    })
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
    let controller = ListController::with_params(
        routes::LOGS.path,
        COLUMNS,
        None,
        PARAMS,
        PagedList::new(fetch_logs()),
        range_variant,
    );
    let range = Memo::new(move |_| range_of(&controller.query.get()));
    let session = use_session();
    let counts = LocalResource::new(move || {
        let resolved = range.get().resolve(now_ms());
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
    let page = LogsPage {
        controller,
        range,
        counts,
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
            <ListToolbar controller=controller filter_label=Key::FilterLogs>
                <FacetSelect
                    controller=controller
                    facet=Facet::Kind
                    label=Key::ColKind
                    testid="kind-filter"
                    options=filters::kind_options(page)
                />
                <filters::FacetInput param="performer" label=Key::FilterPerformer />
                <filters::FacetInput param="namespace" label=Key::FilterNamespace />
            </ListToolbar>
            <table::LogsTable />
            <ListFooter controller=controller noun=Key::NounEntries />
        </section>
    }
}
