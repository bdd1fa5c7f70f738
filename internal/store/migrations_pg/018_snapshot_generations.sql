-- A results snapshot is saved as a new generation of parts, each part in a short transaction of
-- its own, and then switched to in one small one (see ../migrations/018). What is stored is
-- generation 0.
ALTER TABLE result_snapshots ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE result_snapshot_parts ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE result_snapshot_parts ALTER COLUMN generation DROP DEFAULT;
ALTER TABLE result_snapshot_parts DROP CONSTRAINT result_snapshot_parts_pkey;
ALTER TABLE result_snapshot_parts ADD PRIMARY KEY (consultation_id, generation, part);
