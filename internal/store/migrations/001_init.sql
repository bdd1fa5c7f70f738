-- The foundation: municipalities, surveys by version, consultations, sessions and responses.
CREATE TABLE municipalities (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    country     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (name, country)
);

-- Every survey version ever loaded, so responses taken with an older file stay valid.
CREATE TABLE survey_versions (
    version     TEXT PRIMARY KEY,
    survey_id   TEXT NOT NULL,
    source      BLOB NOT NULL,
    loaded_at   TEXT NOT NULL
);

CREATE TABLE consultations (
    id              TEXT PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    survey_id       TEXT NOT NULL,
    title           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    starts_on       TEXT,
    ends_on         TEXT,
    idle_seconds    INTEGER NOT NULL DEFAULT 180,
    created_at      TEXT NOT NULL
);
CREATE INDEX consultations_municipality ON consultations(municipality_id);

CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    place           TEXT NOT NULL,
    held_on         TEXT NOT NULL,
    facilitator     TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX sessions_consultation ON sessions(consultation_id);

-- The profile is kept in columns as it was given, so aggregation is a GROUP BY.
CREATE TABLE responses (
    rid             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    session_id      TEXT REFERENCES sessions(id),
    survey_version  TEXT NOT NULL REFERENCES survey_versions(version),
    language        TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('link', 'kiosk', 'paper')),
    grp             TEXT,
    gender          TEXT,
    age_band        TEXT,
    disability      TEXT,
    content_hash    TEXT NOT NULL,
    received_at     TEXT NOT NULL
);
CREATE INDEX responses_consultation ON responses(consultation_id, received_at);

-- One row per answered question; per chosen choice for select_multiple; rank keeps position;
-- an empty row for a question that was asked and skipped.
CREATE TABLE answers (
    rid         INTEGER NOT NULL REFERENCES responses(rid) ON DELETE CASCADE,
    question    TEXT NOT NULL,
    choice      TEXT,
    position    INTEGER,
    number      INTEGER,
    text        TEXT
);
CREATE INDEX answers_response ON answers(rid);
