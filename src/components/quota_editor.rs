//! The quota editor: one dialog to set, change or remove a namespace's storage limit, opened
//! from the Quotas, Users and Organizations pages alike, so a limit is never a page away.

use leptos::prelude::*;

use super::dialog::{open_on_request, Dialog};
use super::error_view::ApiErrorView;
use super::form_field::{SubmitButton, TextField};
use super::quota_cell::{level_of, Level};
use super::write::use_write;
use crate::api::quota::{set_limit, Owner, QuotaSummary};
use crate::auth::WriteButton;
use crate::browser::focus_by_id;
use crate::format::{format_bytes, group_thousands, percent_used};
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::quota_limit::{limit_input_text, limit_text, parse_limit, LimitError};

/// The namespace whose quota is edited, as the opening page knows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuotaTarget {
    pub owner: Option<Owner>,
    pub namespace: String,
    pub quota: Option<QuotaSummary>,
    pub used: u64,
}

fn limit_error_key(e: LimitError) -> Key {
    match e {
        LimitError::Empty => Key::ErrRequired,
        LimitError::NotANumber => Key::ErrLimitNumber,
        LimitError::ThousandsSeparator => Key::ErrLimitSeparator,
        LimitError::NoUnit => Key::ErrLimitNoUnit,
        LimitError::UnknownUnit => Key::ErrLimitUnit,
        LimitError::NotPositive => Key::ErrLimitPositive,
        LimitError::TooLarge => Key::ErrLimitTooLarge,
    }
}

/// Moves focus once the view has switched (the button that had it is gone).
fn focus_soon(id: &'static str) {
    request_animation_frame(move || focus_by_id(id));
}

/// The "Quota" button of a table row: opens the editor for that row's namespace.
#[component]
pub fn QuotaButton(target: QuotaTarget, request: RwSignal<Option<QuotaTarget>>) -> impl IntoView {
    let name = target.namespace.clone();
    view! {
        <WriteButton
            class="button button-small"
            testid="quota-action"
            on_click=move || request.set(Some(target.clone()))
        >
            {tr(Key::QuotaAction)}
            <span class="visually-hidden">" " {name}</span>
        </WriteButton>
    }
}

#[component]
pub fn QuotaEditor(
    request: RwSignal<Option<QuotaTarget>>,
    /// After a change: the namespace and its quota as the registry now reports it.
    on_saved: Callback<(QuotaTarget, Option<QuotaSummary>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let target = RwSignal::new(QuotaTarget::default());
    let open = open_on_request(request, target);
    let input = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let confirming_removal = RwSignal::new(false);

    let save = use_write(
        move |client, limit: Option<u64>| {
            let t = target.get_untracked();
            async move {
                let owner = t.owner.unwrap_or(Owner::User);
                let current = t.quota.as_ref().map(|q| q.id);
                let quota = set_limit(&client, owner, &t.namespace, current, limit).await?;
                Ok((t, limit, quota))
            }
        },
        move |(t, limit, quota)| {
            let text = match limit {
                Some(bytes) => fill(i18n.t_now(Key::QuotaSetToast), &t.namespace)
                    .replace("{limit}", &limit_text(bytes)),
                None => fill(i18n.t_now(Key::QuotaRemovedToast), &t.namespace),
            };
            on_saved.run((t, quota));
            open.set(false);
            Some(text)
        },
    );
    let pending = save.pending();
    let error = save.error();

    // Every opening starts from the namespace's current limit.
    Effect::new(move |_| {
        if open.get() {
            let t = target.get_untracked();
            input.set(
                t.quota
                    .map(|q| limit_input_text(q.limit_bytes))
                    .unwrap_or_default(),
            );
            touched.set(false);
            confirming_removal.set(false);
            error.set(None);
        }
    });
    let parsed = Memo::new(move |_| parse_limit(&input.get()));
    let field_error = Signal::derive(move || parsed.get().err().map(limit_error_key));
    let title = Signal::derive(move || fill(i18n.t(Key::QuotaEditTitle), &target.get().namespace));
    let preview = move || {
        let bytes = parsed.get().ok()?;
        let used = target.with(|t| t.used);
        let exact = i18n
            .t(Key::QuotaPreviewBytes)
            .replace("{bytes}", &group_thousands(bytes));
        let percent = percent_used(used, Some(bytes)).unwrap_or(0);
        let state = match level_of(used, bytes, percent) {
            Level::Ok => None,
            Level::Warning => Some(Key::QuotaWarning),
            Level::Danger => Some(Key::QuotaDanger),
            Level::Over => Some(Key::QuotaOver),
        };
        let at_limit = i18n
            .t(Key::QuotaPreviewUse)
            // A tiny limit under a large use is billions of percent: grouped, like the bytes.
            .replace("{percent}", &group_thousands(percent));
        Some(view! {
            <p class="field-hint" data-testid="quota-preview" aria-live="polite">
                {format!("= {} · {exact} · {at_limit}", format_bytes(bytes))}
                {state.map(|k| view! { " · " <strong>{move || i18n.t(k)}</strong> })}
            </p>
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if let Ok(bytes) = parsed.get_untracked() {
            save.dispatch(Some(bytes));
        }
    };
    let has_quota = move || target.with(|t| t.quota.is_some());

    view! {
        <Dialog open=open title=title testid="quota-editor">
            <form class="stack" on:submit=submit novalidate>
                <p>
                    {move || {
                        i18n.t(Key::QuotaUsedNow)
                            .replace("{used}", &format_bytes(target.with(|t| t.used)))
                    }}
                </p>
                <TextField
                    id="quota-limit"
                    label=Key::QuotaLimitLabel
                    value=input
                    error=field_error
                    show_error=touched
                    hint=Key::QuotaLimitHint
                    disabled=pending
                    on_edit=Callback::new(move |_| touched.set(true))
                />
                {preview}
                {move || error.get().map(|e| view! { <ApiErrorView error=e /> })}
                <Show
                    when=move || confirming_removal.get()
                    fallback=move || {
                        view! {
                            <div class="dialog-actions">
                                <Show when=has_quota>
                                    <button
                                        type="button"
                                        class="button button-danger-quiet"
                                        id="quota-remove"
                                        data-testid="quota-remove"
                                        prop:disabled=move || pending.get()
                                        on:click=move |_| {
                                            confirming_removal.set(true);
                                            focus_soon("quota-remove-confirm");
                                        }
                                    >
                                        {tr(Key::QuotaRemove)}
                                    </button>
                                </Show>
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| open.set(false)
                                >
                                    {tr(Key::Cancel)}
                                </button>
                                <SubmitButton
                                    label=Key::QuotaSave
                                    pending_label=Key::Working
                                    pending=pending
                                    testid="quota-save"
                                />
                            </div>
                        }
                    }
                >
                    <div class="confirm-inline" role="group" aria-labelledby="quota-remove-question">
                        <p id="quota-remove-question">
                            {move || {
                                fill(
                                    i18n.t(Key::QuotaRemoveQuestion),
                                    &target.with(|t| t.namespace.clone()),
                                )
                            }}
                        </p>
                        <div class="dialog-actions">
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| {
                                    confirming_removal.set(false);
                                    focus_soon("quota-remove");
                                }
                            >
                                {tr(Key::Cancel)}
                            </button>
                            <button
                                type="button"
                                class="button button-danger"
                                id="quota-remove-confirm"
                                data-testid="quota-remove-confirm"
                                prop:disabled=move || pending.get()
                                aria-busy=move || if pending.get() { "true" } else { "false" }
                                on:click=move |_| save.dispatch(None)
                            >
                                {move || {
                                    i18n.t(if pending.get() { Key::Working } else { Key::QuotaRemove })
                                }}
                            </button>
                        </div>
                    </div>
                </Show>
            </form>
        </Dialog>
    }
}
