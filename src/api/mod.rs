//! Typed access to Quay's REST API: the client, its error type, and one module per resource.

pub mod application;
pub mod builds;
mod client;
mod error;
pub mod logs;
pub mod organization;
pub mod quota;
pub mod registry_config;
pub mod registry_session;
pub mod registry_size;
pub mod service_keys;
pub mod superuser_organizations;
pub mod superuser_users;
pub mod team;
pub mod user;

pub use client::ApiClient;
pub use error::ApiError;
