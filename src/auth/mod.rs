//! Authentication: the session that holds the bearer token, and the user it belongs to.

pub mod current_user;
pub mod oauth;
pub mod session;

pub use current_user::{use_current_user, CurrentUserResource};
pub use session::{use_session, Session, SignInNotice};
