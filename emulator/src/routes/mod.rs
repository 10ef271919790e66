//! The route table and the router built from it.
//!
//! API routes (`/api/v1/...`) are listed in [`api_routes`]: path, method, Quay's operation nickname
//! and handler. Everything generic about them (OPTIONS, 405, the 308 catch-all for GET, the XHR
//! rule, credentials, CSRF, CORS) is done once by `middleware::api_layer`, so a new route is one
//! entry here plus its handler. The discovery document will be generated from the same table.

pub mod initialize;
pub mod static_files;
pub mod user;

use std::collections::HashMap;

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, on, MethodFilter, MethodRouter};
use axum::Router;

use crate::config::Config;
use crate::error::{NoCors, HTML};
use crate::state::AppState;

/// One API path and its operations.
pub struct ApiRoute {
    /// axum pattern, e.g. `/api/v1/superuser/users/{username}`.
    pub path: &'static str,
    pub endpoints: Vec<Endpoint>,
}

pub struct Endpoint {
    pub method: Method,
    /// Quay's operation id (`nickname`), for the discovery document.
    pub nickname: &'static str,
    router: MethodRouter<AppState>,
}

/// An operation of a route: `endpoint(Method::GET, "getLoggedInUser", user::get_user)`.
pub fn endpoint<H, T>(method: Method, nickname: &'static str, handler: H) -> Endpoint
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let filter = MethodFilter::try_from(method.clone())
        .unwrap_or_else(|_| panic!("route table uses an unsupported method {method}"));
    Endpoint {
        method,
        nickname,
        router: on(filter, handler),
    }
}

/// Every API route the configuration enables (Quay's `show_if` decides at start-up too).
pub fn api_routes(_config: &Config) -> Vec<ApiRoute> {
    vec![ApiRoute {
        path: "/api/v1/user/",
        endpoints: vec![endpoint(Method::GET, "getLoggedInUser", user::get_user)],
    }]
}

/// Route pattern → its methods, for the middleware.
pub fn route_methods(routes: &[ApiRoute]) -> HashMap<&'static str, Vec<Method>> {
    routes
        .iter()
        .map(|r| {
            (
                r.path,
                r.endpoints.iter().map(|e| e.method.clone()).collect(),
            )
        })
        .collect()
}

/// The whole application: initialize (a web route), the API routes, the dashboard fallback.
pub fn router(state: AppState, routes: Vec<ApiRoute>) -> Router {
    let mut api = Router::new();
    let mut slashless = Router::new();
    for route in routes {
        let methods = route
            .endpoints
            .into_iter()
            .fold(MethodRouter::new(), |acc, e| acc.merge(e.router));
        api = api.route(route.path, methods);
        // Strict-slash routing: the path without its trailing slash answers 308 (§1.1).
        if let Some(bare) = route.path.strip_suffix('/').filter(|b| !b.is_empty()) {
            slashless = slashless.route(bare, any(redirect_with_slash));
        }
    }
    let api = api.route_layer(middleware::from_fn_with_state(
        state.clone(),
        crate::middleware::api_layer,
    ));
    Router::new()
        .route(
            "/api/v1/user/initialize",
            axum::routing::post(initialize::initialize)
                .options(initialize::options)
                .get(redirect_with_slash)
                .fallback(initialize::method_not_allowed),
        )
        .merge(api)
        .merge(slashless)
        .fallback(static_files::serve)
        .layer(middleware::from_fn(crate::middleware::finalize))
        .with_state(state)
}

/// `<scheme>://<Host>` of the request, which Quay uses for every absolute URL it builds.
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// 308 to the same URL with `/` appended to the path (query kept), no CORS.
pub async fn redirect_with_slash(req: Request) -> Response {
    let mut location = format!("{}{}/", base_url(req.headers()), req.uri().path());
    if let Some(query) = req.uri().query() {
        location.push('?');
        location.push_str(query);
    }
    crate::pages::redirect_308(&location)
}

/// Quay's `Allow` set for a route: its methods plus HEAD, OPTIONS and GET (the web catch-all),
/// in the order Quay was observed to print them (`OPTIONS, HEAD, POST, GET`,
/// `OPTIONS, HEAD, DELETE, GET, PUT`).
pub fn allow_header(methods: &[Method]) -> String {
    let mut out = vec!["OPTIONS", "HEAD"];
    for candidate in ["DELETE", "POST", "GET", "PUT", "PATCH"] {
        if candidate == "GET" || methods.iter().any(|m| m.as_str() == candidate) {
            out.push(candidate);
        }
    }
    out.join(", ")
}

/// The automatic OPTIONS answer: 200, empty, `text/html`, `Allow`.
pub fn options_response(methods: &[Method]) -> Response {
    let mut resp = StatusCode::OK.into_response();
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    if let Ok(allow) = HeaderValue::from_str(&allow_header(methods)) {
        headers.insert(header::ALLOW, allow);
    }
    resp
}

/// A response that must never get CORS headers.
pub fn without_cors(mut resp: Response) -> Response {
    resp.extensions_mut().insert(NoCors);
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_matches_observed_orders() {
        assert_eq!(allow_header(&[Method::POST]), "OPTIONS, HEAD, POST, GET");
        assert_eq!(
            allow_header(&[Method::GET, Method::PUT, Method::DELETE]),
            "OPTIONS, HEAD, DELETE, GET, PUT"
        );
        assert_eq!(allow_header(&[Method::GET]), "OPTIONS, HEAD, GET");
    }
}
