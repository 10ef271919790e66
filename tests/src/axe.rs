//! Accessibility check: injects axe-core (npm package installed by scripts/bootstrap.sh) into the
//! page and fails on violations: of impact "serious" or "critical" in the page tests, of any
//! impact in the accessibility sweep (`assert_no_axe_violations`).

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use crate::Ctx;

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../.tools/npm/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run scripts/bootstrap.sh)", path.display()))
    })
}

impl Ctx {
    /// Runs axe on the current page (open dialogs included) and panics with the details of every
    /// serious or critical violation. `label` names the page state in the failure message.
    pub async fn assert_accessible(&self, label: &str) {
        self.axe(label, &["serious", "critical"]).await;
    }

    /// As [`Ctx::assert_accessible`], failing on violations of every impact (minor included).
    pub async fn assert_no_axe_violations(&self, label: &str) {
        self.axe(label, &["minor", "moderate", "serious", "critical"])
            .await;
    }

    async fn axe(&self, label: &str, impacts: &[&str]) {
        let loaded = self.js("return typeof window.axe !== 'undefined';").await;
        if loaded != Value::Bool(true) {
            // WebDriver scripts are not subject to the page's Content-Security-Policy.
            self.client
                .execute(axe_source(), Vec::new())
                .await
                .expect("inject axe-core");
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(JSON.stringify(r.violations)))
               .catch(e => done(JSON.stringify({ error: String(e) })));
        "#;
        let result = self
            .client
            .execute_async(script, Vec::new())
            .await
            .expect("run axe");
        let text = result.as_str().unwrap_or("[]");
        let parsed: Value = serde_json::from_str(text).expect("axe result JSON");
        if let Some(err) = parsed.get("error") {
            panic!("axe failed on {label}: {err}");
        }
        let serious: Vec<String> = parsed
            .as_array()
            .into_iter()
            .flatten()
            .filter(|v| v["impact"].as_str().is_some_and(|i| impacts.contains(&i)))
            .map(|v| {
                let targets: Vec<String> = v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|n| {
                        format!(
                            "{} ({})",
                            n["target"],
                            n["failureSummary"].as_str().unwrap_or("")
                        )
                    })
                    .collect();
                format!(
                    "{} [{}]: {}\n    {}",
                    v["id"],
                    v["impact"],
                    v["help"],
                    targets.join("\n    ")
                )
            })
            .collect();
        assert!(
            serious.is_empty(),
            "accessibility violations on {label}:\n{}",
            serious.join("\n")
        );
    }
}
