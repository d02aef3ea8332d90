-- The admin API (issue #13), SQLite flavour. Keep in step with
-- migrations/postgres/0012_admin.sql. Instants are BIGINT milliseconds since the Unix
-- epoch; UUIDs are 16-byte BLOBs.
--
-- Admin keys: the SHA-256 of each key (the key itself is printed once and kept nowhere),
-- its role and name. A revoked key stays listed (the audit trail names it).
CREATE TABLE admin_keys (
    id            BLOB    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    key_hash      TEXT    NOT NULL UNIQUE,
    created_at    BIGINT  NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);

-- Who did it (an admin key, for `admin.*` events) and how it ended.
ALTER TABLE events ADD COLUMN actor_key_id BLOB;
ALTER TABLE events ADD COLUMN actor_key_name TEXT;
ALTER TABLE events ADD COLUMN outcome TEXT NOT NULL DEFAULT 'success';
UPDATE events SET outcome = 'failure' WHERE kind = 'signin.failed';
-- The admin API's event search and the retention purge read by time, and by type.
CREATE INDEX events_at ON events (at);
CREATE INDEX events_kind_at ON events (kind, at);

-- Accounts agents may not act on (staff, the shop's owners).
ALTER TABLE identities ADD COLUMN high_privilege BOOLEAN NOT NULL DEFAULT FALSE;

-- Order facts support records for assisted recovery: what a claimant must match.
CREATE TABLE identity_facts (
    id            BLOB    NOT NULL PRIMARY KEY,
    identity_id   BLOB    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    facts         TEXT    NOT NULL,
    recorded_by   TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX identity_facts_identity ON identity_facts (identity_id, created_at);
