//! Storage sizes and quotas: per-repository and per-namespace totals derived from the stored blobs
//! through [`crate::blobs`] (each distinct blob counted once per repository / namespace, as Quay's
//! size worker does), the registry total, and quotas on some namespaces — some comfortably below,
//! some at 70–90 %, some over 100 % of their limit.

use std::collections::BTreeMap;

use rusqlite::params;
use serde_json::json;

use super::{client_ip, Event, SeedError, Tx, World, DAY};
use crate::blobs;
use crate::prng::SplitMix64;

const GIB: i64 = 1 << 30;
const MIB: i64 = 1 << 20;

/// How full a quota'd namespace is meant to be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fill {
    /// 5–65 %.
    Low,
    /// 70–90 %.
    Near,
    /// 101–160 %.
    Over,
}

impl Fill {
    fn band(self) -> (f64, f64) {
        match self {
            Fill::Low => (0.05, 0.65),
            Fill::Near => (0.70, 0.90),
            Fill::Over => (1.01, 1.60),
        }
    }
}

pub(super) fn seed(tx: &Tx<'_>, world: &mut World) -> Result<(), SeedError> {
    let mut rng = world.rng("quotas");
    let now_ms = world.now * 1000;

    // QuotaRepositorySize and QuotaNamespaceSize from the stored blobs, as Quay's backfill worker
    // computes them (enabled namespaces; each distinct blob once).
    let written = blobs::recompute_all_in(tx, now_ms - rng.range(3_600_000, DAY * 1000))?;
    world.summary.namespace_sizes = written.namespaces;
    // What every namespace stores, eligible or not: the quotas are placed against it.
    let stored: BTreeMap<i64, i64> = blobs::namespace_totals_in(tx)?.into_iter().collect();
    // A few backfills still running (Quay shows 0 bytes until they complete).
    let sized: Vec<i64> = {
        let mut stmt =
            tx.prepare("SELECT namespace_id FROM namespace_size ORDER BY namespace_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for ns in sized {
        if rng.chance(0.03) {
            blobs::mark_backfill_running_in(tx, ns, now_ms - rng.range(60_000, 3_600_000))?;
        }
    }

    // QuotaRegistrySize: one completed run, an hour or so ago.
    tx.execute(
        "INSERT INTO registry_size (size_bytes, running, queued, completed_ms) VALUES (?1, 0, 0, ?2)",
        params![world.summary.blob_bytes, now_ms - rng.range(600_000, 6 * 3_600_000)],
    )?;

    quotas(tx, world, &mut rng, &stored)
}

fn quotas(
    tx: &Tx<'_>,
    world: &mut World,
    rng: &mut SplitMix64,
    usage: &BTreeMap<i64, i64>,
) -> Result<(), SeedError> {
    let mut quota = tx.prepare("INSERT INTO quotas (namespace_id, limit_bytes) VALUES (?1, ?2)")?;
    let mut limit = tx.prepare(
        "INSERT INTO quota_limits (quota_id, limit_type, percent_of_limit) VALUES (?1, ?2, ?3)",
    )?;
    // (namespace id, name, is an organization)
    let mut candidates: Vec<(i64, String, bool)> = Vec::new();
    for org in &world.orgs {
        if rng.chance(0.35) {
            candidates.push((org.id, org.name.clone(), true));
        }
    }
    for user in &world.users {
        let used = usage.get(&user.id).copied().unwrap_or(0);
        if (used > 0 && rng.chance(0.08)) || user.username == "alice" {
            candidates.push((user.id, user.username.clone(), false));
        }
    }
    candidates.sort_by_key(|c| c.0);
    for (i, (ns, name, is_org)) in candidates.into_iter().enumerate() {
        let used = usage.get(&ns).copied().unwrap_or(0);
        // Round-robin over the bands keeps every band populated whatever the seed.
        let fill = match i % 20 {
            0..=3 => Fill::Over,
            4..=9 => Fill::Near,
            _ => Fill::Low,
        };
        let limit_bytes = if used == 0 {
            *rng.pick(&[10 * GIB, 50 * GIB, 500 * MIB])
        } else {
            pick_limit(rng, used, fill)
        };
        quota.execute(params![ns, limit_bytes])?;
        let quota_id = tx.last_insert_rowid();
        let limits: &[(&str, i64)] = match rng.below(20) {
            0..=13 => &[("Warning", 80), ("Reject", 100)],
            14..=16 => &[("Warning", 70)],
            17 => &[("Reject", 100)],
            _ => &[],
        };
        for (kind, percent) in limits {
            limit.execute(params![quota_id, kind, percent])?;
        }
        world.summary.quotas += 1;
        if used > 0 {
            let ratio = used as f64 / limit_bytes as f64;
            if (0.70..=0.90).contains(&ratio) {
                world.summary.quotas_near_limit += 1;
            } else if ratio > 1.0 {
                world.summary.quotas_over_limit += 1;
            }
        }
        // Quotas set by organization admins (not the superuser API) left a log entry.
        if is_org && rng.chance(0.3) {
            if let Some(org) = world.orgs.iter().find(|o| o.id == ns) {
                let performer = world.users[org.admins[0]].id;
                let at = rng.range(org.created.max(world.log_start()), world.now);
                world.event(Event {
                    datetime_us: at * 1_000_000 + rng.range(0, 1_000_000),
                    kind: "org_create_quota",
                    account_id: Some(ns),
                    performer_id: Some(performer),
                    repository_id: None,
                    ip: Some(client_ip(rng)),
                    metadata: json!({
                        "namespace": name,
                        "limit_bytes": limit_bytes,
                        "limit": best_prefix(limit_bytes),
                    }),
                });
            }
        }
    }
    Ok(())
}

/// A limit that puts `used` inside the band of `fill`, rounded to a value an admin would type
/// (whole GiB, or 100 MiB steps) when that keeps it inside the band.
fn pick_limit(rng: &mut SplitMix64, used: i64, fill: Fill) -> i64 {
    let (lo, hi) = fill.band();
    let ratio = lo + (hi - lo) * (0.1 + 0.8 * rng.unit());
    let exact = ((used as f64 / ratio) as i64).max(1);
    let step = if exact >= 10 * GIB { GIB } else { 100 * MIB };
    let rounded = ((exact + step / 2) / step * step).max(step);
    let r = used as f64 / rounded as f64;
    if r >= lo && r <= hi {
        rounded
    } else {
        exact
    }
}

/// bitmath's `best_prefix().format("{value:.1f} {unit}")` for bytes (binary units).
fn best_prefix(bytes: i64) -> String {
    const UNITS: [&str; 7] = ["Byte", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_land_in_their_band() {
        let mut rng = SplitMix64::new(3);
        for used in [1_000_i64, 5 * MIB, 3 * GIB, 700 * GIB, 40_000 * GIB] {
            for fill in [Fill::Low, Fill::Near, Fill::Over] {
                let limit = pick_limit(&mut rng, used, fill);
                let r = used as f64 / limit as f64;
                let (lo, hi) = fill.band();
                assert!(r >= lo && r <= hi, "{used} {fill:?} {limit} {r}");
            }
        }
    }

    #[test]
    fn bitmath_format() {
        assert_eq!(best_prefix(1000), "1000.0 Byte");
        assert_eq!(best_prefix(5000), "4.9 KiB");
        assert_eq!(best_prefix(10_737_418_240), "10.0 GiB");
        assert_eq!(best_prefix(524_288_000), "500.0 MiB");
    }
}
