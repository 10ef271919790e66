//! Authentication: the session that holds the bearer token, the user it belongs to, and whether
//! that user may change anything (read-only superusers may not).

pub mod current_user;
pub mod oauth;
pub mod read_only;
pub mod session;

pub use current_user::{use_current_user, CurrentUserResource};
pub use read_only::{use_read_only, ReadOnly, WriteButton};
pub use session::{use_session, Session, SignInNotice};
