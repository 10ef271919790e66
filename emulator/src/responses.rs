//! Response builders the routes share: a header set only when its value is valid, a JSON body
//! with Quay's content type, and Quay's `util.http.abort` on a web route.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::{HTML, JSON};
use crate::routes::without_cors;

/// Sets `name` unless `value` is not a valid header value.
pub fn set_header(resp: &mut Response, name: HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().insert(name, v);
    }
}

/// A JSON body as Quay's `jsonify`-less responses send it (`application/json`, no CORS decision).
pub fn json_response(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    resp
}

/// Shape C on a web route, with Flask's raw CORS headers for the URL's `Allow` set (`_abort`).
/// Quay's `util.http.abort` on a web route: shape C with the raw web CORS headers.
pub fn web_abort(status: StatusCode, error: String, allow: &str) -> Response {
    let mut resp = (status, json!({ "error": error }).to_string()).into_response();
    set_header(&mut resp, header::CONTENT_TYPE, HTML);
    set_header(
        &mut resp,
        HeaderName::from_static("access-control-allow-origin"),
        "*",
    );
    set_header(
        &mut resp,
        HeaderName::from_static("access-control-allow-methods"),
        allow,
    );
    set_header(
        &mut resp,
        HeaderName::from_static("access-control-max-age"),
        "21600",
    );
    for value in ["Authorization", "Content-Type"] {
        resp.headers_mut().append(
            HeaderName::from_static("access-control-allow-headers"),
            HeaderValue::from_static(value),
        );
    }
    set_header(&mut resp, header::VARY, "Origin");
    without_cors(resp)
}

/// `make_response("", status)`: an empty `text/html` body.
pub fn empty_html(status: StatusCode) -> Response {
    let mut resp = status.into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    resp
}
