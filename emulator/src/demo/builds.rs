//! Build triggers, builds in every phase Quay stores, their queue items and their logs. A build
//! log is the list Quay's builder appends to: a phase entry (`{"message": phase, "type": "phase",
//! "data": {"datetime": …}}`) at each transition, `Step n/m : …` entries of type `command`, plain
//! output lines and, for failures, an `error` entry. One complete build has thousands of lines.
//!
//! Besides the stored phases, the records let the API compute the others: an `internalerror`
//! build without retries left shows as `expired`, a running build with a stale heartbeat as
//! `internalerror`/`expired`, and one whose live status cannot be read as `cannot_load`.

use rusqlite::params;
use serde_json::{json, Value};

use super::{Event, Owner, SeedError, Tx, World, DAY};
use crate::prng::SplitMix64;

/// The phases in the order a successful build passes them.
const PROGRESS: &[&str] = &[
    "waiting",
    "build-scheduled",
    "unpacking",
    "pulling",
    "building",
    "pushing",
    "complete",
];

/// A build to create: its final (stored) phase and what else is special about it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Special {
    None,
    /// Thousands of log lines.
    Huge,
    /// `internalerror` whose queue item still has retries (shows `internalerror`).
    Retrying,
    /// Running, but the live status' heartbeat is 10 minutes old.
    StaleHeartbeat,
    /// Running, but the live status cannot be read.
    StatusUnreadable,
    /// Old and archived: no log lines in the database.
    Archived,
}

fn build_plan() -> Vec<(&'static str, Special)> {
    let mut plan = vec![("complete", Special::Huge)];
    plan.extend(std::iter::repeat_n(("complete", Special::None), 24));
    plan.extend(std::iter::repeat_n(("complete", Special::Archived), 5));
    plan.extend(std::iter::repeat_n(("error", Special::None), 6));
    plan.extend(std::iter::repeat_n(("cancelled", Special::None), 4));
    plan.push(("internalerror", Special::Retrying));
    plan.extend(std::iter::repeat_n(("internalerror", Special::None), 2));
    plan.extend(std::iter::repeat_n(("waiting", Special::None), 3));
    plan.extend(std::iter::repeat_n(("build-scheduled", Special::None), 2));
    plan.push(("unpacking", Special::None));
    plan.extend(std::iter::repeat_n(("pulling", Special::None), 2));
    plan.extend(std::iter::repeat_n(("building", Special::None), 2));
    plan.push(("building", Special::StaleHeartbeat));
    plan.push(("building", Special::StatusUnreadable));
    plan.extend(std::iter::repeat_n(("pushing", Special::None), 2));
    plan
}

struct Trigger {
    id: i64,
    uuid: String,
    service: &'static str,
    connected_user: i64,
    build_source: String,
}

pub(super) fn seed(tx: &Tx<'_>, world: &mut World) -> Result<(), SeedError> {
    let mut rng = world.rng("builds");
    // Repositories of organizations that have blobs, plus two of users.
    let mut org_repos: Vec<usize> = (0..world.repos.len())
        .filter(|&r| {
            matches!(world.repos[r].owner, Owner::Org(_)) && !world.repo_blobs[r].is_empty()
        })
        .collect();
    rng.shuffle(&mut org_repos);
    let mut repos: Vec<usize> = org_repos.into_iter().take(16).collect();
    repos.extend(
        (0..world.repos.len())
            .filter(|&r| matches!(world.repos[r].owner, Owner::User(_)))
            .take(2),
    );
    if repos.is_empty() {
        return Ok(());
    }
    let triggers = triggers(tx, world, &mut rng, &repos)?;

    let mut queue = tx.prepare(
        "INSERT INTO queue_items (queue_name, body, available_after, available, \
         processing_expires, retries_remaining) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO builds (uuid, repository_id, resource_key, job_config, phase, started, \
         display_name, trigger_id, pull_robot_id, logs_archived, queue_id, status, status_error) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut line =
        tx.prepare("INSERT INTO build_log_lines (build_id, idx, entry) VALUES (?1, ?2, ?3)")?;
    let now = world.now;
    let mut plan = build_plan();
    // Oldest first: ids follow start times. Terminal builds are spread over 30 days, running
    // ones started within the last half hour.
    let mut starts: Vec<i64> = plan
        .iter()
        .map(|(phase, special)| match (*phase, special) {
            (_, Special::Archived) => now - rng.range(20 * DAY, 30 * DAY),
            ("complete" | "error" | "cancelled" | "internalerror", _) => {
                now - rng.range(3_600, 20 * DAY)
            }
            _ => now - rng.range(60, 1_800),
        })
        .collect();
    let mut order: Vec<usize> = (0..plan.len()).collect();
    order.sort_by_key(|&i| starts[i]);
    plan = order.iter().map(|&i| plan[i]).collect();
    starts = order.iter().map(|&i| starts[i]).collect();

    for ((phase, special), started) in plan.into_iter().zip(starts) {
        let r = repos[rng.index(repos.len())];
        let repo = world.repos[r].clone();
        let trigger = triggers
            .iter()
            .find(|t| t.0 == r)
            .filter(|_| rng.chance(0.7))
            .map(|t| &t.1);
        let org_robots = match repo.owner {
            Owner::Org(o) => world.orgs[o].robots.clone(),
            Owner::User(_) => Vec::new(),
        };
        let pull_robot = (!org_robots.is_empty() && rng.chance(0.4))
            .then(|| world.robots[org_robots[rng.index(org_robots.len())]].clone());
        let manual_user = match (trigger, repo.owner) {
            (Some(_), _) => None,
            (None, Owner::User(u)) => Some(world.users[u].clone()),
            (None, Owner::Org(o)) => {
                let members = &world.orgs[o].members;
                Some(world.users[members[rng.index(members.len())]].clone())
            }
        };
        let uuid = rng.uuid();
        let commit = rng.hex(40);
        let display_name = commit[..7].to_string();
        let tags: Vec<String> = match rng.below(4) {
            0 => vec!["latest".into()],
            1 => vec![
                "latest".into(),
                format!("v1.{}.{}", rng.below(20), rng.below(10)),
            ],
            2 => vec![format!("{}", &commit[..7])],
            _ => vec!["main".into(), format!("main-{}", &commit[..7])],
        };
        let trigger_metadata = match trigger {
            Some(t) => json!({
                "commit": commit,
                "ref": "refs/heads/main",
                "default_branch": "main",
                "git_url": format!("git@{}:{}.git", host_of(t.service), t.build_source),
                "commit_info": {
                    "url": format!("https://{}/{}/commit/{commit}", host_of(t.service), t.build_source),
                    "message": rng.pick(&[
                        "Fix flaky test", "Bump base image", "Add health endpoint",
                        "Merge pull request #42 from feature/<script>alert(1)</script>",
                        "\u{1f680} release",
                    ]),
                    "date": crate::dates::python_naive_utc(started * 1_000_000),
                    "author": {"username": "dev-bot", "url": format!("https://{}/dev-bot", host_of(t.service))},
                },
            }),
            None => json!({}),
        };
        let subdir = if rng.chance(0.2) {
            "/build/Dockerfile"
        } else {
            "/Dockerfile"
        };
        let job_config = json!({
            "docker_tags": tags,
            "registry": "localhost:8080",
            "build_subdir": subdir,
            "context": if subdir == "/Dockerfile" { "/" } else { "/build" },
            "trigger_metadata": trigger_metadata,
            "is_manual": trigger.is_none(),
            "manual_user": manual_user.as_ref().map(|u| u.username.clone()),
            "archive_url": if trigger.is_none() { Value::Null } else { json!("") },
        });
        let running = !matches!(phase, "complete" | "error" | "cancelled" | "internalerror");
        let queue_id = if running || phase == "internalerror" {
            let retries = match (phase, special) {
                ("internalerror", Special::Retrying) => 2,
                ("internalerror", _) => 0,
                (_, Special::StaleHeartbeat) => 0,
                _ => 3,
            };
            let taken = phase != "waiting";
            queue.execute(params![
                format!("dockerfilebuild/{}/{}/", repo.namespace, repo.name),
                json!({"build_uuid": uuid, "pull_credentials": null}).to_string(),
                started,
                !taken,
                taken.then_some(now + 3_600),
                retries,
            ])?;
            Some(tx.last_insert_rowid().to_string())
        } else {
            None
        };
        let steps = 6 + rng.below(8) as i64;
        let status = match (running, special) {
            (false, _) => None,
            (true, Special::StaleHeartbeat) => Some(json!({
                "total_commands": steps, "current_command": 3, "push_completion": 0.0,
                "pull_completion": 1.0, "heartbeat": now - 600,
            })),
            (true, _) if matches!(phase, "pulling" | "building" | "pushing") => Some(json!({
                "total_commands": steps,
                "current_command": if phase == "pulling" { 0 } else { 1 + rng.below(steps as u64) as i64 },
                "push_completion": if phase == "pushing" { (rng.unit() * 100.0).round() / 100.0 } else { 0.0 },
                "pull_completion": if phase == "pulling" { (rng.unit() * 100.0).round() / 100.0 } else { 1.0 },
            })),
            _ => None,
        };
        let status_error = (special == Special::StatusUnreadable).then_some(
            "Cannot retrieve build status: Error 111 connecting to redis:6379. Connection refused.",
        );
        insert.execute(params![
            uuid,
            repo.id,
            trigger.is_none().then(|| rng.uuid()),
            job_config.to_string(),
            phase,
            started,
            display_name,
            trigger.map(|t| t.id),
            pull_robot.as_ref().map(|p| p.id),
            special == Special::Archived,
            queue_id,
            status.map(|s| s.to_string()),
            status_error,
        ])?;
        let build_id = tx.last_insert_rowid();
        world.summary.builds += 1;

        if special != Special::Archived {
            let base = *rng.pick(&[
                "registry.access.redhat.com/ubi9",
                "docker.io/library/alpine",
                "quay.io/centos/centos",
            ]);
            let entries = log_entries(
                &mut rng,
                phase,
                special,
                started,
                steps,
                base,
                &repo.namespace,
                &repo.name,
                &tags,
            );
            for (idx, entry) in entries.iter().enumerate() {
                line.execute(params![build_id, idx as i64, entry.to_string()])?;
            }
            world.summary.build_log_lines += entries.len();
        }

        // build_dockerfile (and cancel_build) usage-log entries.
        let mut metadata = json!({
            "build_id": uuid,
            "docker_tags": tags,
            "repo": repo.name,
            "namespace": repo.namespace,
            "is_manual": trigger.is_none(),
            "manual_user": manual_user.as_ref().map(|u| u.username.clone()),
        });
        if let (Some(t), Value::Object(m)) = (trigger, &mut metadata) {
            m.insert("trigger_id".into(), json!(t.uuid));
            m.insert("trigger_kind".into(), json!(t.service));
            m.insert(
                "trigger_metadata".into(),
                job_config["trigger_metadata"].clone(),
            );
            m.insert("trigger_manual".into(), json!(false));
        }
        world.event(Event {
            datetime_us: started * 1_000_000 - rng.range(1_000, 900_000),
            kind: "build_dockerfile",
            account_id: Some(repo.namespace_id),
            performer_id: manual_user.as_ref().map(|u| u.id),
            repository_id: Some(repo.id),
            ip: Some(super::client_ip(&mut rng)),
            metadata,
        });
        if phase == "cancelled" {
            let performer = manual_user
                .as_ref()
                .map(|u| u.id)
                .or(trigger.map(|t| t.connected_user));
            world.event(Event {
                datetime_us: (started + rng.range(30, 600)) * 1_000_000,
                kind: "cancel_build",
                account_id: Some(repo.namespace_id),
                performer_id: performer,
                repository_id: Some(repo.id),
                ip: Some(super::client_ip(&mut rng)),
                metadata: json!({"build_uuid": uuid}),
            });
        }
    }
    Ok(())
}

fn host_of(service: &str) -> &'static str {
    match service {
        "github" => "github.com",
        "gitlab" => "gitlab.com",
        "bitbucket" => "bitbucket.org",
        _ => "git.example.com",
    }
}

/// Build triggers on some of the build repositories: (repository index, trigger).
fn triggers(
    tx: &Tx<'_>,
    world: &World,
    rng: &mut SplitMix64,
    repos: &[usize],
) -> Result<Vec<(usize, Trigger)>, SeedError> {
    let mut insert = tx.prepare(
        "INSERT INTO build_triggers (uuid, service, repository_id, connected_user_id, config, \
         pull_robot_id, enabled, disabled_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut out = Vec::new();
    for (i, &r) in repos.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let repo = world.repos[r].clone();
        let Owner::Org(o) = repo.owner else { continue };
        let org = &world.orgs[o];
        let service = ["github", "gitlab", "bitbucket", "custom-git"][i / 2 % 4];
        let build_source = format!("{}/{}", org.name.replace('.', "-"), repo.name);
        let config = match service {
            "custom-git" => json!({
                "build_source": format!("git@git.example.com:{build_source}.git"),
                "dockerfile_path": "/Dockerfile", "context": "/",
            }),
            _ => json!({
                "build_source": build_source, "dockerfile_path": "/Dockerfile", "context": "/",
                "master_branch": "main", "default_branch": "main",
                "deploy_key_id": 10_000 + rng.below(90_000), "hook_id": 100_000 + rng.below(900_000),
            }),
        };
        let robot = org.robots.first().map(|&x| world.robots[x].id);
        let connected = world.users[org.admins[0]].id;
        let enabled = i != 4;
        let uuid = rng.uuid();
        insert.execute(params![
            uuid,
            service,
            repo.id,
            connected,
            config.to_string(),
            robot,
            enabled,
            (!enabled).then_some("user_toggled"),
        ])?;
        out.push((
            r,
            Trigger {
                id: tx.last_insert_rowid(),
                uuid,
                service,
                connected_user: connected,
                build_source,
            },
        ));
    }
    Ok(out)
}

/// The build's log as the builder would have written it up to `phase`.
#[allow(clippy::too_many_arguments)]
fn log_entries(
    rng: &mut SplitMix64,
    phase: &str,
    special: Special,
    started: i64,
    steps: i64,
    base: &str,
    namespace: &str,
    repo: &str,
    tags: &[String],
) -> Vec<Value> {
    let mut out = Vec::new();
    let mut t_us = started * 1_000_000;
    let mut tick = |rng: &mut SplitMix64| {
        t_us += rng.range(2_000, 400_000);
        json!({"datetime": crate::dates::python_naive_utc(t_us)})
    };
    let reached: Vec<&str> = match phase {
        "error" | "internalerror" | "cancelled" => {
            let upto = 2 + rng.below(3) as usize;
            PROGRESS[1..=upto].to_vec()
        }
        _ => {
            let at = PROGRESS.iter().position(|p| *p == phase).unwrap_or(0);
            PROGRESS[1..=at].to_vec()
        }
    };
    let commands = [
        format!("FROM {base}:latest"),
        "WORKDIR /app".into(),
        "COPY package.json package-lock.json ./".into(),
        "RUN npm ci --omit=dev".into(),
        "COPY . .".into(),
        "RUN npm run build".into(),
        "ENV NODE_ENV=production".into(),
        "EXPOSE 8080".into(),
        "USER 1001".into(),
        "LABEL org.opencontainers.image.source=\"https://git.example.com/app\"".into(),
        "HEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1".into(),
        "ENTRYPOINT [\"node\", \"dist/server.js\"]".into(),
        "CMD [\"--port\", \"8080\"]".into(),
        "ARG BUILD_DATE".into(),
    ];
    for p in &reached {
        let mut data = tick(rng);
        if *p == "pulling" {
            if let Value::Object(m) = &mut data {
                m.insert("base_image".into(), json!(base));
                m.insert("base_image_tag".into(), json!("latest"));
            }
        }
        out.push(json!({"message": p, "type": "phase", "data": data}));
        match *p {
            "pulling" => {
                out.push(json!({"message": format!("Pulling base image: {base}:latest"), "data": tick(rng)}));
                for _ in 0..3 + rng.below(4) {
                    out.push(json!({"message": format!("{}: Pull complete", rng.hex(12)), "data": tick(rng)}));
                }
            }
            "building" => {
                let done = if phase == "building" {
                    1 + rng.below(steps as u64) as i64
                } else {
                    steps
                };
                for s in 0..done {
                    let cmd = &commands[s as usize % commands.len()];
                    out.push(json!({"message": format!("Step {}/{steps} : {cmd}", s + 1), "type": "command", "data": tick(rng)}));
                    out.push(json!({"message": format!(" ---> Running in {}", rng.hex(12)), "data": tick(rng)}));
                    let output = if special == Special::Huge && cmd.starts_with("RUN npm ci") {
                        5_200
                    } else if cmd.starts_with("RUN") {
                        rng.range(3, 40)
                    } else {
                        0
                    };
                    for k in 0..output {
                        let message = match k % 5 {
                            0 => format!("npm http fetch GET 200 https://registry.npmjs.org/pkg-{k} {}ms (cache miss)", rng.range(5, 900)),
                            1 => format!("added {} packages in {}s", 1 + k / 5, rng.range(1, 60)),
                            2 => format!("npm WARN deprecated pkg-{k}@1.0.{}: this version is no longer supported", k % 10),
                            3 => "\u{1b}[32m\u{2714}\u{1b}[0m compiled <App /> & \"quoted\" output \u{2014} \u{65e5}\u{672c}".to_string(),
                            _ => format!("[{k:>5}/5200] building module src/components/widget_{k}.tsx"),
                        };
                        out.push(json!({"message": message, "data": tick(rng)}));
                    }
                    out.push(
                        json!({"message": format!(" ---> {}", rng.hex(12)), "data": tick(rng)}),
                    );
                }
                if phase != "building" {
                    out.push(json!({"message": format!("Successfully built {}", rng.hex(12)), "data": tick(rng)}));
                }
            }
            "pushing" => {
                for tag in tags {
                    out.push(json!({"message": format!("Pushing localhost:8080/{namespace}/{repo}:{tag}"), "data": tick(rng)}));
                }
                for _ in 0..2 + rng.below(5) {
                    out.push(
                        json!({"message": format!("{}: Pushed", rng.hex(12)), "data": tick(rng)}),
                    );
                }
                if phase == "complete" {
                    out.push(json!({"message": format!("{}: digest: sha256:{} size: {}", tags[0], rng.hex(64), rng.range(500, 4000)), "data": tick(rng)}));
                }
            }
            _ => {}
        }
    }
    match phase {
        "error" => {
            let message = *rng.pick(&[
                "The command '/bin/sh -c npm ci --omit=dev' returned a non-zero code: 1",
                "failed to solve: failed to compute cache key: \"/package-lock.json\" not found",
                "Could not pull base image: unauthorized: access to the requested resource is not authorized",
                "error: <b>markup</b> in an error message & \"quotes\"",
            ]);
            out.push(json!({"message": message, "type": "error", "data": tick(rng)}));
            out.push(json!({"message": "error", "type": "phase", "data": tick(rng)}));
        }
        "internalerror" => {
            out.push(json!({"message": "Build worker stopped responding", "type": "error", "data": tick(rng)}));
            out.push(json!({"message": "internalerror", "type": "phase", "data": tick(rng)}));
        }
        "cancelled" => {
            out.push(json!({"message": "cancelled", "type": "phase", "data": tick(rng)}))
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_covers_every_stored_phase() {
        let plan = build_plan();
        for phase in [
            "waiting",
            "build-scheduled",
            "unpacking",
            "pulling",
            "building",
            "pushing",
            "complete",
            "error",
            "internalerror",
            "cancelled",
        ] {
            assert!(plan.iter().any(|(p, _)| *p == phase), "{phase}");
        }
    }

    #[test]
    fn huge_build_has_thousands_of_lines_and_phase_headers() {
        let mut rng = SplitMix64::new(1);
        let tags = vec!["latest".to_string()];
        let entries = log_entries(
            &mut rng,
            "complete",
            Special::Huge,
            0,
            8,
            "alpine",
            "ns",
            "r",
            &tags,
        );
        assert!(entries.len() > 5_000, "{}", entries.len());
        let phases: Vec<&str> = entries
            .iter()
            .filter(|e| e["type"] == "phase")
            .filter_map(|e| e["message"].as_str())
            .collect();
        assert_eq!(
            phases,
            [
                "build-scheduled",
                "unpacking",
                "pulling",
                "building",
                "pushing",
                "complete"
            ]
        );
        assert!(entries
            .iter()
            .all(|e| e["message"].is_string() && e["data"]["datetime"].is_string()));
        let waiting = log_entries(
            &mut rng,
            "waiting",
            Special::None,
            0,
            8,
            "alpine",
            "ns",
            "r",
            &tags,
        );
        assert!(waiting.is_empty());
    }
}
