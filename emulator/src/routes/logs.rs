//! The superuser usage logs and their per-day counts: `GET /api/v1/superuser/logs` and
//! `GET /api/v1/superuser/aggregatelogs` (Quay: `endpoints/api/superuser.py`, `SuperUserLogs`,
//! `SuperUserAggregateLogs`).

use axum::extract::{RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::{Extension, Json};
use serde_json::{json, Map, Value};

use crate::action_log::{
    aggregate_day, decrypt_log_token, encrypt_log_token, log_window, LogPageToken, LogWindow,
    LOGS_PER_PAGE, MAX_AGGREGATE_RANGE_US,
};
use crate::avatar::{avatar, AvatarKind};
use crate::dates::format_date_us;
use crate::error::ApiError;
use crate::middleware::EndpointContext;
use crate::python::{first_arg, parse_qsl};
use crate::routes::{endpoint, ApiRoute};
use crate::state::AppState;
use crate::storage::LogEntryRecord;

/// The help text of `page`, which is also its error message.
const PAGE_HELP: &str = "The page number for the logs";

/// `SuperUserLogs` and `SuperUserAggregateLogs` (Quay's `allow_if_any_superuser`; the query is
/// parsed before the permission check).
pub fn routes() -> Vec<ApiRoute> {
    vec![
        ApiRoute::new(
            "/api/v1/superuser/aggregatelogs",
            "superuser",
            "endpoints.api.superuser.SuperUserAggregateLogs",
        )
        .op(
            endpoint(Method::GET, "listAllAggregateLogs", aggregate_logs)
                .any_superuser()
                .permission_after_args()
                .internal()
                .query(
                    "endtime",
                    "string",
                    "Latest time to which to get logs. (%m/%d/%Y %Z)",
                )
                .query(
                    "starttime",
                    "string",
                    "Earliest time from which to get logs. (%m/%d/%Y %Z)",
                )
                .describe("Returns the aggregated logs for the current system."),
        ),
        ApiRoute::new(
            "/api/v1/superuser/logs",
            "superuser",
            "endpoints.api.superuser.SuperUserLogs",
        )
        .op(endpoint(Method::GET, "listAllLogs", list_logs)
            .any_superuser()
            .permission_after_args()
            .query("next_page", "string", "The page token for the next page")
            .query("page", "integer", PAGE_HELP)
            .query(
                "endtime",
                "string",
                "Latest time to which to get logs (%m/%d/%Y %Z)",
            )
            .query(
                "starttime",
                "string",
                "Earliest time from which to get logs (%m/%d/%Y %Z)",
            )
            .describe("List the usage logs for the current system.")),
    ]
}

/// The query as flask-restful's `reqparse` reads it: the first value of each argument; with
/// `page` (the listing only), every `page` value must be a Python `int` (400 B1 with its help
/// text otherwise).
struct LogArgs {
    starttime: Option<String>,
    endtime: Option<String>,
    next_page: Option<String>,
}

fn parse_args(query: Option<&str>, with_page: bool) -> Result<LogArgs, ApiError> {
    let pairs = parse_qsl(query.unwrap_or(""));
    let first = |name: &str| first_arg(&pairs, name).map(str::to_string);
    // `page` is accepted and ignored, as in Quay.
    if with_page
        && pairs
            .iter()
            .any(|(k, v)| k == "page" && crate::python::int_text(v).is_none())
    {
        return Err(ApiError::RestfulMessage {
            status: StatusCode::BAD_REQUEST,
            message: json!({ "page": PAGE_HELP }),
        });
    }
    Ok(LogArgs {
        starttime: first("starttime"),
        endtime: first("endtime"),
        next_page: first("next_page"),
    })
}

/// Quay crashes (500) on an `endtime` whose next day Python cannot represent; the emulator
/// answers a 400 (DEVIATIONS.md).
fn window(args: &LogArgs, now_us: i64) -> Result<LogWindow, ApiError> {
    log_window(args.starttime.as_deref(), args.endtime.as_deref(), now_us).ok_or_else(invalid_range)
}

fn invalid_range() -> ApiError {
    ApiError::RestfulMessage {
        status: StatusCode::BAD_REQUEST,
        message: json!("Invalid date range for logs"),
    }
}

/// Quay's `Log.to_dict(avatar, include_namespace=True)`.
fn entry_view(e: &LogEntryRecord) -> Value {
    let mut view = Map::new();
    view.insert("kind".into(), json!(e.kind));
    view.insert("metadata".into(), e.metadata.clone());
    view.insert("ip".into(), json!(e.ip));
    view.insert("datetime".into(), json!(format_date_us(e.datetime_us)));
    if let Some(name) = e.performer_name.as_deref().filter(|n| !n.is_empty()) {
        let kind = if e.performer_robot {
            AvatarKind::Robot
        } else {
            AvatarKind::User
        };
        view.insert(
            "performer".into(),
            json!({"kind": "user", "name": name, "is_robot": e.performer_robot,
                   "avatar": avatar(name, e.performer_email.as_deref(), kind)}),
        );
    }
    if let Some(name) = e.account_name.as_deref().filter(|n| !n.is_empty()) {
        let email = e.account_email.as_deref();
        let namespace = if e.account_organization {
            json!({"kind": "org", "name": name, "avatar": avatar(name, email, AvatarKind::Org)})
        } else {
            let kind = if e.account_robot {
                AvatarKind::Robot
            } else {
                AvatarKind::User
            };
            json!({"kind": "user", "name": name, "avatar": avatar(name, email, kind)})
        };
        view.insert("namespace".into(), namespace);
    }
    Value::Object(view)
}

/// The listing's body: the window, the entries, the token of the next page if any.
fn page_body(
    state: &AppState,
    window: LogWindow,
    rows: &[LogEntryRecord],
    next: Option<LogPageToken>,
) -> Json<Value> {
    let mut body = Map::new();
    body.insert("start_time".into(), json!(format_date_us(window.start_us)));
    body.insert("end_time".into(), json!(format_date_us(window.end_us)));
    body.insert(
        "logs".into(),
        Value::Array(rows.iter().map(entry_view).collect()),
    );
    if let Some(next) = next {
        body.insert(
            "next_page".into(),
            json!(encrypt_log_token(
                state.storage().aes_key(),
                &next,
                state.clock().unix_s()
            )),
        );
    }
    Json(Value::Object(body))
}

/// `GET /api/v1/superuser/logs` (`listAllLogs`, `SuperUserLogs.get`): 20 entries per page, newest
/// first. Every non-empty page carries a `next_page`; the last one points past the end (Quay's
/// next log table), where an empty page without `next_page` follows.
pub async fn list_logs(
    State(state): State<AppState>,
    Extension(ctx): Extension<EndpointContext>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let args = parse_args(query.as_deref(), true)?;
    ctx.check_deferred()?;
    let window = window(&args, state.clock().unix_us())?;
    let token = args.next_page.as_deref().and_then(|text| {
        decrypt_log_token(state.storage().aes_key(), text, state.clock().unix_s())
    });
    let (from, page_number) = match token {
        // Past the last page: Quay's older log tables are empty.
        Some(LogPageToken::End) => return Ok(page_body(&state, window, &[], None)),
        Some(LogPageToken::At {
            datetime_us,
            id,
            page_number,
        }) => (Some((datetime_us, id)), page_number),
        None => (None, 0),
    };
    let mut rows = state
        .db(move |s| Ok(s.log_page(window.start_us, window.end_us, from, LOGS_PER_PAGE + 1)?))
        .await?;
    let next = match rows.get(LOGS_PER_PAGE) {
        Some(at) => Some(LogPageToken::At {
            datetime_us: at.datetime_us,
            id: at.id,
            page_number: page_number + 1,
        }),
        None if rows.is_empty() => None,
        None => Some(LogPageToken::End),
    };
    rows.truncate(LOGS_PER_PAGE);
    Ok(page_body(&state, window, &rows, next))
}

/// `GET /api/v1/superuser/aggregatelogs` (`listAllAggregateLogs`, `SuperUserAggregateLogs.get`):
/// counts per day of month and kind, dated with Quay's quirk (the window start's month). A window
/// over 31 days is Quay's unhandled `InvalidLogsDateRangeError` (500); the emulator answers 400
/// (DEVIATIONS.md).
pub async fn aggregate_logs(
    State(state): State<AppState>,
    Extension(ctx): Extension<EndpointContext>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let args = parse_args(query.as_deref(), false)?;
    ctx.check_deferred()?;
    let window = window(&args, state.clock().unix_us())?;
    if window.end_us - window.start_us > MAX_AGGREGATE_RANGE_US {
        return Err(invalid_range());
    }
    let counts = state
        .db(move |s| Ok(s.log_counts_by_day(window.start_us, window.end_us)?))
        .await?;
    // Quay groups by day of month only (two days of the window with the same day of month
    // share one item) and lists them by day of month, then kind id.
    let mut merged: Vec<(u32, i64, String, i64)> = Vec::new();
    for c in counts {
        let day = crate::dates::ymd(c.day).map_or(0, |(_, _, day)| day);
        match merged
            .iter_mut()
            .find(|(d, k, _, _)| *d == day && *k == c.kind_id)
        {
            Some(item) => item.3 += c.count,
            None => merged.push((day, c.kind_id, c.kind, c.count)),
        }
    }
    merged.sort_by_key(|(day, kind_id, _, _)| (*day, *kind_id));
    let mut aggregated = Vec::with_capacity(merged.len());
    for (day, _, kind, count) in merged {
        // Quay's `datetime(start.year, start.month, day)` raises for a day the start's month
        // lacks (500); the emulator answers 400 (DEVIATIONS.md).
        let date = aggregate_day(window.start_us, day).ok_or_else(invalid_range)?;
        aggregated.push(json!({"kind": kind, "count": count, "datetime": format_date_us(date)}));
    }
    Ok(Json(json!({ "aggregated": aggregated })))
}
