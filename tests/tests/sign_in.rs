//! Signing in without the setup wizard: pasting a token, and coming back after a 401.

use quay_admin_e2e::{browser_test, Ctx};
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
