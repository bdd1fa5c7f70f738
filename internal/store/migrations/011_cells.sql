-- Counts kept up to date at write time, so results never read every answer again.
-- A stratum is every response of a consultation with the same profile, session, channel and day;
-- a cell is one kind of answer row in one stratum. Each keeps how many rows it holds and the sum
-- of their record keys modulo 2^32 (the cell key method sums them), updated in the transaction
-- that stores the responses, so counts and responses never disagree.
CREATE TABLE strata (
    id              INTEGER PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    grp             TEXT NOT NULL,
    gender          TEXT NOT NULL,
    age_band        TEXT NOT NULL,
    disability      TEXT NOT NULL,
    session_id      TEXT NOT NULL,
    channel         TEXT NOT NULL,
    day             TEXT NOT NULL,
    responses       INTEGER NOT NULL,
    keysum          INTEGER NOT NULL,
    UNIQUE (consultation_id, grp, gender, age_band, disability, session_id, channel, day)
);

-- kind: 0 asked and skipped, 1 a choice (with its rank position, 0 when not ranked), 2 a number,
-- 3 a text; lead is 1 on the first row of a question in its response, so "asked" is a sum.
CREATE TABLE cells (
    stratum_id  INTEGER NOT NULL REFERENCES strata(id),
    question    TEXT NOT NULL,
    kind        INTEGER NOT NULL,
    choice      TEXT NOT NULL,
    position    INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    lead        INTEGER NOT NULL,
    responses   INTEGER NOT NULL,
    keysum      INTEGER NOT NULL,
    PRIMARY KEY (stratum_id, question, kind, choice, position, number, lead)
) WITHOUT ROWID; -- read in key order in one lookup (PostgreSQL: a plain table with this key)

-- One line per consultation: how many responses the counts hold, so a reader knows in one
-- lookup whether anything changed, and a report can say as of when.
CREATE TABLE tallies (
    consultation_id TEXT PRIMARY KEY REFERENCES consultations(id),
    responses       INTEGER NOT NULL,
    last_rid        INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Each response also keeps its answer rows packed in one value, so results read one row per
-- response instead of one per answer (ten times faster from cold). Older responses have none and
-- are read from answers.
ALTER TABLE responses ADD COLUMN answers_packed BLOB;

-- Responses stored before this migration are counted now.
INSERT INTO strata (consultation_id, grp, gender, age_band, disability, session_id, channel, day, responses, keysum)
SELECT consultation_id, coalesce(grp, ''), coalesce(gender, ''), coalesce(age_band, ''), coalesce(disability, ''),
       coalesce(session_id, ''), channel, substr(received_at, 1, 10), count(*), sum(record_key) % 4294967296
FROM responses
GROUP BY consultation_id, coalesce(grp, ''), coalesce(gender, ''), coalesce(age_band, ''), coalesce(disability, ''),
         coalesce(session_id, ''), channel, substr(received_at, 1, 10);

INSERT INTO cells (stratum_id, question, kind, choice, position, number, lead, responses, keysum)
SELECT s.id, a.question,
       CASE WHEN a.number IS NOT NULL THEN 2 WHEN coalesce(a.choice, '') <> '' THEN 1 WHEN a.text IS NOT NULL THEN 3 ELSE 0 END,
       CASE WHEN a.number IS NULL AND coalesce(a.choice, '') <> '' THEN a.choice ELSE '' END,
       CASE WHEN a.number IS NULL AND coalesce(a.choice, '') <> '' THEN coalesce(a.position, 0) ELSE 0 END,
       coalesce(a.number, 0),
       a.rowid = (SELECT min(f.rowid) FROM answers f WHERE f.rid = a.rid AND f.question = a.question),
       count(*), sum(r.record_key) % 4294967296
FROM answers a
JOIN responses r ON r.rid = a.rid
JOIN strata s ON s.consultation_id = r.consultation_id AND s.grp = coalesce(r.grp, '') AND s.gender = coalesce(r.gender, '')
     AND s.age_band = coalesce(r.age_band, '') AND s.disability = coalesce(r.disability, '')
     AND s.session_id = coalesce(r.session_id, '') AND s.channel = r.channel AND s.day = substr(r.received_at, 1, 10)
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO tallies (consultation_id, responses, last_rid, updated_at)
SELECT consultation_id, count(*), max(rid), max(received_at) FROM responses GROUP BY consultation_id;
