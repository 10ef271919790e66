//! Creating a user: Quay's rules checked while typing, then the generated password shown once.

use leptos::prelude::*;

use super::use_users_page;
use crate::api::superuser_users::{create_user, get_user, CreatedUser};
use crate::browser::focus_by_id;
use crate::components::copy_button::CopyButton;
use crate::components::dialog::Dialog;
use crate::components::error_view::ApiErrorView;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::secret_once::SecretOnceFooter;
use crate::components::write::use_write;
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::validation::{check_email, check_username, FieldError};

const USERNAME: &str = "new-user-username";
const EMAIL: &str = "new-user-email";

/// The e-mail is required only where the registry sends mail (Quay's own rule); an address that
/// is given must be one.
fn check_optional_email(email: &str, required: bool) -> Option<FieldError> {
    if email.is_empty() && !required {
        None
    } else {
        check_email(email)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefusedField {
    Username,
    Email,
}

/// Which field a refusal of Quay's user creation is about (its messages in `data/model/user.py`:
/// "Username has already been taken…", "Username is not available", "Invalid namespace…",
/// "Email has already been used: …", "E-mail address
/// already used").
fn refused_field(message: &str) -> Option<RefusedField> {
    if message.starts_with("Username has already been taken")
        || message.starts_with("Username is not available")
        || message.starts_with("Invalid namespace")
    {
        Some(RefusedField::Username)
    } else if message.starts_with("Email has already been used")
        || message.starts_with("E-mail address already used")
    {
        Some(RefusedField::Email)
    } else {
        None
    }
}

#[component]
pub fn CreateUserDialog() -> impl IntoView {
    let page = use_users_page();
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t(Key::CreateUser).to_string());
    view! {
        <Dialog open=page.create_open title=title testid="create-user-dialog">
            <CreateUserForm />
        </Dialog>
    }
}

#[component]
fn CreateUserForm() -> impl IntoView {
    let page = use_users_page();
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let touched = RwSignal::new([false; 2]);
    let shown = move |i: usize| Signal::derive(move || attempted.get() || touched.get()[i]);
    let touch = move |i: usize| Callback::new(move |_| touched.update(|t| t[i] = true));
    let username_error = Memo::new(move |_| check_username(&username.get()));
    let email_error = Memo::new(move |_| check_optional_email(&email.get(), page.mailing.get()));

    let created = RwSignal::new(None::<CreatedUser>);
    let create = use_write(
        |client, (name, mail): (String, String)| async move {
            let mail = (!mail.is_empty()).then_some(mail.as_str());
            let created = create_user(&client, &name, mail).await?;
            // The full row (avatar, quota) for the list; the user exists even if this fails.
            let row = get_user(&client, &name).await.ok();
            Ok((created, row))
        },
        move |(user, row)| {
            if let Some(row) = row {
                page.controller.list.append_if_complete(row);
            }
            let text = fill(i18n.t_now(Key::UserCreatedToast), &user.username);
            created.set(Some(user));
            Some(text)
        },
    );
    let pending = create.pending();
    let error = create.error();
    // What was sent: a refusal that names one field shows there while that value is unchanged.
    let sent = RwSignal::new((String::new(), String::new()));
    let refused = move |field: RefusedField,
                        value: RwSignal<String>,
                        index: fn(&(String, String)) -> &String| {
        Signal::derive(move || {
            let e = error.get()?;
            let message = e.to_string();
            (refused_field(&message) == Some(field) && sent.with(|s| index(s) == &value.get()))
                .then_some(message)
        })
    };
    let username_refused = refused(RefusedField::Username, username, |s| &s.0);
    let email_refused = refused(RefusedField::Email, email, |s| &s.1);
    // Shown at its field, so not again at the form's foot.
    let form_error = move || {
        error
            .get()
            .filter(|e| refused_field(&e.to_string()).is_none())
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if username_error.get_untracked().is_some() {
            focus_by_id(USERNAME);
        } else if email_error.get_untracked().is_some() {
            focus_by_id(EMAIL);
        } else {
            let request = (
                username.get_untracked(),
                email.get_untracked().trim().to_string(),
            );
            sent.set((request.0.clone(), email.get_untracked()));
            create.dispatch(request);
        }
    };
    let as_key = |m: Memo<Option<FieldError>>| Signal::derive(move || m.get().map(FieldError::key));

    view! {
        {move || match created.get() {
            Some(user) => view! { <PasswordOnce user=user /> }.into_any(),
            None => {
                view! {
                    <form class="stack" novalidate=true on:submit=submit>
                        <TextField
                            id=USERNAME
                            label=Key::FieldUsername
                            value=username
                            error=as_key(username_error)
                            show_error=shown(0)
                            hint=Key::HintUsername
                            on_edit=touch(0)
                            server_error=username_refused
                        />
                        <TextField
                            id=EMAIL
                            label=Key::FieldEmail
                            value=email
                            error=as_key(email_error)
                            show_error=shown(1)
                            input_type="email"
                            required=false
                            hint=Key::HintEmailOptional
                            on_edit=touch(1)
                            server_error=email_refused
                        />
                        {move || {
                            form_error()
                                .map(|e| view! { <ApiErrorView error=e context=Key::UserCreateFailed /> })
                        }}
                        <div class="dialog-actions">
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| page.create_open.set(false)
                            >
                                {tr(Key::Cancel)}
                            </button>
                            <SubmitButton
                                label=Key::CreateUser
                                pending_label=Key::Working
                                pending=pending
                                testid="create-user-submit"
                            />
                        </div>
                    </form>
                }
                    .into_any()
            }
        }}
    }
}

/// The temporary password Quay generated: shown this once, never stored by the dashboard.
#[component]
fn PasswordOnce(user: CreatedUser) -> impl IntoView {
    let page = use_users_page();
    let i18n = use_i18n();
    let name = user.username.clone();
    let password = Signal::derive(move || user.password.clone());
    view! {
        <div class="stack" data-testid="password-once">
            <p>{move || fill(i18n.t(Key::PasswordOnceIntro), &name)}</p>
            <div class="field">
                <label for="new-user-password">{tr(Key::FieldTemporaryPassword)}</label>
                <div class="input-with-button">
                    <input
                        id="new-user-password"
                        type="text"
                        readonly=true
                        class="mono"
                        data-testid="new-password"
                        prop:value=move || password.get()
                    />
                    <CopyButton text=password testid="copy-password" />
                </div>
            </div>
            <SecretOnceFooter
                warning=Key::PasswordOnceWarning
                done_testid="password-done"
                on_done=Callback::new(move |_| page.create_open.set(false))
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_naming_a_field_belong_to_it() {
        assert_eq!(
            refused_field("Username has already been taken by user cannot be reused: ann"),
            Some(RefusedField::Username)
        );
        assert_eq!(
            refused_field("Email has already been used: a@example.com"),
            Some(RefusedField::Email)
        );
        assert_eq!(
            refused_field("Cannot create a user in a non-database auth system"),
            None
        );
    }

    #[test]
    fn email_optional_unless_mailing() {
        assert_eq!(check_optional_email("", false), None);
        assert_eq!(check_optional_email("", true), Some(FieldError::Required));
        assert_eq!(
            check_optional_email("nope", false),
            Some(FieldError::EmailInvalid)
        );
        assert_eq!(check_optional_email("a@example.com", true), None);
    }
}
