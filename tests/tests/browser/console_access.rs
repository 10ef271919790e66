//! Who may sign in to the console: Quay lets only administrators of the organization owning the
//! console's OAuth application through `/oauth/authorize` (a bare 403 otherwise). The console
//! finds that out before leaving, explains it and lets a superuser take ownership; signed in, it
//! lists the superusers and adds the missing ones to that organization's admin team; and with
//! no client id at all it registers itself with the browser's registry session.

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::{outbox, seed, storage};
use quay_emulator::Config;

const CLIENT_ID_KEY: &str = "quay-admin.oauth-client-id";

/// Two superusers, `quayadmin` (who set the console up) and `carol`.
fn two_superusers() -> Config {
    Config::default_emulator()
        .with_overrides(r#"{"SUPER_USERS": ["quayadmin", "carol"]}"#)
        .unwrap()
}

/// `quayadmin`'s organization `quay-admin` with the console's application, remembered by this
/// browser; returns `quayadmin`'s token from the registry's initialization.
async fn console_registered_by_quayadmin(ctx: &Ctx) -> String {
    let init = ctx.initialize_registry("quayadmin", "already-set-up").await;
    seed::create_organization(&ctx.db_path, "quay-admin", "", "quayadmin").unwrap();
    let redirect = format!("{}/", ctx.base_url);
    let (client_id, _) =
        seed::create_application(&ctx.db_path, "quay-admin", "Console", &redirect, &redirect)
            .unwrap();
    ctx.goto("/not-a-page").await;
    ctx.js(&format!(
        "localStorage.setItem('{CLIENT_ID_KEY}', '{client_id}'); return null;"
    ))
    .await;
    init["access_token"].as_str().unwrap().to_string()
}

/// The superuser `carol`, outside the console's organization, goes to sign in with Quay and
/// signs in to the registry on the way.
async fn carol_signs_in_to_the_registry(ctx: &Ctx) {
    console_registered_by_quayadmin(ctx).await;
    seed::create_user(&ctx.db_path, "carol", "carol-password", "carol@example.com").unwrap();
    let sign_in = ctx.sign_in_page();
    ctx.users().goto("").await;
    sign_in.with_quay().await;
    sign_in.registry_form().await;
    sign_in.registry_sign_in("carol", "carol-password").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_superuser_outside_the_consoles_organization_is_told_and_can_take_ownership() {
    browser_test(
        "console_access_no_access",
        two_superusers(),
        |ctx| async move {
            carol_signs_in_to_the_registry(&ctx).await;
            let (sign_in, consent) = (ctx.sign_in_page(), ctx.quay_consent());
            // Not sent to Quay's bare 403: told why, in the console.
            sign_in
                .no_console_access_shows("carol cannot sign in to this console yet")
                .await;
            sign_in.no_console_access_shows("quay-admin").await;
            // Whom to ask: carol may not see quay-admin's owners, but may list the superusers.
            sign_in
                .whom_to_ask_shows("The other superusers of this registry: quayadmin")
                .await;
            assert!(!consent.shown().await);
            ctx.assert_accessible("no console access").await;
            ctx.screenshot("sign_in_no_console_access").await;

            sign_in.take_console_ownership().await;
            let ownership = sign_in.console_ownership_dialog();
            ownership.wait_open().await;
            ownership.shows("take ownership of quay-admin").await;
            ctx.assert_accessible("take ownership dialog").await;
            ownership.confirm().await;
            // Now an administrator of quay-admin: on to Quay's consent, and back signed in.
            consent.wait().await;
            consent.allow().await;
            ctx.shell().header_user_shows("carol").await;
            let url = ctx.client.current_url().await.unwrap();
            assert_eq!(url.path(), "/users");
            let logged = storage::Storage::open(&ctx.db_path)
                .unwrap()
                .log_entries(0, i64::MAX, 100)
                .unwrap();
            assert!(logged.iter().any(|l| l.kind == "take_ownership"));
        },
    )
    .await;
}

/// Quay wants a recent sign-in (10 minutes) from a cookie session before a superuser takes
/// ownership: with an older one it answers 401, and the console asks for the password again
/// and then takes ownership, instead of showing a dead end.
#[tokio::test(flavor = "multi_thread")]
async fn an_old_registry_sign_in_is_confirmed_with_the_password_before_taking_ownership() {
    browser_test(
        "console_access_password_again",
        two_superusers(),
        |ctx| async move {
            carol_signs_in_to_the_registry(&ctx).await;
            let (sign_in, consent) = (ctx.sign_in_page(), ctx.quay_consent());
            sign_in.no_console_access_shows("quay-admin").await;
            // An hour later, as Quay's fresh-login check sees it.
            seed::backdate_sign_ins(&ctx.db_path, "carol", 3600).unwrap();

            sign_in.take_console_ownership().await;
            let ownership = sign_in.console_ownership_dialog();
            ownership.wait_open().await;
            ownership.confirm().await;
            sign_in
                .registry_sign_in_reason_shows("password again")
                .await;
            ownership.wait_closed().await;
            assert_eq!(sign_in.registry_username().await, "carol");
            // The password field, below the fold, has the focus.
            ctx.wait_for_count("#registry-password:focus", 1).await;
            ctx.assert_accessible("password again").await;
            ctx.screenshot("sign_in_password_again").await;
            sign_in.registry_sign_in_again("carol-password").await;
            // Signed in afresh, ownership taken at once: on to Quay's consent.
            consent.wait().await;
            consent.allow().await;
            ctx.shell().header_user_shows("carol").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_in_the_overview_adds_the_other_superusers_to_the_admin_team() {
    browser_test(
        "console_access_roster",
        two_superusers(),
        |ctx| async move {
            let token = console_registered_by_quayadmin(&ctx).await;
            seed::create_user(&ctx.db_path, "carol", "carol-password", "carol@example.com")
                .unwrap();
            seed::create_user(&ctx.db_path, "dave", "dave-password", "dave@example.com").unwrap();
            let overview = ctx.overview();
            ctx.goto("/").await;
            ctx.sign_in_page().paste_token(&token).await;

            overview.access_row_count_is(2).await;
            let rows = overview.access_rows().await;
            assert!(
                rows[0].starts_with("quayadmin") && rows[0].contains("Can sign in"),
                "{rows:?}"
            );
            assert!(
                rows[1].starts_with("carol") && rows[1].contains("Cannot sign in"),
                "{rows:?}"
            );
            ctx.assert_accessible("console access roster").await;
            ctx.screenshot("overview_console_access").await;

            // The registry mails (Quay's default): carol, outside the organization, is invited.
            overview.add_to_owners("carol").await;
            ctx.shell().toast_shows("carol was invited").await;
            overview.access_table_shows("Invited").await;
            let mail = outbox::list(&ctx.db_path).unwrap();
            assert!(mail.iter().any(|m| m.recipient == "carol@example.com"));
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_client_id_the_sign_in_page_registers_the_console() {
    browser_test(
        "console_access_register",
        Config::default_emulator(),
        |ctx| async move {
            ctx.initialize_registry("quayadmin", "already-set-up").await;
            let (sign_in, register) = (ctx.sign_in_page(), ctx.register_console());
            ctx.goto("/").await;
            sign_in.with_quay_disabled().await;
            sign_in.register_console().await;
            sign_in.registry_form().await;
            sign_in
                .registry_sign_in("quayadmin", "already-set-up")
                .await;
            assert_eq!(register.organization().await, "quay-admin");
            ctx.assert_accessible("register from the sign-in page")
                .await;
            register.register().await;
            let client_id = register.client_id().await;
            assert_eq!(client_id.len(), 20, "{client_id:?}");
            // Signing in now works, through the new application.
            sign_in.with_quay().await;
            ctx.quay_consent().wait().await;
            ctx.quay_consent().allow().await;
            ctx.shell().current_username_shows("quayadmin").await;
            ctx.overview().access_row_count_is(1).await;
        },
    )
    .await;
}
