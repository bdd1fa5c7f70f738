package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Municipality owns accounts and consultations.
type Municipality struct {
	ID      int64
	Name    string
	Country string
}

// Municipalities lists every municipality by name.
func (s *Store) Municipalities(ctx context.Context) ([]Municipality, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, country FROM municipalities ORDER BY name, country`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Municipality
	for rows.Next() {
		var m Municipality
		if err := rows.Scan(&m.ID, &m.Name, &m.Country); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CreateMunicipality stores a new municipality; the same name in the same country is ErrConflict.
func (s *Store) CreateMunicipality(ctx context.Context, name, country string) (int64, error) {
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO municipalities (name, country, created_at) VALUES (?, ?, ?) RETURNING id`,
		name, country, s.stamp()).Scan(&id)
	if isUniqueViolation(err) {
		return 0, ErrConflict
	}
	return id, err
}

// MunicipalityByName finds a municipality by name (any case).
func (s *Store) MunicipalityByName(ctx context.Context, name string) (*Municipality, error) {
	var m Municipality
	err := s.r.QueryRowContext(ctx, `SELECT id, name, country FROM municipalities WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1`,
		strings.TrimSpace(name)).Scan(&m.ID, &m.Name, &m.Country)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return &m, err
}
