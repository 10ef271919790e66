//! The language picker in the header.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::toast::{use_toasts, ToastKind};
use crate::i18n::{tr, use_i18n, Key, Locale};

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let select = NodeRef::<leptos::html::Select>::new();
    // A language's texts are fetched the first time it is chosen; if the admin picks again
    // meanwhile, the later choice wins.
    let wanted = StoredValue::new(None::<Locale>);
    let choose = move |locale: Locale| {
        wanted.set_value(Some(locale));
        spawn_local(async move {
            let loaded = i18n.ensure_texts(locale).await;
            if wanted.get_value() != Some(locale) {
                return;
            }
            match loaded {
                Ok(()) => i18n.set(locale),
                Err(e) => {
                    toasts.push(
                        ToastKind::Error,
                        format!("{}: {e}", i18n.t_now(Key::LanguageLoadFailed)),
                    );
                    // Show the language still in use again.
                    if let Some(select) = select.get_untracked() {
                        select.set_value(i18n.locale.get_untracked().tag());
                    }
                }
            }
        });
    };
    view! {
        <label class="picker">
            <span>{tr(Key::LanguageLabel)}</span>
            <select
                id="language-picker"
                node_ref=select
                on:change:target=move |ev| {
                    if let Some(l) = Locale::from_tag(&ev.target().value()) {
                        choose(l);
                    }
                }
            >
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.tag() lang=l.tag() selected=move || i18n.locale.get() == l>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
