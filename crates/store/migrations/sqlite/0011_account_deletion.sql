-- Account deletion (issue #12), SQLite flavour. Keep in step with
-- migrations/postgres/0011_account_deletion.sql. Instants are BIGINT milliseconds since the
-- Unix epoch; UUIDs are 16-byte BLOBs.
--
-- A pending deletion: the owner asked, and the account is erased at `erase_at` unless they
-- sign in first. A table apart from `identities`, so the identity's column list (and the
-- session check's positional reader) stays as it is. Erasing the identity removes the row.
CREATE TABLE account_deletions (
    identity_id   BLOB    NOT NULL PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    requested_at  BIGINT  NOT NULL,
    erase_at      BIGINT  NOT NULL
);
CREATE INDEX account_deletions_erase_at ON account_deletions (erase_at);
