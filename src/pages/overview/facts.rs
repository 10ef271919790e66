//! What each attention check found, apart from drawing it: the counts (by the target pages' own
//! rules, so a card and the page its link opens can never disagree), whether a finding needs
//! attention, the summary over every check, and each link's query in the parameters its page
//! already reads.

use crate::api::logs::AggregateCount;
use crate::api::registry_size::RegistrySize;
use crate::api::service_keys::ServiceKey;
use crate::components::quota_cell::Level;
use crate::dates::{day_of_ms, day_to_input};
use crate::list::query::ListQuery;
use crate::list::window::Row;
use crate::pages::quotas::row::{QuotaRow, OVER_90};

const DAY_MS: i64 = 86_400_000;
/// A registry size calculated longer ago than this is flagged as possibly out of date.
pub const SIZE_STALE_AFTER_MS: i64 = 7 * DAY_MS;
/// Quay's log kind for a refused sign-in (written only with `ACTION_LOG_AUDIT_LOGIN_FAILURES`).
pub const LOGIN_FAILURE: &str = "login_failure";
/// The Service keys page's `?only=` value for keys awaiting approval.
const KEYS_PENDING: &str = "pending";

/// Where one check stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Checking,
    /// The registry's answer is shown in the card, with a retry.
    Failed,
    /// Nothing to do.
    Calm,
    /// The check does not apply to this registry (e.g. quotas are off).
    Off,
    Attention,
}

impl Status {
    /// For `data-state`, which the styles and the tests read.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Checking => "checking",
            Status::Failed => "failed",
            Status::Calm => "calm",
            Status::Off => "off",
            Status::Attention => "attention",
        }
    }
}

/// The line over the cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Summary {
    /// Nothing found yet, nothing failed yet.
    Checking,
    /// Every check answered and none needs anything.
    AllWell,
    /// `n` checks need attention (whatever the others do).
    Attention(usize),
    /// None needs attention so far, but `n` could not be made: "all is well" would be a guess.
    Failed(usize),
}

pub fn summary(statuses: &[Status]) -> Summary {
    let count = |s: Status| statuses.iter().filter(|&&x| x == s).count();
    match (
        count(Status::Attention),
        count(Status::Failed),
        count(Status::Checking),
    ) {
        (0, 0, 0) => Summary::AllWell,
        (0, 0, _) => Summary::Checking,
        (0, failed, _) => Summary::Failed(failed),
        (n, _, _) => Summary::Attention(n),
    }
}

/// Keys no superuser has approved yet: the Service keys page's "Pending approval" filter.
pub fn pending_keys(keys: &[ServiceKey]) -> usize {
    keys.iter().filter(|k| k.approval.is_none()).count()
}

pub fn keys_status(pending: usize) -> Status {
    if pending == 0 {
        Status::Calm
    } else {
        Status::Attention
    }
}

pub fn keys_query() -> String {
    format!("only={KEYS_PENDING}")
}

/// Namespaces at 90 % of their limit or more, as the Quotas page's "Over 90 %" filter counts
/// them: `over` above their limit, `near` the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuotaTally {
    pub over: usize,
    pub near: usize,
}

impl QuotaTally {
    pub fn add(&mut self, rows: &[QuotaRow]) {
        let filter = ListQuery {
            only: Some(OVER_90.to_string()),
            ..ListQuery::default()
        };
        for row in rows.iter().filter(|r| r.in_facets(&filter)) {
            if row.level() == Some(Level::Over) {
                self.over += 1;
            } else {
                self.near += 1;
            }
        }
    }

    /// The rows the link's filter shows.
    pub fn total(&self) -> usize {
        self.over + self.near
    }

    pub fn status(&self) -> Status {
        if self.total() == 0 {
            Status::Calm
        } else {
            Status::Attention
        }
    }
}

pub fn quotas_query() -> String {
    format!("only={OVER_90}")
}

/// The UTC days the failed sign-ins are counted over: yesterday and today. Quay counts log
/// entries by whole UTC days only, so these are the fewest days that hold the last 24 hours;
/// the card says so rather than calling them "the last 24 hours", and its link shows exactly
/// these days, so the log page lists the entries counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignInDays {
    pub first_day: i64,
    pub last_day: i64,
}

impl SignInDays {
    pub fn at(now_ms: i64) -> Self {
        let today = day_of_ms(now_ms);
        SignInDays {
            first_day: today - 1,
            last_day: today,
        }
    }

    /// The usage log's custom range over these days, narrowed to failed sign-ins.
    pub fn logs_query(&self) -> String {
        format!(
            "from={}&to={}&kind={LOGIN_FAILURE}",
            day_to_input(self.first_day),
            day_to_input(self.last_day)
        )
    }
}

/// The entries of `kind` in Quay's counts. The days Quay labels them with do not matter here
/// (Quay rebuilds them wrongly across a month's end, see `pages::logs::range::month_pieces`),
/// only that every entry of the window is counted once.
pub fn count_of_kind(counts: &[AggregateCount], kind: &str) -> u64 {
    counts
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| c.count)
        .sum()
}

pub fn sign_ins_status(failed: u64) -> Status {
    if failed == 0 {
        Status::Calm
    } else {
        Status::Attention
    }
}

/// How current the registry's size is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeAge {
    /// A calculation is queued or running: a new total is on its way.
    Busy,
    Never,
    Fresh(i64),
    /// Calculated longer than [`SIZE_STALE_AFTER_MS`] ago.
    Stale(i64),
}

pub fn size_age(size: &RegistrySize, now_ms: i64) -> SizeAge {
    match size.last_ran {
        _ if size.busy() => SizeAge::Busy,
        None => SizeAge::Never,
        Some(ms) if now_ms - ms > SIZE_STALE_AFTER_MS => SizeAge::Stale(ms),
        Some(ms) => SizeAge::Fresh(ms),
    }
}

pub fn size_status(age: SizeAge) -> Status {
    match age {
        SizeAge::Busy | SizeAge::Fresh(_) => Status::Calm,
        SizeAge::Never | SizeAge::Stale(_) => Status::Attention,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::quota::{Owner, QuotaSummary};
    use crate::api::service_keys::Approval;
    use crate::api::user::Avatar;
    use crate::dates::input_to_day;

    fn key(kid: &str, approved: bool) -> ServiceKey {
        ServiceKey {
            kid: kid.into(),
            name: String::new(),
            service: "clair".into(),
            metadata: Default::default(),
            created_date: "Sun, 22 Nov 2026 23:10:00 GMT".into(),
            expiration_date: None,
            approval: approved.then(|| Approval {
                approval_type: "ServiceKeyApprovalType.SUPERUSER".into(),
                approved_date: "Sun, 22 Nov 2026 23:10:00 GMT".into(),
                approver: None,
                notes: String::new(),
            }),
        }
    }

    fn row(used: u64, limit: Option<u64>) -> QuotaRow {
        QuotaRow {
            name: format!("ns{used}"),
            owner: Owner::User,
            avatar: Avatar {
                name: String::new(),
                hash: String::new(),
                color: String::new(),
                kind: "user".into(),
            },
            used,
            quota: limit.map(|l| QuotaSummary {
                id: 1,
                limit_bytes: l,
            }),
            limit,
        }
    }

    #[test]
    fn summary_never_claims_all_well_before_every_check_answered() {
        use Status::*;
        assert_eq!(summary(&[Calm, Calm, Off, Calm]), Summary::AllWell);
        assert_eq!(summary(&[Calm, Checking, Calm]), Summary::Checking);
        assert_eq!(summary(&[Calm, Failed, Checking]), Summary::Failed(1));
        assert_eq!(
            summary(&[Attention, Failed, Attention]),
            Summary::Attention(2)
        );
        assert_eq!(summary(&[Checking, Attention]), Summary::Attention(1));
    }

    #[test]
    fn pending_keys_are_the_unapproved_ones() {
        let keys = [key("a", true), key("b", false), key("c", false)];
        assert_eq!(pending_keys(&keys), 2);
        assert_eq!(keys_status(2), Status::Attention);
        assert_eq!(keys_status(pending_keys(&keys[..1])), Status::Calm);
        assert_eq!(keys_query(), "only=pending");
    }

    #[test]
    fn quotas_counted_as_the_over_90_filter_shows_them() {
        let mut tally = QuotaTally::default();
        tally.add(&[
            row(101, Some(100)),   // over
            row(1001, Some(1000)), // over though the percentage rounds to 100
            row(1000, Some(1000)), // exactly at the limit: near
            row(90, Some(100)),    // near
            row(89, Some(100)),    // fine
            row(500, None),        // no limit
        ]);
        assert_eq!(tally, QuotaTally { over: 2, near: 2 });
        assert_eq!((tally.total(), tally.status()), (4, Status::Attention));
        assert_eq!(QuotaTally::default().status(), Status::Calm);
        assert_eq!(quotas_query(), "only=over90");
    }

    #[test]
    fn sign_ins_over_yesterday_and_today_utc() {
        let day = input_to_day("2026-11-22").unwrap();
        // 2026-11-22 00:30 UTC: yesterday is the 21st, whatever the reader's zone.
        let days = SignInDays::at(day * DAY_MS + 1_800_000);
        assert_eq!((days.first_day, days.last_day), (day - 1, day));
        assert_eq!(
            days.logs_query(),
            "from=2026-11-21&to=2026-11-22&kind=login_failure"
        );
        // Across a year's end.
        let jan1 = input_to_day("2027-01-01").unwrap();
        assert_eq!(
            SignInDays::at(jan1 * DAY_MS).logs_query(),
            "from=2026-12-31&to=2027-01-01&kind=login_failure"
        );
        let count = |kind: &str, count| AggregateCount {
            kind: kind.into(),
            count,
            datetime: "Sun, 22 Nov 2026 00:00:00 -0000".into(),
        };
        let counts = [
            count("login_failure", 3),
            count("pull_repo", 40),
            count("login_failure", 2),
        ];
        assert_eq!(count_of_kind(&counts, LOGIN_FAILURE), 5);
        assert_eq!(sign_ins_status(5), Status::Attention);
        assert_eq!(
            sign_ins_status(count_of_kind(&[], LOGIN_FAILURE)),
            Status::Calm
        );
    }

    #[test]
    fn registry_size_age() {
        let now = 1_795_348_800_000;
        let size = |last_ran, queued| RegistrySize {
            size_bytes: 1,
            last_ran,
            queued,
            running: false,
        };
        assert_eq!(size_age(&size(None, false), now), SizeAge::Never);
        assert_eq!(size_age(&size(None, true), now), SizeAge::Busy);
        let hour_ago = now - 3_600_000;
        assert_eq!(
            size_age(&size(Some(hour_ago), false), now),
            SizeAge::Fresh(hour_ago)
        );
        let week_ago = now - SIZE_STALE_AFTER_MS;
        assert_eq!(
            size_age(&size(Some(week_ago), false), now),
            SizeAge::Fresh(week_ago)
        );
        let older = week_ago - 1;
        assert_eq!(
            size_age(&size(Some(older), false), now),
            SizeAge::Stale(older)
        );
        assert_eq!(size_age(&size(Some(older), true), now), SizeAge::Busy);
        assert_eq!(size_status(SizeAge::Never), Status::Attention);
        assert_eq!(size_status(SizeAge::Stale(older)), Status::Attention);
        assert_eq!(size_status(SizeAge::Fresh(hour_ago)), Status::Calm);
        assert_eq!(size_status(SizeAge::Busy), Status::Calm);
    }
}
