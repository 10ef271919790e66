-- Superuser log views (Quay's SuperUserLogs, SuperUserAggregateLogs). Log pages walk
-- `log_entries_datetime` (datetime_us, id) newest first from a keyset; the aggregated counts per
-- day and kind read this covering index alone instead of every row of the window.
CREATE INDEX log_entries_datetime_kind ON log_entries (datetime_us, kind_id);
