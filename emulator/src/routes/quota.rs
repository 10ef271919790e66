//! The superuser quota endpoints (Quay: `endpoints/api/superuser.py`, `SuperUserUserQuotaList`,
//! `SuperUserUserQuota`): list, create, change and delete a namespace's quota under
//! `/api/v1/superuser/organization/{namespace}/quota` and `/api/v1/superuser/users/{namespace}/quota`
//! (the path word is not enforced), with Quay's `limit` parsing (bitmath), its number handling
//! (a float `limit_bytes` after a PUT with `limit`) and no log entries.

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::Json;
use rusqlite::types::Value as SqlValue;
use serde_json::{json, Number, Value};

use crate::body::{parse_json_body, JsonBodyError};
use crate::config::Config;
use crate::error::ApiError;
use crate::middleware::EndpointContext;
use crate::python::python_float;
use crate::responses::json_response;
use crate::routes::{endpoint, ApiRoute};
use crate::state::AppState;
use crate::storage::{QuotaLimit, QuotaRecord, Storage};

/// The four routes (Quay's `SuperUserUserQuotaList` and `SuperUserUserQuota`, each registered
/// for the users path first): present with quota management and edit-quota on.
pub fn routes() -> Vec<ApiRoute> {
    let list = |path, [get, post]: [&'static str; 2]| {
        ApiRoute::new(
            path,
            "superuser",
            "endpoints.api.superuser.SuperUserUserQuotaList",
        )
        .op(endpoint(Method::GET, get, list_quotas).any_superuser())
        .op(endpoint(Method::POST, post, create_quota)
            .superuser()
            .body("NewNamespaceQuota"))
    };
    let item = |path, [put, delete]: [&'static str; 2]| {
        ApiRoute::new(
            path,
            "superuser",
            "endpoints.api.superuser.SuperUserUserQuota",
        )
        .op(endpoint(Method::PUT, put, update_quota)
            .superuser()
            .body("UpdateNamespaceQuota"))
        // Quay's delete has no require_fresh_login.
        .op(endpoint(Method::DELETE, delete, delete_quota).superuser_without_fresh_login())
    };
    vec![
        list(
            "/api/v1/superuser/users/{namespace}/quota",
            ["listUserQuotaSuperUser", "createUserQuotaSuperUser"],
        ),
        list(
            "/api/v1/superuser/organization/{namespace}/quota",
            [
                "listOrganizationQuotaSuperUser",
                "createOrganizationQuotaSuperUser",
            ],
        ),
        item(
            "/api/v1/superuser/users/{namespace}/quota/{quota_id}",
            ["changeUserQuotaSuperUser", "deleteUserQuotaSuperUser"],
        ),
        item(
            "/api/v1/superuser/organization/{namespace}/quota/{quota_id}",
            [
                "changeOrganizationQuotaSuperUser",
                "deleteOrganizationQuotaSuperUser",
            ],
        ),
    ]
}

/// The body of a quota POST/PUT: parsed (415/400 B1), `null` refused ("Missing JSON body"),
/// validated against the operation's `oneOf` schema with the body as sent (Python shows objects
/// in their own key order), then the deferred 403 — Quay's `validate_json_request` order.
pub struct QuotaBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for QuotaBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        let ctx = req.extensions().get::<EndpointContext>().cloned();
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
            .await
            .map_err(|_| JsonBodyError::Malformed.api())?;
        let value = parse_json_body(&parts.headers, &bytes).map_err(JsonBodyError::api)?;
        if value.is_null() {
            return Err(ApiError::invalid_request("Missing JSON body"));
        }
        if let Some(ctx) = ctx {
            if let Some(schema) = ctx.info.body_schema {
                crate::schema::validate_source(schema, &value, &bytes)
                    .map_err(ApiError::invalid_request)?;
            }
            ctx.check_deferred()?;
        }
        Ok(QuotaBody(value))
    }
}

/// A byte count as Quay's handler holds it: a JSON integer, or a Python float (JSON floats and
/// everything bitmath parses).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ByteValue {
    Int(i128),
    Float(f64),
}

impl ByteValue {
    fn from_json(value: &Value) -> Option<ByteValue> {
        match value {
            Value::Number(n) => Some(match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => ByteValue::Int(i128::from(i)),
                (None, Some(u)) => ByteValue::Int(i128::from(u)),
                _ => ByteValue::Float(n.as_f64()?),
            }),
            _ => None,
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            ByteValue::Int(i) => i as f64,
            ByteValue::Float(f) => f,
        }
    }

    /// `value > 0`.
    fn positive(self) -> bool {
        match self {
            ByteValue::Int(i) => i > 0,
            ByteValue::Float(f) => f > 0.0,
        }
    }

    /// Python's truthiness (`nan` is truthy).
    fn truthy(self) -> bool {
        match self {
            ByteValue::Int(i) => i != 0,
            ByteValue::Float(f) => f != 0.0,
        }
    }

    /// Python's `str()`.
    fn py_str(self) -> String {
        match self {
            ByteValue::Int(i) => i.to_string(),
            ByteValue::Float(f) => py_float_repr(f),
        }
    }

    /// The stored integer (peewee's `int()`), if the column can hold it.
    fn stored(self) -> Option<i64> {
        match self {
            ByteValue::Int(i) => i64::try_from(i).ok(),
            // 2^63 is the first float beyond i64.
            ByteValue::Float(f) if f.is_finite() && f.trunc() >= -(2f64.powi(63)) => {
                (f.trunc() < 2f64.powi(63)).then_some(f.trunc() as i64)
            }
            ByteValue::Float(_) => None,
        }
    }

    /// The value as Quay's JSON shows it (an integer stays an integer, a float a float).
    fn to_json(self) -> Value {
        match self {
            ByteValue::Int(i) => i64::try_from(i).map_or(Value::Null, Value::from),
            ByteValue::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        }
    }
}

/// Python's `repr(float)`: the shortest round-trip digits, positional for exponents -4…15,
/// otherwise `d.ddde±XX`.
pub fn py_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits = mantissa.replace('.', "");
    if (-4..16).contains(&exp) {
        // Digits before the decimal point.
        let point = exp + 1;
        if point <= 0 {
            format!(
                "{sign}0.{}{digits}",
                "0".repeat(point.unsigned_abs() as usize)
            )
        } else if point as usize >= digits.len() {
            format!(
                "{sign}{digits}{}.0",
                "0".repeat(point as usize - digits.len())
            )
        } else {
            let (int, frac) = digits.split_at(point as usize);
            format!("{sign}{int}.{frac}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let mantissa = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exp_sign}{:02}", exp.unsigned_abs())
    }
}

/// bitmath's `parse_string_unsafe(value).to_Byte().value` (bitmath 1.3.3.1): a number is bytes;
/// a string is a float or a number with an SI (`k`/`K`, `M` … `Y`, base 1000) or NIST (`Ki` …
/// `Ei`, base 1024) unit, case-insensitive, trailing `B`/`b`s ignored. `None` is Quay's
/// "Invalid limit format" (bitmath's `ValueError`).
pub fn parse_limit(value: &Value) -> Option<ByteValue> {
    let text = match value {
        Value::Bool(b) => return Some(ByteValue::Float(f64::from(u8::from(*b)))),
        Value::Number(n) => return n.as_f64().map(ByteValue::Float),
        Value::String(s) => s,
        _ => return None,
    };
    if let Some(f) = python_float(text) {
        return Some(ByteValue::Float(f));
    }
    // The number is everything before the first letter, the unit everything from it.
    let index = text
        .char_indices()
        .find(|(_, c)| c.is_alphabetic())
        .map(|(i, _)| i)?;
    let (number, unit) = text.split_at(index);
    let unit: Vec<char> = unit.trim_end_matches(['B', 'b']).chars().collect();
    let upper = |c: char| {
        let mut up = c.to_uppercase();
        match (up.next(), up.next()) {
            (Some(u), None) => Some(u),
            _ => None,
        }
    };
    let multiplier = match unit.as_slice() {
        // "<prefix>B": SI.
        [c] => match if *c == 'k' { Some('k') } else { upper(*c) } {
            Some('k' | 'K') => 1e3,
            Some('M') => 1e6,
            Some('G') => 1e9,
            Some('T') => 1e12,
            Some('P') => 1e15,
            Some('E') => 1e18,
            Some('Z') => 1e21,
            Some('Y') => 1e24,
            _ => return None,
        },
        // "<prefix>iB": NIST (bitmath has no ZiB or YiB).
        [c, 'i'] => {
            let power = match upper(*c) {
                Some('K') => 10,
                Some('M') => 20,
                Some('G') => 30,
                Some('T') => 40,
                Some('P') => 50,
                Some('E') => 60,
                _ => return None,
            };
            2f64.powi(power)
        }
        _ => return None,
    };
    Some(ByteValue::Float(python_float(number)? * multiplier))
}

/// bitmath's `Byte(bytes).best_prefix().format("{value:.1f} {unit}")`: binary prefixes up to
/// EiB, chosen by `int(math.log(bytes, 1024))` (floating point, as Python computes it), and
/// bits below one byte.
pub fn best_prefix(bytes: f64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if bytes.abs() < 1.0 {
        return format!("{:.1} Bit", bytes * 8.0);
    }
    let index = (bytes.abs().ln() / 1024f64.ln()) as usize;
    if index == 0 {
        return format!("{bytes:.1} Byte");
    }
    let step = index.min(UNITS.len());
    let value = bytes / 2f64.powi(10 * step as i32);
    format!("{value:.1} {}", UNITS[step - 1])
}

fn limit_view(limit: &QuotaLimit) -> Value {
    json!({"id": limit.id, "type": limit.limit_type, "limit_percent": limit.percent_of_limit})
}

/// `default_config_exists`: Quay's `DEFAULT_SYSTEM_REJECT_QUOTA_BYTES != 0` (default 0).
fn default_config_exists(config: &Config) -> bool {
    match config.raw("DEFAULT_SYSTEM_REJECT_QUOTA_BYTES") {
        None | Some(Value::Bool(false)) => false,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(_) => true,
    }
}

/// Quay's `quota_view` of a namespace's own quota, `limit_bytes` as the handler holds it.
fn quota_view(quota: &QuotaRecord, limit_bytes: ByteValue, config: &Config) -> Value {
    json!({
        "id": quota.id,
        "limit_bytes": limit_bytes.to_json(),
        "limit": best_prefix(limit_bytes.as_f64()),
        "default_config": false,
        "limits": quota.limits.iter().map(limit_view).collect::<Vec<_>>(),
        "default_config_exists": default_config_exists(config),
    })
}

/// Quay's `get_user_or_org`: the user or organization of that name (non-ASCII names and robots
/// match nothing).
fn user_or_org(s: &Storage, name: &str) -> Result<Option<i64>, ApiError> {
    if !name.is_ascii() {
        return Ok(None);
    }
    Ok(s.user_or_org_id(name)?)
}

/// The namespace of a quota write. Quay's POST, PUT and DELETE do not check `get_user_or_org`'s
/// `None` (only the list answers 404): `namespace_user.username` raises `AttributeError`, Quay's
/// 500 page.
fn namespace_of(s: &Storage, name: &str) -> Result<i64, ApiError> {
    user_or_org(s, name)?.ok_or(ApiError::Crash(
        "AttributeError: 'NoneType' object has no attribute 'username'",
    ))
}

/// Quay's `get_quota`: the namespace's quota with this id (peewee's `int()` of the path text, or
/// the text itself), else 404.
fn quota_of(s: &Storage, namespace_id: i64, quota_id: &str) -> Result<QuotaRecord, ApiError> {
    let key = match crate::python::parse_int(quota_id) {
        Some(id) => SqlValue::Integer(id),
        None => SqlValue::Text(quota_id.to_string()),
    };
    s.namespace_quota(namespace_id, &key)?
        .ok_or_else(ApiError::not_found)
}

/// Quay's `create_namespace_quota` / `update_namespace_quota_size` checks: the value must be
/// positive and (Quay's `UnsupportedQuotaSize`) fit the column.
fn checked(bytes: ByteValue) -> Result<i64, ApiError> {
    if !bytes.positive() {
        return Err(ApiError::invalid_request(format!(
            "Invalid quota size limit value: '{}'",
            bytes.py_str()
        )));
    }
    bytes
        .stored()
        .ok_or_else(|| ApiError::invalid_request("Unsupported quota size limit."))
}

fn invalid_limit() -> ApiError {
    ApiError::invalid_request("Invalid limit format")
}

/// `GET …/quota` (`listUserQuotaSuperUser`, `listOrganizationQuotaSuperUser`;
/// `SuperUserUserQuotaList.get`).
pub async fn list_quotas(
    State(state): State<AppState>,
    Path(namespace): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let quotas = state
        .db(move |s| {
            let ns = user_or_org(s, &namespace)?.ok_or_else(ApiError::not_found)?;
            Ok(s.namespace_quotas(ns)?)
        })
        .await?;
    let config = state.config();
    Ok(Json(Value::Array(
        quotas
            .iter()
            .map(|q| quota_view(q, ByteValue::Int(i128::from(q.limit_bytes)), config))
            .collect(),
    )))
}

/// `POST …/quota` (`createUserQuotaSuperUser`, `createOrganizationQuotaSuperUser`;
/// `SuperUserUserQuotaList.post`): 201 `"Created"`.
pub async fn create_quota(
    State(state): State<AppState>,
    Path(namespace): Path<String>,
    QuotaBody(body): QuotaBody,
) -> Result<Response, ApiError> {
    let bytes = match body.get("limit") {
        Some(limit) => parse_limit(limit).ok_or_else(invalid_limit)?,
        // The schema made it an integer.
        None => ByteValue::from_json(&body["limit_bytes"]).ok_or_else(invalid_limit)?,
    };
    state
        .db(move |s| {
            let ns = namespace_of(s, &namespace)?;
            let exists =
                || ApiError::invalid_request(format!("Quota for '{namespace}' already exists"));
            if !s.namespace_quotas(ns)?.is_empty() {
                return Err(exists());
            }
            s.create_quota(ns, checked(bytes)?)?.ok_or_else(exists)
        })
        .await?;
    Ok(json_response(StatusCode::CREATED, "\"Created\"\n".into()))
}

/// `PUT …/quota/{quota_id}` (`changeUserQuotaSuperUser`, `changeOrganizationQuotaSuperUser`;
/// `SuperUserUserQuota.put`): only a truthy value is applied; the view shows it as the handler
/// holds it.
pub async fn update_quota(
    State(state): State<AppState>,
    Path((namespace, quota_id)): Path<(String, String)>,
    QuotaBody(body): QuotaBody,
) -> Result<Json<Value>, ApiError> {
    let (quota, shown) = state
        .db(move |s| {
            let ns = namespace_of(s, &namespace)?;
            let quota = quota_of(s, ns, &quota_id)?;
            let requested = match (body.get("limit"), body.get("limit_bytes")) {
                (Some(limit), _) => Some(parse_limit(limit).ok_or_else(invalid_limit)?),
                (None, Some(bytes)) => ByteValue::from_json(bytes),
                (None, None) => None,
            };
            match requested.filter(|b| b.truthy()) {
                Some(bytes) => {
                    s.set_quota_limit_bytes(quota.id, checked(bytes)?)?;
                    Ok((quota, bytes))
                }
                None => {
                    let stored = ByteValue::Int(i128::from(quota.limit_bytes));
                    Ok((quota, stored))
                }
            }
        })
        .await?;
    Ok(Json(quota_view(&quota, shown, state.config())))
}

/// `DELETE …/quota/{quota_id}` (`deleteUserQuotaSuperUser`, `deleteOrganizationQuotaSuperUser`;
/// `SuperUserUserQuota.delete`): 204, empty.
pub async fn delete_quota(
    State(state): State<AppState>,
    Path((namespace, quota_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    state
        .db(move |s| {
            let ns = namespace_of(s, &namespace)?;
            let quota = quota_of(s, ns, &quota_id)?;
            Ok(s.delete_quota(quota.id)?)
        })
        .await?;
    Ok(json_response(StatusCode::NO_CONTENT, String::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<ByteValue> {
        parse_limit(&json!(text))
    }

    #[test]
    fn float_repr_like_python() {
        for (f, text) in [
            (3221225472.0, "3221225472.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (-5.0, "-5.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-1.25e-7, "-1.25e-07"),
            (123.456, "123.456"),
            (1e300, "1e+300"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(py_float_repr(f), text, "{f}");
        }
    }

    #[test]
    fn bitmath_units() {
        let gib = 1_073_741_824.0;
        for (text, value) in [
            ("3 GiB", 3.0 * gib),
            ("3GiB", 3.0 * gib),
            ("3 Gi", 3.0 * gib),
            ("3 gib", 3.0 * gib),
            ("500 MiB", 524_288_000.0),
            ("5 K", 5000.0),
            ("5 KB", 5000.0),
            ("5 kb", 5000.0),
            ("5 m", 5e6),
            ("2 T", 2e12),
            ("7 EiB", 7.0 * 2f64.powi(60)),
            ("1 Z", 1e21),
            ("1 YB", 1e24),
            ("0 GiB", 0.0),
            ("12", 12.0),
            ("5 GiBBB", 5.0 * gib),
            ("12.5 GiB", 12.5 * gib),
            ("-5 GiB", -5.0 * gib),
        ] {
            assert_eq!(parsed(text), Some(ByteValue::Float(value)), "{text}");
        }
        for bad in [
            "5 B", "5 ZiB", "5 YiB", "5 Zi", "5 Yi", "5 X", "GiB", "5 KIB", "ten gigs", "5 G iB",
        ] {
            assert_eq!(parsed(bad), None, "{bad}");
        }
        assert_eq!(parse_limit(&json!(7)), Some(ByteValue::Float(7.0)));
        assert_eq!(parse_limit(&json!(true)), Some(ByteValue::Float(1.0)));
        assert_eq!(parse_limit(&json!(null)), None);
        assert_eq!(parse_limit(&json!([1])), None);
    }

    #[test]
    fn best_prefix_like_bitmath() {
        for (bytes, text) in [
            (1000.0, "1000.0 Byte"),
            (1.0, "1.0 Byte"),
            (1023.0, "1023.0 Byte"),
            (1024.0, "1.0 KiB"),
            (5000.0, "4.9 KiB"),
            (524_288_000.0, "500.0 MiB"),
            (10_737_418_240.0, "10.0 GiB"),
            (3_221_225_472.0, "3.0 GiB"),
            (1_073_741_823.0, "1024.0 MiB"),
            (2f64.powi(50) - 1.0, "1.0 PiB"),
            (2f64.powi(62), "4.0 EiB"),
            (0.0, "0.0 Bit"),
        ] {
            assert_eq!(best_prefix(bytes), text, "{bytes}");
        }
    }

    #[test]
    fn stored_values() {
        assert_eq!(ByteValue::Float(3.0e9).stored(), Some(3_000_000_000));
        assert_eq!(ByteValue::Float(0.5).stored(), Some(0));
        assert_eq!(ByteValue::Float(1e19).stored(), None);
        assert_eq!(ByteValue::Float(f64::INFINITY).stored(), None);
        assert_eq!(ByteValue::Int(i128::from(u64::MAX)).stored(), None);
        assert_eq!(ByteValue::Int(5).to_json(), json!(5));
        assert_eq!(ByteValue::Float(5.0).to_json().to_string(), "5.0");
        assert!(ByteValue::Float(f64::NAN).truthy() && !ByteValue::Float(f64::NAN).positive());
        assert_eq!(ByteValue::Float(-0.0).py_str(), "-0.0");
    }
}
