-- Secrets every instance serving this database must share: the cookie keys, and the one-time link
-- that creates the first administrator. The first instance to start stores them; the others read them.
CREATE TABLE instance_secrets (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
