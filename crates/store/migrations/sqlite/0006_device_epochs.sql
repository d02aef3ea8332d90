-- Device trust per account: a device token carries the epoch it was issued in, and is
-- honoured only while that is the account's current epoch. A completed password reset
-- and "this wasn't me" bump it, so every device token issued before stops being trusted.
-- No row means epoch 0.
CREATE TABLE device_epochs (
    identity_id  BLOB    NOT NULL PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    epoch        BIGINT  NOT NULL
);
