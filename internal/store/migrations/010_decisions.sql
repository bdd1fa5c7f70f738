-- Decisions about a plan after its validation round, grouped in versions: a draft version's
-- decisions may change; a published version is frozen with its validated items (JSON of
-- []plan.Item). Item statuses and milestones follow the plan over its period.
CREATE TABLE plan_versions (
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('draft', 'published')),
    decisions       TEXT NOT NULL,  -- JSON []plan.Decision
    items           TEXT,           -- JSON []plan.Item, once published
    published_at    TEXT,
    published_by    INTEGER REFERENCES users(id),
    published_name  TEXT,
    PRIMARY KEY (plan_id, number)
);

CREATE TABLE plan_status (
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'stopped')),
    progress    INTEGER NOT NULL DEFAULT 0,
    milestones  TEXT NOT NULL DEFAULT '[]',  -- JSON []plan.Milestone
    updated_at  TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    user_name   TEXT NOT NULL,
    PRIMARY KEY (plan_id, code)
);

-- The follow-up round of a validated plan ("Do you agree with what was decided?").
ALTER TABLE plans ADD COLUMN followup_consultation TEXT REFERENCES consultations(id);
