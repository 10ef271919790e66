//! The Service keys page against a real emulator: states in words (pending, expired, expiring
//! soon), filters, creating a key (the private key shown once, downloaded as a .pem file),
//! approving a pending key with notes, editing, deleting with a confirmation naming the key,
//! Japanese labels.

use quay_admin_e2e::browser_test;
use quay_emulator::testing::seed;
use quay_emulator::Config;
use reqwest::Method;

#[tokio::test(flavor = "multi_thread")]
async fn keys_listed_created_approved_edited_and_deleted() {
    browser_test(
        "service_keys_page",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            let day = 86_400;
            seed::create_service_key(
                &ctx.db_path,
                "quayadmin",
                "clair",
                "scanner east",
                Some(ctx.clock.unix_s() + 30 * day),
                "ok",
            )
            .expect("approved key");
            seed::create_service_key(
                &ctx.db_path,
                "quayadmin",
                "clair",
                "soon",
                Some(ctx.clock.unix_s() + 3 * day),
                "",
            )
            .expect("expiring key");
            seed::create_service_key(
                &ctx.db_path,
                "quayadmin",
                "mirror",
                "old",
                Some(ctx.clock.unix_s() - 2 * day),
                "",
            )
            .expect("expired key");
            let pending = seed::register_pending_service_key(&ctx.db_path, "builder", None)
                .expect("pending key");

            let (keys, shell) = (ctx.service_keys(), ctx.shell());
            keys.goto("").await;
            keys.row_count_is(4).await;
            ctx.assert_accessible("service keys page").await;
            keys.goto("?only=pending").await;
            keys.row_count_is(1).await;
            keys.approval_shows("Pending approval").await;
            keys.goto("?only=expired").await;
            keys.row_count_is(1).await;
            keys.expiry_shows("Expired").await;
            keys.goto("?only=expiring").await;
            keys.expiry_shows("Within 7 days").await;
            keys.goto("?kind=clair").await;
            keys.row_count_is(2).await;

            // Approve the pending key, with notes.
            keys.goto("?q=builder").await;
            keys.row_count_is(1).await;
            keys.manage_first().await;
            keys.managed_kid_shows(&pending.kid).await;
            keys.type_approval_notes("checked with the build team")
                .await;
            ctx.assert_accessible("manage key dialog").await;
            keys.approve().await;
            shell.toast_shows("Key approved.").await;
            keys.approval_gone().await;
            keys.manage_dialog().close().await;
            keys.approval_shows("quayadmin").await;
            let (_, key) = ctx
                .api(
                    Method::GET,
                    &format!("/api/v1/superuser/keys/{}", pending.kid),
                    &token,
                    None,
                )
                .await;
            assert_eq!(key["approval"]["notes"], "checked with the build team");

            // Create: Quay's rules first, then the private key once.
            keys.goto("").await;
            keys.row_count_is(4).await;
            keys.open_create_dialog().await;
            keys.type_new_service("Bad Service!").await;
            keys.submit_new_key().await;
            keys.service_error_shows("lowercase letters").await;
            keys.expiration_error_shows("Required").await;
            keys.type_new_service("scanner").await;
            keys.type_new_name("nightly scan").await;
            keys.never_expires().await;
            keys.add_metadata("team", "security").await;
            ctx.assert_accessible("create key dialog").await;
            keys.submit_new_key().await;
            let pem = keys.private_key_once_shows("only this once").await;
            assert!(!pem.is_empty());
            let key_text = keys.private_key().await;
            assert!(
                key_text.starts_with("-----BEGIN RSA PRIVATE KEY-----"),
                "{key_text}"
            );
            ctx.assert_accessible("private key shown once").await;
            let (_, listed) = ctx
                .api(Method::GET, "/api/v1/superuser/keys", &token, None)
                .await;
            let created = listed["keys"]
                .as_array()
                .expect("keys")
                .iter()
                .find(|k| k["service"] == "scanner")
                .expect("the new key")
                .clone();
            assert_eq!(created["metadata"]["team"], "security");
            assert_eq!(created["expiration_date"], serde_json::Value::Null);
            let kid = created["kid"].as_str().expect("kid").to_string();

            // Download: the key shown, as a .pem file named after the service and the key.
            keys.download_private_key().await;
            let short_kid: String = kid.chars().take(10).collect();
            let pem = ctx.downloaded(&format!("scanner-{short_kid}.pem")).await;
            assert!(pem.starts_with("-----BEGIN "), "{pem}");
            assert_eq!(pem, key_text, "the downloaded key is not the key shown");

            keys.done_with_private_key().await;
            keys.row_count_is(5).await;

            // Edit its name.
            keys.goto("?q=nightly").await;
            keys.row_count_is(1).await;
            keys.manage_first().await;
            keys.rename("nightly scan v2").await;
            shell.toast_shows("Key saved.").await;
            keys.manage_dialog().close().await;
            keys.name_shows("nightly scan v2").await;

            // Delete, with the key named.
            keys.delete_first().await;
            let delete = keys.delete_dialog();
            delete.shows(&kid).await;
            delete.confirm().await;
            shell.toast_shows("deleted").await;
            keys.rows_gone().await;
            let (status, _) = ctx
                .api(
                    Method::GET,
                    &format!("/api/v1/superuser/keys/{kid}"),
                    &token,
                    None,
                )
                .await;
            assert_eq!(status, 404);

            ctx.choose_language("ja").await;
            shell.heading_shows("サービスキー").await;
        },
    )
    .await;
}

/// Creates a key for `service` (named `name`, never expiring) and waits for its private key.
async fn create_key(ctx: &quay_admin_e2e::Ctx, service: &str, name: &str) {
    let keys = ctx.service_keys();
    keys.open_create_dialog().await;
    keys.type_new_service(service).await;
    keys.type_new_name(name).await;
    keys.never_expires().await;
    keys.submit_new_key().await;
    keys.private_key_once_shows("only this once").await;
}

/// The private key shown once is not lost by accident: with its key id next to it, Escape, the
/// ×, a click outside and Done ask first, naming the key, until it was copied or downloaded;
/// after either, the dialog closes straight away.
#[tokio::test(flavor = "multi_thread")]
async fn an_unsaved_private_key_is_not_closed_without_asking() {
    browser_test(
        "service_keys_private_key_guard",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            let keys = ctx.service_keys();
            let new_key = ctx.new_key();
            let dialog = new_key.dialog();
            keys.goto("").await;
            create_key(&ctx, "scanner", "nightly scan").await;

            // The key id shows next to the key: the one the registry lists.
            let (_, listed) = ctx
                .api(Method::GET, "/api/v1/superuser/keys", &token, None)
                .await;
            let kid = listed["keys"]
                .as_array()
                .expect("keys")
                .iter()
                .find(|k| k["service"] == "scanner")
                .and_then(|k| k["kid"].as_str())
                .expect("the new key's id")
                .to_string();
            assert_eq!(new_key.kid().await, kid);

            // Escape asks, naming the key; Escape again takes the question back.
            new_key.press_escape().await;
            let question = new_key.question_shows("nightly scan (scanner)").await;
            assert!(question.contains("cannot be shown again"), "{question}");
            dialog.wait_open().await;
            ctx.assert_accessible("the question before closing an unsaved key")
                .await;
            new_key.press_escape().await;
            new_key.question_gone().await;
            dialog.wait_open().await;
            keys.private_key_once_shows("only this once").await;

            // The ×, Done and a click outside ask too; "Keep it open" keeps it.
            new_key.close_button("Close").await;
            new_key.question_shows("nightly scan").await;
            new_key.answer("Keep it open").await;
            new_key.question_gone().await;
            keys.done_with_private_key().await;
            new_key.question_shows("nightly scan").await;
            new_key.answer("Keep it open").await;
            new_key.question_gone().await;
            new_key.click_outside().await;
            new_key.question_shows("nightly scan").await;
            dialog.wait_open().await;

            // Closing anyway closes it, with the key gone for good.
            new_key.answer("Close without the key").await;
            dialog.wait_closed().await;
            keys.row_count_is(1).await;

            // Copied: Escape closes at once.
            create_key(&ctx, "reporter", "").await;
            new_key.copy("Copied").await;
            new_key.press_escape().await;
            dialog.wait_closed().await;
            assert!(!new_key.asks().await);
            keys.row_count_is(2).await;

            // Downloaded: the × closes at once. Unnamed, the question would name the service.
            create_key(&ctx, "exporter", "").await;
            new_key.close_button("Close").await;
            new_key.question_shows("private key of exporter").await;
            new_key.answer("Keep it open").await;
            keys.download_private_key().await;
            new_key.close_button("Close").await;
            dialog.wait_closed().await;
            keys.row_count_is(3).await;

            // Before a key exists, the form closes as any dialog does.
            keys.open_create_dialog().await;
            dialog.wait_open().await;
            new_key.press_escape().await;
            dialog.wait_closed().await;
        },
    )
    .await;
}
