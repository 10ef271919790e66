//! 90 days of usage logs (Quay's LogEntry3): the entries the other parts recorded (accounts,
//! repositories, keys, builds created inside the window) plus registry traffic — pulls, pushes,
//! tag changes, sign-ins, team and permission changes — with the metadata keys Quay's code writes
//! for each kind (`util/audit.py` `track_and_log` for registry operations, `log_action` calls in
//! `endpoints/api/*` otherwise). Busier on weekdays and working hours; written oldest first, so
//! ids follow time as in Quay.

use std::collections::HashMap;

use rusqlite::params;
use serde_json::{json, Map, Value};

use super::{client_ip, digest, Event, Owner, SeedError, Tx, World, DAY};
use crate::prng::SplitMix64;

/// Total entries written (recorded events included).
const ENTRIES: usize = 210_000;
/// Users who cause most of the traffic.
const ACTIVE_USERS: usize = 600;

const USER_AGENTS: &[&str] = &[
    "docker/24.0.7 go/go1.20.10 git-commit/311b9ff kernel/5.15.0-91-generic os/linux arch/amd64 UpstreamClient(Docker-Client/24.0.7 \\(linux\\))",
    "docker/26.1.4 go/go1.21.11 git-commit/de5c9cf kernel/6.8.0-35-generic os/linux arch/arm64 UpstreamClient(Docker-Client/26.1.4 \\(linux\\))",
    "containers/5.29.2 (github.com/containers/image)",
    "cri-o/1.28.2 go/go1.20.10 os/linux arch/amd64",
    "containerd/v1.7.11",
    "skopeo/1.14.2",
    "Go-http-client/1.1",
    "<script>alert('user-agent')</script>",
];

const BROWSER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
];

const MEDIA_TYPES: &[&str] = &[
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
];

const TAGS: &[&str] = &[
    "latest",
    "main",
    "v1.0.0",
    "v1.2.3",
    "v2.0.0-rc.1",
    "stable",
    "dev",
    "1.25",
    "3.12-slim",
    "2024.06.01",
    "sha-4f2a9c1",
    "nightly",
];

/// Traffic kinds and their relative weights.
const KINDS: &[(&str, u32)] = &[
    ("pull_repo", 560),
    ("push_repo", 110),
    ("login_success", 80),
    ("create_tag", 28),
    ("move_tag", 14),
    ("delete_tag", 24),
    ("login_failure", 22),
    ("logout_success", 14),
    ("change_tag_expiration", 8),
    ("set_repo_description", 4),
    ("change_repo_visibility", 3),
    ("change_repo_permission", 5),
    ("org_add_team_member", 4),
    ("org_remove_team_member", 2),
    ("create_robot", 2),
    ("create_app_specific_token", 2),
    ("delete_repo", 1),
];

pub(super) fn seed(tx: &Tx<'_>, world: &mut World) -> Result<(), SeedError> {
    let mut rng = world.rng("logs");
    let kind_ids: HashMap<String, i64> = {
        let mut stmt = tx.prepare("SELECT name, id FROM log_entry_kinds")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut events = std::mem::take(&mut world.events);
    events.sort_by_key(|e| e.datetime_us);
    let mut times: Vec<i64> = (0..ENTRIES.saturating_sub(events.len()))
        .map(|_| traffic_time(&mut rng, world))
        .collect();
    times.sort_unstable();

    let traffic = Traffic::new(world, &mut rng);
    // Building the secondary indexes once at the end is several times faster than keeping them
    // up to date row by row; they are recreated from their own definitions.
    let indexes: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log_entries' \
             AND sql IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }

    let mut insert = tx.prepare(
        "INSERT INTO log_entries (kind_id, account_id, performer_id, ip, metadata, datetime_us, \
         repository_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut write = |e: &Event| -> Result<(), SeedError> {
        let kind = kind_ids
            .get(e.kind)
            .ok_or_else(|| SeedError::Other(format!("unknown log kind {}", e.kind)))?;
        insert.execute(params![
            kind,
            e.account_id,
            e.performer_id,
            e.ip,
            e.metadata.to_string(),
            e.datetime_us,
            e.repository_id
        ])?;
        Ok(())
    };
    let mut fixed = events.iter().peekable();
    for t in times {
        while let Some(e) = fixed.next_if(|e| e.datetime_us <= t) {
            write(e)?;
        }
        write(&traffic.entry(&mut rng, world, t))?;
    }
    for e in fixed {
        write(e)?;
    }
    drop(insert);
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    world.summary.log_entries = ENTRIES.max(events.len());
    Ok(())
}

/// A time in the window, weighted: weekdays over weekends, working hours over nights, and a
/// slowly growing registry.
fn traffic_time(rng: &mut SplitMix64, world: &World) -> i64 {
    let start_us = world.log_start() * 1_000_000;
    let span_us = (world.now - world.log_start()) * 1_000_000;
    loop {
        let offset = rng.below(span_us as u64) as i64;
        let t = start_us + offset;
        let secs = t / 1_000_000;
        // 1970-01-01 was a Thursday: day 0 → weekday 3 (Monday = 0).
        let weekday = (secs.div_euclid(DAY) + 3) % 7;
        let hour = secs.rem_euclid(DAY) / 3_600;
        let day_weight = if weekday >= 5 { 0.4 } else { 1.0 };
        let hour_weight = match hour {
            7..=17 => 1.0,
            5 | 6 | 18..=21 => 0.55,
            _ => 0.2,
        };
        let growth = 0.8 + 0.4 * offset as f64 / span_us as f64;
        if rng.unit() * 1.2 < day_weight * hour_weight * growth {
            return t;
        }
    }
}

/// Who and what the traffic is about.
struct Traffic {
    /// Repository indexes by popularity (most popular first).
    popular: Vec<usize>,
    /// Indexes into `World::users` of the active (enabled) users.
    active: Vec<usize>,
    kind_weights: Vec<u32>,
}

impl Traffic {
    fn new(world: &World, rng: &mut SplitMix64) -> Traffic {
        let mut popular: Vec<usize> = (0..world.repos.len()).collect();
        rng.shuffle(&mut popular);
        let mut active: Vec<usize> = (0..world.users.len())
            .filter(|&u| world.users[u].enabled)
            .collect();
        rng.shuffle(&mut active);
        active.truncate(ACTIVE_USERS);
        // The demo's own accounts are busy.
        for (i, user) in world.users.iter().enumerate().take(8) {
            if user.enabled && !active.contains(&i) {
                active.push(i);
            }
        }
        Traffic {
            popular,
            active,
            kind_weights: KINDS.iter().map(|k| k.1).collect(),
        }
    }

    fn user(&self, rng: &mut SplitMix64, world: &World) -> usize {
        if rng.chance(0.85) || world.users.is_empty() {
            self.active[rng.index(self.active.len())]
        } else {
            rng.index(world.users.len())
        }
    }

    /// A repository that existed at `t_us`, popular ones far more often.
    fn repo(&self, rng: &mut SplitMix64, world: &World, t_us: i64) -> Option<usize> {
        for _ in 0..8 {
            let rank = (self.popular.len() as f64 * rng.unit().powf(2.5)) as usize;
            let r = self.popular[rank.min(self.popular.len() - 1)];
            if world.repos[r].created * 1_000_000 <= t_us {
                return Some(r);
            }
        }
        None
    }

    /// A user or robot acting on repository `r`: (performer id, username, is robot).
    fn actor(&self, rng: &mut SplitMix64, world: &World, r: usize) -> (i64, String, bool) {
        match world.repos[r].owner {
            Owner::User(u) => (world.users[u].id, world.users[u].username.clone(), false),
            Owner::Org(o) => {
                let org = &world.orgs[o];
                if !org.robots.is_empty() && rng.chance(0.35) {
                    let robot = &world.robots[org.robots[rng.index(org.robots.len())]];
                    (robot.id, robot.username.clone(), true)
                } else {
                    let u = org.members[rng.index(org.members.len())];
                    (world.users[u].id, world.users[u].username.clone(), false)
                }
            }
        }
    }

    fn entry(&self, rng: &mut SplitMix64, world: &World, t_us: i64) -> Event {
        loop {
            let kind = KINDS[rng.weighted(&self.kind_weights)].0;
            if let Some(event) = self.try_entry(rng, world, t_us, kind) {
                return event;
            }
        }
    }

    fn try_entry(
        &self,
        rng: &mut SplitMix64,
        world: &World,
        t_us: i64,
        kind: &'static str,
    ) -> Option<Event> {
        let ip = client_ip(rng);
        let mut event = Event {
            datetime_us: t_us,
            kind,
            account_id: None,
            performer_id: None,
            repository_id: None,
            ip: Some(ip),
            metadata: Value::Null,
        };
        match kind {
            "login_success" | "logout_success" | "login_failure" | "create_app_specific_token" => {
                let u = &world.users[self.user(rng, world)];
                event.account_id = Some(u.id);
                event.performer_id = Some(u.id);
                event.metadata = match kind {
                    "login_success" if rng.chance(0.4) => {
                        // `docker login` (v2auth): the authenticated user performs it.
                        json!({"kind": "user", "type": "v2auth", "useragent": rng.pick(USER_AGENTS)})
                    }
                    "login_success" => {
                        // A sign-in through the UI: nobody is authenticated yet (no performer).
                        event.performer_id = None;
                        json!({"type": "quayauth", "useragent": rng.pick(BROWSER_AGENTS)})
                    }
                    "logout_success" => json!({}),
                    "create_app_specific_token" => json!({
                        "app_specific_token_title": rng.pick(&["laptop", "CI", "podman on build host", "<b>token</b>"]),
                        "app_specific_token": rng.uuid(),
                    }),
                    _ => {
                        if rng.chance(0.3) {
                            // An unknown name: Quay logs it on the first user, without performer.
                            event.account_id = Some(world.first_user_id());
                            event.performer_id = None;
                            json!({
                                "type": "quayauth", "kind": "user",
                                "useragent": rng.pick(BROWSER_AGENTS),
                                "username": rng.pick(&["root", "administrator", "test", "' OR 1=1 --", "admin@example.com"]),
                                "message": "Invalid Username or Password",
                            })
                        } else {
                            json!({
                                "type": "quayauth", "kind": "user",
                                "useragent": rng.pick(BROWSER_AGENTS),
                                "username": u.username,
                                "message": "Invalid Username or Password",
                            })
                        }
                    }
                };
                return Some(event);
            }
            _ => {}
        }

        let r = self.repo(rng, world, t_us)?;
        let repo = &world.repos[r];
        event.account_id = Some(repo.namespace_id);
        event.repository_id = Some(repo.id);
        let (performer, username, robot) = self.actor(rng, world, r);
        event.performer_id = Some(performer);
        let base = json!({"repo": repo.name, "namespace": repo.namespace});
        let mut meta = match base {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let tag = rng.pick(TAGS).to_string();
        match kind {
            "pull_repo" | "push_repo" => {
                meta.insert("user-agent".into(), json!(rng.pick(USER_AGENTS)));
                if kind == "pull_repo" && rng.chance(0.4) {
                    meta.insert("manifest_digest".into(), json!(digest(rng)));
                } else {
                    meta.insert("tag".into(), json!(tag));
                }
                meta.insert("mediaType".into(), json!(rng.pick(MEDIA_TYPES)));
                if kind == "pull_repo" && repo.public && rng.chance(0.4) {
                    // Anonymous pull of a public repository.
                    event.performer_id = None;
                } else {
                    meta.insert("username".into(), json!(username));
                    if robot {
                        meta.insert("is_robot".into(), json!(true));
                    }
                }
                meta.insert(
                    "resolved_ip".into(),
                    json!({"provider": "internet", "service": null, "sync_token": null,
                           "country_iso_code": null, "aws_region": null, "continent": null}),
                );
            }
            "create_tag" | "move_tag" => {
                meta.insert("username".into(), json!(username));
                meta.insert("tag".into(), json!(tag));
                meta.insert("manifest_digest".into(), json!(digest(rng)));
                let original = (kind == "move_tag").then(|| digest(rng));
                meta.insert("original_manifest_digest".into(), json!(original));
            }
            "delete_tag" => {
                meta.insert("username".into(), json!(username));
                meta.insert("tag".into(), json!(tag));
            }
            "change_tag_expiration" => {
                meta.insert("username".into(), json!(username));
                meta.insert("tag".into(), json!(tag));
                let t = t_us / 1_000_000;
                meta.insert(
                    "expiration_date".into(),
                    json!(rng.chance(0.8).then(|| t + rng.range(DAY, 60 * DAY))),
                );
                meta.insert("old_expiration_date".into(), json!(None::<i64>));
            }
            "set_repo_description" => {
                meta.insert(
                    "description".into(),
                    json!(rng.pick(&[
                        "Production image",
                        "# Title\n\nSee **docs**",
                        "<script>alert('desc')</script>",
                        "",
                    ])),
                );
            }
            "change_repo_visibility" => {
                meta.insert(
                    "visibility".into(),
                    json!(if repo.public { "public" } else { "private" }),
                );
            }
            "change_repo_permission" => {
                let u = &world.users[self.user(rng, world)];
                meta.insert("username".into(), json!(u.username));
                meta.insert("role".into(), json!(rng.pick(&["read", "write", "admin"])));
            }
            "delete_repo" => {
                meta.insert("repo".into(), json!(format!("{}-old", repo.name)));
                event.repository_id = None;
            }
            "org_add_team_member" | "org_remove_team_member" | "create_robot" => {
                let Owner::Org(o) = repo.owner else {
                    return None;
                };
                let org = &world.orgs[o];
                let admin = &world.users[org.admins[rng.index(org.admins.len())]];
                event.performer_id = Some(admin.id);
                event.repository_id = None;
                meta = Map::new();
                if kind == "create_robot" {
                    meta.insert(
                        "robot".into(),
                        json!(rng.pick(&["deployer", "ci", "builder", "puller"])),
                    );
                    meta.insert(
                        "description".into(),
                        json!(rng.pick(&["", "CI robot", "<i>robot</i>"])),
                    );
                    meta.insert("unstructured_metadata".into(), json!({}));
                } else {
                    let member = &world.users[org.members[rng.index(org.members.len())]];
                    meta.insert("member".into(), json!(member.username));
                    meta.insert("team".into(), json!(org.teams[rng.index(org.teams.len())]));
                }
            }
            _ => return None,
        }
        // API calls made with an OAuth token carry the token in the metadata (Quay's `log_action`).
        if !matches!(kind, "pull_repo" | "push_repo") && rng.chance(0.1) {
            meta.insert("oauth_token_id".into(), json!(1 + rng.below(400)));
            meta.insert(
                "oauth_token_application_id".into(),
                json!(format!("CLIENT{}", rng.hex(14).to_uppercase())),
            );
            meta.insert(
                "oauth_token_application".into(),
                json!(rng.pick(&["CI pipeline", "Backstage", "automation"])),
            );
        }
        event.metadata = Value::Object(meta);
        Some(event)
    }
}
