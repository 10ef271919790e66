//! Signing in without the setup wizard: pasting a token, and coming back after a 401.

use quay_admin_e2e::{browser_test, browser_test_with, Ctx};
use quay_emulator::{seed, Config};

const TOKEN_KEY: &str = "quay-admin.token";

async fn paste_token(ctx: &Ctx, token: &str) {
    ctx.type_into("#access-token", token).await;
    ctx.click("[data-testid=token-submit]").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_token_is_checked_before_it_is_kept() {
    browser_test(
        "token_paste",
        Config::default_emulator(),
        |ctx| async move {
            let init = ctx.initialize_registry("quayadmin", "already-set-up").await;
            let token = init["access_token"].as_str().expect("token").to_string();

            ctx.goto("/").await;
            ctx.wait_for_text("h1", "Sign in").await;
            ctx.wait_for_text("[data-testid=registry]", &ctx.base_url)
                .await;
            ctx.assert_accessible("sign-in page").await;

            // Not even shaped like a token: refused without asking the registry.
            paste_token(&ctx, "not a token!").await;
            ctx.wait_for_text("[data-testid=access-token-error]", "letters and digits")
                .await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);

            // Shaped like one but unknown: the registry's own words, nothing stored.
            paste_token(&ctx, "BOGUS0000000000000000000000000000000000X").await;
            ctx.wait_for_text("[data-testid=server-message]", "Requires authentication")
                .await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);
            ctx.assert_accessible("sign-in page with a refused token")
                .await;

            paste_token(&ctx, &token).await;
            ctx.wait_for_text("[data-testid=current-username]", "quayadmin")
                .await;
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
            ctx.goto("/registry-size?view=history").await;
            paste_token(&ctx, &token).await;
            ctx.wait_for_text("h1", "Registry size").await;

            // ...when the registry stops accepting the token (its user is disabled: Quay then
            // treats the token as anonymous). The next request answers 401.
            seed::set_user_enabled(&ctx.db_path, "quayadmin", false).unwrap();
            ctx.client.refresh().await.unwrap();
            ctx.wait_for_text("[data-testid=sign-in-notice]", "expired")
                .await;
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
            paste_token(&ctx, &token).await;
            ctx.wait_for_text("h1", "Registry size").await;
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
        ctx.find("[data-testid=token-form]").await;
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
            ctx.wait_for_text("h1", "サインイン").await;
            paste_token(&ctx, &token).await;
            ctx.click("[data-testid=sign-out]").await;
            ctx.find("[data-testid=token-form]").await;
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
