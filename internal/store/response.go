package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"consulta/internal/survey"
)

// Channels a response can arrive by.
const (
	Link  = "link"
	Kiosk = "kiosk"
	Paper = "paper"
)

// Response is one person's checked answers to a consultation's survey.
type Response struct {
	ID             string
	ConsultationID string
	SessionID      string
	SurveyVersion  string
	Language       string
	Channel        string
	Profile        survey.Profile
	Answers        survey.Answers
	// ReceivedAt is set by the store; only the demo data backdates it.
	ReceivedAt time.Time
}

// Hash identifies the content of a response, so a replay with the same id can be told from a
// conflicting one. The channel and time are not content: the same answers sent again are equal.
func (r *Response) Hash() string {
	body, _ := json.Marshal(struct {
		Version  string         `json:"v"`
		Language string         `json:"l"`
		Session  string         `json:"s"`
		Answers  survey.Answers `json:"a"`
	}{r.SurveyVersion, r.Language, r.SessionID, r.Answers})
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// SaveResponse stores a response and all its answers in one transaction. It reports created
// when the response is new; a replay with the same content stores nothing and reports false;
// a replay with different content returns ErrConflict. It returns once the response is committed.
//
// Responses arriving together share one transaction (group commit), each inside its own
// savepoint: one that fails is rolled back alone, and none is acknowledged before the commit.
// Sharing a commit writes each table page once for many responses instead of once for each.
// On PostgreSQL a group is first tried as one statement, one round trip (response_pg.go).
func (s *Store) SaveResponse(ctx context.Context, r *Response, sv *survey.Survey) (bool, error) {
	job, err := s.newSaveJob(ctx, r, sv)
	if err != nil {
		return false, err
	}
	select {
	case s.saves <- job:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	// Once queued the job runs to its end, so the answer always matches what was stored.
	err = <-job.done
	return job.created && err == nil, err
}

// newSaveJob lays out a response for the group writer.
func (s *Store) newSaveJob(ctx context.Context, r *Response, sv *survey.Survey) (*saveJob, error) {
	rows := answerRows(0, r, sv)
	job := &saveJob{r: r, hash: r.Hash(), packed: packAnswers(rows), texts: textRows(rows), done: make(chan error, 1)}
	// Statements are prepared before the writer takes the one connection: preparing inside the
	// transaction would wait for a connection that never frees. (PostgreSQL's one-statement
	// group does not use them, but falls back on them when a group has a response that fails.)
	var err error
	if job.stmts, err = s.answersInserts(ctx, len(job.texts)/6); err != nil {
		return nil, err
	}
	return job, nil
}

// saveJob is one response waiting for the group writer.
type saveJob struct {
	r    *Response
	hash string
	// packed holds every answer (packAnswers); texts the rows of the answers table, which keeps
	// only what people wrote (textRows), six values a row.
	packed  []byte
	texts   []any
	stmts   []chunk
	created bool
	rid     int64
	key     uint32 // the record key drawn for it
	done    chan error
}

// maxGroup bounds how many responses share one commit.
const maxGroup = 64

// writeResponses commits queued responses in groups until the store closes.
func (s *Store) writeResponses() {
	defer close(s.writerDone)
	for first := range s.saves {
		group := []*saveJob{first}
	drain:
		for len(group) < maxGroup {
			select {
			case j, ok := <-s.saves:
				if !ok {
					break drain
				}
				group = append(group, j)
			default:
				break drain
			}
		}
		if s.postgres {
			group = s.lingerPG(group)
		}
		s.commitGroup(group)
	}
}

func (s *Store) commitGroup(group []*saveJob) {
	ctx := context.Background()
	if s.postgres {
		// Ids in one order on every instance: an insert waits for another instance's
		// uncommitted insert of the same id, and two groups that took the same ids in
		// opposite orders would wait for each other.
		group = slices.Clone(group)
		slices.SortStableFunc(group, func(a, b *saveJob) int { return strings.Compare(a.r.ID, b.r.ID) })
		if pgOneStatement && s.commitGroupPG(ctx, group) {
			s.groups.oneStatement.Add(1)
			return
		}
		s.groups.perResponse.Add(1)
	}
	errs := make([]error, len(group))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for i, j := range group {
			if _, err := tx.ExecContext(ctx, "SAVEPOINT response"); err != nil {
				return err
			}
			errs[i] = s.saveInTx(ctx, tx, j)
			if errs[i] != nil {
				j.created = false
				if _, err := tx.ExecContext(ctx, "ROLLBACK TO response"); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, "RELEASE response"); err != nil {
				return err
			}
		}
		// In the same transaction: counts and responses are committed together or not at all.
		return tallyGroup(s, ctx, tx, group)
	})
	for i, j := range group {
		if err != nil {
			j.created, errs[i] = false, err
		}
		j.done <- errs[i]
	}
}

// saveInTx stores one response unless the same id is already there.
func (s *Store) saveInTx(ctx context.Context, tx *sql.Tx, j *saveJob) error {
	r := j.r
	var rid int64
	var key uint32
	for attempt := 0; ; attempt++ {
		var stored, consultation string
		err := tx.StmtContext(ctx, s.lookupStmt).QueryRowContext(ctx, r.ID).Scan(&stored, &consultation)
		switch {
		case err == nil && stored == j.hash && consultation == r.ConsultationID:
			return nil
		case err == nil:
			return ErrConflict
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if r.ReceivedAt.IsZero() {
			r.ReceivedAt = s.Now()
		}
		r.ReceivedAt = r.ReceivedAt.UTC()
		rid, key, err = insertResponse(ctx, tx.StmtContext(ctx, s.insertStmt), r, j.hash, j.packed)
		if errors.Is(err, sql.ErrNoRows) && attempt == 0 {
			// Another instance stored the same id between the look-up and the insert (on
			// PostgreSQL; SQLite has one writer): look again, it is a replay or a conflict.
			continue
		}
		if err != nil {
			return err
		}
		break
	}
	j.rid, j.key = rid, key
	rows := j.texts
	for i := 0; i < len(rows); i += 6 {
		rows[i] = rid
	}
	for _, st := range j.stmts {
		n := st.rows * 6
		if _, err := tx.StmtContext(ctx, st.stmt).ExecContext(ctx, rows[:n]...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	j.created = true
	return nil
}

// The writer's statements for each response, prepared once (prepareWriter).
const (
	lookupResponseSQL = `SELECT content_hash, consultation_id FROM responses WHERE id = ?`
	insertResponseSQL = `INSERT INTO responses (id, consultation_id, session_id, survey_version, language,
		channel, grp, gender, age_band, disability, content_hash, received_at, record_key, answers_packed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING rid`
)

// insertResponse runs insertResponseSQL, prepared as stmt, for one response.
func insertResponse(ctx context.Context, stmt *sql.Stmt, r *Response, hash string, packed []byte) (int64, uint32, error) {
	key := newRecordKey()
	var rid int64
	err := stmt.QueryRowContext(ctx,
		r.ID, r.ConsultationID, nullable(r.SessionID), r.SurveyVersion, r.Language, r.Channel,
		nullable(r.Profile.Group), nullable(r.Profile.Gender), nullable(r.Profile.AgeBand), nullable(r.Profile.Disability),
		hash, r.ReceivedAt.Format(time.RFC3339Nano), key, packed).Scan(&rid)
	return rid, uint32(key), err
}

// answerRows lays out one row per answer, one per choice for select_multiple, with the place for
// rank, and an empty row for a question that was asked and skipped: six values a row.
func answerRows(rid int64, r *Response, sv *survey.Survey) []any {
	asked := map[string]bool{}
	for _, id := range sv.Asked(r.Answers) {
		asked[id] = true
	}
	var rows []any
	for _, q := range sv.Questions {
		v, ok := r.Answers[q.ID]
		if !ok {
			// A question put to the respondent and left unanswered keeps an empty row,
			// so "n of N who were asked" can be counted with a GROUP BY.
			if asked[q.ID] {
				rows = append(rows, rid, q.ID, nil, nil, nil, nil)
			}
			continue
		}
		switch v := v.(type) {
		case string:
			if q.Type == survey.Text {
				rows = append(rows, rid, q.ID, nil, nil, nil, v)
			} else {
				rows = append(rows, rid, q.ID, v, nil, nil, nil)
			}
		case bool:
			yes := "no"
			if v {
				yes = "yes"
			}
			rows = append(rows, rid, q.ID, yes, nil, nil, nil)
		case int:
			rows = append(rows, rid, q.ID, nil, nil, v, nil)
		case []string:
			for i, c := range v {
				var position any
				if q.Type == survey.Rank {
					position = i + 1
				}
				rows = append(rows, rid, q.ID, c, position, nil, nil)
			}
		}
	}
	return rows
}

// textRows keeps the rows of answerRows that hold a text: the answers table stores only what
// people wrote, since everything else is in the response's packed answers, and a row per answer
// was a fifth of the CPU a response costs the server.
func textRows(rows []any) []any {
	var out []any
	for i := 0; i+6 <= len(rows); i += 6 {
		if rows[i+5] != nil {
			out = append(out, rows[i:i+6]...)
		}
	}
	return out
}

// answersPerInsert bounds one multi-row INSERT; a complete response fits in one or two.
const answersPerInsert = 64

type chunk struct {
	stmt *sql.Stmt
	rows int
}

// answersInserts returns the INSERTs that write n answer rows with as few statements as it can:
// one INSERT of many rows costs SQLite far less than many INSERTs of one.
func (s *Store) answersInserts(ctx context.Context, n int) ([]chunk, error) {
	var out []chunk
	for n > 0 {
		size := min(n, answersPerInsert)
		stmt, err := s.answersInsert(ctx, size)
		if err != nil {
			return nil, err
		}
		out = append(out, chunk{stmt, size})
		n -= size
	}
	return out, nil
}

// answersInsert returns the prepared INSERT of n answer rows, preparing it once per n.
func (s *Store) answersInsert(ctx context.Context, n int) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if stmt, ok := s.stmts[n]; ok {
		return stmt, nil
	}
	query := "INSERT INTO answers (rid, question, choice, position, number, text) VALUES (?, ?, ?, ?, ?, ?)" +
		strings.Repeat(", (?, ?, ?, ?, ?, ?)", n-1)
	stmt, err := s.w.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[int]*sql.Stmt{}
	}
	s.stmts[n] = stmt
	return stmt, nil
}

// CountResponses counts a consultation's responses.
func (s *Store) CountResponses(ctx context.Context, consultationID string) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM responses WHERE consultation_id = ?`, consultationID).Scan(&n)
	return n, err
}

// StoredResponse returns a response with its answers as stored, for tests and exports.
func (s *Store) StoredResponse(ctx context.Context, id string) (*Response, map[string][]AnswerRow, error) {
	var r Response
	var rid int64
	var session, grp, gender, age, dis sql.NullString
	var received string
	var packed []byte
	err := s.r.QueryRowContext(ctx, `SELECT rid, id, consultation_id, session_id, survey_version, language, channel,
		grp, gender, age_band, disability, received_at, answers_packed FROM responses WHERE id = ?`, id).Scan(
		&rid, &r.ID, &r.ConsultationID, &session, &r.SurveyVersion, &r.Language, &r.Channel, &grp, &gender, &age, &dis, &received, &packed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	r.SessionID, r.ReceivedAt = session.String, parseStamp(received)
	r.Profile = survey.Profile{Group: grp.String, Gender: gender.String, AgeBand: age.String, Disability: dis.String}
	answers := map[string][]AnswerRow{}
	if packed != nil {
		// Answers are packed with the response; the answers table holds its texts.
		texts := map[string]string{}
		err := s.scanRows(ctx, `SELECT question, text FROM answers WHERE rid = ? AND text IS NOT NULL`, []any{rid},
			func(rows *sql.Rows) error {
				var q, t string
				err := rows.Scan(&q, &t)
				texts[q] = t
				return err
			})
		if err != nil {
			return nil, nil, err
		}
		list, err := PackedAnswers(packed, texts)
		for _, a := range list {
			answers[a.Question] = append(answers[a.Question], a)
		}
		return &r, answers, err
	}
	err = s.scanRows(ctx, `SELECT question, coalesce(choice, ''), coalesce(position, 0),
		number, coalesce(text, '') FROM answers WHERE rid = ? ORDER BY rowid`, []any{rid},
		func(rows *sql.Rows) error {
			var a AnswerRow
			var num sql.NullInt64
			if err := rows.Scan(&a.Question, &a.Choice, &a.Position, &num, &a.Text); err != nil {
				return err
			}
			if num.Valid {
				n := int(num.Int64)
				a.Number = &n
			}
			answers[a.Question] = append(answers[a.Question], a)
			return nil
		})
	return &r, answers, err
}

// scanRows runs a query on a reader and calls fn for each row.
func (s *Store) scanRows(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// PackedAnswers reads a response's packed answers (its answers_packed column) as answer rows, in
// the order they were given; a text answer takes its text from texts, by question (the answers
// table holds what people wrote).
func PackedAnswers(packed []byte, texts map[string]string) ([]AnswerRow, error) {
	var out []AnswerRow
	err := unpackAnswers(0, packed, func(a ResultAnswer) {
		row := AnswerRow{Question: string(a.Question), Choice: string(a.Choice), Position: a.Position}
		if a.HasNumber {
			row.Number = &a.Number
		}
		if a.HasText {
			row.Text = texts[row.Question]
		}
		out = append(out, row)
	})
	return out, err
}

// AnswerRow is one stored answer row.
type AnswerRow struct {
	Question string
	Choice   string
	Position int
	Number   *int
	Text     string
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// newRecordKey draws a response's record key from the system's secure source, so it cannot be
// guessed from the response id or the time.
func newRecordKey() int64 {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("store: no secure random source: " + err.Error())
	}
	return int64(binary.LittleEndian.Uint32(b[:]))
}
