//! `/builds` and `/builds?build={uuid}`: look a build up by its id (or the address of its page
//! in Quay); why a failed build failed, at the top; its status, repository, trigger and times,
//! and its log with phase headers and the output's ANSI colours, followed while the build runs
//! (polling with back-off, stopped when the page goes away), copyable and downloadable. The log
//! is added to the page a few hundred lines per animation frame and only where it grew, so no
//! frame takes long however many thousands of lines it has.
//!
//! Quay has no list of a registry's builds; ids come from the usage logs' `build_dockerfile`
//! entries (metadata `build_id`; `cancel_build` has `build_uuid`), which link here through
//! [`build_path`], from the build's address in Quay and from build notifications.

mod ansi;
mod failure;
mod log;

use std::time::Duration;

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

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
use crate::routes;
use log::{Addition, LineKind, Log, Shown};

/// The query parameter naming the build shown.
const BUILD_PARAM: &str = "build";

/// The app path of the build `build_id` on this page (for a link, through `routes::app_href`):
/// `/builds?build=…`.
pub fn build_path(build_id: &str) -> String {
    format!(
        "{}?{BUILD_PARAM}={}",
        routes::BUILDS.path,
        percent_encode(build_id)
    )
}

/// The build id in what was typed or pasted: the id itself, or the address of the build's page
/// in Quay (`…/repository/{namespace}/{name}/build/{id}`, with or without a query).
fn build_id_of(input: &str) -> &str {
    let input = input.trim();
    match input.rsplit_once("/build/") {
        Some((_, rest)) => rest
            .split(['?', '#', '/'])
            .next()
            .unwrap_or_default()
            .trim(),
        None => input,
    }
}

const FIRST_POLL: Duration = Duration::from_millis(1000);

/// Log lines added to the page per animation frame: 20,000 lines show in about 40 frames. With
/// 500, frames stayed within 33 ms in headless Chromium on two cores even at 50,000 lines
/// (1,000 made some frames of 50 to 90 ms there); see the `build_log` benchmark in tests/.
const LINES_PER_FRAME: usize = 500;

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
    // A query parameter, not a path segment: every route stays one segment below the folder the
    // dashboard is served from (see `browser::mount_url`).
    let query = use_query_map();
    let uuid = Memo::new(move |_| query.with(|q| q.get(BUILD_PARAM)).unwrap_or_default());
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
        let id = build_id_of(&input.get_untracked()).to_string();
        if !id.is_empty() {
            navigate(&build_path(&id), Default::default());
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
                    aria-describedby="build-uuid-hint"
                    data-testid="build-uuid"
                    prop:value=move || input.get()
                    on:input:target=move |ev| input.set(ev.target().value())
                />
            </div>
            <button type="submit" class="button button-primary" data-testid="build-lookup">
                {tr(Key::LookUpBuild)}
            </button>
            <p class="field-hint lookup-hint" id="build-uuid-hint" data-testid="build-id-help">
                {tr(Key::BuildIdHelp)}
            </p>
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
            let take = move |first, entries: Vec<_>| {
                log.try_update(|l| {
                    // Only entries we do not have (a concurrent read may have added some).
                    let ours = l.entries == first;
                    if ours {
                        l.append(&entries);
                    }
                    ours
                }) == Some(true)
            };
            match build_logs(&client, &id, start, take).await {
                Ok(page) if page.logs_url.is_some() => archived.set(true),
                Ok(_) => log_error.set(None),
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
            Some(Ok(build)) => Some(view! { <FailureView info=build log=log /> }),
            _ => None,
        }}
        {move || match status.get() {
            None => view! { <Skeleton lines=4 /> }.into_any(),
            Some(Err(e)) => {
                view! { <ApiErrorView error=e context=Key::BuildLoadFailed retry=retry /> }.into_any()
            }
            Some(Ok(build)) => view! { <BuildFacts info=build /> }.into_any(),
        }}
        {move || log_error.get().map(|e| view! { <ApiErrorView error=e context=Key::BuildLogFailed retry=retry /> })}
        <Show when=move || matches!(status.get(), Some(Ok(_)))>
            <LogView log=log archived=archived uuid=uuid.get_value() />
        </Show>
    }
}

/// Why the build failed, above everything else; nothing for a build that did not fail.
#[component]
fn FailureView(info: Build, log: RwSignal<Log>) -> impl IntoView {
    let phase = info.phase;
    let status_error = info.error;
    let failed = Memo::new(move |_| {
        log.with(|l| {
            failure::failure(
                &phase,
                status_error.as_deref(),
                l.last_error.as_deref(),
                l.last_line.as_deref(),
            )
        })
    });
    move || {
        failed.get().map(|f| {
            view! {
                <section
                    class="alert alert-error build-failure"
                    aria-labelledby="build-failure-title"
                    data-testid="build-failure"
                >
                    <h2 id="build-failure-title">{tr(Key::BuildFailedTitle)}</h2>
                    {f.intro.map(|k| view! { <p>{tr(k)}</p> })}
                    {f.message.map(|m| view! { <pre class="server-message" data-testid="build-failure-message">{m}</pre> })}
                </section>
            }
        })
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

/// Whether the phase says more than its state badge (see [`phase_badge`]).
fn phase_detail(phase: &str) -> bool {
    !matches!(phase, "complete" | "error" | "cancelled" | "waiting")
}

#[component]
fn BuildFacts(info: Build) -> impl IntoView {
    let build = info;
    let i18n = use_i18n();
    let (class, state) = phase_badge(&build.phase);
    let started = parse_quay_date(&build.started);
    let repository = format!("{}/{}", build.repository.namespace, build.repository.name);
    let tags = build.tags.join(", ");
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
                    // Quay's own word for the phase only where the state does not already say it
                    // ("Running: pulling", "Failed: expired"; never "Complete complete").
                    {phase_detail(&build.phase)
                        .then(|| view! { " " <code data-testid="build-phase">{build.phase.clone()}</code> })}
                    {build.running().then(|| view! { <span class="muted">{tr(Key::BuildFollowing)}</span> })}
                </dd>
                <dt>{tr(Key::BuildRepository)}</dt>
                <dd class="server-message" data-testid="build-repository">{repository}</dd>
                <dt>{tr(Key::BuildName)}</dt>
                <dd class="server-message clamp" title=build.display_name.clone()>{build.display_name.clone()}</dd>
                <dt>{tr(Key::BuildTrigger)}</dt>
                <dd class="server-message clamp" title=trigger.clone()>{trigger.clone()}</dd>
                <dt>{tr(Key::BuildTags)}</dt>
                <dd class="server-message clamp" title=tags.clone()>{tags.clone()}</dd>
                <dt>{tr(Key::BuildStarted)}</dt>
                <dd>
                    {started.map(|ms| {
                        view! {
                            <time datetime=intl::iso(ms)>
                                {move || intl::relative(i18n.locale.get().tag(), ms, crate::clock::now_ms())}
                            </time>
                            <span class="muted">
                                " (" {move || intl::date_time(i18n.locale.get().tag(), ms)} ")"
                            </span>
                        }
                    })}
                </dd>
                {build.error.clone().map(|e| view! {
                    <dt>{tr(Key::ErrorTitle)}</dt>
                    <dd class="server-message clamp" title=e.clone()>{e.clone()}</dd>
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
    let element = NodeRef::<Div>::new();
    let painter = LogPainter::new(log, element);
    Effect::new(move |_| {
        log.track();
        painter.schedule();
    });
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
                    {move || {
                        let n = log.with(|l| l.entries);
                        let key = if n == 1 { Key::BuildLogLine } else { Key::BuildLogLines };
                        i18n.t(key).replace("{count}", &group_thousands(n))
                    }}
                </span>
                <CopyButton text=text testid="copy-build-log" />
                <button type="button" class="button button-small" data-testid="download-build-log" on:click=download>
                    {tr(Key::DownloadLog)}
                </button>
            </div>
            <Show when=move || archived.get()>
                <p class="muted">{tr(Key::BuildLogArchived)}</p>
            </Show>
            // Filled by LogPainter, not by the view.
            <div class="build-log" data-testid="build-log" role="log" aria-live="off" tabindex="0" node_ref=element></div>
        </section>
    }
}

/// Adds the log to its element as it loads: what the page does not show yet, at most
/// [`LINES_PER_FRAME`] lines per animation frame, appended (earlier chunks never change, so the
/// elements already there stay as they are). Uses only DOM calls the app makes elsewhere, so
/// the first load's JS glue does not grow.
#[derive(Clone, Copy)]
struct LogPainter {
    log: RwSignal<Log>,
    element: NodeRef<Div>,
    state: StoredValue<PaintState, LocalStorage>,
}

#[derive(Default)]
struct PaintState {
    shown: Shown,
    /// The element of the last chunk shown, which new lines may extend.
    last: Option<web_sys::Element>,
    /// An animation frame is already requested.
    scheduled: bool,
}

impl LogPainter {
    fn new(log: RwSignal<Log>, element: NodeRef<Div>) -> Self {
        let state = StoredValue::new_local(PaintState::default());
        Self {
            log,
            element,
            state,
        }
    }

    fn schedule(self) {
        let request = self
            .state
            .try_update_value(|s| !std::mem::replace(&mut s.scheduled, true));
        if request == Some(true) {
            request_animation_frame(move || self.paint());
        }
    }

    fn paint(self) {
        let Some(element) = self.element.try_get_untracked().flatten() else {
            // Gone with the view, or not mounted yet.
            if self
                .state
                .try_update_value(|s| s.scheduled = false)
                .is_some()
            {
                self.schedule();
            }
            return;
        };
        let done = self.state.try_update_value(|state| {
            state.scheduled = false;
            self.log.with_untracked(|log| {
                for addition in log.next_additions(&mut state.shown, LINES_PER_FRAME) {
                    add_to_log(&element, &mut state.last, addition);
                }
                log.all_shown(&state.shown)
            })
        });
        if done == Some(false) {
            self.schedule();
        }
    }
}

fn add_to_log(element: &web_sys::Element, last: &mut Option<web_sys::Element>, addition: Addition) {
    let document = document();
    let (parent, text) = match addition {
        Addition::Chunk { kind, text } => {
            let (tag, class) = match kind {
                LineKind::Phase => ("h3", "log-phase"),
                LineKind::Output => ("pre", "log-lines"),
                LineKind::Command => ("pre", "log-lines log-command"),
                LineKind::Error => ("pre", "log-lines log-error"),
            };
            let Ok(chunk) = document.create_element(tag) else {
                return;
            };
            let _ = chunk.set_attribute("class", class);
            let _ = element.insert_before(&chunk, None);
            (last.insert(chunk), text)
        }
        Addition::More(text) => match last {
            Some(chunk) => (chunk, text),
            None => return,
        },
    };
    if ansi::has_escapes(text) {
        append_styled(&document, parent, text);
    } else {
        let _ = parent.insert_before(&document.create_text_node(text), None);
    }
}

/// `text` with its colour codes as spans (classes from [`ansi`]'s fixed list) and its other
/// escape sequences left out; every piece of the log is a text node.
fn append_styled(document: &web_sys::Document, parent: &web_sys::Element, text: &str) {
    for segment in ansi::segments(text) {
        let node = document.create_text_node(segment.text);
        match segment.style.classes() {
            None => {
                let _ = parent.insert_before(&node, None);
            }
            Some(classes) => {
                let Ok(span) = document.create_element("span") else {
                    continue;
                };
                let _ = span.set_attribute("class", &classes);
                let _ = span.insert_before(&node, None);
                let _ = parent.insert_before(&span, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_a_build_carry_its_id_in_the_query() {
        assert_eq!(
            build_path("6906bb13-12df-4d5c-8201-e4851b722818"),
            "/builds?build=6906bb13-12df-4d5c-8201-e4851b722818"
        );
        // An id from a log entry is hostile like any API string.
        assert_eq!(build_path("a&b=c/d"), "/builds?build=a%26b%3Dc%2Fd");
    }

    #[test]
    fn a_build_id_or_its_address_in_quay() {
        let id = "6906bb13-12df-4d5c-8201-e4851b722818";
        assert_eq!(build_id_of(id), id);
        assert_eq!(build_id_of(&format!("  {id}\n")), id);
        for address in [
            format!("https://quay.example.com/repository/acme/app/build/{id}"),
            format!("https://quay.example.com/repository/acme/app/build/{id}?tab=logs"),
            format!("https://quay.example.com/repository/acme/app/build/{id}/#top"),
            format!("/repository/acme/nested/app/build/{id}"),
        ] {
            assert_eq!(build_id_of(&address), id, "{address}");
        }
    }

    #[test]
    fn the_state_badge_and_the_phase_are_not_said_twice() {
        for phase in ["complete", "error", "cancelled", "waiting"] {
            assert!(!phase_detail(phase), "{phase}");
        }
        for phase in [
            "build-scheduled",
            "pulling",
            "building",
            "pushing",
            "expired",
            "internalerror",
            "cannot_load",
        ] {
            assert!(phase_detail(phase), "{phase}");
        }
    }
}
