-- Password recovery, SQLite flavour. Keep in step with migrations/postgres/0002_recovery.sql.

-- One-time link tokens: reset links (purpose 'reset', also what a recovery code yields)
-- and "this wasn't me" links (purpose 'report'). Only the SHA-256 of a token is kept.
-- credential_stamp is the password's updated_at when the token was issued: a token whose
-- stamp no longer matches is void, so a password change kills every older link.
-- flow_id has no foreign key: the token row is written in the flow's own transaction,
-- and a token outlives the flow it came from.
CREATE TABLE reset_tokens (
    token_hash        TEXT    NOT NULL PRIMARY KEY,
    identity_id       BLOB    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    flow_id           BLOB,
    purpose           TEXT    NOT NULL,
    credential_stamp  BIGINT,
    created_at        BIGINT  NOT NULL,
    expires_at        BIGINT  NOT NULL,
    used_at           BIGINT
);
CREATE INDEX reset_tokens_identity_id ON reset_tokens (identity_id, purpose);
CREATE INDEX reset_tokens_expires_at ON reset_tokens (expires_at);

-- Why a blocked identity is blocked. 'reported': its owner followed a "this wasn't me"
-- link, and a completed recovery lifts the block. Any other reason (or none) is for
-- support to lift.
CREATE TABLE identity_blocks (
    identity_id  BLOB    NOT NULL PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    reason       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL
);
