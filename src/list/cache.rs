//! Loaded lists kept for the session (issue 17): leaving Users for Quotas and coming back shows
//! the rows at once, and the list controller revalidates them in the background instead of
//! loading them again before showing anything. Each list's state lives in reactive nodes owned
//! by the cache's own owner (a child of the app's root) rather than by the page, so they outlive
//! the page. The cache belongs to one session (its token): another session starts afresh, and
//! the old lists are dropped then.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

use crate::auth::use_session;
use crate::list::paged::Loaded;

/// One list's state, shared by every visit of its pages.
pub struct Kept<T: Send + Sync + 'static> {
    pub loaded: RwSignal<Loaded<T>>,
    /// Bumped by every reset, so answers to an older request are dropped.
    pub generation: StoredValue<u64>,
    /// Bumped by every change made here (a row replaced, removed or added), so a background
    /// revalidation that started before it does not undo it.
    pub revision: StoredValue<u64>,
}

impl<T: Send + Sync + 'static> Clone for Kept<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Kept<T> {}

impl<T: Send + Sync + 'static> Kept<T> {
    /// Owned by the current owner (a list of one page only, or under the cache's owner).
    pub(crate) fn new_here() -> Self {
        Self {
            loaded: RwSignal::new(Loaded::empty("")),
            generation: StoredValue::new(0),
            revision: StoredValue::new(0),
        }
    }
}

struct Cache {
    session: u64,
    /// Owns the kept nodes; cleaned up when another session replaces this one.
    owner: Owner,
    lists: HashMap<&'static str, Box<dyn Any>>,
}

thread_local! {
    static CACHE: RefCell<Option<Cache>> = const { RefCell::new(None) };
}

/// The owner at the top of the current one's ancestry: the app's, which lives as long as it.
fn root_owner() -> Option<Owner> {
    let mut owner = Owner::current()?;
    while let Some(parent) = owner.parent() {
        owner = parent;
    }
    Some(owner)
}

/// The list `key` as kept for the signed-in session (new and empty the first time); `None`
/// when nobody is signed in or there is no app around (then the page keeps its own).
pub fn kept_list<T: Send + Sync + 'static>(key: &'static str) -> Option<Kept<T>> {
    let session = use_session().identity_untracked()?;
    CACHE.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_some_and(|c| c.session != session) {
            if let Some(old) = cell.take() {
                old.owner.cleanup();
            }
        }
        if cell.is_none() {
            let owner = root_owner()?.with(Owner::new);
            *cell = Some(Cache {
                session,
                owner,
                lists: HashMap::new(),
            });
        }
        let cache = cell.as_mut()?;
        if let Some(kept) = cache
            .lists
            .get(key)
            .and_then(|k| k.downcast_ref::<Kept<T>>())
        {
            return Some(*kept);
        }
        let kept = cache.owner.with(Kept::<T>::new_here);
        cache.lists.insert(key, Box::new(kept));
        Some(kept)
    })
}
