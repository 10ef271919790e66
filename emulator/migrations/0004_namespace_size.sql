-- Superuser users and organizations: namespace sizes (quota reports), e-mail codes and the local
-- outbox that stands in for Quay's SMTP server.

-- Quay's QuotaNamespaceSize: the storage a namespace consumes, as the (absent) size worker would
-- compute it. No row: 0 bytes, backfill "waiting". Milliseconds since the Unix epoch.
CREATE TABLE namespace_size (
    namespace_id      INTEGER PRIMARY KEY REFERENCES users (id),
    size_bytes        INTEGER NOT NULL,
    backfill_start_ms INTEGER,
    backfill_complete INTEGER NOT NULL DEFAULT 0 CHECK (backfill_complete IN (0, 1))
);

-- Quay's EmailConfirmation: e-mail confirmation and password recovery codes. `code` is the public
-- half; only the SHA-256 (hex) of the private half is kept.
CREATE TABLE email_confirmations (
    id                INTEGER PRIMARY KEY,
    code              TEXT    NOT NULL UNIQUE,
    verification_hash TEXT,
    user_id           INTEGER NOT NULL REFERENCES users (id),
    pw_reset          INTEGER NOT NULL DEFAULT 0 CHECK (pw_reset IN (0, 1)),
    new_email         TEXT,
    email_confirm     INTEGER NOT NULL DEFAULT 0 CHECK (email_confirm IN (0, 1)),
    created           INTEGER NOT NULL
);

-- Every e-mail Quay would send (FEATURE_MAILING). Nothing leaves the machine.
CREATE TABLE outbox (
    id        INTEGER PRIMARY KEY,
    recipient TEXT    NOT NULL,
    subject   TEXT    NOT NULL,
    -- Plain-text body (Quay's html2text rendering of the template).
    body      TEXT    NOT NULL,
    html      TEXT    NOT NULL,
    -- Unix seconds.
    created   INTEGER NOT NULL
);

-- The superuser lists page through namespaces by id within one kind.
CREATE INDEX users_kind ON users (organization, robot, id);
