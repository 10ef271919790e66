//! A list page's controller: the view state held in the URL, the rows loaded so far and loading
//! more on demand, the page of rows in view, and "load all" when a filter or sort can only see
//! part of the list.

use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::ApiError;
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
        this
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
            if !partial
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
                this.load_everything().await;
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
