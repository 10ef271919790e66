//! Quay's `config.yaml`: the keys the emulator honours, with Quay's defaults (`config.py`).
//!
//! The merged key/value map is kept as JSON so later routes can read keys not typed here; the typed
//! fields are extracted (and type-checked) once, whenever the map changes.

use serde_json::{Map, Value};

/// Why a configuration was refused. Always one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Yaml(String),
    #[error("the top level must be a mapping of keys to values")]
    NotAMapping,
    #[error("QUAY_OVERRIDE_CONFIG is not valid JSON: {0}")]
    OverrideJson(String),
    #[error("QUAY_OVERRIDE_CONFIG must be a JSON object")]
    OverrideNotObject,
    #[error("{key} must be {expected}, got {got}")]
    WrongType {
        key: String,
        expected: &'static str,
        got: String,
    },
}

/// `CORS_ORIGIN` keeps its raw shape: Quay treats a string and a list differently
/// (`util/request.py`, `crossorigin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsOrigin {
    Text(String),
    List(Vec<String>),
}

/// A loaded configuration. Build it with [`Config::quay_defaults`], [`Config::default_emulator`] or
/// [`Config::from_yaml_str`], then optionally [`Config::with_overrides`].
#[derive(Debug, Clone)]
pub struct Config {
    raw: Map<String, Value>,
    pub super_users: Vec<String>,
    pub global_readonly_super_users: Vec<String>,
    pub feature_user_initialize: bool,
    pub feature_super_users: bool,
    pub feature_mailing: bool,
    /// With mailing on, people outside an organization are invited to its teams, not added.
    pub feature_require_team_invite: bool,
    pub feature_quota_management: bool,
    pub feature_edit_quota: bool,
    pub feature_superusers_full_access: bool,
    pub feature_permanent_sessions: bool,
    pub cors_origin: CorsOrigin,
    pub server_hostname: String,
    pub preferred_url_scheme: String,
    pub authentication_type: String,
    pub browser_api_calls_xhr_only: bool,
    /// Quay's `DEBUGGING == True` switches the browser XHR rule off.
    pub debugging: bool,
    pub default_tag_expiration: String,
    /// `DEFAULT_TAG_EXPIRATION` in seconds (new users' `tag_expiration_s`).
    pub default_tag_expiration_s: i64,
    pub fresh_login_timeout_s: i64,
    pub public_namespaces: Vec<String>,
}

/// Quay's own defaults (`config.py`) for every key typed below.
fn quay_default_map() -> Map<String, Value> {
    let defaults = serde_json::json!({
        "SUPER_USERS": [],
        "GLOBAL_READONLY_SUPER_USERS": [],
        "FEATURE_USER_INITIALIZE": false,
        "FEATURE_SUPER_USERS": true,
        "FEATURE_MAILING": true,
        "FEATURE_REQUIRE_TEAM_INVITE": true,
        "FEATURE_QUOTA_MANAGEMENT": false,
        "FEATURE_EDIT_QUOTA": true,
        "FEATURE_SUPERUSERS_FULL_ACCESS": false,
        "FEATURE_PERMANENT_SESSIONS": true,
        "CORS_ORIGIN": "*",
        "SERVER_HOSTNAME": "localhost:5000",
        "PREFERRED_URL_SCHEME": "http",
        "AUTHENTICATION_TYPE": "Database",
        "BROWSER_API_CALLS_XHR_ONLY": true,
        "DEBUGGING": false,
        "DEFAULT_TAG_EXPIRATION": "2w",
        "TAG_EXPIRATION_OPTIONS": ["0s", "1d", "1w", "2w", "4w"],
        "FRESH_LOGIN_TIMEOUT": "10m",
        "PUBLIC_NAMESPACES": [],
    });
    match defaults {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

impl Config {
    /// Exactly Quay's defaults.
    pub fn quay_defaults() -> Config {
        Config::from_map(quay_default_map()).expect("Quay's defaults are well-typed")
    }

    /// What the emulator runs with when no `--config` is given: Quay's defaults plus initialize,
    /// superusers and quota management switched on, and `quayadmin` as the superuser.
    pub fn default_emulator() -> Config {
        Config::quay_defaults()
            .with_override_map(
                serde_json::json!({
                    "FEATURE_USER_INITIALIZE": true,
                    "FEATURE_SUPER_USERS": true,
                    "FEATURE_QUOTA_MANAGEMENT": true,
                    "SUPER_USERS": ["quayadmin"],
                })
                .as_object()
                .cloned()
                .unwrap_or_default(),
            )
            .expect("emulator defaults are well-typed")
    }

    /// A Quay `config.yaml` on top of Quay's defaults. Unknown keys are kept and otherwise ignored;
    /// an empty document is an empty configuration.
    pub fn from_yaml_str(text: &str) -> Result<Config, ConfigError> {
        let value: Value = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_norway::from_str(text).map_err(|e| ConfigError::Yaml(one_line(&e.to_string())))?
        };
        let overrides = match value {
            Value::Null => Map::new(),
            Value::Object(map) => map,
            _ => return Err(ConfigError::NotAMapping),
        };
        Config::quay_defaults().with_override_map(overrides)
    }

    /// Applies a `QUAY_OVERRIDE_CONFIG` value (a JSON object whose keys replace the loaded ones).
    pub fn with_overrides(self, json: &str) -> Result<Config, ConfigError> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| ConfigError::OverrideJson(one_line(&e.to_string())))?;
        match value {
            Value::Object(map) => self.with_override_map(map),
            _ => Err(ConfigError::OverrideNotObject),
        }
    }

    /// Replaces the given keys, as Python's `dict.update` does, and re-checks the types.
    pub fn with_override_map(self, overrides: Map<String, Value>) -> Result<Config, ConfigError> {
        let mut raw = self.raw;
        raw.extend(overrides);
        Config::from_map(raw)
    }

    /// Every configured key (defaults, file and overrides).
    pub fn raw_keys(&self) -> impl Iterator<Item = &String> {
        self.raw.keys()
    }

    /// The raw value of any key (known or not), after defaults and overrides.
    pub fn raw(&self, key: &str) -> Option<&Value> {
        self.raw.get(key)
    }

    /// Whether the caller may act as a superuser: in `SUPER_USERS`, not a global read-only superuser
    /// (Quay lets read-only win when a name is in both lists), and the feature is on.
    pub fn is_super_user(&self, username: &str) -> bool {
        self.feature_super_users
            && self.super_users.iter().any(|u| u == username)
            && !self.is_global_readonly_super_user(username)
    }

    /// Quay's `usermanager.is_superuser`: the feature is on and the name is in `SUPER_USERS`
    /// (whether or not it is also a global read-only superuser). What the user views' `super_user`
    /// and the "Cannot … a superuser" guards use.
    pub fn is_listed_super_user(&self, username: &str) -> bool {
        self.feature_super_users && self.super_users.iter().any(|u| u == username)
    }

    /// A feature flag not typed above, with its default when absent (Python truthiness of the
    /// configured value otherwise).
    pub fn feature(&self, name: &str, default: bool) -> bool {
        match self.raw.get(name) {
            None => default,
            Some(value) => crate::python::truthy(value),
        }
    }

    pub fn is_global_readonly_super_user(&self, username: &str) -> bool {
        self.global_readonly_super_users
            .iter()
            .any(|u| u == username)
    }

    fn from_map(raw: Map<String, Value>) -> Result<Config, ConfigError> {
        let r = Reader(&raw);
        let default_tag_expiration = r.string("DEFAULT_TAG_EXPIRATION")?;
        let default_tag_expiration_s = r.timespan("DEFAULT_TAG_EXPIRATION")?;
        Ok(Config {
            super_users: r.string_list("SUPER_USERS")?,
            global_readonly_super_users: r.string_list("GLOBAL_READONLY_SUPER_USERS")?,
            feature_user_initialize: r.boolean("FEATURE_USER_INITIALIZE")?,
            feature_super_users: r.boolean("FEATURE_SUPER_USERS")?,
            feature_mailing: r.boolean("FEATURE_MAILING")?,
            feature_require_team_invite: r.boolean("FEATURE_REQUIRE_TEAM_INVITE")?,
            feature_quota_management: r.boolean("FEATURE_QUOTA_MANAGEMENT")?,
            feature_edit_quota: r.boolean("FEATURE_EDIT_QUOTA")?,
            feature_superusers_full_access: r.boolean("FEATURE_SUPERUSERS_FULL_ACCESS")?,
            feature_permanent_sessions: r.boolean("FEATURE_PERMANENT_SESSIONS")?,
            cors_origin: r.cors_origin("CORS_ORIGIN")?,
            server_hostname: r.string("SERVER_HOSTNAME")?,
            preferred_url_scheme: r.string("PREFERRED_URL_SCHEME")?,
            authentication_type: r.string("AUTHENTICATION_TYPE")?,
            browser_api_calls_xhr_only: r.boolean("BROWSER_API_CALLS_XHR_ONLY")?,
            debugging: r.boolean("DEBUGGING")?,
            default_tag_expiration,
            default_tag_expiration_s,
            fresh_login_timeout_s: r.timespan("FRESH_LOGIN_TIMEOUT")?,
            public_namespaces: r.string_list("PUBLIC_NAMESPACES")?,
            raw,
        })
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::default_emulator()
    }
}

/// serde's messages can span lines; the CLI promises one.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Reader<'a>(&'a Map<String, Value>);

impl Reader<'_> {
    fn get(&self, key: &str) -> &Value {
        self.0.get(key).unwrap_or(&Value::Null)
    }

    fn wrong(&self, key: &str, expected: &'static str) -> ConfigError {
        ConfigError::WrongType {
            key: key.to_string(),
            expected,
            got: type_name(self.get(key)).to_string(),
        }
    }

    fn boolean(&self, key: &str) -> Result<bool, ConfigError> {
        self.get(key)
            .as_bool()
            .ok_or_else(|| self.wrong(key, "true or false"))
    }

    fn string(&self, key: &str) -> Result<String, ConfigError> {
        self.get(key)
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| self.wrong(key, "a string"))
    }

    fn string_list(&self, key: &str) -> Result<Vec<String>, ConfigError> {
        let items = self
            .get(key)
            .as_array()
            .ok_or_else(|| self.wrong(key, "a list of strings"))?;
        items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| self.wrong(key, "a list of strings"))
    }

    fn cors_origin(&self, key: &str) -> Result<CorsOrigin, ConfigError> {
        match self.get(key) {
            Value::String(s) => Ok(CorsOrigin::Text(s.clone())),
            Value::Array(_) => {
                Ok(CorsOrigin::List(self.string_list(key).map_err(|_| {
                    self.wrong(key, "a string or a list of strings")
                })?))
            }
            _ => Err(self.wrong(key, "a string or a list of strings")),
        }
    }

    /// Quay's `convert_to_timedelta`: an integer followed by one of `s m h d w y`.
    fn timespan(&self, key: &str) -> Result<i64, ConfigError> {
        let text = self.string(key)?;
        parse_timespan(&text).ok_or_else(|| ConfigError::WrongType {
            key: key.to_string(),
            expected: "a duration such as 2w, 10m or 60s",
            got: format!("{text:?}"),
        })
    }
}

/// Seconds of a Quay duration string (`2w`, `10m`, `-1d`), as `convert_to_timedelta` reads it.
pub fn parse_timespan(text: &str) -> Option<i64> {
    let unit = text.chars().last()?;
    let number = text[..text.len() - unit.len_utf8()].trim();
    let digits = number.strip_prefix(['+', '-']).unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = number.parse().ok()?;
    let scale = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        'y' => 365 * 86_400,
        _ => return None,
    };
    n.checked_mul(scale)
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quay_defaults_match_config_py() {
        let c = Config::quay_defaults();
        assert!(!c.feature_user_initialize);
        assert!(c.feature_super_users);
        assert!(c.feature_mailing, "Quay mails by default");
        assert!(!c.feature_quota_management);
        assert!(c.feature_edit_quota);
        assert!(c.super_users.is_empty());
        assert_eq!(c.cors_origin, CorsOrigin::Text("*".into()));
        assert_eq!(c.server_hostname, "localhost:5000");
        assert_eq!(c.preferred_url_scheme, "http");
        assert_eq!(c.authentication_type, "Database");
        assert!(c.browser_api_calls_xhr_only);
        assert_eq!(c.default_tag_expiration_s, 1_209_600);
        assert_eq!(c.fresh_login_timeout_s, 600);
    }

    #[test]
    fn emulator_defaults_add_initialize_quota_and_quayadmin() {
        let c = Config::default_emulator();
        assert!(c.feature_user_initialize);
        assert!(c.feature_super_users);
        assert!(c.feature_quota_management);
        assert_eq!(c.super_users, vec!["quayadmin".to_string()]);
        assert!(c.feature_mailing);
        assert!(c.is_super_user("quayadmin"));
        assert!(!c.is_super_user("alice"));
    }

    #[test]
    fn yaml_overrides_defaults_and_ignores_unknown_keys() {
        let c = Config::from_yaml_str(
            "SUPER_USERS: [admin]\nFEATURE_MAILING: false\nDB_URI: sqlite:///x\n\
             CORS_ORIGIN: [http://a.example, http://b.example]\nDEFAULT_TAG_EXPIRATION: 3d\n",
        )
        .unwrap();
        assert_eq!(c.super_users, vec!["admin".to_string()]);
        assert!(!c.feature_mailing);
        assert!(!c.feature_user_initialize, "not the emulator's defaults");
        assert_eq!(
            c.cors_origin,
            CorsOrigin::List(vec!["http://a.example".into(), "http://b.example".into()])
        );
        assert_eq!(c.default_tag_expiration_s, 3 * 86_400);
        assert_eq!(c.raw("DB_URI"), Some(&Value::String("sqlite:///x".into())));
    }

    #[test]
    fn empty_yaml_is_quay_defaults() {
        let c = Config::from_yaml_str("  \n").unwrap();
        assert!(!c.feature_user_initialize);
    }

    #[test]
    fn bad_yaml_and_non_mapping_are_refused() {
        assert!(matches!(
            Config::from_yaml_str("SUPER_USERS: [admin\n"),
            Err(ConfigError::Yaml(_))
        ));
        assert_eq!(
            Config::from_yaml_str("- a\n- b\n").unwrap_err(),
            ConfigError::NotAMapping
        );
    }

    #[test]
    fn wrong_types_for_known_keys_are_refused() {
        let err = Config::from_yaml_str("SUPER_USERS: admin\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "SUPER_USERS must be a list of strings, got a string"
        );
        let err = Config::from_yaml_str("FEATURE_MAILING: 'no'\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "FEATURE_MAILING must be true or false, got a string"
        );
        assert!(Config::from_yaml_str("SUPER_USERS: [1]\n").is_err());
        assert!(Config::from_yaml_str("CORS_ORIGIN: 5\n").is_err());
        assert!(Config::from_yaml_str("DEFAULT_TAG_EXPIRATION: 2x\n").is_err());
        assert!(Config::from_yaml_str("SERVER_HOSTNAME: null\n").is_err());
    }

    #[test]
    fn override_json_replaces_keys() {
        let c = Config::default_emulator()
            .with_overrides(r#"{"SUPER_USERS": ["root"], "FEATURE_MAILING": false}"#)
            .unwrap();
        assert_eq!(c.super_users, vec!["root".to_string()]);
        assert!(!c.feature_mailing);
        assert!(c.feature_user_initialize, "untouched keys stay");
    }

    #[test]
    fn override_json_errors() {
        let base = Config::default_emulator;
        assert!(matches!(
            base().with_overrides("{not json"),
            Err(ConfigError::OverrideJson(_))
        ));
        assert_eq!(
            base().with_overrides("[1]").unwrap_err(),
            ConfigError::OverrideNotObject
        );
        assert!(matches!(
            base().with_overrides(r#"{"FEATURE_SUPER_USERS": "yes"}"#),
            Err(ConfigError::WrongType { .. })
        ));
    }

    #[test]
    fn readonly_superuser_wins_over_superuser() {
        let c =
            Config::from_yaml_str("SUPER_USERS: [admin]\nGLOBAL_READONLY_SUPER_USERS: [admin]\n")
                .unwrap();
        assert!(!c.is_super_user("admin"));
        assert!(c.is_global_readonly_super_user("admin"));
        let off =
            Config::from_yaml_str("SUPER_USERS: [admin]\nFEATURE_SUPER_USERS: false\n").unwrap();
        assert!(!off.is_super_user("admin"));
    }

    #[test]
    fn timespans() {
        assert_eq!(parse_timespan("60s"), Some(60));
        assert_eq!(parse_timespan("10m"), Some(600));
        assert_eq!(parse_timespan("2w"), Some(1_209_600));
        assert_eq!(parse_timespan("1y"), Some(31_536_000));
        assert_eq!(parse_timespan("-1d"), Some(-86_400));
        assert_eq!(parse_timespan("d"), None);
        assert_eq!(parse_timespan("5"), None);
        assert_eq!(parse_timespan(""), None);
        assert_eq!(parse_timespan("1.5h"), None);
    }
}
