//! Reusable pieces shared by the pages.

pub mod avatar;
pub mod cells;
pub mod confirm;
pub mod copy_button;
pub mod data_table;
pub mod delete_dialog;
pub mod dialog;
pub mod draft;
pub mod error_view;
pub mod facet_select;
pub mod form_field;
pub mod key_value_editor;
pub mod language;
pub mod list_view;
pub mod page_load_error;
pub mod paged_list;
pub mod quota_cell;
pub mod quota_editor;
pub mod register_console;
pub mod secret_once;
pub mod shell;
pub mod theme;
pub mod toast;
