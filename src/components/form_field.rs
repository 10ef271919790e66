//! A labelled input with its hint and its live error, wired for screen readers
//! (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

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
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let visible_error = move || show_error.get().then(|| error.get()).flatten();
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
                {move || visible_error().map(|k| i18n.t(k))}
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
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="submit"
            class=class
            data-testid=testid
            prop:disabled=move || pending.get()
            aria-busy=move || if pending.get() { "true" } else { "false" }
        >
            {move || i18n.t(if pending.get() { pending_label } else { label })}
        </button>
    }
}
