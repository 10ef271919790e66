//! Table cells shared by the list pages: a name with its avatar, and an e-mail address.
//! Both truncate long (hostile) values and keep the full text in the tooltip.

use leptos::prelude::*;

use super::avatar::Avatar;
use crate::api::user::Avatar as AvatarModel;
use crate::i18n::{tr, Key};

/// The row header: avatar and name.
#[component]
pub fn NameCell(name: String, avatar: AvatarModel, testid: &'static str) -> impl IntoView {
    view! {
        <th scope="row" class="cell-name">
            <span class="name-with-avatar">
                <Avatar avatar=avatar />
                <span class="truncate" title=name.clone() data-testid=testid>
                    {name.clone()}
                </span>
            </span>
        </th>
    }
}

/// An e-mail address, or "no e-mail" (Quay stores a UUID when there is none).
#[component]
pub fn EmailCell(email: Option<String>) -> impl IntoView {
    view! {
        <td class="cell-email">
            {match email {
                Some(e) => view! { <span class="truncate" title=e.clone()>{e.clone()}</span> }.into_any(),
                None => view! { <span class="muted">{tr(Key::NoEmail)}</span> }.into_any(),
            }}
        </td>
    }
}

/// Quay stores a random UUID (`str(uuid4())`) as the e-mail of an account created without one:
/// that placeholder is not an address, so it is neither shown, matched, sorted nor exported as
/// one. Anything else is what the registry holds, shown as stored even when it is no valid address.
pub fn real_email(stored: Option<&str>) -> Option<&str> {
    stored.filter(|e| !e.is_empty() && !is_uuid(e))
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lowercase hexadecimal, as Quay writes its UUIDs (an
/// e-mail placeholder, a build id).
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_is_not_an_email() {
        assert_eq!(
            real_email(Some("d8470120-32f8-4ece-bf76-b90224993dfa")),
            None
        );
        assert_eq!(real_email(Some("a@example.com")), Some("a@example.com"));
        assert_eq!(real_email(None), None);
        assert_eq!(real_email(Some("")), None);
        // Whatever else is stored is shown as it is, literally.
        for stored in [
            "not an address",
            "a@b",
            "D8470120-32F8-4ECE-BF76-B90224993DFA",
            "<b>x</b>",
        ] {
            assert_eq!(real_email(Some(stored)), Some(stored));
        }
    }
}
