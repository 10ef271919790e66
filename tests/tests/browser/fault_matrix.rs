//! The fault matrix (issue 8): every page under every kind of failure of its API. Each failure
//! shows a message naming what failed next to the failed part, leaves no spinner or skeleton,
//! logs no panic, and a retry once the fault is off shows the data. Writes retried after a
//! failure keep the typed input and create exactly one object.
//!
//! One browser session per page, going through every fault: the page is entered by in-app
//! navigation, so its code is already loaded even while the registry refuses connections; one
//! more test opens a page for the first time while it does.

use std::time::Duration;

use quay_admin_e2e::pages::{
    builds, list, logs, organizations, quotas, registry_size, service_keys, users,
};
use quay_admin_e2e::{browser_test, browser_test_with, dist_dir, run_in_browser, Ctx};
use quay_emulator::testing::blobs;
use quay_emulator::testing::builds::{create_build, NewBuild};
use quay_emulator::testing::seed::{self, SeedLog};
use quay_emulator::{Config, FaultBody, FaultConfig};
use reqwest::Method;
use serde_json::json;

/// How long the emulator (as Quay's nginx) waits before answering 504.
const PROXY_TIMEOUT: Duration = Duration::from_secs(3);

/// One way the registry fails.
struct Fault {
    name: &'static str,
    /// The fault on the page's API paths; `None`: the registry is stopped (connection refused).
    config: Option<fn() -> FaultConfig>,
    /// What the error view must show (title and message), or `None` when the data must simply
    /// arrive late.
    shows: Option<&'static str>,
}

const FAULTS: &[Fault] = &[
    Fault {
        name: "500 with Quay's JSON",
        config: Some(|| FaultConfig::status(500).with_body(FaultBody::Json)),
        shows: Some("The server encountered an internal error"),
    },
    Fault {
        name: "500 with an HTML page",
        config: Some(|| FaultConfig::status(500).with_body(FaultBody::Html)),
        shows: Some("HTTP 500 Internal Server Error"),
    },
    Fault {
        name: "502 from nginx",
        config: Some(|| FaultConfig::status(502)),
        shows: Some("HTTP 502 Bad Gateway"),
    },
    Fault {
        name: "503 from nginx",
        config: Some(|| FaultConfig::status(503)),
        shows: Some("HTTP 503 Service Unavailable"),
    },
    Fault {
        name: "2 s latency",
        config: Some(|| FaultConfig::latency_ms(2000)),
        shows: None,
    },
    Fault {
        name: "nginx's request timeout",
        config: Some(|| FaultConfig::latency_ms(10_000)),
        shows: Some("HTTP 504 Gateway Timeout"),
    },
    Fault {
        name: "a body that is not JSON",
        config: Some(|| FaultConfig::none().with_body(FaultBody::NotJson)),
        shows: Some("an HTML page titled \"Sign in\""),
    },
    Fault {
        name: "connection refused",
        config: None,
        shows: Some("Cannot reach the registry"),
    },
];

/// A page, the API paths it reads, and what shows once its data is there.
struct Page {
    name: &'static str,
    path: &'static str,
    api: &'static str,
    data: &'static str,
}

/// Seeds what every page shows (a user, an organization, stored data, a service key, log
/// entries, a build) and returns the build's id.
fn seed_everything(ctx: &Ctx) -> String {
    let db = &ctx.db_path;
    seed::create_user(db, "alice", "password123", "alice@example.com").expect("user");
    seed::create_organization(db, "acme", "ops@acme.example", "quayadmin").expect("organization");
    blobs::create_repository(db, "alice", "app", false).expect("repository");
    blobs::add_blob(db, "alice", "app", &blobs::digest_of(b"layer"), 1 << 20).expect("blob");
    seed::create_service_key(db, "quayadmin", "builder", "ci key", None, "").expect("key");
    let now = ctx.clock.unix_us();
    seed::write_logs(
        db,
        &[SeedLog {
            kind: "push_repo",
            account: Some("alice"),
            performer: Some("alice"),
            ip: Some("10.0.0.7"),
            metadata: json!({"namespace": "alice", "repo": "app", "tag": "v1"}),
            datetime_us: now - 60_000_000,
        }],
    )
    .expect("logs");
    create_build(db, &NewBuild::new("alice", "app")).expect("build")
}

/// Leaves the page and comes back without reloading the document (the router follows
/// `popstate`), so the page mounts afresh and asks the registry again.
async fn reenter(ctx: &Ctx, path: &str) {
    for to in ["/", path] {
        ctx.js(&format!(
            "history.pushState(null, '', {to:?}); window.dispatchEvent(new PopStateEvent('popstate'));"
        ))
        .await;
    }
}

/// Nothing is left loading for long: no busy control, no skeleton, no spinner.
async fn assert_settled(ctx: &Ctx, what: &str) {
    eprintln!("  {what}: waiting for nothing to be loading");
    ctx.shell().wait_until_nothing_loads().await;
}

/// Every error view shows the failure's words, names what failed and offers a retry.
async fn assert_errors_explained(ctx: &Ctx, what: &str, shows: &str) {
    let errors = ctx.errors_in("main");
    errors.shows(shows).await;
    // The loads still running when the first error arrives fail the same way, or time out.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let titles = errors.titles().await;
    assert!(!titles.is_empty(), "{what}: no error title");
    for title in &titles {
        assert!(
            !title.contains("Something went wrong"),
            "{what}: the error does not name what failed: {titles:?}"
        );
    }
    let retries = errors.all_offer_retry().await;
    assert_eq!(retries, json!(true), "{what}: an error without a retry");
}

/// Clicks the retries until every error is gone and the data shows.
async fn retry_until_shown(ctx: &Ctx, page: &Page, what: &str) {
    let errors = ctx.errors_in("main");
    for _ in 0..3 {
        if ctx.exists(page.data).await && !errors.any().await {
            break;
        }
        errors.retry_if_offered().await;
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
    ctx.find(page.data).await;
    errors.wait_gone().await;
    assert_settled(ctx, what).await;
}

async fn run_matrix(ctx: &Ctx, page: &Page) {
    ctx.goto(page.path).await;
    ctx.find(page.data).await;
    for fault in FAULTS {
        let what = format!("{} under {}", page.name, fault.name);
        eprintln!("{what}");
        match fault.config {
            Some(config) => ctx
                .faults
                .set(config().with_path_prefix(page.api))
                .expect("fault"),
            None => ctx.stop_emulator().await,
        }
        reenter(ctx, page.path).await;
        match fault.shows {
            Some(shows) => {
                assert_errors_explained(ctx, &what, shows).await;
                assert_settled(ctx, &what).await;
                // A list that failed is not an empty one: no "No users yet", no "No rows".
                assert!(
                    !ctx.exists(list::EMPTY_STATE).await,
                    "{what}: an empty state next to the error"
                );
                let range = ctx.texts(list::RANGE).await.join(" ");
                assert!(!range.contains("No rows"), "{what}: {range}");
            }
            None => {
                ctx.find(page.data).await;
                assert!(!ctx.errors_in("main").any().await, "{what}");
            }
        }
        match fault.config {
            Some(_) => ctx.faults.set(FaultConfig::none()).expect("fault off"),
            None => ctx.start_emulator().await,
        }
        retry_until_shown(ctx, page, &what).await;
    }
}

/// One session per page, every fault in turn.
async fn matrix_on(page: Page) {
    let name = format!("fault_matrix_{}", page.name);
    browser_test_with(
        &name,
        Config::default_emulator(),
        |o| o.request_timeout(PROXY_TIMEOUT),
        |ctx| async move {
            ctx.sign_in_as_superuser().await;
            let build = seed_everything(&ctx);
            let path = page.path.replace("{build}", &build);
            let api = page.api.replace("{build}", &build);
            let page = Page {
                path: Box::leak(path.into_boxed_str()),
                api: Box::leak(api.into_boxed_str()),
                ..page
            };
            run_matrix(&ctx, &page).await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn users() {
    matrix_on(Page {
        name: "users",
        path: "/users",
        api: "/api/v1/superuser/users/",
        data: users::ROW,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn organizations() {
    matrix_on(Page {
        name: "organizations",
        path: "/organizations",
        api: "/api/v1/superuser/organizations/",
        data: organizations::ROW,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn quotas() {
    matrix_on(Page {
        name: "quotas",
        path: "/quotas",
        api: "/api/v1/superuser/",
        data: quotas::ROW,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn service_keys() {
    matrix_on(Page {
        name: "service_keys",
        path: "/service-keys",
        api: "/api/v1/superuser/keys",
        data: service_keys::ROW,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn logs() {
    matrix_on(Page {
        name: "logs",
        path: "/logs",
        api: "/api/v1/superuser/",
        data: logs::ROW,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn registry_size() {
    matrix_on(Page {
        name: "registry_size",
        path: "/registry-size",
        api: "/api/v1/superuser/",
        data: registry_size::STATE,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn builds() {
    matrix_on(Page {
        name: "builds",
        path: "/builds?build={build}",
        api: "/api/v1/superuser/{build}/",
        data: builds::REPOSITORY,
    })
    .await;
}

/// A copy of the built dashboard whose `config.json` gives up on requests after `seconds`.
fn dist_with_timeout(dir: &std::path::Path, seconds: u64) -> std::path::PathBuf {
    let copy = dir.join("dist");
    copy_dir(&dist_dir(), &copy);
    std::fs::write(
        copy.join("config.json"),
        json!({ "request_timeout_seconds": seconds }).to_string(),
    )
    .expect("config.json");
    copy
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("dist copy");
    for entry in std::fs::read_dir(from).expect("dist").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("dist file");
        }
    }
}

/// A registry (or proxy) that never answers: the dashboard gives up after its configured
/// timeout with a "did not answer in time" error, in the reader's language, and retries.
#[tokio::test(flavor = "multi_thread")]
async fn a_request_without_an_answer_times_out_in_the_browser() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = dist_with_timeout(dir.path(), 2);
    browser_test_with(
        "fault_matrix_client_timeout",
        Config::default_emulator(),
        move |o| o.dist(dist),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &["bob".into()]).await;
            let errors = ctx.errors_in("main");
            ctx.users().open("").await;
            ctx.faults
                .set(FaultConfig::latency_ms(60_000).with_path_prefix("/api/v1/superuser/users/"))
                .expect("fault");
            for (language, title) in [
                ("en", "The registry did not answer in time"),
                ("ja", "レジストリが時間内に応答しませんでした"),
            ] {
                ctx.choose_language(language).await;
                reenter(&ctx, "/users").await;
                errors.shows(title).await;
                ctx.errors().server_message_shows("2 s").await;
                assert_settled(&ctx, "timed out").await;
            }
            ctx.faults.set(FaultConfig::none()).expect("fault off");
            errors.retry().await;
            ctx.find(users::ROW).await;
            errors.wait_gone().await;
        },
    )
    .await;
}

async fn usernames(ctx: &Ctx, token: &str) -> Vec<String> {
    let (status, body) = ctx
        .api(Method::GET, "/api/v1/superuser/users/", token, None)
        .await;
    assert_eq!(status, 200, "{body}");
    body["users"]
        .as_array()
        .expect("users")
        .iter()
        .filter_map(|u| u["username"].as_str().map(str::to_string))
        .collect()
}

/// Creating a user while the registry answers 503: the form keeps what was typed and says what
/// failed; the retry once it is back creates the user once.
#[tokio::test(flavor = "multi_thread")]
async fn a_retried_create_keeps_the_input_and_creates_one_user() {
    browser_test(
        "fault_matrix_write",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            let users = ctx.users();
            users.open("").await;
            users.open_create_dialog().await;
            users.type_new_username("carol").await;
            users.type_new_email("carol@example.com").await;
            ctx.faults
                .set(FaultConfig::status(503).with_path_prefix("/api/v1/superuser/users/"))
                .expect("fault");
            users.submit_new_user().await;
            let errors = users.create_dialog().errors();
            errors.shows("The registry did not create the user.").await;
            errors.server_message_shows("HTTP 503").await;
            assert_eq!(users.new_username().await, "carol");
            assert_eq!(users.new_email().await, "carol@example.com");
            assert_settled(&ctx, "failed create").await;

            ctx.faults.set(FaultConfig::none()).expect("fault off");
            assert!(!usernames(&ctx, &token).await.contains(&"carol".to_string()));
            users.submit_new_user().await;
            users.password_shown_once().await;
            let carols = usernames(&ctx, &token)
                .await
                .into_iter()
                .filter(|u| u == "carol")
                .count();
            assert_eq!(carols, 1);
        },
    )
    .await;
}

/// The setup wizard's one write on an empty registry, refused once by a 502: the typed account
/// stays, and the retry creates exactly that one account.
#[tokio::test(flavor = "multi_thread")]
async fn a_retried_setup_creates_one_account() {
    browser_test(
        "fault_matrix_setup",
        Config::default_emulator(),
        |ctx| async move {
            let setup = ctx.setup();
            ctx.goto("/setup").await;
            setup.form().await;
            setup
                .fill("admin@example.com", "correct-horse-42", "correct-horse-42")
                .await;
            ctx.faults
                .set(FaultConfig::status(502).with_path_prefix("/api/v1/user/initialize"))
                .expect("fault");
            setup.submit().await;
            setup.errors().shows("HTTP 502").await;
            assert_eq!(setup.username().await, "quayadmin");
            assert_eq!(setup.email().await, "admin@example.com");
            assert_eq!(setup.password().await, "correct-horse-42");
            assert_settled(&ctx, "failed setup").await;

            ctx.faults.set(FaultConfig::none()).expect("fault off");
            setup.submit().await;
            setup.form_gone().await;
            let token = ctx
                .session_storage("quay-admin.token")
                .await
                .expect("signed in");
            assert_eq!(usernames(&ctx, &token).await, vec!["quayadmin".to_string()]);
        },
    )
    .await;
}

/// A page first opened while the registry is down: its code cannot be fetched. The app says so
/// (instead of aborting: the page's split is fallible), and once the registry is back the retry
/// shows the page. The chunk loader logs the failed fetch itself; nothing else may be logged.
#[tokio::test(flavor = "multi_thread")]
async fn a_page_whose_code_cannot_be_fetched_says_so_and_retries() {
    let (outcome, console) = run_in_browser(
        "fault_matrix_page_code",
        Config::default_emulator(),
        |ctx| async move {
            ctx.sign_in_as_superuser().await;
            ctx.stop_emulator().await;
            // In-app navigation to a page not opened yet in this session.
            let shell = ctx.shell();
            shell.navigate_to("service-keys").await;
            shell
                .page_load_error_shows("This page could not be loaded")
                .await;
            // The app is alive: the shell still answers.
            assert!(shell.has_nav_link("users").await);
            ctx.start_emulator().await;
            shell.retry_page_load().await;
            shell.heading_shows("Service keys").await;
            shell.page_load_error_gone().await;
        },
    )
    .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
    let unexpected: Vec<_> = console
        .iter()
        .filter(|e| e.is_failure())
        .filter(|e| !(e.source == "console-api" && e.message.contains("Failed to fetch")))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    assert!(
        console
            .iter()
            .any(|e| e.message.contains("Failed to fetch")),
        "the page's code was never refused: the test proves nothing"
    );
}
