//! Everything a list page has besides its rows: the URL-held view state, loading pages on
//! demand, the filter box and page size, sortable headers, the range and pager, and "load all"
//! with progress when a filter or sort can only see part of the list.

use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::error_view::ApiErrorView;
use super::paged_list::PagedList;
use crate::api::ApiError;
use crate::auth::{use_session, Session};
use crate::browser::local_storage;
use crate::components::toast::{use_toasts, ToastKind};
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, Key};
use crate::listing::query::{page_size_of, ListQuery, PageParams, Sort, ALL_ROWS, PAGE_SIZES};
use crate::listing::window::{rows_needed, server_limit, window, Row, Window};

type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

const PAGE_SIZE_KEY: &str = "quay-admin.page-size";

fn remembered_page_size() -> Option<u32> {
    local_storage()?.get_item(PAGE_SIZE_KEY).ok()??.parse().ok()
}

fn remember_page_size(size: u32) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(PAGE_SIZE_KEY, &size.to_string());
    }
}

/// The `variant` of a list that has only one (organizations, quotas, service keys).
pub fn no_variants(_: &ListQuery) -> String {
    String::new()
}

/// Load-all progress: rows loaded so far while it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadAll {
    Idle,
    Running(usize),
}

pub struct ListController<T: Send + Sync + 'static> {
    pub path: &'static str,
    pub query: Memo<ListQuery>,
    pub list: PagedList<T>,
    pub window: Memo<Window>,
    /// The current page's load: `Err` is shown next to the table with a retry.
    pub load: LocalResource<Result<(), ApiError>>,
    pub load_all_state: RwSignal<LoadAll>,
    pub load_all_error: RwSignal<Option<ApiError>>,
    cancel_all: RwSignal<bool>,
    variant: fn(&ListQuery) -> String,
    /// The order when the URL names none (pages whose rows have no meaningful server order).
    default_sort: Option<(&'static str, bool)>,
    session: Session,
    /// Captured at creation: event handlers run outside the component, where the router's
    /// context cannot be looked up.
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl<T: Send + Sync + 'static> Clone for ListController<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for ListController<T> {}

impl<T: Row + Clone + PartialEq + Send + Sync + 'static> ListController<T> {
    /// `columns`: the sortable column ids; `variant`: which server list the view needs (e.g.
    /// with or without disabled users); a change of variant starts the list afresh.
    pub fn new(
        path: &'static str,
        columns: &'static [&'static str],
        list: PagedList<T>,
        variant: fn(&ListQuery) -> String,
    ) -> Self {
        Self::with_default_sort(path, columns, None, list, variant)
    }

    /// As `new`, sorted by `default_sort` (column, descending) when the URL names no order;
    /// then the headers toggle between ascending and descending only.
    pub fn with_default_sort(
        path: &'static str,
        columns: &'static [&'static str],
        default_sort: Option<(&'static str, bool)>,
        list: PagedList<T>,
        variant: fn(&ListQuery) -> String,
    ) -> Self {
        Self::with_params(
            path,
            columns,
            default_sort,
            PageParams::default(),
            list,
            variant,
        )
    }

    /// As `with_default_sort`, for a page with URL parameters of its own.
    pub fn with_params(
        path: &'static str,
        columns: &'static [&'static str],
        default_sort: Option<(&'static str, bool)>,
        page_params: PageParams,
        list: PagedList<T>,
        variant: fn(&ListQuery) -> String,
    ) -> Self {
        let params = use_query_map();
        let remembered = remembered_page_size();
        let query = Memo::new(move |_| {
            let mut q = params.with(|p| {
                ListQuery::parse(|k| p.get(k), columns, remembered)
                    .with_params(|k| p.get(k), page_params)
            });
            if q.sort.is_none() {
                q.sort = default_sort.map(|(column, descending)| Sort {
                    column: column.to_string(),
                    descending,
                });
            }
            q
        });
        let window = Memo::new(move |_| {
            let q = query.get();
            list.loaded.with(|l| window(&l.items, &q, l.complete))
        });
        // Only what decides which rows must be loaded, so typing a filter fetches nothing.
        let need = Memo::new(move |_| {
            let q = query.get();
            (variant(&q), rows_needed(&q), server_limit(&q))
        });
        let session = use_session();
        let load = LocalResource::new(move || {
            let (variant, count, limit) = need.get();
            let client = session.client();
            async move {
                let result = list.ensure(&client, &variant, count, limit).await;
                if let Err(e) = &result {
                    session.note_error(e);
                }
                result
            }
        });
        Self {
            path,
            query,
            list,
            window,
            load,
            load_all_state: RwSignal::new(LoadAll::Idle),
            load_all_error: RwSignal::new(None),
            cancel_all: RwSignal::new(false),
            variant,
            default_sort,
            session,
            navigate: StoredValue::new_local(Rc::new(use_navigate())),
        }
    }

    /// Puts a new view state into the URL (a history entry unless `replace`).
    pub fn set_query(&self, query: ListQuery, replace: bool) {
        let url = format!("{}?{}", self.path, query.to_query_string());
        (self.navigate.get_value())(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    }

    pub fn update_query(&self, replace: bool, change: impl FnOnce(&mut ListQuery)) {
        let mut q = self.query.get_untracked();
        change(&mut q);
        self.set_query(q, replace);
    }

    /// A click on a column header: ascending, descending, then the server's order (or, with a
    /// default order, ascending again).
    pub fn toggle_sort(&self, column: &'static str) {
        let has_default = self.default_sort.is_some();
        self.update_query(false, |q| {
            q.sort = q.toggled_sort(column).or_else(|| {
                has_default.then(|| Sort {
                    column: column.to_string(),
                    descending: false,
                })
            });
            q.page = 1;
        });
    }

    /// Loads every remaining page with progress; `false` if cancelled or failed.
    pub async fn load_everything(&self) -> bool {
        let session = self.session;
        self.cancel_all.set(false);
        self.load_all_error.set(None);
        self.load_all_state.set(LoadAll::Running(
            self.list.loaded.with_untracked(|l| l.items.len()),
        ));
        let variant = (self.variant)(&self.query.get_untracked());
        let (state, cancel) = (self.load_all_state, self.cancel_all);
        let result = self
            .list
            .load_all(&session.client_untracked(), &variant, move |n| {
                state.set(LoadAll::Running(n));
                !cancel.get_untracked()
            })
            .await;
        self.load_all_state.set(LoadAll::Idle);
        match result {
            Ok(()) => self.list.loaded.with_untracked(|l| l.complete),
            Err(e) => {
                session.note_error(&e);
                self.load_all_error.set(Some(e));
                false
            }
        }
    }

    /// Retries what failed: the current page's load and, when a load of everything failed (a
    /// page that needs the whole list, or "load all"), that load too.
    pub fn retry(&self) {
        self.load.refetch();
        if self.load_all_error.get_untracked().is_some() {
            let this = *self;
            leptos::task::spawn_local(async move {
                this.load_everything().await;
            });
        }
    }

    pub fn cancel_load_all(&self) {
        self.cancel_all.set(true);
    }

    /// The rows on the current page, in display order.
    pub fn page_rows(&self) -> Vec<T> {
        self.rows_between(0, usize::MAX)
    }

    /// The rows at display positions `start..end` of the current page (the drawn part of the
    /// one-table view).
    pub fn rows_between(&self, start: usize, end: usize) -> Vec<T> {
        let w = self.window.get();
        let end = end.min(w.rows.len());
        self.list.loaded.with(|l| {
            w.rows[start.min(end)..end]
                .iter()
                .filter_map(|&i| l.items.get(i).cloned())
                .collect()
        })
    }

    /// The keys of the rows on the current page, in display order.
    pub fn page_keys(&self) -> Vec<String> {
        let w = self.window.get();
        self.list.loaded.with(|l| {
            w.rows
                .iter()
                .filter_map(|&i| l.items.get(i).map(|r| r.key().to_string()))
                .collect()
        })
    }

    /// Every loaded row that matches the filter, in display order (for export).
    pub fn matching_rows(&self) -> Vec<T> {
        let mut q = self.query.get_untracked();
        q.page = 1;
        q.limit = u32::MAX;
        self.list.loaded.with_untracked(|l| {
            window(&l.items, &q, true)
                .rows
                .iter()
                .filter_map(|&i| l.items.get(i).cloned())
                .collect()
        })
    }
}

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
        let total = group_thousands(w.matching as u64);
        let text = if w.first == 0 {
            i18n.t(Key::NoRowsOnPage).to_string()
        } else if complete() {
            i18n.t(Key::RangeOfTotal)
                .replace("{first}", &group_thousands(w.first as u64))
                .replace("{last}", &group_thousands(w.last as u64))
                .replace("{total}", &total)
        } else {
            i18n.t(Key::RangeOfLoaded)
                .replace("{first}", &group_thousands(w.first as u64))
                .replace("{last}", &group_thousands(w.last as u64))
                .replace("{total}", &total)
        };
        text.replace("{noun}", i18n.t(noun))
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
        {move || {
            controller
                .load
                .get()
                .and_then(Result::err)
                // One alert for both loads when both failed (they fail for the same reason).
                .or_else(|| controller.load_all_error.get())
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
                <button
                    type="button"
                    class="button"
                    data-testid="page-prev"
                    prop:disabled=move || controller.window.get().page <= 1
                    on:click=move |_| go(-1)
                >
                    {tr(Key::PreviousPage)}
                </button>
                <span class="pager-page" data-testid="page-number">
                    {move || {
                        i18n.t(Key::PageNumber)
                            .replace("{page}", &controller.window.get().page.to_string())
                    }}
                </span>
                <button
                    type="button"
                    class="button"
                    data-testid="page-next"
                    prop:disabled=move || !controller.window.get().has_next
                    on:click=move |_| go(1)
                >
                    {tr(Key::NextPage)}
                </button>
            </Show>
        </nav>
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
    let loading = move || {
        !controller.list.loaded.with(|l| l.complete)
            && controller.load.get().is_none_or(|r| r.is_ok())
            // A failed load of everything stops for good until a retry.
            && controller.load_all_error.with(Option::is_none)
    };
    let filtered = move || controller.query.get().is_filtered();
    let span = columns.to_string();
    move || {
        if loading() {
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
                            <button
                                type="button"
                                class="button button-primary"
                                on:click=move |_| run.run(())
                            >
                                {tr(label)}
                            </button>
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
