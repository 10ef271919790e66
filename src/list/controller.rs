//! A list page's controller: the view state held in the URL, the rows loaded so far and loading
//! more on demand, the page of rows in view, and "load all" when a filter or sort can only see
//! part of the list.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{ApiClient, ApiError};
use crate::auth::{use_session, Session};
use crate::browser::local_storage;
use crate::list::paged::PagedList;
use crate::list::query::{ListQuery, PageParams, Sort};
use crate::list::window::{rows_needed, server_limit, window, Row, Window};

type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

const PAGE_SIZE_KEY: &str = "quay-admin.page-size";

fn remembered_page_size() -> Option<u32> {
    local_storage()?.get_item(PAGE_SIZE_KEY).ok()??.parse().ok()
}

pub(super) fn remember_page_size(size: u32) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(PAGE_SIZE_KEY, &size.to_string());
    }
}

/// The `variant` of a list that has only one (organizations, quotas, service keys).
pub fn no_variants(_: &ListQuery) -> String {
    String::new()
}

/// Rows a list loads in the background after its first page (100 of Quay's pages): filter and
/// sort then cover a registry of this size without waiting. Beyond it, they load the rest when
/// used, with progress and cancel.
const BACKGROUND_ROWS: usize = 10_000;
/// The background work waits this long after the first page, so the page's own requests and
/// drawing come first.
const IDLE_AFTER_MS: u64 = 300;
/// A name typed in the filter is looked up once the typing has paused this long.
const TYPING_PAUSE_MS: u64 = 300;

/// Finds one row by its exact name: client, list variant, name.
pub type FindOne<T> = Rc<
    dyn Fn(ApiClient, String, String) -> Pin<Box<dyn Future<Output = Result<Option<T>, ApiError>>>>,
>;

/// What of a view decides whether it needs the whole list.
#[derive(Clone, Debug, PartialEq, Eq)]
struct WholeView {
    variant: String,
    /// The query without its page, and without its page size unless every row is in one table.
    query: ListQuery,
}

impl WholeView {
    fn of(query: &ListQuery, variant: fn(&ListQuery) -> String) -> Self {
        let mut query = query.clone();
        query.page = 1;
        if query.limit != crate::list::query::ALL_ROWS {
            query.limit = 0;
        }
        Self {
            variant: variant(&query),
            query,
        }
    }
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
    /// The view the admin cancelled loading everything for: not started again until the view
    /// asks for something else.
    cancelled_view: RwSignal<Option<WholeView>>,
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
        let this = Self {
            path,
            query,
            list,
            window,
            load,
            load_all_state: RwSignal::new(LoadAll::Idle),
            load_all_error: RwSignal::new(None),
            cancel_all: RwSignal::new(false),
            cancelled_view: RwSignal::new(None),
            variant,
            default_sort,
            session,
            navigate: StoredValue::new_local(Rc::new(use_navigate())),
        };
        this.load_whole_list_when_needed();
        this.revalidate_kept_rows();
        this
    }

    /// Rows an earlier visit loaded are shown at once, then loaded afresh in the background
    /// and replaced when in. If that fails, the kept rows stay, with the registry's error and a
    /// retry next to them: an admin re-entering a page during an outage is told.
    fn revalidate_kept_rows(&self) {
        if self.list.loaded.with_untracked(|l| l.paged()) == 0 {
            return;
        }
        let this = *self;
        leptos::task::spawn_local(async move {
            crate::browser::sleep(Duration::from_millis(IDLE_AFTER_MS)).await;
            this.revalidate().await;
        });
    }

    async fn revalidate(&self) {
        let Some(q) = self.query.try_get_untracked() else {
            return; // the page is gone
        };
        let _ = self.load_all_error.try_set(None);
        let result = self
            .list
            .revalidate(
                &self.session.client_untracked(),
                &(self.variant)(&q),
                rows_needed(&q),
            )
            .await;
        if let Err(e) = result {
            self.session.note_error(&e);
            let _ = self.load_all_error.try_set(Some(e));
        }
    }

    /// Finds a row by the exact name typed in the filter before the pages reach it (on a real
    /// registry, loading thousands of rows takes seconds): `plausible` says whether the text
    /// can be a whole name, `find` asks the registry for it (`None`: no such row in this
    /// variant of the list).
    pub fn find_exact(self, plausible: fn(&str) -> bool, find: FindOne<T>) -> Self {
        let this = self;
        let find = StoredValue::new_local(find);
        let name = Memo::new(move |_| this.query.with(crate::list::window::needle));
        // Once the first page is in (it may hold the name, and a row from the list carries more
        // than the single-row answer, e.g. the quota), and only while the list is incomplete.
        let waiting = Memo::new(move |_| {
            this.load.with(|r| matches!(r, Some(Ok(())))) && !this.list.loaded.with(|l| l.complete)
        });
        Effect::new(move |_| {
            let wanted = name.get();
            let present = this
                .list
                .loaded
                .with_untracked(|l| l.items.iter().any(|r| r.key() == wanted));
            if !waiting.get() || !plausible(&wanted) || present {
                return;
            }
            leptos::task::spawn_local(async move {
                // Only the name the admin stopped typing at.
                crate::browser::sleep(Duration::from_millis(TYPING_PAUSE_MS)).await;
                if name.try_get_untracked().as_deref() != Some(wanted.as_str()) {
                    return;
                }
                let Some(variant) = this.query.try_with_untracked(|q| (this.variant)(q)) else {
                    return;
                };
                let found =
                    (find.get_value())(this.session.client_untracked(), variant.clone(), wanted)
                        .await;
                match found {
                    Ok(Some(row)) => {
                        if this
                            .list
                            .loaded
                            .try_with_untracked(|l| l.variant == variant)
                            == Some(true)
                        {
                            this.list.add_found(row);
                        }
                    }
                    Ok(None) => {}
                    // Paging finds it anyway; only a dead token matters here.
                    Err(e) => this.session.note_error(&e),
                }
            });
        });
        self
    }

    /// A filter, a sort or every row in one table means nothing over part of the list: once the
    /// first page is in, the rest loads by itself (with the footer's progress and cancel), so
    /// "zimmer" finds every zimmer and the biggest namespace sorts first.
    fn load_whole_list_when_needed(&self) {
        let this = *self;
        let view = Memo::new(move |_| this.query.with(|q| WholeView::of(q, this.variant)));
        Effect::new(move |_| {
            let partial = this.window.with(|w| w.partial);
            let first_page_in = this.load.with(|r| matches!(r, Some(Ok(()))));
            let current = view.get();
            // Also with nothing narrowing the rows: filter and sort are then instant by the
            // time the admin types (up to a registry's worth of rows; beyond, on demand).
            let background = this
                .list
                .loaded
                .with(|l| !l.complete && l.paged() < BACKGROUND_ROWS);
            if !(partial || background)
                || !first_page_in
                || matches!(this.load_all_state.get_untracked(), LoadAll::Running(_))
                || this.load_all_error.with_untracked(Option::is_some)
                || this
                    .cancelled_view
                    .with_untracked(|c| c.as_ref() == Some(&current))
            {
                return;
            }
            leptos::task::spawn_local(async move {
                if !partial {
                    // After the first page is drawn and its other requests are out.
                    crate::browser::sleep(Duration::from_millis(IDLE_AFTER_MS)).await;
                    if this.load_all_state.try_get_untracked() != Some(LoadAll::Idle) {
                        return;
                    }
                }
                this.load_up_to(if partial { usize::MAX } else { BACKGROUND_ROWS })
                    .await;
            });
        });
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
        self.load_up_to(usize::MAX).await
    }

    /// Loads pages with progress until `max_rows` are in or the list is complete; whether it is.
    async fn load_up_to(&self, max_rows: usize) -> bool {
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
                !cancel.get_untracked() && n < max_rows
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
                // A complete list failed to revalidate; an incomplete one to load the rest.
                if this.list.loaded.with_untracked(|l| l.complete) {
                    this.revalidate().await;
                } else {
                    this.load_everything().await;
                }
            });
        }
    }

    /// What failed, if the page's load or the load of everything did (one error for both:
    /// they fail for the same reason).
    pub fn failure(&self) -> Option<ApiError> {
        self.load
            .get()
            .and_then(Result::err)
            .or_else(|| self.load_all_error.get())
    }

    /// Whether what the page shows is final: the list is complete, or the rows the page needs
    /// are in and nothing is loading.
    pub fn settled(&self) -> bool {
        self.list.loaded.with(|l| l.complete)
            || (self.load.with(|r| r.is_some())
                && !matches!(self.load_all_state.get(), LoadAll::Running(_))
                && (!self.window.with(|w| w.partial) || self.cancelled_for_this_view()))
    }

    fn cancelled_for_this_view(&self) -> bool {
        let view = self.query.with(|q| WholeView::of(q, self.variant));
        self.cancelled_view.with(|c| c.as_ref() == Some(&view))
    }

    pub fn cancel_load_all(&self) {
        self.cancel_all.set(true);
        let view = self
            .query
            .with_untracked(|q| WholeView::of(q, self.variant));
        self.cancelled_view.set(Some(view));
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
