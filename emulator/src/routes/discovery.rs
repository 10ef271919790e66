//! `GET /api/v1/discovery`: Quay's Swagger 2.0 document (`endpoints/api/discovery.py`,
//! `swagger_route_data`), generated from the route table so that it lists exactly the operations
//! the emulator serves.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::routes::{endpoint, ApiRoute, EndpointInfo, RouteInfo};
use crate::scopes::SCOPES;
use crate::state::AppState;
use axum::http::Method;

/// This module's API routes (see `routes::api_routes`).
pub fn routes() -> Vec<ApiRoute> {
    vec![ApiRoute::new(
        "/api/v1/discovery",
        "discovery",
        "endpoints.api.discovery.DiscoveryResource",
    )
    .op(endpoint(Method::GET, "discovery", discovery)
        .anonymous()
        .query("internal", "boolean", "Whether to include internal APIs.")
        .describe("List all of the API endpoints available in the swagger API format."))]
}

const TAG_DESCRIPTIONS: &[(&str, &str)] = &[
    ("discovery", "API discovery information."),
    (
        "organization",
        "Manage organizations, members and OAuth applications.",
    ),
    ("superuser", "Superuser API."),
    ("user", "Manage the current user."),
];

fn error_responses() -> Map<String, Value> {
    let mut out = Map::new();
    for (code, description) in [
        ("400", "Bad Request"),
        ("401", "Session required"),
        ("403", "Unauthorized access"),
        ("404", "Not found"),
    ] {
        out.insert(
            code.into(),
            json!({"description": description, "schema": {"$ref": "#/definitions/ApiError"}}),
        );
    }
    out
}

/// `{name}` arguments of a path, in order.
fn path_arguments(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

fn operation(route: &RouteInfo, op: &EndpointInfo) -> Value {
    // Path arguments the route does not declare are listed by each operation (Quay's discovery
    // does so for classes without `@path_param`), with an empty description.
    let mut parameters: Vec<Value> = path_arguments(route.path)
        .into_iter()
        .filter(|name| !route.params.iter().any(|(declared, _)| declared == name))
        .map(|name| {
            json!({"name": name, "in": "path", "required": true, "description": "",
                   "type": "string"})
        })
        .collect();
    parameters.extend(op.query.iter().map(|(name, kind, description)| {
        json!({"name": name, "in": "query", "required": false, "description": description,
               "type": kind})
    }));
    if let Some(schema) = op.body_schema {
        parameters.push(json!({"name": "body", "in": "body", "required": true,
                               "description": "Request body contents.",
                               "schema": {"$ref": format!("#/definitions/{}",
                                   crate::schema::discovery_name(schema))}}));
    }
    let mut responses = error_responses();
    let (code, description) = match op.method.as_str() {
        "DELETE" => ("204", "Deleted"),
        "POST" => ("201", "Successful creation"),
        _ => ("200", "Successful invocation"),
    };
    let mut success = json!({ "description": description });
    if let Some(schema) = op.response_schema {
        success["schema"] = json!({"$ref": format!("#/definitions/{schema}")});
    }
    responses.insert(code.into(), success);
    let mut out = json!({
        "operationId": op.nickname,
        "parameters": parameters,
        "description": op.description,
        "tags": [route.tag],
        "responses": responses,
    });
    if let Some(scope) = op.access.declared_scope().and_then(|s| s.name()) {
        out["security"] = json!([{ "oauth2_implicit": [scope] }]);
    }
    out
}

/// The `paths` object: every route with at least one public operation.
pub fn paths(routes: &[RouteInfo]) -> Map<String, Value> {
    let mut paths = Map::new();
    for route in routes {
        let public: Vec<&EndpointInfo> = route.endpoints.iter().filter(|e| !e.internal).collect();
        if public.is_empty() {
            continue;
        }
        let mut entry = json!({"x-name": route.class, "x-path": route.path, "x-tag": route.tag});
        if !route.params.is_empty() {
            entry["parameters"] = Value::Array(
                route
                    .params
                    .iter()
                    .map(|(name, description)| {
                        json!({"name": name, "in": "path", "required": true,
                               "description": description, "type": "string"})
                    })
                    .collect(),
            );
        }
        for op in public {
            entry[op.method.as_str().to_ascii_lowercase()] = operation(route, op);
        }
        paths.insert(route.path.to_string(), entry);
    }
    paths
}

/// The definitions the paths refer to. Quay keys them by schema name, so of two schemas sharing
/// a name the one of the route registered last wins.
fn definitions(routes: &[RouteInfo], paths: &Map<String, Value>) -> Map<String, Value> {
    let mut defs = Map::new();
    defs.insert(
        "ApiError".into(),
        json!({"type": "object", "required": ["status", "type", "title"], "properties": {
            "status": {"type": "integer", "description": "Status code of the response."},
            "type": {"type": "string", "description": "Reference to the type of the error."},
            "detail": {"type": "string", "description": "Details about the specific instance of the error."},
            "title": {"type": "string", "description": "Unique error code to identify the type of error."},
            "error_message": {"type": "string", "description": "Deprecated; alias for detail"},
            "error_type": {"type": "string", "description": "Deprecated; alias for detail"}}}),
    );
    let text = Value::Object(paths.clone()).to_string();
    if text.contains("#/definitions/UserView") {
        defs.insert(
            "UserView".into(),
            json!({"type": "object", "description": "Describes a user",
                   "required": ["anonymous", "avatar"], "properties": {
                "verified": {"type": "boolean", "description": "Whether the user's email address has been verified"},
                "anonymous": {"type": "boolean", "description": "true if this user data represents a guest user"},
                "email": {"type": "string", "description": "The user's email address"},
                "avatar": {"type": "object", "description": "Avatar data representing the user's icon"},
                "organizations": {"type": "array", "description": "Information about the organizations in which the user is a member", "items": {"type": "object"}},
                "logins": {"type": "array", "description": "The list of external login providers against which the user has authenticated", "items": {"type": "object"}},
                "can_create_repo": {"type": "boolean", "description": "Whether the user has permission to create repositories"},
                "preferred_namespace": {"type": "boolean", "description": "If true, the user's namespace is the preferred namespace to display"}}}),
        );
    }
    // Of two schemas sharing a name, the one of the route registered last wins.
    let mut by_name: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for name in routes
        .iter()
        .flat_map(|r| r.endpoints.iter())
        .filter(|e| !e.internal)
        .filter_map(|e| e.body_schema)
    {
        by_name.insert(crate::schema::discovery_name(name), name);
    }
    for (public, name) in by_name {
        if text.contains(&format!("\"#/definitions/{public}\"")) {
            if let Some(schema) = crate::schema::schema(name) {
                defs.insert(public.to_string(), schema.clone());
            }
        }
    }
    defs
}

pub async fn discovery(State(state): State<AppState>) -> Json<Value> {
    let config = state.config();
    let paths = paths(state.routes());
    let definitions = definitions(state.routes(), &paths);
    let mut tags: Vec<&str> = paths.values().filter_map(|p| p["x-tag"].as_str()).collect();
    tags.sort_unstable();
    tags.dedup();
    let tags: Vec<Value> = tags
        .iter()
        .map(|t| {
            let description = TAG_DESCRIPTIONS
                .iter()
                .find(|(name, _)| name == t)
                .map(|(_, d)| *d)
                .unwrap_or("");
            json!({"name": t, "description": description})
        })
        .collect();
    let scopes: Map<String, Value> = SCOPES
        .iter()
        .map(|s| (s.scope.to_string(), json!(s.description)))
        .collect();
    let contact = config
        .raw("MAIL_DEFAULT_SENDER")
        .and_then(Value::as_str)
        .unwrap_or("admin@example.com");
    Json(json!({
        "swagger": "2.0",
        "host": config.server_hostname,
        "basePath": "/",
        "schemes": [config.preferred_url_scheme],
        "info": {
            "version": "v1",
            "title": "Quay Frontend",
            "description": "This API allows you to perform many of the operations required to \
                            work with Quay repositories, users, and organizations.",
            "termsOfService": "",
            "contact": {"email": contact},
        },
        "securityDefinitions": {"oauth2_implicit": {
            "type": "oauth2",
            "flow": "implicit",
            "authorizationUrl": format!("{}://{}/oauth/authorize",
                                        config.preferred_url_scheme, config.server_hostname),
            "scopes": scopes,
        }},
        "paths": paths,
        "definitions": definitions,
        "tags": tags,
    }))
}
