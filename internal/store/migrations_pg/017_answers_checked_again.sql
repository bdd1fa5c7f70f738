-- Migration 015 dropped the check that an answer row's response exists, because with some 30 rows
-- a response it was half of what PostgreSQL spent storing one. The answers table now keeps only
-- texts (every other answer is packed with its response), a row for a few responses at most, so
-- the check costs next to nothing again (store's BenchmarkGroupCPUPostgres, both variants) and
-- comes back. The rows already stored are checked once, here, in a time that grows with them (a
-- database filled before answers were packed has 30 or so a response); another instance still
-- running on the database waits meanwhile to store responses.
ALTER TABLE answers ADD CONSTRAINT answers_rid_fkey FOREIGN KEY (rid) REFERENCES responses(rid) ON DELETE CASCADE NOT VALID;
ALTER TABLE answers VALIDATE CONSTRAINT answers_rid_fkey;
