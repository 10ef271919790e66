//! The Users page against a real emulator: create (password shown once), enable/disable,
//! e-mail, password, delete with a typed name, bulk changes reported per row, paging, filter,
//! sort, deep links, hostile names, Japanese labels, and faults.

use std::collections::HashSet;

use quay_admin_e2e::browser_test;
use quay_admin_e2e::pages::{organizations, users};
use quay_emulator::{Config, FaultConfig};
use reqwest::Method;

fn names(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:03}")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn create_change_and_delete_a_user() {
    browser_test(
        "users_lifecycle",
        Config::default_emulator(),
        |ctx| async move {
            let (users, list, shell) = (ctx.users(), ctx.list(), ctx.shell());
            ctx.sign_in_as_superuser().await;
            users.open("").await;
            list.range_shows("1–1 of 1").await;
            ctx.assert_accessible("users page").await;

            // Create: Quay's name rule is checked before anything is sent.
            users.open_create_dialog().await;
            users.type_new_username("Alice!").await;
            users.submit_new_user().await;
            users.new_username_error_shows("lowercase").await;
            ctx.assert_accessible("create user dialog").await;
            users.type_new_username("alice").await;
            users.type_new_email("alice@example.com").await;
            users.submit_new_user().await;
            users.password_shown_once().await;
            let password = users.new_password().await;
            assert_eq!(password.len(), 32, "{password}");
            assert!(password
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
            ctx.assert_accessible("password shown once").await;
            users.done_with_password().await;
            list.range_shows("1–2 of 2").await;
            assert!(users.usernames().await.contains(&"alice".to_string()));
            // Shown once: reopening the dialog starts empty.
            users.open_create_dialog().await;
            assert_eq!(users.new_username().await, "");
            users.create_dialog().close().await;

            // Disable, then enable again.
            let alice = users.row("alice");
            alice.manage().await;
            users.manage_status_shows("Enabled").await;
            ctx.screenshot("users_manage_dialog").await;
            ctx.assert_accessible("manage user dialog").await;
            users.toggle_enabled().await;
            users.manage_status_shows("Disabled").await;
            alice.status_shows("Disabled").await;
            users.toggle_enabled().await;
            users.manage_status_shows("Enabled").await;

            // E-mail and password.
            users.change_email("alice@corp.example").await;
            alice.email_shows("alice@corp.example").await;
            users.change_password("short").await;
            users.password_error_shows("at least 8").await;
            users.change_password("a-new-password").await;
            shell.toast_shows("Password of alice changed").await;
            // Escape closes the dialog and focus returns to the button that opened it.
            let manage = users.manage_dialog();
            manage.escape_by_script().await;
            manage.close().await;
            manage.wait_closed().await;
            let focused = shell.focused_testid().await;
            assert_eq!(focused.as_str(), Some("row-actions"));

            // Superusers: Quay refuses, so the dashboard says so up front.
            let refusal = users.row("quayadmin").delete_refusal().await;
            assert!(
                refusal.as_deref().is_some_and(|r| r.contains("superuser")),
                "{refusal:?}"
            );

            // Delete needs the exact name typed.
            alice.delete().await;
            let delete = users.delete_dialog();
            delete.wait_open().await;
            ctx.assert_accessible("delete user dialog").await;
            delete.type_confirmation("alic").await;
            assert_eq!(delete.confirm_disabled().await.as_bool(), Some(true));
            delete.type_confirmation("alice").await;
            delete.confirm().await;
            shell.toast_shows("User alice deleted").await;
            list.range_shows("1–1 of 1").await;
            assert_eq!(users.usernames().await, vec!["quayadmin"]);
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bulk_disable_reports_each_row() {
    browser_test("users_bulk", Config::default_emulator(), |ctx| async move {
        let users = ctx.users();
        let token = ctx.sign_in_as_superuser().await;
        ctx.create_users(&token, &["bob".into(), "carol".into()])
            .await;
        users.open("").await;
        ctx.list().range_shows("of 3").await;
        // Row 1 (quayadmin), then shift-click row 3: the range in between is selected too.
        users.select_row(1).await;
        users.shift_select_row(3).await;
        users.bulk_bar_shows("3 selected").await;
        users.bulk_disable().await;
        users.bulk_dialog().wait_open().await;
        ctx.assert_accessible("bulk dialog").await;
        // Quay refuses to change a superuser (the admin signed in is one): left out, and said so.
        let left_out = users.bulk_left_out().await;
        assert!(
            left_out.contains("quayadmin") && left_out.contains("(you)"),
            "{left_out}"
        );
        users.confirm_bulk().await;
        users.bulk_progress_shows("2 of 2").await;
        let results = users.bulk_results().await;
        assert_eq!(results.len(), 2, "{results:?}");
        let of = |name: &str| {
            results
                .iter()
                .find(|r| r.starts_with(name))
                .cloned()
                .unwrap_or_else(|| panic!("no result for {name}: {results:?}"))
        };
        assert!(of("bob").contains("Done"), "{results:?}");
        assert!(of("carol").contains("Done"), "{results:?}");
        ctx.shell().toast_shows("2 done, 0 failed").await;
        users.bulk_dialog().close().await;
        users.row("bob").status_shows("Disabled").await;
        // The server agrees.
        let (_, user) = ctx
            .api(Method::GET, "/api/v1/superuser/users/bob", &token, None)
            .await;
        assert_eq!(user["enabled"], false);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn paging_filter_sort_and_deep_links() {
    browser_test(
        "users_paging",
        Config::default_emulator(),
        |ctx| async move {
            let (users, list) = (ctx.users(), ctx.list());
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &names("user", 249)).await;
            users.open("?limit=50").await;
            list.range_shows("1–50").await;
            ctx.screenshot("users_page").await;

            // Forward through every page: 250 distinct users, none twice.
            let mut seen = Vec::new();
            for page in 1..=5 {
                list.page_shows(&format!("Page {page}")).await;
                users.row_count_is(50).await;
                seen.extend(users.usernames().await);
                if page < 5 {
                    list.next_page().await;
                }
            }
            let distinct: HashSet<&String> = seen.iter().collect();
            assert_eq!(seen.len(), 250);
            assert_eq!(distinct.len(), 250);
            list.range_shows("201–250 of 250").await;
            // Back, with the browser's own button.
            ctx.client.back().await.expect("back");
            list.page_shows("Page 4").await;
            assert_eq!(users.usernames().await, seen[150..200].to_vec());

            // Filter and sort go into the URL; a reload restores the exact view.
            list.filter("user01").await;
            list.range_shows("1–10 of 10").await;
            // Export takes the filter: the 10 matching users.
            list.export_csv().await;
            ctx.shell().toast_shows("Exported 10 rows").await;
            list.sort_by("username").await;
            list.sort_by("username").await;
            users.first_row_shows("user019").await;
            let url = ctx.client.current_url().await.expect("url");
            assert_eq!(
                url.query(),
                Some("limit=50&q=user01&sort=username&dir=desc")
            );
            ctx.client.refresh().await.expect("reload");
            users.first_row_shows("user019").await;
            assert_eq!(list.filter_text().await, "user01");
            let sort = list.sort_order("username").await;
            assert_eq!(sort.as_str(), Some("descending"));
            // A chosen page size is remembered for plain links.
            list.choose_page_size(100).await;
            list.range_shows("1–10 of 10").await;
            users.goto("").await;
            users.row_count_is(100).await;
            list.range_shows("1–100").await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_strings_render_as_text() {
    browser_test(
        "users_hostile",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            let hostile = "\"<img src=x onerror=window.__pwned=1>\"@example.com";
            let (status, body) = ctx
                .api(
                    Method::POST,
                    "/api/v1/superuser/users/",
                    &token,
                    Some(serde_json::json!({"username": "mallory", "email": hostile})),
                )
                .await;
            assert_eq!(status, 200, "{body}");
            let users = ctx.users();
            users.open("").await;
            users.row("mallory").email_shows("<img src=x").await;
            assert!(!ctx.exists("img[src=x]").await);
            assert_eq!(
                ctx.js("return window.__pwned === undefined")
                    .await
                    .as_bool(),
                Some(true)
            );
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn japanese_labels() {
    browser_test("users_ja", Config::default_emulator(), |ctx| async move {
        ctx.sign_in_as_superuser().await;
        ctx.js("localStorage.setItem('quay-admin.locale', 'ja')")
            .await;
        ctx.users().open("").await;
        ctx.shell().heading_shows("ユーザー").await;
        ctx.users().create_button_shows("ユーザーを作成").await;
        ctx.list().range_shows("1 件中 1–1 件").await;
        ctx.assert_accessible("users page in Japanese").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn faults_show_errors_keep_input_and_change_nothing() {
    browser_test(
        "users_faults",
        Config::default_emulator(),
        |ctx| async move {
            let (users, list) = (ctx.users(), ctx.list());
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &["bob".into()]).await;

            // The list fails with Quay's 500: the message, a retry that works once it is fixed.
            ctx.faults
                .set(FaultConfig::status(500).with_path_prefix("/api/v1/superuser/users/"))
                .expect("fault");
            users.goto("").await;
            ctx.errors().find().await;
            ctx.assert_accessible("users list error").await;
            ctx.faults.set(FaultConfig::none()).expect("fault off");
            ctx.errors().retry().await;
            list.range_shows("of 2").await;

            // Slow: a skeleton, then the rows.
            ctx.faults
                .set(FaultConfig::latency_ms(2000).with_path_prefix("/api/v1/superuser/users/"))
                .expect("fault");
            users.goto("?limit=25").await;
            list.skeleton().await;
            list.range_shows("of 2").await;
            ctx.faults.set(FaultConfig::none()).expect("fault off");

            // A failed write: the error next to the form, the typed value kept, nothing changed.
            ctx.faults
                .set(FaultConfig::status(500).with_path_prefix("/api/v1/superuser/users/bob"))
                .expect("fault");
            let bob = users.row("bob");
            bob.manage().await;
            users.change_email("bob@new.example").await;
            users.manage_dialog().errors().find().await;
            assert_eq!(users.managed_email().await, "bob@new.example");
            bob.email_shows("bob@example.com").await;
            ctx.faults.set(FaultConfig::none()).expect("fault off");
            let (_, user) = ctx
                .api(Method::GET, "/api/v1/superuser/users/bob", &token, None)
                .await;
            assert_eq!(user["email"], "bob@example.com");
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_stylesheet_arrives_with_the_first_page() {
    browser_test(
        "page_styles",
        Config::default_emulator(),
        |ctx| async move {
            let shell = ctx.shell();
            let init = ctx.initialize_registry("quayadmin", "password123").await;
            let token = init["access_token"].as_str().expect("token").to_string();
            // Signing in needs only the shell's styles: the pages' sheet is named, not fetched.
            ctx.goto("/").await;
            ctx.sign_in_page().token_form().await;
            let before = shell.page_styles_named_linked_fetched().await;
            assert_eq!(before, serde_json::json!([true, false, false]));

            ctx.sign_in_page().paste_token(&token).await;
            shell.current_username_shows("quayadmin").await;
            shell.navigate_to("users").await;
            ctx.find(users::ROW).await;
            let after = shell.page_styles_applied().await;
            assert_eq!(after, serde_json::json!([1, false, "flex"]));

            // A second page reuses it.
            shell.navigate_to("organizations").await;
            ctx.find(organizations::ROW_OR_EMPTY).await;
            let links = shell.page_style_links().await;
            assert_eq!(links, serde_json::json!(1));
        },
    )
    .await;
}
