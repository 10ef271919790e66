//! The emulator's HTTP tests, one module per suite in one test binary (one link instead of one
//! per suite): `cargo test -p quay-emulator --test http [module::test]`. `common` is what the
//! suites share; JSON wire shapes are reviewed insta snapshots in `snapshots/`.

mod common;

mod access;
mod api_layer;
mod binary;
mod builds;
mod cors;
mod demo;
mod discovery;
mod durability;
mod fault;
mod initialize;
mod limits;
mod logs;
mod oauth;
mod organization;
mod quotas;
mod registry_size;
mod service_keys;
mod session;
mod static_files;
mod superuser_organizations;
mod superuser_users;
mod teams;
mod user;
mod web_config;
