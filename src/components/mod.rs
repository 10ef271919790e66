//! Reusable pieces shared by the pages.

pub mod avatar;
pub mod draft;
pub mod error_view;
pub mod form_field;
pub mod language;
pub mod shell;
pub mod theme;
pub mod toast;
