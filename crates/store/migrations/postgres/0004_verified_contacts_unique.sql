-- Contacts are unique only once verified, PostgreSQL flavour. Keep in step with
-- migrations/sqlite/0004_verified_contacts_unique.sql.
--
-- An unverified contact is a claim, not a fact: anyone can type a stranger's phone number
-- or address at sign-up. Under the old UNIQUE (kind, address_key) such a claim blocked the
-- real owner from ever using the address. Now several identities may claim one address;
-- only one may hold it verified, and verifying it removes the others' claims (flows).
ALTER TABLE contacts DROP CONSTRAINT contacts_kind_address_key_key;
-- One verified holder per address; lookups by address use it too.
CREATE UNIQUE INDEX contacts_verified_key ON contacts (kind, address_key) WHERE verified;
-- Every claim of an address (lookups, and removing the claims once it is verified); an
-- identity claims an address once.
CREATE UNIQUE INDEX contacts_key_identity ON contacts (kind, address_key, identity_id);
