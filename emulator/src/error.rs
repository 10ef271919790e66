//! The one error type of the HTTP layer. Each variant renders one of Quay's error shapes
//! (README.md, "Error shapes").
//!
//! Shape A needs the request's scheme and `Host` for its `type` URL, which a handler does not know:
//! the response carries the error in an extension and the outermost middleware (`finalize`)
//! re-renders the body once it knows the base URL.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use crate::error_pages::Page;
use crate::storage::StorageError;

pub const JSON: &str = "application/json";
pub const HTML: &str = "text/html; charset=utf-8";

/// Marks a response that must not get CORS headers (shape B2, redirects, 500, web routes).
#[derive(Debug, Clone, Copy)]
pub struct NoCors;

/// A shape A error waiting for its `type` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiExceptionBody {
    pub status: StatusCode,
    pub error_type: &'static str,
    pub detail: String,
    /// Adds `"session_required": false` (only `GET /api/v1/user/` does).
    pub adds_session_required: bool,
}

impl ApiExceptionBody {
    /// The body, with `type` = `<base>/api/v1/error/<error_type>`.
    pub fn body(&self, base_url: &str) -> String {
        let mut body = Map::new();
        if self.adds_session_required {
            body.insert("session_required".into(), Value::Bool(false));
        }
        body.insert("detail".into(), json!(self.detail));
        body.insert("error_message".into(), json!(self.detail));
        body.insert("error_type".into(), json!(self.error_type));
        body.insert("title".into(), json!(self.error_type));
        body.insert(
            "type".into(),
            json!(format!("{base_url}/api/v1/error/{}", self.error_type)),
        );
        body.insert("status".into(), json!(self.status.as_u16()));
        Value::Object(body).to_string()
    }
}

#[derive(Debug)]
pub enum ApiError {
    /// Quay's `ApiException.to_dict` (shape A): `{"detail", "error_message", "error_type",
    /// "title", "type", "status"}`.
    ApiException(ApiExceptionBody),
    /// flask-restful's own answer `{"message": …}` (shape B1: argument errors, where the message
    /// may be an object), with CORS.
    RestfulMessage { status: StatusCode, message: Value },
    /// Quay's `handle_dme` for a `DataModelException` (shape B2): `{"message": "…"}`, compact,
    /// no CORS.
    DataModelMessage { status: StatusCode, message: String },
    /// Quay's `util.http.abort` (shape C): `{"error": "…"}` served as `text/html`.
    WebAbort { status: StatusCode, error: String },
    /// Shape D: an HTML page (Werkzeug's), no CORS.
    Page(Page),
    /// A failure of the emulator itself (storage): Quay's 500 page for an unhandled exception
    /// ([`crate::error_pages::unhandled_exception`]); the cause goes to stderr only.
    Internal(String),
    /// Where Quay itself crashes (an exception nothing handles, e.g. a `KeyError`): the same
    /// 500 page, imitated on purpose, so nothing goes to stderr. The text names Quay's exception.
    Crash(&'static str),
}

impl ApiError {
    fn a(status: StatusCode, error_type: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::ApiException(ApiExceptionBody {
            status,
            error_type,
            detail: detail.into(),
            adds_session_required: false,
        })
    }

    pub fn invalid_token() -> ApiError {
        ApiError::a(
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            "Requires authentication",
        )
    }

    /// `GET /api/v1/user/`'s 401, which adds `"session_required": false`.
    pub fn invalid_token_no_session() -> ApiError {
        ApiError::ApiException(ApiExceptionBody {
            status: StatusCode::UNAUTHORIZED,
            error_type: "invalid_token",
            detail: "Requires authentication".into(),
            adds_session_required: true,
        })
    }

    pub fn unauthorized() -> ApiError {
        ApiError::a(StatusCode::FORBIDDEN, "insufficient_scope", "Unauthorized")
    }

    /// Quay's `raise Unauthorized()` in a handler: 401 for nobody signed in, 403 otherwise.
    pub fn unauthorized_for(auth: &crate::auth::RequestAuth) -> ApiError {
        if auth.user().is_none() {
            ApiError::invalid_token()
        } else {
            ApiError::unauthorized()
        }
    }

    pub fn fresh_login_required() -> ApiError {
        ApiError::a(
            StatusCode::UNAUTHORIZED,
            "fresh_login_required",
            "Requires fresh login",
        )
    }

    pub fn not_found() -> ApiError {
        ApiError::a(StatusCode::NOT_FOUND, "not_found", "Not Found")
    }

    pub fn invalid_request(detail: impl Into<String>) -> ApiError {
        ApiError::a(StatusCode::BAD_REQUEST, "invalid_request", detail)
    }

    /// A data-layer validation error (400 B2).
    pub fn model(message: impl Into<String>) -> ApiError {
        ApiError::DataModelMessage {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// The CSRF 403; with a signed-in session Quay appends who it was.
    pub fn csrf(signed_in_as: Option<&str>) -> ApiError {
        let mut error = "CSRF token was invalid or missing.".to_string();
        if let Some(user) = signed_in_as {
            error.push_str(&format!(" (authorized: user {user})"));
        }
        ApiError::WebAbort {
            status: StatusCode::FORBIDDEN,
            error,
        }
    }

    /// The browser XHR rule (Quay: `endpoints/decorators.py`, `require_xhr_from_browser`).
    pub fn xhr_required() -> ApiError {
        ApiError::WebAbort {
            status: StatusCode::BAD_REQUEST,
            error: "API calls must be invoked with an X-Requested-With header if called from a \
                    browser"
                .into(),
        }
    }

    /// An operation Quay serves that the emulator only routes (see DEVIATIONS.md): 501.
    pub fn not_implemented() -> ApiError {
        ApiError::a(
            StatusCode::NOT_IMPLEMENTED,
            "not_implemented",
            "This operation is not implemented by the Quay emulator",
        )
    }

    pub fn method_not_allowed() -> ApiError {
        ApiError::RestfulMessage {
            status: StatusCode::METHOD_NOT_ALLOWED,
            message: json!("The method is not allowed for the requested URL."),
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

fn with_type(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::ApiException(shape) => {
                // Rendered without a host here; `finalize` fills in the real base URL.
                let mut resp = with_type(shape.status, JSON, shape.body(""));
                resp.extensions_mut().insert(shape);
                resp
            }
            ApiError::RestfulMessage { status, message } => {
                with_type(status, JSON, json!({ "message": message }).to_string())
            }
            ApiError::DataModelMessage { status, message } => {
                let mut resp = with_type(status, JSON, json!({ "message": message }).to_string());
                resp.extensions_mut().insert(NoCors);
                resp
            }
            ApiError::WebAbort { status, error } => {
                with_type(status, HTML, json!({ "error": error }).to_string())
            }
            ApiError::Page(page) => page.into_response(),
            ApiError::Internal(cause) => {
                eprintln!("quay-emulator: internal error: {cause}");
                crate::error_pages::unhandled_exception()
            }
            ApiError::Crash(_) => crate::error_pages::unhandled_exception(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_a_body() {
        let ApiError::ApiException(shape) = ApiError::not_found() else {
            panic!()
        };
        let body: Value = serde_json::from_str(&shape.body("http://h:1")).unwrap();
        assert_eq!(
            body,
            json!({"detail": "Not Found", "error_message": "Not Found", "error_type": "not_found",
                   "title": "not_found", "type": "http://h:1/api/v1/error/not_found", "status": 404})
        );
        let ApiError::ApiException(shape) = ApiError::invalid_token_no_session() else {
            panic!()
        };
        let body: Value = serde_json::from_str(&shape.body("http://h:1")).unwrap();
        assert_eq!(body["session_required"], json!(false));
        assert_eq!(body["status"], json!(401));
    }

    #[test]
    fn csrf_suffix() {
        let ApiError::WebAbort { error, .. } = ApiError::csrf(Some("admin")) else {
            panic!()
        };
        assert_eq!(
            error,
            "CSRF token was invalid or missing. (authorized: user admin)"
        );
    }
}
