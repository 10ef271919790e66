//! quay-emulator: a local emulator of the Quay registry's REST API, OAuth web routes and key
//! server, backed by SQLite, that imitates Quay as observed (`emulator/README.md` maps it,
//! `emulator/DEVIATIONS.md` lists where it cannot). Start it in-process with [`start`] (async)
//! or [`start_blocking`] (sync), or run the `quay-emulator` binary ([`cli`]). Tests build
//! registries with [`demo`] and [`testing`]; every other module is private.

mod action_log;
mod auth;
mod avatar;
mod blobs;
mod body;
pub mod cli;
mod clock;
mod config;
mod cors;
mod crypto;
mod dates;
pub mod demo;
mod error;
mod error_pages;
mod fault;
mod limits;
mod login;
mod middleware;
mod outbox;
mod pagination;
mod prng;
mod python;
mod registry_size_worker;
mod request_log;
mod responses;
mod routes;
mod schema;
mod scopes;
mod seed;
mod server;
mod service_keys;
mod state;
mod storage;
mod user_agents;
mod views;
mod web_session;

pub use clock::Clock;
pub use config::{Config, ConfigError, CorsOrigin};
pub use fault::{FaultBody, FaultConfig, FaultControl};
pub use registry_size_worker::RegistrySizeWorkerOptions;
pub use server::{
    load_config, start, start_blocking, BlockingEmulator, EmulatorOptions, RunningEmulator,
    StartError,
};

/// What the emulator's tests, the browser tests and their examples build registries with and
/// look inside through, each under the name of the module it comes from. Not for serving.
pub mod testing {
    /// Users, organizations, tokens, applications, service keys and usage logs written straight
    /// to the database (Quay has no HTTP routes for these).
    pub mod seed {
        pub use crate::seed::{
            approve_service_key, backdate_sign_ins, create_access_token, create_application,
            create_many_users, create_organization, create_service_key, create_user,
            register_pending_service_key, set_email, set_invoice_email, set_user_enabled,
            update_service_key, write_logs, SeedLog,
        };
    }

    /// Repositories and their stored blobs, and the sizes Quay reports.
    pub mod blobs {
        pub use crate::blobs::{
            add_blob, add_blobs, create_repository, delete_repository, digest_of, namespace_size,
            remove_blob, repository_size,
        };
    }

    /// Builds: Quay's builders write them, the emulator runs none. A browser test can create a
    /// running build and watch it grow with [`builds::append_build_logs`] and
    /// [`builds::set_build_phase`].
    pub mod builds {
        pub use crate::storage::{
            append_build_logs, create_build, set_build_phase, set_build_status, NewBuild,
            NewBuildTrigger,
        };
    }

    /// The database as the emulator reads it: usage logs, the e-mail outbox.
    pub mod storage {
        pub use crate::storage::{LogEntryRecord, Storage};
    }

    /// The e-mails the emulator would have sent.
    pub mod outbox {
        pub use crate::outbox::{list, OutboxMessage};
    }

    /// Token and password helpers, to write credentials the way the emulator stores them.
    pub mod crypto {
        pub use crate::crypto::{random_upper_alnum, sha256_hex, verify_password};
    }

    /// Quay's avatar hash, as views show it.
    pub mod avatar {
        pub use crate::avatar::avatar_hash;
    }

    /// Calendar days, as usage logs count them.
    pub mod dates {
        pub use crate::dates::{day_number, format_date_us, ymd, DAY_US};
    }

    /// The API layer, for tests that mount routes of their own on it.
    pub mod api {
        pub use crate::auth::{resolve, RequestAuth, Scopes};
        pub use crate::body::ApiJson;
        pub use crate::middleware::permitted;
        pub use crate::routes::{
            api_routes, endpoint, route_table, router, Access, ApiRoute, EndpointInfo, RouteInfo,
        };
        pub use crate::state::AppState;
    }
}

/// An I/O error's message without Rust's ` (os error N)` suffix.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}
