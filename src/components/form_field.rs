//! A labelled input with its hint and its live error, wired for screen readers
//! (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

use crate::auth::use_read_only;
use crate::i18n::{use_i18n, Key};

#[component]
pub fn TextField(
    /// Element id; also the prefix of the hint and error ids.
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    /// The current problem with the value, if any.
    #[prop(into)]
    error: Signal<Option<Key>>,
    /// Whether to show the problem yet (after the first edit, or after a submit attempt).
    #[prop(into)]
    show_error: Signal<bool>,
    #[prop(default = None, into)] hint: Option<Key>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(default = true)] required: bool,
    /// Called on every edit (marks the field as touched).
    #[prop(into)]
    on_edit: Callback<()>,
    /// The registry's refusal of this value (e.g. "Username has already been taken…"), in its
    /// own words, shown at the field when the value has no problem of its own.
    #[prop(optional, into)]
    server_error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let visible_error = move || {
        show_error
            .get()
            .then(|| error.get())
            .flatten()
            .map(|k| i18n.t(k).to_string())
            .or_else(|| server_error.and_then(|s| s.get()))
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if visible_error().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:field-invalid=move || visible_error().is_some()>
            <label for=id>{move || i18n.t(label)}</label>
            <input
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                required=required
                spellcheck="false"
                autocapitalize="none"
                prop:value=move || value.get()
                prop:disabled=move || disabled.get()
                aria-invalid=move || if visible_error().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                on:input:target=move |ev| {
                    value.set(ev.target().value());
                    on_edit.run(());
                }
            />
            {hint
                .map(|h| {
                    view! {
                        <p class="field-hint" id=hint_id.clone()>
                            {move || i18n.t(h)}
                        </p>
                    }
                })}
            <p class="field-error" id=error_id.clone() data-testid=format!("{id}-error")>
                {visible_error}
            </p>
        </div>
    }
}

/// A form's submit button: disabled and relabelled while the submission is pending, so a
/// second click cannot send it twice.
#[component]
pub fn SubmitButton(
    label: Key,
    pending_label: Key,
    #[prop(into)] pending: Signal<bool>,
    testid: &'static str,
    #[prop(default = "button button-primary")] class: &'static str,
    /// Refused rather than running (e.g. the registry would refuse it): disabled, and still
    /// labelled with what it does.
    #[prop(optional, into)]
    refused: Option<Signal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Every form behind the sign-in gate writes: a read-only superuser's is refused, with the
    // reason (see `crate::auth::read_only`).
    let read_only = use_read_only();
    view! {
        <button
            type="submit"
            class=class
            data-testid=testid
            prop:disabled=move || {
                pending.get() || refused.is_some_and(|r| r.get()) || read_only.get()
            }
            aria-describedby=move || read_only.described_by()
            title=move || read_only.refusal().map(|k| i18n.t(k))
            aria-busy=move || if pending.get() { "true" } else { "false" }
        >
            {move || i18n.t(if pending.get() { pending_label } else { label })}
        </button>
    }
}
