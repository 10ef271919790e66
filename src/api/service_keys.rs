//! `/api/v1/superuser/keys`: the RSA keys other services sign their JWTs with, and their
//! approval by a superuser.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ApiClient, ApiError};
use crate::format::percent_encode;

const KEYS: &str = "/api/v1/superuser/keys";

/// The approving superuser; Quay sends its whole user view, of which the name is what shows.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Approver {
    pub username: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Approval {
    /// `ServiceKeyApprovalType.SUPERUSER` or `ServiceKeyApprovalType.AUTOMATIC`.
    pub approval_type: String,
    /// GMT date string.
    pub approved_date: String,
    #[serde(default)]
    pub approver: Option<Approver>,
    #[serde(default)]
    pub notes: String,
}

impl Approval {
    /// Approved by the registry itself (its own instance key), not by a person.
    pub fn automatic(&self) -> bool {
        self.approval_type.ends_with("AUTOMATIC")
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ServiceKey {
    pub kid: String,
    #[serde(default)]
    pub name: String,
    pub service: String,
    #[serde(default)]
    pub metadata: BTreeMap<String, Value>,
    /// GMT date strings (`Sun, 22 Nov 2026 23:10:00 GMT`).
    pub created_date: String,
    #[serde(default)]
    pub expiration_date: Option<String>,
    #[serde(default)]
    pub approval: Option<Approval>,
}

#[derive(Deserialize)]
struct KeyList {
    keys: Vec<ServiceKey>,
}

pub async fn list_keys(client: &ApiClient) -> Result<Vec<ServiceKey>, ApiError> {
    Ok(client.get::<KeyList>(KEYS).await?.keys)
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewKey {
    pub service: String,
    pub name: String,
    /// Unix seconds; `None` never expires (Quay requires the field, `null` allowed).
    pub expiration: Option<i64>,
    pub metadata: BTreeMap<String, String>,
    pub notes: String,
}

/// What creation answers, once: the private key is not stored anywhere.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CreatedKey {
    pub kid: String,
    #[serde(default)]
    pub name: String,
    pub service: String,
    pub private_key: String,
}

pub async fn create_key(client: &ApiClient, key: &NewKey) -> Result<CreatedKey, ApiError> {
    client.post(KEYS, key).await
}

fn key_path(kid: &str) -> String {
    format!("{KEYS}/{}", percent_encode(kid))
}

/// A change; absent fields stay as they are. `expiration: Some(None)` removes the expiry.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct KeyChange {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Merged into the key's metadata by Quay (given keys overwrite, others stay).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<Option<i64>>,
}

pub async fn change_key(
    client: &ApiClient,
    kid: &str,
    change: &KeyChange,
) -> Result<ServiceKey, ApiError> {
    client.put(&key_path(kid), change).await
}

pub async fn delete_key(client: &ApiClient, kid: &str) -> Result<(), ApiError> {
    client.delete(&key_path(kid)).await
}

#[derive(Serialize)]
struct ApprovalNotes<'a> {
    notes: &'a str,
}

/// Approves a pending key (Quay answers 201 with an empty body), then reads it back.
pub async fn approve_key(
    client: &ApiClient,
    kid: &str,
    notes: &str,
) -> Result<ServiceKey, ApiError> {
    let path = format!("/api/v1/superuser/approvedkeys/{}", percent_encode(kid));
    client
        .post_no_content(&path, &ApprovalNotes { notes })
        .await?;
    client.get(&key_path(kid)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quay_key_shapes() {
        let list: KeyList = serde_json::from_str(
            r##"{"keys": [
 {"approval": {"approval_type": "ServiceKeyApprovalType.SUPERUSER", "approved_date": "Sun, 22 Nov 2026 23:10:00 GMT",
   "approver": {"name": "admin", "username": "admin", "kind": "user"}, "notes": "ok"},
  "created_date": "Sun, 22 Nov 2026 23:10:00 GMT", "expiration_date": null,
  "jwk": {"e": "AQAB", "kid": "K1", "kty": "RSA", "n": "x"}, "kid": "K1",
  "metadata": {"created_by": "Quay Superuser Panel", "n": 5}, "name": "mykey", "rotation_duration": null, "service": "svc"},
 {"approval": null, "created_date": "Sun, 22 Nov 2026 23:10:25 GMT", "expiration_date": "Sun, 29 Nov 2026 23:10:24 GMT",
  "kid": "K2", "metadata": {"ip": "127.0.0.1"}, "name": "", "rotation_duration": null, "service": "pendingsvc"}]}"##,
        )
        .unwrap();
        let [a, b] = &list.keys[..] else { panic!() };
        assert_eq!(
            a.approval
                .as_ref()
                .unwrap()
                .approver
                .as_ref()
                .unwrap()
                .username,
            "admin"
        );
        assert!(!a.approval.as_ref().unwrap().automatic());
        assert_eq!(a.metadata["n"], 5);
        assert_eq!(b.approval, None);
        assert_eq!(
            b.expiration_date.as_deref(),
            Some("Sun, 29 Nov 2026 23:10:24 GMT")
        );
    }

    #[test]
    fn change_bodies_send_only_what_changes() {
        let never = KeyChange {
            expiration: Some(None),
            ..KeyChange::default()
        };
        assert_eq!(
            serde_json::to_string(&never).unwrap(),
            r#"{"expiration":null}"#
        );
        assert_eq!(serde_json::to_string(&KeyChange::default()).unwrap(), "{}");
        let new = NewKey {
            service: "svc".into(),
            name: String::new(),
            expiration: None,
            metadata: BTreeMap::new(),
            notes: String::new(),
        };
        assert!(serde_json::to_string(&new)
            .unwrap()
            .contains(r#""expiration":null"#));
    }
}
