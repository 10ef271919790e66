//! `GET /config`: the registry's public configuration, read for its feature switches (whether
//! it can send mail, whether quotas exist), so the dashboard offers only what the registry does.

use std::collections::HashMap;

use serde::Deserialize;

use super::{ApiClient, ApiError};

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct RegistryConfig {
    #[serde(default)]
    features: HashMap<String, serde_json::Value>,
    #[serde(default)]
    config: HashMap<String, serde_json::Value>,
    /// The external sign-in services (OIDC, GitHub, …) the registry signs people in through.
    #[serde(default)]
    external_login: Vec<serde_json::Value>,
}

/// Quay's default `TAG_EXPIRATION_OPTIONS`.
const DEFAULT_TAG_EXPIRATION_OPTIONS: [&str; 5] = ["0s", "1d", "1w", "2w", "4w"];

impl RegistryConfig {
    /// A feature switch by Quay's name without the `FEATURE_` prefix (`MAILING`).
    pub fn feature(&self, name: &str) -> bool {
        self.features.get(name).and_then(|v| v.as_bool()) == Some(true)
    }

    /// Whether the registry signs people in through another service (its `external_login`):
    /// then only its own page can sign a browser in.
    pub fn has_external_login(&self) -> bool {
        !self.external_login.is_empty()
    }

    pub fn mailing(&self) -> bool {
        self.feature("MAILING")
    }

    /// The tag expirations an organization may choose, in seconds, in the registry's order
    /// (Quay refuses any other value).
    pub fn tag_expiration_options(&self) -> Vec<u64> {
        let listed: Option<Vec<u64>> = self
            .config
            .get("TAG_EXPIRATION_OPTIONS")
            .and_then(|v| v.as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_str().and_then(parse_timespan))
                    .collect()
            });
        listed.filter(|l| !l.is_empty()).unwrap_or_else(|| {
            DEFAULT_TAG_EXPIRATION_OPTIONS
                .iter()
                .filter_map(|o| parse_timespan(o))
                .collect()
        })
    }
}

/// Quay's config timespans: a number and one unit of `s m h d w` (`"2w"` → 1,209,600).
pub fn parse_timespan(text: &str) -> Option<u64> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        'w' => 604_800,
        _ => return None,
    };
    text[..text.len() - 1]
        .parse::<u64>()
        .ok()?
        .checked_mul(seconds)
}

pub async fn registry_config(client: &ApiClient) -> Result<RegistryConfig, ApiError> {
    client.get("/config").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features() {
        let c: RegistryConfig = serde_json::from_str(
            r#"{"config": {}, "features": {"MAILING": true, "QUOTA_MANAGEMENT": false, "X": "yes"}}"#,
        )
        .unwrap();
        assert!(c.mailing());
        assert!(!c.feature("QUOTA_MANAGEMENT"));
        assert!(!c.feature("X"));
        assert!(!RegistryConfig::default().mailing());
    }

    #[test]
    fn tag_expiration_options() {
        assert_eq!(
            RegistryConfig::default().tag_expiration_options(),
            vec![0, 86_400, 604_800, 1_209_600, 2_419_200]
        );
        let c: RegistryConfig = serde_json::from_str(
            r#"{"config": {"TAG_EXPIRATION_OPTIONS": ["1h", "bogus", "3d"]}}"#,
        )
        .unwrap();
        assert_eq!(c.tag_expiration_options(), vec![3_600, 259_200]);
        assert_eq!(parse_timespan("10m"), Some(600));
        assert_eq!(parse_timespan("w"), None);
        assert_eq!(parse_timespan("5y"), None);
    }
}
