//! One key's details and changes: friendly name, expiry and metadata (Quay merges metadata, so
//! a key can be changed but not removed), and approval of a pending key with notes.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde_json::Value;

use super::create::{expiration_of, ExpirationField};
use super::row::KeyRow;
use super::use_service_keys_page;
use crate::api::service_keys::{approve_key, change_key, KeyChange, ServiceKey};
use crate::clock::now_ms;
use crate::components::dialog::{open_on_request, Dialog};
use crate::components::error_view::error_slot;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::key_value_editor::{rows_to_map, KeyValueEditor};
use crate::components::toast::{use_toasts, ToastKind};
use crate::components::write::use_write;
use crate::dates::input_date;
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::validation::{check_expiration, check_key_name, FieldError};

/// Metadata as editable text rows (non-string values as their JSON).
fn metadata_rows(metadata: &BTreeMap<String, Value>) -> Vec<(String, String)> {
    metadata
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect()
}

/// Only what differs from the key as loaded.
pub fn key_change(
    key: &KeyRow,
    name: &str,
    expiration: Option<i64>,
    metadata: BTreeMap<String, String>,
) -> KeyChange {
    let old_metadata: BTreeMap<String, String> =
        metadata_rows(&key.key.metadata).into_iter().collect();
    KeyChange {
        name: (name != key.key.name).then(|| name.to_string()),
        metadata: (metadata != old_metadata).then_some(metadata),
        expiration: (expiration != key.expires_ms.map(|ms| ms / 1000)).then_some(expiration),
    }
}

#[component]
pub fn ManageKeyDialog() -> impl IntoView {
    let page = use_service_keys_page();
    let i18n = use_i18n();
    let target = RwSignal::new(String::new());
    let open = open_on_request(page.manage, target);
    let known = Memo::new(move |_| page.key(&target.get()).is_some());
    let title = Signal::derive(move || {
        let kid = target.get();
        let name = page.key(&kid).map(|r| r.key.name).unwrap_or_default();
        fill(
            i18n.t(Key::ManageKeyTitle),
            if name.is_empty() { &kid } else { &name },
        )
    });
    view! {
        <Dialog open=open title=title testid="manage-key-dialog" class="dialog dialog-wide">
            {move || {
                known
                    .get()
                    .then(|| untrack(|| page.key(&target.get())))
                    .flatten()
                    .map(|row| view! { <ManageKey row=row /> })
            }}
        </Dialog>
    }
}

fn replace_row(page: super::ServiceKeysPage, key: ServiceKey) {
    let kid = key.kid.clone();
    page.controller
        .list
        .replace(|r| r.key.kid == kid, KeyRow::new(key, now_ms()));
}

#[component]
fn ManageKey(row: KeyRow) -> impl IntoView {
    let page = use_service_keys_page();
    let toasts = use_toasts();
    let i18n = use_i18n();
    let row = StoredValue::new(row);
    let initial = row.get_value();
    let name = RwSignal::new(initial.key.name.clone());
    let never = RwSignal::new(initial.expires_ms.is_none());
    let date = RwSignal::new(
        initial
            .expires_ms
            .map(|ms| input_date(ms / 1000))
            .unwrap_or_default(),
    );
    let metadata = RwSignal::new(metadata_rows(&initial.key.metadata));
    let notes = RwSignal::new(String::new());
    let touched = RwSignal::new(false);

    let name_error = Memo::new(move |_| check_key_name(&name.get()));
    let expiration_error = Memo::new(move |_| match expiration_of(never.get(), &date.get()) {
        // An unchanged expiry may lie in the past (an expired key keeps it).
        Ok(t) if t == row.with_value(|r| r.expires_ms.map(|ms| ms / 1000)) => None,
        Ok(t) => check_expiration(t, now_ms() / 1000),
        Err(e) => Some(e),
    });
    let as_key = |m: Memo<Option<FieldError>>| Signal::derive(move || m.get().map(FieldError::key));

    let save = use_write(
        move |client, change: KeyChange| {
            let kid = row.with_value(|r| r.key.kid.clone());
            async move { change_key(&client, &kid, &change).await }
        },
        move |key| {
            row.set_value(KeyRow::new(key.clone(), now_ms()));
            replace_row(page, key);
            Some(i18n.t_now(Key::KeySavedToast).to_string())
        },
    );
    let save_error = save.error();
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if name_error.get_untracked().is_some() || expiration_error.get_untracked().is_some() {
            return;
        }
        let Ok(expiration) = expiration_of(never.get_untracked(), &date.get_untracked()) else {
            return;
        };
        let change = row.with_value(|r| {
            key_change(
                r,
                &name.get_untracked(),
                expiration,
                rows_to_map(&metadata.get_untracked()),
            )
        });
        if change == KeyChange::default() {
            toasts.push(ToastKind::Info, i18n.t_now(Key::NothingChanged));
            return;
        }
        save.dispatch(change);
    };

    let pending_approval = RwSignal::new(initial.pending());
    let approve = use_write(
        move |client, notes: String| {
            let kid = row.with_value(|r| r.key.kid.clone());
            async move { approve_key(&client, &kid, &notes).await }
        },
        move |key| {
            pending_approval.set(key.approval.is_none());
            row.set_value(KeyRow::new(key.clone(), now_ms()));
            replace_row(page, key);
            Some(i18n.t_now(Key::KeyApprovedToast).to_string())
        },
    );
    let approve_error = approve.error();

    let saving = save.pending();
    let approving = approve.pending();
    view! {
        <div class="stack">
            <dl class="facts">
                <dt>{tr(Key::ColService)}</dt>
                <dd class="server-message">{initial.key.service.clone()}</dd>
                <dt>{tr(Key::ColKeyId)}</dt>
                <dd><code class="server-message" data-testid="manage-kid">{initial.key.kid.clone()}</code></dd>
            </dl>
            <Show when=move || pending_approval.get()>
                <section class="card" aria-labelledby="approve-title" data-testid="approve-section">
                    <h3 id="approve-title">{tr(Key::ApproveKeyTitle)}</h3>
                    <p>{tr(Key::ApproveKeyBody)}</p>
                    <form class="stack" on:submit=move |ev| {
                        ev.prevent_default();
                        approve.dispatch(notes.get_untracked());
                    }>
                        <div class="field">
                            <label for="approve-notes">{tr(Key::FieldApprovalNotes)}</label>
                            <textarea
                                id="approve-notes"
                                rows="2"
                                prop:value=move || notes.get()
                                prop:disabled=move || approving.get()
                                on:input:target=move |ev| notes.set(ev.target().value())
                            ></textarea>
                        </div>
                        {error_slot(approve_error, Key::KeyApproveFailed)}
                        <div class="dialog-actions">
                            <SubmitButton
                                label=Key::ApproveKey
                                pending_label=Key::Working
                                pending=approving
                                testid="approve-key"
                            />
                        </div>
                    </form>
                </section>
            </Show>
            <form class="stack" novalidate=true on:submit=on_save>
                <TextField
                    id="edit-key-name"
                    label=Key::FieldKeyName
                    value=name
                    error=as_key(name_error)
                    show_error=Signal::derive(move || touched.get() || name_error.get().is_some())
                    hint=Key::HintKeyName
                    required=false
                    disabled=saving
                    on_edit=Callback::new(move |_| ())
                />
                <ExpirationField
                    never=never
                    date=date
                    error=as_key(expiration_error)
                    show_error=touched.into()
                    disabled=saving.into()
                />
                <KeyValueEditor rows=metadata id="edit-key-metadata" legend=Key::FieldMetadata disabled=saving />
                <p class="field-hint">{tr(Key::MetadataMergeHint)}</p>
                {error_slot(save_error, Key::KeySaveFailed)}
                <div class="dialog-actions">
                    <SubmitButton label=Key::SaveChanges pending_label=Key::Working pending=saving testid="save-key" />
                </div>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> KeyRow {
        let key: ServiceKey = serde_json::from_str(
            r#"{"kid": "K", "name": "old", "service": "svc", "metadata": {"a": "1", "n": 5},
                "created_date": "Sat, 21 Nov 2026 10:00:00 GMT",
                "expiration_date": "Sun, 22 Nov 2026 00:00:00 GMT", "approval": null}"#,
        )
        .unwrap();
        KeyRow::new(key, 0)
    }

    #[test]
    fn only_changes_are_sent() {
        let r = row();
        let same: BTreeMap<String, String> =
            [("a".into(), "1".into()), ("n".into(), "5".into())].into();
        assert_eq!(
            key_change(&r, "old", Some(1_795_305_600), same.clone()),
            KeyChange::default()
        );
        let c = key_change(&r, "new", None, same);
        assert_eq!(c.name.as_deref(), Some("new"));
        assert_eq!(c.expiration, Some(None));
        assert_eq!(c.metadata, None);
        let more: BTreeMap<String, String> = [("b".into(), "2".into())].into();
        assert!(key_change(&r, "old", Some(1_795_305_600), more)
            .metadata
            .is_some());
    }
}
