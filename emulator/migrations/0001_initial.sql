-- Initial schema. Shaped after Quay's tables (data/database.py), reduced to what the superuser API
-- reads and writes. Times are unix seconds (UTC). Ids are rowids without AUTOINCREMENT on purpose:
-- Quay on SQLite reuses the highest id after a delete, and the API shows some ids (quotas).

-- Secrets the emulator generates once and keeps (the AES key of encrypt_user_password).
CREATE TABLE emulator_secret (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

-- Users, organizations and robots share one namespace table, as in Quay.
CREATE TABLE users (
    id                       INTEGER PRIMARY KEY,
    uuid                     TEXT    NOT NULL UNIQUE,
    username                 TEXT    NOT NULL UNIQUE,
    -- Never empty: Quay stores a random UUID when no e-mail is given.
    email                    TEXT    NOT NULL,
    -- Argon2id PHC string; NULL for organizations, robots and users without a password.
    password_hash            TEXT,
    verified                 INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    enabled                  INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    organization             INTEGER NOT NULL DEFAULT 0 CHECK (organization IN (0, 1)),
    robot                    INTEGER NOT NULL DEFAULT 0 CHECK (robot IN (0, 1)),
    removed_tag_expiration_s INTEGER NOT NULL,
    invoice_email            INTEGER NOT NULL DEFAULT 0 CHECK (invoice_email IN (0, 1)),
    invoice_email_address    TEXT,
    given_name               TEXT,
    family_name              TEXT,
    company                  TEXT,
    location                 TEXT,
    creation_date            INTEGER NOT NULL,
    last_accessed            INTEGER
);
CREATE INDEX users_email ON users (email);

-- A deleted user or organization keeps its row (renamed to a UUID, disabled); its original name
-- stays reserved through this table ("Username is not available").
CREATE TABLE deleted_namespaces (
    id                INTEGER PRIMARY KEY,
    namespace_id      INTEGER NOT NULL UNIQUE REFERENCES users (id),
    marked            INTEGER NOT NULL,
    original_username TEXT    NOT NULL,
    original_email    TEXT    NOT NULL
);
CREATE INDEX deleted_namespaces_original_username ON deleted_namespaces (original_username);

-- Organization teams; role is Quay's TeamRole name.
CREATE TABLE teams (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES users (id),
    name            TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'creator', 'member')),
    description     TEXT    NOT NULL DEFAULT '',
    UNIQUE (organization_id, name)
);

CREATE TABLE team_members (
    id      INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    UNIQUE (team_id, user_id)
);

CREATE TABLE oauth_applications (
    id              INTEGER PRIMARY KEY,
    client_id       TEXT    NOT NULL UNIQUE,
    client_secret   TEXT    NOT NULL,
    redirect_uri    TEXT    NOT NULL,
    application_uri TEXT    NOT NULL,
    -- The owning namespace (an organization, or the user itself for initialize's `automation`).
    organization_id INTEGER NOT NULL REFERENCES users (id),
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    avatar_email    TEXT
);

-- Access tokens are stored only as SHA-256 (hex) of the token.
CREATE TABLE oauth_access_tokens (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT    NOT NULL UNIQUE,
    application_id     INTEGER NOT NULL REFERENCES oauth_applications (id),
    authorized_user_id INTEGER NOT NULL REFERENCES users (id),
    scope              TEXT    NOT NULL,
    token_hash         TEXT    NOT NULL UNIQUE,
    token_type         TEXT    NOT NULL DEFAULT 'Bearer',
    created_at         INTEGER NOT NULL,
    expires_at         INTEGER NOT NULL
);
CREATE INDEX oauth_access_tokens_user ON oauth_access_tokens (authorized_user_id);

-- Server-side state of the `_csrf_token` session cookie (stored as SHA-256 of the cookie value).
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    cookie_hash TEXT    NOT NULL UNIQUE,
    -- NULL until someone signs in through this session.
    user_id     INTEGER REFERENCES users (id),
    csrf_token  TEXT    NOT NULL,
    login_time  INTEGER,
    created_at  INTEGER NOT NULL,
    -- NULL: a browser-session cookie (no Expires).
    expires_at  INTEGER
);

-- At most one quota per namespace (Quay's rule).
CREATE TABLE quotas (
    id           INTEGER PRIMARY KEY,
    namespace_id INTEGER NOT NULL UNIQUE REFERENCES users (id),
    limit_bytes  INTEGER NOT NULL
);

CREATE TABLE quota_limits (
    id               INTEGER PRIMARY KEY,
    quota_id         INTEGER NOT NULL REFERENCES quotas (id) ON DELETE CASCADE,
    limit_type       TEXT    NOT NULL CHECK (limit_type IN ('Warning', 'Reject')),
    percent_of_limit INTEGER NOT NULL
);
