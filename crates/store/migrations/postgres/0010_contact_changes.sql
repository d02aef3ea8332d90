-- Email changes (issue #12), PostgreSQL flavour. Keep in step with
-- migrations/sqlite/0010_contact_changes.sql. Instants are BIGINT milliseconds since
-- the Unix epoch.
--
-- A revert link: when a new email becomes an account's primary, the old primary gets a
-- link that puts it back, removes the address that replaced it and ends every session.
-- Only the SHA-256 of the token is kept. The old address is copied here (not referenced)
-- so the revert still works after the old contact was removed. `new_contact_id` has no
-- foreign key: the revert removes that contact if it is still there.
CREATE TABLE email_reverts (
    token_hash      TEXT    NOT NULL PRIMARY KEY,
    identity_id     UUID    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    old_address     TEXT    NOT NULL,
    old_address_key TEXT    NOT NULL,
    new_contact_id  UUID    NOT NULL,
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    used_at         BIGINT
);
CREATE INDEX email_reverts_identity_id ON email_reverts (identity_id);
CREATE INDEX email_reverts_expires_at ON email_reverts (expires_at);
