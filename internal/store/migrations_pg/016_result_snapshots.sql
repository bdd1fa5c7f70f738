-- A consultation's results dataset as a reader last saved it, so that after a restart the first
-- results read the saved dataset and only the responses stored after it, instead of every response. Only
-- readers write it, never the response path; it is never exported nor shown. Its bytes hold what
-- the responses table does for results (profiles, answers, record keys), nothing more. Its
-- position is where it stops in the order results read responses (xact, rid); last write wins.
CREATE TABLE result_snapshots (
    consultation_id TEXT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    xact            BIGINT NOT NULL,
    rid             BIGINT NOT NULL,
    responses       BIGINT NOT NULL,
    format          INTEGER NOT NULL,
    saved_at        TEXT NOT NULL
);

-- The snapshot's bytes, in parts of about 1 MB in order, so that saving and reading hold one part
-- in memory at a time; they are replaced with the row above, in one transaction.
CREATE TABLE result_snapshot_parts (
    consultation_id TEXT NOT NULL REFERENCES result_snapshots(consultation_id) ON DELETE CASCADE,
    part            INTEGER NOT NULL,
    data            BYTEA NOT NULL,
    PRIMARY KEY (consultation_id, part)
);
