-- A consultation's title and description in each language, as JSON objects {"en": "...", "pt": "..."}.
-- The title column stays the title in the default language; these hold the others.
ALTER TABLE consultations ADD COLUMN titles TEXT NOT NULL DEFAULT '{}';
ALTER TABLE consultations ADD COLUMN descriptions TEXT NOT NULL DEFAULT '{}';
