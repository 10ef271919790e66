//! Japanese and Chinese texts are fetched when shown: a catalogue that cannot be loaded leaves
//! the page usable in the language it had, says why, and works once the file is back.

use quay_admin_e2e::browser_test;
use quay_emulator::{Config, FaultConfig};

#[tokio::test(flavor = "multi_thread")]
async fn a_catalogue_that_fails_to_load_changes_nothing_and_says_why() {
    browser_test(
        "language_fault",
        Config::default_emulator(),
        |ctx| async move {
            let shell = ctx.shell();
            let lang = || async { shell.language().await };

            ctx.initialize_registry("quayadmin", "password123").await;
            // Remembered Japanese, but its catalogue fails at start-up: the app starts in English.
            ctx.goto("/").await;
            ctx.js("localStorage.setItem('quay-admin.locale', 'ja')")
                .await;
            ctx.faults
                .set(FaultConfig::status(503).with_path_prefix("/i18n/"))
                .expect("fault");
            ctx.goto("/").await;
            shell.heading_shows("Sign in").await;
            assert_eq!(lang().await.as_str(), Some("en"));

            // Choosing it while the file is unavailable: an error naming the file, English stays,
            // and the picker shows English again.
            ctx.choose_language("ja").await;
            shell
                .toast_shows("i18n/ja.json could not be fetched: HTTP 503")
                .await;
            shell.toast_shows("The language could not be loaded").await;
            let picked = shell.picked_language().await;
            assert_eq!(picked.as_str(), Some("en"));
            assert_eq!(lang().await.as_str(), Some("en"));
            shell.heading_shows("Sign in").await;

            // Once the file is back, the same choice works.
            ctx.faults.set(FaultConfig::none()).expect("fault off");
            ctx.choose_language("ja").await;
            shell.heading_shows("サインイン").await;
            assert_eq!(lang().await.as_str(), Some("ja"));
            ctx.assert_accessible("sign-in page after a failed language load")
                .await;
        },
    )
    .await;
}
