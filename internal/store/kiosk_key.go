package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SaveKioskKey records the hash of the secret a kiosk got when it started in a session.
func (s *Store) SaveKioskKey(ctx context.Context, hash, session string, startedBy int64) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO kiosk_keys (hash, session_id, started_by, started_at) VALUES (?, ?, ?, ?)`,
		hash, session, nullID(startedBy), s.stamp())
	return err
}

// KioskKeyStarted reports when the kiosk with this secret's hash started in the session; ErrNotFound
// when no kiosk of that session has it.
func (s *Store) KioskKeyStarted(ctx context.Context, hash, session string) (time.Time, error) {
	var at string
	err := s.r.QueryRowContext(ctx, `SELECT started_at FROM kiosk_keys WHERE hash = ? AND session_id = ?`, hash, session).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, ErrNotFound
	}
	return parseStamp(at), err
}
