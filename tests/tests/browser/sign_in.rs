//! Signing in without the setup wizard: pasting a token, and coming back after a 401.

use quay_admin_e2e::{browser_test, browser_test_with, Ctx};
use quay_emulator::testing::seed;
use quay_emulator::Config;

const TOKEN_KEY: &str = "quay-admin.token";

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_token_is_checked_before_it_is_kept() {
    browser_test(
        "token_paste",
        Config::default_emulator(),
        |ctx| async move {
            let init = ctx.initialize_registry("quayadmin", "already-set-up").await;
            let token = init["access_token"].as_str().expect("token").to_string();

            let sign_in = ctx.sign_in_page();
            ctx.goto("/").await;
            ctx.shell().heading_shows("Sign in").await;
            sign_in.registry_shows(&ctx.base_url).await;
            ctx.assert_accessible("sign-in page").await;

            // Not even shaped like a token: refused without asking the registry.
            sign_in.paste_token("not a token!").await;
            sign_in.token_error_shows("letters and digits").await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);

            // Shaped like one but unknown: the registry's own words, nothing stored.
            sign_in
                .paste_token("BOGUS0000000000000000000000000000000000X")
                .await;
            ctx.errors()
                .server_message_shows("Requires authentication")
                .await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);
            ctx.assert_accessible("sign-in page with a refused token")
                .await;

            sign_in.paste_token(&token).await;
            ctx.shell().current_username_shows("quayadmin").await;
            assert_eq!(
                ctx.session_storage(TOKEN_KEY).await.as_deref(),
                Some(token.as_str())
            );
            assert!(!ctx.local_storage_dump().await.contains(&token));
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_401_signing_in_again_returns_to_the_same_page() {
    browser_test(
        "expired_session",
        Config::default_emulator(),
        |ctx| async move {
            let init = ctx.initialize_registry("quayadmin", "already-set-up").await;
            let token = init["access_token"].as_str().expect("token").to_string();

            // Signed in on a deep link with a query...
            let (sign_in, shell) = (ctx.sign_in_page(), ctx.shell());
            ctx.goto("/registry-size?view=history").await;
            sign_in.paste_token(&token).await;
            shell.heading_shows("Registry size").await;

            // ...when the registry stops accepting the token (its user is disabled: Quay then
            // treats the token as anonymous). The next request answers 401.
            seed::set_user_enabled(&ctx.db_path, "quayadmin", false).unwrap();
            ctx.client.refresh().await.unwrap();
            sign_in.notice_shows("expired").await;
            assert_eq!(
                ctx.session_storage(TOKEN_KEY).await,
                None,
                "the dead token is gone"
            );
            let url = ctx.client.current_url().await.unwrap();
            assert_eq!(url.path(), "/registry-size");
            assert_eq!(url.query(), Some("view=history"));
            ctx.assert_accessible("sign-in after expiry").await;

            seed::set_user_enabled(&ctx.db_path, "quayadmin", true).unwrap();
            sign_in.paste_token(&token).await;
            shell.heading_shows("Registry size").await;
            let url = ctx.client.current_url().await.unwrap();
            assert_eq!(url.path(), "/registry-size");
            assert_eq!(url.query(), Some("view=history"));
        },
    )
    .await;
}

/// How many requests of this document went to `path` (the browser's own record).
async fn requests_to(ctx: &Ctx, path: &str) -> u64 {
    ctx.js(&format!(
        "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === '{path}').length;"
    ))
    .await
    .as_u64()
    .unwrap()
}

/// Loads each page signed out and checks that it asked the registry once whether it is empty.
async fn assert_one_setup_probe(ctx: &Ctx, pages: &[&str]) {
    for page in pages {
        ctx.goto(page).await;
        ctx.sign_in_page().token_form().await;
        // Anything late would have been sent by now.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(
            requests_to(ctx, "/api/v1/user/initialize").await,
            1,
            "setup probes on {page}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_out_load_asks_once_whether_the_registry_is_empty() {
    browser_test(
        "setup_probe_once",
        Config::default_emulator(),
        |ctx| async move {
            let init = ctx.initialize_registry("quayadmin", "already-set-up").await;
            let token = init["access_token"].as_str().unwrap().to_string();
            assert_one_setup_probe(&ctx, &["/", "/users?q=a", "/logs"]).await;
            // Choosing a language re-renders the texts, not the probe; nor does signing out.
            ctx.choose_language("ja").await;
            ctx.shell().heading_shows("サインイン").await;
            ctx.sign_in_page().paste_token(&token).await;
            ctx.shell().sign_out().await;
            ctx.sign_in_page().token_form().await;
            assert_eq!(requests_to(&ctx, "/api/v1/user/initialize").await, 1);
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn under_a_folder_too_a_signed_out_load_asks_once() {
    browser_test_with(
        "setup_probe_once_admin",
        Config::default_emulator(),
        |options| options.dist_mount("/admin/"),
        |ctx| async move {
            ctx.initialize_registry("quayadmin", "already-set-up").await;
            assert_one_setup_probe(&ctx, &["/admin/", "/admin/users?q=a"]).await;
        },
    )
    .await;
}
