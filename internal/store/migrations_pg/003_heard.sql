-- PostgreSQL version of migrations/003_heard.sql.
ALTER TABLE consultations ADD COLUMN promise TEXT NOT NULL DEFAULT '{}';
