//! The route table: every route's path, used by the router, the navigation and the links, and
//! the navigation's areas with their titles.

use crate::i18n::Key;

/// One of the console's routes: the path segment the router matches and the app path links use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// The segment after the router base, without its `/` (`""` for the overview).
    pub segment: &'static str,
    /// The app path: `/` + the segment.
    pub path: &'static str,
}

macro_rules! routes {
    ($($(#[$doc:meta])* $name:ident = $segment:literal;)*) => {
        $($(#[$doc])* pub const $name: Route = Route {
            segment: $segment,
            path: concat!("/", $segment),
        };)*
        /// Every route, for the checks below.
        #[cfg(test)]
        const ALL: &[Route] = &[$($name),*];
    };
}

routes! {
    OVERVIEW = "";
    /// The first-run wizard of an empty registry.
    SETUP = "setup";
    USERS = "users";
    ORGANIZATIONS = "organizations";
    QUOTAS = "quotas";
    SERVICE_KEYS = "service-keys";
    LOGS = "logs";
    REGISTRY_SIZE = "registry-size";
    BUILDS = "builds";
}

pub struct Area {
    pub route: Route,
    pub title: Key,
}

/// The navigation, in order. The first entry is the overview at `/`.
pub const NAV_AREAS: &[Area] = &[
    Area {
        route: OVERVIEW,
        title: Key::NavOverview,
    },
    Area {
        route: USERS,
        title: Key::NavUsers,
    },
    Area {
        route: ORGANIZATIONS,
        title: Key::NavOrganizations,
    },
    Area {
        route: QUOTAS,
        title: Key::NavQuotas,
    },
    Area {
        route: SERVICE_KEYS,
        title: Key::NavServiceKeys,
    },
    Area {
        route: LOGS,
        title: Key::NavLogs,
    },
    Area {
        route: REGISTRY_SIZE,
        title: Key::NavRegistrySize,
    },
    Area {
        route: BUILDS,
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
    fn paths_are_unique_one_segment_deep() {
        let mut seen = std::collections::HashSet::new();
        for r in ALL {
            assert_eq!(r.path, format!("/{}", r.segment));
            assert!(!r.segment.contains('/'), "{}", r.path);
            assert!(seen.insert(r.path), "{}", r.path);
        }
        // The navigation leads everywhere but the first-run wizard, once each.
        let nav: Vec<_> = NAV_AREAS.iter().map(|a| a.route).collect();
        let expected: Vec<_> = ALL.iter().copied().filter(|r| *r != SETUP).collect();
        assert_eq!(nav, expected);
    }
}
