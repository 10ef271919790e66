//! Hosted in a folder behind the registry (`/admin/`), as the README shows for nginx: the same
//! build works there unedited (no `<base href>`; the policy forbids one), deep links and reloads
//! included, and the policy the app adds limits requests to the configured API.

use quay_admin_e2e::browser_test_with;
use quay_emulator::Config;

#[tokio::test(flavor = "multi_thread")]
async fn the_same_build_runs_under_a_folder() {
    browser_test_with(
        "hosting_under_admin",
        Config::default_emulator(),
        |options| options.dist_mount("/admin/"),
        |ctx| async move {
            let init = ctx.initialize_registry("quayadmin", "password123").await;
            let token = init["access_token"].as_str().expect("token").to_string();

            let shell = ctx.shell();
            ctx.goto("/admin/").await;
            ctx.sign_in_page().paste_token(&token).await;
            shell.current_username_shows("quayadmin").await;
            ctx.wait_for_path("/admin/").await;

            // The navigation stays in the folder.
            shell.navigate_to("users").await;
            ctx.wait_for_path("/admin/users").await;
            shell.heading_shows("Users").await;
            ctx.users().rows_show("quayadmin").await;

            // Deep links load their page's code and styles from the folder too.
            ctx.goto("/admin/organizations").await;
            shell.heading_shows("Organizations").await;
            ctx.goto("/admin/builds?build=not-a-build").await;
            ctx.errors()
                .server_message_shows("Unable to locate a build by id: not-a-build")
                .await;

            // No base element, the policy forbids one, and the app narrowed connect-src to the
            // configured API (here the page's own origin: config.json's api_base is empty).
            let policies = shell.bases_and_policies().await;
            assert_eq!(policies[0], 0, "{policies}");
            let metas: Vec<&str> = policies[1]
                .as_array()
                .expect("policies")
                .iter()
                .filter_map(|p| p.as_str())
                .collect();
            assert!(metas[0].contains("base-uri 'none'"), "{metas:?}");
            assert!(
                metas.contains(&"connect-src 'self'"),
                "the app did not narrow connect-src: {metas:?}"
            );
            ctx.assert_accessible("users page under /admin/").await;
        },
    )
    .await;
}

/// Reloads the current address and checks the console (not the server's 404) comes back.
async fn reload_keeps_the_console(ctx: &quay_admin_e2e::Ctx, what: &str) {
    let path = ctx.js("return location.pathname;").await;
    assert_eq!(path, "/admin/", "{what}: the app went to {path}");
    ctx.client.refresh().await.expect("reload");
    ctx.find("main").await;
    let title = ctx.js("return document.title;").await;
    assert!(
        !title.as_str().unwrap_or_default().contains("404"),
        "{what}: reloading {path} gave {title}"
    );
}

/// Behind a server that, like Quay's web app, answers `/admin` (no slash) itself: every address
/// the app navigates to on its own (after the wizard, after signing out) keeps the final slash,
/// so a reload or a bookmark of it comes back to the console.
#[tokio::test(flavor = "multi_thread")]
async fn the_app_never_leaves_the_folder_for_its_bare_name() {
    browser_test_with(
        "hosting_bare_folder",
        Config::default_emulator(),
        |options| options.dist_mount("/admin/").without_bare_folder_redirect(),
        |ctx| async move {
            let bare = ctx.http.get(ctx.url("/admin")).send().await.unwrap();
            assert_eq!(bare.status(), 404, "the server does not redirect /admin");

            let shell = ctx.shell();
            ctx.goto("/admin/").await;
            ctx.wait_for_path("/admin/setup").await;
            ctx.setup()
                .create_account("admin@example.com", "correct-horse-42")
                .await;
            ctx.register_console().skip().await;
            shell.current_username_shows("quayadmin").await;
            reload_keeps_the_console(&ctx, "after Skip for now").await;
            shell.current_username_shows("quayadmin").await;

            shell.sign_out().await;
            shell.heading_shows("Sign in").await;
            reload_keeps_the_console(&ctx, "after Sign out").await;
            shell.heading_shows("Sign in").await;
        },
    )
    .await;
}
