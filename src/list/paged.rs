//! The rows of a Quay list loaded so far, page after page through its `next_page` tokens. Quay's
//! tokens only go forward, so the list keeps what it loaded: going back is instant and the
//! filter and sort work on everything loaded.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::list::window::SERVER_PAGE;

/// One server page: its rows and the token of the next one (`None`: the last page).
pub type Page<T> = (Vec<T>, Option<String>);
pub type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, ApiError>>>>;
/// Fetches a page: client, list variant (e.g. with or without disabled users), size, token.
pub type FetchPage<T> = Rc<dyn Fn(ApiClient, String, u32, Option<String>) -> PageFuture<T>>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
    pub complete: bool,
    /// Which variant of the list these rows belong to.
    pub variant: String,
}

impl<T> Loaded<T> {
    fn empty(variant: &str) -> Self {
        Self {
            items: Vec::new(),
            next: None,
            complete: false,
            variant: variant.to_string(),
        }
    }
}

pub struct PagedList<T: Send + Sync + 'static> {
    pub loaded: RwSignal<Loaded<T>>,
    fetch: StoredValue<FetchPage<T>, LocalStorage>,
    /// Bumped by every reset, so answers to an older request are dropped.
    generation: StoredValue<u64>,
}

impl<T: Send + Sync + 'static> Clone for PagedList<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for PagedList<T> {}

impl<T: Clone + Send + Sync + 'static> PagedList<T> {
    pub fn new(fetch: FetchPage<T>) -> Self {
        Self {
            loaded: RwSignal::new(Loaded::empty("")),
            fetch: StoredValue::new_local(fetch),
            generation: StoredValue::new(0),
        }
    }

    /// Forgets everything loaded (after a change that may move rows, or another variant).
    pub fn reset(&self, variant: &str) {
        self.generation.update_value(|g| *g += 1);
        self.loaded.set(Loaded::empty(variant));
    }

    /// Loads pages of `limit` rows until `count` rows are there or the list is complete.
    pub async fn ensure(
        &self,
        client: &ApiClient,
        variant: &str,
        count: usize,
        limit: u32,
    ) -> Result<(), ApiError> {
        self.load_while(client, variant, limit, |loaded| loaded < count)
            .await
    }

    /// Loads every remaining page, calling `keep_going` before each one (progress, cancel).
    pub async fn load_all(
        &self,
        client: &ApiClient,
        variant: &str,
        keep_going: impl Fn(usize) -> bool,
    ) -> Result<(), ApiError> {
        // Quay's largest page.
        self.load_while(client, variant, SERVER_PAGE, keep_going)
            .await
    }

    /// Fetches pages while `more(rows so far)` holds. Rows are published to the page at most
    /// every [`PUBLISH_EVERY_MS`] (and at the end): every publish re-filters and re-sorts
    /// everything loaded, so publishing each small page made a long load quadratic.
    async fn load_while(
        &self,
        client: &ApiClient,
        variant: &str,
        limit: u32,
        more: impl Fn(usize) -> bool,
    ) -> Result<(), ApiError> {
        if self.loaded.with_untracked(|l| l.variant != variant) {
            self.reset(variant);
        }
        let mut batch = Batch::default();
        loop {
            let generation = self.generation.get_value();
            if !batch.active {
                let Some((count, complete, next)) = self
                    .loaded
                    .try_with_untracked(|l| (l.items.len(), l.complete, l.next.clone()))
                else {
                    return Ok(()); // the page is gone
                };
                if complete || !more(count) {
                    return Ok(());
                }
                batch.start(count, next);
            } else if batch.complete || !more(batch.count()) {
                self.publish(&mut batch);
                continue;
            }
            let fetch = self.fetch.get_value();
            let result = fetch(
                client.clone(),
                variant.to_string(),
                limit,
                batch.cursor.clone(),
            )
            .await;
            if self.generation.try_get_value() != Some(generation) {
                return Ok(()); // reset meanwhile: a newer load owns the list now
            }
            let (rows, token) = match result {
                Ok(page) => page,
                Err(e) => {
                    // What arrived before the failure is kept.
                    self.publish(&mut batch);
                    return Err(e);
                }
            };
            batch.add(rows, token);
            if batch.complete || batch.due() {
                self.publish(&mut batch);
            }
        }
    }

    /// Appends the batch to the list, unless another load appended from the same place
    /// meanwhile: then the batch is dropped, so no row is ever listed twice.
    fn publish(&self, batch: &mut Batch<T>) {
        if !batch.active {
            return;
        }
        batch.active = false;
        // Also an empty page: its token still moves the list on.
        let rows = std::mem::take(&mut batch.rows);
        let _ = self.loaded.try_update(|l| {
            if l.next == batch.from && !l.complete {
                l.items.extend(rows);
                l.complete = batch.complete;
                l.next = batch.cursor.clone();
            }
        });
        batch.published_at = now_ms();
    }

    /// Replaces the row with `key` (after a change the server confirmed).
    pub fn replace(&self, key: impl Fn(&T) -> bool, row: T) {
        self.loaded.update(|l| {
            if let Some(slot) = l.items.iter_mut().find(|r| key(r)) {
                *slot = row;
            }
        });
    }

    pub fn remove(&self, key: impl Fn(&T) -> bool) {
        self.loaded.update(|l| l.items.retain(|r| !key(r)));
    }

    /// A row the server just created: it is the newest, so it goes last, and only where the
    /// end of the list is loaded (otherwise it arrives with the last page).
    pub fn append_if_complete(&self, row: T) {
        self.loaded.update(|l| {
            if l.complete {
                l.items.push(row);
            }
        });
    }
}

/// Publishing a long load's rows at most this often keeps its cost linear, and the page still
/// shows progress several times a second.
const PUBLISH_EVERY_MS: f64 = 250.0;

fn now_ms() -> f64 {
    crate::clock::now_ms() as f64
}

/// Rows fetched but not yet published, and where they continue from.
struct Batch<T> {
    /// Pages were fetched since the last publish (possibly empty ones).
    active: bool,
    rows: Vec<T>,
    /// The list's `next` token when the batch started (what its first page was fetched with).
    from: Option<String>,
    /// The token to fetch next.
    cursor: Option<String>,
    /// Rows in the list when the batch started.
    base: usize,
    complete: bool,
    published_at: f64,
}

impl<T> Default for Batch<T> {
    fn default() -> Self {
        Self {
            active: false,
            rows: Vec::new(),
            from: None,
            cursor: None,
            base: 0,
            complete: false,
            published_at: now_ms(),
        }
    }
}

impl<T> Batch<T> {
    fn start(&mut self, loaded: usize, next: Option<String>) {
        self.active = true;
        self.base = loaded;
        self.from = next.clone();
        self.cursor = next;
        self.complete = false;
    }

    fn add(&mut self, rows: Vec<T>, token: Option<String>) {
        self.rows.extend(rows);
        self.complete = token.is_none();
        self.cursor = token;
    }

    /// Rows loaded counting the batch.
    fn count(&self) -> usize {
        self.base + self.rows.len()
    }

    fn due(&self) -> bool {
        now_ms() - self.published_at >= PUBLISH_EVERY_MS
    }
}
