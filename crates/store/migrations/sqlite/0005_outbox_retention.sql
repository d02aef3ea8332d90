-- Audit issue 8, findings 7 and 11: messages carry how long they are worth delivering,
-- abandoned ones say why they were given up, and finished ones keep no body.

-- Until when a failing delivery is retried (millis). Rows from before this migration get
-- a day, the notice window.
ALTER TABLE outbox ADD COLUMN useful_until BIGINT NOT NULL DEFAULT 0;
UPDATE outbox SET useful_until = created_at + 86400000;

-- Why an abandoned message was given up: counts and error classes, never content.
ALTER TABLE outbox ADD COLUMN abandon_reason TEXT;

-- The text and HTML bodies carry codes and live links; nobody needs them once the message
-- is sent or abandoned. The subject and the metadata stay until the retention purge.
UPDATE outbox SET text = '', html = NULL WHERE status IN ('sent', 'abandoned');
