package store

import (
	"context"
	"database/sql"
)

// SharedSecret returns the secret kept under name, storing offer first when there is none. It is
// one transaction, so instances that start together all get the value that was stored first.
func (s *Store) SharedSecret(ctx context.Context, name, offer string) (string, error) {
	var value string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO instance_secrets (name, value, created_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO NOTHING`, name, offer, s.stamp()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT value FROM instance_secrets WHERE name = ?`, name).Scan(&value)
	})
	return value, err
}

// SecretIs reports whether the secret kept under name is value; false when there is none.
func (s *Store) SecretIs(ctx context.Context, name, value string) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM instance_secrets WHERE name = ? AND value = ?`, name, value).Scan(&n)
	return n > 0, err
}

// TakeSecret removes the secret kept under name when it is value, and reports whether it did: of
// several instances taking it at once, exactly one succeeds.
func (s *Store) TakeSecret(ctx context.Context, name, value string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM instance_secrets WHERE name = ? AND value = ?`, name, value)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
