//! `/api/v1/superuser/registrysize/`: the registry's total storage, computed by a background job
//! that a superuser queues.

use serde::Deserialize;

use super::quota::bytes;
use super::{ApiClient, ApiError};

const PATH: &str = "/api/v1/superuser/registrysize/";

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RegistrySize {
    #[serde(deserialize_with = "bytes")]
    pub size_bytes: u64,
    /// Unix milliseconds of the last completed calculation; `None` before the first.
    #[serde(default)]
    pub last_ran: Option<i64>,
    #[serde(default)]
    pub queued: bool,
    #[serde(default)]
    pub running: bool,
}

impl RegistrySize {
    /// Whether a calculation is waiting or under way.
    pub fn busy(&self) -> bool {
        self.queued || self.running
    }
}

pub async fn registry_size(client: &ApiClient) -> Result<RegistrySize, ApiError> {
    client.get(PATH).await
}

/// Queues a calculation. Quay answers 201 when it queued one and 202 when one was already
/// queued or running; either way one is coming, so both are success here.
pub async fn queue_calculation(client: &ApiClient) -> Result<(), ApiError> {
    client.post_empty::<String>(PATH).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quay_shapes() {
        let never: RegistrySize = serde_json::from_str(
            r#"{"size_bytes": 0, "last_ran": null, "running": false, "queued": false}"#,
        )
        .unwrap();
        assert_eq!(never.last_ran, None);
        assert!(!never.busy());
        let done: RegistrySize = serde_json::from_str(
            r#"{"size_bytes": 6413157654086, "last_ran": 1763900000000, "queued": true, "running": false}"#,
        )
        .unwrap();
        assert_eq!(done.size_bytes, 6_413_157_654_086);
        assert!(done.busy());
    }
}
