//! The first-run setup wizard, end to end in headless Chromium against a real emulator.

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::Config;

const TOKEN_KEY: &str = "quay-admin.token";

async fn fill_wizard(ctx: &Ctx, email: &str, password: &str, confirm: &str) {
    ctx.type_into("#setup-email", email).await;
    ctx.type_into("#setup-password", password).await;
    ctx.type_into("#setup-confirm", confirm).await;
}

async fn select_theme(ctx: &Ctx, theme: &str) {
    ctx.choose_theme(theme).await;
    let background = ctx
        .js("return getComputedStyle(document.body).backgroundColor;")
        .await;
    let expected = if theme == "dark" {
        "rgb(17, 20, 24)"
    } else {
        "rgb(246, 247, 249)"
    };
    assert_eq!(
        background.as_str(),
        Some(expected),
        "{theme} colours in effect"
    );
}

/// Whether the registry is still empty, asked the way the dashboard asks (a refused initialize).
async fn registry_is_empty(ctx: &Ctx) -> bool {
    let body: serde_json::Value = ctx
        .http
        .post(ctx.url("/api/v1/user/initialize"))
        .json(&serde_json::json!({"username": "probe", "password": ""}))
        .send()
        .await
        .expect("probe")
        .json()
        .await
        .expect("probe JSON");
    body["message"] != "Cannot initialize user in a non-empty database"
}

#[tokio::test(flavor = "multi_thread")]
async fn wizard_creates_the_first_user_signs_in_and_out() {
    browser_test(
        "wizard_happy_path",
        Config::default_emulator(),
        |ctx| async move {
            // An empty registry sends a visitor to the wizard.
            ctx.goto("/").await;
            ctx.wait_for_path("/setup").await;
            ctx.find("[data-testid=setup-form]").await;
            assert_eq!(ctx.value("#setup-username").await, "quayadmin");
            ctx.assert_accessible("wizard (light)").await;
            select_theme(&ctx, "dark").await;
            ctx.assert_accessible("wizard (dark)").await;

            // A 7-character password is refused before anything is sent.
            fill_wizard(&ctx, "admin@example.com", "1234567", "1234567").await;
            ctx.wait_for_text(
                "[data-testid=setup-password-error]",
                "at least 8 characters",
            )
            .await;
            ctx.click("[data-testid=setup-submit]").await;
            ctx.wait_for_text(".form-summary", "correct the highlighted")
                .await;
            let focused = ctx.js("return document.activeElement.id;").await;
            assert_eq!(
                focused.as_str(),
                Some("setup-password"),
                "focus moves to the bad field"
            );
            assert!(registry_is_empty(&ctx).await, "nothing was submitted");
            ctx.assert_accessible("wizard with errors (dark)").await;

            // So is one with whitespace.
            fill_wizard(&ctx, "admin@example.com", "1234 5678", "1234 5678").await;
            ctx.wait_for_text("[data-testid=setup-password-error]", "spaces")
                .await;
            ctx.click("[data-testid=setup-submit]").await;
            assert!(registry_is_empty(&ctx).await, "nothing was submitted");

            // A reload keeps what was typed, except the passwords.
            ctx.type_into("#setup-username", "ops-admin").await;
            ctx.client.refresh().await.unwrap();
            ctx.find("[data-testid=setup-form]").await;
            assert_eq!(ctx.value("#setup-username").await, "ops-admin");
            assert_eq!(ctx.value("#setup-email").await, "admin@example.com");
            assert_eq!(ctx.value("#setup-password").await, "");
            ctx.type_into("#setup-username", "quayadmin").await;

            // A valid form creates the user, signs it in and offers to register the dashboard.
            fill_wizard(
                &ctx,
                "admin@example.com",
                "correct-horse-42",
                "correct-horse-42",
            )
            .await;
            ctx.click("[data-testid=setup-submit]").await;
            ctx.find("[data-testid=register-form]").await;
            ctx.assert_accessible("wizard, register step (dark)").await;
            ctx.click("[data-testid=register-skip]").await;
            ctx.wait_for_path("/").await;
            ctx.wait_for_text("[data-testid=current-username]", "quayadmin")
                .await;
            ctx.find("[data-testid=superuser-badge]").await;
            ctx.wait_for_text("[data-testid=toast]", "quayadmin").await;
            ctx.wait_for_text("[data-testid=header-user]", "quayadmin")
                .await;
            assert!(!registry_is_empty(&ctx).await);
            ctx.assert_accessible("overview (dark)").await;
            select_theme(&ctx, "light").await;
            ctx.assert_accessible("overview (light)").await;

            // The token sits in sessionStorage only: not in localStorage, not in the URL.
            let token = ctx.session_storage(TOKEN_KEY).await.expect("token stored");
            assert_eq!(token.len(), 40);
            assert!(!ctx.local_storage_dump().await.contains(&token));
            let url = ctx.client.current_url().await.unwrap();
            assert!(!url.as_str().contains(&token));

            // It works as a bearer token against the API.
            let me = ctx
                .http
                .get(ctx.url("/api/v1/user/"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(me.status(), 200);

            // A reload keeps the session (and the chosen theme).
            ctx.client.refresh().await.unwrap();
            ctx.wait_for_text("[data-testid=current-username]", "quayadmin")
                .await;
            assert_eq!(ctx.theme().await.as_deref(), Some("light"));

            // Signing out forgets the token everywhere.
            ctx.click("[data-testid=sign-out]").await;
            ctx.wait_for_text("h1", "Sign in").await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);
            assert!(!ctx.exists("[data-testid=header-user]").await);
            assert!(
                !ctx.exists("[data-testid=setup-form]").await,
                "no wizard once set up"
            );
            ctx.assert_accessible("sign-in page").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_non_empty_registry_never_shows_the_wizard() {
    browser_test(
        "non_empty_registry",
        Config::default_emulator(),
        |ctx| async move {
            ctx.initialize_registry("quayadmin", "already-set-up").await;

            ctx.goto("/").await;
            ctx.wait_for_text("h1", "Sign in").await;
            assert!(!ctx.exists("[data-testid=setup-form]").await);

            // A deep link to the wizard says setup is done, in the chosen language too.
            ctx.goto("/setup").await;
            ctx.wait_for_text("[data-testid=setup-done]", "already done")
                .await;
            assert!(!ctx.exists("[data-testid=setup-form]").await);
            ctx.assert_accessible("setup done").await;
            ctx.choose_language("ja").await;
            ctx.wait_for_text("[data-testid=setup-done]", "セットアップは完了しています")
                .await;
            let lang = ctx.js("return document.documentElement.lang;").await;
            assert_eq!(lang.as_str(), Some("ja"));
            ctx.choose_language("zh-Hans").await;
            ctx.wait_for_text("[data-testid=setup-done]", "已完成设置")
                .await;
            ctx.assert_accessible("setup done (zh-Hans)").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refusal_shows_the_server_message_and_keeps_the_input() {
    browser_test(
        "server_refusal",
        Config::default_emulator(),
        |ctx| async move {
            ctx.goto("/setup").await;
            ctx.find("[data-testid=setup-form]").await;
            // Someone else finishes setup while this form is open.
            ctx.initialize_registry("someone", "first-come-first").await;

            fill_wizard(
                &ctx,
                "admin@example.com",
                "correct-horse-42",
                "correct-horse-42",
            )
            .await;
            ctx.click("[data-testid=setup-submit]").await;
            ctx.wait_for_text(
                "[data-testid=server-message]",
                "Cannot initialize user in a non-empty database",
            )
            .await;
            assert_eq!(
                ctx.value("#setup-email").await,
                "admin@example.com",
                "input kept"
            );
            let url = ctx.client.current_url().await.unwrap();
            assert_eq!(url.path(), "/setup");
            ctx.assert_accessible("wizard with server error").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_user_outside_super_users_is_told_how_to_fix_it() {
    let config = Config::default_emulator()
        .with_overrides(r#"{"SUPER_USERS": ["admin"]}"#)
        .expect("override");
    browser_test("not_superuser", config, |ctx| async move {
        ctx.goto("/setup").await;
        fill_wizard(
            &ctx,
            "ops@example.com",
            "correct-horse-42",
            "correct-horse-42",
        )
        .await;
        ctx.click("[data-testid=setup-submit]").await;
        ctx.click("[data-testid=register-skip]").await;
        ctx.wait_for_text(
            "[data-testid=not-superuser]",
            "quayadmin is not a superuser",
        )
        .await;
        ctx.wait_for_text("[data-testid=not-superuser]", "SUPER_USERS")
            .await;
        assert!(!ctx.exists("[data-testid=superuser-badge]").await);
        ctx.assert_accessible("overview, not a superuser").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_registry_without_user_initialize_offers_no_wizard() {
    let config = Config::default_emulator()
        .with_overrides(r#"{"FEATURE_USER_INITIALIZE": false}"#)
        .expect("override");
    browser_test("initialize_off", config, |ctx| async move {
        ctx.goto("/setup").await;
        ctx.wait_for_text("[data-testid=setup-unavailable]", "not available")
            .await;
        assert!(!ctx.exists("[data-testid=setup-form]").await);
        ctx.assert_accessible("setup unavailable").await;
        // The empty registry still gets the sign-in page, not a redirect loop to the wizard.
        ctx.goto("/").await;
        ctx.wait_for_text("h1", "Sign in").await;
    })
    .await;
}
