//! The main journeys with the keyboard only (Tab, Shift-Tab, Enter, Space, Escape and typing;
//! no clicks): sign in with a pasted token, create a user, change a quota, approve a key, export
//! the logs. At every focus stop the focus is visible; a dialog closed with Escape gives the focus
//! back to the button that opened it.

use fantoccini::key::Key;
use quay_admin_e2e::pages::dialog::Dialog;
use quay_admin_e2e::pages::{logs, quotas, service_keys, shell, sign_in, users};
use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::seed;
use quay_emulator::Config;
use reqwest::Method;

/// Closes the open `dialog` with Escape; the focus must return to `opener`.
async fn escape_back_to(ctx: &Ctx, dialog: &Dialog<'_>, opener: &str) {
    ctx.press(Key::Escape).await;
    dialog.wait_closed().await;
    assert!(
        ctx.focus_is(opener).await,
        "after Escape the focus is not on {opener} but on {}",
        ctx.assert_focus_visible().await
    );
    ctx.assert_focus_visible().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn main_journeys_by_keyboard_with_visible_focus() {
    browser_test("keyboard", Config::default_emulator(), |ctx| async move {
        let init = ctx.initialize_registry("quayadmin", "password123").await;
        let token = init["access_token"].as_str().expect("token").to_string();
        seed::register_pending_service_key(&ctx.db_path, "builder", None).expect("pending key");

        // Sign in: the token typed into the sign-in form, submitted with Enter.
        ctx.goto("/").await;
        ctx.tab_to(sign_in::ACCESS_TOKEN).await;
        ctx.type_keys(&token).await;
        ctx.tab_to(sign_in::TOKEN_SUBMIT).await;
        ctx.press(Key::Enter).await;
        ctx.shell().current_username_shows("quayadmin").await;

        // The skip link is the first stop and takes the focus past the navigation.
        let users = ctx.users();
        users.open("").await;
        ctx.press(Key::Tab).await;
        assert!(
            ctx.focus_is(shell::SKIP_LINK).await,
            "{}",
            ctx.assert_focus_visible().await
        );
        ctx.assert_focus_visible().await;
        ctx.press(Key::Enter).await;
        ctx.press(Key::Tab).await;
        let inside_main = ctx.shell().focus_in_main().await;
        assert_eq!(
            inside_main.as_bool(),
            Some(true),
            "{}",
            ctx.assert_focus_visible().await
        );

        // Create a user: the dialog by Enter, the fields by Tab and Shift-Tab, submit by Space.
        ctx.tab_to(users::CREATE).await;
        ctx.press(Key::Enter).await;
        users.create_dialog().wait_open().await;
        ctx.tab_to(users::NEW_USERNAME).await;
        ctx.type_keys("alice").await;
        ctx.tab_to(users::NEW_EMAIL).await;
        ctx.type_keys("alice@example.com").await;
        ctx.shift_tab_to(users::NEW_USERNAME).await;
        assert_eq!(users.new_username().await, "alice");
        ctx.tab_to(users::CREATE_SUBMIT).await;
        ctx.press(Key::Space).await;
        users.password_shown_once().await;
        ctx.tab_to(users::PASSWORD_DONE).await;
        ctx.press(Key::Enter).await;
        users.create_dialog().wait_closed().await;
        ctx.list().range_shows("of 2").await;
        assert!(ctx.focus_is(users::CREATE).await, "focus after the dialog");
        let (status, _) = ctx
            .api(Method::GET, "/api/v1/superuser/users/alice", &token, None)
            .await;
        assert_eq!(status, 200);

        // A row's actions menu: Enter opens it on its first item, arrows move, Escape closes it
        // back to its button; Enter on an item opens that dialog, and Escape there gives the
        // focus back to the menu's button.
        let actions = users.row("alice").actions_button();
        ctx.tab_to(&actions).await;
        ctx.press(Key::Enter).await;
        assert!(
            ctx.focus_is("[role=menu] [data-testid=quota-action]").await,
            "first item"
        );
        ctx.press(Key::End).await;
        assert!(
            ctx.focus_is("[role=menu] [data-testid=delete-user]").await,
            "End"
        );
        ctx.press(Key::Down).await;
        assert!(
            ctx.focus_is("[role=menu] [data-testid=quota-action]").await,
            "wraps"
        );
        ctx.press(Key::Escape).await;
        assert!(ctx.focus_is(&actions).await, "Escape returns to the button");
        ctx.press(Key::Down).await;
        ctx.press(Key::Down).await;
        assert!(
            ctx.focus_is("[role=menu] [data-testid=manage-user]").await,
            "second item"
        );
        ctx.press(Key::Enter).await;
        users.manage_dialog().wait_open().await;
        ctx.tab_to(users::MANAGE_EMAIL).await;
        escape_back_to(&ctx, &users.manage_dialog(), &actions).await;

        // Change a quota (1 GiB set through the API).
        let (status, body) = ctx
            .api(
                Method::POST,
                "/api/v1/superuser/users/alice/quota",
                &token,
                Some(serde_json::json!({"limit_bytes": 1u64 << 30})),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let (quotas, editor) = (ctx.quotas(), ctx.quota_editor());
        quotas.goto("?q=alice").await;
        quotas.row_count_is(1).await;
        ctx.tab_to(quotas::ACTION).await;
        ctx.press(Key::Enter).await;
        editor.wait_open().await;
        // Tabbing into a field selects its text: typing replaces it.
        ctx.tab_to(quotas::LIMIT).await;
        ctx.type_keys("2 GiB").await;
        assert_eq!(editor.limit().await, "2 GiB");
        ctx.tab_to(quotas::SAVE).await;
        ctx.press(Key::Enter).await;
        editor.wait_closed().await;
        quotas.rows_show("2 GiB").await;
        let (_, set) = ctx
            .api(
                Method::GET,
                "/api/v1/superuser/users/alice/quota",
                &token,
                None,
            )
            .await;
        assert_eq!(set[0]["limit_bytes"], 2_147_483_648_i64);

        // Approve the pending key, then Escape.
        let keys = ctx.service_keys();
        keys.goto("").await;
        ctx.tab_to(service_keys::APPROVE_ROW).await;
        ctx.press(Key::Enter).await;
        keys.manage_dialog().wait_open().await;
        assert!(
            ctx.focus_is(service_keys::APPROVE_NOTES).await,
            "a pending key's dialog starts at its approval"
        );
        ctx.tab_to(service_keys::APPROVE_NOTES).await;
        ctx.type_keys("checked by keyboard").await;
        ctx.tab_to(service_keys::APPROVE).await;
        ctx.press(Key::Enter).await;
        ctx.shell().toast_shows("Key approved.").await;
        ctx.press(Key::Escape).await;
        keys.manage_dialog().wait_closed().await;
        keys.approval_shows("quayadmin").await;

        // Export the logs of the range shown.
        ctx.logs().goto("").await;
        ctx.logs().wait_for_entries().await;
        ctx.tab_to(logs::EXPORT).await;
        ctx.press(Key::Enter).await;
        ctx.shell().toast_shows("Exported").await;
    })
    .await;
}
