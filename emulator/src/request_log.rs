//! `--log requests`: one line per request on stderr (method, path, status, time taken), through
//! `tracing` and tower-http's `TraceLayer`. Off by default: a test run stays quiet.

use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

type Request = axum::http::Request<axum::body::Body>;

/// The layer's type: tower-http's HTTP classifier, the span below, no other events.
pub type RequestLog = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request) -> tracing::Span,
    (),
    DefaultOnResponse,
    (),
    (),
    (),
>;

/// A span per request naming its method and path.
fn span(request: &Request) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}

/// The layer: the span, and an event with the status and latency when the response starts.
pub fn layer() -> RequestLog {
    TraceLayer::new_for_http()
        .make_span_with(span as fn(&Request) -> tracing::Span)
        .on_request(())
        .on_response(
            DefaultOnResponse::new()
                .level(Level::INFO)
                .latency_unit(LatencyUnit::Millis),
        )
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

/// Prints the request events on stderr (the binary calls this for `--log requests`).
pub fn print_to_stderr() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(Level::INFO)
        .with_target(false)
        .with_ansi(false)
        .try_init();
}
