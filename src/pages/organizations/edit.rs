//! Editing an organization. Quay splits this in two: a superuser may always rename, but the
//! contact e-mail, invoicing and tag expiration go through the organization's own endpoint,
//! which only its administrators may use. So the settings part loads the organization as the
//! admin sees it, and offers to take ownership when the admin is not one of its administrators.

use leptos::prelude::*;

use super::use_organizations_page;
use crate::api::organization::{
    change_organization, organization_details, OrganizationChange, OrganizationDetails,
};
use crate::api::superuser_organizations::{name_is_taken, rename_organization};
use crate::api::superuser_users::take_ownership;
use crate::api::ApiError;
use crate::auth::use_session;
use crate::components::dialog::{open_on_request, Dialog};
use crate::components::error_view::{error_slot, ApiErrorView};
use crate::components::form_field::{SubmitButton, TextField};
use crate::components::toast::{use_toasts, ToastKind};
use crate::components::write::use_write;
use crate::format::duration_parts;
use crate::i18n::{fill, tr, use_i18n, Key};
use crate::pages::Skeleton;
use crate::validation::{check_email, check_username, FieldError};

#[component]
pub fn EditOrganizationDialog() -> impl IntoView {
    let page = use_organizations_page();
    let i18n = use_i18n();
    let target = RwSignal::new(String::new());
    let open = open_on_request(page.edit, target);
    let title = Signal::derive(move || fill(i18n.t(Key::EditOrganizationTitle), &target.get()));
    view! {
        <Dialog open=open title=title testid="edit-organization-dialog" class="dialog dialog-wide">
            <div class="stack">
                <RenameSection target=target />
                <SettingsSection target=target />
            </div>
        </Dialog>
    }
}

#[component]
fn RenameSection(target: RwSignal<String>) -> impl IntoView {
    let page = use_organizations_page();
    let i18n = use_i18n();
    let name = RwSignal::new(target.get_untracked());
    let attempted = RwSignal::new(false);
    let problem = Memo::new(move |_| check_username(&name.get()));
    // `Ok(None)`: the name is taken, nothing was sent.
    let taken = RwSignal::new(None::<String>);
    let action = use_write(
        |client, (old, new): (String, String)| async move {
            if name_is_taken(&client, &new).await? {
                return Ok(None);
            }
            rename_organization(&client, &old, &new)
                .await
                .map(|org| Some((old, org)))
        },
        move |renamed| {
            let Some((old, org)) = renamed else {
                taken.set(Some(name.get_untracked()));
                return None;
            };
            let new = org.name.clone();
            page.controller.list.replace(|o| o.name == old, org);
            target.set(new.clone());
            Some(
                i18n.t_now(Key::OrganizationRenamedToast)
                    .replace("{old}", &old)
                    .replace("{new}", &new),
            )
        },
    );
    let error = action.error();
    // Quay crashes (500) on a rename to a name it holds (a deleted namespace keeps its name).
    let crashed = move || error.with(|e| e.as_ref().and_then(ApiError::status) == Some(500));
    view! {
        <section class="settings-section">
            <form
                class="stack"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    attempted.set(true);
                    let new = name.get_untracked();
                    if problem.get_untracked().is_none() && new != target.get_untracked() {
                        taken.set(None);
                        action.dispatch((target.get_untracked(), new));
                    }
                }
            >
                <TextField
                    id="organization-name"
                    label=Key::FieldOrganizationName
                    value=name
                    hint=Key::HintUsername
                    error=Signal::derive(move || problem.get().map(FieldError::key))
                    show_error=attempted
                    on_edit=Callback::new(move |_| taken.set(None))
                />
                {move || taken.get().map(|t| view! {
                    <p class="field-error" role="alert" data-testid="name-taken">
                        {move || fill(i18n.t(Key::NamespaceNameTaken), &t)}
                    </p>
                })}
                {move || error.get().map(|e| {
                    // Quay's 500 here is its crash on a name it still holds, not a passing fault.
                    let explained = crashed().then_some(Key::RenameCrashExplained);
                    view! {
                        <div data-testid=crashed().then_some("rename-crash-explained")>
                            <ApiErrorView error=e context=Key::OrganizationChangeFailed explained=explained />
                        </div>
                    }
                })}
                <SubmitButton
                    label=Key::Rename
                    pending_label=Key::Working
                    pending=action.pending()
                    testid="rename-organization"
                    class="button"
                />
            </form>
        </section>
    }
}

#[component]
fn SettingsSection(target: RwSignal<String>) -> impl IntoView {
    let session = use_session();
    let details = LocalResource::new(move || {
        let name = target.get();
        let client = session.client();
        async move {
            let result = organization_details(&client, &name).await;
            if let Err(e) = &result {
                session.note_error(e);
            }
            result
        }
    });
    // Quay accepts only the registry's TAG_EXPIRATION_OPTIONS (its defaults when unknown).
    let options = use_organizations_page().tag_expiration_options;
    let retry = Callback::new(move |_| details.refetch());
    view! {
        <section class="settings-section" aria-labelledby="organization-settings-heading">
            <h3 id="organization-settings-heading">{tr(Key::OrganizationSettings)}</h3>
            {move || match details.get() {
                None => view! { <Skeleton lines=3 /> }.into_any(),
                Some(Err(e)) => {
                    view! { <ApiErrorView error=e context=Key::ListLoadFailed retry=retry /> }
                        .into_any()
                }
                Some(Ok(d)) if d.is_admin => {
                    view! { <SettingsForm details=d options=options on_saved=retry /> }.into_any()
                }
                Some(Ok(d)) => view! { <NotAdmin name=d.name on_owned=retry /> }.into_any(),
            }}
        </section>
    }
}

/// Settings need the organization's admin rights; taking ownership grants them.
#[component]
fn NotAdmin(name: String, on_owned: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let action = use_write(
        |client, name: String| async move { take_ownership(&client, &name).await.map(|_| name) },
        move |name| {
            on_owned.run(());
            Some(fill(i18n.t_now(Key::OwnershipTakenOrgToast), &name))
        },
    );
    let name = StoredValue::new(name);
    view! {
        <p data-testid="not-org-admin">{move || fill(i18n.t(Key::NotOrganizationAdmin), &name.get_value())}</p>
        {error_slot(action.error(), Key::OwnershipFailed)}
        <button
            type="button"
            class="button"
            data-testid="take-organization-ownership"
            prop:disabled=move || action.pending().get()
            on:click=move |_| {
                action.dispatch(name.get_value());
            }
        >
            {tr(Key::TakeOwnershipOrganization)}
        </button>
    }
}

/// The change to send: only what differs from what the registry has.
fn settings_change(
    details: &OrganizationDetails,
    email: &str,
    invoice: bool,
    invoice_address: &str,
    expiration: u64,
) -> OrganizationChange {
    let address = (!invoice_address.is_empty()).then(|| invoice_address.to_string());
    OrganizationChange {
        email: (email != details.email).then(|| email.to_string()),
        invoice_email: (Some(invoice) != details.invoice_email).then_some(invoice),
        invoice_email_address: (address != details.invoice_email_address).then_some(address),
        tag_expiration_s: (Some(expiration) != details.tag_expiration_s).then_some(expiration),
    }
}

#[component]
fn SettingsForm(
    details: OrganizationDetails,
    options: Signal<Vec<u64>>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    let email = RwSignal::new(details.email.clone());
    let invoice = RwSignal::new(details.invoice_email.unwrap_or(false));
    let invoice_address = RwSignal::new(details.invoice_email_address.clone().unwrap_or_default());
    let current_expiration = details.tag_expiration_s.unwrap_or(0);
    let expiration = RwSignal::new(current_expiration);
    let attempted = RwSignal::new(false);
    // The contact e-mail may be cleared; an invoice address is checked only when given.
    let email_problem = Memo::new(move |_| {
        let e = email.get();
        (!e.is_empty()).then(|| check_email(e.trim())).flatten()
    });
    let invoice_problem = Memo::new(move |_| {
        let e = invoice_address.get();
        (!e.is_empty()).then(|| check_email(e.trim())).flatten()
    });
    let details = StoredValue::new(details);
    let action = use_write(
        move |client, change: OrganizationChange| {
            let name = details.with_value(|d| d.name.clone());
            async move { change_organization(&client, &name, &change).await }
        },
        move |d| {
            on_saved.run(());
            Some(fill(i18n.t_now(Key::OrganizationSavedToast), &d.name))
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let seconds = expiration.get_untracked();
        if email_problem.get_untracked().is_some() || invoice_problem.get_untracked().is_some() {
            return;
        }
        let change = details.with_value(|d| {
            settings_change(
                d,
                email.get_untracked().trim(),
                invoice.get_untracked(),
                invoice_address.get_untracked().trim(),
                seconds,
            )
        });
        if change == OrganizationChange::default() {
            toasts.push(ToastKind::Info, i18n.t_now(Key::NothingChanged));
            return;
        }
        action.dispatch(change);
    };
    view! {
        <form class="stack" novalidate=true on:submit=submit>
            <TextField
                id="organization-email"
                label=Key::FieldContactEmail
                value=email
                input_type="email"
                required=false
                error=Signal::derive(move || email_problem.get().map(FieldError::key))
                show_error=attempted
                on_edit=Callback::new(|_| {})
            />
            <label class="checkbox-field">
                <input
                    type="checkbox"
                    data-testid="invoice-email"
                    prop:checked=move || invoice.get()
                    on:change:target=move |ev| invoice.set(ev.target().checked())
                />
                {tr(Key::FieldInvoiceEmail)}
            </label>
            <TextField
                id="organization-invoice-address"
                label=Key::FieldInvoiceAddress
                value=invoice_address
                input_type="email"
                required=false
                error=Signal::derive(move || invoice_problem.get().map(FieldError::key))
                show_error=attempted
                on_edit=Callback::new(|_| {})
            />
            <div class="field">
                <label for="tag-expiration">{tr(Key::FieldTagExpiration)}</label>
                <select
                    id="tag-expiration"
                    data-testid="tag-expiration"
                    aria-describedby="tag-expiration-hint"
                    on:change:target=move |ev| {
                        if let Ok(v) = ev.target().value().parse() {
                            expiration.set(v);
                        }
                    }
                >
                    {move || {
                        let mut choices = options.get();
                        // A value set before the options changed stays visible as it is.
                        if !choices.contains(&current_expiration) {
                            choices.insert(0, current_expiration);
                        }
                        choices
                            .into_iter()
                            .map(|seconds| {
                                view! {
                                    <option
                                        value=seconds.to_string()
                                        selected=move || expiration.get() == seconds
                                    >
                                        {move || duration_label(i18n, seconds)}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <p class="field-hint" id="tag-expiration-hint">{tr(Key::HintTagExpiration)}</p>
            </div>
            {error_slot(action.error(), Key::OrganizationChangeFailed)}
            <SubmitButton
                label=Key::SaveSettings
                pending_label=Key::Working
                pending=action.pending()
                testid="save-organization-settings"
                class="button button-primary"
            />
        </form>
    }
}

/// "2 weeks", "1 day", "0 seconds": the largest unit that divides the value, in the right
/// number.
fn duration_label(i18n: crate::i18n::I18n, seconds: u64) -> String {
    let (amount, unit) = duration_parts(seconds);
    format!("{amount} {}", i18n.t(unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details() -> OrganizationDetails {
        OrganizationDetails {
            name: "acme".into(),
            email: "ops@acme.io".into(),
            is_admin: true,
            invoice_email: Some(false),
            invoice_email_address: None,
            tag_expiration_s: Some(1_209_600),
            teams: Default::default(),
        }
    }

    #[test]
    fn only_changes_are_sent() {
        let d = details();
        assert_eq!(
            settings_change(&d, "ops@acme.io", false, "", 1_209_600),
            OrganizationChange::default()
        );
        let c = settings_change(&d, "ops@acme.io", true, "bill@acme.io", 604_800);
        assert_eq!(c.email, None);
        assert_eq!(c.invoice_email, Some(true));
        assert_eq!(c.invoice_email_address, Some(Some("bill@acme.io".into())));
        assert_eq!(c.tag_expiration_s, Some(604_800));
        let mut d = details();
        d.invoice_email_address = Some("old@acme.io".into());
        assert_eq!(
            settings_change(&d, "ops@acme.io", false, "", 1_209_600).invoice_email_address,
            Some(None)
        );
    }
}
