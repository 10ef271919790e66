//! One module per route.

pub mod builds;
pub mod logs;
pub mod not_found;
pub mod organizations;
pub mod overview;
pub mod quotas;
pub mod registry_size;
pub mod service_keys;
pub mod setup;
pub mod sign_in;
pub mod users;

use leptos::prelude::*;

use crate::api::registry_config::{registry_config, RegistryConfig};
use crate::auth::use_session;
use crate::i18n::{tr, use_i18n, Key};

/// Keeps `document.title` in step with the page and the language.
pub fn use_page_title(page: Key) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let title = format!("{} · {}", i18n.t(page), i18n.t(Key::AppName));
        document().set_title(&title);
    });
}

/// The registry's public configuration (`GET /config`), read once per page. Until it arrives,
/// or when the registry does not serve it, Quay's defaults apply (no mailing, the default
/// tag expiration options).
pub fn use_registry_config() -> Signal<RegistryConfig> {
    let session = use_session();
    let resource = LocalResource::new(move || {
        let client = session.client();
        async move { registry_config(&client).await }
    });
    Signal::derive(move || resource.get().and_then(Result::ok).unwrap_or_default())
}

/// A grey placeholder of the page's shape while data loads.
#[component]
pub fn Skeleton(#[prop(default = 3)] lines: usize) -> impl IntoView {
    view! {
        <div class="skeleton" role="status">
            <span class="visually-hidden">{tr(Key::Loading)}</span>
            {(0..lines)
                .map(|_| view! { <div class="skeleton-line" aria-hidden="true"></div> })
                .collect_view()}
        </div>
    }
}
