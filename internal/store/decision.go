package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

// ErrPublished is returned when a published version of a plan would change.
var ErrPublished = errors.New("plan version is published")

// ErrNoRound is returned when decisions are taken about a plan that never went to validation.
var ErrNoRound = errors.New("plan has no validation round")

// SaveDecisions stores the decisions of a plan's draft version: the open draft if there is one,
// else a new version after the last published one. It returns the version number.
func (s *Store) SaveDecisions(ctx context.Context, planID int64, number int, ds []plan.Decision) (int, error) {
	body, err := json.Marshal(ds)
	if err != nil {
		return 0, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var state string
		if err := tx.QueryRowContext(ctx, `SELECT state FROM plans WHERE id = ?`, planID).Scan(&state); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if state == plan.Draft {
			return ErrNoRound
		}
		var last int
		var lastState string
		err := tx.QueryRowContext(ctx, `SELECT number, state FROM plan_versions WHERE plan_id = ? ORDER BY number DESC LIMIT 1`,
			planID).Scan(&last, &lastState)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		switch {
		case number != 0 && number != last:
			return ErrPublished // an old version, or one that does not exist yet
		case number != 0 && lastState == plan.VersionPublished:
			return ErrPublished
		case number == 0 && lastState == plan.VersionDraft:
			number = last
		case number == 0:
			number = last + 1
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO plan_versions (plan_id, number, state, decisions) VALUES (?, ?, ?, ?)
			ON CONFLICT (plan_id, number) DO UPDATE SET decisions = excluded.decisions`, planID, number, plan.VersionDraft, string(body))
		return err
	})
	return number, err
}

// PublishVersion freezes a draft version with its validated items and moves the plan to
// "validated", recording who and when, all at once.
func (s *Store) PublishVersion(ctx context.Context, planID int64, number int, items []plan.Item, by *User) error {
	body, err := json.Marshal(items)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var state string
		err := tx.QueryRowContext(ctx, `SELECT state FROM plan_versions WHERE plan_id = ? AND number = ?`, planID, number).Scan(&state)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if state != plan.VersionDraft {
			return ErrPublished
		}
		var uid int64
		name := "-"
		if by != nil {
			uid, name = by.ID, by.Name
		}
		res, err := tx.ExecContext(ctx, `UPDATE plan_versions SET state = ?, items = ?, published_at = ?, published_by = ?,
			published_name = ? WHERE plan_id = ? AND number = ? AND state = ?`,
			plan.VersionPublished, string(body), s.stamp(), nullID(uid), name, planID, number, plan.VersionDraft)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrPublished
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET state = ? WHERE id = ?`, plan.Validated, planID); err != nil {
			return err
		}
		return s.recordState(ctx, tx, planID, plan.Validated, by)
	})
}

// Versions lists every version of a plan, oldest first.
func (s *Store) Versions(ctx context.Context, planID int64) ([]*plan.Version, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (*plan.Version, error) {
		var v plan.Version
		var ds string
		var items, at, name sql.NullString
		if err := row.Scan(&v.Number, &v.State, &ds, &items, &at, &name); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(ds), &v.Decisions); err != nil {
			return nil, err
		}
		if items.Valid {
			if err := json.Unmarshal([]byte(items.String), &v.Items); err != nil {
				return nil, err
			}
		}
		if at.Valid {
			t := parseStamp(at.String)
			v.PublishedAt = &t
		}
		v.PublishedBy = name.String
		return &v, nil
	}, `SELECT number, state, decisions, items, published_at, published_name FROM plan_versions WHERE plan_id = ? ORDER BY number`, planID)
}

// SetItemStatus records where an item of a plan stands.
func (s *Store) SetItemStatus(ctx context.Context, planID int64, st *plan.Status, by *User) error {
	body, err := json.Marshal(st.Milestones)
	if err != nil {
		return err
	}
	var uid int64
	name := "-"
	if by != nil {
		uid, name = by.ID, by.Name
	}
	st.UpdatedAt = s.Now().UTC()
	_, err = s.w.ExecContext(ctx, `INSERT INTO plan_status (plan_id, code, status, progress, milestones, updated_at, user_id, user_name)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (plan_id, code) DO UPDATE SET status = excluded.status,
		progress = excluded.progress, milestones = excluded.milestones, updated_at = excluded.updated_at,
		user_id = excluded.user_id, user_name = excluded.user_name`,
		planID, st.Code, st.Status, st.Progress, string(body), st.UpdatedAt.Format(time.RFC3339Nano), nullID(uid), name)
	return err
}

// Statuses returns the statuses of a plan's items by code.
func (s *Store) Statuses(ctx context.Context, planID int64) (map[string]*plan.Status, error) {
	list, err := queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (*plan.Status, error) {
		var st plan.Status
		var ms, at string
		if err := row.Scan(&st.Code, &st.Status, &st.Progress, &ms, &at, &st.UpdatedBy); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(ms), &st.Milestones)
		st.UpdatedAt = parseStamp(at)
		return &st, nil
	}, `SELECT code, status, progress, milestones, updated_at, user_name FROM plan_status WHERE plan_id = ?`, planID)
	out := map[string]*plan.Status{}
	for _, st := range list {
		out[st.Code] = st
	}
	return out, err
}

// StartFollowUp stores a validated plan's follow-up round at once: the generated survey, its
// ordinary consultation and the plan's link to it.
func (s *Store) StartFollowUp(ctx context.Context, planID int64, sv *survey.Survey, c *Consultation) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var state string
		var old sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT state, followup_consultation FROM plans WHERE id = ?`, planID).Scan(&state, &old); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if state != plan.Validated || old.Valid {
			return ErrConflict
		}
		at := s.stamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_versions (version, survey_id, source, loaded_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING`, sv.Version, sv.ID, sv.Source, at); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_surveys (survey_id, plan_id, audience, version, source, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (survey_id) DO UPDATE SET version = excluded.version, source = excluded.source`,
			sv.ID, planID, plan.FollowUp, sv.Version, sv.Source, at); err != nil {
			return err
		}
		if c.IdleSeconds == 0 {
			c.IdleSeconds = 180
		}
		c.CreatedAt = s.Now().UTC()
		if _, err := tx.ExecContext(ctx, `INSERT INTO consultations (id, municipality_id, survey_id, title, status,
			starts_on, ends_on, idle_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.MunicipalityID, c.SurveyID, c.Title, c.Status, c.StartsOn, c.EndsOn, c.IdleSeconds, at); err != nil {
			if isUniqueViolation(err) {
				return ErrConflict
			}
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE plans SET followup_consultation = ? WHERE id = ?`, c.ID, planID)
		return err
	})
}

// FollowUp returns the follow-up consultation of a plan, or "".
func (s *Store) FollowUp(ctx context.Context, planID int64) (string, error) {
	var c sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT followup_consultation FROM plans WHERE id = ?`, planID).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return c.String, err
}

// ValidatedPlanOf returns the id of the validated plan whose validation or follow-up round is a consultation
// (for the "what we heard" page's link to the report back), or 0.
func (s *Store) ValidatedPlanOf(ctx context.Context, consultation string) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT id FROM plans WHERE state = ? AND (adult_consultation = ? OR child_consultation = ?
		OR followup_consultation = ?)`, plan.Validated, consultation, consultation, consultation).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
