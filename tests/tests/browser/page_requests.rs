//! Few requests per page (issue 17): a first visit to a page fetches the main module, the
//! page's own module and config.json (started by early.js alongside the main module, not after
//! it has run) and a handful of small files, at most 10 requests; a second visit asks the
//! server only for the files without a content hash (index.html, config.json, early.js), as
//! everything else is cached for good.

use quay_admin_e2e::page_load::{clear_cache, static_requests, StaticRequest};
use quay_admin_e2e::{browser_test, demo_config, sign_in_on_demo_data, Ctx};

const PAGES: &[(&str, &str, &str)] = &[
    ("/users", "[data-testid=user-row]", "split_users-"),
    (
        "/service-keys",
        "[data-testid=key-row]",
        "split_service_keys-",
    ),
    ("/logs", "[data-testid=log-row]", "split_logs-"),
];

fn names(requests: &[StaticRequest]) -> Vec<&str> {
    requests.iter().map(StaticRequest::file).collect()
}

async fn visit(ctx: &Ctx, path: &str, ready: &str) -> Vec<StaticRequest> {
    ctx.goto(path).await;
    ctx.find(ready).await;
    static_requests(ctx).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_loads_in_few_requests_cold_and_three_warm() {
    browser_test("page_requests", demo_config(), |ctx| async move {
        sign_in_on_demo_data(&ctx).await;
        for &(path, ready, module) in PAGES {
            clear_cache(&ctx).await;
            let cold = visit(&ctx, path, ready).await;
            let all = names(&cold);
            assert!(
                cold.len() <= 10,
                "{path} cold: {} requests {all:?}",
                cold.len()
            );
            let modules: Vec<_> = all.iter().filter(|f| f.ends_with(".wasm")).collect();
            assert_eq!(
                modules.len(),
                2,
                "{path}: main + page module only, got {all:?}"
            );
            let page = cold
                .iter()
                .find(|r| r.file().starts_with(module))
                .unwrap_or_else(|| panic!("{path} did not fetch {module}*: {all:?}"));
            let main = cold
                .iter()
                .find(|r| r.file().ends_with("_bg.wasm"))
                .expect("main module");
            // Fetched alongside the main module, not once it has started.
            assert!(
                page.start < main.end,
                "{path}: page module started at {} ms, main module done at {} ms",
                page.start,
                main.end
            );

            // config.json too (early.js preloads it): once, and not after the main module.
            let config: Vec<_> = cold.iter().filter(|r| r.file() == "config.json").collect();
            assert_eq!(config.len(), 1, "{path}: {all:?}");
            assert!(
                config[0].start < main.end,
                "{path}: config.json fetched late"
            );

            let warm = visit(&ctx, path, ready).await;
            let asked: Vec<_> = warm.iter().filter(|r| r.hit_network()).collect();
            let asked_names: Vec<&str> = asked.iter().map(|r| r.file()).collect();
            assert!(
                asked.len() <= 3,
                "{path} warm: asked the server for {asked_names:?}"
            );
            eprintln!(
                "{path}: cold {} requests {all:?}; warm asked for {asked_names:?}",
                cold.len()
            );
            for name in asked_names {
                assert!(
                    [
                        "",
                        "users",
                        "service-keys",
                        "logs",
                        "config.json",
                        "early.js"
                    ]
                    .contains(&name),
                    "{path} warm: {name} revalidated although it carries a content hash"
                );
            }
        }
    })
    .await;
}
