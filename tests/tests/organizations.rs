//! The Organizations page against a real emulator: rename, settings (tag expiration in human
//! units) for an organization the admin administers, take ownership of one it does not, and
//! delete with a typed name.

use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::{seed, Config};
use reqwest::Method;

fn row_of(name: &str) -> String {
    format!("[data-testid=organization-row]:has([data-testid=organization-name][title=\"{name}\"])")
}

async fn open_organizations(ctx: &Ctx) {
    ctx.goto("/organizations").await;
    ctx.find("[data-testid=organization-row]").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn rename_settings_ownership_and_delete() {
    browser_test(
        "organizations",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &["bob".into()]).await;
            seed::create_organization(&ctx.db_path, "acme", "ops@acme.example", "quayadmin")
                .expect("acme");
            seed::create_organization(&ctx.db_path, "bobsorg", "bob@corp.example", "bob")
                .expect("bobsorg");
            open_organizations(&ctx).await;
            ctx.wait_for_text("[data-testid=list-range]", "1–2 of 2")
                .await;
            ctx.assert_accessible("organizations page").await;

            // Rename.
            ctx.click(&format!(
                "{} [data-testid=edit-organization]",
                row_of("acme")
            ))
            .await;
            ctx.find("[data-testid=edit-organization-dialog][open]")
                .await;
            ctx.type_into("#organization-name", "acme-corp").await;
            ctx.click("[data-testid=rename-organization]").await;
            ctx.wait_for_text(".toast-stack", "acme renamed to acme-corp")
                .await;
            ctx.find(&row_of("acme-corp")).await;

            // Tag expiration in human units, among the registry's options:
            // 2 weeks shown, 1 day saved.
            ctx.find("[data-testid=tag-expiration]").await;
            assert_eq!(ctx.value("[data-testid=tag-expiration]").await, "1209600");
            ctx.wait_for_text("[data-testid=tag-expiration] option:checked", "2 weeks")
                .await;
            ctx.screenshot("organizations_edit_dialog").await;
            ctx.assert_accessible("edit organization dialog").await;
            ctx.click("[data-testid=tag-expiration] option[value='86400']")
                .await;
            ctx.click("[data-testid=save-organization-settings]").await;
            ctx.wait_for_text(".toast-stack", "Settings of acme-corp saved")
                .await;
            let (status, org) = ctx
                .api(Method::GET, "/api/v1/organization/acme-corp", &token, None)
                .await;
            assert_eq!(status, 200, "{org}");
            assert_eq!(org["tag_expiration_s"], 86_400);
            ctx.js("document.querySelector('[data-testid=edit-organization-dialog]').close()")
                .await;

            // Not an administrator of bob's organization: offered ownership, then the settings.
            ctx.click(&format!(
                "{} [data-testid=edit-organization]",
                row_of("bobsorg")
            ))
            .await;
            ctx.wait_for_text("[data-testid=not-org-admin]", "Take ownership")
                .await;
            ctx.click("[data-testid=take-organization-ownership]").await;
            ctx.find("[data-testid=save-organization-settings]").await;
            ctx.js("document.querySelector('[data-testid=edit-organization-dialog]').close()")
                .await;

            // Delete with the typed name.
            ctx.click(&format!(
                "{} [data-testid=delete-organization]",
                row_of("bobsorg")
            ))
            .await;
            ctx.find("[data-testid=delete-organization-dialog][open]")
                .await;
            ctx.assert_accessible("delete organization dialog").await;
            ctx.type_into("[data-testid=delete-organization-dialog-typed]", "bobsorg")
                .await;
            ctx.click("[data-testid=delete-organization-dialog-confirm]")
                .await;
            ctx.wait_for_text(".toast-stack", "Organization bobsorg deleted")
                .await;
            ctx.wait_for_text("[data-testid=list-range]", "1–1 of 1")
                .await;
            let (status, _) = ctx
                .api(Method::GET, "/api/v1/organization/bobsorg", &token, None)
                .await;
            assert_eq!(status, 404);
        },
    )
    .await;
}

/// Quay's rename does not check the new name: a taken one makes it crash (500) after logging the
/// rename. The console asks first, and explains a 500 on this request when one comes anyway.
#[tokio::test(flavor = "multi_thread")]
async fn renaming_to_a_taken_name_is_stopped_and_a_500_is_explained() {
    browser_test(
        "organizations_rename_taken",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &["bob".into()]).await;
            seed::create_organization(&ctx.db_path, "acme", "ops@acme.example", "quayadmin")
                .expect("acme");
            seed::create_organization(&ctx.db_path, "globex", "", "quayadmin").expect("globex");
            open_organizations(&ctx).await;
            let edit = format!("{} [data-testid=edit-organization]", row_of("acme"));
            ctx.click(&edit).await;
            ctx.find("[data-testid=edit-organization-dialog][open]")
                .await;

            // Held by a user and by an organization: stopped before anything is sent.
            for taken in ["bob", "globex"] {
                ctx.type_into("#organization-name", taken).await;
                ctx.click("[data-testid=rename-organization]").await;
                ctx.wait_for_text("[data-testid=name-taken]", taken).await;
                ctx.wait_for_text("[data-testid=name-taken]", "already exists")
                    .await;
            }
            ctx.assert_accessible("rename to a taken name").await;
            let (_, logs) = ctx
                .api(Method::GET, "/api/v1/superuser/logs", &token, None)
                .await;
            let renames = logs["logs"]
                .as_array()
                .expect("logs")
                .iter()
                .filter(|e| e["kind"] == "org_change_name")
                .count();
            assert_eq!(renames, 0, "no rename was sent: {logs}");

            // A 500 on the rename itself (as Quay answers a name it still holds): explained.
            ctx.faults
                .set(
                    quay_emulator::FaultConfig::status(500)
                        .with_path_prefix("/api/v1/superuser/organizations/acme"),
                )
                .expect("fault");
            ctx.type_into("#organization-name", "acme-2").await;
            ctx.click("[data-testid=rename-organization]").await;
            ctx.wait_for_text("[data-testid=rename-crash-explained]", "already held")
                .await;
            assert_eq!(
                ctx.value("#organization-name").await,
                "acme-2",
                "input kept"
            );
            ctx.faults
                .set(quay_emulator::FaultConfig::none())
                .expect("no fault");
            ctx.click("[data-testid=rename-organization]").await;
            ctx.wait_for_text(".toast-stack", "acme renamed to acme-2")
                .await;
        },
    )
    .await;
}
