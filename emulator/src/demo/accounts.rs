//! Users, organizations with their teams, robots, OAuth applications, and a few deleted users and
//! organizations (renamed to UUIDs, names reserved), as Quay's data model stores them.

use std::collections::HashSet;

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHasher};
use rusqlite::params;
use serde_json::json;

use super::names::{
    hostile_emails, hostile_org_names, hostile_usernames, very_long_company, EMAIL_DOMAINS,
    FIRST_NAMES, HOSTILE_DISPLAY, LAST_NAMES, ORG_PREFIXES, ORG_SUFFIXES, TEAM_NAMES,
};
use super::{
    client_ip, Event, Org, Robot, SeedError, Tx, User, World, ADMIN_USERNAME, DAY, DEMO_PASSWORD,
    READONLY_SUPER_USERS, SUPER_USERS, TAG_EXPIRATION_S,
};
use crate::prng::SplitMix64;

/// Live users (robots and organizations excluded), named ones included.
const USERS: usize = 2_500;
const ORGS: usize = 300;
const DELETED_USERS: usize = 12;
const DELETED_ORGS: usize = 4;
/// How far back the oldest account goes.
const HISTORY_DAYS: i64 = 3 * 365;

/// Named accounts besides the superusers: (username, enabled).
const NAMED_USERS: &[(&str, bool)] = &[
    ("alice", true),
    ("bob", true),
    ("carol", true),
    ("dave", false),
];

/// One namespace row to create.
struct Pending {
    username: String,
    email: String,
    org: bool,
    enabled: bool,
    verified: bool,
    created: i64,
    /// Deleted later: (original username, original e-mail) go to deleted_namespaces.
    deleted: bool,
    hostile_display: Option<usize>,
}

pub(super) fn seed(tx: &Tx<'_>, world: &mut World) -> Result<(), SeedError> {
    let mut rng = world.rng("accounts");
    let password_hash = demo_password_hash(&mut rng)?;
    let mut taken: HashSet<String> = HashSet::new();
    let now = world.now;
    let mut pending = Vec::new();

    // The admin comes first (id 1: Quay's account for logs without a namespace).
    let named = SUPER_USERS
        .iter()
        .chain(READONLY_SUPER_USERS)
        .map(|n| (*n, true))
        .chain(NAMED_USERS.iter().copied());
    for (i, (name, enabled)) in named.enumerate() {
        taken.insert(name.to_string());
        pending.push(Pending {
            username: name.to_string(),
            email: format!("{name}@example.com"),
            org: false,
            enabled,
            verified: true,
            created: now - HISTORY_DAYS * DAY + i as i64 * 3_600,
            deleted: false,
            hostile_display: None,
        });
    }
    let emails = hostile_emails();
    for (i, name) in hostile_usernames().into_iter().enumerate() {
        taken.insert(name.clone());
        pending.push(Pending {
            email: emails[i % emails.len()].clone(),
            hostile_display: Some(i % HOSTILE_DISPLAY.len()),
            created: account_date(&mut rng, now),
            ..generated_user(&mut rng, name, now)
        });
    }
    let live_users = USERS;
    while pending.len() < live_users {
        let name = user_name(&mut rng);
        if taken.insert(name.clone()) {
            let user = generated_user(&mut rng, name, now);
            pending.push(user);
        }
    }
    let mut deleted_users = 0;
    while deleted_users < DELETED_USERS {
        let name = user_name(&mut rng);
        if taken.insert(name.clone()) {
            deleted_users += 1;
            let mut user = generated_user(&mut rng, name, now);
            user.deleted = true;
            user.enabled = false;
            pending.push(user);
        }
    }
    let mut org_names: Vec<String> = hostile_org_names();
    while org_names.len() < ORGS + DELETED_ORGS {
        let name = org_name(&mut rng);
        if !taken.contains(&name) && !org_names.contains(&name) {
            org_names.push(name);
        }
    }
    for (i, name) in org_names.into_iter().enumerate() {
        taken.insert(name.clone());
        let email = match rng.below(20) {
            0..=12 => format!(
                "{}@{}",
                name.replace(['.', '_'], "-"),
                rng.pick(EMAIL_DOMAINS)
            ),
            13..=17 => rng.uuid(),
            _ => emails[rng.index(emails.len())].clone(),
        };
        pending.push(Pending {
            username: name,
            email,
            org: true,
            enabled: true,
            verified: false,
            created: account_date(&mut rng, now),
            deleted: i >= ORGS,
            hostile_display: None,
        });
    }
    // Creation order is id order, as in Quay; the named accounts stay first.
    let named_count = SUPER_USERS.len() + READONLY_SUPER_USERS.len() + NAMED_USERS.len();
    pending[named_count..].sort_by_key(|p| p.created);

    let mut insert = tx.prepare(
        "INSERT INTO users (uuid, username, email, password_hash, verified, enabled, organization, \
         removed_tag_expiration_s, invoice_email, invoice_email_address, given_name, family_name, \
         company, location, creation_date, last_accessed, invalid_login_attempts, \
         last_invalid_login_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let mut deleted = Vec::new();
    let mut orgs_pending = Vec::new();
    for p in &pending {
        let profile = profile(&mut rng, p);
        let tag_expiration =
            *rng.pick(&[TAG_EXPIRATION_S, TAG_EXPIRATION_S, 0, 604_800, 2_419_200]);
        let last_accessed =
            (!p.org && p.enabled && rng.chance(0.7)).then(|| now - rng.range(60, 90 * DAY));
        let (attempts, last_invalid_ms) = if !p.org && rng.chance(0.03) {
            (
                rng.range(1, 6),
                Some((now - rng.range(60, 30 * DAY)) * 1000),
            )
        } else {
            (0, None)
        };
        let invoice = !p.org && rng.chance(0.02);
        insert.execute(params![
            rng.uuid(),
            p.username,
            p.email,
            (!p.org).then_some(password_hash.as_str()),
            p.verified,
            p.enabled,
            p.org,
            if p.org {
                TAG_EXPIRATION_S
            } else {
                tag_expiration
            },
            invoice,
            invoice.then(|| format!("billing@{}", rng.pick(EMAIL_DOMAINS))),
            profile.0,
            profile.1,
            profile.2,
            profile.3,
            p.created,
            last_accessed,
            attempts,
            last_invalid_ms,
        ])?;
        let id = tx.last_insert_rowid();
        if p.deleted {
            deleted.push((id, p.username.clone(), p.email.clone(), p.org, p.created));
        } else if p.org {
            orgs_pending.push((id, p.username.clone(), p.email.clone(), p.created));
        } else {
            world.users.push(User {
                id,
                username: p.username.clone(),
                email: p.email.clone(),
                enabled: p.enabled,
                created: p.created,
            });
            if !p.enabled {
                world.summary.disabled_users += 1;
            }
        }
    }
    drop(insert);
    world.summary.users = world.users.len();
    world.superusers = SUPER_USERS
        .iter()
        .filter_map(|s| world.users.iter().position(|u| u.username == *s))
        .collect();

    creation_events(world, &mut rng, &orgs_pending);
    organizations(tx, world, &mut rng, orgs_pending)?;
    robots(tx, world, &mut rng)?;
    applications(tx, world, &mut rng)?;
    mark_deleted(tx, world, &mut rng, deleted)?;
    Ok(())
}

/// One Argon2id hash of the demo password, with a salt from the PRNG (so the database is the same
/// on every run), shared by all users: hashing 2,500 passwords would take minutes.
fn demo_password_hash(rng: &mut SplitMix64) -> Result<String, SeedError> {
    let salt =
        SaltString::encode_b64(&rng.bytes::<16>()).map_err(|e| SeedError::Other(e.to_string()))?;
    Argon2::default()
        .hash_password(DEMO_PASSWORD.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| SeedError::Other(e.to_string()))
}

/// A creation date: most accounts are older than the log window, some are recent.
fn account_date(rng: &mut SplitMix64, now: i64) -> i64 {
    if rng.chance(0.12) {
        now - rng.range(3_600, 89 * DAY)
    } else {
        now - rng.range(91 * DAY, HISTORY_DAYS * DAY - DAY)
    }
}

fn generated_user(rng: &mut SplitMix64, username: String, now: i64) -> Pending {
    let email = match rng.below(100) {
        0..=3 => rng.uuid(),
        4..=6 => format!("shared-mailbox@{}", rng.pick(EMAIL_DOMAINS)),
        _ => format!("{}@{}", username.replace('_', "."), rng.pick(EMAIL_DOMAINS)),
    };
    Pending {
        email,
        enabled: !rng.chance(0.05),
        verified: rng.chance(0.93),
        created: account_date(rng, now),
        org: false,
        deleted: false,
        hostile_display: None,
        username,
    }
}

/// `first.last`, `firstlast`, `flast`, `first_last42`, `first-last`, …
fn user_name(rng: &mut SplitMix64) -> String {
    let first = *rng.pick(FIRST_NAMES);
    let last = *rng.pick(LAST_NAMES);
    match rng.below(8) {
        0 | 1 => format!("{first}.{last}"),
        2 => format!("{first}{last}"),
        3 => format!("{}{last}", &first[..1]),
        4 => format!("{first}_{last}{}", rng.below(100)),
        5 => format!("{first}-{last}"),
        6 => format!("{first}{}", rng.range(1, 1000)),
        _ => format!("{last}.{first}{}", rng.below(10)),
    }
}

fn org_name(rng: &mut SplitMix64) -> String {
    let prefix = *rng.pick(ORG_PREFIXES);
    match rng.below(6) {
        0 => prefix.to_string(),
        1 => format!("{prefix}{}", rng.pick(ORG_SUFFIXES)),
        2 => format!("{prefix}_{}", rng.pick(ORG_SUFFIXES)),
        _ => format!("{prefix}-{}", rng.pick(ORG_SUFFIXES)),
    }
}

type Profile = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Given name, family name, company, location: often empty, sometimes hostile.
fn profile(rng: &mut SplitMix64, p: &Pending) -> Profile {
    if p.org {
        return (None, None, None, None);
    }
    if let Some(i) = p.hostile_display {
        let (g, f, c, l) = HOSTILE_DISPLAY[i];
        let company = if i == 0 {
            very_long_company()
        } else {
            c.to_string()
        };
        return (
            Some(g.to_string()),
            Some(f.to_string()),
            Some(company),
            Some(l.to_string()),
        );
    }
    if !rng.chance(0.3) {
        return (None, None, None, None);
    }
    let capital = |s: &str| -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let prefix = *rng.pick(ORG_PREFIXES);
    let company = rng.chance(0.4).then(|| format!("{} Inc.", capital(prefix)));
    let location = rng.chance(0.4).then(|| {
        rng.pick(&[
            "Berlin",
            "Boston",
            "Brno",
            "Raleigh",
            "Tokyo",
            "S\u{e3}o Paulo",
            "Bengaluru",
            "Z\u{fc}rich",
            "Tel Aviv",
            "Remote",
        ])
        .to_string()
    });
    let (first, last) = (*rng.pick(FIRST_NAMES), *rng.pick(LAST_NAMES));
    (Some(capital(first)), Some(capital(last)), company, location)
}

/// `user_create` (by a superuser) for recent users and `org_create` for recent organizations.
fn creation_events(world: &mut World, rng: &mut SplitMix64, orgs: &[(i64, String, String, i64)]) {
    let superusers = world.superusers.clone();
    let users = world.users.clone();
    let (start, now) = (world.log_start(), world.now);
    for user in users
        .iter()
        .filter(|u| u.created >= start && u.created < now)
    {
        if rng.chance(0.5) && !superusers.is_empty() {
            let su = &users[superusers[rng.index(superusers.len())]];
            world.event(Event {
                datetime_us: user.created * 1_000_000 + rng.range(0, 1_000_000),
                kind: "user_create",
                account_id: Some(user.id),
                performer_id: Some(su.id),
                repository_id: None,
                ip: Some(client_ip(rng)),
                metadata: json!({"email": user.email, "username": user.username, "superuser": su.username}),
            });
        }
    }
    // Disabling happened at some point; those inside the window are logged.
    for user in users.iter().filter(|u| !u.enabled) {
        let at = rng.range(user.created.max(world.log_start() - 30 * DAY), world.now);
        if world.in_log_window(at) {
            let su = &users[superusers[rng.index(superusers.len())]];
            world.event(Event {
                datetime_us: at * 1_000_000 + rng.range(0, 1_000_000),
                kind: "user_disable",
                account_id: Some(user.id),
                performer_id: Some(su.id),
                repository_id: None,
                ip: Some(client_ip(rng)),
                metadata: json!({"username": user.username, "superuser": su.username}),
            });
        }
    }
    for (id, name, email, created) in orgs {
        if world.in_log_window(*created) {
            // The creator is chosen in `organizations`; the event's performer is fixed up there.
            world.event(Event {
                datetime_us: created * 1_000_000 + rng.range(0, 1_000_000),
                kind: "org_create",
                account_id: Some(*id),
                performer_id: None,
                repository_id: None,
                ip: Some(client_ip(rng)),
                metadata: json!({"email": email, "namespace": name}),
            });
        }
    }
}

/// Owners team (1–3 admins; the first is the creator) and 0–4 more teams per organization.
fn organizations(
    tx: &Tx<'_>,
    world: &mut World,
    rng: &mut SplitMix64,
    orgs: Vec<(i64, String, String, i64)>,
) -> Result<(), SeedError> {
    let mut team = tx.prepare(
        "INSERT INTO teams (organization_id, name, role, description) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut member =
        tx.prepare("INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?1, ?2)")?;
    let admin_index = world
        .users
        .iter()
        .position(|u| u.username == ADMIN_USERNAME)
        .unwrap_or(0);
    // Users created before a given time: users are sorted by creation except the named ones,
    // which are the oldest anyway.
    let enabled: Vec<usize> = (0..world.users.len())
        .filter(|&i| world.users[i].enabled)
        .collect();
    for (n, (id, name, _email, created)) in orgs.into_iter().enumerate() {
        let older: Vec<usize> = enabled
            .iter()
            .copied()
            .filter(|&i| world.users[i].created < created)
            .collect();
        let mut admins = Vec::new();
        // The demo admin owns every tenth organization, so its own view has some.
        if n % 10 == 0 {
            admins.push(admin_index);
        }
        let wanted = 1 + rng.below(3) as usize;
        while admins.len() < wanted && !older.is_empty() {
            let candidate = older[rng.index(older.len())];
            if !admins.contains(&candidate) {
                admins.push(candidate);
            }
        }
        if admins.is_empty() {
            admins.push(admin_index);
        }
        team.execute(params![id, "owners", "admin", ""])?;
        let owners = tx.last_insert_rowid();
        for &a in &admins {
            member.execute(params![owners, world.users[a].id])?;
        }
        let mut members = admins.clone();
        let mut teams = vec!["owners".to_string()];
        let extra = rng.weighted(&[3, 4, 3, 2, 1]);
        let mut choices: Vec<usize> = (0..TEAM_NAMES.len()).collect();
        rng.shuffle(&mut choices);
        for &t in choices.iter().take(extra) {
            let (team_name, role) = TEAM_NAMES[t];
            let description = match rng.below(4) {
                0 => String::new(),
                1 => format!("The {team_name} of {name}"),
                2 => "<em>markdown</em> **description** with a [link](javascript:alert(1))".into(),
                _ => format!("{team_name} \u{2014} on call rotation \u{1f4df}"),
            };
            team.execute(params![id, team_name, role, description])?;
            let team_id = tx.last_insert_rowid();
            let size = rng.range(1, 30) as usize;
            for _ in 0..size {
                if older.is_empty() {
                    break;
                }
                let m = older[rng.index(older.len())];
                member.execute(params![team_id, world.users[m].id])?;
                if !members.contains(&m) {
                    members.push(m);
                }
            }
            teams.push(team_name.to_string());
        }
        world.summary.teams += teams.len();
        let creator = world.users[admins[0]].id;
        for event in world.events.iter_mut() {
            if event.kind == "org_create" && event.account_id == Some(id) {
                event.performer_id = Some(creator);
            }
        }
        if world.in_log_window(created) {
            for t in teams.iter().skip(1) {
                world.event(Event {
                    datetime_us: (created + rng.range(60, 3_600)) * 1_000_000,
                    kind: "org_create_team",
                    account_id: Some(id),
                    performer_id: Some(creator),
                    repository_id: None,
                    ip: Some(client_ip(rng)),
                    metadata: json!({"team": t}),
                });
            }
        }
        world.orgs.push(Org {
            id,
            name,
            created,
            admins,
            members,
            teams,
            robots: Vec::new(),
        });
    }
    world.summary.organizations = world.orgs.len();
    Ok(())
}

/// Robot accounts (`namespace+shortname`) for many organizations and a few users.
fn robots(tx: &Tx<'_>, world: &mut World, rng: &mut SplitMix64) -> Result<(), SeedError> {
    let mut insert = tx.prepare(
        "INSERT INTO users (uuid, username, email, verified, robot, removed_tag_expiration_s, \
         creation_date) VALUES (?1, ?2, ?3, 0, 1, ?4, ?5)",
    )?;
    const SHORT: &[&str] = &["deployer", "ci", "builder", "puller", "mirror", "scanner"];
    for o in 0..world.orgs.len() {
        if !rng.chance(0.6) {
            continue;
        }
        let count = 1 + rng.below(3) as usize;
        let mut shorts: Vec<&str> = SHORT.to_vec();
        rng.shuffle(&mut shorts);
        for short in shorts.into_iter().take(count) {
            let username = format!("{}+{short}", world.orgs[o].name);
            if username.len() > 255 {
                continue;
            }
            let created = rng.range(world.orgs[o].created, world.now);
            insert.execute(params![
                rng.uuid(),
                username,
                rng.uuid(),
                TAG_EXPIRATION_S,
                created
            ])?;
            world.robots.push(Robot {
                id: tx.last_insert_rowid(),
                username,
            });
            let index = world.robots.len() - 1;
            world.orgs[o].robots.push(index);
        }
    }
    for u in 0..world.users.len() {
        if rng.chance(0.03) && world.users[u].username.len() < 240 {
            let username = format!("{}+laptop", world.users[u].username);
            let created = rng.range(world.users[u].created, world.now);
            insert.execute(params![
                rng.uuid(),
                username,
                rng.uuid(),
                TAG_EXPIRATION_S,
                created
            ])?;
            world.robots.push(Robot {
                id: tx.last_insert_rowid(),
                username,
            });
        }
    }
    world.summary.robots = world.robots.len();
    Ok(())
}

/// OAuth applications of some organizations.
fn applications(tx: &Tx<'_>, world: &mut World, rng: &mut SplitMix64) -> Result<(), SeedError> {
    let mut insert = tx.prepare(
        "INSERT INTO oauth_applications (client_id, client_secret, redirect_uri, application_uri, \
         organization_id, name, description, avatar_email) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    const NAMES: &[&str] = &[
        "Dashboard",
        "CI pipeline",
        "Grafana",
        "<img src=x onerror=alert('app')>",
        "Deploy bot \u{1f916}",
        "Backstage",
    ];
    for o in 0..world.orgs.len() {
        if !rng.chance(0.12) {
            continue;
        }
        let org = world.orgs[o].clone();
        for _ in 0..1 + rng.below(2) {
            let name = *rng.pick(NAMES);
            let client_id = upper_alnum(rng, 20);
            insert.execute(params![
                client_id,
                upper_alnum(rng, 40),
                format!(
                    "https://{}.apps.example.com/oauth/callback",
                    org.name.replace(['.', '_'], "-")
                ),
                "https://apps.example.com/",
                org.id,
                name,
                "Created by the demo seed",
                rng.chance(0.3).then(|| "apps@example.com".to_string()),
            ])?;
            world.summary.applications += 1;
            let at = rng.range(org.created, world.now);
            let performer = world.users[org.admins[0]].id;
            world.event(Event {
                datetime_us: at * 1_000_000 + rng.range(0, 1_000_000),
                kind: "create_application",
                account_id: Some(org.id),
                performer_id: Some(performer),
                repository_id: None,
                ip: Some(client_ip(rng)),
                metadata: json!({
                    "name": name,
                    "redirect_uri": format!("https://{}.apps.example.com/oauth/callback", org.name.replace(['.', '_'], "-")),
                    "application_uri": "https://apps.example.com/",
                    "description": "Created by the demo seed",
                    "application_name": name,
                    "client_id": client_id,
                }),
            });
        }
    }
    Ok(())
}

fn upper_alnum(rng: &mut SplitMix64, n: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..n).map(|_| char::from(*rng.pick(CHARS))).collect()
}

/// Deleted users and organizations: renamed to a UUID with a UUID e-mail, disabled, original name
/// reserved, and the `user_delete` / `org_delete` entry written before the rename.
fn mark_deleted(
    tx: &Tx<'_>,
    world: &mut World,
    rng: &mut SplitMix64,
    deleted: Vec<(i64, String, String, bool, i64)>,
) -> Result<(), SeedError> {
    let mut mark = tx.prepare(
        "INSERT INTO deleted_namespaces (namespace_id, marked, original_username, original_email) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut rename =
        tx.prepare("UPDATE users SET enabled = 0, username = ?2, email = ?3 WHERE id = ?1")?;
    let superusers = world.superusers.clone();
    for (id, username, email, org, created) in deleted {
        // Deleted within the log window, so the entries show the UUID namespace name.
        let at = rng.range(created.max(world.log_start()), world.now);
        mark.execute(params![id, at, username, email])?;
        rename.execute(params![id, rng.uuid(), rng.uuid()])?;
        let su_id = world.users[superusers[rng.index(superusers.len())]].id;
        world.event(Event {
            datetime_us: at * 1_000_000,
            kind: if org { "org_delete" } else { "user_delete" },
            account_id: Some(id),
            performer_id: Some(su_id),
            repository_id: None,
            ip: Some(client_ip(rng)),
            metadata: if org {
                json!({"namespace": username})
            } else {
                json!({"username": username})
            },
        });
        if org {
            world.summary.deleted_organizations += 1;
        } else {
            world.summary.deleted_users += 1;
        }
    }
    Ok(())
}
