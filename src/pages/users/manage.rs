//! One user's settings: enable or disable, e-mail, password, recovery e-mail, take ownership.
//! Each part saves on its own, shows its own error and keeps what was typed.

use leptos::prelude::*;

use super::row::real_email;
use super::use_users_page;
use crate::api::superuser_users::{
    change_user, send_recovery_email, take_ownership, User, UserChange,
};
use crate::components::dialog::{open_on_request, Dialog};
use crate::components::error_view::error_slot;
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::write::{use_write, Write};
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::validation::{check_email, check_password, FieldError};

#[component]
pub fn ManageUserDialog() -> impl IntoView {
    let page = use_users_page();
    let i18n = use_i18n();
    let target = RwSignal::new(String::new());
    let open = open_on_request(page.manage, target);
    // Rebuilt only when the target changes, not on every change of its row, so typed input in
    // one part survives a save in another.
    let known = Memo::new(move |_| page.user(&target.get()).is_some());
    let title = Signal::derive(move || fill(i18n.t(Key::ManageUserTitle), &target.get()));
    view! {
        <Dialog open=open title=title testid="manage-user-dialog" class="dialog dialog-wide">
            {move || known.get().then(|| view! { <ManageUser username=target.get() /> })}
        </Dialog>
    }
}

/// The toast for a confirmed change.
fn toast_for(change: &UserChange) -> Key {
    match change.enabled {
        Some(true) => Key::UserEnabledToast,
        Some(false) => Key::UserDisabledToast,
        None if change.password.is_some() => Key::PasswordChangedToast,
        None => Key::EmailChangedToast,
    }
}

type Change = (String, UserChange);

/// A change of one user: on success the row is updated in the list, `after_save` runs and a
/// toast says what changed.
fn user_write(after_save: impl Fn() + 'static) -> Write<Change, (User, Key)> {
    let page = use_users_page();
    let i18n = use_i18n();
    use_write(
        |client, (name, change): Change| async move {
            let user = change_user(&client, &name, &change).await?;
            Ok((user, toast_for(&change)))
        },
        move |(user, toast)| {
            let name = user.username.clone();
            page.controller.list.replace(|u| u.username == name, user);
            after_save();
            Some(fill(i18n.t_now(toast), &name))
        },
    )
}

#[component]
fn ManageUser(username: String) -> impl IntoView {
    let page = use_users_page();
    let name = username.clone();
    let recovery_name = username.clone();
    let user = Memo::new(move |_| page.user(&name));
    let protected = user.get_untracked().is_some_and(|u| u.super_user);
    let initial_email = user
        .get_untracked()
        .and_then(|u| real_email(&u).map(str::to_string))
        .unwrap_or_default();
    view! {
        <div class="stack">
            {protected
                .then(|| {
                    view! {
                        <div class="alert alert-info" role="note" data-testid="superuser-protected">
                            <p>{tr(Key::SuperuserProtected)}</p>
                        </div>
                    }
                })}
            <StatusSection username=username.clone() user=user protected=protected />
            <SettingSection setting=EMAIL_SETTING username=username.clone() initial=initial_email protected=protected />
            <SettingSection setting=PASSWORD_SETTING username=username.clone() initial=String::new() protected=protected />
            <Show when=move || page.mailing.get()>
                <RecoverySection username=recovery_name.clone() protected=protected />
            </Show>
            <OwnershipSection username=username protected=protected />
        </div>
    }
}

#[component]
fn StatusSection(username: String, user: Memo<Option<User>>, protected: bool) -> impl IntoView {
    let action = user_write(|| {});
    let enabled = move || user.get().is_some_and(|u| u.enabled);
    view! {
        <section class="settings-section" aria-labelledby="manage-status-heading">
            <h3 id="manage-status-heading">{tr(Key::ColStatus)}</h3>
            <p data-testid="manage-status">
                {move || if enabled() { tr(Key::StatusEnabled)() } else { tr(Key::StatusDisabled)() }}
            </p>
            {error_slot(action.error(), Key::UserChangeFailed)}
            <button
                type="button"
                class="button"
                data-testid="toggle-enabled"
                prop:disabled=move || protected || action.pending().get()
                on:click=move |_| {
                    let change = UserChange {
                        enabled: Some(!enabled()),
                        ..UserChange::default()
                    };
                    action.dispatch((username.clone(), change));
                }
            >
                {move || if enabled() { tr(Key::DisableUser)() } else { tr(Key::EnableUser)() }}
            </button>
        </section>
    }
}

/// A user setting saved on its own from one field (the e-mail, the password).
struct Setting {
    id: &'static str,
    label: Key,
    input_type: &'static str,
    autocomplete: &'static str,
    hint: Option<Key>,
    /// Whether surrounding spaces are dropped before the check and the save (not from
    /// passwords: spaces there are the rule's business).
    trim: bool,
    check: fn(&str) -> Option<FieldError>,
    change: fn(String) -> UserChange,
    save: Key,
    testid: &'static str,
    /// A saved value leaves the field (a password); a refused one always stays for correction.
    clear_when_saved: bool,
}

const EMAIL_SETTING: Setting = Setting {
    id: "manage-email",
    label: Key::FieldEmail,
    input_type: "email",
    autocomplete: "off",
    hint: None,
    trim: true,
    check: check_email,
    change: |email| UserChange {
        email: Some(email),
        ..UserChange::default()
    },
    save: Key::SaveEmail,
    testid: "save-email",
    clear_when_saved: false,
};

const PASSWORD_SETTING: Setting = Setting {
    id: "manage-password",
    label: Key::FieldNewPassword,
    input_type: "password",
    autocomplete: "new-password",
    hint: Some(Key::HintPassword),
    trim: false,
    check: check_password,
    change: |password| UserChange {
        password: Some(password),
        ..UserChange::default()
    },
    save: Key::SavePassword,
    testid: "save-password",
    clear_when_saved: true,
};

#[component]
fn SettingSection(
    setting: Setting,
    username: String,
    initial: String,
    protected: bool,
) -> impl IntoView {
    let value = RwSignal::new(initial);
    let attempted = RwSignal::new(false);
    let trimmed = move |v: &str| {
        if setting.trim {
            v.trim().to_string()
        } else {
            v.to_string()
        }
    };
    let problem = Memo::new(move |_| value.with(|v| (setting.check)(&trimmed(v))));
    let action = user_write(move || {
        if setting.clear_when_saved {
            value.set(String::new());
            attempted.set(false);
        }
    });
    view! {
        <section class="settings-section">
            <form
                class="stack"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    attempted.set(true);
                    if problem.get_untracked().is_none() {
                        let change = (setting.change)(value.with_untracked(|v| trimmed(v)));
                        action.dispatch((username.clone(), change));
                    }
                }
            >
                <TextField
                    id=setting.id
                    label=setting.label
                    value=value
                    input_type=setting.input_type
                    autocomplete=setting.autocomplete
                    hint=setting.hint
                    error=Signal::derive(move || problem.get().map(FieldError::key))
                    show_error=attempted
                    disabled=protected
                    on_edit=Callback::new(|_| {})
                />
                {error_slot(action.error(), Key::UserChangeFailed)}
                <SubmitButton
                    label=setting.save
                    pending_label=Key::Working
                    pending=action.pending()
                    refused=Signal::derive(move || protected)
                    testid=setting.testid
                    class="button"
                />
            </form>
        </section>
    }
}

#[component]
fn RecoverySection(username: String, protected: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = use_write(
        |client, name: String| async move { send_recovery_email(&client, &name).await },
        move |address| Some(fill(i18n.t_now(Key::RecoverySentToast), &address)),
    );
    view! {
        <section class="settings-section">
            <p>{tr(Key::RecoveryBody)}</p>
            {error_slot(action.error(), Key::RecoveryFailed)}
            <button
                type="button"
                class="button"
                data-testid="send-recovery"
                prop:disabled=move || protected || action.pending().get()
                on:click=move |_| {
                    action.dispatch(username.clone());
                }
            >
                {tr(Key::SendRecovery)}
            </button>
        </section>
    }
}

/// Taking ownership turns the user into an organization: a second, explicit click is needed.
#[component]
fn OwnershipSection(username: String, protected: bool) -> impl IntoView {
    let page = use_users_page();
    let i18n = use_i18n();
    let armed = RwSignal::new(false);
    let action = use_write(
        |client, name: String| async move { take_ownership(&client, &name).await.map(|_| name) },
        move |name| {
            // It is an organization now: gone from the users list.
            page.controller.list.remove(|u| u.username == name);
            page.selection.update(|s| s.remove(&name));
            page.manage.set(None);
            Some(fill(i18n.t_now(Key::OwnershipTakenUserToast), &name))
        },
    );
    let name = StoredValue::new(username);
    view! {
        <section class="settings-section">
            <p>{move || fill(i18n.t(Key::TakeOwnershipUserBody), &name.get_value())}</p>
            {error_slot(action.error(), Key::OwnershipFailed)}
            {move || {
                if armed.get() {
                    view! {
                        <div class="inline-confirm" role="group">
                            <button
                                type="button"
                                class="button button-danger"
                                data-testid="take-ownership-confirm"
                                prop:disabled=move || action.pending().get()
                                on:click=move |_| {
                                    action.dispatch(name.get_value());
                                }
                            >
                                {move || fill(i18n.t(Key::ConvertAndTakeOwnership), &name.get_value())}
                            </button>
                            <button type="button" class="button" on:click=move |_| armed.set(false)>
                                {tr(Key::Cancel)}
                            </button>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="button"
                            data-testid="take-ownership"
                            prop:disabled=protected
                            on:click=move |_| armed.set(true)
                        >
                            {tr(Key::TakeOwnership)}
                        </button>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
