//! Flask's `request.get_json()`: the content-type check, then the parse. API routes render the
//! failures as shape B1, the initialize web route as Werkzeug HTML pages.

use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::error_pages::Page;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonBodyError {
    /// `Content-Type` missing or not JSON → 415.
    NotJson,
    /// JSON content type but unparsable body → 400.
    Malformed,
}

impl JsonBodyError {
    /// Shape B1 (API routes).
    pub fn api(self) -> ApiError {
        match self {
            JsonBodyError::NotJson => ApiError::RestfulMessage {
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                message: json!(
                    "Did not attempt to load JSON data because the request Content-Type was not \
                     'application/json'."
                ),
            },
            JsonBodyError::Malformed => ApiError::RestfulMessage {
                status: StatusCode::BAD_REQUEST,
                message: json!(
                    "The browser (or proxy) sent a request that this server could not understand."
                ),
            },
        }
    }

    /// Werkzeug pages (web routes such as initialize).
    pub fn page(self) -> ApiError {
        ApiError::Page(match self {
            JsonBodyError::NotJson => Page::unsupported_media_type(),
            JsonBodyError::Malformed => Page::bad_request(),
        })
    }
}

/// Werkzeug's `is_json`: `application/json` or `application/*+json`, parameters ignored.
pub fn is_json_content_type(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mime = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

pub fn parse_json_body(headers: &HeaderMap, body: &[u8]) -> Result<Value, JsonBodyError> {
    if !is_json_content_type(headers) {
        return Err(JsonBodyError::NotJson);
    }
    serde_json::from_slice(body).map_err(|_| JsonBodyError::Malformed)
}

/// An API operation's JSON body without a declared schema: 415/400 B1, and Quay's
/// `validate_json_request` 400 for a `null` body.
pub fn api_json_value(headers: &HeaderMap, body: &[u8]) -> Result<Value, ApiError> {
    let value = parse_json_body(headers, body).map_err(JsonBodyError::api)?;
    if value.is_null() {
        return Err(ApiError::invalid_request("Missing JSON body"));
    }
    Ok(value)
}

/// The JSON body of an API operation, parsed (415/400 B1), validated against the operation's
/// declared schema (400 A) and then checked against the access rule's deferred 403, in Quay's
/// order.
pub struct ApiJson(pub Value);

impl<S: Send + Sync> axum::extract::FromRequest<S> for ApiJson {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, s: &S) -> Result<Self, Self::Rejection> {
        let ValidatedJson(value, ctx) = ValidatedJson::from_request(req, s).await?;
        if let Some(ctx) = ctx {
            ctx.check_deferred()?;
        }
        Ok(ApiJson(value))
    }
}

/// Like [`ApiJson`] (parsed, validated against the schema) but the deferred 403 is left to the
/// handler, for operations where Quay checks something else between the schema and the
/// permission (`ctx.check_deferred()` must then be called).
pub struct ValidatedJson(pub Value, pub Option<crate::middleware::EndpointContext>);

impl<S: Send + Sync> axum::extract::FromRequest<S> for ValidatedJson {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, _: &S) -> Result<Self, Self::Rejection> {
        let ctx = req
            .extensions()
            .get::<crate::middleware::EndpointContext>()
            .cloned();
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
            .await
            .map_err(|_| JsonBodyError::Malformed.api())?;
        let value = parse_json_body(&parts.headers, &bytes).map_err(JsonBodyError::api)?;
        if let Some(ctx) = &ctx {
            // Quay's validate_json_request: a body of `null` (Python's `None`) is "Missing JSON
            // body"; empty objects and arrays go on to the schema.
            if ctx.info.body_schema.is_some() && value.is_null() {
                return Err(ApiError::invalid_request("Missing JSON body"));
            }
            if let Some(schema) = ctx.info.body_schema {
                crate::schema::validate(schema, &value).map_err(ApiError::invalid_request)?;
            }
        }
        Ok(ValidatedJson(value, ctx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ct(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn content_types() {
        assert!(is_json_content_type(&ct("application/json")));
        assert!(is_json_content_type(&ct("Application/JSON; charset=utf-8")));
        assert!(is_json_content_type(&ct("application/merge-patch+json")));
        assert!(!is_json_content_type(&ct("text/plain")));
        assert!(!is_json_content_type(&ct("text/json")));
        assert!(!is_json_content_type(&HeaderMap::new()));
    }

    #[test]
    fn parse_order() {
        assert_eq!(
            parse_json_body(&ct("text/plain"), b"{}"),
            Err(JsonBodyError::NotJson)
        );
        assert_eq!(
            parse_json_body(&ct("application/json"), b"{"),
            Err(JsonBodyError::Malformed)
        );
        assert_eq!(
            parse_json_body(&ct("application/json"), b""),
            Err(JsonBodyError::Malformed)
        );
        assert_eq!(
            parse_json_body(&ct("application/json"), b"[1]"),
            Ok(json!([1]))
        );
    }
}
