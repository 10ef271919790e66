//! "Export range as CSV": walks every page of the range (with progress and cancel) and writes
//! each page's lines into its own small blob as it arrives; the file is the blobs joined, which
//! the browser references rather than copies. So entries are never held twice, nor all at
//! once: a page's rows are dropped once written. The page's filters apply, as on screen.

use std::cell::Cell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use super::range::Resolved;
use super::row::{csv_cells, CSV_HEADER};
use super::{fetch_page, use_logs_page};
use crate::api::{ApiClient, ApiError};
use crate::auth::use_session;
use crate::browser::{blob_of, download_blob};
use crate::clock::now_ms;
use crate::components::error_view::error_slot;
use crate::components::toast::{use_toasts, ToastKind};
use crate::dates::day_to_input;
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, Key};
use crate::list::csv::{csv_header, csv_lines};
use crate::list::query::ListQuery;
use crate::list::window::{needle, passes};

const CSV: &str = "text/csv;charset=utf-8";

/// The CSV of every entry in `range` that passes `query`'s filters, or `None` if `keep_going`
/// (called before each page with the count so far) said stop.
async fn export(
    client: &ApiClient,
    range: Resolved,
    query: &ListQuery,
    keep_going: impl Fn(u64) -> bool,
) -> Result<Option<(web_sys::Blob, u64)>, ApiError> {
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(&csv_header(CSV_HEADER)));
    let needle = needle(query);
    let position = Cell::new(0);
    let mut token: Option<String> = None;
    let mut count = 0u64;
    loop {
        if !keep_going(count) {
            return Ok(None);
        }
        let (rows, next) = fetch_page(client, range, token.as_deref(), &position).await?;
        let kept: Vec<Vec<String>> = rows
            .iter()
            .filter(|r| passes(*r, query, &needle))
            .map(csv_cells)
            .collect();
        count += kept.len() as u64;
        if !kept.is_empty() {
            let piece = js_sys::Array::of1(&JsValue::from_str(&csv_lines(kept)));
            if let Ok(blob) = blob_of(&piece, CSV) {
                parts.push(&blob);
            }
        }
        match next {
            Some(cursor) => token = Some(cursor.token),
            None => break,
        }
    }
    Ok(blob_of(&parts, CSV).ok().map(|blob| (blob, count)))
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
        let query = page.controller.query.get_untracked();
        let range = page.range.get_untracked().resolve(now_ms());
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
