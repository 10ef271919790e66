//! Form drafts that survive a reload of the tab (sessionStorage), so typed input is never lost.
//! Only for non-secret fields: passwords are never stored.

use leptos::prelude::*;

use crate::browser::session_storage as storage;

const PREFIX: &str = "quay-admin.draft.";

/// A text signal restored from this tab's draft `key` (or `initial`) and saved on every change.
pub fn use_draft(key: &'static str, initial: &str) -> RwSignal<String> {
    let stored = storage().and_then(|s| s.get_item(&format!("{PREFIX}{key}")).ok().flatten());
    let value = RwSignal::new(stored.unwrap_or_else(|| initial.to_string()));
    Effect::new(move |_| {
        let text = value.get();
        if let Some(s) = storage() {
            let _ = s.set_item(&format!("{PREFIX}{key}"), &text);
        }
    });
    value
}

/// Forgets drafts once their form has done its job.
pub fn clear_drafts(keys: &[&str]) {
    if let Some(s) = storage() {
        for key in keys {
            let _ = s.remove_item(&format!("{PREFIX}{key}"));
        }
    }
}
