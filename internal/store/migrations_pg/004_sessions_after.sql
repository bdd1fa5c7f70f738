-- PostgreSQL version of migrations/004_sessions_after.sql.
ALTER TABLE users ADD COLUMN sessions_after BIGINT NOT NULL DEFAULT 0;
