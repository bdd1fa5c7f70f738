-- Tallies get one line per consultation and writer: several instances on one PostgreSQL database
-- each update their own line, instead of waiting for one another on one line from its update to
-- their commit; readers sum the lines. SQLite has one writer, line 0.
ALTER TABLE tallies ADD COLUMN writer BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tallies DROP CONSTRAINT tallies_pkey;
ALTER TABLE tallies ADD PRIMARY KEY (consultation_id, writer);
ALTER TABLE tallies ALTER COLUMN writer DROP DEFAULT;

-- The transaction that stored a response (its 64-bit id): results read responses in the order of
-- (xact, rid) and only those of transactions older than every one still running, so a response
-- that commits after one with a larger rid is still read, once. Rows stored before this migration
-- keep 0 (set without rewriting the table); every insert after it gets its transaction's id.
ALTER TABLE responses ADD COLUMN xact BIGINT NOT NULL DEFAULT 0;
ALTER TABLE responses ALTER COLUMN xact SET DEFAULT pg_current_xact_id()::text::bigint;
CREATE INDEX responses_consultation_xact ON responses(consultation_id, xact, rid);
-- Results read in that order now, and what else reads a consultation's responses finds them by
-- the new index as well: one index fewer to write with every response.
DROP INDEX responses_consultation_rid;

-- An answer row's reference to its response is checked by a trigger per row in PostgreSQL (a
-- response has some 30 rows): half of what the database spends storing a response, measured
-- (store's TestGroupCPUPostgres). Every answer row is written in the statement, or transaction,
-- that inserts its response, with the rid that insert returned, and responses are never deleted;
-- SQLite, whose check is an index lookup, keeps it.
ALTER TABLE answers DROP CONSTRAINT answers_rid_fkey;
