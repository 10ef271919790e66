//! "Export range as CSV": walks every day of the range, several at once as the page does (with
//! progress and cancel), and writes each day's lines into its own small blob as the days finish,
//! newest first; the file is the blobs joined, which the browser references rather than copies.
//! So entries are never held twice, nor all at once: a day's rows are dropped once written. The
//! page's filters apply, as on screen.

use std::cell::Cell;

use futures_util::future::join_all;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use super::days::PARALLEL;
use super::loader::day_page;
use super::range::Resolved;
use super::row::{csv_cells, LogRow, CSV_HEADER};
use super::use_logs_page;
use crate::api::{ApiClient, ApiError};
use crate::auth::use_session;
use crate::browser::{blob_of, download_blob};
use crate::components::error_view::error_slot;
use crate::components::toast::{use_toasts, ToastKind};
use crate::dates::day_to_input;
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, Key};
use crate::list::csv::{csv_header, csv_lines};
use crate::list::query::ListQuery;
use crate::list::window::{needle, passes};

const CSV: &str = "text/csv;charset=utf-8";

/// Every entry of `day` in `range` that passes `query` (counted into `found` as they arrive),
/// or `None` if `keep_going` said stop.
async fn day_rows(
    client: &ApiClient,
    range: Resolved,
    day: i64,
    query: &ListQuery,
    found: &Cell<u64>,
    keep_going: &impl Fn() -> bool,
) -> Result<Option<Vec<LogRow>>, ApiError> {
    let needle = needle(query);
    let (mut kept, mut token, mut seen) = (Vec::new(), None::<String>, 0);
    loop {
        if !keep_going() {
            return Ok(None);
        }
        let (rows, next) = day_page(client, range, day, token.as_deref(), &mut seen).await?;
        let before = kept.len();
        kept.extend(rows.into_iter().filter(|r| passes(r, query, &needle)));
        found.set(found.get() + (kept.len() - before) as u64);
        match next {
            Some(next) => token = Some(next),
            None => return Ok(Some(kept)),
        }
    }
}

/// The CSV of every entry in `range` that passes `query`'s filters, or `None` if `keep_going`
/// (called before each page with the count found so far) said stop.
async fn export(
    client: &ApiClient,
    range: Resolved,
    query: &ListQuery,
    keep_going: impl Fn(u64) -> bool,
) -> Result<Option<(web_sys::Blob, u64)>, ApiError> {
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(&csv_header(CSV_HEADER)));
    let count = Cell::new(0u64);
    let go_on = || keep_going(count.get());
    let days: Vec<i64> = (range.first_day..=range.last_day).rev().collect();
    for group in days.chunks(PARALLEL) {
        let walks = group
            .iter()
            .map(|&day| day_rows(client, range, day, query, &count, &go_on));
        for rows in join_all(walks).await {
            let Some(rows) = rows? else {
                return Ok(None);
            };
            if !rows.is_empty() {
                let lines = csv_lines(rows.iter().map(csv_cells));
                if let Ok(blob) = blob_of(&js_sys::Array::of1(&JsValue::from_str(&lines)), CSV) {
                    parts.push(&blob);
                }
            }
        }
    }
    Ok(blob_of(&parts, CSV).ok().map(|blob| (blob, count.get())))
}

#[component]
pub fn ExportRange() -> impl IntoView {
    let page = use_logs_page();
    let session = use_session();
    let toasts = use_toasts();
    let i18n = use_i18n();
    // Entries written so far while an export runs.
    let running = RwSignal::new(None::<u64>);
    let cancel = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let start = move |_| {
        if running.get_untracked().is_some() {
            return;
        }
        cancel.set(false);
        error.set(None);
        running.set(Some(0));
        let query = page.query.get_untracked();
        let range = page.resolved.get_untracked();
        let client = session.client_untracked();
        let filename = format!(
            "quay-usage-logs-{}-to-{}.csv",
            day_to_input(range.first_day),
            day_to_input(range.last_day)
        );
        spawn_local(async move {
            let result = export(&client, range, &query, |n| {
                let _ = running.try_set(Some(n));
                !cancel.get_untracked()
            })
            .await;
            let _ = running.try_set(None);
            match result {
                Ok(Some((blob, count))) => match download_blob(&filename, &blob) {
                    Ok(()) => toasts.push(
                        ToastKind::Success,
                        i18n.t_now(Key::ExportedEntries)
                            .replace("{count}", &group_thousands(count)),
                    ),
                    Err(()) => toasts.push(ToastKind::Error, i18n.t_now(Key::ExportFailed)),
                },
                Ok(None) => {}
                Err(e) => {
                    session.note_error(&e);
                    let _ = error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <div class="export-range">
            <button
                type="button"
                class="button"
                data-testid="export-range"
                prop:disabled=move || running.get().is_some()
                aria-busy=move || if running.get().is_some() { "true" } else { "false" }
                on:click=start
            >
                {tr(Key::ExportRange)}
            </button>
            {move || {
                running
                    .get()
                    .map(|n| {
                        view! {
                            <span role="status" data-testid="export-progress">
                                {i18n.t(Key::ExportingCount).replace("{count}", &group_thousands(n))}
                            </span>
                            <button
                                type="button"
                                class="button button-small"
                                data-testid="export-cancel"
                                on:click=move |_| cancel.set(true)
                            >
                                {tr(Key::Cancel)}
                            </button>
                        }
                    })
            }}
            {error_slot(error, Key::ExportStopped)}
        </div>
    }
}
