-- What the municipality will do with what it heard, in each language, for the public "what we heard" page.
ALTER TABLE consultations ADD COLUMN promise TEXT NOT NULL DEFAULT '{}';
