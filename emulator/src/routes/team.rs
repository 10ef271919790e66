//! A team's members (`endpoints/api/team.py`: `TeamMemberList`, `TeamMember`): listing them and
//! adding (or, with mailing on, inviting) a user, with Quay's checks in Quay's order. The data
//! layer's refusals (`UserAlreadyInTeam`, `InvalidTeamMemberException`) are `DataModelException`s,
//! which Quay's `handle_dme` answers with 400 `{"message": …}`.

use axum::extract::{Path, Query, State};
use axum::http::Method;
use axum::Json;
use serde_json::{json, Value};

use crate::action_log::log_action;
use crate::auth::{effective_role, RequestAuth, Scopes};
use crate::avatar::{avatar, AvatarKind};
use crate::error::ApiError;
use crate::outbox::{send_team_invite_email, TeamInviteMail};
use crate::routes::{endpoint, Access, ApiRoute};
use crate::state::AppState;
use crate::storage::{Storage, TeamRecord, UserRecord};

pub fn routes() -> Vec<ApiRoute> {
    vec![
        ApiRoute::new(
            "/api/v1/organization/{orgname}/team/{teamname}/members",
            "team",
            "endpoints.api.team.TeamMemberList",
        )
        .param("orgname", "The name of the organization")
        .param("teamname", "The name of the team")
        // Quay's `require_scope(ORG_ADMIN)` only declares the scope: the handlers decide, and a
        // global read-only superuser (or a superuser with full access) lists whatever its token.
        .op(
            endpoint(Method::GET, "getOrganizationTeamMembers", list_members)
                .access(Access::Handler {
                    scope: Scopes::ORG_ADMIN,
                })
                .query(
                    "includePending",
                    "boolean",
                    "Whether to include pending members",
                )
                .describe("Retrieve the list of members for the specified team."),
        ),
        ApiRoute::new(
            "/api/v1/organization/{orgname}/team/{teamname}/members/{membername}",
            "team",
            "endpoints.api.team.TeamMember",
        )
        .param("orgname", "The name of the organization")
        .param("teamname", "The name of the team")
        .param("membername", "The username of the team member")
        .op(
            endpoint(Method::PUT, "updateOrganizationTeamMember", add_member)
                .access(Access::Handler {
                    scope: Scopes::ORG_ADMIN,
                })
                .describe("Adds or invites a member to an existing team."),
        ),
    ]
}

/// Quay's `member_view`.
fn member_view(user: &UserRecord, invited: bool) -> Value {
    let kind = if user.robot {
        AvatarKind::Robot
    } else {
        AvatarKind::User
    };
    json!({
        "name": user.username,
        "kind": "user",
        "is_robot": user.robot,
        "avatar": avatar(&user.username, Some(&user.email), kind),
        "invited": invited,
    })
}

/// What the caller may do in the organization: (administer it, view this team).
struct Rights {
    admin: bool,
    view_team: bool,
}

/// `AdministerOrganizationPermission` and `ViewTeamPermission` for the caller, with its team
/// roles capped by the token's scopes as Quay's permissions are (`user:read` alone grants
/// neither), plus the superuser overrides Quay allows here whatever the scopes.
fn rights(
    s: &Storage,
    state: &AppState,
    auth: &RequestAuth,
    org: Option<&UserRecord>,
    team: Option<&TeamRecord>,
) -> Result<Rights, ApiError> {
    let (Some(user), Some(org)) = (auth.user(), org) else {
        return Ok(Rights {
            admin: false,
            view_team: false,
        });
    };
    let scopes = auth.scopes();
    let admin =
        effective_role("admin", scopes) == Some("admin") && s.is_org_admin(user.id, org.id)?;
    let on_team = match team {
        Some(t) => effective_role("member", scopes).is_some() && s.is_team_member(t.id, user.id)?,
        None => false,
    };
    let config = state.config();
    let full_access = config.feature_superusers_full_access && auth.is_super_user(config);
    let readonly = config.is_global_readonly_super_user(&user.username);
    Ok(Rights {
        admin: admin || full_access,
        view_team: admin || on_team || full_access || readonly,
    })
}

fn organization_and_team(
    s: &Storage,
    orgname: &str,
    teamname: &str,
) -> Result<(Option<UserRecord>, Option<TeamRecord>), ApiError> {
    let org = s.organization_by_name(orgname)?;
    let team = match &org {
        Some(o) => s.team_of(o.id, teamname)?,
        None => None,
    };
    Ok((org, team))
}

/// `GET .../team/{teamname}/members` (`getOrganizationTeamMembers`).
pub async fn list_members(
    State(state): State<AppState>,
    Path((orgname, teamname)): Path<(String, String)>,
    Query(args): Query<Vec<(String, String)>>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let include_pending =
        crate::python::first_arg(&args, "includePending").is_some_and(crate::python::truthy_bool);
    let st = state.clone();
    state
        .db(move |s| {
            let (org, team) = organization_and_team(s, &orgname, &teamname)?;
            let rights = rights(s, &st, &auth, org.as_ref(), team.as_ref())?;
            if !rights.view_team {
                return Err(ApiError::unauthorized_for(&auth));
            }
            let team = team.ok_or_else(ApiError::not_found)?;
            let mut members: Vec<Value> = s
                .team_members(team.id)?
                .iter()
                .map(|m| member_view(m, false))
                .collect();
            if include_pending && rights.admin {
                for invite in s.team_invites(team.id)? {
                    members.push(match (&invite.user, &invite.email) {
                        (Some(user), _) => member_view(user, true),
                        (None, email) => json!({
                            "email": email,
                            "kind": "invite",
                            "avatar": avatar(email.as_deref().unwrap_or(""), email.as_deref(), AvatarKind::User),
                            "invited": true,
                        }),
                    });
                }
            }
            Ok(Json(json!({
                "name": teamname,
                "members": members,
                "can_edit": rights.admin,
            })))
        })
        .await
}

/// `PUT .../team/{teamname}/members/{membername}` (`updateOrganizationTeamMember`).
pub async fn add_member(
    State(state): State<AppState>,
    Path((orgname, teamname, membername)): Path<(String, String, String)>,
    auth: RequestAuth,
) -> Result<Json<Value>, ApiError> {
    let st = state.clone();
    state
        .db(move |s| {
            let (org, team) = organization_and_team(s, &orgname, &teamname)?;
            if !rights(s, &st, &auth, org.as_ref(), team.as_ref())?.admin {
                return Err(ApiError::unauthorized_for(&auth));
            }
            let (Some(org), Some(team)) = (org, team) else {
                return Err(ApiError::not_found());
            };
            // `model.user.get_user`: users and robots, not organizations.
            let user = s
                .namespace_by_name(&membername)?
                .filter(|u| !u.organization)
                .ok_or_else(|| ApiError::invalid_request("Unknown user"))?;
            let inviter = auth.user().cloned().ok_or_else(ApiError::invalid_token)?;
            let config = st.config();
            // `add_or_invite_to_team`: people outside the organization are invited.
            let mut requires_invite = config.feature_mailing && config.feature_require_team_invite;
            if requires_invite {
                if user.robot {
                    requires_invite = false;
                    if !user.username.starts_with(&format!("{orgname}+")) {
                        return Err(ApiError::model(
                            "Cannot add the specified robot to this team, as it is not a member \
                             of the organization",
                        ));
                    }
                } else {
                    requires_invite = !s.is_org_member(user.id, org.id)?;
                }
            }
            if !requires_invite {
                if !s.add_team_member(team.id, user.id)? {
                    return Err(ApiError::model(format!(
                        "User {} is already a member of team {}",
                        user.username, team.name
                    )));
                }
                log_action(
                    s,
                    "org_add_team_member",
                    Some(org.id),
                    &auth,
                    json!({"member": membername, "team": teamname}),
                )?;
                return Ok(Json(member_view(&user, false)));
            }
            let token = crate::crypto::random_alnum(64);
            s.invite_to_team(team.id, user.id, inviter.id, &token)?;
            send_team_invite_email(
                s,
                config,
                &TeamInviteMail {
                    email: &user.email,
                    organization: &orgname,
                    team: &teamname,
                    inviter: &inviter.username,
                    token: &token,
                },
            )?;
            log_action(
                s,
                "org_invite_team_member",
                Some(org.id),
                &auth,
                json!({"user": membername, "member": membername, "team": teamname}),
            )?;
            Ok(Json(member_view(&user, true)))
        })
        .await
}
