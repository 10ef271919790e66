//! Quay's OAuth scope catalogue (`auth/scopes.py`): what each scope is called, shown and warned
//! about on the consent page and in discovery.

pub struct ScopeInfo {
    pub scope: &'static str,
    pub icon: &'static str,
    pub dangerous: bool,
    pub title: &'static str,
    pub description: &'static str,
}

/// Quay's scope catalogue, in `ALL_SCOPES` order.
pub const SCOPES: [ScopeInfo; 8] = [
    ScopeInfo {
        scope: "repo:read",
        icon: "fa-hdd-o",
        dangerous: false,
        title: "View all visible repositories",
        description: "This application will be able to view and pull all repositories visible \
                      to the granting user",
    },
    ScopeInfo {
        scope: "repo:write",
        icon: "fa-hdd-o",
        dangerous: false,
        title: "Read/Write to any accessible repositories",
        description: "This application will be able to view, push and pull to all repositories \
                      to which the granting user has write access",
    },
    ScopeInfo {
        scope: "repo:admin",
        icon: "fa-hdd-o",
        dangerous: false,
        title: "Administer Repositories",
        description: "This application will have administrator access to all repositories to \
                      which the granting user has access",
    },
    ScopeInfo {
        scope: "repo:create",
        icon: "fa-plus",
        dangerous: false,
        title: "Create Repositories",
        description: "This application will be able to create repositories in all namespaces \
                      that the granting user is allowed to create repositories",
    },
    ScopeInfo {
        scope: "user:read",
        icon: "fa-user",
        dangerous: false,
        title: "Read User Information",
        description: "This application will be able to read user information such as username \
                      and email address.",
    },
    ScopeInfo {
        scope: "org:admin",
        icon: "fa-gear",
        dangerous: true,
        title: "Administer Organization",
        description: "This application will be able to administer your organizations including \
                      creating robots, creating teams, adjusting team membership, and changing \
                      billing settings. You should have absolute trust in the requesting \
                      application before granting this permission.",
    },
    ScopeInfo {
        scope: "super:user",
        icon: "fa-street-view",
        dangerous: true,
        title: "Super User Access",
        description: "This application will be able to administer your installation including \
                      managing users, managing organizations and other features found in the \
                      superuser panel. You should have absolute trust in the requesting \
                      application before granting this permission.",
    },
    ScopeInfo {
        scope: "user:admin",
        icon: "fa-gear",
        dangerous: true,
        title: "Administer User",
        description: "This application will be able to administer your account including \
                      creating robots and granting them permissions to your repositories. You \
                      should have absolute trust in the requesting application before granting \
                      this permission.",
    },
];
