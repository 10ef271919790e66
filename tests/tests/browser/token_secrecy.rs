//! The bearer token stays where the session keeps it (this tab's sessionStorage and memory):
//! never in the console, an error shown on screen, a cookie, localStorage or `window.name`
//! (after every page, a failing one included, and after changing language and theme), the
//! address or the history after sign-in, nor the `Referer` another site receives. (`oauth.rs`
//! checks the address, localStorage and `document.referrer` right after the OAuth sign-in.)

use std::sync::{Arc, Mutex};

use quay_admin_e2e::browser::drain_console;
use quay_admin_e2e::pages::{
    builds, logs, organizations, overview, quotas, registry_size, service_keys, users,
};
use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::builds::{create_build, NewBuild};
use quay_emulator::testing::{blobs, seed};
use quay_emulator::{Config, FaultConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Every page, and what shows that it has loaded.
const PAGES: &[(&str, &str)] = &[
    ("/", overview::USER_CARD),
    ("/users", users::ROW),
    ("/organizations", organizations::ROW),
    ("/quotas", quotas::ROW_OR_EMPTY),
    ("/service-keys", service_keys::ROW),
    ("/logs", logs::ROW),
    ("/registry-size", registry_size::BIGGEST_NAMESPACES),
    ("/builds", builds::UUID_FIELD),
];

/// Where a script on the page (or a page the app links to) could find the token.
async fn assert_not_exposed(ctx: &Ctx, token: &str, when: &str) {
    let exposed = ctx
        .js("return { href: location.href, cookie: document.cookie, name: window.name, \
             title: document.title, referrer: document.referrer, \
             local: JSON.stringify(Object.assign({}, localStorage)), \
             navigations: JSON.stringify(performance.getEntriesByType('navigation').map(e => e.name)), \
             resources: JSON.stringify(performance.getEntriesByType('resource').map(e => e.name)) };")
        .await;
    for (place, value) in exposed.as_object().expect("an object") {
        let value = value.as_str().unwrap_or_default();
        assert!(
            !value.contains(token),
            "{when}: the token is in {place}: {value}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_token_stays_out_of_the_console_storage_and_error_reports() {
    browser_test(
        "token_secrecy",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            // Proves the console is read: a check that sees nothing would prove nothing.
            ctx.js("console.info('console-canary'); return null;").await;
            assert_not_exposed(&ctx, &token, "after sign-in").await;

            seed::create_organization(&ctx.db_path, "acme", "acme@example.com", "quayadmin")
                .expect("organization");
            seed::create_service_key(&ctx.db_path, "quayadmin", "clair", "scanner", None, "ok")
                .expect("service key");
            blobs::create_repository(&ctx.db_path, "acme", "app", false).expect("repository");
            let uuid = create_build(&ctx.db_path, &NewBuild::new("acme", "app")).expect("build");

            let build_page = format!("/builds?build={uuid}");
            let pages = PAGES
                .iter()
                .map(|(p, r)| (p.to_string(), *r))
                .chain([(build_page, builds::FACTS)]);
            for (path, ready) in pages {
                ctx.goto(&path).await;
                ctx.find(ready).await;
                assert_not_exposed(&ctx, &token, &path).await;
            }
            for (language, heading) in [("ja", "ビルド"), ("zh-Hans", "构建"), ("en", "Builds")]
            {
                ctx.choose_language(language).await;
                ctx.shell().heading_shows(heading).await;
            }
            ctx.choose_theme("dark").await;
            ctx.choose_theme("light").await;
            assert_not_exposed(&ctx, &token, "after choosing language and theme").await;

            // Failing calls: Quay's 500 page, its JSON 403 and 400 messages, shown on screen.
            for status in [500, 403, 400] {
                ctx.faults
                    .set(FaultConfig::status(status).with_path_prefix("/api/v1/superuser/users/"))
                    .expect("fault");
                ctx.users().goto("").await;
                let error = ctx.errors().find().await;
                let shown = error.text().await.unwrap_or_default();
                assert!(!shown.is_empty(), "{status}: an empty error");
                assert!(
                    !shown.contains(&token),
                    "{status}: the token is in the error: {shown}"
                );
                let html = error.html(false).await.unwrap_or_default();
                assert!(
                    !html.contains(&token),
                    "{status}: the token is in the error's markup"
                );
                assert_not_exposed(&ctx, &token, &format!("after a {status}")).await;
            }
            ctx.faults.set(FaultConfig::none()).expect("fault off");

            // Nothing the pages did was added to this tab's history with the token in it.
            let url = ctx.client.current_url().await.expect("url");
            assert!(!url.as_str().contains(&token));
            ctx.client.back().await.expect("back");
            ctx.client.back().await.expect("back");
            let back = ctx.client.current_url().await.expect("url");
            assert!(!back.as_str().contains(&token), "history: {back}");

            let console = drain_console(&ctx.client).await;
            assert!(
                console.iter().any(|e| e.message.contains("console-canary")),
                "the console was not read: {console:#?}"
            );
            let failed_loads = console.iter().filter(|e| e.source == "network").count();
            assert!(
                failed_loads >= 3,
                "the failed calls were logged: {console:#?}"
            );
            for entry in &console {
                assert!(
                    !entry.message.contains(&token),
                    "the token is in the console: {entry:?}"
                );
            }
            // The harness's own check reads the console after this body: repeat it for what was
            // drained here.
            let failures: Vec<_> = console.iter().filter(|e| e.is_failure()).collect();
            assert!(failures.is_empty(), "the page logged errors: {failures:#?}");
        },
    )
    .await;
}

/// A one-page web server on another port (another site): records the request line and headers
/// of every request it gets.
async fn other_site() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("listen");
    let url = format!("http://{}/", listener.local_addr().expect("address"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = vec![0u8; 16 * 1024];
            let n = stream.read(&mut buffer).await.unwrap_or(0);
            let head = String::from_utf8_lossy(&buffer[..n]).into_owned();
            record.lock().expect("lock").push(head);
            let body = "<!doctype html><title>other site</title><main>other site</main>";
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    (url, seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn another_site_gets_no_referer_after_an_oauth_sign_in() {
    browser_test(
        "token_referer",
        Config::default_emulator(),
        |ctx| async move {
            ctx.initialize_registry("quayadmin", "already-set-up").await;
            let org = "quayadmin-org";
            seed::create_organization(&ctx.db_path, org, "", "quayadmin").expect("organization");
            let redirect = format!("{}/", ctx.base_url);
            let (client_id, _) =
                seed::create_application(&ctx.db_path, org, "dash", &redirect, &redirect)
                    .expect("application");
            ctx.goto("/not-a-page").await;
            ctx.js(&format!(
                "localStorage.setItem('quay-admin.oauth-client-id', '{client_id}'); return null;"
            ))
            .await;

            // Through Quay's implicit flow: the token arrives in the address's fragment.
            let sign_in = ctx.sign_in_page();
            ctx.users().goto("?q=quay").await;
            sign_in.with_quay().await;
            sign_in
                .registry_sign_in("quayadmin", "already-set-up")
                .await;
            ctx.quay_consent().allow().await;
            ctx.find(users::ROW).await;
            let token = ctx
                .session_storage("quay-admin.token")
                .await
                .expect("signed in");
            assert_not_exposed(&ctx, &token, "after the OAuth sign-in").await;

            // A link to another site, followed as a person would.
            let (site, seen) = other_site().await;
            ctx.js(&format!(
                "const a = document.createElement('a'); a.href = '{site}page'; a.id = 'away'; \
             a.textContent = 'away'; document.querySelector('main').appendChild(a); return null;"
            ))
            .await;
            ctx.click("#away").await;
            ctx.wait_for_text("main", "other site").await;
            // Only the page itself: the browser's own later requests (a favicon) come from the other
            // site's page.
            let requests: Vec<String> = seen
                .lock()
                .expect("lock")
                .iter()
                .filter(|r| r.starts_with("GET /page "))
                .cloned()
                .collect();
            assert_eq!(requests.len(), 1, "the other site's requests: {requests:?}");
            for request in &requests {
                assert!(
                    !request.contains(&token),
                    "the other site got the token:\n{request}"
                );
                assert!(
                    !request.to_ascii_lowercase().contains("\nreferer:"),
                    "the other site was told where the person came from:\n{request}"
                );
            }
        },
    )
    .await;
}
