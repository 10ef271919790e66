//! `GET /config`: Quay's public UI configuration (whitelisted keys and feature switches).

use crate::common::*;

#[tokio::test]
async fn features_and_visible_config_without_credentials() {
    let emu = emulator_with(config_with(
        "FEATURE_MAILING: false\nDB_URI: postgresql://secret\n",
    ))
    .await;
    let resp = client().get(emu.url("/config")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(content_type(resp.headers()).starts_with("application/json"));
    // `@crossorigin(anonymous=False)` with CORS_ORIGIN "*": no CORS headers, as /csrf_token.
    assert_no_cors(resp.headers());
    let doc: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(doc["features"]["MAILING"], false);
    assert_eq!(doc["features"]["SUPER_USERS"], true);
    assert_eq!(
        doc["config"]["TAG_EXPIRATION_OPTIONS"],
        serde_json::json!(["0s", "1d", "1w", "2w", "4w"])
    );
    assert_eq!(doc["registry_state"], "normal");
    let text = doc.to_string();
    assert!(!text.contains("secret"), "{text}");
    assert!(!text.contains("SUPER_USERS\":["), "{text}");

    let post = client().post(emu.url("/config")).send().await.unwrap();
    assert_eq!(post.status(), 405);
    assert_eq!(post.headers()["allow"], "OPTIONS, HEAD, GET");
}
