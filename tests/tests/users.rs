//! The Users page against a real emulator: create (password shown once), enable/disable,
//! e-mail, password, delete with a typed name, bulk changes reported per row, paging, filter,
//! sort, deep links, hostile names, Japanese labels, and faults.

use std::collections::HashSet;

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::{Config, FaultConfig};
use reqwest::Method;

fn names(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:03}")).collect()
}

async fn open_users(ctx: &Ctx, query: &str) {
    ctx.goto(&format!("/users{query}")).await;
    ctx.find("[data-testid=user-row]").await;
}

/// The usernames shown on the current page, in order.
async fn shown_users(ctx: &Ctx) -> Vec<String> {
    ctx.texts("[data-testid=user-row] [data-testid=username]")
        .await
}

/// A CSS selector for the row of `name`.
fn row_of(name: &str) -> String {
    format!("[data-testid=user-row]:has([data-testid=username][title=\"{name}\"])")
}

#[tokio::test(flavor = "multi_thread")]
async fn create_change_and_delete_a_user() {
    browser_test("users_lifecycle", Config::default_emulator(), |ctx| async move {
        ctx.sign_in_as_superuser().await;
        open_users(&ctx, "").await;
        ctx.wait_for_text("[data-testid=list-range]", "1–1 of 1").await;
        ctx.assert_accessible("users page").await;

        // Create: Quay's name rule is checked before anything is sent.
        ctx.click("[data-testid=create-user]").await;
        ctx.type_into("#new-user-username", "Alice!").await;
        ctx.click("[data-testid=create-user-submit]").await;
        ctx.wait_for_text("[data-testid=new-user-username-error]", "lowercase")
            .await;
        ctx.assert_accessible("create user dialog").await;
        ctx.type_into("#new-user-username", "alice").await;
        ctx.type_into("#new-user-email", "alice@example.com").await;
        ctx.click("[data-testid=create-user-submit]").await;
        ctx.find("[data-testid=password-once]").await;
        let password = ctx.value("[data-testid=new-password]").await;
        assert_eq!(password.len(), 32, "{password}");
        assert!(password.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        ctx.assert_accessible("password shown once").await;
        ctx.click("[data-testid=password-done]").await;
        ctx.wait_gone("[data-testid=password-once]").await;
        ctx.wait_for_text("[data-testid=list-range]", "1–2 of 2").await;
        assert!(shown_users(&ctx).await.contains(&"alice".to_string()));
        // Shown once: reopening the dialog starts empty.
        ctx.click("[data-testid=create-user]").await;
        assert_eq!(ctx.value("#new-user-username").await, "");
        ctx.js("document.querySelector('[data-testid=create-user-dialog]').close()")
            .await;

        // Disable, then enable again.
        let alice = row_of("alice");
        ctx.click(&format!("{alice} [data-testid=manage-user]")).await;
        ctx.wait_for_text("[data-testid=manage-status]", "Enabled").await;
        ctx.screenshot("users_manage_dialog").await;
        ctx.assert_accessible("manage user dialog").await;
        ctx.click("[data-testid=toggle-enabled]").await;
        ctx.wait_for_text("[data-testid=manage-status]", "Disabled").await;
        ctx.wait_for_text(&format!("{alice} [data-testid=user-status]"), "Disabled")
            .await;
        ctx.click("[data-testid=toggle-enabled]").await;
        ctx.wait_for_text("[data-testid=manage-status]", "Enabled").await;

        // E-mail and password.
        ctx.type_into("#manage-email", "alice@corp.example").await;
        ctx.click("[data-testid=save-email]").await;
        ctx.wait_for_text(&format!("{alice} .cell-email"), "alice@corp.example")
            .await;
        ctx.type_into("#manage-password", "short").await;
        ctx.click("[data-testid=save-password]").await;
        ctx.wait_for_text("[data-testid=manage-password-error]", "at least 8")
            .await;
        ctx.type_into("#manage-password", "a-new-password").await;
        ctx.click("[data-testid=save-password]").await;
        ctx.wait_for_text(".toast-stack", "Password of alice changed")
            .await;
        // Escape closes the dialog and focus returns to the button that opened it.
        ctx.js("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))").await;
        ctx.js("document.querySelector('[data-testid=manage-user-dialog]').close()")
            .await;
        ctx.wait_gone("[data-testid=manage-user-dialog][open]").await;
        let focused = ctx
            .js("return document.activeElement.getAttribute('data-testid')")
            .await;
        assert_eq!(focused.as_str(), Some("manage-user"));

        // Superusers: Quay refuses, so the dashboard says so up front.
        let admin = row_of("quayadmin");
        let disabled = ctx
            .js(&format!(
                "return document.querySelector('{admin} [data-testid=delete-user]').disabled"
            ))
            .await;
        assert_eq!(disabled.as_bool(), Some(true));

        // Delete needs the exact name typed.
        ctx.click(&format!("{alice} [data-testid=delete-user]")).await;
        ctx.find("[data-testid=delete-user-dialog][open]").await;
        ctx.assert_accessible("delete user dialog").await;
        let confirm = "[data-testid=delete-user-dialog-confirm]";
        ctx.type_into("[data-testid=delete-user-dialog-typed]", "alic").await;
        assert_eq!(
            ctx.js(&format!("return document.querySelector('{confirm}').disabled"))
                .await
                .as_bool(),
            Some(true)
        );
        ctx.type_into("[data-testid=delete-user-dialog-typed]", "alice").await;
        ctx.click(confirm).await;
        ctx.wait_for_text(".toast-stack", "User alice deleted").await;
        ctx.wait_for_text("[data-testid=list-range]", "1–1 of 1").await;
        assert_eq!(shown_users(&ctx).await, vec!["quayadmin"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bulk_disable_reports_each_row() {
    browser_test("users_bulk", Config::default_emulator(), |ctx| async move {
        let token = ctx.sign_in_as_superuser().await;
        ctx.create_users(&token, &["bob".into(), "carol".into()]).await;
        open_users(&ctx, "").await;
        ctx.wait_for_text("[data-testid=list-range]", "of 3").await;
        // Row 1 (quayadmin), then shift-click row 3: the range in between is selected too.
        ctx.click("[data-testid=user-row]:nth-child(1) [data-testid=select-row]")
            .await;
        ctx.js("const box = document.querySelector('[data-testid=user-row]:nth-child(3) [data-testid=select-row]'); box.dispatchEvent(new MouseEvent('click', {shiftKey: true, bubbles: true}));").await;
        ctx.wait_for_text("[data-testid=bulk-bar]", "3 selected").await;
        ctx.click("[data-testid=bulk-disable]").await;
        ctx.find("[data-testid=bulk-dialog][open]").await;
        ctx.assert_accessible("bulk dialog").await;
        ctx.click("[data-testid=bulk-confirm]").await;
        ctx.wait_for_text("[data-testid=bulk-progress]", "3 of 3").await;
        let results = ctx.texts("[data-testid=bulk-result]").await;
        assert_eq!(results.len(), 3, "{results:?}");
        let of = |name: &str| {
            results
                .iter()
                .find(|r| r.starts_with(name))
                .cloned()
                .unwrap_or_else(|| panic!("no result for {name}: {results:?}"))
        };
        assert!(of("bob").contains("Done"), "{results:?}");
        assert!(of("carol").contains("Done"), "{results:?}");
        assert!(
            of("quayadmin").contains("Cannot update a superuser"),
            "{results:?}"
        );
        ctx.wait_for_text(".toast-stack", "2 done, 1 failed").await;
        ctx.js("document.querySelector('[data-testid=bulk-dialog]').close()")
            .await;
        let bob = row_of("bob");
        ctx.wait_for_text(&format!("{bob} [data-testid=user-status]"), "Disabled")
            .await;
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
    browser_test("users_paging", Config::default_emulator(), |ctx| async move {
        let token = ctx.sign_in_as_superuser().await;
        ctx.create_users(&token, &names("user", 249)).await;
        open_users(&ctx, "?limit=50").await;
        ctx.wait_for_text("[data-testid=list-range]", "1–50").await;
        ctx.screenshot("users_page").await;

        // Forward through every page: 250 distinct users, none twice.
        let mut seen = Vec::new();
        for page in 1..=5 {
            ctx.wait_for_text("[data-testid=page-number]", &format!("Page {page}"))
                .await;
            ctx.wait_for_count("[data-testid=user-row]", 50).await;
            seen.extend(shown_users(&ctx).await);
            if page < 5 {
                ctx.click("[data-testid=page-next]").await;
            }
        }
        let distinct: HashSet<&String> = seen.iter().collect();
        assert_eq!(seen.len(), 250);
        assert_eq!(distinct.len(), 250);
        ctx.wait_for_text("[data-testid=list-range]", "201–250 of 250").await;
        // Back, with the browser's own button.
        ctx.client.back().await.expect("back");
        ctx.wait_for_text("[data-testid=page-number]", "Page 4").await;
        assert_eq!(shown_users(&ctx).await, seen[150..200].to_vec());

        // Filter and sort go into the URL; a reload restores the exact view.
        ctx.type_into("[data-testid=list-filter]", "user01").await;
        ctx.wait_for_text("[data-testid=list-range]", "1–10 of 10").await;
        // Export takes the filter: the 10 matching users.
        ctx.click("[data-testid=export-csv]").await;
        ctx.wait_for_text(".toast-stack", "Exported 10 rows")
            .await;
        ctx.click("[data-testid=sort-username]").await;
        ctx.click("[data-testid=sort-username]").await;
        ctx.wait_for_text("[data-testid=user-row]:first-child", "user019").await;
        let url = ctx.client.current_url().await.expect("url");
        assert_eq!(
            url.query(),
            Some("limit=50&q=user01&sort=username&dir=desc")
        );
        ctx.client.refresh().await.expect("reload");
        ctx.wait_for_text("[data-testid=user-row]:first-child", "user019").await;
        assert_eq!(ctx.value("[data-testid=list-filter]").await, "user01");
        let sort = ctx
            .js("return document.querySelector('th:has([data-testid=sort-username])').getAttribute('aria-sort')")
            .await;
        assert_eq!(sort.as_str(), Some("descending"));
        // A chosen page size is remembered for plain links.
        ctx.click("[data-testid=page-size] option[value='100']").await;
        ctx.wait_for_text("[data-testid=list-range]", "1–10 of 10").await;
        ctx.goto("/users").await;
        ctx.wait_for_count("[data-testid=user-row]", 100).await;
        ctx.wait_for_text("[data-testid=list-range]", "1–100").await;
    })
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
            open_users(&ctx, "").await;
            let mallory = row_of("mallory");
            ctx.wait_for_text(&format!("{mallory} .cell-email"), "<img src=x")
                .await;
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
        open_users(&ctx, "").await;
        ctx.wait_for_text("h1", "ユーザー").await;
        ctx.wait_for_text("[data-testid=create-user]", "ユーザーを作成")
            .await;
        ctx.wait_for_text("[data-testid=list-range]", "1 件中 1–1 件")
            .await;
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
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &["bob".into()]).await;

            // The list fails with Quay's 500: the message, a retry that works once it is fixed.
            ctx.faults
                .set(FaultConfig::status(500).with_path_prefix("/api/v1/superuser/users/"))
                .expect("fault");
            ctx.goto("/users").await;
            ctx.find("[data-testid=api-error]").await;
            ctx.assert_accessible("users list error").await;
            ctx.faults.set(FaultConfig::none()).expect("fault off");
            ctx.click("[data-testid=api-error] button").await;
            ctx.wait_for_text("[data-testid=list-range]", "of 2").await;

            // Slow: a skeleton, then the rows.
            ctx.faults
                .set(FaultConfig::latency_ms(2000).with_path_prefix("/api/v1/superuser/users/"))
                .expect("fault");
            ctx.goto("/users?limit=25").await;
            ctx.find(".skeleton-row").await;
            ctx.wait_for_text("[data-testid=list-range]", "of 2").await;
            ctx.faults.set(FaultConfig::none()).expect("fault off");

            // A failed write: the error next to the form, the typed value kept, nothing changed.
            ctx.faults
                .set(FaultConfig::status(500).with_path_prefix("/api/v1/superuser/users/bob"))
                .expect("fault");
            let bob = row_of("bob");
            ctx.click(&format!("{bob} [data-testid=manage-user]")).await;
            ctx.type_into("#manage-email", "bob@new.example").await;
            ctx.click("[data-testid=save-email]").await;
            ctx.find("[data-testid=manage-user-dialog] [data-testid=api-error]")
                .await;
            assert_eq!(ctx.value("#manage-email").await, "bob@new.example");
            ctx.wait_for_text(&format!("{bob} .cell-email"), "bob@example.com")
                .await;
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
    browser_test("page_styles", Config::default_emulator(), |ctx| async move {
        ctx.sign_in_as_superuser().await;
        ctx.goto("/").await;
        ctx.find(".user-card").await;
        // The overview needs only the shell's styles: the pages' sheet is named, not fetched.
        let before = ctx
            .js("return [!!document.querySelector('meta[name=quay-admin-page-styles]'), \
                 !!document.querySelector('link[data-page-styles]'), \
                 performance.getEntriesByType('resource').some(e => /\\/pages-[0-9a-f]+\\.css$/.test(e.name))];")
            .await;
        assert_eq!(before, serde_json::json!([true, false, false]));

        ctx.click(".sidenav a[href$='/users']").await;
        ctx.find("[data-testid=user-row]").await;
        let after = ctx
            .js("return [document.querySelectorAll('link[data-page-styles]').length, \
                 document.documentElement.classList.contains('page-styles-loading'), \
                 getComputedStyle(document.querySelector('.page-header')).display];")
            .await;
        assert_eq!(after, serde_json::json!([1, false, "flex"]));

        // A second page reuses it.
        ctx.click(".sidenav a[href$='/organizations']").await;
        ctx.find("[data-testid=organization-row], [data-testid=empty-state]").await;
        let links = ctx.js("return document.querySelectorAll('link[data-page-styles]').length;").await;
        assert_eq!(links, serde_json::json!(1));
    })
    .await;
}
