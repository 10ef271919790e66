//! The main journeys with the keyboard only (Tab, Shift-Tab, Enter, Space, Escape and typing;
//! no clicks): sign in with a pasted token, create a user, change a quota, approve a key, export
//! the logs. At every focus stop the focus is visible; a dialog closed with Escape gives the focus
//! back to the button that opened it.

use fantoccini::key::Key;
use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::{seed, Config};
use reqwest::Method;

/// Closes the open dialog `testid` with Escape; the focus must return to `opener`.
async fn escape_back_to(ctx: &Ctx, testid: &str, opener: &str) {
    ctx.press(Key::Escape).await;
    ctx.wait_gone(&format!("[data-testid={testid}][open]"))
        .await;
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
        ctx.tab_to("#access-token").await;
        ctx.type_keys(&token).await;
        ctx.tab_to("[data-testid=token-submit]").await;
        ctx.press(Key::Enter).await;
        ctx.wait_for_text("[data-testid=current-username]", "quayadmin")
            .await;

        // The skip link is the first stop and takes the focus past the navigation.
        ctx.goto("/users").await;
        ctx.find("[data-testid=user-row]").await;
        ctx.press(Key::Tab).await;
        assert!(
            ctx.focus_is(".skip-link").await,
            "{}",
            ctx.assert_focus_visible().await
        );
        ctx.assert_focus_visible().await;
        ctx.press(Key::Enter).await;
        ctx.press(Key::Tab).await;
        let inside_main = ctx
            .js("return document.querySelector('main').contains(document.activeElement);")
            .await;
        assert_eq!(
            inside_main.as_bool(),
            Some(true),
            "{}",
            ctx.assert_focus_visible().await
        );

        // Create a user: the dialog by Enter, the fields by Tab and Shift-Tab, submit by Space.
        ctx.tab_to("[data-testid=create-user]").await;
        ctx.press(Key::Enter).await;
        ctx.find("[data-testid=create-user-dialog][open]").await;
        ctx.tab_to("#new-user-username").await;
        ctx.type_keys("alice").await;
        ctx.tab_to("#new-user-email").await;
        ctx.type_keys("alice@example.com").await;
        ctx.shift_tab_to("#new-user-username").await;
        assert_eq!(ctx.value("#new-user-username").await, "alice");
        ctx.tab_to("[data-testid=create-user-submit]").await;
        ctx.press(Key::Space).await;
        ctx.find("[data-testid=password-once]").await;
        ctx.tab_to("[data-testid=password-done]").await;
        ctx.press(Key::Enter).await;
        ctx.wait_gone("[data-testid=create-user-dialog][open]")
            .await;
        ctx.wait_for_text("[data-testid=list-range]", "of 2").await;
        assert!(
            ctx.focus_is("[data-testid=create-user]").await,
            "focus after the dialog"
        );
        let (status, _) = ctx
            .api(Method::GET, "/api/v1/superuser/users/alice", &token, None)
            .await;
        assert_eq!(status, 200);

        // A dialog closed with Escape gives the focus back to its button.
        let manage = "[data-testid=user-row]:has([title=alice]) [data-testid=manage-user]";
        ctx.tab_to(manage).await;
        ctx.press(Key::Enter).await;
        ctx.find("[data-testid=manage-user-dialog][open]").await;
        ctx.tab_to("#manage-email").await;
        escape_back_to(&ctx, "manage-user-dialog", manage).await;

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
        ctx.goto("/quotas?q=alice").await;
        ctx.wait_for_count("[data-testid=quota-row]", 1).await;
        ctx.tab_to("[data-testid=quota-action]").await;
        ctx.press(Key::Enter).await;
        ctx.find("[data-testid=quota-editor][open]").await;
        // Tabbing into a field selects its text: typing replaces it.
        ctx.tab_to("#quota-limit").await;
        ctx.type_keys("2 GiB").await;
        assert_eq!(ctx.value("#quota-limit").await, "2 GiB");
        ctx.tab_to("[data-testid=quota-save]").await;
        ctx.press(Key::Enter).await;
        ctx.wait_gone("[data-testid=quota-editor][open]").await;
        ctx.wait_for_text("[data-testid=quota-row]", "2 GiB").await;
        let (_, quotas) = ctx
            .api(
                Method::GET,
                "/api/v1/superuser/users/alice/quota",
                &token,
                None,
            )
            .await;
        assert_eq!(quotas[0]["limit_bytes"], 2_147_483_648_i64);

        // Approve the pending key, then Escape.
        ctx.goto("/service-keys").await;
        ctx.tab_to("[data-testid=manage-key]").await;
        ctx.press(Key::Enter).await;
        ctx.find("[data-testid=manage-key-dialog][open]").await;
        ctx.tab_to("#approve-notes").await;
        ctx.type_keys("checked by keyboard").await;
        ctx.tab_to("[data-testid=approve-key]").await;
        ctx.press(Key::Enter).await;
        ctx.wait_for_text(".toast-stack", "Key approved.").await;
        escape_back_to(&ctx, "manage-key-dialog", "[data-testid=manage-key]").await;
        ctx.wait_for_text("[data-testid=key-approval]", "quayadmin")
            .await;

        // Export the logs of the range shown.
        ctx.goto("/logs").await;
        ctx.find("[data-testid=log-row]").await;
        ctx.tab_to("[data-testid=export-range]").await;
        ctx.press(Key::Enter).await;
        ctx.wait_for_text(".toast-stack", "Exported").await;
    })
    .await;
}
