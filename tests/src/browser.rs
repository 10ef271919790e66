//! Headless Debian Chromium driven over WebDriver (chromedriver), one fresh profile per session.

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use tokio::process::{Child, Command};

/// A chromedriver process on a free loopback port; killed when dropped.
pub struct ChromeDriver {
    _child: Child,
    addr: SocketAddr,
}

impl ChromeDriver {
    pub async fn spawn() -> ChromeDriver {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect(
                "chromedriver not found: run scripts/bootstrap.sh (Debian package chromium-driver)",
            );
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start on {addr}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        ChromeDriver {
            _child: child,
            addr,
        }
    }

    /// A new browser with an empty profile in `profile_dir` (no cookies, no storage) that saves
    /// downloads into `downloads_dir` without asking (chromedriver passes the folder on to
    /// headless Chromium).
    pub async fn new_session(&self, profile_dir: &Path, downloads_dir: &Path) -> Client {
        let caps = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                    "--lang=en-US",
                    format!("--user-data-dir={}", profile_dir.display()),
                ],
                "prefs": {
                    "intl.accept_languages": "en-US,en",
                    "download.default_directory": downloads_dir.display().to_string(),
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true
                }
            }
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://{}", self.addr))
            .await
            .expect("cannot start a WebDriver session with Chromium")
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free loopback port")
}

/// One entry of the browser console, as chromedriver reports it.
#[derive(Clone, Debug)]
pub struct ConsoleEntry {
    pub level: String,
    pub source: String,
    pub message: String,
}

impl ConsoleEntry {
    /// A Rust panic, an uncaught exception, a wasm trap or a Content-Security-Policy violation.
    /// Failed HTTP requests (source `network`) are expected: the app handles error statuses.
    pub fn is_failure(&self) -> bool {
        let m = &self.message;
        self.level == "SEVERE" && self.source != "network"
            || m.contains("panicked at")
            || m.contains("Uncaught")
            || m.contains("RuntimeError")
            || m.contains("Content Security Policy")
    }
}

/// A Chrome DevTools Protocol command, through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Runs a Chrome DevTools Protocol command (e.g. `Network.clearBrowserCache`,
/// `Network.emulateNetworkConditions`) and returns its result.
pub async fn cdp(client: &Client, cmd: &'static str, params: Value) -> Value {
    client
        .issue_cmd(Cdp { cmd, params })
        .await
        .unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
}

/// Sets the page's clock to `clock` in every document the browser opens from now on: `Date.now()`
/// and `new Date()` read the wall clock moved by the difference between the two (so the page and
/// the emulator agree, and both keep running). Dates built from a given time are untouched.
pub async fn pin_page_clock(client: &Client, clock: &quay_emulator::Clock) {
    let wall_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let offset = clock.unix_ms() - wall_ms;
    let source = format!(
        "(() => {{
  const offset = {offset};
  const Wall = Date;
  class Pinned extends Wall {{
    constructor(...args) {{ if (args.length === 0) {{ super(Wall.now() + offset); }} else {{ super(...args); }} }}
    static now() {{ return Wall.now() + offset; }}
  }}
  globalThis.Date = Pinned;
}})();"
    );
    let cmd = Cdp {
        cmd: "Page.addScriptToEvaluateOnNewDocument",
        params: json!({ "source": source }),
    };
    client
        .issue_cmd(cmd)
        .await
        .expect("cannot set the page's clock (Page.addScriptToEvaluateOnNewDocument)");
}

/// chromedriver's log endpoint (kept for Selenium): returns and clears the entries so far.
#[derive(Debug)]
struct GetBrowserLog;

impl WebDriverCompatibleCommand for GetBrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

/// Panics when the log cannot be read: a console check that silently sees nothing proves nothing.
pub async fn drain_console(client: &Client) -> Vec<ConsoleEntry> {
    let entries = match client.issue_cmd(GetBrowserLog).await {
        Ok(Value::Array(entries)) => entries,
        other => panic!("cannot read the browser console: {other:?}"),
    };
    entries
        .iter()
        .map(|e| {
            let field = |k: &str| {
                e.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let message = field("message");
            let source = if message.contains("Failed to load resource") {
                "network".to_string()
            } else {
                field("source")
            };
            ConsoleEntry {
                level: field("level"),
                source,
                message,
            }
        })
        .collect()
}
