//! One error type for every API call, and the pure parsing of Quay's error bodies into the
//! message a person should read.

use thiserror::Error;

use crate::json::{self, Json};

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, DNS, CORS refusal, server down).
    #[error("{0}")]
    Network(String),
    /// The server answered with an error status; `message` is the server's own words when it sent any.
    #[error("{message}")]
    Http { status: u16, message: String },
    /// A success status with a body we could not read.
    #[error("{0}")]
    Decode(String),
    /// No answer within the client's timeout (seconds): the request was given up.
    #[error("no answer within {0} s")]
    Timeout(u64),
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// 401: the token is missing, unknown or expired, so the session is over.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// A success answer that is not the JSON asked for, e.g. a proxy's sign-in page: says what
    /// arrived instead (an HTML page by its title) rather than only where the parser stopped.
    pub fn unreadable(body: &str, cause: impl std::fmt::Display) -> Self {
        let trimmed = body.trim_start();
        let what = if trimmed.is_empty() {
            "an empty answer".to_string()
        } else if trimmed.starts_with('<') {
            match html_title(trimmed) {
                Some(title) => format!("an HTML page titled \"{title}\""),
                None => "an HTML page".to_string(),
            }
        } else {
            format!("an answer that is not valid JSON ({cause})")
        };
        ApiError::Decode(format!("{what} instead of Quay's JSON"))
    }

    pub fn from_response(status: u16, body: &str) -> Self {
        ApiError::Http {
            status,
            message: message_from_body(status, body),
        }
    }
}

/// Picks the human message out of any of Quay's error shapes: A (`error_message`/`detail`),
/// B (`message`, a string or an object of parameter help texts), C (`error`), a bare JSON string,
/// or falls back to the status line for HTML pages and empty bodies.
pub fn message_from_body(status: u16, body: &str) -> String {
    let from_json = json::parse(body).ok().and_then(|v| message_from_json(&v));
    match from_json.or_else(|| plain_text(body)) {
        Some(m) if !m.trim().is_empty() => m,
        _ => format!("HTTP {status} {}", reason_phrase(status))
            .trim_end()
            .to_string(),
    }
}

/// The text of an HTML page's `<title>`, whitespace collapsed, at most 80 characters.
fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let title = html[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!title.is_empty()).then(|| title.chars().take(80).collect())
}

/// A short plain-text answer (no markup), e.g. Quay's sign-in back-off: its words, whitespace
/// collapsed.
fn plain_text(body: &str) -> Option<String> {
    let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty() && text.chars().count() <= 300 && !text.contains('<')).then_some(text)
}

fn message_from_json(v: &Json) -> Option<String> {
    if let Json::String(s) = v {
        return Some(s.clone());
    }
    [
        "error_message",
        "detail",
        "message",
        "error",
        "error_description",
    ]
    .iter()
    .find_map(|k| match v.get(k)? {
        Json::String(s) => Some(s.clone()),
        // Quay's typed query-parameter errors: {"message": {"limit": "help text"}}.
        Json::Object(params) => Some(
            params
                .iter()
                .map(|(name, help)| match help {
                    Json::String(h) => format!("{name}: {h}"),
                    other => format!("{name}: {other}"),
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    })
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_a_uses_error_message() {
        let body = r#"{"detail": "Not Found", "error_message": "Not Found", "error_type": "not_found",
            "title": "not_found", "type": "http://h/api/v1/error/not_found", "status": 404}"#;
        assert_eq!(message_from_body(404, body), "Not Found");
    }

    #[test]
    fn shape_b_message_string_and_object() {
        assert_eq!(
            message_from_body(
                400,
                r#"{"message":"Cannot initialize user in a non-empty database"}"#
            ),
            "Cannot initialize user in a non-empty database"
        );
        assert_eq!(
            message_from_body(
                400,
                r#"{"message": {"limit": "Limit to the number of results to return per page. Max 100."}}"#
            ),
            "limit: Limit to the number of results to return per page. Max 100."
        );
    }

    #[test]
    fn shape_c_error() {
        assert_eq!(
            message_from_body(403, r#"{"error": "CSRF token was invalid or missing."}"#),
            "CSRF token was invalid or missing."
        );
    }

    #[test]
    fn html_and_empty_bodies_fall_back_to_status() {
        assert_eq!(
            message_from_body(
                415,
                "<!doctype html><title>415 Unsupported Media Type</title>"
            ),
            "HTTP 415 Unsupported Media Type"
        );
        assert_eq!(message_from_body(500, ""), "HTTP 500 Internal Server Error");
        // Quay's sign-in back-off answers in plain text.
        assert_eq!(
            message_from_body(
                429,
                "Too many login attempts. \nPlease reset your Quay password and try again."
            ),
            "Too many login attempts. Please reset your Quay password and try again."
        );
        assert_eq!(
            message_from_body(500, "<html><body>boom</body></html>"),
            "HTTP 500 Internal Server Error"
        );
        assert_eq!(message_from_body(418, ""), "HTTP 418");
        assert_eq!(
            message_from_body(400, r#"{"message": ""}"#),
            "HTTP 400 Bad Request"
        );
    }

    #[test]
    fn hostile_text_is_returned_as_text() {
        let body = r#"{"message": "<img src=x onerror=alert(1)>"}"#;
        assert_eq!(message_from_body(400, body), "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn unreadable_answers_say_what_arrived() {
        let page = "<!DOCTYPE html>\n<html><head><TITLE>\n Sign in </TITLE></head></html>";
        assert_eq!(
            ApiError::unreadable(page, "expected value").to_string(),
            "an HTML page titled \"Sign in\" instead of Quay's JSON"
        );
        assert_eq!(
            ApiError::unreadable("<html><body>x</body></html>", "e").to_string(),
            "an HTML page instead of Quay's JSON"
        );
        assert_eq!(
            ApiError::unreadable("  ", "e").to_string(),
            "an empty answer instead of Quay's JSON"
        );
        assert_eq!(
            ApiError::unreadable("{\"a\":", "EOF at 5").to_string(),
            "an answer that is not valid JSON (EOF at 5) instead of Quay's JSON"
        );
    }

    #[test]
    fn classification() {
        assert!(ApiError::from_response(401, "").is_unauthorized());
        assert!(!ApiError::from_response(403, "").is_unauthorized());
    }
}
