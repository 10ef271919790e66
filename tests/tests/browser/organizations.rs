//! The Organizations page against a real emulator: rename, settings (tag expiration in human
//! units) for an organization the admin administers, take ownership of one it does not, and
//! delete with a typed name.

use quay_admin_e2e::browser_test;
use quay_emulator::testing::seed;
use quay_emulator::Config;
use reqwest::Method;

#[tokio::test(flavor = "multi_thread")]
async fn rename_settings_ownership_and_delete() {
    browser_test(
        "organizations",
        Config::default_emulator(),
        |ctx| async move {
            let (organizations, shell) = (ctx.organizations(), ctx.shell());
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &["bob".into()]).await;
            seed::create_organization(&ctx.db_path, "acme", "ops@acme.example", "quayadmin")
                .expect("acme");
            seed::create_organization(&ctx.db_path, "bobsorg", "bob@corp.example", "bob")
                .expect("bobsorg");
            organizations.open().await;
            ctx.list().range_shows("1–2 of 2").await;
            ctx.assert_accessible("organizations page").await;

            // Rename.
            organizations.row("acme").edit().await;
            let edit = organizations.edit_dialog();
            edit.wait_open().await;
            organizations.rename_to("acme-corp").await;
            shell.toast_shows("acme renamed to acme-corp").await;
            organizations.row("acme-corp").find().await;

            // Tag expiration in human units, among the registry's options:
            // 2 weeks shown, 1 day saved.
            assert_eq!(organizations.tag_expiration().await, "1209600");
            organizations.tag_expiration_shows("2 weeks").await;
            ctx.screenshot("organizations_edit_dialog").await;
            ctx.assert_accessible("edit organization dialog").await;
            organizations.choose_tag_expiration(86400).await;
            organizations.save_settings().await;
            shell.toast_shows("Settings of acme-corp saved").await;
            let (status, org) = ctx
                .api(Method::GET, "/api/v1/organization/acme-corp", &token, None)
                .await;
            assert_eq!(status, 200, "{org}");
            assert_eq!(org["tag_expiration_s"], 86_400);
            edit.close().await;

            // Not an administrator of bob's organization: offered ownership, then the settings.
            organizations.row("bobsorg").edit().await;
            organizations.not_admin_shows("Take ownership").await;
            organizations.take_ownership().await;
            organizations.settings_offered().await;
            edit.close().await;

            // Delete with the typed name.
            organizations.row("bobsorg").delete().await;
            let delete = organizations.delete_dialog();
            delete.wait_open().await;
            ctx.assert_accessible("delete organization dialog").await;
            delete.type_confirmation("bobsorg").await;
            delete.confirm().await;
            shell.toast_shows("Organization bobsorg deleted").await;
            ctx.list().range_shows("1–1 of 1").await;
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
            let organizations = ctx.organizations();
            let token = ctx.sign_in_as_superuser().await;
            ctx.create_users(&token, &["bob".into()]).await;
            seed::create_organization(&ctx.db_path, "acme", "ops@acme.example", "quayadmin")
                .expect("acme");
            seed::create_organization(&ctx.db_path, "globex", "", "quayadmin").expect("globex");
            organizations.open().await;
            organizations.row("acme").edit().await;
            organizations.edit_dialog().wait_open().await;

            // Held by a user and by an organization: stopped before anything is sent.
            for taken in ["bob", "globex"] {
                organizations.rename_to(taken).await;
                organizations.name_taken_shows(taken).await;
                organizations.name_taken_shows("already exists").await;
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
            organizations.rename_to("acme-2").await;
            organizations
                .rename_crash_explained_shows("already held")
                .await;
            assert_eq!(organizations.new_name().await, "acme-2", "input kept");
            ctx.faults
                .set(quay_emulator::FaultConfig::none())
                .expect("no fault");
            organizations.rename().await;
            ctx.shell().toast_shows("acme renamed to acme-2").await;
        },
    )
    .await;
}
