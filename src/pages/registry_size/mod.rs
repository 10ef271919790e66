//! `/registry-size`: the registry's total storage, when it was last calculated, and a
//! "Calculate now" that queues Quay's background job and follows it (polling with back-off,
//! stopped when the page goes away) until the new total arrives. Beside it, the biggest
//! namespaces.

mod biggest;

use std::time::Duration;

use leptos::prelude::*;

use super::sign_in::RequireSession;
use super::{use_page_title, Skeleton};
use crate::api::registry_size::{queue_calculation, registry_size, RegistrySize};
use crate::auth::{use_session, WriteButton};
use crate::components::error_view::{error_slot, ApiErrorView};
use crate::components::toast::{use_toasts, ToastKind};
use crate::components::write::use_write;
use crate::format::{format_bytes, group_thousands};
use crate::i18n::{tr, use_i18n, Key};
use crate::intl;

/// Polling starts at this delay and grows by half each time, up to the cap.
const FIRST_POLL: Duration = Duration::from_millis(1000);
const MAX_POLL: Duration = Duration::from_secs(10);

pub fn next_poll(previous: Duration) -> Duration {
    (previous * 3 / 2).min(MAX_POLL)
}

#[component]
pub fn RegistrySizePage() -> impl IntoView {
    use_page_title(Key::NavRegistrySize);
    view! {
        <RequireSession>
            <RegistrySizeView />
        </RequireSession>
    }
}

#[component]
fn RegistrySizeView() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let i18n = use_i18n();
    // Each bump re-reads the state.
    let tick = RwSignal::new(0u32);
    let status = LocalResource::new(move || {
        tick.track();
        let client = session.client();
        async move {
            let result = registry_size(&client).await;
            if let Err(e) = &result {
                session.note_error(e);
            }
            result
        }
    });
    let delay = StoredValue::new(FIRST_POLL);
    // Set once "Calculate now" is queued: the last result before it, to tell when a new one has
    // arrived.
    let awaiting = RwSignal::new(None::<Option<i64>>);

    // While a calculation is queued or running, look again later. The effect's cleanup
    // clears the timer, so nothing polls once the page is gone.
    Effect::new(move |_| {
        let Some(Ok(state)) = status.get() else {
            return;
        };
        if state.busy() {
            let wait = delay.get_value();
            delay.set_value(next_poll(wait));
            if let Ok(timer) = set_timeout_with_handle(move || tick.update(|t| *t += 1), wait) {
                on_cleanup(move || timer.clear());
            }
            return;
        }
        delay.set_value(FIRST_POLL);
        if let Some(before) = awaiting.get_untracked() {
            if state.last_ran != before {
                awaiting.set(None);
                toasts.push(
                    ToastKind::Success,
                    i18n.t_now(Key::RegistrySizeDoneToast)
                        .replace("{size}", &format_bytes(state.size_bytes)),
                );
            }
        }
    });

    // The input is the last result before it, to tell when a new one has arrived.
    let calculate = use_write(
        |client, before: Option<i64>| async move { queue_calculation(&client).await.map(|_| before) },
        move |before| {
            awaiting.set(Some(before));
            toasts.push(ToastKind::Info, i18n.t_now(Key::RegistrySizeQueuedToast));
            delay.set_value(FIRST_POLL);
            tick.update(|t| *t += 1);
            None
        },
    );
    let busy = move || {
        calculate.pending().get() || status.get().and_then(Result::ok).is_some_and(|s| s.busy())
    };
    let on_calculate = move || {
        if busy() {
            return;
        }
        let before = status
            .get_untracked()
            .and_then(Result::ok)
            .map(|s| s.last_ran);
        calculate.dispatch(before.flatten());
    };

    view! {
        <section class="page">
            <div class="page-header">
                <h1>{tr(Key::NavRegistrySize)}</h1>
                <WriteButton
                    class="button button-primary"
                    testid="calculate-now"
                    busy=Signal::derive(busy)
                    on_click=on_calculate
                >
                    {tr(Key::CalculateNow)}
                </WriteButton>
            </div>
            <p class="page-summary">{tr(Key::RegistrySizeIntro)}</p>
            {error_slot(calculate.error(), Key::RegistrySizeQueueFailed)}
            <div class="size-layout">
                <div class="card" data-testid="registry-size">
                    {move || match status.get() {
                        None => view! { <Skeleton lines=3 /> }.into_any(),
                        Some(Err(e)) => {
                            let retry = Callback::new(move |_| tick.update(|t| *t += 1));
                            view! { <ApiErrorView error=e context=Key::RegistrySizeLoadFailed retry=retry /> }
                                .into_any()
                        }
                        Some(Ok(state)) => view! { <SizeFacts state=state /> }.into_any(),
                    }}
                </div>
                <biggest::BiggestNamespaces />
            </div>
        </section>
    }
}

#[component]
fn SizeFacts(state: RegistrySize) -> impl IntoView {
    let i18n = use_i18n();
    let (state_key, state_class) = if state.running {
        (Key::SizeStateRunning, "badge badge-accent")
    } else if state.queued {
        (Key::SizeStateQueued, "badge badge-warn")
    } else {
        (Key::SizeStateIdle, "badge badge-muted")
    };
    let last_ran = state.last_ran;
    let when = move || {
        let locale = i18n.locale.get().tag();
        last_ran.map(|ms| {
            (
                intl::relative(locale, ms, crate::clock::now_ms()),
                intl::date_time(locale, ms),
                intl::iso(ms),
            )
        })
    };
    view! {
        <dl class="facts">
            <dt>{tr(Key::TotalSize)}</dt>
            <dd>
                <span class="big-number" data-testid="total-size">
                    {format_bytes(state.size_bytes)}
                </span>
                <span class="muted" data-testid="total-bytes">
                    {move || {
                        i18n.t(Key::QuotaPreviewBytes)
                            .replace("{bytes}", &group_thousands(state.size_bytes))
                    }}
                </span>
            </dd>
            <dt>{tr(Key::LastCalculated)}</dt>
            <dd data-testid="last-calculated">
                {move || match when() {
                    Some((relative, absolute, iso)) => {
                        view! {
                            <time datetime=iso title=absolute.clone()>{relative}</time>
                            <span class="muted">" (" {absolute} ")"</span>
                        }
                            .into_any()
                    }
                    None => view! { <span class="muted">{tr(Key::NeverCalculated)}</span> }.into_any(),
                }}
            </dd>
            <dt>{tr(Key::SizeState)}</dt>
            <dd>
                <span class=state_class data-testid="size-state">{tr(state_key)}</span>
            </dd>
        </dl>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_backs_off_to_a_cap() {
        let mut d = FIRST_POLL;
        let mut seen = vec![d.as_millis()];
        for _ in 0..8 {
            d = next_poll(d);
            seen.push(d.as_millis());
        }
        assert_eq!(&seen[..4], &[1000, 1500, 2250, 3375]);
        assert_eq!(*seen.last().unwrap(), 10_000);
    }
}
