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

/// The router base ("" or e.g. "/admin"), provided by the app for links.
#[derive(Clone, Debug)]
pub struct RouterBase(pub String);

/// `base` (a URL or path, with or without its final `/`) + an app path (starts with `/`).
pub fn join_base(base: &str, app_path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), app_path)
}

/// `path` (an app path such as `/users`) as a link under the router base the app provided. The
/// router prefixes its base when navigating, but `<A href>` takes absolute paths as they are.
pub fn app_href(path: &str) -> String {
    let base = leptos::prelude::use_context::<RouterBase>()
        .map(|b| b.0)
        .unwrap_or_default();
    join_base(&base, path)
}

/// Where "go to the overview" leads: the folder the dashboard is served from, always with its
/// final `/`. The router would resolve `/` to its base without it (`/admin`), an address the
/// registry's web server does not route to the dashboard.
pub fn overview_url() -> String {
    crate::browser::mount_url()
        .map(|u| u.href())
        .unwrap_or_else(|| "./".to_string())
}

/// The router base from the path of the folder the dashboard is served from: `/` → "",
/// `/admin/` → "/admin" (see `browser::mount_url`).
pub fn router_base(base_path: &str) -> String {
    base_path.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_base() {
        assert_eq!(join_base("", "/users"), "/users");
        assert_eq!(join_base("/admin", "/users"), "/admin/users");
        assert_eq!(join_base("/admin", "/"), "/admin/");
    }

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
