//! The rows of a Quay list loaded so far, page after page through its `next_page` tokens. Quay's
//! tokens only go forward, so the list keeps what it loaded: going back is instant and the
//! filter and sort work on everything loaded.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::list::cache::{kept_list, Kept};
use crate::list::window::{Row, SERVER_PAGE};

/// One server page: its rows and the token of the next one (`None`: the last page).
pub type Page<T> = (Vec<T>, Option<String>);
pub type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, ApiError>>>>;
/// Fetches a page: client, list variant (e.g. with or without disabled users), size, token.
pub type FetchPage<T> = Rc<dyn Fn(ApiClient, String, u32, Option<String>) -> PageFuture<T>>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded<T> {
    /// The rows loaded page by page, in the server's order, then the `found` ones.
    pub items: Vec<T>,
    pub next: Option<String>,
    pub complete: bool,
    /// Which variant of the list these rows belong to.
    pub variant: String,
    /// How many rows at the end of `items` were fetched one by one (an exact name typed in the
    /// filter) before the pages reached them; each moves to its place when its page arrives.
    pub found: usize,
}

impl<T> Loaded<T> {
    pub(crate) fn empty(variant: &str) -> Self {
        Self {
            items: Vec::new(),
            next: None,
            complete: false,
            variant: variant.to_string(),
            found: 0,
        }
    }

    /// Rows loaded page by page so far.
    pub fn paged(&self) -> usize {
        self.items.len() - self.found
    }
}

pub struct PagedList<T: Send + Sync + 'static> {
    pub loaded: RwSignal<Loaded<T>>,
    fetch: StoredValue<FetchPage<T>, LocalStorage>,
    /// Bumped by every reset, so answers to an older request are dropped.
    generation: StoredValue<u64>,
    /// Bumped by every change made here (see [`Kept::revision`]).
    revision: StoredValue<u64>,
}

impl<T: Send + Sync + 'static> Clone for PagedList<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for PagedList<T> {}

impl<T: Row + Clone + Send + Sync + 'static> PagedList<T> {
    /// A list of this page only.
    pub fn new(fetch: FetchPage<T>) -> Self {
        Self::from_kept(Kept::new_here(), fetch)
    }

    /// The list `key`, kept for the session (see [`crate::list::cache`]): what an earlier visit
    /// loaded is there at once. Without the app's cache, a list of this page only.
    pub fn kept(key: &'static str, fetch: FetchPage<T>) -> Self {
        let kept = kept_list(key).unwrap_or_else(Kept::new_here);
        Self::from_kept(kept, fetch)
    }

    fn from_kept(kept: Kept<T>, fetch: FetchPage<T>) -> Self {
        Self {
            loaded: kept.loaded,
            fetch: StoredValue::new_local(fetch),
            generation: kept.generation,
            revision: kept.revision,
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
                    .try_with_untracked(|l| (l.paged(), l.complete, l.next.clone()))
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
                append_page(l, rows, batch.complete);
                l.next = batch.cursor.clone();
            }
        });
        batch.published_at = now_ms();
    }

    /// Loads the list afresh in the background, as far as it was loaded (at least `count`
    /// rows), while the rows loaded before stay shown; then shows the fresh ones, unless the
    /// list was reset or changed here meanwhile (the change would be undone).
    pub async fn revalidate(
        &self,
        client: &ApiClient,
        variant: &str,
        count: usize,
    ) -> Result<(), ApiError> {
        let (generation, revision) = (self.generation.get_value(), self.revision.get_value());
        let Some(want) = self
            .loaded
            .try_with_untracked(|l| (l.variant == variant).then(|| l.paged().max(count)))
            .flatten()
        else {
            return Ok(());
        };
        let mut fresh = Loaded::empty(variant);
        while !fresh.complete && fresh.items.len() < want {
            let fetch = self.fetch.get_value();
            let (rows, token) =
                fetch(client.clone(), variant.to_string(), SERVER_PAGE, fresh.next).await?;
            fresh.items.extend(rows);
            fresh.complete = token.is_none();
            fresh.next = token;
        }
        if self.generation.try_get_value() != Some(generation)
            || self.revision.try_get_value() != Some(revision)
        {
            return Ok(());
        }
        self.generation.update_value(|g| *g += 1); // loads of the old rows end here
        let _ = self.loaded.try_update(|l| {
            // Rows found by name that the fresh pages do not reach yet stay.
            let found: Vec<T> = l.items.split_off(l.paged());
            *l = fresh;
            if !l.complete {
                for row in found {
                    add_found(l, row);
                }
            }
        });
        Ok(())
    }

    /// A row fetched by its exact name before the pages reach it: shown with the loaded rows
    /// until its page arrives (unless the list is complete or has it already).
    pub fn add_found(&self, row: T) {
        self.loaded.update(|l| add_found(l, row));
    }

    /// Replaces the row with `key` (after a change the server confirmed).
    pub fn replace(&self, key: impl Fn(&T) -> bool, row: T) {
        self.changed();
        self.loaded.update(|l| {
            if let Some(slot) = l.items.iter_mut().find(|r| key(r)) {
                *slot = row;
            }
        });
    }

    pub fn remove(&self, key: impl Fn(&T) -> bool) {
        self.changed();
        self.loaded.update(|l| {
            let mut found = l.items.split_off(l.paged());
            l.items.retain(|r| !key(r));
            found.retain(|r| !key(r));
            l.found = found.len();
            l.items.extend(found);
        });
    }

    /// A row the server just created: it is the newest, so it goes last, and only where the
    /// end of the list is loaded (otherwise it arrives with the last page).
    pub fn append_if_complete(&self, row: T) {
        self.changed();
        self.loaded.update(|l| {
            if l.complete {
                l.items.push(row);
            }
        });
    }

    fn changed(&self) {
        self.revision.update_value(|r| *r += 1);
    }
}

/// Appends a page's rows before the rows found by name; a found row the page brings moves to
/// its place, and once the list is complete the found rows it never brought are dropped (they
/// left the list meanwhile).
fn append_page<T: Row>(l: &mut Loaded<T>, rows: Vec<T>, complete: bool) {
    let mut found = l.items.split_off(l.paged());
    found.retain(|f| !complete && !rows.iter().any(|r| r.key() == f.key()));
    l.items.extend(rows);
    l.found = found.len();
    l.items.extend(found);
    l.complete = complete;
}

fn add_found<T: Row>(l: &mut Loaded<T>, row: T) {
    if !l.complete && !l.items.iter().any(|r| r.key() == row.key()) {
        l.items.push(row);
        l.found += 1;
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[derive(Clone, Debug, PartialEq)]
    struct R(&'static str);

    impl Row for R {
        fn key(&self) -> &str {
            self.0
        }
        fn matches(&self, needle: &str) -> bool {
            self.0.contains(needle)
        }
        fn compare(&self, other: &Self, _: &str) -> Ordering {
            self.0.cmp(other.0)
        }
    }

    fn keys(l: &Loaded<R>) -> Vec<&str> {
        l.items.iter().map(|r| r.0).collect()
    }

    #[test]
    fn a_found_row_waits_after_the_pages_then_moves_to_its_place() {
        let mut l = Loaded::empty("");
        append_page(&mut l, vec![R("a"), R("b")], false);
        add_found(&mut l, R("zimmer"));
        add_found(&mut l, R("a")); // already loaded: not twice
        add_found(&mut l, R("zimmer"));
        assert_eq!(keys(&l), ["a", "b", "zimmer"]);
        assert_eq!((l.paged(), l.found), (2, 1));

        append_page(&mut l, vec![R("c")], false);
        assert_eq!(keys(&l), ["a", "b", "c", "zimmer"]);
        append_page(&mut l, vec![R("zimmer"), R("zoe")], false);
        assert_eq!(keys(&l), ["a", "b", "c", "zimmer", "zoe"]);
        assert_eq!(l.found, 0);
    }

    #[test]
    fn found_rows_the_complete_list_never_brought_are_dropped() {
        let mut l = Loaded::empty("");
        append_page(&mut l, vec![R("a")], false);
        add_found(&mut l, R("gone"));
        append_page(&mut l, vec![R("b")], true);
        assert_eq!(keys(&l), ["a", "b"]);
        assert_eq!(l.found, 0);
        add_found(&mut l, R("late"));
        assert_eq!(
            keys(&l),
            ["a", "b"],
            "a complete list has every row already"
        );
    }
}
