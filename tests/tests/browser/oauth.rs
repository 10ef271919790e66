//! Sign-in through Quay's OAuth implicit flow, end to end, on Quay's real paths: the console
//! signing the browser in to the registry when it has no session, Quay's consent page with the
//! confirmation its dangerous scopes need (whose form posts no `state`), the already-granted
//! redirect (with `state`), and the redirect back.

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::seed;
use quay_emulator::Config;

const TOKEN_KEY: &str = "quay-admin.token";
const CLIENT_ID_KEY: &str = "quay-admin.oauth-client-id";

/// A user (not necessarily a superuser) who administers an organization with an OAuth
/// application redirecting to the dashboard; returns the client id.
fn seed_user_with_app(ctx: &Ctx, username: &str, password: &str) -> String {
    let db = &ctx.db_path;
    seed::create_user(db, username, password, &format!("{username}@example.com")).unwrap();
    let org = format!("{username}-org");
    seed::create_organization(db, &org, "", username).unwrap();
    let redirect = format!("{}/", ctx.base_url);
    seed::create_application(db, &org, "Quay Admin dashboard", &redirect, &redirect)
        .unwrap()
        .0
}

/// Tells this browser the client id, as the setup wizard would have.
async fn remember_client_id(ctx: &Ctx, client_id: &str) {
    ctx.goto("/not-a-page").await;
    ctx.js(&format!(
        "localStorage.setItem('{CLIENT_ID_KEY}', '{client_id}'); return null;"
    ))
    .await;
}

/// From the dashboard's sign-in page: the console finds no registry session in this browser,
/// signs in to the registry with the password, and goes on to Quay's consent page.
async fn sign_in_at_quay(ctx: &Ctx, username: &str, password: &str) {
    let sign_in = ctx.sign_in_page();
    sign_in.with_quay().await;
    sign_in.registry_form().await;
    ctx.assert_accessible("registry sign-in in the console")
        .await;
    sign_in.registry_sign_in(username, password).await;
    ctx.quay_consent().wait().await;
    ctx.assert_accessible("registry consent page").await;
}

/// Quay's consent for the console's dangerous scopes: "Authorize Application", then again in the
/// confirmation (whose form posts no `state`: the answer carries the value in the redirect URI).
async fn consent(ctx: &Ctx) {
    ctx.quay_consent().allow().await;
}

/// The token must never be visible where a script, an extension or another site could read it.
async fn assert_token_confined(ctx: &Ctx, token: &str) {
    let href = ctx.js("return location.href;").await;
    assert!(
        !href.as_str().unwrap_or_default().contains(token),
        "token in location.href"
    );
    assert!(
        !ctx.local_storage_dump().await.contains(token),
        "token in localStorage"
    );
    // Follow a real link to another document and look at what it was told.
    ctx.js(
        "const a = document.createElement('a'); a.href = 'referrer-probe'; a.id = 'probe-link'; \
            a.textContent = 'probe'; document.body.appendChild(a); return null;",
    )
    .await;
    ctx.click("#probe-link").await;
    ctx.wait_for_path("/referrer-probe").await;
    ctx.find("main").await;
    let referrer = ctx.js("return document.referrer;").await;
    assert!(
        !referrer.as_str().unwrap_or_default().contains(token),
        "token in document.referrer: {referrer}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn wizard_registers_the_dashboard_and_then_oauth_sign_in_works() {
    browser_test(
        "oauth_after_wizard",
        Config::default_emulator(),
        |ctx| async move {
            let (register, shell) = (ctx.register_console(), ctx.shell());
            ctx.goto("/").await;
            ctx.wait_for_path("/setup").await;
            ctx.setup()
                .create_account("admin@example.com", "correct-horse-42")
                .await;

            // Step 2: the organization and the application, with this dashboard as redirect URI.
            assert_eq!(register.organization().await, "quay-admin");
            register.register().await;
            let client_id = register.client_id().await;
            assert_eq!(client_id.len(), 20, "{client_id:?}");
            ctx.assert_accessible("wizard, application registered")
                .await;
            let apps: serde_json::Value = ctx
                .http
                .get(ctx.url("/api/v1/organization/quay-admin/applications"))
                .bearer_auth(ctx.session_storage(TOKEN_KEY).await.unwrap())
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(apps["applications"][0]["client_id"], client_id.as_str());
            assert_eq!(
                apps["applications"][0]["redirect_uri"],
                format!("{}/", ctx.base_url)
            );
            register.continue_on().await;
            shell.current_username_shows("quayadmin").await;

            // A fresh sign-in through Quay with that client id.
            shell.sign_out().await;
            shell.heading_shows("Sign in").await;
            // The wizard's initialize call also signed this browser into the registry (as Quay
            // does), so the registry goes straight to its consent page: a first grant, with the
            // confirmation step.
            ctx.sign_in_page().with_quay().await;
            ctx.quay_consent().wait().await;
            consent(&ctx).await;
            shell.current_username_shows("quayadmin").await;
            shell.superuser_badge().await;
            let token = ctx.session_storage(TOKEN_KEY).await.expect("token kept");
            assert_eq!(token.len(), 40);
            let url = ctx.client.current_url().await.unwrap();
            assert_eq!(url.path(), "/");
            assert_eq!(
                url.query(),
                None,
                "state and scope removed from the address bar"
            );
            assert_eq!(url.fragment(), None, "token removed from the address bar");
            assert_token_confined(&ctx, &token).await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_returns_to_the_deep_link_it_started_from() {
    browser_test(
        "oauth_deep_link",
        Config::default_emulator(),
        |ctx| async move {
            ctx.initialize_registry("quayadmin", "already-set-up").await;
            let org = "quayadmin-org";
            seed::create_organization(&ctx.db_path, org, "", "quayadmin").unwrap();
            let redirect = format!("{}/", ctx.base_url);
            let (client_id, _) =
                seed::create_application(&ctx.db_path, org, "dash", &redirect, &redirect).unwrap();
            remember_client_id(&ctx, &client_id).await;

            ctx.goto("/builds?phase=error&page=2").await;
            sign_in_at_quay(&ctx, "quayadmin", "already-set-up").await;
            consent(&ctx).await;
            ctx.shell().heading_shows("Builds").await;
            let url = ctx.client.current_url().await.unwrap();
            assert_eq!(url.path(), "/builds");
            assert_eq!(url.query(), Some("phase=error&page=2"));
            assert_eq!(url.fragment(), None);
            let token = ctx.session_storage(TOKEN_KEY).await.expect("token kept");
            assert_token_confined(&ctx, &token).await;

            // Again, after signing out of the console: the registry session and the grant are
            // there, so Quay answers at once (with `state`), no page in between.
            ctx.shell().sign_out().await;
            ctx.shell().heading_shows("Sign in").await;
            ctx.users().goto("?q=quay").await;
            ctx.sign_in_page().with_quay().await;
            ctx.shell().header_user_shows("quayadmin").await;
            let url = ctx.client.current_url().await.unwrap();
            assert_eq!((url.path(), url.query()), ("/users", Some("q=quay")));
            let again = ctx.session_storage(TOKEN_KEY).await.expect("token kept");
            assert_ne!(again, token, "a new token");
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn denying_access_or_a_forged_state_stores_nothing() {
    browser_test(
        "oauth_refusals",
        Config::default_emulator(),
        |ctx| async move {
            ctx.initialize_registry("quayadmin", "already-set-up").await;
            let client_id = seed_user_with_app(&ctx, "alice", "alice-password");
            remember_client_id(&ctx, &client_id).await;

            // Quay's answers to a wrong password and to the back-off, shown in the console with
            // what was typed kept.
            let (sign_in, consent) = (ctx.sign_in_page(), ctx.quay_consent());
            ctx.goto("/").await;
            sign_in.with_quay().await;
            sign_in.registry_sign_in("alice", "wrong-password").await;
            sign_in
                .registry_form_shows("Invalid Username or Password")
                .await;
            assert_eq!(sign_in.registry_username().await, "alice");
            sign_in.submit_registry_sign_in().await;
            sign_in
                .registry_backoff_shows("Too many login attempts")
                .await;
            ctx.assert_accessible("registry sign-in refused").await;
            tokio::time::sleep(std::time::Duration::from_millis(600)).await;

            // The person cancels on the consent page.
            sign_in.registry_sign_in_again("alice-password").await;
            consent.wait().await;
            consent.deny().await;
            sign_in.notice_shows("did not grant access").await;
            sign_in.notice_shows("authorization_denied").await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);
            let url = ctx.client.current_url().await.unwrap();
            assert_eq!(url.query(), None, "error removed from the address bar");
            ctx.assert_accessible("sign-in after a refusal").await;

            // An OAuth error return (RFC 6749's access_denied, as other servers send it).
            ctx.goto("/?error=access_denied").await;
            sign_in.notice_shows("access_denied").await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);

            // A redirect this tab never asked for (forged state) is ignored.
            let forged = "FORGED0000000000000000000000000000000000";
            ctx.goto(&format!(
                "/?scope=super%3Auser&state=attacker#access_token={forged}&token_type=Bearer"
            ))
            .await;
            sign_in.notice_shows("did not match").await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);
            let href = ctx.js("return location.href;").await;
            assert!(
                !href.as_str().unwrap().contains(forged),
                "forged token left in the URL"
            );

            // The sign-in page follows the language picker.
            ctx.choose_language("ja").await;
            ctx.shell().heading_shows("サインイン").await;
            sign_in.with_quay_shows("Quay でサインイン").await;
            ctx.assert_accessible("sign-in page (ja)").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_non_superuser_signing_in_is_told_why_and_nothing_admin_is_sent() {
    browser_test(
        "oauth_not_superuser",
        Config::default_emulator(),
        |ctx| async move {
            ctx.initialize_registry("quayadmin", "already-set-up").await;
            let client_id = seed_user_with_app(&ctx, "bob", "bob-password");
            remember_client_id(&ctx, &client_id).await;

            let (overview, shell) = (ctx.overview(), ctx.shell());
            ctx.users().goto("").await;
            sign_in_at_quay(&ctx, "bob", "bob-password").await;
            consent(&ctx).await;
            overview.not_superuser_shows("bob is not a superuser").await;
            overview.not_superuser_shows("SUPER_USERS").await;
            assert!(
                !shell.has_nav().await,
                "no admin navigation for a non-superuser"
            );
            ctx.assert_accessible("not a superuser").await;
            shell.sign_out().await;
            shell.heading_shows("Sign in").await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);
        },
    )
    .await;
}
