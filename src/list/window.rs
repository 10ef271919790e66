//! Which loaded rows a list page shows: filter, sort, then the page window. Pure, so the rules
//! ("x–y of z", "more on the server", "covers only the loaded rows") are tested without a DOM.

use std::cmp::Ordering;

use super::query::{ListQuery, ALL_ROWS};

/// What a list needs to know about its row type.
pub trait Row {
    /// Stable identity (the username, the organization name).
    fn key(&self) -> &str;
    /// Whether the row matches a lower-cased filter text.
    fn matches(&self, needle: &str) -> bool;
    /// Order by a column id; unknown ids compare equal.
    fn compare(&self, other: &Self, column: &str) -> Ordering;
    /// Whether the row passes the query's kind and quick filters (pages without them: all do).
    fn in_facets(&self, _query: &ListQuery) -> bool {
        true
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// Indices into the loaded rows, in display order, for this page only.
    pub rows: Vec<usize>,
    /// 1-based position of the first and last shown row among the matching rows (0, 0 if none).
    pub first: usize,
    pub last: usize,
    /// Matching rows among those loaded.
    pub matching: usize,
    /// The page actually shown (the requested one, clamped to the last page once all is known).
    pub page: u32,
    /// Whether a next page may exist (more loaded, or more on the server).
    pub has_next: bool,
    /// Filter or sort is active (or every row is asked for in one table) but the server has rows
    /// not loaded yet: the result may be incomplete and the page says so.
    pub partial: bool,
}

/// Case-insensitive containment, the filter box's rule.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    needle.is_empty() || haystack.to_lowercase().contains(needle)
}

/// The filter box's text as rows match it (see [`passes`]).
pub fn needle(query: &ListQuery) -> String {
    query.filter.trim().to_lowercase()
}

/// Whether `row` passes `query`'s filters: the filter box (`needle`, from [`needle`]) and the
/// kind, quick and page facets.
pub fn passes<T: Row>(row: &T, query: &ListQuery, needle: &str) -> bool {
    (needle.is_empty() || row.matches(needle)) && row.in_facets(query)
}

pub fn window<T: Row>(items: &[T], query: &ListQuery, complete: bool) -> Window {
    let needle = needle(query);
    let mut order: Vec<usize> = (0..items.len())
        .filter(|&i| passes(&items[i], query, &needle))
        .collect();
    if let Some(sort) = &query.sort {
        // Stable: equal rows keep the server's order.
        order.sort_by(|&a, &b| {
            let o = items[a].compare(&items[b], &sort.column);
            if sort.descending {
                o.reverse()
            } else {
                o
            }
        });
    }
    let limit = query.limit.max(1) as usize;
    let matching = order.len();
    let pages_loaded = matching.div_ceil(limit).max(1) as u32;
    // Past the end of a fully known list, show the last page rather than nothing.
    let page = if complete {
        query.page.min(pages_loaded)
    } else {
        query.page
    };
    let start = ((page - 1) as usize).saturating_mul(limit).min(matching);
    let end = start.saturating_add(limit).min(matching);
    Window {
        rows: order[start..end].to_vec(),
        first: if end > start { start + 1 } else { 0 },
        last: if end > start { end } else { 0 },
        matching,
        page,
        has_next: end < matching || !complete,
        partial: !complete
            && (query.is_filtered() || query.sort.is_some() || query.limit == ALL_ROWS),
    }
}

/// How many rows must be loaded from the server to fill `query`'s page in server order. The
/// one-table view starts with one full server page; "Load all" (with progress) brings the rest.
pub fn rows_needed(query: &ListQuery) -> usize {
    if query.limit == ALL_ROWS {
        return SERVER_PAGE as usize;
    }
    (query.page as usize).saturating_mul(query.limit as usize)
}

/// Quay's largest page (`limit` above 100 is refused).
pub const SERVER_PAGE: u32 = 100;

/// The server page size for a view: its rows per page, at most Quay's largest page.
pub fn server_limit(query: &ListQuery) -> u32 {
    query.limit.min(SERVER_PAGE)
}

/// Rows drawn around the visible ones, and the step the drawn range moves by: scrolling within a
/// step changes nothing on the page.
const OVERSCAN: usize = 10;
const STEP: usize = 10;

/// Which of `count` rows of `row_height` pixels the one-table view draws when scrolled to
/// `scroll_top` in a viewport `viewport` pixels high: `start..end`, the rest being spacers.
pub fn drawn_rows(count: usize, scroll_top: f64, viewport: f64, row_height: f64) -> (usize, usize) {
    let height = row_height.max(1.0);
    let first = (scroll_top.max(0.0) / height) as usize;
    let shown = (viewport.max(0.0) / height).ceil() as usize + 1;
    let start = (first.saturating_sub(OVERSCAN) / STEP * STEP).min(count);
    let end = (first + shown + OVERSCAN).div_ceil(STEP) * STEP;
    (start, end.min(count).max(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::query::Sort;

    #[test]
    fn drawn_rows_cover_the_viewport_in_steps() {
        // Top of 10,000 rows of 40 px in a 600 px viewport: 16 visible, 10 more below.
        assert_eq!(drawn_rows(10_000, 0.0, 600.0, 40.0), (0, 30));
        // Scrolling a little does not move the drawn range.
        assert_eq!(drawn_rows(10_000, 100.0, 600.0, 40.0), (0, 30));
        // Row 2,000 at the top: ten rows above it, the viewport and ten below, in steps of ten.
        assert_eq!(drawn_rows(10_000, 80_000.0, 600.0, 40.0), (1_990, 2_030));
        // The end, and a list shorter than the viewport.
        assert_eq!(drawn_rows(10_000, 399_400.0, 600.0, 40.0), (9_970, 10_000));
        assert_eq!(drawn_rows(5, 0.0, 600.0, 40.0), (0, 5));
        assert_eq!(drawn_rows(0, 0.0, 600.0, 40.0), (0, 0));
        // Scrolled past the end (rows removed meanwhile): nothing out of range.
        assert_eq!(drawn_rows(3, 9_999.0, 600.0, 40.0), (3, 3));
    }

    #[test]
    fn one_table_starts_with_a_server_page() {
        let q = ListQuery {
            limit: ALL_ROWS,
            ..ListQuery::default()
        };
        assert_eq!(rows_needed(&q), 100);
        assert_eq!(server_limit(&q), 100);
        let items: Vec<Name> = (0..250).map(|i| Name(format!("n{i:03}"))).collect();
        let w = window(&items, &q, false);
        assert_eq!((w.rows.len(), w.first, w.last, w.page), (250, 1, 250, 1));
        assert!(w.partial, "the rest of the list is offered");
        assert!(!window(&items, &q, true).partial);
    }

    struct Name(String);

    impl Row for Name {
        fn key(&self) -> &str {
            &self.0
        }
        fn matches(&self, needle: &str) -> bool {
            contains_folded(&self.0, needle)
        }
        fn compare(&self, other: &Self, column: &str) -> Ordering {
            match column {
                "name" => self.0.cmp(&other.0),
                _ => Ordering::Equal,
            }
        }
    }

    fn names(n: usize) -> Vec<Name> {
        (0..n).map(|i| Name(format!("user{i:03}"))).collect()
    }

    fn query(page: u32, limit: u32) -> ListQuery {
        ListQuery {
            page,
            limit,
            ..ListQuery::default()
        }
    }

    #[test]
    fn pages_in_server_order() {
        let items = names(60);
        let w = window(&items, &query(2, 25), true);
        assert_eq!(w.rows, (25..50).collect::<Vec<_>>());
        assert_eq!((w.first, w.last, w.matching), (26, 50, 60));
        assert!(w.has_next);
        let w = window(&items, &query(3, 25), true);
        assert_eq!((w.first, w.last), (51, 60));
        assert!(!w.has_next);
        assert!(!w.partial);
    }

    #[test]
    fn more_on_server_means_next_exists() {
        let items = names(25);
        let w = window(&items, &query(1, 25), false);
        assert!(w.has_next);
        assert_eq!((w.first, w.last), (1, 25));
    }

    #[test]
    fn clamps_past_the_end_only_when_complete() {
        let items = names(30);
        let w = window(&items, &query(9, 25), true);
        assert_eq!((w.page, w.first, w.last), (2, 26, 30));
        let w = window(&items, &query(9, 25), false);
        assert_eq!((w.page, w.first, w.last), (9, 0, 0));
        assert!(window(&[] as &[Name], &query(1, 25), true).rows.is_empty());
    }

    #[test]
    fn filter_and_sort_over_loaded_rows() {
        let items = names(120);
        let mut q = query(1, 25);
        q.filter = "USER01".into();
        q.sort = Some(Sort {
            column: "name".into(),
            descending: true,
        });
        let w = window(&items, &q, false);
        assert_eq!(w.matching, 10);
        assert_eq!(items[w.rows[0]].0, "user019");
        assert_eq!(items[w.rows[9]].0, "user010");
        assert!(w.partial);
        assert!(!window(&items, &q, true).partial);
    }

    #[test]
    fn stable_sort_keeps_server_order_for_ties() {
        let items = names(5);
        let mut q = query(1, 25);
        q.sort = Some(Sort {
            column: "unknown".into(),
            descending: true,
        });
        assert_eq!(window(&items, &q, true).rows, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn needed_rows() {
        assert_eq!(rows_needed(&query(3, 50)), 150);
    }

    #[test]
    fn folding() {
        assert!(contains_folded("Ärger@Example.com", "ärger"));
        assert!(contains_folded("x", ""));
        assert!(!contains_folded("abc", "d"));
    }
}
