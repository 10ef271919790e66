//! Build entries link to their build on the Builds page: `build_dockerfile` records the build's
//! id as `build_id`, `cancel_build` as `build_uuid` (Quay's `endpoints/building.py` and
//! `endpoints/api/build.py`). The id is API data: only a well-formed UUID becomes a link, anything
//! else stays the plain text of the sentence.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::logs::LogEntry;
use crate::components::cells::is_uuid;
use crate::i18n::{tr, Key};
use crate::pages::builds::build_path;
use crate::routes::app_href;

/// The build an entry is about, if it names one plausibly.
pub fn build_id(entry: &LogEntry) -> Option<&str> {
    let key = match entry.kind.as_str() {
        "build_dockerfile" => "build_id",
        "cancel_build" => "build_uuid",
        _ => return None,
    };
    entry.metadata.get(key)?.as_str().filter(|id| is_uuid(id))
}

/// The build's id in the entry's sentence as a link, named "Open build <id>" for screen readers
/// (the id alone would not say where it leads). Cut like the sentence's other values, the whole
/// id in the tooltip.
#[component]
pub fn BuildLink(build_id: String) -> impl IntoView {
    view! {
        <A href=app_href(&build_path(&build_id)) attr:class="log-build-link" attr:data-testid="log-build-link">
            <span class="visually-hidden">{tr(Key::LogOpenBuild)} " "</span>
            <strong class="truncate server-message" title=build_id.clone()>{build_id.clone()}</strong>
        </A>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, metadata: serde_json::Value) -> LogEntry {
        serde_json::from_value(serde_json::json!({
            "kind": kind, "metadata": metadata, "datetime": "Sun, 22 Nov 2026 23:08:35 -0000",
        }))
        .unwrap()
    }

    const ID: &str = "9c2f7a4e-1b3d-4e5f-8a6b-0c1d2e3f4a5b";

    #[test]
    fn build_kinds_name_their_build() {
        assert_eq!(
            build_id(&entry(
                "build_dockerfile",
                serde_json::json!({"build_id": ID})
            )),
            Some(ID)
        );
        assert_eq!(
            build_id(&entry(
                "cancel_build",
                serde_json::json!({"build_uuid": ID})
            )),
            Some(ID)
        );
        // Other kinds, or the other kind's key: no link.
        assert_eq!(
            build_id(&entry("push_repo", serde_json::json!({"build_id": ID}))),
            None
        );
        assert_eq!(
            build_id(&entry("cancel_build", serde_json::json!({"build_id": ID}))),
            None
        );
    }

    #[test]
    fn only_a_well_formed_uuid_becomes_a_link() {
        for hostile in [
            serde_json::json!("../../users"),
            serde_json::json!("javascript:alert(1)"),
            serde_json::json!(format!("{ID}?x=1")),
            serde_json::json!(ID.to_uppercase()),
            serde_json::json!(""),
            serde_json::json!(42),
            serde_json::json!(null),
        ] {
            let e = entry(
                "build_dockerfile",
                serde_json::json!({ "build_id": hostile }),
            );
            assert_eq!(build_id(&e), None, "{hostile}");
        }
    }
}
