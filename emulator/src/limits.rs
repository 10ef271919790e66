//! The request limits of Quay's nginx, in front of its API: a body over `client_max_body_size`
//! (nginx's default 1 MiB, which Quay's config keeps for `/api/`) is refused with 413, whether
//! its `Content-Length` says so or its chunks add up to it, and a
//! request the backend has not answered within `proxy_read_timeout` (60 s) gets 504. Both as
//! nginx's own error pages, which is what a client of real Quay receives (see `fault`).
//!
//! Outermost layer, so injected latency (`--fault-latency-ms`) counts toward the timeout.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use crate::config::CorsOrigin;
use crate::fault::fault_response;

/// nginx's default `client_max_body_size`.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;
/// nginx's default `proxy_read_timeout`.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct Limits {
    pub request_timeout: Duration,
    pub cors_origin: CorsOrigin,
}

pub async fn enforce(State(limits): State<Limits>, req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return fault_response(413, req.uri().path(), req.headers(), &limits.cors_origin);
    }
    // A chunked body declares no length: count the bytes as they arrive, as nginx does.
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY_BYTES as usize).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return fault_response(413, parts.uri.path(), &parts.headers, &limits.cors_origin)
        }
    };
    let req = Request::from_parts(parts, axum::body::Body::from(bytes));
    let (path, headers) = (req.uri().path().to_string(), req.headers().clone());
    match tokio::time::timeout(limits.request_timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => fault_response(504, &path, &headers, &limits.cors_origin),
    }
}
