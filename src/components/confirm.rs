//! Confirmation for destructive actions: names the target, optionally makes the admin type the
//! name, shows the server's refusal in place and cannot be sent twice.

use leptos::prelude::*;

use super::dialog::Dialog;
use super::error_view::ApiErrorView;
use crate::api::ApiError;
use crate::i18n::{tr, use_i18n, Key};

#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    testid: &'static str,
    confirm_label: Key,
    #[prop(into)] pending: Signal<bool>,
    /// The last failure of the action, shown above the buttons.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// When set, the confirm button stays disabled until exactly this text is typed.
    #[prop(default = None, into)]
    typed_name: Option<Signal<String>>,
    on_confirm: Callback<()>,
    /// What will happen, in words (the target's name as text).
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let matches = move || typed_name.is_none_or(|name| typed.get() == name.get());
    let input_id = format!("{testid}-typed");
    let children = StoredValue::new(children);
    view! {
        <Dialog open=open title=title testid=testid>
            <form
                class="stack"
                on:submit=move |ev| {
                    ev.prevent_default();
                    if matches() && !pending.get_untracked() {
                        on_confirm.run(());
                    }
                }
            >
                {children.read_value()()}
                {typed_name
                    .map(|name| {
                        typed.set(String::new());
                        let input_id = input_id.clone();
                        view! {
                            <div class="field">
                                <label for=input_id.clone()>
                                    {move || i18n.t(Key::TypeNameToConfirm)} " "
                                    <strong class="server-message">{move || name.get()}</strong>
                                </label>
                                <input
                                    id=input_id.clone()
                                    type="text"
                                    autocomplete="off"
                                    spellcheck="false"
                                    autocapitalize="none"
                                    data-testid=format!("{testid}-typed")
                                    prop:value=move || typed.get()
                                    on:input:target=move |ev| typed.set(ev.target().value())
                                />
                            </div>
                        }
                    })}
                {move || error.get().map(|e| view! { <ApiErrorView error=e /> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| open.set(false)>
                        {tr(Key::Cancel)}
                    </button>
                    <button
                        type="submit"
                        class="button button-danger"
                        data-testid=format!("{testid}-confirm")
                        prop:disabled=move || pending.get() || !matches()
                        aria-busy=move || if pending.get() { "true" } else { "false" }
                    >
                        {move || i18n.t(if pending.get() { Key::Working } else { confirm_label })}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
