package store

import (
	"context"
	"database/sql"
	"errors"

	"consulta/internal/survey"
)

// MunicipalSurvey is a survey a municipality saved, at its current version.
type MunicipalSurvey struct {
	SurveyID       string
	MunicipalityID int64
	Version        string
	Source         []byte
	SavedBy        int64
	SavedAt        string
}

// SaveMunicipalSurvey stores a survey version and makes it the municipality's current one.
// A survey id that belongs to another municipality is ErrConflict.
func (s *Store) SaveMunicipalSurvey(ctx context.Context, sv *survey.Survey, municipality, user int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT municipality_id FROM municipal_surveys WHERE survey_id = ?`, sv.ID).Scan(&owner)
		switch {
		case err == nil && owner != municipality:
			return ErrConflict
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_versions (version, survey_id, source, loaded_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING`, sv.Version, sv.ID, sv.Source, s.stamp()); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO municipal_surveys (survey_id, municipality_id, version, saved_by, saved_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (survey_id) DO UPDATE SET version = excluded.version,
			saved_by = excluded.saved_by, saved_at = excluded.saved_at`, sv.ID, municipality, sv.Version, nullID(user), s.stamp())
		return err
	})
}

// MunicipalSurveys returns every saved survey at its current version, with its source.
func (s *Store) MunicipalSurveys(ctx context.Context) ([]MunicipalSurvey, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT m.survey_id, m.municipality_id, m.version, v.source, coalesce(m.saved_by, 0), m.saved_at
		FROM municipal_surveys m JOIN survey_versions v ON v.version = m.version ORDER BY m.survey_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MunicipalSurvey
	for rows.Next() {
		var m MunicipalSurvey
		if err := rows.Scan(&m.SurveyID, &m.MunicipalityID, &m.Version, &m.Source, &m.SavedBy, &m.SavedAt); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MunicipalSurvey returns a saved survey at its current version, or ErrNotFound.
func (s *Store) MunicipalSurvey(ctx context.Context, id string) (*MunicipalSurvey, error) {
	var m MunicipalSurvey
	err := s.r.QueryRowContext(ctx, `SELECT m.survey_id, m.municipality_id, m.version, v.source, coalesce(m.saved_by, 0), m.saved_at
		FROM municipal_surveys m JOIN survey_versions v ON v.version = m.version WHERE m.survey_id = ?`, id).
		Scan(&m.SurveyID, &m.MunicipalityID, &m.Version, &m.Source, &m.SavedBy, &m.SavedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &m, nil
}
