//! Read-only superusers (Quay's `GLOBAL_READONLY_SUPER_USERS`), as the demo's `auditor`: Quay's
//! authorize page refuses anyone who does not administer the organization owning the console's
//! application with a bare 403, whatever its superuser rights, so the console explains that
//! before sending `auditor` there; a superuser gives `auditor` access from the overview; signed
//! in (with `user:read`, all a read-only superuser's token needs), `auditor` reads every admin
//! page with a note above it, and every write control is disabled with the reason.

use quay_admin_e2e::pages::read_only::REASON;
use quay_admin_e2e::{browser_test, demo_config, Ctx};
use quay_emulator::demo::ADMIN_USERNAME;
use quay_emulator::testing::seed;
use quay_emulator::Config;

const CLIENT_ID_KEY: &str = "quay-admin.oauth-client-id";

/// The demo's configuration as `make demo` serves it: no mail, so people are added to teams
/// rather than invited.
fn config() -> Config {
    demo_config()
        .with_overrides(r#"{"FEATURE_MAILING": false}"#)
        .expect("demo config")
}
const AUDITOR: &str = "auditor";

/// The demo data, and the console's application in `quay-admin` (owned by `admin`, as `make
/// demo` registers it), remembered by this browser.
async fn demo_with_console(ctx: &Ctx) {
    quay_emulator::demo::seed_at(&ctx.db_path, 1, ctx.clock.unix_s()).expect("demo seed");
    seed::create_organization(&ctx.db_path, "quay-admin", "", ADMIN_USERNAME).unwrap();
    let redirect = format!("{}/", ctx.base_url);
    let (client_id, _) =
        seed::create_application(&ctx.db_path, "quay-admin", "Console", &redirect, &redirect)
            .unwrap();
    ctx.goto("/not-a-page").await;
    ctx.js(&format!(
        "localStorage.setItem('{CLIENT_ID_KEY}', '{client_id}'); return null;"
    ))
    .await;
}

/// Signs the dashboard in with a token of `username`'s (as a pasted token would).
async fn signed_in_as(ctx: &Ctx, username: &str, scopes: &str) {
    let token = seed::create_access_token(&ctx.db_path, username, scopes).expect("token");
    ctx.js(&format!(
        "sessionStorage.setItem('quay-admin.token', '{token}'); localStorage.setItem('quay-admin.page-size', '100'); return null;"
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn auditor_is_told_before_quays_403_and_signs_in_once_given_access() {
    browser_test("read_only_sign_in", config(), |ctx| async move {
        demo_with_console(&ctx).await;
        let (sign_in, consent, read_only) =
            (ctx.sign_in_page(), ctx.quay_consent(), ctx.read_only());
        ctx.users().goto("").await;
        // No registry session yet: signed in to the registry on the way.
        sign_in.with_quay().await;
        sign_in.registry_form().await;
        sign_in.registry_sign_in(AUDITOR, "password").await;
        sign_in
            .no_console_access_shows("auditor cannot sign in to this console yet")
            .await;
        read_only
            .no_access_shows("auditor is a read-only superuser")
            .await;
        sign_in
            .whom_to_ask_shows("Administrators of quay-admin: admin")
            .await;
        // Never Quay's bare page, and no "take ownership" a read-only superuser would be refused.
        assert!(!consent.shown().await);
        assert!(!ctx.exists("[data-testid=take-console-ownership]").await);
        let page = ctx.js("return document.body.innerText").await;
        assert!(!page.as_str().unwrap().contains("Forbidden"), "{page}");
        ctx.assert_accessible("read-only no access").await;
        ctx.screenshot("read_only_no_access").await;

        // With the registry session already there: the same explanation at once.
        ctx.users().goto("").await;
        sign_in.with_quay().await;
        read_only
            .no_access_shows("auditor is a read-only superuser")
            .await;

        // A superuser adds auditor to quay-admin's owners: now the sign-in goes through,
        // asking for user:read only (not dangerous: no confirmation on Quay's page).
        let admin = seed::create_access_token(&ctx.db_path, ADMIN_USERNAME, "org:admin").unwrap();
        let (status, _) = ctx
            .api(
                reqwest::Method::PUT,
                "/api/v1/organization/quay-admin/team/owners/members/auditor",
                &admin,
                None,
            )
            .await;
        assert_eq!(status, 200);
        ctx.users().goto("").await;
        sign_in.with_quay().await;
        ctx.click("#authorize-allow").await;
        ctx.shell().header_user_shows(AUDITOR).await;
        assert_eq!(
            ctx.session_storage("quay-admin.scopes").await.as_deref(),
            Some("user:read")
        );
        read_only
            .note_shows("does not let this account change anything")
            .await;
        ctx.users().rows_show("admin").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_superuser_gives_auditor_access_from_the_overview() {
    browser_test("read_only_console_access", config(), |ctx| async move {
        demo_with_console(&ctx).await;
        signed_in_as(&ctx, ADMIN_USERNAME, "super:user user:read org:admin").await;
        ctx.goto("/").await;
        let overview = ctx.overview();
        overview.access_table_shows(AUDITOR).await;
        assert_eq!(ctx.read_only().marked_in_console_access().await, [AUDITOR]);
        assert!(!ctx.read_only().has_note().await);
        overview.add_to_owners(AUDITOR).await;
        ctx.shell().toast_shows("auditor").await;
        let admin = seed::create_access_token(&ctx.db_path, ADMIN_USERNAME, "org:admin").unwrap();
        let (_, members) = ctx
            .api(
                reqwest::Method::GET,
                "/api/v1/organization/quay-admin/team/owners/members",
                &admin,
                None,
            )
            .await;
        let names: Vec<&str> = members["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|m| m["name"].as_str())
            .collect();
        assert!(names.contains(&AUDITOR), "{members}");
    })
    .await;
}

/// Every admin page, as `auditor`: readable, with the note above it, and every control that would
/// change something disabled with the reason (its tooltip, and the note as its description).
#[tokio::test(flavor = "multi_thread")]
async fn auditor_reads_every_page_with_the_note() {
    browser_test("read_only_pages", config(), |ctx| async move {
        demo_with_console(&ctx).await;
        signed_in_as(&ctx, AUDITOR, "user:read").await;
        let read_only = ctx.read_only();
        // From 1280 px up no table scrolls sideways, so opening a row's menu scrolls nothing
        // (a scroll closes the menu).
        ctx.client
            .set_window_size(1280, 900)
            .await
            .expect("window size");

        ctx.goto("/").await;
        ctx.shell().header_user_shows(AUDITOR).await;
        read_only.note_shows("Read-only superuser").await;
        ctx.overview().access_table_shows(AUDITOR).await;
        ctx.assert_accessible("read-only overview").await;

        let users = ctx.users();
        users.goto("").await;
        users.rows_show("admin").await;
        read_only
            .note_shows("does not let this account change anything")
            .await;
        read_only.assert_refused("body", "Create user").await;
        let refused = Some(REASON.to_string());
        assert_eq!(
            users.row("admin").refusals().await,
            [refused.clone(), refused.clone(), refused.clone()]
        );
        // Selecting rows is reading; the bulk bar's changes are refused.
        users.row("admin").select().await;
        for bulk in ["Enable", "Disable", "Delete"] {
            read_only
                .assert_refused("[data-testid=bulk-bar]", bulk)
                .await;
        }
        ctx.assert_accessible("read-only users").await;
        // The Role column names both kinds of superuser.
        users.goto("?q=auditor").await;
        users.row(AUDITOR).role_shows("Read-only superuser").await;
        users.goto("?q=admin").await;
        users.row("admin").role_shows("Superuser").await;

        ctx.goto("/organizations").await;
        let org = ctx.organizations().first_row();
        org.find().await;
        assert_eq!(
            org.refusals().await,
            [refused.clone(), refused.clone(), refused.clone()]
        );
        ctx.goto("/quotas").await;
        read_only
            .assert_refused("[data-testid=quota-row]", "Quota")
            .await;
        let keys = ctx.service_keys();
        keys.goto("").await;
        read_only.assert_refused("body", "Create key").await;
        // The demo has pending keys: their inline Approve is refused too.
        read_only
            .assert_refused("[data-testid=key-row]", "Approve")
            .await;
        assert_eq!(
            keys.first_row_refusals().await,
            [refused.clone(), refused.clone()]
        );
        ctx.goto("/registry-size").await;
        read_only.assert_refused("body", "Calculate now").await;

        for (path, ready) in [
            ("/organizations", "[data-testid=organization-row]"),
            ("/quotas", "[data-testid=quota-row]"),
            ("/service-keys", "[data-testid=key-row]"),
            ("/registry-size", "[data-testid=size-state]"),
            ("/logs", "[data-testid=log-row]"),
            ("/builds", "#build-uuid"),
        ] {
            ctx.goto(path).await;
            ctx.find(ready).await;
            read_only.note_shows("Read-only superuser").await;
            assert!(!ctx.exists("[data-testid=not-superuser]").await, "{path}");
            ctx.assert_accessible(&format!("read-only {path}")).await;
        }
    })
    .await;
}
