//! What every handler shares: the configuration, the database and the route table.

use std::path::PathBuf;
use std::sync::Arc;

use axum::http::Method;

use crate::config::Config;
use crate::error::ApiError;
use crate::routes::{EndpointInfo, RouteInfo};
use crate::storage::Storage;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// How the built dashboard is served.
#[derive(Debug, Clone)]
pub struct Dashboard {
    /// The built files.
    pub dir: PathBuf,
    /// The URL folder they are served under (`/`, `/admin/`).
    pub mount: String,
    /// Whether the folder's name without its slash redirects to the folder (else 404).
    pub redirect_bare_folder: bool,
    /// Served as the dashboard's `config.json` instead of the one in `dir`.
    pub config_file: Option<PathBuf>,
}

struct Inner {
    config: Config,
    storage: Storage,
    dashboard: Option<Dashboard>,
    /// The API route table (for `Allow`, 405, the 308 catch-all, access rules and discovery).
    routes: Vec<RouteInfo>,
}

impl AppState {
    pub fn new(
        config: Config,
        storage: Storage,
        dashboard: Option<Dashboard>,
        routes: Vec<RouteInfo>,
    ) -> AppState {
        AppState(Arc::new(Inner {
            config,
            storage,
            dashboard,
            routes,
        }))
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// How the built dashboard is served, if it is.
    pub fn dashboard(&self) -> Option<&Dashboard> {
        self.0.dashboard.as_ref()
    }

    pub fn routes(&self) -> &[RouteInfo] {
        &self.0.routes
    }

    pub fn route(&self, pattern: &str) -> Option<&RouteInfo> {
        self.0.routes.iter().find(|r| r.path == pattern)
    }

    pub fn route_methods(&self, pattern: &str) -> Vec<Method> {
        self.route(pattern)
            .map(RouteInfo::methods)
            .unwrap_or_default()
    }

    pub fn endpoint(&self, pattern: &str, method: &Method) -> Option<&EndpointInfo> {
        self.route(pattern).and_then(|r| r.endpoint(method))
    }

    /// The emulator's one clock (see `crate::clock`).
    pub fn clock(&self) -> &crate::clock::Clock {
        self.0.storage.clock()
    }

    /// Direct storage access for blocking code (tests, seeding).
    pub fn storage(&self) -> &Storage {
        &self.0.storage
    }

    /// Runs a short, bounded read (one indexed lookup, one page of a listing) right here on the
    /// async worker. Handing it to a blocking thread costs two thread switches, more than the
    /// read itself; anything that may take milliseconds (writes, password hashing, scans of the
    /// logs) goes through [`AppState::db`] instead.
    pub fn read<T>(
        &self,
        work: impl FnOnce(&Storage) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        work(&self.0.storage)
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
