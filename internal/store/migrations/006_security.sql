-- When a consultation closed: its kiosks may still send their offline queue for a grace period after it.
ALTER TABLE consultations ADD COLUMN closed_at TEXT;
UPDATE consultations SET closed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE status = 'closed';

-- One secret per kiosk start, kept by the tablet with its offline queue; only its SHA-256 is stored.
CREATE TABLE kiosk_keys (
    hash        TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    started_by  INTEGER REFERENCES users(id),
    started_at  TEXT NOT NULL
);
CREATE INDEX kiosk_keys_session ON kiosk_keys(session_id);

-- Recent failed sign-ins and kiosk PINs, by account (or kiosk) and address, in the database so that
-- every instance of a future multi-instance deployment counts the same failures.
CREATE TABLE failed_attempts (
    id       INTEGER PRIMARY KEY,
    account  TEXT NOT NULL,
    addr     TEXT NOT NULL,
    at       INTEGER NOT NULL -- unix nanoseconds
);
CREATE INDEX failed_attempts_account ON failed_attempts(account, at);
CREATE INDEX failed_attempts_addr ON failed_attempts(addr, at);
CREATE INDEX failed_attempts_at ON failed_attempts(at);
