-- Signed webhooks (issue #13), PostgreSQL flavour. Keep in step with
-- migrations/sqlite/0013_webhooks.sql. Instants are BIGINT milliseconds since the Unix
-- epoch; UUIDs are UUID.
--
-- The event row is the webhooks' outbox entry: `Flows::record` writes it as before, and
-- the webhook dispatcher takes undispatched rows, writes one delivery per subscribed
-- endpoint and marks them dispatched, in one transaction. Events from before this
-- migration count as dispatched: a webhook configured today does not receive the
-- history.
--
-- Added as TRUE (a catalogue change, no rewrite of the table), then new rows default to
-- FALSE.
ALTER TABLE events ADD COLUMN dispatched BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE events ALTER COLUMN dispatched SET DEFAULT FALSE;
CREATE INDEX events_undispatched ON events (at, id) WHERE NOT dispatched;

-- One POST of one event to one endpoint, retried until delivered or abandoned. `body` is
-- the exact JSON that is signed (the signature itself is made at each attempt, with its
-- own timestamp). No foreign key to events: the body carries all a delivery needs.
CREATE TABLE webhook_deliveries (
    id               UUID    NOT NULL PRIMARY KEY,
    event_id         UUID    NOT NULL,
    event_type       TEXT    NOT NULL,
    endpoint         TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    leased_until     BIGINT,
    last_status      BIGINT,
    last_error       TEXT,
    last_attempt_at  BIGINT,
    created_at       BIGINT  NOT NULL,
    delivered_at     BIGINT
);
-- At most one delivery of an event to an endpoint, whatever the dispatchers do.
CREATE UNIQUE INDEX webhook_deliveries_event_endpoint ON webhook_deliveries (event_id, endpoint);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_created_at ON webhook_deliveries (created_at);
