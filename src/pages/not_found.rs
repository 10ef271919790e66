//! Any path the router does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use super::use_page_title;
use crate::i18n::{tr, Key};
use crate::routes::{self, app_href};

#[component]
pub fn NotFound() -> impl IntoView {
    use_page_title(Key::NotFoundTitle);
    view! {
        <section class="page">
            <h1>{tr(Key::NotFoundTitle)}</h1>
            <p>{tr(Key::NotFoundBody)}</p>
            <p>
                <A href=app_href(routes::OVERVIEW.path)>{tr(Key::GoToOverview)}</A>
            </p>
        </section>
    }
}
