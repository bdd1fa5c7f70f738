-- Tallies get one line per consultation and writer: several instances on one PostgreSQL database
-- each update their own line, instead of waiting for one another on one line from its update to
-- their commit; readers sum the lines. SQLite has one writer, line 0.
CREATE TABLE tallies_by_writer (
    consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    writer          INTEGER NOT NULL,
    responses       INTEGER NOT NULL,
    last_rid        INTEGER NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (consultation_id, writer)
);
INSERT INTO tallies_by_writer (consultation_id, writer, responses, last_rid, updated_at)
SELECT consultation_id, 0, responses, last_rid, updated_at FROM tallies;
DROP TABLE tallies;
ALTER TABLE tallies_by_writer RENAME TO tallies;

-- The transaction that stored a response, on PostgreSQL (its 64-bit id): results read responses
-- in the order of (xact, rid) and only those of transactions older than every one still running,
-- so a response that commits after one with a larger rid is still read, once. SQLite's one writer
-- commits in rid order: there it stays 0.
ALTER TABLE responses ADD COLUMN xact INTEGER NOT NULL DEFAULT 0;
