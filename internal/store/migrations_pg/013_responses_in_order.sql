-- Results read a consultation's responses in the order they were stored (rid), from where they
-- left off: with this index they stream in that order instead of being sorted whole first.
CREATE INDEX responses_consultation_rid ON responses(consultation_id, rid);
