-- Repositories and their blobs, storage sizes, service keys and builds: Quay's Repository,
-- ImageStorage + ManifestBlob, QuotaRepositorySize, QuotaRegistrySize, ServiceKey(Approval),
-- RepositoryBuildTrigger, RepositoryBuild and QueueItem (data/database.py), reduced to the columns
-- the superuser API reads. Times are unix seconds (UTC) unless a column name says otherwise; JSON
-- columns hold Quay's JSON text as is. Ids are rowids without AUTOINCREMENT, as in 0001.

-- Quay's Repository. visibility: Visibility names; kind: RepositoryKind names; state:
-- RepositoryState (0 NORMAL, 1 READ_ONLY, 2 MIRROR, 3 MARKED_FOR_DELETION, 4 ORG_MIRROR).
CREATE TABLE repositories (
    id            INTEGER PRIMARY KEY,
    namespace_id  INTEGER NOT NULL REFERENCES users (id),
    name          TEXT    NOT NULL,
    visibility    TEXT    NOT NULL CHECK (visibility IN ('public', 'private')),
    description   TEXT,
    badge_token   TEXT    NOT NULL,
    kind          TEXT    NOT NULL DEFAULT 'image' CHECK (kind IN ('image', 'application')),
    trust_enabled INTEGER NOT NULL DEFAULT 0 CHECK (trust_enabled IN (0, 1)),
    state         INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),
    UNIQUE (namespace_id, name)
);

-- Quay's ImageStorage: one row per stored blob, shared by every repository (of any namespace) that
-- references the same content digest. image_size is the declared (compressed) size in bytes.
CREATE TABLE blobs (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT    NOT NULL UNIQUE,
    -- "sha256:<64 hex>".
    content_checksum  TEXT    NOT NULL UNIQUE,
    image_size        INTEGER NOT NULL CHECK (image_size >= 0),
    uncompressed_size INTEGER,
    uploading         INTEGER NOT NULL DEFAULT 0 CHECK (uploading IN (0, 1)),
    cas_path          INTEGER NOT NULL DEFAULT 1 CHECK (cas_path IN (0, 1))
);

-- Quay's ManifestBlob without the manifest: which blobs a repository references. Namespace and
-- repository sizes are the sums over their distinct blobs (data/model/quota.py get_*_total).
CREATE TABLE repository_blobs (
    id            INTEGER PRIMARY KEY,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    blob_id       INTEGER NOT NULL REFERENCES blobs (id),
    UNIQUE (repository_id, blob_id)
);
CREATE INDEX repository_blobs_blob ON repository_blobs (blob_id);

-- Quay's QuotaRepositorySize (the namespace total is in namespace_size, migration 0004).
CREATE TABLE repository_size (
    repository_id     INTEGER PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    size_bytes        INTEGER NOT NULL DEFAULT 0,
    backfill_start_ms INTEGER,
    backfill_complete INTEGER NOT NULL DEFAULT 0 CHECK (backfill_complete IN (0, 1))
);

-- Quay's QuotaRegistrySize (data/database.py): at most one row; none until a calculation was
-- first queued.
CREATE TABLE registry_size (
    id           INTEGER PRIMARY KEY,
    size_bytes   INTEGER NOT NULL DEFAULT 0,
    running      INTEGER NOT NULL DEFAULT 0 CHECK (running IN (0, 1)),
    queued       INTEGER NOT NULL DEFAULT 0 CHECK (queued IN (0, 1)),
    -- Unix milliseconds of the last completed run.
    completed_ms INTEGER
);

-- Quay's ServiceKeyApproval. approval_type: "ServiceKeyApprovalType.SUPERUSER" or
-- "ServiceKeyApprovalType.AUTOMATIC" (approver NULL).
CREATE TABLE service_key_approvals (
    id            INTEGER PRIMARY KEY,
    approver_id   INTEGER REFERENCES users (id),
    approval_type TEXT    NOT NULL,
    approved_date INTEGER NOT NULL,
    notes         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX service_key_approvals_type ON service_key_approvals (approval_type);

-- Quay's ServiceKey. jwk and metadata are JSON objects; approval_id NULL = pending.
CREATE TABLE service_keys (
    id                INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL,
    kid               TEXT    NOT NULL UNIQUE,
    service           TEXT    NOT NULL,
    jwk               TEXT    NOT NULL,
    metadata          TEXT    NOT NULL,
    created_date      INTEGER NOT NULL,
    expiration_date   INTEGER,
    rotation_duration INTEGER,
    approval_id       INTEGER REFERENCES service_key_approvals (id)
);
CREATE INDEX service_keys_service ON service_keys (service);

-- Quay's QueueItem, for the build queue (a build whose queue item has no retries left reports
-- "expired" instead of "internalerror": _get_build_status in endpoints/api/build.py). No worker
-- ever takes items in the emulator.
CREATE TABLE queue_items (
    id                 INTEGER PRIMARY KEY,
    queue_name         TEXT    NOT NULL,
    body               TEXT    NOT NULL,
    available_after    INTEGER NOT NULL,
    available          INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
    processing_expires INTEGER,
    retries_remaining  INTEGER NOT NULL DEFAULT 5
);
CREATE INDEX queue_items_queue_name ON queue_items (queue_name);

-- Quay's RepositoryBuildTrigger. service: BuildTriggerService names (github, gitlab, bitbucket,
-- custom-git); config: JSON object (build_source, dockerfile_path, context, …).
CREATE TABLE build_triggers (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT    NOT NULL UNIQUE,
    service           TEXT    NOT NULL,
    repository_id     INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    connected_user_id INTEGER NOT NULL REFERENCES users (id),
    config            TEXT    NOT NULL DEFAULT '{}',
    pull_robot_id     INTEGER REFERENCES users (id),
    enabled           INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    disabled_reason   TEXT
);
CREATE INDEX build_triggers_repository ON build_triggers (repository_id);

-- Quay's RepositoryBuild. phase: Quay's BUILD_PHASE values (what the builder stores; "expired" and
-- "cannot_load" are only computed when the build is shown, by _get_build_status). job_config:
-- JSON object (docker_tags, registry, build_subdir, context, trigger_metadata, is_manual,
-- manual_user, archive_url).
CREATE TABLE builds (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT    NOT NULL UNIQUE,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    resource_key  TEXT,
    job_config    TEXT    NOT NULL,
    phase         TEXT    NOT NULL DEFAULT 'waiting' CHECK (phase IN (
                      'waiting', 'build-scheduled', 'unpacking', 'pulling', 'building', 'pushing',
                      'complete', 'error', 'internalerror', 'cancelled')),
    started       INTEGER NOT NULL,
    display_name  TEXT    NOT NULL,
    trigger_id    INTEGER REFERENCES build_triggers (id),
    pull_robot_id INTEGER REFERENCES users (id),
    logs_archived INTEGER NOT NULL DEFAULT 0 CHECK (logs_archived IN (0, 1)),
    -- str(queue_items.id), as Quay stores it.
    queue_id      TEXT,
    -- The live status Quay keeps in Redis (JSON object, e.g. {"total_commands": 7,
    -- "current_command": 3, "push_completion": 0.4, "pull_completion": 1.0, "heartbeat": 1795993800});
    -- NULL when there is none.
    status        TEXT,
    -- When set, reading the live status fails with this message (Redis down: phase "cannot_load").
    status_error  TEXT
);
CREATE INDEX builds_repository_started ON builds (repository_id, started, phase);
CREATE INDEX builds_started ON builds (started, logs_archived, phase);

-- The build log Quay keeps in Redis: entry idx (0-based) of a build, JSON
-- {"message": …, "type"?: "phase"|"command"|"error", "data"?: {…}}.
CREATE TABLE build_log_lines (
    build_id INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    entry    TEXT    NOT NULL,
    PRIMARY KEY (build_id, idx)
) WITHOUT ROWID;

-- LogEntry3's repository column (repository logs; index (repository, datetime, kind)). A plain
-- integer as in Quay, so deleting a repository keeps its log entries.
ALTER TABLE log_entries ADD COLUMN repository_id INTEGER;
CREATE INDEX log_entries_repository_datetime ON log_entries (repository_id, datetime_us, kind_id);
