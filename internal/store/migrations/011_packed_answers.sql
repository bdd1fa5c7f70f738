-- Results read one row per response: each response keeps its answer rows packed in one value
-- (the answers table stays the record of every answer). Older responses have none and are read
-- from answers.
ALTER TABLE responses ADD COLUMN answers_packed BLOB;

-- One line per consultation, updated in the transaction that stores its responses: how many it
-- holds and the last one's row id, so a reader knows in one lookup whether anything changed, and
-- a report can say as of when.
CREATE TABLE tallies (
    consultation_id TEXT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    responses       INTEGER NOT NULL,
    last_rid        INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
);

INSERT INTO tallies (consultation_id, responses, last_rid, updated_at)
SELECT consultation_id, count(*), max(rid), max(received_at) FROM responses GROUP BY consultation_id;
