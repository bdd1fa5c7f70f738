-- Surveys a municipality imported (from XLSForm) and saved; built-in surveys live in the binary.
-- Every saved version stays in survey_versions; this row points at the current one.
CREATE TABLE municipal_surveys (
    survey_id       TEXT PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    version         TEXT NOT NULL REFERENCES survey_versions(version),
    saved_by        INTEGER REFERENCES users(id),
    saved_at        TEXT NOT NULL
);
CREATE INDEX municipal_surveys_municipality ON municipal_surveys(municipality_id);
