package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"consulta/internal/domain"
	"consulta/internal/survey"
)

// Consultation statuses.
const (
	StatusDraft  = string(domain.Draft)
	StatusOpen   = string(domain.Open)
	StatusClosed = string(domain.Closed)
)

// Consultation is one survey run in one municipality.
type Consultation struct {
	ID             string
	MunicipalityID int64
	Municipality   string
	SurveyID       string
	Title          string
	Status         string
	StartsOn       string
	EndsOn         string
	IdleSeconds    int
	CreatedAt      time.Time
	// ClosedAt is when the consultation last closed; zero while it is open or a draft.
	ClosedAt time.Time
	// Titles and Descriptions are the title and description per language; Title is the one
	// staff know the consultation by, and the public sees it where no translation is given.
	Titles       survey.Label
	Descriptions survey.Label
}

// TitleIn is the consultation's title in lang, else its main title.
func (c *Consultation) TitleIn(lang string) string {
	if t := c.Titles[lang]; t != "" {
		return t
	}
	return c.Title
}

// DescriptionIn is the consultation's description in lang, else in another language, else "".
func (c *Consultation) DescriptionIn(lang string) string {
	return c.Descriptions.In(lang)
}

func labelJSON(l survey.Label) string {
	if len(l) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

// Session is one meeting of a consultation.
type Session struct {
	ID             string
	ConsultationID string
	Place          string
	HeldOn         string
	Facilitator    string
	Notes          string
	CreatedBy      int64
	// ParentalConsent records the facilitator's tick that parents agreed; it names nobody.
	ParentalConsent bool
	Responses       int
}

// EnsureMunicipality returns the id of the named municipality, creating it when missing.
func (s *Store) EnsureMunicipality(ctx context.Context, name, country string) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id FROM municipalities WHERE name = ? AND country = ?`, name, country).Scan(&id)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO municipalities (name, country, created_at) VALUES (?, ?, ?) RETURNING id`,
			name, country, s.stamp()).Scan(&id)
	})
	return id, err
}

// SaveSurvey records a loaded survey version, so responses that carry it stay valid later.
func (s *Store) SaveSurvey(ctx context.Context, sv *survey.Survey) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO survey_versions (version, survey_id, source, loaded_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING`, sv.Version, sv.ID, sv.Source, s.stamp())
	return err
}

// SurveySource returns the file content of a stored survey version.
func (s *Store) SurveySource(ctx context.Context, surveyID, version string) ([]byte, error) {
	var src []byte
	err := s.r.QueryRowContext(ctx, `SELECT source FROM survey_versions WHERE version = ? AND survey_id = ?`,
		version, surveyID).Scan(&src)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return src, err
}

// CreateConsultation stores a new consultation; its id must be unused.
func (s *Store) CreateConsultation(ctx context.Context, c *Consultation) error {
	if c.IdleSeconds == 0 {
		c.IdleSeconds = 180
	}
	c.CreatedAt = s.Now().UTC()
	var closedAt any
	if c.Status == StatusClosed {
		c.ClosedAt = c.CreatedAt
		closedAt = c.CreatedAt.Format(time.RFC3339Nano)
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO consultations
		(id, municipality_id, survey_id, title, status, starts_on, ends_on, idle_seconds, created_at, closed_at, titles, descriptions)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.MunicipalityID, c.SurveyID, c.Title, c.Status, c.StartsOn, c.EndsOn, c.IdleSeconds,
		c.CreatedAt.Format(time.RFC3339Nano), closedAt, labelJSON(c.Titles), labelJSON(c.Descriptions))
	if isUniqueViolation(err) {
		return ErrConflict
	}
	return err
}

const consultationColumns = `c.id, c.municipality_id, m.name, c.survey_id, c.title, c.status,
	coalesce(c.starts_on, ''), coalesce(c.ends_on, ''), c.idle_seconds, c.created_at, coalesce(c.closed_at, ''),
	c.titles, c.descriptions`

func scanConsultation(row interface{ Scan(...any) error }) (*Consultation, error) {
	var c Consultation
	var created, closed, titles, descriptions string
	err := row.Scan(&c.ID, &c.MunicipalityID, &c.Municipality, &c.SurveyID, &c.Title, &c.Status,
		&c.StartsOn, &c.EndsOn, &c.IdleSeconds, &created, &closed, &titles, &descriptions)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	c.CreatedAt = parseStamp(created)
	if closed != "" {
		c.ClosedAt = parseStamp(closed)
	}
	if err == nil {
		json.Unmarshal([]byte(titles), &c.Titles)
		json.Unmarshal([]byte(descriptions), &c.Descriptions)
	}
	return &c, err
}

// Consultation returns one consultation by id.
func (s *Store) Consultation(ctx context.Context, id string) (*Consultation, error) {
	return scanConsultation(s.r.QueryRowContext(ctx, `SELECT `+consultationColumns+`
		FROM consultations c JOIN municipalities m ON m.id = c.municipality_id WHERE c.id = ?`, id))
}

// OpenConsultations lists the consultations anyone may answer, newest first.
func (s *Store) OpenConsultations(ctx context.Context) ([]*Consultation, error) {
	return queryAll(ctx, s.r, scanConsultation, `SELECT `+consultationColumns+`
		FROM consultations c JOIN municipalities m ON m.id = c.municipality_id
		WHERE c.status = 'open' ORDER BY c.created_at DESC, c.id`)
}

// SetStatus opens or closes a consultation; closing records when, which starts the kiosks' grace period.
func (s *Store) SetStatus(ctx context.Context, id, status string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE consultations SET status = ?,
		closed_at = CASE WHEN ? = 'closed' THEN (CASE WHEN status = 'closed' THEN closed_at ELSE ? END) ELSE NULL END
		WHERE id = ?`, status, status, s.stamp(), id)
	s.edited()
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// CreateSession stores a meeting of a consultation.
func (s *Store) CreateSession(ctx context.Context, ses *Session) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO sessions (id, consultation_id, place, held_on, facilitator, notes, created_by,
		parental_consent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ses.ID, ses.ConsultationID, ses.Place, ses.HeldOn,
		ses.Facilitator, ses.Notes, nullID(ses.CreatedBy), ses.ParentalConsent, s.stamp())
	if isUniqueViolation(err) {
		return ErrConflict
	}
	return err
}

// Session returns one session by id.
func (s *Store) Session(ctx context.Context, id string) (*Session, error) {
	ses, err := scanSession(s.r.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions s WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return ses, err
}

// SessionConsultation returns the consultation a session belongs to, without counting its
// responses as Session does: a kiosk's every response asks it.
func (s *Store) SessionConsultation(ctx context.Context, id string) (string, error) {
	var consultation string
	err := s.r.QueryRowContext(ctx, `SELECT consultation_id FROM sessions WHERE id = ?`, id).Scan(&consultation)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return consultation, err
}

const sessionColumns = `s.id, s.consultation_id, s.place, s.held_on, s.facilitator, s.notes, coalesce(s.created_by, 0),
	s.parental_consent, (SELECT count(*) FROM responses r WHERE r.session_id = s.id)`

func scanSession(row interface{ Scan(...any) error }) (*Session, error) {
	var ses Session
	err := row.Scan(&ses.ID, &ses.ConsultationID, &ses.Place, &ses.HeldOn, &ses.Facilitator, &ses.Notes,
		&ses.CreatedBy, &ses.ParentalConsent, &ses.Responses)
	return &ses, err
}

// Sessions lists a consultation's sessions, latest first, with how many responses each took.
func (s *Store) Sessions(ctx context.Context, consultation string) ([]*Session, error) {
	return queryAll(ctx, s.r, scanSession, `SELECT `+sessionColumns+` FROM sessions s WHERE consultation_id = ?
		ORDER BY held_on DESC, created_at DESC`, consultation)
}

// SetParentalConsent records (or clears) the facilitator's tick that parental consent was collected.
func (s *Store) SetParentalConsent(ctx context.Context, session string, given bool) error {
	_, err := s.w.ExecContext(ctx, `UPDATE sessions SET parental_consent = ? WHERE id = ?`, given, session)
	return err
}

// Consultations lists the consultations of the given municipalities (all of them when all is true).
func (s *Store) Consultations(ctx context.Context, municipalities []int64, all bool) ([]*Consultation, error) {
	query := `SELECT ` + consultationColumns + ` FROM consultations c JOIN municipalities m ON m.id = c.municipality_id`
	args := []any{}
	if !all {
		if len(municipalities) == 0 {
			return nil, nil
		}
		query += ` WHERE c.municipality_id IN (?` + strings.Repeat(", ?", len(municipalities)-1) + `)`
		for _, m := range municipalities {
			args = append(args, m)
		}
	}
	return queryAll(ctx, s.r, scanConsultation, query+` ORDER BY c.created_at DESC, c.id`, args...)
}

// UpdateConsultation changes a consultation's titles, descriptions, dates and kiosk idle time.
func (s *Store) UpdateConsultation(ctx context.Context, c *Consultation) error {
	res, err := s.w.ExecContext(ctx, `UPDATE consultations SET title = ?, starts_on = ?, ends_on = ?, idle_seconds = ?,
		titles = ?, descriptions = ? WHERE id = ?`,
		c.Title, c.StartsOn, c.EndsOn, c.IdleSeconds, labelJSON(c.Titles), labelJSON(c.Descriptions), c.ID)
	s.edited()
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func isUniqueViolation(err error) bool {
	return err != nil && (containsAny(err.Error(), "UNIQUE constraint failed", "PRIMARY KEY", "(SQLSTATE 23505)"))
}

// Promise returns what the municipality says it will do with a consultation's results, by language.
func (s *Store) Promise(ctx context.Context, consultation string) (map[string]string, error) {
	var raw string
	err := s.r.QueryRowContext(ctx, `SELECT promise FROM consultations WHERE id = ?`, consultation).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	return out, json.Unmarshal([]byte(raw), &out)
}

// SetPromise replaces what the municipality says it will do, by language.
func (s *Store) SetPromise(ctx context.Context, consultation string, promise map[string]string) error {
	body, err := json.Marshal(promise)
	if err != nil {
		return err
	}
	res, err := s.w.ExecContext(ctx, `UPDATE consultations SET promise = ? WHERE id = ?`, string(body), consultation)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, db *sql.DB, scan func(interface{ Scan(...any) error }) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
