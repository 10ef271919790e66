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

#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.list.update(|l| {
            l.push(Toast {
                id,
                kind,
                text: text.into(),
            })
        });
        if kind != ToastKind::Error {
            let this = *self;
            set_timeout(move || this.dismiss(id), Duration::from_secs(8));
        }
    }

    pub fn dismiss(&self, id: u64) {
        // The toast area may be gone (page unloading); then there is nothing to dismiss.
        let _ = self.list.try_update(|l| l.retain(|t| t.id != id));
    }
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
    view! {
        <section class="toasts" aria-label=tr(Key::Notifications)>
            <div role="status" aria-live="polite" class="toast-stack">
                <For
                    each=move || toasts.list.get()
                    key=|t| t.id
                    children=move |t| {
                        let id = t.id;
                        let class = match t.kind {
                            ToastKind::Success => "toast toast-success",
                            ToastKind::Info => "toast toast-info",
                            ToastKind::Error => "toast toast-error",
                        };
                        view! {
                            <div class=class data-testid="toast">
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
                    }
                />
            </div>
        </section>
    }
}
