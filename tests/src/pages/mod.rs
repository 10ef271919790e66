//! Page objects: each page of the console, and the pieces every page shares, as a small struct
//! borrowing the test's [`Ctx`](crate::Ctx). Each holds its controls' selectors (`data-testid`s,
//! ids, roles) in one place and the actions a test performs with them, so a test reads
//! `ctx.users().row("alice").manage()` rather than CSS, and a renamed control is one edit here.
//!
//! Reached from the context: the shared pieces [`ctx.shell()`](shell), [`ctx.list()`](list),
//! [`ctx.errors()`](errors) and the dialogs a page hands out ([`dialog`]); the pages
//! [`ctx.sign_in_page()`](sign_in), [`ctx.setup()`](setup), [`ctx.overview()`](overview),
//! [`ctx.users()`](users), [`ctx.organizations()`](organizations), [`ctx.quotas()`](quotas) (and
//! the quota editor the lists share), [`ctx.service_keys()`](service_keys) (and the private key
//! shown once after creating one, [`ctx.new_key()`](new_key)), [`ctx.logs()`](logs),
//! [`ctx.registry_size()`](registry_size) and [`ctx.builds()`](builds). Selectors a test still
//! needs as such (to tab to a control, or to know that a page has loaded) are public constants.

pub mod builds;
pub mod dialog;
pub mod errors;
pub mod list;
pub mod logs;
pub mod new_key;
pub mod organizations;
pub mod overview;
pub mod quotas;
pub mod read_only;
pub mod registry_size;
pub mod service_keys;
pub mod setup;
pub mod shell;
pub mod sign_in;
pub mod users;
