-- A consultation's results dataset as a reader last saved it, so that after a restart the first
-- results read one blob and only the responses stored after it, instead of every response. Only
-- readers write it, never the response path; it is never exported nor shown. The blob holds what
-- the responses table does for results (profiles, answers, record keys), nothing more. Its
-- position is where it stops in the order results read responses (xact, rid); last write wins.
CREATE TABLE result_snapshots (
    consultation_id TEXT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    xact            BIGINT NOT NULL,
    rid             BIGINT NOT NULL,
    responses       BIGINT NOT NULL,
    format          INTEGER NOT NULL,
    data            BYTEA NOT NULL,
    saved_at        TEXT NOT NULL
);
