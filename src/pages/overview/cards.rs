//! The four checks: what each asks the registry, and its card. Each loads on its own; a card
//! shows a figure only from a complete answer (a failure is an error with a retry, never 0).
//!
//! - Pending service keys: `GET /api/v1/superuser/keys` (every key in one answer).
//! - Quotas: every user and organization through the Quotas page's own pages
//!   (`GET /api/v1/superuser/users/` and `/organizations/`, 100 a request), tallied with its
//!   "Over 90 %" filter; skipped when `GET /config` says quota management is off.
//! - Failed sign-ins: `GET /api/v1/superuser/aggregatelogs` over yesterday and today (UTC).
//! - Registry size: `GET /api/v1/superuser/registrysize/`.

use leptos::prelude::*;
use leptos_router::components::A;

use super::attention::{check_error, count_figure, figure, Check};
use super::facts::{
    count_of_kind, keys_query, keys_status, pending_keys, quotas_query, sign_ins_status, size_age,
    size_status, QuotaTally, SignInDays, SizeAge, Status, LOGIN_FAILURE,
};
use crate::api::logs::aggregate_logs;
use crate::api::registry_config::{registry_config, RegistryConfig};
use crate::api::registry_size::{registry_size, RegistrySize};
use crate::api::service_keys::list_keys;
use crate::api::{ApiClient, ApiError};
use crate::auth::{use_session, Session};
use crate::clock::now_ms;
use crate::dates::quay_query_date;
use crate::format::{format_bytes, group_thousands};
use crate::i18n::{tr, use_i18n, Key};
use crate::intl;
use crate::list::window::SERVER_PAGE;
use crate::pages::quotas::fetch_namespaces;
use crate::pages::Skeleton;
use crate::routes::{self, app_href, Route};

type Loaded<T> = LocalResource<Result<T, ApiError>>;

/// The checks' answers, shared by the cards and the summary over them.
#[derive(Clone, Copy)]
pub struct Checks {
    keys: Loaded<usize>,
    /// `None`: the registry has quota management off.
    quotas: Loaded<Option<QuotaTally>>,
    /// Namespaces with a quota or data read so far, while the quotas are tallied.
    quotas_read: RwSignal<usize>,
    sign_ins: Loaded<(SignInDays, u64)>,
    size: Loaded<RegistrySize>,
}

/// A failure that means the session is over signs out, as everywhere.
fn noted<T>(session: Session, result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(e) = &result {
        session.note_error(e);
    }
    result
}

impl Checks {
    pub fn new() -> Self {
        let session = use_session();
        let quotas_read = RwSignal::new(0);
        Checks {
            keys: LocalResource::new(move || {
                let client = session.client();
                async move { noted(session, list_keys(&client).await.map(|k| pending_keys(&k))) }
            }),
            quotas: LocalResource::new(move || {
                let client = session.client();
                async move { noted(session, tally_quotas(client, quotas_read).await) }
            }),
            quotas_read,
            sign_ins: LocalResource::new(move || {
                let client = session.client();
                async move { noted(session, failed_sign_ins(client).await) }
            }),
            size: LocalResource::new(move || {
                let client = session.client();
                async move { noted(session, registry_size(&client).await) }
            }),
        }
    }

    fn keys_status(&self) -> Status {
        status_of(self.keys, |&n| keys_status(n))
    }

    fn quotas_status(&self) -> Status {
        status_of(self.quotas, |t| t.map_or(Status::Off, |t| t.status()))
    }

    fn sign_ins_status(&self) -> Status {
        status_of(self.sign_ins, |&(_, n)| sign_ins_status(n))
    }

    fn size_status(&self) -> Status {
        status_of(self.size, |s| size_status(size_age(s, now_ms())))
    }

    /// Every check's status, in the cards' order.
    pub fn statuses(&self) -> Vec<Status> {
        vec![
            self.keys_status(),
            self.quotas_status(),
            self.sign_ins_status(),
            self.size_status(),
        ]
    }
}

fn status_of<T: Send + Sync + 'static>(
    resource: Loaded<T>,
    found: impl Fn(&T) -> Status,
) -> Status {
    resource.with(|r| match r {
        None => Status::Checking,
        Some(Err(_)) => Status::Failed,
        Some(Ok(value)) => found(value),
    })
}

/// Tallies every namespace with the Quotas page's own pages and filter: as many requests as
/// Quay's pages of 100 users and organizations. Stops when the overview goes away.
async fn tally_quotas(
    client: ApiClient,
    read: RwSignal<usize>,
) -> Result<Option<QuotaTally>, ApiError> {
    // With quota management off no namespace has a quota to be near. An unreadable or empty
    // configuration decides nothing: then the namespaces themselves are read.
    if let Ok(config) = registry_config(&client).await {
        if config != RegistryConfig::default() && !config.feature("QUOTA_MANAGEMENT") {
            return Ok(None);
        }
    }
    let fetch = fetch_namespaces();
    let mut tally = QuotaTally::default();
    let mut next = None;
    let mut count = 0;
    if read.try_set(0).is_some() {
        return Ok(Some(tally));
    }
    loop {
        let (rows, token) = fetch(client.clone(), String::new(), SERVER_PAGE, next).await?;
        tally.add(&rows);
        count += rows.len();
        // The signal is gone with the page: nobody waits for the rest.
        if read.try_set(count).is_some() {
            return Ok(Some(tally));
        }
        match token {
            Some(token) => next = Some(token),
            None => return Ok(Some(tally)),
        }
    }
}

async fn failed_sign_ins(client: ApiClient) -> Result<(SignInDays, u64), ApiError> {
    let days = SignInDays::at(now_ms());
    let counts = aggregate_logs(
        &client,
        &quay_query_date(days.first_day),
        &quay_query_date(days.last_day),
    )
    .await?;
    Ok((days, count_of_kind(&counts, LOGIN_FAILURE)))
}

/// The card's link: to the filtered page when there is something to see, else to the page.
fn check_link(route: Route, query: Option<String>, label: Key) -> impl IntoView {
    let href = match query {
        Some(q) => app_href(&format!("{}?{q}", route.path)),
        None => app_href(route.path),
    };
    view! {
        <A href=href attr:class="check-link" attr:data-testid="check-link">
            {tr(label)}
            <span aria-hidden="true">" →"</span>
        </A>
    }
}

fn checking(rows: usize) -> impl IntoView {
    view! { <Skeleton lines=rows /> }
}

#[component]
pub fn KeysCheck(checks: Checks) -> impl IntoView {
    let retry = Callback::new(move |_| checks.keys.refetch());
    view! {
        <Check testid="check-keys" title=Key::CheckKeysTitle status=Signal::derive(move || checks.keys_status())>
            {move || match checks.keys.get() {
                None => checking(2).into_any(),
                Some(Err(e)) => check_error(e, Key::CheckKeysFailed, retry).into_any(),
                Some(Ok(0)) => view! {
                    {count_figure(0)}
                    <p class="check-note">{tr(Key::CheckKeysNone)}</p>
                    {check_link(routes::SERVICE_KEYS, None, Key::NavServiceKeys)}
                }.into_any(),
                Some(Ok(n)) => view! {
                    {count_figure(n as u64)}
                    <p class="check-note">{tr(Key::CheckKeysNote)}</p>
                    {check_link(routes::SERVICE_KEYS, Some(keys_query()), Key::CheckKeysLink)}
                }.into_any(),
            }}
        </Check>
    }
}

#[component]
pub fn QuotasCheck(checks: Checks) -> impl IntoView {
    let i18n = use_i18n();
    let retry = Callback::new(move |_| checks.quotas.refetch());
    let progress = move || {
        let n = checks.quotas_read.get();
        (n > 0).then(|| {
            let text = i18n
                .t(Key::LoadingCount)
                .replace("{count}", &group_thousands(n as u64));
            view! { <p class="muted check-note" data-testid="check-progress">{text}</p> }
        })
    };
    view! {
        <Check testid="check-quotas" title=Key::CheckQuotasTitle status=Signal::derive(move || checks.quotas_status())>
            {move || match checks.quotas.get() {
                None => view! { {checking(2)} {progress} }.into_any(),
                Some(Err(e)) => check_error(e, Key::CheckQuotasFailed, retry).into_any(),
                Some(Ok(None)) => view! {
                    <p class="check-note">{tr(Key::CheckQuotasOff)}</p>
                }.into_any(),
                Some(Ok(Some(tally))) if tally.total() == 0 => view! {
                    {count_figure(0)}
                    <p class="check-note">{tr(Key::CheckQuotasNone)}</p>
                    {check_link(routes::QUOTAS, None, Key::NavQuotas)}
                }.into_any(),
                Some(Ok(Some(tally))) => {
                    let note = move || {
                        i18n.t(Key::CheckQuotasNote)
                            .replace("{over}", &group_thousands(tally.over as u64))
                            .replace("{near}", &group_thousands(tally.near as u64))
                    };
                    view! {
                        {count_figure(tally.total() as u64)}
                        <p class="check-note" data-testid="check-note">{note}</p>
                        {check_link(routes::QUOTAS, Some(quotas_query()), Key::CheckQuotasLink)}
                    }.into_any()
                }
            }}
        </Check>
    }
}

#[component]
pub fn SignInsCheck(checks: Checks) -> impl IntoView {
    let i18n = use_i18n();
    let retry = Callback::new(move |_| checks.sign_ins.refetch());
    view! {
        <Check testid="check-sign-ins" title=Key::CheckSignInsTitle status=Signal::derive(move || checks.sign_ins_status())>
            {move || match checks.sign_ins.get() {
                None => checking(2).into_any(),
                Some(Err(e)) => check_error(e, Key::CheckSignInsFailed, retry).into_any(),
                Some(Ok((days, failed))) => {
                    let (text, query, label) = if failed == 0 {
                        (Key::CheckSignInsNone, None, Key::NavLogs)
                    } else {
                        (Key::CheckSignInsNote, Some(days.logs_query()), Key::CheckSignInsLink)
                    };
                    let note = move || {
                        let day = intl::day_label(i18n.locale.get().tag(), days.first_day);
                        i18n.t(text).replace("{day}", &day)
                    };
                    view! {
                        {count_figure(failed)}
                        <p class="check-note" data-testid="check-note">{note}</p>
                        {check_link(routes::LOGS, query, label)}
                    }.into_any()
                }
            }}
        </Check>
    }
}

#[component]
pub fn SizeCheck(checks: Checks) -> impl IntoView {
    let retry = Callback::new(move |_| checks.size.refetch());
    view! {
        <Check testid="check-size" title=Key::NavRegistrySize status=Signal::derive(move || checks.size_status())>
            {move || match checks.size.get() {
                None => checking(2).into_any(),
                Some(Err(e)) => check_error(e, Key::RegistrySizeLoadFailed, retry).into_any(),
                Some(Ok(size)) => {
                    let age = size_age(&size, now_ms());
                    // Before the first calculation the registry says 0 bytes: not a size.
                    let shown = size.last_ran.map(|_| figure(format_bytes(size.size_bytes)));
                    view! {
                        {shown}
                        <p class="check-note" data-testid="check-note"><SizeNote age=age /></p>
                        {check_link(routes::REGISTRY_SIZE, None, Key::NavRegistrySize)}
                    }.into_any()
                }
            }}
        </Check>
    }
}

/// "Calculated 3 hours ago", the exact time in its tooltip.
#[component]
fn SizeNote(age: SizeAge) -> impl IntoView {
    let i18n = use_i18n();
    let (text, at) = match age {
        SizeAge::Busy => return tr(Key::CheckSizeBusy).into_any(),
        SizeAge::Never => return tr(Key::CheckSizeNever).into_any(),
        SizeAge::Fresh(ms) => (Key::CheckSizeCalculated, ms),
        SizeAge::Stale(ms) => (Key::CheckSizeStale, ms),
    };
    let sentence = move || {
        let locale = i18n.locale.get().tag();
        let sentence = i18n.t(text);
        let (before, after) = sentence.split_once("{when}").unwrap_or((sentence, ""));
        view! {
            {before}
            <time datetime=intl::iso(at) title=intl::date_time(locale, at)>
                {intl::relative(locale, at, now_ms())}
            </time>
            {after}
        }
    };
    sentence.into_any()
}
