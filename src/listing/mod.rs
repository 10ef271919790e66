//! List pages' logic that needs no DOM: URL state, the visible window, selection, CSV export.

pub mod csv;
pub mod query;
pub mod selection;
pub mod window;
