//! Deterministic demo data (`quay-emulator --seed demo`): a registry big and awkward enough to show
//! what the dashboard does with real volume — ~2,500 users, ~300 organizations, repositories whose
//! blobs declare several TB, quotas near and over their limits, service keys in every state,
//! 90 days of usage logs (> 200,000 entries), builds in every phase, and names and e-mails that are
//! valid for Quay yet hostile to naive rendering.
//!
//! Everything comes from one seeded PRNG (`crate::prng::SplitMix64`), one independent stream per
//! part: the same seed and the same `now` give the same database. All rows are written in one
//! transaction with prepared statements (a few seconds for everything).
//!
//! Superuser status is configuration in Quay (`SUPER_USERS`), not data: [`write_config`] writes
//! the Quay `config.yaml` that goes with the seeded database next to it.

mod accounts;
mod builds;
mod dashboard;
mod keys;
mod logs;
mod names;
mod quotas;
mod repos;

pub use dashboard::{dashboard_config_path, register_dashboard};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction};
use serde_json::Value;

use crate::prng::SplitMix64;
use crate::storage::Storage;

/// The main demo account (a superuser, the first user: id 1).
pub const ADMIN_USERNAME: &str = "admin";
/// The password of every seeded user.
pub const DEMO_PASSWORD: &str = "password";
/// `SUPER_USERS` of the generated configuration.
pub const SUPER_USERS: &[&str] = &["admin", "ops-lead", "sre.oncall"];
/// `GLOBAL_READONLY_SUPER_USERS` of the generated configuration.
pub const READONLY_SUPER_USERS: &[&str] = &["auditor"];

/// How many rows of each kind the seed wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub rng_seed: u64,
    /// Unix seconds the data was generated relative to (logs end there).
    pub now: i64,
    /// Live (not deleted) users, robots excluded.
    pub users: usize,
    pub disabled_users: usize,
    pub deleted_users: usize,
    pub organizations: usize,
    pub deleted_organizations: usize,
    pub robots: usize,
    pub teams: usize,
    pub applications: usize,
    pub repositories: usize,
    pub blobs: usize,
    /// Sum of the declared sizes of all (distinct) blobs: the registry size.
    pub blob_bytes: i64,
    pub repository_blob_links: usize,
    pub quotas: usize,
    /// Quotas at 70–90 % of their limit.
    pub quotas_near_limit: usize,
    /// Quotas above 100 % of their limit.
    pub quotas_over_limit: usize,
    pub namespace_sizes: usize,
    pub service_keys_approved: usize,
    pub service_keys_pending: usize,
    pub service_keys_expired: usize,
    pub log_entries: usize,
    pub builds: usize,
    pub build_log_lines: usize,
    pub super_users: Vec<String>,
    pub global_readonly_super_users: Vec<String>,
}

impl DemoSummary {
    /// Quay's `config.yaml` for serving the seeded database.
    fn config_yaml(&self) -> String {
        let list = |names: &[String]| names.join(", ");
        format!(
            "# Quay configuration for the demo database (quay-emulator --seed demo, seed {seed}).\n\
             # Superuser status is configuration in Quay, not data; serve the database with\n\
             # --config pointing at this file.\n\
             SUPER_USERS: [{supers}]\n\
             GLOBAL_READONLY_SUPER_USERS: [{readonly}]\n\
             FEATURE_SUPER_USERS: true\n\
             FEATURE_USER_INITIALIZE: true\n\
             AUTHENTICATION_TYPE: Database\n\
             FEATURE_QUOTA_MANAGEMENT: true\n\
             FEATURE_EDIT_QUOTA: true\n\
             FEATURE_MAILING: false\n\
             SERVER_HOSTNAME: localhost:8080\n\
             PREFERRED_URL_SCHEME: http\n\
             CORS_ORIGIN: '*'\n\
             BROWSER_API_CALLS_XHR_ONLY: true\n",
            seed = self.rng_seed,
            supers = list(&self.super_users),
            readonly = list(&self.global_readonly_super_users),
        )
    }

    /// What `--seed demo` prints: the credentials first, then the counts.
    pub fn report_lines(&self, elapsed: Duration, config_path: &Path) -> Vec<String> {
        let tb = self.blob_bytes as f64 / 1e12;
        vec![
            format!(
                "seeded demo data (seed {}) in {:.1} s",
                self.rng_seed,
                elapsed.as_secs_f64()
            ),
            format!("sign in as {ADMIN_USERNAME} / {DEMO_PASSWORD} (every seeded user has the password {DEMO_PASSWORD})"),
            format!(
                "superusers: {}; read-only superusers: {} (config: {})",
                self.super_users.join(", "),
                self.global_readonly_super_users.join(", "),
                config_path.display()
            ),
            format!(
                "{} users ({} disabled, {} deleted), {} organizations, {} robots, {} repositories, \
                 {} blobs ({tb:.2} TB), {} quotas ({} near, {} over the limit)",
                self.users,
                self.disabled_users,
                self.deleted_users,
                self.organizations,
                self.robots,
                self.repositories,
                self.blobs,
                self.quotas,
                self.quotas_near_limit,
                self.quotas_over_limit
            ),
            format!(
                "{} service keys ({} approved, {} pending, {} expired), {} usage log entries, \
                 {} builds ({} log lines)",
                self.service_keys_approved + self.service_keys_pending + self.service_keys_expired,
                self.service_keys_approved,
                self.service_keys_pending,
                self.service_keys_expired,
                self.log_entries,
                self.builds,
                self.build_log_lines
            ),
        ]
    }
}

/// Where [`write_config`] puts the configuration of the database `db`: `<db>.config.yaml`.
fn config_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".config.yaml");
    PathBuf::from(name)
}

/// Writes the Quay `config.yaml` that goes with the seeded database to `<db>.config.yaml`;
/// returns that path.
pub fn write_config(db: &Path, summary: &DemoSummary) -> Result<PathBuf, String> {
    let path = config_path(db);
    std::fs::write(&path, summary.config_yaml())
        .map_err(|e| format!("cannot write {}: {}", path.display(), crate::io_message(&e)))?;
    Ok(path)
}

/// Seeds the database at `db` (created and migrated when missing) with the demo data generated
/// from `rng_seed`, relative to the current time. Refuses a database that already holds data.
pub fn seed(db: &Path, rng_seed: u64) -> Result<DemoSummary, String> {
    seed_at(db, rng_seed, crate::clock::Clock::system().unix_s())
}

/// [`seed`] relative to `now` (unix seconds): the same seed and `now` give the same rows.
pub fn seed_at(db: &Path, rng_seed: u64, now: i64) -> Result<DemoSummary, String> {
    // The emulator's own open: creates the file and its directory, migrates, makes its AES key.
    drop(Storage::open(db).map_err(|e| e.to_string())?);
    let mut conn = Connection::open(db).map_err(|e| e.to_string())?;
    let summary = fill(&mut conn, rng_seed, now).map_err(|e| match e {
        SeedError::NotEmpty => "the database is not empty (demo data needs a new database)".into(),
        SeedError::Sqlite(e) => e.to_string(),
        SeedError::Other(message) => message,
    })?;
    Ok(summary)
}

/// Why seeding stopped (the transaction is rolled back: the database stays empty).
enum SeedError {
    NotEmpty,
    Sqlite(rusqlite::Error),
    Other(String),
}

impl From<rusqlite::Error> for SeedError {
    fn from(e: rusqlite::Error) -> Self {
        SeedError::Sqlite(e)
    }
}

impl From<crate::storage::StorageError> for SeedError {
    fn from(e: crate::storage::StorageError) -> Self {
        match e {
            crate::storage::StorageError::Sqlite(e) => SeedError::Sqlite(e),
            other => SeedError::Other(other.to_string()),
        }
    }
}

/// Tables whose rows make a database "not empty".
const DATA_TABLES: &[&str] = &[
    "users",
    "log_entries",
    "repositories",
    "blobs",
    "service_keys",
    "builds",
    "quotas",
];

fn fill(conn: &mut Connection, rng_seed: u64, now: i64) -> Result<DemoSummary, SeedError> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // One big transaction; losing it to a power cut only loses the demo data.
    conn.pragma_update(None, "synchronous", "OFF")?;
    // Keep the growing B-trees in memory (256 MiB at most) while writing.
    conn.pragma_update(None, "cache_size", -262_144)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for table in DATA_TABLES {
        let any: bool =
            tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
                r.get(0)
            })?;
        if any {
            return Err(SeedError::NotEmpty);
        }
    }
    let mut world = World::new(rng_seed, now);
    accounts::seed(&tx, &mut world)?;
    repos::seed(&tx, &mut world)?;
    quotas::seed(&tx, &mut world)?;
    keys::seed(&tx, &mut world)?;
    builds::seed(&tx, &mut world)?;
    logs::seed(&tx, &mut world)?;
    tx.commit()?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Statistics for the query planner, now that the tables are big.
    conn.execute_batch("ANALYZE")?;
    Ok(world.summary)
}

/// Seconds per day.
const DAY: i64 = 86_400;
/// The log window: 90 days up to `now`.
const LOG_DAYS: i64 = 90;
/// Quay's default `DEFAULT_TAG_EXPIRATION` (2 weeks).
const TAG_EXPIRATION_S: i64 = 1_209_600;

/// A user (or deleted user) the seed created.
#[derive(Debug, Clone)]
struct User {
    id: i64,
    username: String,
    email: String,
    enabled: bool,
    created: i64,
}

#[derive(Debug, Clone)]
struct Org {
    id: i64,
    name: String,
    created: i64,
    /// Indexes into `World::users`: members of the owners team.
    admins: Vec<usize>,
    /// Indexes into `World::users`: every member of any team (admins included).
    members: Vec<usize>,
    teams: Vec<String>,
    /// Indexes into `World::robots`.
    robots: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Robot {
    id: i64,
    /// `namespace+shortname`.
    username: String,
}

/// Whose namespace a repository is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    User(usize),
    Org(usize),
}

#[derive(Debug, Clone)]
struct Repo {
    id: i64,
    namespace_id: i64,
    namespace: String,
    owner: Owner,
    name: String,
    public: bool,
    created: i64,
}

/// A usage-log entry with fixed content (the record of something the seed created).
#[derive(Debug, Clone)]
struct Event {
    datetime_us: i64,
    kind: &'static str,
    account_id: Option<i64>,
    performer_id: Option<i64>,
    repository_id: Option<i64>,
    ip: Option<String>,
    metadata: Value,
}

/// Everything the parts share while seeding.
struct World {
    rng_seed: u64,
    now: i64,
    users: Vec<User>,
    orgs: Vec<Org>,
    robots: Vec<Robot>,
    repos: Vec<Repo>,
    /// Declared size of each blob, by `id - 1`.
    blob_sizes: Vec<i64>,
    /// Blob ids of each repository (parallel to `repos`, distinct).
    repo_blobs: Vec<Vec<i64>>,
    /// Indexes into `users` of the superusers (for performers of superuser actions).
    superusers: Vec<usize>,
    events: Vec<Event>,
    summary: DemoSummary,
}

impl World {
    fn new(rng_seed: u64, now: i64) -> World {
        World {
            rng_seed,
            now,
            users: Vec::new(),
            orgs: Vec::new(),
            robots: Vec::new(),
            repos: Vec::new(),
            blob_sizes: Vec::new(),
            repo_blobs: Vec::new(),
            superusers: Vec::new(),
            events: Vec::new(),
            summary: DemoSummary {
                rng_seed,
                now,
                super_users: SUPER_USERS.iter().map(|s| s.to_string()).collect(),
                global_readonly_super_users: READONLY_SUPER_USERS
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                ..DemoSummary::default()
            },
        }
    }

    fn rng(&self, part: &str) -> SplitMix64 {
        SplitMix64::stream(self.rng_seed, part)
    }

    /// The start of the log window (unix seconds).
    fn log_start(&self) -> i64 {
        self.now - LOG_DAYS * DAY
    }

    /// Whether something that happened at `t` is inside the log window.
    fn in_log_window(&self, t: i64) -> bool {
        t >= self.log_start() && t < self.now
    }

    /// The first user (id 1): Quay's account for logs without a namespace.
    fn first_user_id(&self) -> i64 {
        self.users.first().map(|u| u.id).unwrap_or(1)
    }

    fn event(&mut self, event: Event) {
        if self.in_log_window(event.datetime_us / 1_000_000) {
            self.events.push(event);
        }
    }
}

/// A plausible client address: private ranges, documentation ranges and IPv6.
fn client_ip(rng: &mut SplitMix64) -> String {
    match rng.below(10) {
        0..=3 => format!(
            "10.{}.{}.{}",
            rng.below(256),
            rng.below(256),
            1 + rng.below(254)
        ),
        4..=5 => format!("192.168.{}.{}", rng.below(8), 1 + rng.below(254)),
        6 => format!(
            "172.{}.{}.{}",
            16 + rng.below(16),
            rng.below(256),
            1 + rng.below(254)
        ),
        7 => format!("203.0.113.{}", 1 + rng.below(254)),
        8 => format!("198.51.100.{}", 1 + rng.below(254)),
        _ => format!(
            "2001:db8:{:x}:{:x}::{:x}",
            rng.below(0x10000),
            rng.below(0x10000),
            1 + rng.below(0xfffe)
        ),
    }
}

/// `sha256:<64 hex>`.
fn digest(rng: &mut SplitMix64) -> String {
    format!("sha256:{}", rng.hex(64))
}

type Tx<'a> = Transaction<'a>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_path_appends() {
        assert_eq!(
            config_path(Path::new("data/demo.db")),
            PathBuf::from("data/demo.db.config.yaml")
        );
    }

    #[test]
    fn config_is_valid_quay_yaml_with_the_superusers() {
        let summary = World::new(1, 0).summary;
        let config = crate::Config::from_yaml_str(&summary.config_yaml()).unwrap();
        assert!(config.is_super_user("admin"));
        assert!(config.is_super_user("ops-lead"));
        assert!(config.is_global_readonly_super_user("auditor"));
        assert!(config.feature_quota_management);
        assert!(!config.feature_mailing);
    }
}
