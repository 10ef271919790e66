//! The browser end-to-end tests, as one test binary: each module is a page or a concern of the
//! console and keeps its own tests (linking one binary instead of one per module is most of what
//! building the suite costs). Every test gets its own emulator and headless Chromium, and the
//! browsers take turns (see `quay_admin_e2e::browser_test`). One module:
//! `cargo test -p quay-admin-e2e --test browser users::`.

mod accessibility;
mod builds;
mod console_access;
mod fault_matrix;
mod fit;
mod harness;
mod hostile_input;
mod hosting;
mod keyboard;
mod language;
mod list_loading;
mod logs;
mod oauth;
mod one_table;
mod organizations;
mod overview;
mod page_requests;
mod quotas;
mod read_only;
mod service_keys;
mod setup_wizard;
mod sign_in;
mod token_secrecy;
mod users;
