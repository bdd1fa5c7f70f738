-- PostgreSQL version of migrations/005_record_key.sql: a random 32-bit record key per response.
ALTER TABLE responses ADD COLUMN record_key BIGINT NOT NULL DEFAULT 0;
UPDATE responses SET record_key = floor(random() * 4294967296)::bigint;
