-- A results snapshot is saved as a new generation of parts, each part in a short transaction of
-- its own, and then switched to in one small one: SQLite's one writer, which every response waits
-- for, is never held for the whole snapshot (30 MB at 100,000 responses). Parts of any other
-- generation than the one result_snapshots names are left over (a save that lost, or was cut
-- short) and deleted by the next save. The parts' primary key takes the generation, so the table
-- is rebuilt; what is stored is generation 0.
ALTER TABLE result_snapshots ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;

CREATE TABLE result_snapshot_parts_new (
    consultation_id TEXT NOT NULL REFERENCES result_snapshots(consultation_id) ON DELETE CASCADE,
    generation      INTEGER NOT NULL,
    part            INTEGER NOT NULL,
    data            BLOB NOT NULL,
    PRIMARY KEY (consultation_id, generation, part)
);
INSERT INTO result_snapshot_parts_new (consultation_id, generation, part, data)
    SELECT consultation_id, 0, part, data FROM result_snapshot_parts;
DROP TABLE result_snapshot_parts;
ALTER TABLE result_snapshot_parts_new RENAME TO result_snapshot_parts;
