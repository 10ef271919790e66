//! A list page's controls around its rows: the filter box and page size, sortable headers, the
//! range and pager, "load all" with progress, CSV export, and the empty state.

use leptos::prelude::*;

use super::controller::{remember_page_size, ListController, LoadAll};
use crate::auth::WriteButton;
use crate::components::error_view::ApiErrorView;
use crate::components::toast::{use_toasts, ToastKind};
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, I18n, Key};
use crate::list::query::{page_size_of, ALL_ROWS, PAGE_SIZES};
use crate::list::window::{Row, Window};

/// The filter box and the page-size choice; `children` adds page-specific controls.
#[component]
pub fn ListToolbar<T: Row + Clone + PartialEq + Send + Sync + 'static>(
    controller: ListController<T>,
    filter_label: Key,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filter_id = format!("{}-filter", controller.path.trim_start_matches('/'));
    let size_id = format!("{}-page-size", controller.path.trim_start_matches('/'));
    view! {
        <div class="list-toolbar" role="search">
            <div class="field field-inline">
                <label for=filter_id.clone()>{move || i18n.t(filter_label)}</label>
                <input
                    id=filter_id.clone()
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid="list-filter"
                    prop:value=move || controller.query.get().filter
                    // One history entry per filter, not one per keystroke.
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        controller
                            .update_query(
                                true,
                                |q| {
                                    q.filter = text;
                                    q.page = 1;
                                },
                            );
                    }
                />
            </div>
            {children.map(|c| c())}
            <div class="field field-inline">
                <label for=size_id.clone()>{tr(Key::RowsPerPage)}</label>
                <select
                    id=size_id.clone()
                    data-testid="page-size"
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        let Some(size) = page_size_of(&value) else { return };
                        remember_page_size(size);
                        let first = controller.window.get_untracked().first.max(1);
                        controller
                            .update_query(
                                false,
                                |q| {
                                    // Keep the first row in view.
                                    q.page = if size == ALL_ROWS {
                                        1
                                    } else {
                                        ((first - 1) as u32 / size) + 1
                                    };
                                    q.limit = size;
                                },
                            );
                    }
                >
                    {PAGE_SIZES
                        .into_iter()
                        .map(|size| {
                            view! {
                                <option
                                    value=size.to_string()
                                    selected=move || controller.query.get().limit == size
                                >
                                    {size}
                                </option>
                            }
                        })
                        .collect_view()}
                    <option
                        value="all"
                        selected=move || controller.query.get().limit == ALL_ROWS
                    >
                        {tr(Key::AllRowsOneTable)}
                    </option>
                </select>
            </div>
        </div>
    }
}

/// A column header that sorts: a button inside the `<th>`, with `aria-sort` on the `<th>`.
#[component]
pub fn SortHeader<T: Row + Clone + PartialEq + Send + Sync + 'static>(
    controller: ListController<T>,
    column: &'static str,
    label: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    let arrow = move || match controller.query.get().aria_sort(column) {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "↕",
    };
    view! {
        <th scope="col" aria-sort=move || controller.query.get().aria_sort(column)>
            <button
                type="button"
                class="sort-button"
                data-testid=format!("sort-{column}")
                on:click=move |_| controller.toggle_sort(column)
            >
                {move || i18n.t(label)}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// "Showing 26–50 of 2,500", the partial-result notice with "load all", the load error, and
/// the previous/next buttons.
#[component]
pub fn ListFooter<T: Row + Clone + PartialEq + Send + Sync + 'static>(
    controller: ListController<T>,
    /// The plural noun of the rows, e.g. "users".
    noun: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    let complete = move || controller.list.loaded.with(|l| l.complete);
    let range = move || {
        let w = controller.window.get();
        if w.first == 0 {
            // Loading or failed: the table's body says so; "no rows" would not be true.
            if controller.failure().is_some() || !controller.settled() {
                return String::new();
            }
            return i18n.t(Key::NoRowsOnPage).replace("{noun}", i18n.t(noun));
        }
        range_text(i18n, noun, complete(), &w)
    };
    let go = move |delta: i64| {
        let page = controller.window.get_untracked().page as i64 + delta;
        controller.update_query(false, |q| q.page = page.max(1) as u32);
    };
    let load_all = move |_| {
        leptos::task::spawn_local(async move {
            controller.load_everything().await;
        });
    };
    view! {
        // With no row on the page, the table's body shows the error in place of its rows.
        {move || {
            controller
                .window
                .with(|w| !w.rows.is_empty())
                .then(|| controller.failure())
                .flatten()
                .map(|e| {
                    let retry = Callback::new(move |_| controller.retry());
                    view! { <ApiErrorView error=e context=Key::ListLoadFailed retry=retry /> }
                })
        }}
        // Also while an export loads everything, so its progress and cancel are visible.
        <Show when=move || {
            controller.window.get().partial
                || matches!(controller.load_all_state.get(), LoadAll::Running(_))
        }>
            <div class="alert alert-info" role="status" data-testid="partial-notice">
                <Show when=move || controller.window.get().partial>
                <p>
                    {move || {
                        // Nothing narrows or orders the rows: the table just is not complete.
                        let key = if controller.query.with(|q| q.is_filtered() || q.sort.is_some()) {
                            Key::PartialResults
                        } else {
                            Key::OneTableLoadedSoFar
                        };
                        i18n.t(key)
                            .replace(
                                "{count}",
                                &group_thousands(
                                    controller.list.loaded.with(|l| l.items.len()) as u64,
                                ),
                            )
                            .replace("{noun}", i18n.t(noun))
                    }}
                </p>
                </Show>
                {move || match controller.load_all_state.get() {
                    LoadAll::Idle => {
                        view! {
                            <button
                                type="button"
                                class="button"
                                data-testid="load-all"
                                on:click=load_all
                            >
                                {tr(Key::LoadAll)}
                            </button>
                        }
                            .into_any()
                    }
                    LoadAll::Running(n) => {
                        view! {
                            <p class="progress-line" data-testid="load-all-progress">
                                <span class="spinner" aria-hidden="true"></span>
                                {i18n
                                    .t(Key::LoadingCount)
                                    .replace("{count}", &group_thousands(n as u64))}
                                " "
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    on:click=move |_| controller.cancel_load_all()
                                >
                                    {tr(Key::Cancel)}
                                </button>
                            </p>
                        }
                            .into_any()
                    }
                }}
            </div>
        </Show>
        <nav class="pager" aria-label=tr(Key::Pagination)>
            <p class="pager-range" data-testid="list-range" aria-live="polite">
                {range}
            </p>
            // One table holds every row: no pages to turn.
            <Show when=move || controller.query.with(|q| q.limit != ALL_ROWS)>
                <PageButtons
                    page=Signal::derive(move || controller.window.get().page)
                    has_next=Signal::derive(move || controller.window.get().has_next)
                    go=Callback::new(go)
                />
            </Show>
        </nav>
    }
}

/// "26–50 of 2,500 users" (or "… of 2,500 loaded users" while the list is incomplete).
pub fn range_text(i18n: I18n, noun: Key, complete: bool, w: &Window) -> String {
    let key = if complete {
        Key::RangeOfTotal
    } else {
        Key::RangeOfLoaded
    };
    i18n.t(key)
        .replace("{first}", &group_thousands(w.first as u64))
        .replace("{last}", &group_thousands(w.last as u64))
        .replace("{total}", &group_thousands(w.matching as u64))
        .replace("{noun}", i18n.t(noun))
}

/// Previous, "Page 3", next: `go` moves by the given number of pages.
#[component]
pub fn PageButtons(page: Signal<u32>, has_next: Signal<bool>, go: Callback<i64>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="button"
            data-testid="page-prev"
            prop:disabled=move || page.get() <= 1
            on:click=move |_| go.run(-1)
        >
            {tr(Key::PreviousPage)}
        </button>
        <span class="pager-page" data-testid="page-number">
            {move || i18n.t(Key::PageNumber).replace("{page}", &page.get().to_string())}
        </span>
        <button
            type="button"
            class="button"
            data-testid="page-next"
            prop:disabled=move || !has_next.get()
            on:click=move |_| go.run(1)
        >
            {tr(Key::NextPage)}
        </button>
    }
}

/// Exports every row matching the filter, in display order: loads the rest of the list first
/// (with the footer's progress and cancel).
#[component]
pub fn ExportButton<T: Row + Clone + PartialEq + Send + Sync + 'static>(
    controller: ListController<T>,
    filename: &'static str,
    to_csv: fn(&[T]) -> String,
) -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let export = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let complete = controller.load_everything().await;
            let _ = busy.try_set(false);
            if !complete {
                return;
            }
            let rows = controller.matching_rows();
            let csv = to_csv(&rows);
            match crate::browser::download_text(filename, "text/csv;charset=utf-8", &csv) {
                Ok(()) => toasts.push(
                    ToastKind::Success,
                    i18n.t_now(Key::ExportedRows)
                        .replace("{count}", &group_thousands(rows.len() as u64)),
                ),
                Err(()) => toasts.push(ToastKind::Error, i18n.t_now(Key::ExportFailed)),
            }
        });
    };
    view! {
        <button
            type="button"
            class="button"
            data-testid="export-csv"
            prop:disabled=move || busy.get()
            on:click=export
        >
            {tr(Key::ExportCsv)}
        </button>
    }
}

/// The table body when there are no rows: a loading placeholder, or why it is empty and the
/// next step (clear the filter, or the page's own action such as "Create user").
#[component]
pub fn EmptyBody<T: Row + Clone + PartialEq + Send + Sync + 'static>(
    controller: ListController<T>,
    columns: usize,
    no_match: Key,
    none_yet: Key,
    /// The page's primary action for an empty registry.
    action: Option<(Key, Callback<()>)>,
) -> impl IntoView {
    let filtered = move || controller.query.get().is_filtered();
    let span = columns.to_string();
    move || {
        // A list that failed to load is not an empty one: only the error and its retry.
        if let Some(error) = controller.failure() {
            let retry = Callback::new(move |_| controller.retry());
            return view! {
                <tr>
                    <td colspan=span.clone() class="error-cell">
                        <ApiErrorView error=error context=Key::ListLoadFailed retry=retry />
                    </td>
                </tr>
            }
            .into_any();
        }
        if !controller.settled() {
            return (0..5)
                .map(|_| {
                    view! {
                        <tr class="skeleton-row" aria-hidden="true">
                            <td colspan=span.clone()><div class="skeleton-line"></div></td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any();
        }
        let body = if filtered() {
            view! {
                <p>{tr(no_match)}</p>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        controller
                            .update_query(
                                false,
                                |q| {
                                    q.filter.clear();
                                    q.kind = None;
                                    q.only = None;
                                    q.page = 1;
                                },
                            )
                    }
                >
                    {tr(Key::ClearFilter)}
                </button>
            }
            .into_any()
        } else {
            view! {
                <p>{tr(none_yet)}</p>
                {action
                    .map(|(label, run)| {
                        view! {
                            <WriteButton
                                class="button button-primary"
                                testid="empty-action"
                                on_click=run
                            >
                                {tr(label)}
                            </WriteButton>
                        }
                    })}
            }
            .into_any()
        };
        view! {
            <tr>
                <td colspan=span.clone() class="empty-state" data-testid="empty-state">
                    {body}
                </td>
            </tr>
        }
        .into_any()
    }
}
