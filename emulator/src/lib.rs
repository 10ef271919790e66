//! quay-emulator: a local emulator of the Quay registry's REST API, OAuth web routes and key
//! server, backed by SQLite, that imitates Quay as observed (`emulator/README.md` maps it,
//! `emulator/DEVIATIONS.md` lists where it cannot). Start it in-process with [`start`] (async)
//! or [`start_blocking`] (sync), or run the `quay-emulator` binary.

pub mod action_log;
pub mod auth;
pub mod avatar;
pub mod blobs;
pub mod body;
pub mod cli;
pub mod clock;
pub mod config;
pub mod cors;
pub mod crypto;
pub mod dates;
pub mod demo;
pub mod error;
pub mod error_pages;
pub mod fault;
pub mod limits;
pub mod login;
pub mod middleware;
pub mod outbox;
pub mod pagination;
pub mod prng;
pub mod python;
pub mod registry_size_worker;
pub mod request_log;
pub mod responses;
pub mod routes;
pub mod schema;
pub mod scopes;
pub mod seed;
pub mod server;
pub mod service_keys;
pub mod state;
pub mod storage;
pub mod user_agents;
pub mod views;
mod web_session;

pub use clock::Clock;
pub use config::{Config, ConfigError, CorsOrigin};
pub use fault::{FaultBody, FaultConfig, FaultControl};
pub use registry_size_worker::RegistrySizeWorkerOptions;
pub use server::{
    load_config, start, start_blocking, BlockingEmulator, EmulatorOptions, RunningEmulator,
    StartError,
};

/// Builds through the library (tests, demos): Quay's builders write them, the emulator runs
/// none. A browser test can create a running build and watch it grow with
/// [`builds::append_build_logs`] and [`builds::set_build_phase`].
pub mod builds {
    pub use crate::storage::{
        append_build_logs, create_build, set_build_phase, set_build_status, NewBuild,
        NewBuildTrigger,
    };
}

/// An I/O error's message without Rust's ` (os error N)` suffix.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}
