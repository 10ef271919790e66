//! Quay's HTML answers (shape D): Werkzeug's error pages and its "Redirecting..." page, and
//! gunicorn's page for an exception Quay does not handle. Clients only look at the status and the
//! `text/html` type, but the bodies follow the markup of the component that writes them.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::{NoCors, HTML};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub status: StatusCode,
    pub description: String,
}

impl Page {
    fn new(status: StatusCode, description: &str) -> Page {
        Page {
            status,
            description: description.to_string(),
        }
    }

    /// Werkzeug's 409 page.
    pub fn conflict() -> Page {
        Page::new(
            StatusCode::CONFLICT,
            "A conflict happened while processing the request. The resource might have been \
             modified while the request was being processed.",
        )
    }

    pub fn bad_request() -> Page {
        Page::new(
            StatusCode::BAD_REQUEST,
            "The browser (or proxy) sent a request that this server could not understand.",
        )
    }

    pub fn unsupported_media_type() -> Page {
        Page::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Did not attempt to load JSON data because the request Content-Type was not \
             'application/json'.",
        )
    }

    pub fn unauthorized() -> Page {
        Page::new(
            StatusCode::UNAUTHORIZED,
            "The server could not verify that you are authorized to access the URL requested. \
             You either supplied the wrong credentials (e.g. a bad password), or your browser \
             doesn't understand how to supply the credentials required.",
        )
    }

    pub fn new_forbidden() -> Page {
        Page::new(
            StatusCode::FORBIDDEN,
            "You don't have the permission to access the requested resource. It is either \
             read-protected or not readable by the server.",
        )
    }

    pub fn not_found() -> Page {
        Page::new(
            StatusCode::NOT_FOUND,
            "The requested URL was not found on the server. If you entered the URL manually \
             please check your spelling and try again.",
        )
    }

    pub fn method_not_allowed() -> Page {
        Page::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "The method is not allowed for the requested URL.",
        )
    }

    pub fn internal_server_error() -> Page {
        Page::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The server encountered an internal error and was unable to complete your request. \
             Either the server is overloaded or there is an error in the application.",
        )
    }

    /// Werkzeug's page for any status (its own description where this module has one).
    pub fn for_status(status: StatusCode) -> Page {
        match status.as_u16() {
            400 => Page::bad_request(),
            401 => Page::unauthorized(),
            403 => Page::new_forbidden(),
            404 => Page::not_found(),
            405 => Page::method_not_allowed(),
            415 => Page::unsupported_media_type(),
            500 => Page::internal_server_error(),
            502 => Page::new(
                status,
                "The proxy server received an invalid response from an upstream server.",
            ),
            503 => Page::new(
                status,
                "The server is temporarily unable to service your request due to maintenance \
                 downtime or capacity problems. Please try again later.",
            ),
            504 => Page::new(status, "The connection to an upstream server timed out."),
            _ => Page::new(status, status.canonical_reason().unwrap_or("Error")),
        }
    }

    pub fn html(&self) -> String {
        let title = self.status.canonical_reason().unwrap_or("Error");
        format!(
            "<!doctype html>\n<html lang=en>\n<title>{code} {title}</title>\n<h1>{title}</h1>\n\
             <p>{description}</p>\n",
            code = self.status.as_u16(),
            title = escape(title),
            description = escape(&self.description),
        )
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        html_response(self.status, self.html())
    }
}

/// Gunicorn's body for an exception that escaped the WSGI application (`util.write_error` with
/// `reason` "Internal Server Error" and an empty message, after `textwrap.dedent`).
pub const UNHANDLED_EXCEPTION_HTML: &str =
    "<html>\n  <head>\n    <title>Internal Server Error</title>\n  \
     </head>\n  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>\n";

/// Quay's answer to an exception nothing handles (a `KeyError`, an `IntegrityError`, …). Quay sets
/// `PROPAGATE_EXCEPTIONS = True` (`config.py`), so Flask-RESTful's `handle_error` and Flask's
/// `handle_exception` re-raise it instead of rendering a 500, and gunicorn's worker
/// (`handle_error`) writes this page: 500, `Content-Type: text/html` (no charset), no CORS or
/// other headers of Flask's (no `after_request`, no session cookie).
pub fn unhandled_exception() -> Response {
    let mut resp = (StatusCode::INTERNAL_SERVER_ERROR, UNHANDLED_EXCEPTION_HTML).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    resp.extensions_mut().insert(NoCors);
    resp
}

/// A 308 to `location` with Werkzeug's body, without CORS headers (Werkzeug's `RequestRedirect`,
/// which Quay's `ApiExceptionHandlingApi` lets through: `endpoints/api/__init__.py`).
pub fn redirect_308(location: &str) -> Response {
    let escaped = escape(location);
    let body = format!(
        "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n\
         <p>You should be redirected automatically to the target URL: <a href=\"{escaped}\">\
         {escaped}</a>. If not, click the link.\n"
    );
    let mut resp = html_response(StatusCode::PERMANENT_REDIRECT, body);
    if let Ok(value) = HeaderValue::from_str(location) {
        resp.headers_mut().insert(header::LOCATION, value);
    }
    resp
}

fn html_response(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    resp.extensions_mut().insert(NoCors);
    resp
}

/// HTML escaping as Werkzeug/MarkupSafe does it.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn werkzeug_markup() {
        let html = Page::unsupported_media_type().html();
        assert!(html.starts_with(
            "<!doctype html>\n<html lang=en>\n<title>415 Unsupported Media Type</title>"
        ));
        assert!(html.contains("&#39;application/json&#39;"));
        assert!(Page::bad_request().html().contains("<h1>Bad Request</h1>"));
    }

    #[test]
    fn gunicorn_500_page() {
        let resp = unhandled_exception();
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(resp.headers()[header::CONTENT_TYPE], "text/html");
        assert!(resp.extensions().get::<NoCors>().is_some());
        // What gunicorn 23's write_error sends (Content-Length 141).
        let lines = [
            "<html>",
            "  <head>",
            "    <title>Internal Server Error</title>",
            "  </head>",
            "  <body>",
            "    <h1><p>Internal Server Error</p></h1>",
            "    ",
            "  </body>",
            "</html>",
            "",
        ];
        assert_eq!(UNHANDLED_EXCEPTION_HTML, lines.join("\n"));
        assert_eq!(UNHANDLED_EXCEPTION_HTML.len(), 141);
    }

    #[test]
    fn redirect_has_location_and_escaped_body() {
        let resp = redirect_308("http://h/a?b=1&c=2");
        assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(resp.headers()[header::LOCATION], "http://h/a?b=1&c=2");
        assert!(resp.extensions().get::<NoCors>().is_some());
    }
}
