//! Creating a key: Quay's rules checked while typing, then the private key shown ONCE (copy,
//! download as a file) with its key id and a warning; the dashboard never stores it. Until it
//! was copied or downloaded, closing the dialog (Escape, ×, a click outside, Done) asks first,
//! naming the key.

use leptos::prelude::*;

use super::row::KeyRow;
use super::use_service_keys_page;
use crate::api::service_keys::{create_key, list_keys, CreatedKey, NewKey};
use crate::browser::download_text;
use crate::browser::focus_by_id;
use crate::clock::now_ms;
use crate::components::copy_button::CopyButton;
use crate::components::dialog::{CloseRequest, Dialog};
use crate::components::error_view::ApiErrorView;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::key_value_editor::{rows_to_map, KeyValueEditor};
use crate::components::secret_once::SecretOnceFooter;
use crate::components::toast::{use_toasts, ToastKind};
use crate::components::write::use_write;
use crate::dates::parse_input_date;
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::validation::{check_expiration, check_key_name, check_service, FieldError};

/// The expiry field: a date (`yyyy-mm-dd`, 00:00 UTC) unless "never" is ticked.
pub fn expiration_of(never: bool, date: &str) -> Result<Option<i64>, FieldError> {
    if never {
        return Ok(None);
    }
    parse_input_date(date).map(Some).ok_or(FieldError::Required)
}

/// Whether closing the dialog would lose a private key nobody kept, and whether the dialog is
/// asking about it right now.
#[derive(Clone, Copy)]
struct KeyGuard {
    /// A private key is shown and was neither copied nor downloaded.
    unsaved: RwSignal<bool>,
    /// The "close anyway?" question is showing.
    asking: RwSignal<bool>,
}

impl KeyGuard {
    /// Closing as asked by `request`: straight away unless a key would be lost, else the
    /// question (Escape while it shows takes it back). A click outside closes nothing by
    /// itself, as in every other dialog.
    fn request_close(self, request: CloseRequest, open: RwSignal<bool>) {
        if !self.unsaved.get_untracked() {
            if request != CloseRequest::Backdrop {
                open.set(false);
            }
        } else if self.asking.get_untracked() && request == CloseRequest::Escape {
            self.keep_open();
        } else {
            self.asking.set(true);
            focus_soon(KEEP_OPEN_ID);
        }
    }

    fn keep_open(self) {
        self.asking.set(false);
        focus_soon(PRIVATE_KEY_ID);
    }
}

const KEEP_OPEN_ID: &str = "private-key-keep";
const PRIVATE_KEY_ID: &str = "new-private-key";

/// Moves focus once the view has switched (the element is drawn in the next frame).
fn focus_soon(id: &'static str) {
    request_animation_frame(move || focus_by_id(id));
}

#[component]
pub fn CreateKeyDialog() -> impl IntoView {
    let page = use_service_keys_page();
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t(Key::CreateKey).to_string());
    let guard = KeyGuard {
        unsaved: RwSignal::new(false),
        asking: RwSignal::new(false),
    };
    provide_context(guard);
    // Every opening starts without a key to guard.
    Effect::new(move |_| {
        if !page.create_open.get() {
            guard.unsaved.set(false);
            guard.asking.set(false);
        }
    });
    let on_close_request =
        Callback::new(move |request| guard.request_close(request, page.create_open));
    view! {
        <Dialog
            open=page.create_open
            title=title
            testid="create-key-dialog"
            class="dialog dialog-wide"
            on_close_request=on_close_request
        >
            <CreateKeyForm />
        </Dialog>
    }
}

#[component]
fn CreateKeyForm() -> impl IntoView {
    let page = use_service_keys_page();
    let i18n = use_i18n();
    let service = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let never = RwSignal::new(false);
    let date = RwSignal::new(String::new());
    let metadata = RwSignal::new(Vec::<(String, String)>::new());
    let notes = RwSignal::new(String::new());
    let touched = RwSignal::new(false);

    let service_error = Memo::new(move |_| check_service(service.get().trim()));
    let name_error = Memo::new(move |_| check_key_name(&name.get()));
    let expiration_error = Memo::new(move |_| match expiration_of(never.get(), &date.get()) {
        Ok(t) => check_expiration(t, now_ms() / 1000),
        Err(e) => Some(e),
    });
    let as_key = |m: Memo<Option<FieldError>>| Signal::derive(move || m.get().map(FieldError::key));

    let created = RwSignal::new(None::<CreatedKey>);
    let create = use_write(
        |client, key: NewKey| async move {
            let created = create_key(&client, &key).await?;
            // The answer has no dates or approval: read the list again for the new row.
            let keys = list_keys(&client).await.unwrap_or_default();
            Ok((created, keys))
        },
        move |(key, keys)| {
            if !keys.is_empty() {
                let now = now_ms();
                page.controller.list.loaded.update(|l| {
                    l.items = keys.into_iter().map(|k| KeyRow::new(k, now)).collect();
                    l.complete = true;
                });
            }
            let text = fill(i18n.t_now(Key::KeyCreatedToast), &key.service);
            created.set(Some(key));
            Some(text)
        },
    );
    let pending = create.pending();
    let error = create.error();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if service_error.get_untracked().is_some()
            || name_error.get_untracked().is_some()
            || expiration_error.get_untracked().is_some()
        {
            return;
        }
        let Ok(expiration) = expiration_of(never.get_untracked(), &date.get_untracked()) else {
            return;
        };
        create.dispatch(NewKey {
            service: service.get_untracked().trim().to_string(),
            name: name.get_untracked(),
            expiration,
            metadata: rows_to_map(&metadata.get_untracked()),
            notes: notes.get_untracked(),
        });
    };
    let touch = Callback::new(move |_| ());

    view! {
        {move || match created.get() {
            Some(key) => view! { <PrivateKeyOnce key=key /> }.into_any(),
            None => {
                view! {
                    <form class="stack" novalidate=true on:submit=submit>
                        <TextField
                            id="new-key-service"
                            label=Key::ColService
                            value=service
                            error=as_key(service_error)
                            show_error=touched
                            hint=Key::HintService
                            disabled=pending
                            on_edit=touch
                        />
                        <TextField
                            id="new-key-name"
                            label=Key::FieldKeyName
                            value=name
                            error=as_key(name_error)
                            show_error=Signal::derive(move || touched.get() || !name.get().is_empty())
                            hint=Key::HintKeyName
                            required=false
                            disabled=pending
                            on_edit=touch
                        />
                        <ExpirationField never=never date=date error=as_key(expiration_error) show_error=touched.into() disabled=pending.into() />
                        <KeyValueEditor rows=metadata id="new-key-metadata" legend=Key::FieldMetadata disabled=pending />
                        <div class="field">
                            <label for="new-key-notes">{tr(Key::FieldApprovalNotes)}</label>
                            <textarea
                                id="new-key-notes"
                                rows="2"
                                prop:value=move || notes.get()
                                prop:disabled=move || pending.get()
                                on:input:target=move |ev| notes.set(ev.target().value())
                            ></textarea>
                        </div>
                        {move || {
                            error
                                .get()
                                .map(|e| view! { <ApiErrorView error=e context=Key::KeyCreateFailed /> })
                        }}
                        <div class="dialog-actions">
                            <button type="button" class="button" on:click=move |_| page.create_open.set(false)>
                                {tr(Key::Cancel)}
                            </button>
                            <SubmitButton
                                label=Key::CreateKey
                                pending_label=Key::Working
                                pending=pending
                                testid="create-key-submit"
                            />
                        </div>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}

/// The expiry: a date, or "never".
#[component]
pub fn ExpirationField(
    never: RwSignal<bool>,
    date: RwSignal<String>,
    error: Signal<Option<Key>>,
    show_error: Signal<bool>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let visible = move || show_error.get().then(|| error.get()).flatten();
    view! {
        <fieldset class="field" class:field-invalid=move || visible().is_some()>
            <legend>{tr(Key::FieldExpiration)}</legend>
            <label class="checkbox-field">
                <input
                    type="checkbox"
                    data-testid="never-expires"
                    prop:checked=move || never.get()
                    prop:disabled=move || disabled.get()
                    on:change:target=move |ev| never.set(ev.target().checked())
                />
                {tr(Key::KeyNeverExpires)}
            </label>
            <label for="key-expiration" class="visually-hidden">{tr(Key::FieldExpiration)}</label>
            <input
                id="key-expiration"
                type="date"
                data-testid="key-expiration"
                prop:value=move || date.get()
                prop:disabled=move || disabled.get() || never.get()
                aria-invalid=move || if visible().is_some() { "true" } else { "false" }
                aria-describedby="key-expiration-error"
                on:input:target=move |ev| date.set(ev.target().value())
            />
            <p class="field-error" id="key-expiration-error" data-testid="key-expiration-error">
                {move || visible().map(|k| i18n.t(k))}
            </p>
        </fieldset>
    }
}

/// How the close question names the key: its name and service, or the service alone.
fn key_label(key: &CreatedKey) -> String {
    if key.name.trim().is_empty() {
        key.service.clone()
    } else {
        format!("{} ({})", key.name, key.service)
    }
}

/// The private key Quay generated: shown this once, never stored by the dashboard.
#[component]
fn PrivateKeyOnce(key: CreatedKey) -> impl IntoView {
    let page = use_service_keys_page();
    let guard = expect_context::<KeyGuard>();
    let toasts = use_toasts();
    let i18n = use_i18n();
    guard.unsaved.set(true);
    let saved = Callback::new(move |_| {
        guard.unsaved.set(false);
        guard.asking.set(false);
    });
    let pem = key.private_key.clone();
    let label = StoredValue::new(key_label(&key));
    let kid = key.kid.clone();
    let text = Signal::derive(move || key.private_key.clone());
    let filename = format!(
        "{}-{}.pem",
        key.service,
        key.kid.chars().take(10).collect::<String>()
    );
    let download = move |_| {
        if download_text(&filename, "application/x-pem-file", &pem).is_err() {
            toasts.push(ToastKind::Error, i18n.t_now(Key::DownloadFailed));
        } else {
            saved.run(());
        }
    };
    let close = move || page.create_open.set(false);
    view! {
        <div class="stack" data-testid="private-key-once">
            <p>{tr(Key::PrivateKeyIntro)}</p>
            <p class="key-id-line">
                <span class="muted">{tr(Key::ColKeyId)}</span>
                " "
                <code class="server-message" data-testid="private-key-kid">{kid}</code>
            </p>
            <div class="field">
                <label for=PRIVATE_KEY_ID>{tr(Key::FieldPrivateKey)}</label>
                <textarea
                    id=PRIVATE_KEY_ID
                    class="mono"
                    rows="8"
                    readonly=true
                    data-testid="private-key"
                    prop:value=move || text.get()
                ></textarea>
            </div>
            <div class="dialog-actions dialog-actions-start">
                <CopyButton text=text testid="copy-private-key" on_copied=saved />
                <button type="button" class="button" data-testid="download-private-key" on:click=download>
                    {tr(Key::DownloadKey)}
                </button>
            </div>
            <Show
                when=move || guard.asking.get()
                fallback=move || {
                    view! {
                        <SecretOnceFooter
                            warning=Key::PrivateKeyWarning
                            done_testid="private-key-done"
                            on_done=Callback::new(move |_| {
                                guard.request_close(CloseRequest::CloseButton, page.create_open)
                            })
                        />
                    }
                }
            >
                <div
                    class="confirm-inline"
                    role="group"
                    aria-labelledby="private-key-close-question"
                    data-testid="private-key-close-question"
                >
                    <p id="private-key-close-question">
                        {move || fill(i18n.t(Key::PrivateKeyCloseQuestion), &label.get_value())}
                    </p>
                    <div class="dialog-actions">
                        <button
                            type="button"
                            class="button"
                            id=KEEP_OPEN_ID
                            data-testid="private-key-keep"
                            on:click=move |_| guard.keep_open()
                        >
                            {tr(Key::PrivateKeyKeepOpen)}
                        </button>
                        <button
                            type="button"
                            class="button button-danger"
                            data-testid="private-key-discard"
                            on:click=move |_| close()
                        >
                            {tr(Key::PrivateKeyDiscard)}
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_close_question_names_the_key() {
        let mut key = CreatedKey {
            kid: "kid".into(),
            name: "billing signer".into(),
            service: "clair".into(),
            private_key: String::new(),
        };
        assert_eq!(key_label(&key), "billing signer (clair)");
        key.name = " ".into();
        assert_eq!(key_label(&key), "clair");
    }

    #[test]
    fn expiration_field() {
        assert_eq!(expiration_of(true, ""), Ok(None));
        assert_eq!(expiration_of(false, ""), Err(FieldError::Required));
        assert_eq!(expiration_of(false, "2026-11-22"), Ok(Some(1_795_305_600)));
    }
}
