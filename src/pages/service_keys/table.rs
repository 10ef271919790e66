//! The keys table: short key ids with a copy button, dates relative with the exact time in a
//! tooltip, expiry and approval states in words.

use leptos::prelude::*;

use super::row::{Expiry, KeyRow};
use super::use_service_keys_page;
use crate::auth::{use_read_only, WriteButton};
use crate::components::copy_button::CopyButton;
use crate::components::row_menu::{MenuAction, RowMenu};
use crate::i18n::{tr, use_i18n, Key};
use crate::intl;
use crate::list::DataTable;
use crate::list::SortHeader;

#[component]
pub fn KeysTable() -> impl IntoView {
    let controller = use_service_keys_page().controller;
    view! {
        <DataTable
            controller=controller
            testid="keys-table"
            caption=Key::KeysCaption
            columns=7
            no_match=Key::NoKeysMatch
            none_yet=Key::NoKeysYet
            row=|row| view! { <KeyRowView row=row /> }
        >
            <SortHeader controller=controller column="name" label=Key::ColName />
            <SortHeader controller=controller column="service" label=Key::ColService />
            <SortHeader controller=controller column="kid" label=Key::ColKeyId />
            <SortHeader controller=controller column="created" label=Key::ColCreated />
            <SortHeader controller=controller column="expires" label=Key::ColExpires />
            <SortHeader controller=controller column="approval" label=Key::ColApproval />
            <th scope="col">{tr(Key::ColActions)}</th>
        </DataTable>
    }
}

/// "3 days ago" with the full date and time in the tooltip and `<time datetime>`.
#[component]
pub fn When(ms: i64, now: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <time
            datetime=intl::iso(ms)
            title=move || intl::date_time(i18n.locale.get().tag(), ms)
        >
            {move || intl::relative(i18n.locale.get().tag(), ms, now)}
        </time>
    }
}

/// A key id is 43 characters: the start is enough to tell keys apart on screen (the whole id is
/// in the tooltip and copied by the button next to it).
fn short_kid(kid: &str) -> String {
    match kid.char_indices().nth(8) {
        Some((i, _)) => format!("{}…", &kid[..i]),
        None => kid.to_string(),
    }
}

#[component]
fn KeyRowView(row: KeyRow) -> impl IntoView {
    let page = use_service_keys_page();
    let i18n = use_i18n();
    let now = row.now_ms;
    let kid = row.key.kid.clone();
    let expiry = row.expiry();
    let expires = match (row.expires_ms, expiry) {
        (Some(ms), _) => {
            let state = match expiry {
                Expiry::Expired => Some(("badge badge-danger", Key::KeyExpired)),
                Expiry::Soon => Some(("badge badge-warn", Key::KeyExpiringSoon)),
                _ => None,
            };
            view! {
                <span class="cell-stack">
                    <When ms=ms now=now />
                    {state.map(|(class, k)| view! { <span class=class>{tr(k)}</span> })}
                </span>
            }
            .into_any()
        }
        (None, _) => view! { <span class="muted">{tr(Key::KeyNeverExpires)}</span> }.into_any(),
    };
    let (manage, delete) = (page.manage, page.delete);
    // What the row is called for screen readers: its key id, unique and always there (a
    // friendly name may be empty, repeated or hostile text).
    let label_name = kid.clone();
    let approval = match &row.key.approval {
        // The pending key's next step sits with its state: Approve opens its dialog there.
        None => {
            let (kid, label) = (kid.clone(), label_name.clone());
            view! {
                <span class="cell-stack">
                    <span class="badge badge-warn">{tr(Key::KeyPending)}</span>
                    <WriteButton
                        class="button button-small button-primary"
                        testid="approve-row"
                        on_click=move || manage.set(Some(kid.clone()))
                    >
                        {tr(Key::ApproveKey)}
                        <span class="visually-hidden">" " {label}</span>
                    </WriteButton>
                </span>
            }
            .into_any()
        }
        Some(a) => {
            let by = if a.automatic() {
                view! { <span>{tr(Key::KeyApprovedAutomatically)}</span> }.into_any()
            } else {
                let who = a
                    .approver
                    .as_ref()
                    .map(|u| u.username.clone())
                    .unwrap_or_default();
                view! { <span class="server-message">{who}</span> }.into_any()
            };
            let when = crate::dates::parse_quay_date(&a.approved_date)
                .map(|ms| view! { " · " <When ms=ms now=now /> });
            view! {
                <span class="cell-stack">
                    <span class="badge badge-ok">{tr(Key::KeyApproved)}</span>
                    <span class="cell-sub truncate cell-approver">{by} {when}</span>
                </span>
            }
            .into_any()
        }
    };
    let name = if row.key.name.is_empty() {
        view! { <span class="muted">{tr(Key::KeyUnnamed)}</span> }.into_any()
    } else {
        view! { <span class="truncate server-message" title=row.key.name.clone()>{row.key.name.clone()}</span> }
            .into_any()
    };
    let refused = use_read_only().refusal();
    let actions = {
        let (m, d) = (kid.clone(), kid.clone());
        vec![
            MenuAction::new(Key::Manage, "manage-key", move || {
                manage.set(Some(m.clone()))
            })
            .refused(refused),
            MenuAction::new(Key::Delete, "delete-key", move || {
                delete.set(Some(d.clone()))
            })
            .danger()
            .refused(refused),
        ]
    };
    view! {
        <tr data-testid="key-row">
            <td class="cell-key-name" data-testid="key-name">{name}</td>
            <td class="cell-service" data-testid="key-service">
                <span class="truncate server-message" title=row.key.service.clone()>
                    {row.key.service.clone()}
                </span>
            </td>
            <td class="cell-kid">
                <code title=kid.clone() data-testid="key-kid">{short_kid(&kid)}</code>
                <CopyButton text=kid.clone() testid="copy-kid" label=Key::CopyKeyId icon=true />
            </td>
            <td data-label=move || i18n.t(Key::ColCreated)>
                {row.created_ms.map(|ms| view! { <When ms=ms now=now /> })}
            </td>
            <td data-testid="key-expires" data-label=move || i18n.t(Key::ColExpires)>{expires}</td>
            <td data-testid="key-approval">{approval}</td>
            <td class="cell-actions">
                <RowMenu name=label_name.clone() actions=actions />
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_shortened_on_characters() {
        assert_eq!(short_kid("ABCDEFGHIJKLMNOP"), "ABCDEFGH…");
        assert_eq!(short_kid("short"), "short");
        assert_eq!(short_kid("ééééééééééé"), "éééééééé…");
    }
}
