//! "What needs attention": the section the overview opens on. One card per check, each loading
//! on its own (its own progress, its own error with the registry's words and a retry), and a
//! line over them that says "nothing needs attention" only once every check has answered.
//! Read-only: nothing here writes to the registry.
//!
//! No card for failed builds: Quay has no registry-wide list of builds, and its usage log cannot
//! be filtered by kind, so finding them would mean reading every log entry of the range and then
//! each build's status. The console knows no failed build without that, and says nothing.

use leptos::prelude::*;

use super::cards::{Checks, KeysCheck, QuotasCheck, SignInsCheck, SizeCheck};
use super::facts::{summary, Status, Summary};
use crate::api::ApiError;
use crate::components::error_view::ApiErrorView;
use crate::format::group_thousands;
use crate::i18n::{tr, use_i18n, Key};

#[component]
pub fn Attention() -> impl IntoView {
    // The cards' styles live with the pages' (src/page_styles.rs).
    crate::page_styles::load();
    let checks = Checks::new();
    view! {
        <section class="attention" aria-labelledby="attention-title" data-testid="attention">
            <div class="attention-head">
                <h2 id="attention-title">{tr(Key::AttentionTitle)}</h2>
                <SummaryLine statuses=Signal::derive(move || checks.statuses()) />
            </div>
            <ul class="checks" role="list">
                <KeysCheck checks=checks />
                <QuotasCheck checks=checks />
                <SignInsCheck checks=checks />
                <SizeCheck checks=checks />
            </ul>
        </section>
    }
}

#[component]
fn SummaryLine(statuses: Signal<Vec<Status>>) -> impl IntoView {
    let i18n = use_i18n();
    let line = move || {
        let all = statuses.get();
        let of = |key: Key, n: usize| {
            i18n.t(key)
                .replace("{count}", &n.to_string())
                .replace("{total}", &all.len().to_string())
        };
        match summary(&all) {
            Summary::Checking => ("checking", i18n.t(Key::AttentionChecking).to_string()),
            Summary::AllWell => ("all-well", i18n.t(Key::AttentionAllWell).to_string()),
            Summary::Attention(n) => ("attention", of(Key::AttentionSome, n)),
            Summary::Failed(n) => ("failed", of(Key::AttentionFailed, n)),
        }
    };
    view! {
        <p
            class="attention-summary"
            role="status"
            data-testid="attention-summary"
            data-state=move || line().0
        >
            <span class="attention-mark" aria-hidden="true"></span>
            {move || line().1}
        </p>
    }
}

/// One check's card: its title and a badge saying where it stands (in words, not colour only),
/// then what the check found.
#[component]
pub fn Check(
    testid: &'static str,
    title: Key,
    status: Signal<Status>,
    children: Children,
) -> impl IntoView {
    let badge = move || {
        let (class, text) = match status.get() {
            Status::Attention => ("badge badge-warn", Key::CheckNeedsAttention),
            Status::Calm => ("badge badge-ok", Key::CheckOk),
            Status::Off => ("badge badge-muted", Key::CheckOff),
            Status::Checking | Status::Failed => return None,
        };
        Some(view! { <span class=class data-testid="check-badge">{tr(text)}</span> })
    };
    view! {
        <li class="card check" data-testid=testid data-state=move || status.get().as_str()>
            <div class="check-head">
                <h3>{tr(title)}</h3>
                {badge}
            </div>
            {children()}
        </li>
    }
}

/// The big figure of a card: a count, or the registry's size.
pub fn figure(text: String) -> impl IntoView {
    view! { <p class="check-figure" data-testid="check-figure">{text}</p> }
}

pub fn count_figure(n: u64) -> impl IntoView {
    figure(group_thousands(n))
}

/// A failed check: the registry's words and a retry. A 404 from a registry that lacks the
/// endpoint (an older Quay, or the feature is off) says so rather than only "Not Found".
pub fn check_error(error: ApiError, context: Key, retry: Callback<()>) -> impl IntoView {
    let explained = (error.status() == Some(404)).then_some(Key::CheckNotOffered);
    view! { <ApiErrorView error=error context=context retry=retry explained=explained /> }
}
