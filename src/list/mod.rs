//! Everything a list page has besides its own rows: the URL-held view state (`query`), loading
//! Quay's pages on demand (`paged`), the visible window (`window`), selection and CSV export
//! (no DOM: plain functions with tests), the controller tying them to the router
//! (`controller`), the lists kept for the session (`cache`), and the views (`view`, `table`,
//! `facet`).

pub mod cache;
pub mod controller;
pub mod csv;
pub mod facet;
pub mod paged;
pub mod query;
pub mod selection;
pub mod table;
pub mod view;
pub mod window;

pub use controller::{no_variants, ListController};
pub use facet::{text_options, Facet, FacetSelect};
pub use table::DataTable;
pub use view::{EmptyBody, ExportButton, ListFooter, ListToolbar, SortHeader};
