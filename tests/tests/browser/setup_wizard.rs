//! The first-run setup wizard, end to end in headless Chromium against a real emulator.

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::Config;

const TOKEN_KEY: &str = "quay-admin.token";

async fn select_theme(ctx: &Ctx, theme: &str) {
    ctx.choose_theme(theme).await;
    let background = ctx.shell().background().await;
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
            let (setup, shell) = (ctx.setup(), ctx.shell());
            ctx.goto("/").await;
            ctx.wait_for_path("/setup").await;
            setup.form().await;
            assert_eq!(setup.username().await, "quayadmin");
            ctx.assert_accessible("wizard (light)").await;
            select_theme(&ctx, "dark").await;
            ctx.assert_accessible("wizard (dark)").await;

            // A 7-character password is refused before anything is sent.
            setup.fill("admin@example.com", "1234567", "1234567").await;
            setup.password_error_shows("at least 8 characters").await;
            setup.submit().await;
            setup.summary_shows("correct the highlighted").await;
            let focused = shell.focused_id().await;
            assert_eq!(
                focused.as_str(),
                Some("setup-password"),
                "focus moves to the bad field"
            );
            assert!(registry_is_empty(&ctx).await, "nothing was submitted");
            ctx.assert_accessible("wizard with errors (dark)").await;

            // So is one with whitespace.
            setup
                .fill("admin@example.com", "1234 5678", "1234 5678")
                .await;
            setup.password_error_shows("spaces").await;
            setup.submit().await;
            assert!(registry_is_empty(&ctx).await, "nothing was submitted");

            // A reload keeps what was typed, except the passwords.
            setup.type_username("ops-admin").await;
            ctx.client.refresh().await.unwrap();
            setup.form().await;
            assert_eq!(setup.username().await, "ops-admin");
            assert_eq!(setup.email().await, "admin@example.com");
            assert_eq!(setup.password().await, "");
            setup.type_username("quayadmin").await;

            // A valid form creates the user, signs it in and offers to register the dashboard.
            setup
                .create_account("admin@example.com", "correct-horse-42")
                .await;
            ctx.register_console().form().await;
            ctx.assert_accessible("wizard, register step (dark)").await;
            ctx.register_console().skip().await;
            ctx.wait_for_path("/").await;
            shell.current_username_shows("quayadmin").await;
            shell.superuser_badge().await;
            shell.first_toast_shows("quayadmin").await;
            shell.header_user_shows("quayadmin").await;
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
            shell.current_username_shows("quayadmin").await;
            assert_eq!(ctx.theme().await.as_deref(), Some("light"));

            // Signing out forgets the token everywhere.
            shell.sign_out().await;
            shell.heading_shows("Sign in").await;
            assert_eq!(ctx.session_storage(TOKEN_KEY).await, None);
            assert!(!shell.has_header_user().await);
            assert!(!setup.has_form().await, "no wizard once set up");
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

            let setup = ctx.setup();
            ctx.goto("/").await;
            ctx.shell().heading_shows("Sign in").await;
            assert!(!setup.has_form().await);

            // A deep link to the wizard says setup is done, in the chosen language too.
            ctx.goto("/setup").await;
            setup.done_shows("already done").await;
            assert!(!setup.has_form().await);
            ctx.assert_accessible("setup done").await;
            ctx.choose_language("ja").await;
            setup.done_shows("セットアップは完了しています").await;
            let lang = ctx.shell().language().await;
            assert_eq!(lang.as_str(), Some("ja"));
            ctx.choose_language("zh-Hans").await;
            setup.done_shows("已完成设置").await;
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
            let setup = ctx.setup();
            ctx.goto("/setup").await;
            setup.form().await;
            // Someone else finishes setup while this form is open.
            ctx.initialize_registry("someone", "first-come-first").await;

            setup
                .create_account("admin@example.com", "correct-horse-42")
                .await;
            ctx.errors()
                .server_message_shows("Cannot initialize user in a non-empty database")
                .await;
            assert_eq!(setup.email().await, "admin@example.com", "input kept");
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
        ctx.setup()
            .create_account("ops@example.com", "correct-horse-42")
            .await;
        ctx.register_console().skip().await;
        let overview = ctx.overview();
        overview
            .not_superuser_shows("quayadmin is not a superuser")
            .await;
        overview.not_superuser_shows("SUPER_USERS").await;
        assert!(!ctx.shell().has_superuser_badge().await);
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
        ctx.setup().unavailable_shows("not available").await;
        assert!(!ctx.setup().has_form().await);
        ctx.assert_accessible("setup unavailable").await;
        // The empty registry still gets the sign-in page, not a redirect loop to the wizard.
        ctx.goto("/").await;
        ctx.shell().heading_shows("Sign in").await;
    })
    .await;
}

/// Each step of the wizard says where it is (the step indicator, the current step marked
/// `aria-current="step"`, the first one done on the second), and on a phone (390 × 844) in
/// English and Japanese no button label wraps and nothing sticks out of the window.
#[tokio::test(flavor = "multi_thread")]
async fn every_step_shows_where_the_wizard_is_and_fits_a_phone() {
    browser_test(
        "wizard_steps",
        Config::default_emulator(),
        |ctx| async move {
            ctx.client.set_window_size(390, 844).await.expect("size");
            let setup = ctx.setup();
            ctx.goto("/setup").await;
            setup.form().await;
            let steps = setup.steps().await;
            assert_eq!(steps.len(), 2, "{steps:?}");
            assert!(steps[0].contains("First account"), "{steps:?}");
            assert!(steps[1].contains("Dashboard sign-in"), "{steps:?}");
            setup.current_step_shows("First account").await;
            assert_eq!(setup.current_step_count().await, 1);
            assert_eq!(setup.wrapped_buttons().await, (vec![], 0), "step 1");

            setup
                .create_account("admin@example.com", "correct-horse-42")
                .await;
            ctx.register_console().form().await;
            setup.current_step_shows("Dashboard sign-in").await;
            assert_eq!(setup.current_step_count().await, 1);
            let steps = setup.steps().await;
            assert!(steps[0].contains("(done)"), "{steps:?}");
            assert_eq!(setup.wrapped_buttons().await, (vec![], 0), "step 2");
            ctx.assert_accessible("wizard, register step on a phone")
                .await;

            ctx.choose_language("ja").await;
            setup.current_step_shows("ダッシュボードのサインイン").await;
            assert_eq!(setup.wrapped_buttons().await, (vec![], 0), "step 2 (ja)");
            ctx.choose_language("zh-Hans").await;
            setup.current_step_shows("控制台登录").await;
            assert_eq!(setup.wrapped_buttons().await, (vec![], 0), "step 2 (zh)");
        },
    )
    .await;
}
