//! A list page's view state as it lives in the URL (`?page=2&limit=50&q=ali&sort=email&dir=desc`),
//! so a link, a reload and the back button all restore exactly the same view.

use crate::format::percent_encode;

/// The page sizes Quay's `limit` accepts that the dashboard offers (Quay's maximum is 100).
pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 25;
/// `?limit=all`: every loaded row in one scrolling table (only the rows in view are in the page).
pub const ALL_ROWS: u32 = u32::MAX;

/// A page-size choice as the URL and the size menu write it (`25`, `50`, `100`, `all`).
pub fn page_size_of(value: &str) -> Option<u32> {
    if value == "all" {
        return Some(ALL_ROWS);
    }
    value.parse().ok().filter(|v| PAGE_SIZES.contains(v))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sort {
    /// A column id the page knows (unknown ids are dropped when parsing).
    pub column: String,
    pub descending: bool,
}

/// URL parameters only one page has, declared by it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageParams {
    /// Pick which server list the page shows (e.g. a time range); they narrow nothing.
    pub scope: &'static [&'static str],
    /// Narrow the loaded rows, as the filter box does.
    pub facets: &'static [&'static str],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// 1-based.
    pub page: u32,
    pub limit: u32,
    /// Free text, matched case-insensitively against the page's text columns.
    pub filter: String,
    /// `None`: the server's order (creation order for Quay's lists).
    pub sort: Option<Sort>,
    /// Whether disabled accounts are listed (Users page only).
    pub show_disabled: bool,
    /// Narrowing by kind of row (`?kind=`, e.g. users or organizations); the page's rows decide
    /// what a value means.
    pub kind: Option<String>,
    /// A quick filter (`?only=`, e.g. "over90"); the page's rows decide what it means.
    pub only: Option<String>,
    /// The page's own parameters and their non-empty values, in declaration order.
    pub params: PageParams,
    pub values: Vec<(&'static str, String)>,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            page: 1,
            limit: DEFAULT_PAGE_SIZE,
            filter: String::new(),
            sort: None,
            show_disabled: true,
            kind: None,
            only: None,
            params: PageParams::default(),
            values: Vec::new(),
        }
    }
}

impl ListQuery {
    /// Reads the state from query parameters. `columns` are the sortable column ids;
    /// `remembered_limit` is the page size chosen last time (used when the URL has none).
    /// Anything malformed falls back to the default instead of failing.
    pub fn parse(
        get: impl Fn(&str) -> Option<String>,
        columns: &[&str],
        remembered_limit: Option<u32>,
    ) -> Self {
        let valid_limit = |v: u32| (PAGE_SIZES.contains(&v) || v == ALL_ROWS).then_some(v);
        let limit = get("limit")
            .and_then(|v| page_size_of(&v))
            .or(remembered_limit.and_then(valid_limit))
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let page = get("page")
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|p| *p >= 1 && limit != ALL_ROWS)
            .unwrap_or(1);
        let sort = get("sort")
            .filter(|c| columns.contains(&c.as_str()))
            .map(|column| Sort {
                column,
                descending: get("dir").as_deref() == Some("desc"),
            });
        Self {
            page,
            limit,
            filter: get("q").unwrap_or_default(),
            sort,
            show_disabled: get("disabled").as_deref() != Some("hide"),
            kind: get("kind").filter(|v| !v.is_empty()),
            only: get("only").filter(|v| !v.is_empty()),
            ..Self::default()
        }
    }

    /// Reads the page's own parameters (empty values are absent).
    pub fn with_params(mut self, get: impl Fn(&str) -> Option<String>, params: PageParams) -> Self {
        self.params = params;
        self.values = params
            .scope
            .iter()
            .chain(params.facets)
            .filter_map(|&name| get(name).filter(|v| !v.is_empty()).map(|v| (name, v)))
            .collect();
        self
    }

    /// The value of one of the page's own parameters.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Sets (or with `None` or "" removes) one of the page's declared parameters.
    pub fn set_param(&mut self, name: &str, value: Option<String>) {
        let declared = self.params.scope.iter().chain(self.params.facets);
        let Some(&name) = declared.into_iter().find(|&&n| n == name) else {
            return;
        };
        let value = value.filter(|v| !v.is_empty());
        match (self.values.iter().position(|(k, _)| *k == name), value) {
            (Some(i), Some(v)) => self.values[i].1 = v,
            (Some(i), None) => {
                self.values.remove(i);
            }
            (None, Some(v)) => self.values.push((name, v)),
            (None, None) => {}
        }
    }

    /// Whether anything narrows the rows (text, kind, quick filter or a page facet).
    pub fn is_filtered(&self) -> bool {
        !self.filter.trim().is_empty()
            || self.kind.is_some()
            || self.only.is_some()
            || self
                .values
                .iter()
                .any(|(k, _)| self.params.facets.contains(k))
    }

    /// The query string (without `?`); defaults are left out so plain URLs stay plain.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        // Always written: the size is also remembered, and a shared link must not depend on
        // the receiver's remembered choice.
        pairs.push((
            "limit",
            if self.limit == ALL_ROWS {
                "all".to_string()
            } else {
                self.limit.to_string()
            },
        ));
        if !self.filter.is_empty() {
            pairs.push(("q", self.filter.clone()));
        }
        if let Some(sort) = &self.sort {
            pairs.push(("sort", sort.column.clone()));
            if sort.descending {
                pairs.push(("dir", "desc".into()));
            }
        }
        if !self.show_disabled {
            pairs.push(("disabled", "hide".into()));
        }
        if let Some(kind) = &self.kind {
            pairs.push(("kind", kind.clone()));
        }
        if let Some(only) = &self.only {
            pairs.push(("only", only.clone()));
        }
        pairs.extend(self.values.iter().cloned());
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Clicking a column header: ascending first, then descending, then back to server order.
    pub fn toggled_sort(&self, column: &str) -> Option<Sort> {
        match &self.sort {
            Some(s) if s.column == column && !s.descending => Some(Sort {
                column: column.to_string(),
                descending: true,
            }),
            Some(s) if s.column == column => None,
            _ => Some(Sort {
                column: column.to_string(),
                descending: false,
            }),
        }
    }

    /// `aria-sort` for a column header.
    pub fn aria_sort(&self, column: &str) -> &'static str {
        match &self.sort {
            Some(s) if s.column == column && s.descending => "descending",
            Some(s) if s.column == column => "ascending",
            _ => "none",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)], remembered: Option<u32>) -> ListQuery {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ListQuery::parse(|k| map.get(k).cloned(), &["username", "email"], remembered)
    }

    #[test]
    fn defaults_and_remembered_size() {
        assert_eq!(parse(&[], None), ListQuery::default());
        assert_eq!(parse(&[], Some(100)).limit, 100);
        assert_eq!(parse(&[("limit", "50")], Some(100)).limit, 50);
        // Quay refuses more than 100; odd sizes are not offered.
        assert_eq!(parse(&[("limit", "500")], None).limit, 25);
        assert_eq!(parse(&[("limit", "30")], Some(7)).limit, 25);
    }

    #[test]
    fn all_rows_in_one_table() {
        let q = parse(&[("limit", "all"), ("page", "3")], None);
        assert_eq!(
            (q.limit, q.page),
            (ALL_ROWS, 1),
            "one page holds everything"
        );
        assert_eq!(q.to_query_string(), "limit=all");
        assert_eq!(parse(&[], Some(ALL_ROWS)).limit, ALL_ROWS);
        assert_eq!(page_size_of("all"), Some(ALL_ROWS));
        assert_eq!(page_size_of("50"), Some(50));
        assert_eq!(page_size_of("51"), None);
    }

    #[test]
    fn malformed_values_fall_back() {
        let q = parse(
            &[("page", "0"), ("sort", "password"), ("dir", "desc")],
            None,
        );
        assert_eq!(q.page, 1);
        assert_eq!(q.sort, None);
        assert_eq!(parse(&[("page", "-3")], None).page, 1);
        assert_eq!(parse(&[("page", "x")], None).page, 1);
    }

    #[test]
    fn round_trip() {
        let q = ListQuery {
            page: 3,
            limit: 50,
            filter: "a b&c=<x>".into(),
            sort: Some(Sort {
                column: "email".into(),
                descending: true,
            }),
            show_disabled: false,
            kind: Some("organization".into()),
            only: Some("over90".into()),
            ..ListQuery::default()
        };
        let qs = q.to_query_string();
        assert_eq!(
            qs,
            "page=3&limit=50&q=a%20b%26c%3D%3Cx%3E&sort=email&dir=desc&disabled=hide&kind=organization&only=over90"
        );
        assert!(q.is_filtered());
        assert!(!ListQuery::default().is_filtered());
        let decoded: Vec<(String, String)> = qs
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_string(), percent_decode(v))
            })
            .collect();
        let map: HashMap<String, String> = decoded.into_iter().collect();
        let back = ListQuery::parse(|k| map.get(k).cloned(), &["email"], None);
        assert_eq!(back, q);
    }

    fn percent_decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn plain_url_for_defaults() {
        assert_eq!(ListQuery::default().to_query_string(), "limit=25");
    }

    #[test]
    fn sort_cycles() {
        let mut q = ListQuery::default();
        q.sort = q.toggled_sort("email");
        assert_eq!(q.aria_sort("email"), "ascending");
        assert_eq!(q.aria_sort("username"), "none");
        q.sort = q.toggled_sort("email");
        assert_eq!(q.aria_sort("email"), "descending");
        q.sort = q.toggled_sort("email");
        assert_eq!(q.sort, None);
        q.sort = q.toggled_sort("email");
        q.sort = q.toggled_sort("username");
        assert_eq!(q.aria_sort("username"), "ascending");
    }

    #[test]
    fn page_params_round_trip_and_facets_filter() {
        const PARAMS: PageParams = PageParams {
            scope: &["range"],
            facets: &["performer"],
        };
        let map: HashMap<String, String> = [("range", "30d"), ("performer", "ali"), ("x", "1")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut q = ListQuery::parse(|k| map.get(k).cloned(), &[], None)
            .with_params(|k| map.get(k).cloned(), PARAMS);
        assert_eq!(q.param("range"), Some("30d"));
        assert_eq!(q.param("x"), None, "undeclared parameters are not kept");
        assert!(q.is_filtered(), "a facet narrows");
        assert_eq!(q.to_query_string(), "limit=25&range=30d&performer=ali");
        q.set_param("performer", Some(String::new()));
        assert!(!q.is_filtered(), "a scope parameter does not narrow");
        q.set_param("range", Some("from to".into()));
        q.set_param("undeclared", Some("1".into()));
        assert_eq!(q.to_query_string(), "limit=25&range=from%20to");
    }
}
