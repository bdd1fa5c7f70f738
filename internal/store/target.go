package store

import (
	"context"
	"database/sql"
)

// Target is how many responses a consultation hopes for from one group and gender.
type Target struct {
	Group, Gender string
	Target        int
}

// SetTargets replaces a consultation's targets.
func (s *Store) SetTargets(ctx context.Context, consultation string, ts []Target) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM targets WHERE consultation_id = ?`, consultation); err != nil {
			return err
		}
		for _, t := range ts {
			if t.Target <= 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO targets (consultation_id, grp, gender, target) VALUES (?, ?, ?, ?)`,
				consultation, t.Group, t.Gender, t.Target); err != nil {
				return err
			}
		}
		return nil
	})
}

// Targets returns a consultation's targets.
func (s *Store) Targets(ctx context.Context, consultation string) ([]Target, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT grp, gender, target FROM targets WHERE consultation_id = ? ORDER BY grp, gender`, consultation)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Target
	for rows.Next() {
		var t Target
		if err := rows.Scan(&t.Group, &t.Gender, &t.Target); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Count is how many responses one group and gender gave.
type Count struct {
	Group, Gender string
	N             int
}

// SessionCounts counts a session's responses by group and gender ("" where not given).
func (s *Store) SessionCounts(ctx context.Context, session string) ([]Count, error) {
	return s.counts(ctx, `SELECT coalesce(grp, ''), coalesce(gender, ''), count(*) FROM responses
		WHERE session_id = ? GROUP BY 1, 2 ORDER BY 1, 2`, session)
}

// ConsultationCounts counts a consultation's responses by group and gender.
func (s *Store) ConsultationCounts(ctx context.Context, consultation string) ([]Count, error) {
	return s.counts(ctx, `SELECT coalesce(grp, ''), coalesce(gender, ''), count(*) FROM responses
		WHERE consultation_id = ? GROUP BY 1, 2 ORDER BY 1, 2`, consultation)
}

func (s *Store) counts(ctx context.Context, query string, arg any) ([]Count, error) {
	rows, err := s.r.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Group, &c.Gender, &c.N); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
