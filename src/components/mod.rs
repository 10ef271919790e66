//! Reusable pieces shared by the pages.

pub mod avatar;
pub mod cells;
pub mod confirm;
pub mod copy_button;
pub mod delete_dialog;
pub mod dialog;
pub mod draft;
pub mod error_view;
pub mod form_field;
pub mod key_value_editor;
pub mod language;
pub mod page_load_error;
pub mod quota_cell;
pub mod quota_editor;
pub mod register_console;
pub mod row_menu;
pub mod secret_once;
pub mod shell;
pub mod theme;
pub mod toast;
pub mod write;
