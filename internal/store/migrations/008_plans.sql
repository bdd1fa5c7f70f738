-- Municipal development plans: axes, items, the evidence behind each item, states, and the
-- validation surveys generated from a plan (kept here, not in surveys/).
CREATE TABLE plans (
    id                  INTEGER PRIMARY KEY,
    municipality_id     INTEGER NOT NULL REFERENCES municipalities(id),
    title               TEXT NOT NULL,  -- JSON {"es": ..., "en": ..., "pt": ...}
    period              TEXT NOT NULL,  -- JSON, per language
    state               TEXT NOT NULL CHECK (state IN ('draft', 'in_validation', 'validated')),
    adult_consultation  TEXT REFERENCES consultations(id),
    child_consultation  TEXT REFERENCES consultations(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX plans_municipality ON plans(municipality_id);

CREATE TABLE plan_axes (
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    title       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (plan_id, code)
);

CREATE TABLE plan_items (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    axis            TEXT NOT NULL,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    child_summary   TEXT NOT NULL DEFAULT '{}',
    icon            TEXT NOT NULL,
    proposed_order  INTEGER NOT NULL,
    budget          REAL,
    currency        TEXT NOT NULL DEFAULT '',
    unit            TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, code)
);

-- What an earlier consultation found; the snapshot is the published share on the day the plan
-- went to validation (JSON of plan.Snapshot).
CREATE TABLE plan_evidence (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES plan_items(id) ON DELETE CASCADE,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    question        TEXT NOT NULL,
    choice          TEXT NOT NULL,
    snapshot        TEXT,
    snapshot_at     TEXT
);
CREATE INDEX plan_evidence_item ON plan_evidence(item_id);

CREATE TABLE plan_states (
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    state       TEXT NOT NULL,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    user_name   TEXT NOT NULL
);

-- Surveys generated from a plan: the current file of each id; every version is also kept in
-- survey_versions like any other survey.
CREATE TABLE plan_surveys (
    survey_id   TEXT PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans(id),
    audience    TEXT NOT NULL,
    version     TEXT NOT NULL,
    source      BLOB NOT NULL,
    created_at  TEXT NOT NULL
);
