-- Abuse protection: lockout counters (kept here rather than in Redis so that neither a
-- restart nor a Redis outage hands an attacker fresh free guesses) and unlock links.

-- One row per lockout key: an account (identity:<id>), an identifier nobody owns
-- (identifier:<kind>:<key>), or a device token (device:<id>).
CREATE TABLE lockouts (
    key              TEXT    NOT NULL PRIMARY KEY,
    failures         BIGINT  NOT NULL,
    last_failure_at  BIGINT  NOT NULL
);

-- The unlock link sent when an account locks: SHA-256 of a 256-bit token, single use, 2 h.
CREATE TABLE unlock_tokens (
    token_hash   TEXT    NOT NULL PRIMARY KEY,
    identity_id  BLOB    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    used_at      BIGINT
);
CREATE INDEX unlock_tokens_identity_id ON unlock_tokens (identity_id);
