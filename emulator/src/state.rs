//! What every handler shares: the configuration, the database and the route table.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::http::Method;

use crate::config::Config;
use crate::error::ApiError;
use crate::storage::Storage;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    config: Config,
    storage: Storage,
    dist: Option<PathBuf>,
    /// API route pattern → methods with a handler (for `Allow`, 405 and the 308 catch-all).
    route_methods: HashMap<&'static str, Vec<Method>>,
}

impl AppState {
    pub fn new(
        config: Config,
        storage: Storage,
        dist: Option<PathBuf>,
        route_methods: HashMap<&'static str, Vec<Method>>,
    ) -> AppState {
        AppState(Arc::new(Inner {
            config,
            storage,
            dist,
            route_methods,
        }))
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    pub fn dist(&self) -> Option<&PathBuf> {
        self.0.dist.as_ref()
    }

    pub fn route_methods(&self, pattern: &str) -> &[Method] {
        self.0
            .route_methods
            .get(pattern)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Runs storage work (SQLite, password hashing) on a blocking thread.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&Storage) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || work(&state.0.storage))
            .await
            .map_err(|e| ApiError::Internal(format!("storage task failed: {e}")))?
    }
}
