//! The Service keys page against a real emulator: states in words (pending, expired, expiring
//! soon), filters, creating a key (the private key shown once, downloaded as a .pem file),
//! approving a pending key with notes, editing, deleting with a confirmation naming the key,
//! Japanese labels.

use quay_admin_e2e::browser_test;
use quay_emulator::{seed, Config};
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

            ctx.goto("/service-keys").await;
            ctx.wait_for_count("[data-testid=key-row]", 4).await;
            ctx.assert_accessible("service keys page").await;
            ctx.goto("/service-keys?only=pending").await;
            ctx.wait_for_count("[data-testid=key-row]", 1).await;
            ctx.wait_for_text("[data-testid=key-approval]", "Pending approval")
                .await;
            ctx.goto("/service-keys?only=expired").await;
            ctx.wait_for_count("[data-testid=key-row]", 1).await;
            ctx.wait_for_text("[data-testid=key-expires]", "Expired")
                .await;
            ctx.goto("/service-keys?only=expiring").await;
            ctx.wait_for_text("[data-testid=key-expires]", "Expires within 7 days")
                .await;
            ctx.goto("/service-keys?kind=clair").await;
            ctx.wait_for_count("[data-testid=key-row]", 2).await;

            // Approve the pending key, with notes.
            ctx.goto("/service-keys?q=builder").await;
            ctx.wait_for_count("[data-testid=key-row]", 1).await;
            ctx.click("[data-testid=manage-key]").await;
            ctx.wait_for_text("[data-testid=manage-kid]", &pending.kid)
                .await;
            ctx.type_into("#approve-notes", "checked with the build team")
                .await;
            ctx.assert_accessible("manage key dialog").await;
            ctx.click("[data-testid=approve-key]").await;
            ctx.wait_for_text(".toast-stack", "Key approved.").await;
            ctx.wait_gone("[data-testid=approve-section]").await;
            ctx.js("document.querySelector('[data-testid=manage-key-dialog]').close()")
                .await;
            ctx.wait_for_text("[data-testid=key-approval]", "quayadmin")
                .await;
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
            ctx.goto("/service-keys").await;
            ctx.wait_for_count("[data-testid=key-row]", 4).await;
            ctx.click("[data-testid=create-key]").await;
            ctx.type_into("#new-key-service", "Bad Service!").await;
            ctx.click("[data-testid=create-key-submit]").await;
            ctx.wait_for_text("[data-testid=new-key-service-error]", "lowercase letters")
                .await;
            ctx.wait_for_text("[data-testid=key-expiration-error]", "Required")
                .await;
            ctx.type_into("#new-key-service", "scanner").await;
            ctx.type_into("#new-key-name", "nightly scan").await;
            ctx.click("[data-testid=never-expires]").await;
            ctx.click("[data-testid=new-key-metadata-add]").await;
            ctx.type_into("#new-key-metadata-key-0", "team").await;
            ctx.type_into("#new-key-metadata-value-0", "security").await;
            ctx.assert_accessible("create key dialog").await;
            ctx.click("[data-testid=create-key-submit]").await;
            let pem = ctx
                .wait_for_text("[data-testid=private-key-once]", "only this once")
                .await;
            assert!(!pem.is_empty());
            let key_text = ctx.value("[data-testid=private-key]").await;
            assert!(
                key_text.starts_with("-----BEGIN RSA PRIVATE KEY-----"),
                "{key_text}"
            );
            ctx.assert_accessible("private key shown once").await;
            let (_, keys) = ctx
                .api(Method::GET, "/api/v1/superuser/keys", &token, None)
                .await;
            let created = keys["keys"]
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
            ctx.click("[data-testid=download-private-key]").await;
            let short_kid: String = kid.chars().take(10).collect();
            let pem = ctx.downloaded(&format!("scanner-{short_kid}.pem")).await;
            assert!(pem.starts_with("-----BEGIN "), "{pem}");
            assert_eq!(pem, key_text, "the downloaded key is not the key shown");

            ctx.click("[data-testid=private-key-done]").await;
            ctx.wait_for_count("[data-testid=key-row]", 5).await;

            // Edit its name.
            ctx.goto("/service-keys?q=nightly").await;
            ctx.wait_for_count("[data-testid=key-row]", 1).await;
            ctx.click("[data-testid=manage-key]").await;
            ctx.type_into("#edit-key-name", "nightly scan v2").await;
            ctx.click("[data-testid=save-key]").await;
            ctx.wait_for_text(".toast-stack", "Key saved.").await;
            ctx.js("document.querySelector('[data-testid=manage-key-dialog]').close()")
                .await;
            ctx.wait_for_text("[data-testid=key-name]", "nightly scan v2")
                .await;

            // Delete, with the key named.
            ctx.click("[data-testid=delete-key]").await;
            ctx.wait_for_text("[data-testid=delete-key-dialog]", &kid)
                .await;
            ctx.click("[data-testid=delete-key-dialog-confirm]").await;
            ctx.wait_for_text(".toast-stack", "deleted").await;
            ctx.wait_gone("[data-testid=key-row]").await;
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
            ctx.wait_for_text("h1", "サービスキー").await;
        },
    )
    .await;
}
