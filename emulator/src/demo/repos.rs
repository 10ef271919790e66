//! Repositories and their blobs. Blobs are stored once per digest (Quay's ImageStorage) and
//! referenced by every repository that uses them: base-image layers are shared across the whole
//! registry, mirrored repositories share everything with their source (often in another
//! namespace), and repositories of one organization share its internal base image.

use std::collections::HashSet;

use rusqlite::params;
use serde_json::json;

use super::names::{BASE_IMAGES, REPO_WORDS};
use super::{client_ip, digest, Event, Owner, Repo, SeedError, Tx, World};
use crate::prng::SplitMix64;

const MB: f64 = 1e6;
const GB: f64 = 1e9;
/// Rebuilds of each base image (each a different set of layers).
const BASE_VERSIONS: usize = 6;

/// Valid repository names (`^[a-z0-9][.a-z0-9_-]{0,254}$`) that trip naive code.
fn hostile_repo_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "a..b",
        "x.",
        "9-",
        "a--b__c..d",
        "0",
        "null",
        "constructor",
        "con",
        "_",
        "latest",
    ]
    .iter()
    .filter(|n| n.as_bytes()[0].is_ascii_alphanumeric())
    .map(|s| s.to_string())
    .collect();
    names.push(format!("r{}", "e".repeat(254)));
    names
}

struct PendingRepo {
    owner: Owner,
    namespace_id: i64,
    namespace: String,
    name: String,
    created: i64,
}

pub(super) fn seed(tx: &Tx<'_>, world: &mut World) -> Result<(), SeedError> {
    let mut rng = world.rng("repositories");
    let mut blobs = BlobWriter::new(tx)?;

    // Shared base-image layers: BASE_VERSIONS rebuilds of every base image.
    let mut bases: Vec<Vec<Vec<i64>>> = Vec::new();
    for (name, layers) in BASE_IMAGES {
        let heavy = name.contains("cuda") || name.contains("pytorch");
        let mut versions = Vec::new();
        for _ in 0..BASE_VERSIONS {
            let ids = (0..*layers)
                .map(|_| {
                    let size = if heavy {
                        rng.log_uniform(300.0 * MB, 3.5 * GB)
                    } else {
                        rng.log_uniform(2.0 * MB, 250.0 * MB)
                    };
                    blobs.add(&mut rng, size as i64)
                })
                .collect::<Result<Vec<_>, _>>()?;
            versions.push(ids);
        }
        bases.push(versions);
    }

    let pending = plan(world, &mut rng);
    let mut insert = tx.prepare(
        "INSERT INTO repositories (namespace_id, name, visibility, description, badge_token, kind, \
         trust_enabled, state) VALUES (?1, ?2, ?3, ?4, ?5, 'image', 0, ?6)",
    )?;
    let mut link = tx.prepare(
        "INSERT OR IGNORE INTO repository_blobs (repository_id, blob_id) VALUES (?1, ?2)",
    )?;
    // First repository of each organization: its internal base image.
    let mut org_base: Vec<Option<usize>> = vec![None; world.orgs.len()];
    for p in pending {
        let public = match p.owner {
            Owner::Org(_) => rng.chance(0.25),
            Owner::User(_) => rng.chance(0.5),
        };
        let state = match rng.below(100) {
            0 | 1 => 1,
            2 | 3 => 2,
            _ => 0,
        };
        insert.execute(params![
            p.namespace_id,
            p.name,
            if public { "public" } else { "private" },
            description(&mut rng, &p.name),
            rng.uuid(),
            state,
        ])?;
        let id = tx.last_insert_rowid();

        // Which blobs the repository references.
        let mut ids: Vec<i64> = Vec::new();
        let mut seen: HashSet<i64> = HashSet::new();
        let mut add = |ids: &mut Vec<i64>, blob: i64| {
            if seen.insert(blob) {
                ids.push(blob);
            }
        };
        let empty = rng.chance(0.04);
        if !empty {
            if !world.repos.is_empty() && rng.chance(0.08) {
                // A mirror of an older repository, usually of another namespace.
                let source = rng.index(world.repos.len());
                for &b in &world.repo_blobs[source] {
                    add(&mut ids, b);
                }
            } else {
                if rng.chance(0.8) {
                    let base = &bases[rng.index(bases.len())];
                    for v in 0..1 + rng.below(3) as usize {
                        let version = &base[(v + rng.index(BASE_VERSIONS)) % BASE_VERSIONS];
                        for &b in version {
                            add(&mut ids, b);
                        }
                    }
                }
                if let Owner::Org(o) = p.owner {
                    match org_base[o] {
                        Some(r) if rng.chance(0.3) => {
                            for &b in world.repo_blobs[r].iter().take(6) {
                                add(&mut ids, b);
                            }
                        }
                        None => org_base[o] = Some(world.repos.len()),
                        _ => {}
                    }
                }
                // Pushed versions: a config blob and 1–4 application layers each.
                let ml = rng.chance(0.01);
                let versions = 1 + rng.weighted(&[3, 5, 5, 4, 3, 2, 2, 1, 1, 1, 1, 1]);
                for _ in 0..versions {
                    let config = rng.range(1_500, 30_000);
                    add(&mut ids, blobs.add(&mut rng, config)?);
                    for _ in 0..1 + rng.below(4) {
                        let size = if ml {
                            rng.log_uniform(0.5 * GB, 8.0 * GB)
                        } else {
                            rng.log_uniform(8_000.0, 500.0 * MB)
                        };
                        add(&mut ids, blobs.add(&mut rng, size as i64)?);
                    }
                }
            }
        }
        for &b in &ids {
            link.execute(params![id, b])?;
        }
        world.summary.repository_blob_links += ids.len();

        if world.in_log_window(p.created) {
            let performer = match p.owner {
                Owner::User(u) => world.users[u].id,
                Owner::Org(o) => {
                    let members = &world.orgs[o].members;
                    world.users[members[rng.index(members.len())]].id
                }
            };
            world.event(Event {
                datetime_us: p.created * 1_000_000 + rng.range(0, 1_000_000),
                kind: "create_repo",
                account_id: Some(p.namespace_id),
                performer_id: Some(performer),
                repository_id: Some(id),
                ip: Some(client_ip(&mut rng)),
                metadata: json!({"repo": p.name, "namespace": p.namespace}),
            });
        }
        world.repos.push(Repo {
            id,
            namespace_id: p.namespace_id,
            namespace: p.namespace,
            owner: p.owner,
            name: p.name,
            public,
            created: p.created,
        });
        world.repo_blobs.push(ids);
    }
    world.blob_sizes = blobs.sizes;
    world.summary.repositories = world.repos.len();
    world.summary.blobs = world.blob_sizes.len();
    world.summary.blob_bytes = world.blob_sizes.iter().sum();
    Ok(())
}

/// Every repository to create, in creation (= id) order.
fn plan(world: &World, rng: &mut SplitMix64) -> Vec<PendingRepo> {
    let mut pending = Vec::new();
    let hostile = hostile_repo_names();
    for (o, org) in world.orgs.iter().enumerate() {
        let count = match rng.weighted(&[5, 35, 40, 15, 5]) {
            0 => 0,
            1 => rng.range(1, 6),
            2 => rng.range(6, 21),
            3 => rng.range(21, 61),
            _ => rng.range(61, 151),
        } as usize;
        let mut names = repo_names(rng, count);
        if o % 37 == 5 {
            names.extend(hostile.iter().cloned());
        }
        for name in names {
            pending.push(PendingRepo {
                owner: Owner::Org(o),
                namespace_id: org.id,
                namespace: org.name.clone(),
                name,
                created: rng.range(org.created, world.now),
            });
        }
    }
    for (u, user) in world.users.iter().enumerate() {
        let count = match rng.weighted(&[70, 20, 8, 2]) {
            0 => 0,
            1 => rng.range(1, 3),
            2 => rng.range(3, 7),
            _ => rng.range(7, 16),
        } as usize;
        for name in repo_names(rng, count) {
            pending.push(PendingRepo {
                owner: Owner::User(u),
                namespace_id: user.id,
                namespace: user.username.clone(),
                name,
                created: rng.range(user.created, world.now),
            });
        }
    }
    pending.sort_by_key(|p| p.created);
    pending
}

/// `count` distinct names for one namespace.
fn repo_names(rng: &mut SplitMix64, count: usize) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(count);
    let mut taken = HashSet::new();
    while names.len() < count {
        let word = *rng.pick(REPO_WORDS);
        let name = match rng.below(6) {
            0..=2 => word.to_string(),
            3 => format!("{word}-service"),
            4 => format!("{word}.v{}", 1 + rng.below(4)),
            _ => format!("{word}_{}", rng.pick(REPO_WORDS)),
        };
        if taken.insert(name.clone()) {
            names.push(name);
        }
    }
    names
}

fn description(rng: &mut SplitMix64, name: &str) -> Option<String> {
    match rng.below(10) {
        0..=3 => None,
        4..=6 => Some(format!("# {name}\n\nContainer image for **{name}**.")),
        7 => Some(format!(
            "{name}: see the [runbook](https://wiki.example.com/{name}) \u{2014} owned by the platform team."
        )),
        8 => Some("<img src=x onerror=alert('repo')> <script>alert(1)</script>".to_string()),
        _ => Some("\u{202e}txet desrever\u{202c} and zero\u{200b}width".to_string()),
    }
}

/// Inserts blobs (ImageStorage rows) and remembers their sizes by id.
struct BlobWriter<'a> {
    stmt: rusqlite::Statement<'a>,
    sizes: Vec<i64>,
}

impl<'a> BlobWriter<'a> {
    fn new(tx: &'a Tx<'_>) -> rusqlite::Result<BlobWriter<'a>> {
        Ok(BlobWriter {
            stmt: tx.prepare(
                "INSERT INTO blobs (id, uuid, content_checksum, image_size, uncompressed_size) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            sizes: Vec::new(),
        })
    }

    fn add(&mut self, rng: &mut SplitMix64, size: i64) -> rusqlite::Result<i64> {
        let id = self.sizes.len() as i64 + 1;
        let uncompressed = size + size / 10 * (1 + rng.below(20) as i64);
        self.stmt
            .execute(params![id, rng.uuid(), digest(rng), size, uncompressed])?;
        self.sizes.push(size);
        Ok(id)
    }
}
