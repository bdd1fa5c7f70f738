package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// ResultSnapshot is a consultation's results dataset as a reader saved it: the responses read up
// to Position, encoded in Format (see results.SnapshotFormat). It holds record keys, like the
// responses table it comes from: it is never exported nor shown, only read back by results.
type ResultSnapshot struct {
	Position  Position
	Responses int
	Format    int
	Data      []byte
	SavedAt   time.Time
}

// SaveResultSnapshot keeps a consultation's snapshot in place of the one before, unless that one
// holds more responses in the same format (another instance saved later data first): either is a
// prefix of the responses in read order, so either is right, and the larger saves more reading.
func (s *Store) SaveResultSnapshot(ctx context.Context, consultation string, snap ResultSnapshot) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO result_snapshots (consultation_id, xact, rid, responses, format, data, saved_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (consultation_id) DO UPDATE SET xact = excluded.xact, rid = excluded.rid, responses = excluded.responses,
			format = excluded.format, data = excluded.data, saved_at = excluded.saved_at
		WHERE excluded.responses >= result_snapshots.responses OR excluded.format <> result_snapshots.format`,
		consultation, snap.Position.Xact, snap.Position.RID, snap.Responses, snap.Format, snap.Data, s.stamp())
	return err
}

// ResultSnapshot returns the consultation's last saved snapshot; ok is false when there is none.
func (s *Store) ResultSnapshot(ctx context.Context, consultation string) (snap ResultSnapshot, ok bool, err error) {
	var at string
	err = s.r.QueryRowContext(ctx, `SELECT xact, rid, responses, format, data, saved_at FROM result_snapshots
		WHERE consultation_id = ?`, consultation).Scan(&snap.Position.Xact, &snap.Position.RID, &snap.Responses,
		&snap.Format, &snap.Data, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return ResultSnapshot{}, false, nil
	}
	if err != nil {
		return ResultSnapshot{}, false, err
	}
	snap.SavedAt = parseStamp(at)
	return snap, true, nil
}
