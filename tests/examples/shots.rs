//! Throwaway (not committed): screenshots of the pages touched this session.
use quay_admin_e2e::{run_in_browser, Ctx};
use quay_emulator::{seed, Config};
use reqwest::Method;

async fn variants(ctx: &Ctx, scene: &str) {
    for lang in ["en", "ja", "zh-Hans"] {
        for theme in ["light", "dark"] {
            ctx.client.set_window_size(1280, 720).await.unwrap();
            ctx.choose_language(lang).await;
            ctx.choose_theme(theme).await;
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            ctx.screenshot(&format!("shot_{scene}_1280_{theme}_{lang}"))
                .await;
            ctx.client.set_window_size(390, 844).await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            ctx.screenshot(&format!("shot_{scene}_390_{theme}_{lang}"))
                .await;
        }
    }
    ctx.client.set_window_size(1280, 720).await.unwrap();
    ctx.choose_language("en").await;
    ctx.choose_theme("light").await;
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let config = Config::default_emulator()
        .with_overrides(r#"{"SUPER_USERS": ["quayadmin", "carol"]}"#)
        .unwrap();
    let (outcome, _) = run_in_browser("shots", config, |ctx| async move {
        let init = ctx.initialize_registry("quayadmin", "already-set-up").await;
        let token = init["access_token"].as_str().unwrap().to_string();
        seed::create_organization(&ctx.db_path, "quay-admin", "", "quayadmin").unwrap();
        let redirect = format!("{}/", ctx.base_url);
        let (client_id, _) =
            seed::create_application(&ctx.db_path, "quay-admin", "Console", &redirect, &redirect)
                .unwrap();
        for u in ["carol", "dave"] {
            seed::create_user(&ctx.db_path, u, "pw-123456", &format!("{u}@example.com")).unwrap();
        }
        seed::create_organization(&ctx.db_path, "acme", "ops@acme.example", "quayadmin").unwrap();
        seed::create_organization(&ctx.db_path, "globex", "", "quayadmin").unwrap();
        ctx.goto("/not-a-page").await;
        ctx.js(&format!(
            "localStorage.setItem('quay-admin.oauth-client-id', '{client_id}'); return null;"
        ))
        .await;

        // A: carol, a superuser outside quay-admin.
        ctx.goto("/").await;
        ctx.click("[data-testid=sign-in-oauth]").await;
        ctx.type_into("#registry-username", "carol").await;
        ctx.type_into("#registry-password", "pw-123456").await;
        ctx.click("[data-testid=registry-sign-in-submit]").await;
        ctx.find("[data-testid=whom-to-ask]").await;
        variants(&ctx, "signin_no_access").await;

        // B: quayadmin's overview.
        ctx.type_into("#access-token", &token).await;
        ctx.click("[data-testid=token-submit]").await;
        ctx.find("[data-testid=console-access-row]").await;
        ctx.click("[aria-label='Add to owners: carol']").await;
        ctx.wait_for_text("[data-testid=console-access-table]", "Invited").await;
        variants(&ctx, "overview").await;

        // C: a 2 GB quota.
        let (s, b) = ctx
            .api(Method::POST, "/api/v1/superuser/organization/acme/quota", &token,
                 Some(serde_json::json!({"limit_bytes": 2_000_000_000u64})))
            .await;
        assert!(s < 300, "{s} {b}");
        ctx.goto("/quotas").await;
        ctx.find("[data-testid=quota-row]").await;
        variants(&ctx, "quotas").await;

        // D: log sentences.
        ctx.api(Method::PUT, "/api/v1/organization/acme", &token,
                Some(serde_json::json!({"email": "billing@acme.example", "tag_expiration_s": 86400})))
            .await;
        ctx.goto("/logs").await;
        ctx.find("[data-testid=log-row]").await;
        variants(&ctx, "logs").await;

        // E: the organization dialog, a taken name, then a 500.
        ctx.goto("/organizations").await;
        ctx.find("[data-testid=organization-row]").await;
        ctx.click("[data-testid=organization-row]:has([data-testid=organization-name][title=\"acme\"]) [data-testid=edit-organization]").await;
        ctx.find("[data-testid=edit-organization-dialog][open]").await;
        ctx.type_into("#organization-name", "globex").await;
        ctx.click("[data-testid=rename-organization]").await;
        ctx.find("[data-testid=name-taken]").await;
        variants(&ctx, "org_name_taken").await;
        ctx.faults
            .set(quay_emulator::FaultConfig::status(500).with_path_prefix("/api/v1/superuser/organizations/acme"))
            .unwrap();
        ctx.type_into("#organization-name", "acme-2").await;
        ctx.click("[data-testid=rename-organization]").await;
        ctx.find("[data-testid=rename-crash-explained]").await;
        variants(&ctx, "org_rename_500").await;
    })
    .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
