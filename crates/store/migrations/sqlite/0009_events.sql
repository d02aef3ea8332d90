-- Security events (issue #12), SQLite flavour. Keep in step with
-- migrations/postgres/0009_events.sql. Instants are BIGINT milliseconds since the Unix
-- epoch; UUIDs are 16-byte BLOBs.
--
-- What happened to an account (`session.created`, `signin.failed`, …): the account's own
-- activity page, and the record the admin API and webhooks read. `identity_id` is no
-- foreign key: the shop keeps `identity.deleted` after the account is erased.
CREATE TABLE events (
    id           BLOB    NOT NULL PRIMARY KEY,
    identity_id  BLOB    NOT NULL,
    kind         TEXT    NOT NULL,
    at           BIGINT  NOT NULL,
    ip           TEXT,
    user_agent   TEXT,
    data         TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX events_identity_at ON events (identity_id, at);
