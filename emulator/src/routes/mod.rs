//! The route table and the router built from it.
//!
//! API routes (`/api/v1/...`) are listed in [`api_routes`]: path, tag, path parameters and per
//! method Quay's operation nickname, handler and **access rule** ([`Access`]: the scope or
//! superuser status the caller needs). Everything generic about them (OPTIONS, 405, the 308
//! catch-all for GET, the XHR rule, credentials, CSRF, the 401/403 of the access rule, fresh login,
//! CORS) is done once by `middleware::api_layer`, so a new route is one entry here plus its
//! handler. The discovery document is generated from the same table.

pub mod builds;
pub mod discovery;
pub mod initialize;
pub mod keyserver;
pub mod logs;
pub mod oauth;
pub mod organization;
pub mod quota;
pub mod registry_size;
pub mod service_keys;
pub mod session;
pub mod static_files;
pub mod superuser;
pub mod team;
pub mod user;
pub mod web_config;

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, on, MethodFilter, MethodRouter};
use axum::Router;

use crate::auth::Scopes;
use crate::config::Config;
use crate::error::{NoCors, HTML};
use crate::state::AppState;

/// Who may call an operation (Quay's `require_scope` + permission checks + `anon_allowed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (Quay's `@anon_allowed`): discovery, signin, signout.
    Anonymous,
    /// The handler answers itself; `scope` is only declared (discovery). `GET /api/v1/user/`.
    Handler { scope: Scopes },
    /// A signed-in user whose credentials carry `scope`, else 401 (nobody signed in) / 403.
    /// `before_body`: checked before the JSON body (Quay's `require_user_admin` decorator);
    /// otherwise after the body validated (permission checks inside Quay's handlers).
    Scope { scope: Scopes, before_body: bool },
    /// A superuser (`SUPER_USERS`) whose credentials carry `super:user`, checked after the body;
    /// session callers also need a fresh login unless `fresh_login` is false.
    SuperUser { fresh_login: bool },
    /// Quay's `allow_if_any_superuser` (read-only superuser views): a superuser as above, or a
    /// global read-only superuser (`GLOBAL_READONLY_SUPER_USERS`) whatever its token's scopes.
    AnySuperUser { fresh_login: bool },
}

impl Access {
    /// The scope the discovery document lists for the operation.
    pub fn declared_scope(self) -> Option<Scopes> {
        match self {
            Access::Anonymous => None,
            Access::Handler { scope } | Access::Scope { scope, .. } => Some(scope),
            Access::SuperUser { .. } | Access::AnySuperUser { .. } => Some(Scopes::SUPER_USER),
        }
    }

    /// Superuser routes: 401 at once for nobody signed in, fresh login for sessions.
    pub fn superuser_fresh_login(self) -> Option<bool> {
        match self {
            Access::SuperUser { fresh_login } | Access::AnySuperUser { fresh_login } => {
                Some(fresh_login)
            }
            _ => None,
        }
    }
}

/// One API path and its operations.
pub struct ApiRoute {
    /// axum pattern (also the Swagger path), e.g. `/api/v1/superuser/users/{username}`.
    pub path: &'static str,
    /// Discovery tag (`x-tag`), e.g. `user`, `organization`.
    pub tag: &'static str,
    /// Quay's resource class (`x-name`), e.g. `endpoints.api.user.User`.
    pub class: &'static str,
    /// Path parameters with their descriptions, in the order Quay declares them.
    pub params: Vec<(&'static str, &'static str)>,
    pub endpoints: Vec<Endpoint>,
}

impl ApiRoute {
    pub fn new(path: &'static str, tag: &'static str, class: &'static str) -> ApiRoute {
        ApiRoute {
            path,
            tag,
            class,
            params: Vec::new(),
            endpoints: Vec::new(),
        }
    }

    pub fn param(mut self, name: &'static str, description: &'static str) -> ApiRoute {
        self.params.push((name, description));
        self
    }

    pub fn op(mut self, endpoint: Endpoint) -> ApiRoute {
        self.endpoints.push(endpoint);
        self
    }
}

/// What the middleware and discovery know about an operation.
#[derive(Debug, Clone)]
pub struct EndpointInfo {
    pub method: Method,
    /// Quay's operation id (`nickname`).
    pub nickname: &'static str,
    pub access: Access,
    /// The JSON-Schema name the body is validated against (see `schema.rs`).
    pub body_schema: Option<&'static str>,
    /// Quay's `@internal_only`: absent from discovery.
    pub internal: bool,
    pub description: &'static str,
    /// A response schema name for discovery (`getLoggedInUser` → `UserView`).
    pub response_schema: Option<&'static str>,
    /// Query parameters for discovery: (name, type, description).
    pub query: Vec<(&'static str, &'static str, &'static str)>,
    /// The 403 is the handler's to report (through `EndpointContext::check_deferred`) once it
    /// has parsed its arguments: Quay's `parse_args` or an input check runs before the
    /// permission check.
    pub permission_after_args: bool,
}

pub struct Endpoint {
    pub info: EndpointInfo,
    router: MethodRouter<AppState>,
}

/// An operation of a route: `endpoint(Method::GET, "getLoggedInUser", user::get_user)`, then its
/// access rule (`.scope(...)`, `.superuser()`, `.anonymous()`, …). The default is
/// `Access::SuperUser { fresh_login: true }`: a forgotten rule fails closed.
pub fn endpoint<H, T>(method: Method, nickname: &'static str, handler: H) -> Endpoint
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let filter = MethodFilter::try_from(method.clone())
        .unwrap_or_else(|_| panic!("route table uses an unsupported method {method}"));
    Endpoint {
        info: EndpointInfo {
            method,
            nickname,
            access: Access::SuperUser { fresh_login: true },
            body_schema: None,
            internal: false,
            description: "",
            response_schema: None,
            query: Vec::new(),
            permission_after_args: false,
        },
        router: on(filter, handler),
    }
}

impl Endpoint {
    pub fn access(mut self, access: Access) -> Endpoint {
        self.info.access = access;
        self
    }

    pub fn anonymous(self) -> Endpoint {
        self.access(Access::Anonymous)
    }

    /// Needs `scope`; the 403 comes after body validation.
    pub fn scope(self, scope: Scopes) -> Endpoint {
        self.access(Access::Scope {
            scope,
            before_body: false,
        })
    }

    /// Needs `scope`; the 403 comes before the body is read.
    pub fn scope_before_body(self, scope: Scopes) -> Endpoint {
        self.access(Access::Scope {
            scope,
            before_body: true,
        })
    }

    pub fn superuser(self) -> Endpoint {
        self.access(Access::SuperUser { fresh_login: true })
    }

    /// A superuser or a global read-only superuser (Quay's `allow_if_any_superuser`).
    pub fn any_superuser(self) -> Endpoint {
        self.access(Access::AnySuperUser { fresh_login: true })
    }

    /// The handler reports the 403 itself after its argument checks (see
    /// [`EndpointInfo::permission_after_args`]).
    pub fn permission_after_args(mut self) -> Endpoint {
        self.info.permission_after_args = true;
        self
    }

    pub fn superuser_without_fresh_login(self) -> Endpoint {
        self.access(Access::SuperUser { fresh_login: false })
    }

    pub fn body(mut self, schema: &'static str) -> Endpoint {
        self.info.body_schema = Some(schema);
        self
    }

    pub fn internal(mut self) -> Endpoint {
        self.info.internal = true;
        self
    }

    pub fn describe(mut self, text: &'static str) -> Endpoint {
        self.info.description = text;
        self
    }

    pub fn query(
        mut self,
        name: &'static str,
        kind: &'static str,
        description: &'static str,
    ) -> Endpoint {
        self.info.query.push((name, kind, description));
        self
    }

    pub fn responds(mut self, schema: &'static str) -> Endpoint {
        self.info.response_schema = Some(schema);
        self
    }
}

/// Every API route the configuration enables (Quay's `show_if` decides at start-up too). Each
/// route module lists its own routes; the order is discovery's (the organization routes before
/// the superuser ones: Quay's discovery then takes the superuser `UpdateOrg` for the shared
/// schema name, as it does).
pub fn api_routes(config: &Config) -> Vec<ApiRoute> {
    let mut routes = discovery::routes();
    routes.extend(user::routes());
    routes.extend(session::routes());
    routes.extend(organization::routes());
    routes.extend(team::routes());
    if config.feature_super_users {
        routes.extend(superuser::routes(config));
        routes.extend(registry_size::routes());
        // Quay's quota classes: `show_if(QUOTA_MANAGEMENT and EDIT_QUOTA)`.
        if crate::views::shows_quotas(config) {
            routes.extend(quota::routes());
        }
        routes.extend(logs::routes());
        routes.extend(builds::routes());
        routes.extend(service_keys::routes());
    }
    routes
}

/// An API route as the middleware and discovery see it (no handlers).
#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub path: &'static str,
    pub tag: &'static str,
    pub class: &'static str,
    pub params: Vec<(&'static str, &'static str)>,
    pub endpoints: Vec<EndpointInfo>,
}

impl RouteInfo {
    pub fn methods(&self) -> Vec<Method> {
        self.endpoints.iter().map(|e| e.method.clone()).collect()
    }

    pub fn endpoint(&self, method: &Method) -> Option<&EndpointInfo> {
        self.endpoints.iter().find(|e| e.method == *method)
    }
}

/// The route table without handlers, in table order.
pub fn route_table(routes: &[ApiRoute]) -> Vec<RouteInfo> {
    routes
        .iter()
        .map(|r| RouteInfo {
            path: r.path,
            tag: r.tag,
            class: r.class,
            params: r.params.clone(),
            endpoints: r.endpoints.iter().map(|e| e.info.clone()).collect(),
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
        // Strict-slash routing: the path without its trailing slash answers 308 (Werkzeug's
        // `RequestRedirect`).
        if let Some(bare) = route.path.strip_suffix('/').filter(|b| !b.is_empty()) {
            slashless = slashless.route(bare, any(redirect_with_slash));
        }
    }
    let api = api.route_layer(middleware::from_fn_with_state(
        state.clone(),
        crate::middleware::api_layer,
    ));
    Router::new()
        .merge(initialize::router())
        .merge(web_config::router())
        .merge(session::router())
        .merge(oauth::router())
        .merge(keyserver::router())
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
    crate::error_pages::redirect_308(&location)
}

/// Quay's `Allow` set for a route: its methods plus HEAD, OPTIONS and GET (the web catch-all),
/// in the order Quay was observed to print them (`OPTIONS, HEAD, POST, GET`,
/// `OPTIONS, HEAD, DELETE, GET, PUT`).
/// Werkzeug's HTML 405 page for a web route (no CORS), with the route's `Allow` set.
pub async fn web_method_not_allowed(methods: &'static [Method]) -> Response {
    let mut resp = crate::error_pages::Page::method_not_allowed().into_response();
    if let Ok(allow) = HeaderValue::from_str(&allow_header(methods)) {
        resp.headers_mut().insert(header::ALLOW, allow);
    }
    resp
}

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
