-- What a session is sure of (issue #9): its assurance level (1: one factor, 2: two) and
-- the methods that proved it (`amr`, method keys joined by spaces). Sessions from before
-- were all one factor, by the method they already record.
ALTER TABLE sessions ADD COLUMN aal SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT '';
UPDATE sessions SET amr = method;
