//! `/builds` and `/builds/{uuid}`: look a build up by its id; its status, repository, trigger
//! and times, and its log with phase headers, followed while the build runs (polling with
//! back-off, stopped when the page goes away), copyable and downloadable.

mod log;

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::sign_in::RequireSession;
use super::{use_page_title, Skeleton};
use crate::api::builds::{build_logs, build_status, Build};
use crate::api::ApiError;
use crate::auth::use_session;
use crate::browser::download_text;
use crate::components::copy_button::CopyButton;
use crate::components::error_view::ApiErrorView;
use crate::components::toast::{use_toasts, ToastKind};
use crate::dates::parse_quay_date;
use crate::format::{group_thousands, percent_encode};
use crate::i18n::{tr, use_i18n, Key};
use crate::intl;
use crate::pages::registry_size::next_poll;
use log::{Block, LineKind, Log};

const FIRST_POLL: Duration = Duration::from_millis(1000);

#[component]
pub fn Builds() -> impl IntoView {
    use_page_title(Key::NavBuilds);
    view! {
        <RequireSession>
            <BuildsView />
        </RequireSession>
    }
}

#[component]
fn BuildsView() -> impl IntoView {
    let params = use_params_map();
    let uuid = Memo::new(move |_| params.with(|p| p.get("uuid")).unwrap_or_default());
    view! {
        <section class="page page-wide">
            <div class="page-header">
                <h1>{tr(Key::NavBuilds)}</h1>
            </div>
            <LookupForm current=uuid />
            {move || {
                let id = uuid.get();
                (!id.is_empty()).then(|| view! { <BuildView uuid=id /> })
            }}
        </section>
    }
}

#[component]
fn LookupForm(current: Memo<String>) -> impl IntoView {
    let navigate = use_navigate();
    let input = RwSignal::new(current.get_untracked());
    Effect::new(move |_| input.set(current.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = input.get_untracked().trim().to_string();
        if !id.is_empty() {
            navigate(
                &format!("/builds/{}", percent_encode(&id)),
                Default::default(),
            );
        }
    };
    view! {
        <form class="lookup" on:submit=submit>
            <div class="field">
                <label for="build-uuid">{tr(Key::FieldBuildId)}</label>
                <input
                    id="build-uuid"
                    type="text"
                    class="mono"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid="build-uuid"
                    prop:value=move || input.get()
                    on:input:target=move |ev| input.set(ev.target().value())
                />
            </div>
            <button type="submit" class="button button-primary" data-testid="build-lookup">
                {tr(Key::LookUpBuild)}
            </button>
        </form>
    }
}

#[component]
fn BuildView(uuid: String) -> impl IntoView {
    let session = use_session();
    let uuid = StoredValue::new(uuid);
    let tick = RwSignal::new(0u32);
    let log = RwSignal::new(Log::default());
    let log_error = RwSignal::new(None::<ApiError>);
    let archived = RwSignal::new(false);
    // Status and the next log entries, read together on every tick.
    let status = LocalResource::new(move || {
        tick.track();
        let client = session.client();
        let id = uuid.get_value();
        async move {
            let build = build_status(&client, &id).await;
            if let Err(e) = &build {
                session.note_error(e);
                return build;
            }
            let start = log.with_untracked(|l| l.entries);
            match build_logs(&client, &id, start).await {
                Ok(page) if page.logs_url.is_some() => archived.set(true),
                Ok(page) => {
                    log_error.set(None);
                    // Only entries we do not have (a concurrent read may have added some).
                    if page.start == log.with_untracked(|l| l.entries) {
                        log.update(|l| l.append(&page.logs));
                    }
                }
                Err(e) => {
                    session.note_error(&e);
                    log_error.set(Some(e));
                }
            }
            build
        }
    });
    let delay = StoredValue::new(FIRST_POLL);
    Effect::new(move |_| {
        let Some(Ok(build)) = status.get() else {
            return;
        };
        if build.running() {
            let wait = delay.get_value();
            delay.set_value(next_poll(wait));
            if let Ok(timer) = set_timeout_with_handle(move || tick.update(|t| *t += 1), wait) {
                on_cleanup(move || timer.clear());
            }
        }
    });
    let retry = Callback::new(move |_| tick.update(|t| *t += 1));
    view! {
        {move || match status.get() {
            None => view! { <Skeleton lines=4 /> }.into_any(),
            Some(Err(e)) => view! { <ApiErrorView error=e retry=retry /> }.into_any(),
            Some(Ok(build)) => view! { <BuildFacts info=build /> }.into_any(),
        }}
        {move || log_error.get().map(|e| view! { <ApiErrorView error=e context=Key::BuildLogFailed retry=retry /> })}
        <Show when=move || matches!(status.get(), Some(Ok(_)))>
            <LogView log=log archived=archived uuid=uuid.get_value() />
        </Show>
    }
}

fn phase_badge(phase: &str) -> (&'static str, Key) {
    match phase {
        "complete" => ("badge badge-ok", Key::PhaseComplete),
        "error" | "internalerror" | "expired" | "cannot_load" => {
            ("badge badge-danger", Key::PhaseFailed)
        }
        "cancelled" => ("badge badge-muted", Key::PhaseCancelled),
        "waiting" | "build-scheduled" => ("badge badge-warn", Key::PhaseWaiting),
        _ => ("badge badge-accent", Key::PhaseRunning),
    }
}

#[component]
fn BuildFacts(info: Build) -> impl IntoView {
    let build = info;
    let i18n = use_i18n();
    let (class, state) = phase_badge(&build.phase);
    let started = parse_quay_date(&build.started);
    let repository = format!("{}/{}", build.repository.namespace, build.repository.name);
    let trigger = build
        .trigger
        .as_ref()
        .map(|t| match &t.build_source {
            Some(source) => format!("{} ({source})", t.service),
            None => t.service.clone(),
        })
        .or_else(|| {
            build
                .manual_user
                .as_ref()
                .map(|u| i18n.t_now(Key::ManualBuildBy).replace("{name}", u))
        });
    view! {
        <div class="card" data-testid="build-facts">
            <dl class="facts">
                <dt>{tr(Key::BuildPhase)}</dt>
                <dd>
                    <span class=class data-testid="build-state">{tr(state)}</span>
                    <code data-testid="build-phase">{build.phase.clone()}</code>
                    {build.running().then(|| view! { <span class="muted">{tr(Key::BuildFollowing)}</span> })}
                </dd>
                <dt>{tr(Key::BuildRepository)}</dt>
                <dd class="server-message" data-testid="build-repository">{repository}</dd>
                <dt>{tr(Key::BuildName)}</dt>
                <dd class="server-message">{build.display_name.clone()}</dd>
                <dt>{tr(Key::BuildTrigger)}</dt>
                <dd class="server-message">{trigger}</dd>
                <dt>{tr(Key::BuildTags)}</dt>
                <dd class="server-message">{build.tags.join(", ")}</dd>
                <dt>{tr(Key::BuildStarted)}</dt>
                <dd>
                    {started.map(|ms| {
                        view! {
                            <time datetime=intl::iso(ms)>
                                {move || intl::relative(i18n.locale.get().tag(), ms, intl::now_ms())}
                            </time>
                            <span class="muted">
                                " (" {move || intl::date_time(i18n.locale.get().tag(), ms)} ")"
                            </span>
                        }
                    })}
                </dd>
                {build.error.clone().map(|e| view! {
                    <dt>{tr(Key::ErrorTitle)}</dt>
                    <dd class="server-message">{e}</dd>
                })}
            </dl>
        </div>
    }
}

#[component]
fn LogView(log: RwSignal<Log>, archived: RwSignal<bool>, uuid: String) -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    let text = Signal::derive(move || log.with(|l| l.text.clone()));
    let filename = format!("build-{uuid}.log");
    let download = move |_| {
        let body = log.with_untracked(|l| l.text.clone());
        if download_text(&filename, "text/plain", &body).is_err() {
            toasts.push(ToastKind::Error, i18n.t_now(Key::DownloadFailed));
        }
    };
    view! {
        <section class="card" aria-labelledby="build-log-title">
            <div class="section-header">
                <h2 id="build-log-title">{tr(Key::BuildLog)}</h2>
                <span class="muted" data-testid="build-log-count">
                    {move || i18n.t(Key::BuildLogLines).replace("{count}", &group_thousands(log.with(|l| l.entries)))}
                </span>
                <CopyButton text=text testid="copy-build-log" />
                <button type="button" class="button button-small" data-testid="download-build-log" on:click=download>
                    {tr(Key::DownloadLog)}
                </button>
            </div>
            <Show when=move || archived.get()>
                <p class="muted">{tr(Key::BuildLogArchived)}</p>
            </Show>
            <div class="build-log" data-testid="build-log" role="log" aria-live="off" tabindex="0">
                {move || {
                    log.with(|l| {
                        l.blocks
                            .iter()
                            .map(|b| match b {
                                Block::Phase(p) => view! { <h3 class="log-phase">{p.clone()}</h3> }.into_any(),
                                Block::Lines { kind, text, .. } => {
                                    let class = match kind {
                                        LineKind::Output => "log-lines",
                                        LineKind::Command => "log-lines log-command",
                                        LineKind::Error => "log-lines log-error",
                                    };
                                    view! { <pre class=class>{text.clone()}</pre> }.into_any()
                                }
                            })
                            .collect_view()
                    })
                }}
            </div>
        </section>
    }
}
