-- Accounts, roles, municipalities they belong to, API tokens, the audit log, targets.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'facilitator')),
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);

CREATE TABLE user_municipalities (
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    PRIMARY KEY (user_id, municipality_id)
);

-- Tokens are stored as their SHA-256: the database never holds one that works.
CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    hash        TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE audit (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    user_id         INTEGER,
    user_name       TEXT NOT NULL,
    action          TEXT NOT NULL,
    target          TEXT NOT NULL DEFAULT '',
    detail          TEXT NOT NULL DEFAULT '',
    municipality_id INTEGER
);
CREATE INDEX audit_at ON audit(at);

-- Optional targets per group and gender, for the facilitator's count behind the PIN.
CREATE TABLE targets (
    consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    grp             TEXT NOT NULL,
    gender          TEXT NOT NULL,
    target          INTEGER NOT NULL CHECK (target >= 0),
    PRIMARY KEY (consultation_id, grp, gender)
);

ALTER TABLE sessions ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE sessions ADD COLUMN parental_consent INTEGER NOT NULL DEFAULT 0;
