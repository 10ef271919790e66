//! Around the entries: how far the walk of the range is ("12 of 30 days, 41,200 entries") with
//! cancel, "load all" when part of the range is loaded, a failure with the registry's message and
//! a retry (alone: no table, no pager), and the pager.

use leptos::prelude::*;

use super::days::Progress;
use super::use_logs_page;
use crate::components::error_view::ApiErrorView;
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, I18n, Key};
use crate::list::view::{range_text, PageButtons};

fn progress_text(i18n: I18n, key: Key, p: Progress) -> String {
    i18n.t(key)
        .replace("{done}", &group_thousands(p.days_done as u64))
        .replace("{days}", &group_thousands(p.days as u64))
        .replace("{entries}", &group_thousands(p.entries as u64))
}

#[component]
pub fn LoadStatus() -> impl IntoView {
    let page = use_logs_page();
    let store = page.store;
    let i18n = use_i18n();
    move || {
        if let Some(e) = store.error.get() {
            let retry = Callback::new(move |_| store.retry());
            return view! { <ApiErrorView error=e context=Key::LogsLoadFailed retry=retry /> }
                .into_any();
        }
        let p = store.progress.get();
        if store.running.get() {
            return view! {
                <div class="alert alert-info logs-status" role="status" data-testid="load-all-progress">
                    <span class="spinner" aria-hidden="true"></span>
                    <span data-testid="logs-progress">
                        {move || progress_text(i18n, Key::LogsLoadingDays, store.progress.get())}
                    </span>
                    <button
                        type="button"
                        class="button button-small"
                        data-testid="load-cancel"
                        on:click=move |_| store.cancel()
                    >
                        {tr(Key::Cancel)}
                    </button>
                </div>
            }
            .into_any();
        }
        if store.complete.get() {
            return ().into_any();
        }
        // Part of the range is loaded: filters and sorting would see only that part.
        let key =
            if store.cancelled.get() && page.query.with(|q| q.is_filtered() || q.sort.is_some()) {
                Key::LogsStoppedDays
            } else {
                Key::LogsLoadedDays
            };
        view! {
            <div class="alert alert-info logs-status" role="status" data-testid="partial-notice">
                <span data-testid="logs-progress">{progress_text(i18n, key, p)}</span>
                <button
                    type="button"
                    class="button button-small"
                    data-testid="load-all"
                    on:click=move |_| store.load_whole()
                >
                    {tr(Key::LoadAll)}
                </button>
            </div>
        }
        .into_any()
    }
}

/// "26–50 of 2,500 entries" and the previous/next buttons; nothing while there is nothing to
/// count (the table says why).
#[component]
pub fn Pager() -> impl IntoView {
    let page = use_logs_page();
    let i18n = use_i18n();
    let range = move || {
        range_text(
            i18n,
            Key::NounEntries,
            page.store.complete.get(),
            &page.window.get(),
        )
    };
    let go = move |delta: i64| {
        let n = page.window.get_untracked().page as i64 + delta;
        page.update_query(false, |q| q.page = n.max(1) as u32);
    };
    view! {
        <Show when=move || page.window.with(|w| w.first > 0)>
            <nav class="pager" aria-label=tr(Key::Pagination)>
                <p class="pager-range" data-testid="list-range" aria-live="polite">
                    {range}
                </p>
                <PageButtons
                    page=Signal::derive(move || page.window.get().page)
                    has_next=Signal::derive(move || page.window.get().has_next)
                    go=Callback::new(go)
                />
            </nav>
        </Show>
    }
}
