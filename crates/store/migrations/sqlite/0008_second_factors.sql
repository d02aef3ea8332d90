-- Second factors and passkeys (issue #10), SQLite flavour. Keep in step with
-- migrations/postgres/0008_second_factors.sql. Instants are BIGINT milliseconds since the
-- Unix epoch; UUIDs are 16-byte BLOBs.
--
-- Credentials gain the name their owner gave them (a passkey's "Work laptop"), a lookup
-- that finds one without knowing its identity (a passkey's credential id, unique per
-- kind), a counter that only moves forward (a TOTP's last accepted time step; 0 unused)
-- and the instant of their last use.
ALTER TABLE credentials ADD COLUMN name TEXT;
ALTER TABLE credentials ADD COLUMN lookup TEXT;
ALTER TABLE credentials ADD COLUMN counter BIGINT NOT NULL DEFAULT 0;
ALTER TABLE credentials ADD COLUMN last_used_at BIGINT;
CREATE UNIQUE INDEX credentials_lookup ON credentials (kind, lookup) WHERE lookup IS NOT NULL;

-- When a session's holder last proved themselves (the privileged window counts from
-- here). Sessions from before were last proved when they were created.
ALTER TABLE sessions ADD COLUMN authenticated_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET authenticated_at = created_at;

-- Recovery codes, by digest; a used code keeps its row (used_at) until the set is
-- replaced.
CREATE TABLE recovery_codes (
    id           BLOB    NOT NULL PRIMARY KEY,
    identity_id  BLOB    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    code_hash    TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    used_at      BIGINT
);
CREATE INDEX recovery_codes_identity_id ON recovery_codes (identity_id, code_hash);

-- Devices that passed the second factor and asked to be remembered, by the digest of
-- their token (the token itself is never stored).
CREATE TABLE trusted_devices (
    id            BLOB    NOT NULL PRIMARY KEY,
    identity_id   BLOB    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    token_hash    TEXT    NOT NULL UNIQUE,
    user_agent    TEXT,
    ip            TEXT,
    created_at    BIGINT  NOT NULL,
    last_used_at  BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    revoked_at    BIGINT
);
CREATE INDEX trusted_devices_identity_id ON trusted_devices (identity_id);
