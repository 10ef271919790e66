//! Which loaded rows a list page shows: filter, sort, then the page window. Pure, so the rules
//! ("x–y of z", "more on the server", "covers only the loaded rows") are tested without a DOM.

use std::cmp::Ordering;

use super::query::ListQuery;

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
    /// Filter or sort is active but the server has rows not loaded yet: the result may be
    /// incomplete and the page says so.
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
    let start = ((page - 1) as usize * limit).min(matching);
    let end = (start + limit).min(matching);
    Window {
        rows: order[start..end].to_vec(),
        first: if end > start { start + 1 } else { 0 },
        last: if end > start { end } else { 0 },
        matching,
        page,
        has_next: end < matching || !complete,
        partial: !complete && (query.is_filtered() || query.sort.is_some()),
    }
}

/// How many rows must be loaded from the server to fill `query`'s page in server order.
pub fn rows_needed(query: &ListQuery) -> usize {
    query.page as usize * query.limit as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::query::Sort;

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
