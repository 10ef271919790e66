//! The Quotas and Registry size pages against a real emulator: the whole set sorted by usage,
//! setting, validating and removing a quota in human units (also from the Users page), and
//! "Calculate now" followed from queued to a new total.

use std::time::{Duration, Instant};

use quay_admin_e2e::{browser_test, browser_test_with, Ctx};
use quay_emulator::{blobs, seed, Config, RegistrySizeWorkerOptions};
use reqwest::Method;
use serde_json::json;

const GIB: i64 = 1 << 30;

/// Stores blobs of the given sizes in a new repository `namespace/repo`.
fn store(ctx: &Ctx, namespace: &str, repo: &str, sizes: &[i64]) {
    blobs::create_repository(&ctx.db_path, namespace, repo, false).expect("repository");
    let digests: Vec<String> = (0..sizes.len())
        .map(|i| blobs::digest_of(format!("{namespace}/{repo}/{i}").as_bytes()))
        .collect();
    let blobs: Vec<(&str, i64)> = digests
        .iter()
        .map(String::as_str)
        .zip(sizes.iter().copied())
        .collect();
    blobs::add_blobs(&ctx.db_path, namespace, repo, &blobs).expect("blobs");
}

async fn quota_of(ctx: &Ctx, token: &str, family: &str, namespace: &str) -> serde_json::Value {
    let path = format!("/api/v1/superuser/{family}/{namespace}/quota");
    let (status, body) = ctx.api(Method::GET, &path, token, None).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test(flavor = "multi_thread")]
async fn sorted_over_everything_set_invalid_and_remove() {
    browser_test("quotas_page", Config::default_emulator(), |ctx| async move {
        let token = ctx.sign_in_as_superuser().await;
        for name in ["alice", "bob", "carol"] {
            seed::create_user(&ctx.db_path, name, "password123", &format!("{name}@example.com"))
                .expect("user");
        }
        // The organization comes from the last API page (organizations after users), yet it
        // stores the most, so it must come first.
        seed::create_organization(&ctx.db_path, "zeta-org", "zeta@example.com", "quayadmin")
            .expect("organization");
        store(&ctx, "alice", "app", &[GIB]);
        store(&ctx, "bob", "api", &[GIB, 2 * GIB]);
        store(&ctx, "zeta-org", "web", &[5 * GIB]);

        ctx.goto("/quotas?limit=25").await;
        ctx.wait_for_count("[data-testid=quota-row]", 3).await;
        ctx.wait_gone("[data-testid=partial-notice]").await;
        let names = ctx.texts("[data-testid=namespace-name]").await;
        assert_eq!(names, ["zeta-org", "bob", "alice"], "largest first, carol has nothing");
        ctx.wait_for_text("[data-testid=quotas-summary]", "3 namespaces").await;
        ctx.assert_accessible("quotas page").await;

        // Invalid input is refused with the reason, before anything is sent.
        ctx.goto("/quotas?q=bob").await;
        ctx.wait_for_count("[data-testid=quota-row]", 1).await;
        ctx.click("[data-testid=quota-action]").await;
        ctx.find("[data-testid=quota-editor] #quota-limit").await;
        ctx.type_into("#quota-limit", "ten gigs").await;
        ctx.click("[data-testid=quota-save]").await;
        ctx.wait_for_text("[data-testid=quota-limit-error]", "Enter a number")
            .await;
        ctx.type_into("#quota-limit", "10 GiBs").await;
        ctx.wait_for_text("[data-testid=quota-limit-error]", "Unknown unit")
            .await;
        assert_eq!(quota_of(&ctx, &token, "users", "bob").await, json!([]));

        // 1.5 TiB, shown in bytes before saving, then in the row.
        ctx.type_into("#quota-limit", "1.5 TiB").await;
        ctx.wait_for_text("[data-testid=quota-preview]", "1,649,267,441,664 bytes")
            .await;
        ctx.assert_accessible("quota editor").await;
        ctx.click("[data-testid=quota-save]").await;
        ctx.wait_for_text(".toast-stack", "Quota of bob set to 1.5 TiB").await;
        ctx.wait_gone("[data-testid=quota-editor][open]").await;
        ctx.wait_for_text("[data-testid=quota-row]", "1.5 TiB").await;
        let quotas = quota_of(&ctx, &token, "users", "bob").await;
        assert_eq!(quotas[0]["limit_bytes"], 1_649_267_441_664_i64);

        // Removing it asks first, naming the namespace.
        ctx.click("[data-testid=quota-action]").await;
        ctx.find("[data-testid=quota-editor] #quota-limit").await;
        assert_eq!(ctx.value("#quota-limit").await, "1.5 TiB");
        ctx.click("[data-testid=quota-remove]").await;
        ctx.wait_for_text("#quota-remove-question", "Remove the quota of bob")
            .await;
        ctx.click("[data-testid=quota-remove-confirm]").await;
        ctx.wait_for_text(".toast-stack", "Quota of bob removed").await;
        assert_eq!(quota_of(&ctx, &token, "users", "bob").await, json!([]));

        // Quick filters and kind, from the URL too.
        ctx.goto("/quotas?only=noquota&kind=organization").await;
        ctx.wait_for_count("[data-testid=quota-row]", 1).await;
        ctx.wait_for_text("[data-testid=namespace-name]", "zeta-org").await;
        let pressed = ctx
            .js("return document.querySelector('[data-testid=only-noquota]').getAttribute('aria-pressed');")
            .await;
        assert_eq!(pressed.as_str(), Some("true"));

        // Japanese labels.
        ctx.choose_language("ja").await;
        ctx.wait_for_text("h1", "クォータ").await;
        ctx.wait_for_text("[data-testid=only-noquota]", "クォータなし").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_quota_editor_works_from_the_users_and_organizations_pages() {
    browser_test(
        "quotas_from_lists",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com")
                .expect("user");
            seed::create_organization(&ctx.db_path, "acme", "acme@example.com", "quayadmin")
                .expect("organization");
            store(&ctx, "alice", "app", &[GIB]);

            ctx.goto("/users?q=alice").await;
            ctx.wait_for_count("[data-testid=user-row]", 1).await;
            ctx.click("[data-testid=user-row] [data-testid=quota-action]")
                .await;
            ctx.find("[data-testid=quota-editor] #quota-limit").await;
            ctx.wait_for_text("[data-testid=quota-editor]", "Uses 1 GiB now")
                .await;
            ctx.type_into("#quota-limit", "2 GiB").await;
            ctx.wait_for_text("[data-testid=quota-preview]", "50 %")
                .await;
            ctx.click("[data-testid=quota-save]").await;
            ctx.wait_for_text(".toast-stack", "Quota of alice set to 2 GiB")
                .await;
            ctx.wait_for_text("[data-testid=user-row]", "1 GiB / 2 GiB")
                .await;
            assert_eq!(
                quota_of(&ctx, &token, "users", "alice").await[0]["limit_bytes"],
                2 * GIB
            );

            ctx.goto("/organizations?q=acme").await;
            ctx.wait_for_count("[data-testid=organization-row]", 1)
                .await;
            ctx.click("[data-testid=organization-row] [data-testid=quota-action]")
                .await;
            ctx.find("[data-testid=quota-editor] #quota-limit").await;
            ctx.type_into("#quota-limit", "750 MiB").await;
            ctx.click("[data-testid=quota-save]").await;
            ctx.wait_for_text(".toast-stack", "Quota of acme set to 750 MiB")
                .await;
            ctx.wait_for_text("[data-testid=organization-row]", "750 MiB")
                .await;
            assert_eq!(
                quota_of(&ctx, &token, "organization", "acme").await[0]["limit_bytes"],
                750 * (1 << 20)
            );
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn calculate_now_follows_the_job_to_a_new_total() {
    // A slow worker, so the page can be seen following it: picked up within 2 s, then one blob
    // per step with 400 ms pauses.
    let worker = RegistrySizeWorkerOptions {
        enabled: true,
        poll_interval: Duration::from_millis(2000),
        batch_size: 1,
        batch_pause: Duration::from_millis(400),
    };
    browser_test_with(
        "registry_size_page",
        Config::default_emulator(),
        move |o| o.registry_size_worker(worker),
        |ctx| async move {
            ctx.sign_in_as_superuser().await;
            seed::create_user(&ctx.db_path, "alice", "password123", "alice@example.com")
                .expect("user");
            // Twelve blobs of 512 MiB: the run lasts about 4.4 s, longer than the page's
            // polling gaps while it runs, so "Running" is seen.
            store(&ctx, "alice", "app", &[GIB / 2; 12]);
            // The same blob in a second repository counts once in the registry total.
            let shared = blobs::digest_of(b"alice/app/0");
            blobs::create_repository(&ctx.db_path, "alice", "copy", false).expect("repository");
            blobs::add_blob(&ctx.db_path, "alice", "copy", &shared, GIB / 2).expect("shared blob");

            ctx.goto("/registry-size").await;
            ctx.wait_for_text("[data-testid=last-calculated]", "Never calculated")
                .await;
            ctx.wait_for_text("[data-testid=size-state]", "Idle").await;
            ctx.wait_for_text("[data-testid=biggest-row]", "alice")
                .await;
            ctx.assert_accessible("registry size page").await;

            ctx.click("[data-testid=calculate-now]").await;
            // Seen states, in order, until the job is done.
            let mut seen: Vec<String> = Vec::new();
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                // State and button read in one script, so both come from the same render.
                let snapshot = ctx
                    .js(
                        "const s = document.querySelector('[data-testid=size-state]'); \
                         return [s ? s.textContent.trim() : null, \
                         document.querySelector('[data-testid=calculate-now]').disabled];",
                    )
                    .await;
                let Some(state) = snapshot[0].as_str().map(str::to_string) else {
                    assert!(
                        Instant::now() < deadline,
                        "the state went away; seen: {seen:?}"
                    );
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                if seen.last() != Some(&state) {
                    seen.push(state.clone());
                }
                if state == "Queued" || state == "Running" {
                    let disabled = snapshot[1].as_bool();
                    assert_eq!(disabled, Some(true), "a second click while {state}");
                }
                if state == "Idle" && seen.len() > 1 {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "never finished; states seen: {seen:?}"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            assert!(
                seen.iter().any(|s| s == "Running"),
                "the page never showed the job running: {seen:?}"
            );
            // The first read may come before the page left Idle or after: then, only Queued or
            // Running until the end.
            let after_click: Vec<&str> = seen
                .iter()
                .map(String::as_str)
                .skip_while(|s| *s == "Idle")
                .collect();
            assert!(
                matches!(after_click.first(), Some(&("Queued" | "Running"))),
                "{seen:?}"
            );
            assert_eq!(after_click.last(), Some(&"Idle"), "{seen:?}");
            ctx.wait_for_text("[data-testid=total-size]", "6 GiB").await;
            ctx.wait_for_text("[data-testid=total-bytes]", "6,442,450,944")
                .await;
            ctx.wait_for_text(".toast-stack", "Registry size calculated: 6 GiB")
                .await;
            let last = ctx.text("[data-testid=last-calculated]").await;
            assert!(!last.contains("Never"), "{last}");

            ctx.choose_language("ja").await;
            ctx.wait_for_text("h1", "レジストリサイズ").await;
            ctx.wait_for_text("[data-testid=size-state]", "待機中")
                .await;
        },
    )
    .await;
}
