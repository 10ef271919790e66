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

struct Inner {
    config: Config,
    storage: Storage,
    /// The built dashboard, the folder it is served under (`/`, `/admin/`), and whether the
    /// folder's name without its slash redirects to it.
    dist: Option<(PathBuf, String, bool)>,
    /// The API route table (for `Allow`, 405, the 308 catch-all, access rules and discovery).
    routes: Vec<RouteInfo>,
    /// Served as the dashboard's `config.json` when set.
    dashboard_config: Option<PathBuf>,
}

impl AppState {
    pub fn new(
        config: Config,
        storage: Storage,
        dist: Option<(PathBuf, String, bool)>,
        routes: Vec<RouteInfo>,
    ) -> AppState {
        AppState(Arc::new(Inner {
            config,
            storage,
            dist,
            routes,
            dashboard_config: None,
        }))
    }

    /// Serves `file` as the dashboard's `config.json` (see `EmulatorOptions::dashboard_config`).
    /// Only before the state is shared (it is made and configured in one expression).
    pub fn with_dashboard_config(mut self, file: Option<PathBuf>) -> AppState {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.dashboard_config = file;
        }
        self
    }

    /// The file served as the dashboard's `config.json`, when it is not the one in `dist`.
    pub fn dashboard_config(&self) -> Option<&PathBuf> {
        self.0.dashboard_config.as_ref()
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// The built dashboard's folder and the URL folder it is served under.
    pub fn dist(&self) -> Option<(&PathBuf, &str)> {
        self.0
            .dist
            .as_ref()
            .map(|(dir, mount, _)| (dir, mount.as_str()))
    }

    /// Whether the folder's name without its slash redirects to the folder.
    pub fn redirects_bare_folder(&self) -> bool {
        self.0
            .dist
            .as_ref()
            .is_none_or(|(_, _, redirect)| *redirect)
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

    /// The emulator's one clock (see [`crate::clock`]).
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
