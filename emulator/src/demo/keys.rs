//! Service keys in every state: the instance's own key (automatic approval, 2-hour expiry, and its
//! expired predecessor), keys created and approved by superusers, keys registered through the key
//! server and still waiting for approval, and expired keys (some expired more than 7 days ago,
//! which Quay no longer lists). The public JWKs are real RSA-2048 keys generated once for the demo
//! (`rsa_moduli.txt`); each `kid` is the key's RFC 7638 thumbprint.

use rusqlite::params;
use serde_json::{json, Value};

use super::{client_ip, Event, SeedError, Tx, World, DAY};
use crate::prng::SplitMix64;
use crate::storage::{AUTOMATIC_APPROVAL, SUPERUSER_APPROVAL};

const RSA_MODULI: &str = include_str!("rsa_moduli.txt");
const HOUR: i64 = 3_600;

/// RFC 7638 thumbprint of an RSA public key with exponent 65537: the kid the service-key
/// endpoints give generated keys.
pub(super) fn thumbprint(n: &str) -> String {
    crate::service_keys::rsa_thumbprint(n, "AQAB")
}

/// How a key came to be and where it stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Origin {
    /// The instance key Quay creates at boot.
    Instance,
    /// Generated through `POST /api/v1/superuser/keys` (auto-approved by the superuser).
    Superuser,
    /// Registered through the key server; `true` once a superuser approved it.
    KeyServer(bool),
}

struct Plan {
    origin: Origin,
    service: &'static str,
    name: String,
    /// Seconds relative to now.
    created: i64,
    expires: Option<i64>,
    rotation: Option<i64>,
    notes: &'static str,
    extra: Value,
}

fn plans(rng: &mut SplitMix64) -> Vec<Plan> {
    let mut out = vec![
        Plan {
            origin: Origin::Instance,
            service: "quay",
            name: "http://localhost:8080".into(),
            created: -HOUR / 2,
            expires: Some(2 * HOUR - HOUR / 2),
            rotation: None,
            notes: "",
            extra: json!({}),
        },
        Plan {
            origin: Origin::Instance,
            service: "quay",
            name: "http://localhost:8080".into(),
            created: -3 * HOUR,
            expires: Some(-HOUR),
            rotation: None,
            notes: "",
            extra: json!({}),
        },
    ];
    let approved: &[(&str, &str, Option<i64>, &str, Value)] = &[
        (
            "clair",
            "Clair scanner",
            Some(180),
            "created by admin",
            json!({"purpose": "security scanning"}),
        ),
        (
            "securityworker",
            "security worker: pool-a",
            Some(30),
            "",
            json!({}),
        ),
        (
            "builder",
            "build workers",
            None,
            "Never expires \u{2014} rotate manually",
            json!({"purpose": "signing build jobs"}),
        ),
        (
            "quay_ci",
            "CI signing key",
            Some(365),
            "ticket OPS-1234",
            json!({"team": "ci", "environment": "production"}),
        ),
        ("jenkins", "   ", Some(7), "whitespace-only name", json!({})),
        (
            "mirror_worker",
            "",
            Some(90),
            "",
            json!({"purpose": "<img src=x onerror=alert('key')>"}),
        ),
        (
            "notary",
            "notary:signer/prod-1",
            Some(60),
            "approved after review",
            json!({"nested": {"deep": {"list": [1, 2, 3]}}}),
        ),
        (
            "registry_proxy",
            "edge proxy",
            Some(14),
            "",
            json!({"region": "eu-central-1"}),
        ),
        ("secscan", "secscan v4", None, "", json!({})),
        (
            "gitops",
            "Argo CD",
            Some(45),
            "created by ops-lead",
            json!({"owner": "platform"}),
        ),
    ];
    for (service, name, days, notes, extra) in approved {
        out.push(Plan {
            origin: Origin::Superuser,
            service,
            name: name.to_string(),
            created: -rng.range(DAY, 200 * DAY).min(80 * DAY),
            expires: days.map(|d| d * DAY - rng.range(0, DAY)),
            rotation: rng.chance(0.3).then_some(30 * DAY),
            notes,
            extra: extra.clone(),
        });
    }
    out.push(Plan {
        origin: Origin::Superuser,
        service: "long_names",
        name: format!("key {}", "with a very long friendly name ".repeat(6))
            .trim_end()
            .to_string(),
        created: -5 * DAY,
        expires: Some(20 * DAY),
        rotation: None,
        notes: "",
        extra: json!({}),
    });
    // Registered by other services, approved later by a superuser.
    for service in ["clair", "builder"] {
        out.push(Plan {
            origin: Origin::KeyServer(true),
            service,
            name: String::new(),
            created: -rng.range(2 * DAY, 40 * DAY),
            expires: Some(rng.range(10 * DAY, 100 * DAY)),
            rotation: None,
            notes: "Approved after checking the requesting host",
            extra: json!({}),
        });
    }
    // Waiting for approval (Quay purges unapproved keys older than a day).
    for (i, service) in [
        "clair",
        "securityworker",
        "builder",
        "notary",
        "quay_ci",
        "jenkins",
    ]
    .into_iter()
    .enumerate()
    {
        out.push(Plan {
            origin: Origin::KeyServer(false),
            service,
            name: String::new(),
            created: -rng.range(5 * 60, 20 * HOUR),
            expires: (i % 3 != 0).then(|| rng.range(DAY, 60 * DAY)),
            rotation: None,
            notes: "",
            extra: json!({}),
        });
    }
    // Expired: five within the last week (still listed), two long ago (no longer listed).
    for (i, service) in [
        "clair", "builder", "quay_ci", "jenkins", "gitops", "clair", "legacy",
    ]
    .into_iter()
    .enumerate()
    {
        let expired_ago = if i < 5 {
            rng.range(HOUR, 6 * DAY)
        } else {
            rng.range(10 * DAY, 60 * DAY)
        };
        out.push(Plan {
            origin: Origin::Superuser,
            service,
            name: format!("expired key {}", i + 1),
            created: -expired_ago - rng.range(7 * DAY, 90 * DAY),
            expires: Some(-expired_ago),
            rotation: None,
            notes: "",
            extra: json!({}),
        });
    }
    out
}

pub(super) fn seed(tx: &Tx<'_>, world: &mut World) -> Result<(), SeedError> {
    let mut rng = world.rng("service-keys");
    let moduli: Vec<&str> = RSA_MODULI.lines().filter(|l| !l.is_empty()).collect();
    let mut plans = plans(&mut rng);
    plans.sort_by_key(|p| p.created);
    assert!(plans.len() <= moduli.len(), "one RSA key per service key");

    let mut approval = tx.prepare(
        "INSERT INTO service_key_approvals (approver_id, approval_type, approved_date, notes) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut key = tx.prepare(
        "INSERT INTO service_keys (name, kid, service, jwk, metadata, created_date, \
         expiration_date, rotation_duration, approval_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let now = world.now;
    let first_user = world.first_user_id();
    let superusers: Vec<(i64, String)> = world
        .superusers
        .iter()
        .map(|&i| (world.users[i].id, world.users[i].username.clone()))
        .collect();
    for (plan, n) in plans.iter().zip(moduli) {
        let kid = thumbprint(n);
        let jwk = json!({"e": "AQAB", "kid": kid, "kty": "RSA", "n": n});
        let created = now + plan.created;
        let expires = plan.expires.map(|e| now + e);
        let ip = client_ip(&mut rng);
        let (approver_id, approver) = superusers[rng.index(superusers.len())].clone();
        let mut metadata = match plan.origin {
            Origin::Instance => json!({"created_by": "CLI tool"}),
            Origin::Superuser => {
                json!({"created_by": "Quay Superuser Panel", "creator": approver, "ip": ip})
            }
            Origin::KeyServer(_) => json!({"ip": ip}),
        };
        if let (Value::Object(m), Value::Object(extra)) = (&mut metadata, &plan.extra) {
            m.extend(extra.clone());
        }
        let approved_at = match plan.origin {
            Origin::KeyServer(true) => Some(created + rng.range(HOUR, 20 * HOUR)),
            Origin::KeyServer(false) => None,
            _ => Some(created),
        };
        let approval_id = match (plan.origin, approved_at) {
            (_, None) => None,
            (Origin::Instance, Some(at)) => {
                approval.execute(params![None::<i64>, AUTOMATIC_APPROVAL, at, ""])?;
                Some(tx.last_insert_rowid())
            }
            (_, Some(at)) => {
                approval.execute(params![approver_id, SUPERUSER_APPROVAL, at, plan.notes])?;
                Some(tx.last_insert_rowid())
            }
        };
        key.execute(params![
            plan.name,
            kid,
            plan.service,
            jwk.to_string(),
            metadata.to_string(),
            created,
            expires,
            plan.rotation,
            approval_id,
        ])?;
        match (expires, approval_id) {
            (Some(e), _) if e <= now => world.summary.service_keys_expired += 1,
            (_, None) => world.summary.service_keys_pending += 1,
            _ => world.summary.service_keys_approved += 1,
        }

        // The usage-log entries these actions wrote (account: the first user).
        let at_us = |t: i64, rng: &mut SplitMix64| t * 1_000_000 + rng.range(0, 1_000_000);
        match plan.origin {
            Origin::Instance => {}
            Origin::Superuser => {
                let meta = json!({
                    "kid": kid, "preshared": true, "service": plan.service, "name": plan.name,
                    "expiration_date": expires, "auto_approved": true,
                });
                let t = at_us(created, &mut rng);
                for (kind, dt) in [
                    ("service_key_create", t),
                    ("service_key_approve", t + 1_000),
                ] {
                    world.event(Event {
                        datetime_us: dt,
                        kind,
                        account_id: Some(first_user),
                        performer_id: Some(approver_id),
                        repository_id: None,
                        ip: Some(ip.clone()),
                        metadata: meta.clone(),
                    });
                }
            }
            Origin::KeyServer(approved) => {
                world.event(Event {
                    datetime_us: at_us(created, &mut rng),
                    kind: "service_key_create",
                    account_id: Some(first_user),
                    performer_id: None,
                    repository_id: None,
                    ip: Some(ip.clone()),
                    metadata: json!({
                        "kid": kid, "preshared": false, "service": plan.service, "name": "",
                        "expiration_date": expires,
                        "user_agent": format!("{}/4.7.3 python-requests/2.31.0", plan.service),
                        "ip": ip,
                    }),
                });
                if let (true, Some(at)) = (approved, approved_at) {
                    world.event(Event {
                        datetime_us: at_us(at, &mut rng),
                        kind: "service_key_approve",
                        account_id: Some(first_user),
                        performer_id: Some(approver_id),
                        repository_id: None,
                        ip: Some(client_ip(&mut rng)),
                        metadata: json!({
                            "kid": kid, "service": plan.service, "name": "",
                            "expiration_date": expires,
                        }),
                    });
                }
            }
        }
        // Some keys had their expiration extended since.
        if plan.origin == Origin::Superuser && expires.is_some_and(|e| e > now) && rng.chance(0.3) {
            let at = rng.range(created + 1, now);
            world.event(Event {
                datetime_us: at_us(at, &mut rng),
                kind: "service_key_extend",
                account_id: Some(first_user),
                performer_id: Some(approver_id),
                repository_id: None,
                ip: Some(client_ip(&mut rng)),
                metadata: json!({
                    "kid": kid, "service": plan.service, "name": plan.name,
                    "expiration_date": expires,
                    "old_expiration_date": expires.map(|e| e - 30 * DAY),
                }),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn embedded_keys_are_rsa_2048_and_distinct() {
        let moduli: Vec<&str> = RSA_MODULI.lines().filter(|l| !l.is_empty()).collect();
        assert!(moduli.len() >= plans(&mut SplitMix64::new(1)).len());
        for n in &moduli {
            assert_eq!(n.len(), 342, "a 2048-bit modulus in base64url");
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(n)
                .unwrap();
            assert_eq!(bytes.len(), 256);
            assert!(bytes[0] & 0x80 != 0);
        }
        let kids: std::collections::HashSet<String> =
            moduli.iter().map(|n| thumbprint(n)).collect();
        assert_eq!(kids.len(), moduli.len());
        assert!(kids.iter().all(|k| k.len() == 43));
    }

    #[test]
    fn jwks_are_what_the_service_key_code_makes() {
        use crate::service_keys::public_jwk;
        let moduli: Vec<&str> = RSA_MODULI.lines().filter(|l| !l.is_empty()).collect();
        for n in moduli {
            let jwk = json!({"e": "AQAB", "kid": thumbprint(n), "kty": "RSA", "n": n});
            let key = crate::service_keys::rsa_public_key(&jwk).expect("a valid RSA JWK");
            assert_eq!(public_jwk(&key), jwk);
        }
    }

    #[test]
    fn names_match_quays_rule() {
        for plan in plans(&mut SplitMix64::new(1)) {
            assert!(
                plan.name
                    .chars()
                    .all(|c| c.is_whitespace() || c.is_ascii_alphanumeric() || "-_:/".contains(c)),
                "{:?}",
                plan.name
            );
            assert!(plan
                .service
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        }
    }
}
