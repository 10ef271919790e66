//! Toasts: short results of actions, announced to screen readers, dismissable, and gone on their
//! own after a while. Errors stay until dismissed.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{tr, Key};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// At most this many toasts show at once; one more replaces the oldest.
const SLOTS: usize = 5;

/// Each toast sits in a slot of its own until it goes, so adding or removing one re-renders only
/// that slot: the live region announces just the new toast, and focus on another toast's
/// dismiss button stays where it is. (Cheaper than a keyed `<For>`, which the first load would
/// otherwise carry for this list alone.)
#[derive(Clone, Copy)]
pub struct Toasts {
    slots: [RwSignal<Option<Toast>>; SLOTS],
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Self {
            slots: std::array::from_fn(|_| RwSignal::new(None)),
            next_id: StoredValue::new(0),
        }
    }

    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let held: [Option<u64>; SLOTS] =
            std::array::from_fn(|i| self.slots[i].with_untracked(|t| t.as_ref().map(|t| t.id)));
        self.slots[slot_for_new(&held)].set(Some(Toast {
            id,
            kind,
            text: text.into(),
        }));
        if kind != ToastKind::Error {
            let this = *self;
            set_timeout(move || this.dismiss(id), Duration::from_secs(8));
        }
    }

    pub fn dismiss(&self, id: u64) {
        for slot in self.slots {
            // The toast area may be gone (page unloading); then there is nothing to dismiss.
            if slot.try_with_untracked(|t| matches!(t, Some(t) if t.id == id)) == Some(true) {
                slot.set(None);
            }
        }
    }
}

/// The slot a new toast takes: the first free one, else the one holding the oldest toast.
fn slot_for_new(held: &[Option<u64>]) -> usize {
    held.iter().position(Option::is_none).unwrap_or_else(|| {
        (0..held.len())
            .min_by_key(|&i| held[i].unwrap_or(u64::MAX))
            .unwrap_or(0)
    })
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

#[component]
pub fn ToastArea() -> impl IntoView {
    let toasts = use_toasts();
    let slot_view = move |slot: RwSignal<Option<Toast>>| {
        move || {
            slot.get().map(|t| {
                let id = t.id;
                let class = match t.kind {
                    ToastKind::Success => "toast toast-success",
                    ToastKind::Info => "toast toast-info",
                    ToastKind::Error => "toast toast-error",
                };
                // Slots fill in any order; `order` shows the toasts oldest first.
                view! {
                    <div class=class data-testid="toast" style:order=id.to_string()>
                        <p>{t.text}</p>
                        <button
                            type="button"
                            class="icon-button"
                            aria-label=tr(Key::Dismiss)
                            on:click=move |_| toasts.dismiss(id)
                        >
                            "×"
                        </button>
                    </div>
                }
            })
        }
    };
    view! {
        <section class="toasts" aria-label=tr(Key::Notifications)>
            <div role="status" aria-live="polite" class="toast-stack">
                {toasts.slots.map(slot_view)}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_toast_takes_a_free_slot_else_the_oldest() {
        assert_eq!(slot_for_new(&[Some(3), None, Some(1)]), 1);
        assert_eq!(slot_for_new(&[Some(7), Some(5), Some(9)]), 1);
        assert_eq!(slot_for_new(&[None, None]), 0);
    }
}
