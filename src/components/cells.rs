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

/// Quay stores a random UUID as the e-mail of an account created without one: that is not an
/// address, so it is neither shown, matched, sorted nor exported as one.
pub fn real_email(stored: Option<&str>) -> Option<&str> {
    stored.filter(|e| quay_rules::is_valid_email(e))
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
    }
}
