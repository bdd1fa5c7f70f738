-- Session lists count each session's responses: with this index a count reads one session's
-- entries instead of the whole table. Link responses have no session and take no entry.
CREATE INDEX responses_session ON responses(session_id) WHERE session_id IS NOT NULL;
