package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

// ErrNotDraft is returned when a plan that is no longer a draft would change.
var ErrNotDraft = errors.New("plan is not a draft")

func parseLabel(s string) survey.Label {
	l := survey.Label{}
	json.Unmarshal([]byte(s), &l)
	return l
}

// CreatePlan stores a new draft plan with its axes and items, and records who created it.
func (s *Store) CreatePlan(ctx context.Context, p *plan.Plan, by *User) error {
	p.State = plan.Draft
	p.CreatedAt = s.Now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO plans (municipality_id, title, period, state, created_at) VALUES (?, ?, ?, ?, ?)
			RETURNING id`,
			p.MunicipalityID, labelJSON(p.Title), labelJSON(p.Period), p.State, p.CreatedAt.Format(time.RFC3339Nano)).Scan(&p.ID)
		if err != nil {
			return err
		}
		if err := s.putContent(ctx, tx, p.ID, p.Axes, p.Items); err != nil {
			return err
		}
		return s.recordState(ctx, tx, p.ID, plan.Draft, by)
	})
}

func (s *Store) recordState(ctx context.Context, tx *sql.Tx, id int64, state string, by *User) error {
	var uid int64
	name := "-"
	if by != nil {
		uid, name = by.ID, by.Name
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO plan_states (plan_id, state, at, user_id, user_name) VALUES (?, ?, ?, ?, ?)`,
		id, state, s.stamp(), nullID(uid), name)
	return err
}

// putContent replaces a plan's axes and items (with their evidence) inside tx.
func (s *Store) putContent(ctx context.Context, tx *sql.Tx, id int64, axes []plan.Axis, items []plan.Item) error {
	for _, q := range []string{`DELETE FROM plan_items WHERE plan_id = ?`, `DELETE FROM plan_axes WHERE plan_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	for i, a := range axes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_axes (plan_id, code, title, position) VALUES (?, ?, ?, ?)`,
			id, a.Code, labelJSON(a.Title), i+1); err != nil {
			return err
		}
	}
	for i := range items {
		if err := s.insertItem(ctx, tx, id, &items[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) insertItem(ctx context.Context, tx *sql.Tx, planID int64, it *plan.Item) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO plan_items (plan_id, code, axis, title, summary, child_summary, icon,
		proposed_order, budget, currency, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		planID, it.Code, it.Axis, labelJSON(it.Title), labelJSON(it.Summary), labelJSON(it.ChildSummary), it.Icon,
		it.Order, it.Budget, it.Currency, it.Unit).Scan(&it.ID)
	if isUniqueViolation(err) {
		return ErrConflict
	}
	if err != nil {
		return err
	}
	for j := range it.Evidence {
		e := &it.Evidence[j]
		err := tx.QueryRowContext(ctx, `INSERT INTO plan_evidence (item_id, consultation_id, question, choice) VALUES (?, ?, ?, ?)
			RETURNING id`, it.ID, e.Consultation, e.Question, e.Choice).Scan(&e.ID)
		if err != nil {
			return err
		}
	}
	return nil
}

func draftOnly(ctx context.Context, tx *sql.Tx, id int64) error {
	var state string
	err := tx.QueryRowContext(ctx, `SELECT state FROM plans WHERE id = ?`, id).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err == nil && state != plan.Draft {
		return ErrNotDraft
	}
	return err
}

// UpdatePlan changes a draft plan's title, period and axes; items keep their axis codes.
func (s *Store) UpdatePlan(ctx context.Context, p *plan.Plan) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := draftOnly(ctx, tx, p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET title = ?, period = ? WHERE id = ?`,
			labelJSON(p.Title), labelJSON(p.Period), p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plan_axes WHERE plan_id = ?`, p.ID); err != nil {
			return err
		}
		for i, a := range p.Axes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO plan_axes (plan_id, code, title, position) VALUES (?, ?, ?, ?)`,
				p.ID, a.Code, labelJSON(a.Title), i+1); err != nil {
				return err
			}
		}
		return nil
	})
}

// ReplaceItems replaces every axis and item of a draft plan at once (an imported sheet):
// all of it is stored, or none of it.
func (s *Store) ReplaceItems(ctx context.Context, id int64, axes []plan.Axis, items []plan.Item) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := draftOnly(ctx, tx, id); err != nil {
			return err
		}
		return s.putContent(ctx, tx, id, axes, items)
	})
}

// SaveItem adds an item to a draft plan, or replaces the one with the same code (old is its
// code before an edit, "" for a new item), with its evidence; orders, when given, renumbers the
// plan's other items (by code) in the same transaction.
func (s *Store) SaveItem(ctx context.Context, planID int64, old string, it *plan.Item, orders map[string]int) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := draftOnly(ctx, tx, planID); err != nil {
			return err
		}
		for code, order := range orders {
			if _, err := tx.ExecContext(ctx, `UPDATE plan_items SET proposed_order = ? WHERE plan_id = ? AND code = ?`,
				order, planID, code); err != nil {
				return err
			}
		}
		if old != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM plan_items WHERE plan_id = ? AND code = ?`, planID, old); err != nil {
				return err
			}
		}
		return s.insertItem(ctx, tx, planID, it)
	})
}

// DeleteItem removes an item from a draft plan.
func (s *Store) DeleteItem(ctx context.Context, planID int64, code string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := draftOnly(ctx, tx, planID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM plan_items WHERE plan_id = ? AND code = ?`, planID, code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

const planColumns = `p.id, p.municipality_id, m.name, p.title, p.period, p.state, coalesce(p.adult_consultation, ''),
	coalesce(p.child_consultation, ''), p.created_at`

func scanPlan(row interface{ Scan(...any) error }) (*plan.Plan, error) {
	var p plan.Plan
	var title, period, created string
	err := row.Scan(&p.ID, &p.MunicipalityID, &p.Municipality, &title, &period, &p.State, &p.AdultConsultation,
		&p.ChildConsultation, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	p.Title, p.Period, p.CreatedAt = parseLabel(title), parseLabel(period), parseStamp(created)
	return &p, err
}

// Plans lists the plans of the given municipalities (all of them when all is true), newest first,
// without their items.
func (s *Store) Plans(ctx context.Context, municipalities []int64, all bool) ([]*plan.Plan, error) {
	query := `SELECT ` + planColumns + ` FROM plans p JOIN municipalities m ON m.id = p.municipality_id`
	args := []any{}
	if !all {
		if len(municipalities) == 0 {
			return nil, nil
		}
		query += ` WHERE p.municipality_id IN (?` + strings.Repeat(", ?", len(municipalities)-1) + `)`
		for _, m := range municipalities {
			args = append(args, m)
		}
	}
	return queryAll(ctx, s.r, scanPlan, query+` ORDER BY p.created_at DESC, p.id DESC`, args...)
}

// PlanOfConsultation returns the id of the plan whose validation round a consultation is, or 0.
func (s *Store) PlanOfConsultation(ctx context.Context, consultation string) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT id FROM plans WHERE adult_consultation = ? OR child_consultation = ?`,
		consultation, consultation).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// Plan returns one plan with its axes, items in proposed order, evidence and history.
func (s *Store) Plan(ctx context.Context, id int64) (*plan.Plan, error) {
	p, err := scanPlan(s.r.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans p
		JOIN municipalities m ON m.id = p.municipality_id WHERE p.id = ?`, id))
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT code, title FROM plan_axes WHERE plan_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a plan.Axis
		var title string
		if err := rows.Scan(&a.Code, &title); err != nil {
			rows.Close()
			return nil, err
		}
		a.Title = parseLabel(title)
		p.Axes = append(p.Axes, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.r.QueryContext(ctx, `SELECT id, code, axis, title, summary, child_summary, icon, proposed_order, budget,
		currency, unit FROM plan_items WHERE plan_id = ? ORDER BY proposed_order, code`, id)
	if err != nil {
		return nil, err
	}
	byID := map[int64]int{}
	for rows.Next() {
		var it plan.Item
		var title, summary, child string
		var budget sql.NullFloat64
		if err := rows.Scan(&it.ID, &it.Code, &it.Axis, &title, &summary, &child, &it.Icon, &it.Order, &budget,
			&it.Currency, &it.Unit); err != nil {
			rows.Close()
			return nil, err
		}
		it.Title, it.Summary, it.ChildSummary = parseLabel(title), parseLabel(summary), parseLabel(child)
		if budget.Valid {
			it.Budget = &budget.Float64
		}
		byID[it.ID] = len(p.Items)
		p.Items = append(p.Items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.r.QueryContext(ctx, `SELECT e.id, e.item_id, e.consultation_id, e.question, e.choice, coalesce(e.snapshot, '')
		FROM plan_evidence e JOIN plan_items i ON i.id = e.item_id WHERE i.plan_id = ? ORDER BY e.id`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var e plan.Evidence
		var item int64
		var snap string
		if err := rows.Scan(&e.ID, &item, &e.Consultation, &e.Question, &e.Choice, &snap); err != nil {
			rows.Close()
			return nil, err
		}
		if snap != "" {
			e.Snapshot = &plan.Snapshot{}
			if err := json.Unmarshal([]byte(snap), e.Snapshot); err != nil {
				e.Snapshot = nil
			}
		}
		if i, ok := byID[item]; ok {
			p.Items[i].Evidence = append(p.Items[i].Evidence, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	p.History, err = queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (plan.StateChange, error) {
		var c plan.StateChange
		var at string
		err := row.Scan(&c.State, &at, &c.By)
		c.At = parseStamp(at)
		return c, err
	}, `SELECT state, at, user_name FROM plan_states WHERE plan_id = ? ORDER BY rowid`, id)
	return p, err
}

// PlanSurvey is a survey file generated from a plan.
type PlanSurvey struct {
	SurveyID string
	PlanID   int64
	Audience string
	Version  string
	Source   []byte
}

// ValidationRound is everything that starts a plan's validation round, stored at once.
type ValidationRound struct {
	Plan          int64
	Snapshots     map[int64]*plan.Snapshot // by evidence id
	Surveys       []*survey.Survey         // generated, parsed
	Audiences     []string                 // of each survey
	Consultations []*Consultation          // one per survey, same order
	By            *User
}

// StartValidation moves a draft plan to "in validation" in one transaction: the evidence
// snapshots, the generated surveys, their consultations and the state change.
func (s *Store) StartValidation(ctx context.Context, v ValidationRound) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := draftOnly(ctx, tx, v.Plan); err != nil {
			return err
		}
		at := s.stamp()
		for id, snap := range v.Snapshots {
			body, err := json.Marshal(snap)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE plan_evidence SET snapshot = ?, snapshot_at = ? WHERE id = ?`, string(body), at, id); err != nil {
				return err
			}
		}
		for i, sv := range v.Surveys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO survey_versions (version, survey_id, source, loaded_at)
				VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING`, sv.Version, sv.ID, sv.Source, at); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO plan_surveys (survey_id, plan_id, audience, version, source, created_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (survey_id) DO UPDATE SET version = excluded.version, source = excluded.source`,
				sv.ID, v.Plan, v.Audiences[i], sv.Version, sv.Source, at); err != nil {
				return err
			}
		}
		cols := map[string]string{}
		for i, c := range v.Consultations {
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
			cols[v.Audiences[i]] = c.ID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET state = ?, adult_consultation = ?, child_consultation = ? WHERE id = ?`,
			plan.InValidation, nullText(cols[plan.Adult]), nullText(cols[plan.Child]), v.Plan); err != nil {
			return err
		}
		return s.recordState(ctx, tx, v.Plan, plan.InValidation, v.By)
	})
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// PlanSurveySource returns the current file of a survey generated from a plan.
func (s *Store) PlanSurveySource(ctx context.Context, surveyID string) (*PlanSurvey, error) {
	ps := PlanSurvey{SurveyID: surveyID}
	err := s.r.QueryRowContext(ctx, `SELECT plan_id, audience, version, source FROM plan_surveys WHERE survey_id = ?`,
		surveyID).Scan(&ps.PlanID, &ps.Audience, &ps.Version, &ps.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return &ps, err
}
