-- Each response gets a random record key when stored (the cell key method: a published cell's
-- noise is derived from the keys of the responses in it). Never shown, never exported, and not
-- derivable from the response id. Responses stored before this migration get one now.
ALTER TABLE responses ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0;
UPDATE responses SET record_key = random() & 4294967295;
