//! The one typed HTTP client: base URL + bearer token, and one private `send` that adds the
//! headers Quay wants and maps every failure into [`ApiError`].

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Method, RequestBuilder};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::ApiError;
use crate::json::{self, Json};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
    token: Option<String>,
    /// Sent as `X-CSRF-Token`: what Quay asks of cookie-authenticated writes (its own sign-in).
    csrf: Option<String>,
    /// A request without an answer by then is given up (see `RuntimeConfig::request_timeout`).
    timeout: Duration,
}

impl ApiClient {
    /// `base` is the configured API origin ("" = this page's origin); `timeout` bounds every
    /// request, so a registry or proxy that never answers cannot leave a spinner forever.
    pub fn new(base: &str, token: Option<String>, timeout: Duration) -> Self {
        Self {
            base: base.to_string(),
            token,
            csrf: None,
            timeout,
        }
    }

    /// This client sending Quay's `X-CSRF-Token` (from `GET /csrf_token`) with every request.
    pub fn with_csrf(mut self, csrf: String) -> Self {
        self.csrf = Some(csrf);
        self
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let text = self.send(Method::GET, path, None).await?;
        decode(&text)
    }

    /// A GET whose answer the caller decodes itself (e.g. in steps, see `builds::build_logs`).
    pub async fn get_text(&self, path: &str) -> Result<String, ApiError> {
        self.send(Method::GET, path, None).await
    }

    /// A GET read by the browser's JSON parser instead of serde (see `crate::json`): for what
    /// the first page load decodes.
    pub async fn get_json(&self, path: &str) -> Result<Json, ApiError> {
        let text = self.send(Method::GET, path, None).await?;
        json::parse(&text).map_err(|e| ApiError::unreadable(&text, e))
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        let text = self.send(Method::POST, path, Some(json)).await?;
        decode(&text)
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        let text = self.send(Method::PUT, path, Some(json)).await?;
        decode(&text)
    }

    /// A POST without a body (Quay's take-ownership and send-recovery).
    pub async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let text = self.send(Method::POST, path, None).await?;
        decode(&text)
    }

    /// A POST whose success answer has no body to read (Quay's 201 with an empty `text/html`).
    pub async fn post_no_content<B: Serialize>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<(), ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        self.send(Method::POST, path, Some(json)).await.map(|_| ())
    }

    /// DELETE; Quay answers 204 with no body.
    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        self.send(Method::DELETE, path, None).await.map(|_| ())
    }

    /// A POST whose answer the caller reads whatever its status (e.g. Quay's sign-in, whose 429
    /// says when to try again in `Retry-After`).
    pub async fn post_for_answer<B: Serialize>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<Answer, ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        self.exchange(Method::POST, path, Some(json)).await
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        json_body: Option<String>,
    ) -> Result<String, ApiError> {
        let answer = self.exchange(method, path, json_body).await?;
        if answer.is_success() {
            Ok(answer.text)
        } else {
            Err(answer.error())
        }
    }

    /// One request: any HTTP answer, or why there was none.
    async fn exchange(
        &self,
        method: Method,
        path: &str,
        json_body: Option<String>,
    ) -> Result<Answer, ApiError> {
        let abort = AbortOnDrop::new();
        let timer = abort.abort_after(self.timeout);
        let mut builder = RequestBuilder::new(&self.url(path))
            .method(method)
            // Quay refuses browser GETs without it (its reflected-text-attack guard).
            .header("X-Requested-With", "XMLHttpRequest")
            .abort_signal(abort.signal().as_ref());
        if let Some(token) = &self.token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(csrf) = &self.csrf {
            builder = builder.header("X-CSRF-Token", csrf);
        }
        let request = match json_body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body),
            None => builder.build(),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        let timed_out = |e: gloo_net::Error| {
            if timer.fired() {
                ApiError::Timeout(self.timeout.as_secs())
            } else {
                ApiError::Network(e.to_string())
            }
        };
        let response = request.send().await.map_err(timed_out)?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok());
        // The body is bounded by the same deadline: a server may send headers and then stall.
        let text = response.text().await;
        if timer.fired() {
            return Err(ApiError::Timeout(self.timeout.as_secs()));
        }
        Ok(Answer {
            status,
            text: text.unwrap_or_default(),
            retry_after,
        })
    }
}

/// An HTTP answer, read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub text: String,
    /// `Retry-After` in seconds, when the answer has one.
    pub retry_after: Option<u64>,
}

impl Answer {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The error this answer stands for, with the registry's own words.
    pub fn error(&self) -> ApiError {
        ApiError::from_response(self.status, &self.text)
    }
}

pub(super) fn decode<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::unreadable(text, e))
}

/// Aborts the in-flight fetch when the component or resource that asked goes away (its reactive
/// owner is cleaned up: a page left, a resource refetching) or when the future that owns it is
/// dropped, so stale answers never arrive and the browser frees the connection.
struct AbortOnDrop(Option<web_sys::AbortController>);

impl AbortOnDrop {
    fn new() -> Self {
        let controller = web_sys::AbortController::new().ok();
        if let Some(c) = &controller {
            let c = send_wrapper::SendWrapper::new(c.clone());
            // A no-op outside a reactive owner (e.g. an action's future).
            leptos::prelude::on_cleanup(move || c.abort());
        }
        Self(controller)
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.0.as_ref().map(|c| c.signal())
    }

    /// Aborts the request after `timeout`, remembering that the timer did it (an abort looks
    /// the same to `fetch` whoever asked for it).
    fn abort_after(&self, timeout: Duration) -> Deadline {
        let fired = Rc::new(Cell::new(false));
        let handle = self.0.clone().and_then(|controller| {
            let flag = fired.clone();
            leptos::prelude::set_timeout_with_handle(
                move || {
                    flag.set(true);
                    controller.abort();
                },
                timeout,
            )
            .ok()
        });
        Deadline { fired, handle }
    }
}

/// A request's timeout: whether it fired; cleared when the request is done.
struct Deadline {
    fired: Rc<Cell<bool>>,
    handle: Option<leptos::prelude::TimeoutHandle>,
}

impl Deadline {
    fn fired(&self) -> bool {
        self.fired.get()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.clear();
        }
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(c) = &self.0 {
            c.abort();
        }
    }
}
