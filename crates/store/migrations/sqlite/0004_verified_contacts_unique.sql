-- Contacts are unique only once verified, SQLite flavour. Keep in step with
-- migrations/postgres/0004_verified_contacts_unique.sql.
--
-- An unverified contact is a claim, not a fact: anyone can type a stranger's phone number
-- or address at sign-up. Under the old UNIQUE (kind, address_key) such a claim blocked the
-- real owner from ever using the address. Now several identities may claim one address;
-- only one may hold it verified, and verifying it removes the others' claims (flows).
--
-- SQLite cannot drop a table constraint, so the table is rebuilt. Nothing references
-- contacts, so dropping the old table is safe with foreign keys on.
CREATE TABLE contacts_new (
    id           BLOB    NOT NULL PRIMARY KEY,
    identity_id  BLOB    NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    address_key  TEXT    NOT NULL,
    verified     BOOLEAN NOT NULL DEFAULT FALSE,
    is_primary   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   BIGINT  NOT NULL
);
INSERT INTO contacts_new (id, identity_id, kind, address, address_key, verified, is_primary, created_at)
    SELECT id, identity_id, kind, address, address_key, verified, is_primary, created_at FROM contacts;
DROP TABLE contacts;
ALTER TABLE contacts_new RENAME TO contacts;
CREATE INDEX contacts_identity_id ON contacts (identity_id);
-- One primary contact per kind and identity.
CREATE UNIQUE INDEX contacts_one_primary ON contacts (identity_id, kind) WHERE is_primary;
-- One verified holder per address; lookups by address use it too.
CREATE UNIQUE INDEX contacts_verified_key ON contacts (kind, address_key) WHERE verified;
-- Every claim of an address (lookups, and removing the claims once it is verified); an
-- identity claims an address once.
CREATE UNIQUE INDEX contacts_key_identity ON contacts (kind, address_key, identity_id);
