//! The route table: every admin area's path and title, used by the router and the navigation.

use crate::i18n::Key;

pub struct Area {
    pub path: &'static str,
    pub title: Key,
}

pub const SETUP_PATH: &str = "/setup";

/// The navigation, in order. The first entry is the overview at `/`.
pub const NAV_AREAS: &[Area] = &[
    Area {
        path: "/",
        title: Key::NavOverview,
    },
    Area {
        path: "/users",
        title: Key::NavUsers,
    },
    Area {
        path: "/organizations",
        title: Key::NavOrganizations,
    },
    Area {
        path: "/quotas",
        title: Key::NavQuotas,
    },
    Area {
        path: "/service-keys",
        title: Key::NavServiceKeys,
    },
    Area {
        path: "/logs",
        title: Key::NavLogs,
    },
    Area {
        path: "/registry-size",
        title: Key::NavRegistrySize,
    },
    Area {
        path: "/builds",
        title: Key::NavBuilds,
    },
];

/// The router base from the document's base URL path: `/` → "", `/admin/` → "/admin".
/// Deployers set `<base href>` in index.html to host the dashboard under a path.
pub fn router_base(base_path: &str) -> String {
    base_path.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base("/admin/"), "/admin");
        assert_eq!(router_base("/a/b"), "/a/b");
    }

    #[test]
    fn nav_paths_are_unique_and_absolute() {
        let mut seen = std::collections::HashSet::new();
        for a in NAV_AREAS {
            assert!(a.path.starts_with('/'));
            assert!(seen.insert(a.path), "{}", a.path);
        }
    }
}
