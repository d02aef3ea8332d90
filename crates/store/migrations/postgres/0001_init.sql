-- Latchkey schema, PostgreSQL flavour. Keep in step with migrations/sqlite/0001_init.sql:
-- same tables, same columns, same file names. Instants are BIGINT milliseconds since the
-- Unix epoch; UUIDs are UUID; enums are TEXT without CHECK constraints, so adding
-- a kind later is a code change only, as on SQLite.

CREATE TABLE identities (
    id          UUID    NOT NULL PRIMARY KEY,
    name        TEXT,
    locale      TEXT,
    state       TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

CREATE TABLE contacts (
    id           UUID    NOT NULL PRIMARY KEY,
    identity_id  UUID    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    address_key  TEXT    NOT NULL,
    verified     BOOLEAN NOT NULL DEFAULT FALSE,
    is_primary   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   BIGINT  NOT NULL,
    UNIQUE (kind, address_key)
);
CREATE INDEX contacts_identity_id ON contacts (identity_id);
-- One primary contact per kind and identity.
CREATE UNIQUE INDEX contacts_one_primary ON contacts (identity_id, kind) WHERE is_primary;

CREATE TABLE credentials (
    id           UUID    NOT NULL PRIMARY KEY,
    identity_id  UUID    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    secret       TEXT    NOT NULL,
    data         TEXT    NOT NULL DEFAULT '{}',
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);
CREATE INDEX credentials_identity_id ON credentials (identity_id);
-- Passkeys and linked providers may come many per identity; these kinds come once.
CREATE UNIQUE INDEX credentials_single_kind ON credentials (identity_id, kind)
    WHERE kind IN ('password', 'totp', 'recovery_codes');

CREATE TABLE sessions (
    id                   UUID    NOT NULL PRIMARY KEY,
    identity_id          UUID    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    token_hash           TEXT    NOT NULL UNIQUE,
    created_at           BIGINT  NOT NULL,
    last_seen_at         BIGINT  NOT NULL,
    expires_at           BIGINT  NOT NULL,
    absolute_expires_at  BIGINT  NOT NULL,
    ip                   TEXT,
    user_agent           TEXT,
    method               TEXT    NOT NULL,
    revoked_at           BIGINT
);
CREATE INDEX sessions_identity_id ON sessions (identity_id, created_at);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE flows (
    id              UUID    NOT NULL PRIMARY KEY,
    kind            TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    identity_id     UUID    REFERENCES identities (id) ON DELETE CASCADE,
    identifier_key  TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    payload         TEXT    NOT NULL DEFAULT '{}',
    failures        BIGINT  NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    last_sent_at    BIGINT  NOT NULL,
    completed_at    BIGINT
);
CREATE INDEX flows_identity_id ON flows (identity_id);
CREATE INDEX flows_expires_at ON flows (expires_at);

CREATE TABLE flow_codes (
    id          UUID    NOT NULL PRIMARY KEY,
    flow_id     UUID    NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    code_hash   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX flow_codes_flow_id ON flow_codes (flow_id, created_at);

-- The courier's transactional outbox. Rows are written in the same transaction as the
-- change that caused them; no foreign keys, so a message outlives a deleted identity.
CREATE TABLE outbox (
    id               UUID    NOT NULL PRIMARY KEY,
    channel          TEXT    NOT NULL,
    recipient        TEXT    NOT NULL,
    locale           TEXT    NOT NULL,
    template         TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    text             TEXT    NOT NULL,
    html             TEXT,
    created_at       BIGINT  NOT NULL,
    status           TEXT    NOT NULL,
    attempts         BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    lease_until      BIGINT,
    last_error       TEXT,
    last_attempt_at  BIGINT,
    sent_at          BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created_at ON outbox (created_at);

CREATE TABLE dev_mailbox (
    id          UUID    NOT NULL PRIMARY KEY,
    to_address  TEXT    NOT NULL,
    to_key      TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    html        TEXT,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX dev_mailbox_to_key ON dev_mailbox (to_key, created_at);
CREATE INDEX dev_mailbox_created_at ON dev_mailbox (created_at);
