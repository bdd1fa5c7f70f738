package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Kinds of a cell: what its answer rows hold.
const (
	CellSkipped = 0 // asked and left blank
	CellChoice  = 1 // a choice, with its rank position (0 when not ranked)
	CellNumber  = 2 // a number
	CellText    = 3 // a text (its words are never counted)
)

// Tally says what the counts of a consultation hold: a report made from them is "as of" it.
type Tally struct {
	Responses int
	LastRID   int64
	UpdatedAt time.Time
}

// Stratum is every response of a consultation with one profile, session, channel and day.
type Stratum struct {
	ID                                 int64
	Group, Gender, AgeBand, Disability string
	Session, Channel, Day              string
	Responses                          int
	Keysum                             uint32 // sum of the record keys modulo 2^32; never shown
}

// Cell is one kind of answer row in one stratum: how many there are and the sum of their
// responses' record keys modulo 2^32. Lead cells hold the first row of a question in each
// response, so the people asked a question are the sum of its lead cells.
// Question and Choice point into the driver's buffer: valid only during the callback.
type Cell struct {
	Stratum          int64
	Question, Choice []byte
	Kind             int
	Position, Number int
	Lead             bool
	Responses        int
	Keysum           uint32
}

type stratumKey struct {
	consultation, group, gender, age, disability, session, channel, day string
}

type cellKey struct {
	stratum          int64
	question, choice string
	kind             int
	position, number int
	lead             bool
}

type cellCount struct {
	n      int64
	keysum uint32
}

func (c *cellCount) add(n int64, key uint32) {
	c.n += n
	c.keysum += key // uint32 wraps: the sum modulo 2^32
}

// countStatements are the upserts that keep counts, prepared once at Open: parsing them for
// every group cost the writer more than running them. Cells go in chunks of powers of two.
type countStatements struct {
	stratum, tally *sql.Stmt
	cells          map[int]*sql.Stmt // by rows: 1, 2, 4 … maxCellChunk
}

const maxCellChunk = 128

const (
	upsertStratum = `INSERT INTO strata (consultation_id, grp, gender, age_band, disability, session_id,
		channel, day, responses, keysum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (consultation_id, grp, gender, age_band, disability, session_id, channel, day)
		DO UPDATE SET responses = strata.responses + excluded.responses, keysum = (strata.keysum + excluded.keysum) % 4294967296
		RETURNING id`
	upsertTally = `INSERT INTO tallies (consultation_id, responses, last_rid, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (consultation_id) DO UPDATE SET responses = tallies.responses + excluded.responses,
		last_rid = CASE WHEN excluded.last_rid > tallies.last_rid THEN excluded.last_rid ELSE tallies.last_rid END,
		updated_at = excluded.updated_at`
)

func upsertCells(n int) string {
	return `INSERT INTO cells (stratum_id, question, kind, choice, position, number, lead, responses, keysum) VALUES ` +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ") +
		` ON CONFLICT (stratum_id, question, kind, choice, position, number, lead)
		DO UPDATE SET responses = cells.responses + excluded.responses, keysum = (cells.keysum + excluded.keysum) % 4294967296`
}

// prepareCounts prepares the upserts on the writer before the group writer takes its connection.
func (s *Store) prepareCounts() error {
	c := &countStatements{cells: map[int]*sql.Stmt{}}
	var err error
	if c.stratum, err = s.w.Prepare(upsertStratum); err != nil {
		return err
	}
	if c.tally, err = s.w.Prepare(upsertTally); err != nil {
		return err
	}
	for n := 1; n <= maxCellChunk; n *= 2 {
		if c.cells[n], err = s.w.Prepare(upsertCells(n)); err != nil {
			return err
		}
	}
	s.upserts = c
	return nil
}

func (c *countStatements) close() {
	if c == nil {
		return
	}
	c.stratum.Close()
	c.tally.Close()
	for _, st := range c.cells {
		st.Close()
	}
}

// tallyGroup is the writer's tallyInTx; a benchmark measures the writer without it.
var tallyGroup = (*Store).tallyInTx

// tallyInTx adds the responses of a group that were stored to the counts, inside the group's
// transaction. Upserts (INSERT … ON CONFLICT DO UPDATE) are the same in SQLite and PostgreSQL.
func (s *Store) tallyInTx(ctx context.Context, tx *sql.Tx, group []*saveJob) error {
	strata := map[stratumKey]*cellCount{}
	var order []stratumKey
	keyOf := map[*saveJob]stratumKey{}
	consultations := map[string]*Tally{}
	for _, j := range group {
		if !j.created {
			continue
		}
		r := j.r
		k := stratumKey{r.ConsultationID, r.Profile.Group, r.Profile.Gender, r.Profile.AgeBand, r.Profile.Disability,
			r.SessionID, r.Channel, r.ReceivedAt.UTC().Format(time.DateOnly)}
		if strata[k] == nil {
			strata[k] = &cellCount{}
			order = append(order, k)
		}
		strata[k].add(1, j.key)
		keyOf[j] = k
		t := consultations[r.ConsultationID]
		if t == nil {
			t = &Tally{}
			consultations[r.ConsultationID] = t
		}
		t.Responses++
		t.LastRID = max(t.LastRID, j.rid)
	}
	if len(order) == 0 {
		return nil
	}
	ids := map[stratumKey]int64{}
	for _, k := range order {
		c := strata[k]
		var id int64
		err := tx.StmtContext(ctx, s.upserts.stratum).QueryRowContext(ctx, k.consultation, k.group, k.gender, k.age, k.disability, k.session, k.channel, k.day,
			c.n, int64(c.keysum)).Scan(&id)
		if err != nil {
			return err
		}
		ids[k] = id
	}
	cells := map[cellKey]*cellCount{}
	var corder []cellKey
	for _, j := range group {
		if !j.created {
			continue
		}
		stratum := ids[keyOf[j]]
		seen := map[string]bool{}
		rows := j.rows
		for i := 0; i+6 <= len(rows); i += 6 {
			k := cellOf(stratum, rows[i+1:i+6])
			k.lead = !seen[k.question]
			seen[k.question] = true
			if cells[k] == nil {
				cells[k] = &cellCount{}
				corder = append(corder, k)
			}
			cells[k].add(1, j.key)
		}
	}
	for len(corder) > 0 {
		n := maxCellChunk
		for n > len(corder) {
			n /= 2
		}
		args := make([]any, 0, n*9)
		for _, k := range corder[:n] {
			c := cells[k]
			args = append(args, k.stratum, k.question, k.kind, k.choice, k.position, k.number, k.lead, c.n, int64(c.keysum))
		}
		if _, err := tx.StmtContext(ctx, s.upserts.cells[n]).ExecContext(ctx, args...); err != nil {
			return err
		}
		corder = corder[n:]
	}
	now := s.stamp()
	for id, t := range consultations {
		if _, err := tx.StmtContext(ctx, s.upserts.tally).ExecContext(ctx, id, t.Responses, t.LastRID, now); err != nil {
			return err
		}
	}
	return nil
}

// cellOf classifies one answer row (question, choice, position, number, text) as the reader of
// answers does: a number, else a choice, else a text, else asked and skipped.
func cellOf(stratum int64, row []any) cellKey {
	k := cellKey{stratum: stratum, question: row[0].(string)}
	choice, _ := row[1].(string)
	switch {
	case row[3] != nil:
		k.kind, k.number = CellNumber, row[3].(int)
	case choice != "":
		k.kind, k.choice = CellChoice, choice
		if p, ok := row[2].(int); ok {
			k.position = p
		}
	case row[4] != nil:
		k.kind = CellText
	default:
		k.kind = CellSkipped
	}
	return k
}

// ConsultationTally returns what the counts of a consultation hold: one lookup, to learn whether
// anything changed since a report was made.
func (s *Store) ConsultationTally(ctx context.Context, consultation string) (Tally, error) {
	return tallyOf(ctx, s.r, consultation)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func tallyOf(ctx context.Context, q queryRower, consultation string) (Tally, error) {
	var t Tally
	var at string
	err := q.QueryRowContext(ctx, `SELECT responses, last_rid, updated_at FROM tallies WHERE consultation_id = ?`,
		consultation).Scan(&t.Responses, &t.LastRID, &at)
	if err == sql.ErrNoRows {
		return Tally{}, nil
	}
	t.UpdatedAt = parseStamp(at)
	return t, err
}

// Cells streams, from one snapshot, a consultation's strata and then their cells, and returns
// the tally they add up to. Its size follows the variety of answers, not their number.
func (s *Store) Cells(ctx context.Context, consultation string, onStratum func(Stratum), onCell func(Cell)) (Tally, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Tally{}, err
	}
	defer tx.Rollback()
	t, err := tallyOf(ctx, tx, consultation)
	if err != nil {
		return Tally{}, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, grp, gender, age_band, disability, session_id, channel, day, responses, keysum
		FROM strata WHERE consultation_id = ? ORDER BY id`, consultation)
	if err != nil {
		return Tally{}, err
	}
	for rows.Next() {
		var st Stratum
		var key int64
		if err := rows.Scan(&st.ID, &st.Group, &st.Gender, &st.AgeBand, &st.Disability, &st.Session, &st.Channel, &st.Day,
			&st.Responses, &key); err != nil {
			rows.Close()
			return Tally{}, err
		}
		st.Keysum = uint32(key)
		onStratum(st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Tally{}, err
	}
	crows, err := tx.QueryContext(ctx, `SELECT c.stratum_id, c.question, c.kind, c.choice, c.position, c.number, c.lead,
		c.responses, c.keysum FROM strata s JOIN cells c ON c.stratum_id = s.id WHERE s.consultation_id = ?`, consultation)
	if err != nil {
		return Tally{}, err
	}
	defer crows.Close()
	var c Cell
	var question, choice sql.RawBytes
	var key int64
	for crows.Next() {
		if err := crows.Scan(&c.Stratum, &question, &c.Kind, &choice, &c.Position, &c.Number, &c.Lead, &c.Responses, &key); err != nil {
			return Tally{}, err
		}
		c.Question, c.Choice, c.Keysum = question, choice, uint32(key)
		onCell(c)
	}
	return t, crows.Err()
}

// recount computes from the responses and answers what the counts must hold, as strata and
// cells rows: the check below compares it with them.
const (
	recountStrata = `SELECT consultation_id, coalesce(grp, ''), coalesce(gender, ''), coalesce(age_band, ''),
		coalesce(disability, ''), coalesce(session_id, ''), channel, substr(received_at, 1, 10), count(*), sum(record_key) % 4294967296
		FROM responses GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`
	storedStrata = `SELECT consultation_id, grp, gender, age_band, disability, session_id, channel, day, responses, keysum FROM strata`
	recountCells = `SELECT r.consultation_id, coalesce(r.grp, ''), coalesce(r.gender, ''), coalesce(r.age_band, ''),
		coalesce(r.disability, ''), coalesce(r.session_id, ''), r.channel, substr(r.received_at, 1, 10), a.question,
		CASE WHEN a.number IS NOT NULL THEN 2 WHEN coalesce(a.choice, '') <> '' THEN 1 WHEN a.text IS NOT NULL THEN 3 ELSE 0 END,
		CASE WHEN a.number IS NULL AND coalesce(a.choice, '') <> '' THEN a.choice ELSE '' END,
		CASE WHEN a.number IS NULL AND coalesce(a.choice, '') <> '' THEN coalesce(a.position, 0) ELSE 0 END,
		coalesce(a.number, 0),
		CASE WHEN a.rowid = (SELECT min(f.rowid) FROM answers f WHERE f.rid = a.rid AND f.question = a.question) THEN 1 ELSE 0 END,
		count(*), sum(r.record_key) % 4294967296
		FROM answers a JOIN responses r ON r.rid = a.rid GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14`
	storedCells = `SELECT s.consultation_id, s.grp, s.gender, s.age_band, s.disability, s.session_id, s.channel, s.day, c.question,
		c.kind, c.choice, c.position, c.number, c.lead, c.responses, c.keysum FROM cells c JOIN strata s ON s.id = c.stratum_id`
	recountTallies = `SELECT consultation_id, count(*), max(rid) FROM responses GROUP BY consultation_id`
	storedTallies  = `SELECT consultation_id, responses, last_rid FROM tallies WHERE responses > 0`
)

// VerifyCounts recounts every stratum and cell from the responses and answers and returns an
// error saying how many rows differ from the counts kept at write time. It reads everything:
// for tests, the crash test and an administrator's check, never for a request.
func VerifyCounts(ctx context.Context, db *sql.DB) error {
	for _, pair := range [][3]string{{"strata", recountStrata, storedStrata}, {"cells", recountCells, storedCells},
		{"tallies", recountTallies, storedTallies}} {
		var missing, extra int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM (`+pair[1]+` EXCEPT `+pair[2]+`)`).Scan(&missing); err != nil {
			return fmt.Errorf("store: recount %s: %w", pair[0], err)
		}
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM (`+pair[2]+` EXCEPT `+pair[1]+`)`).Scan(&extra); err != nil {
			return fmt.Errorf("store: recount %s: %w", pair[0], err)
		}
		if missing+extra > 0 {
			return fmt.Errorf("store: %s: %d recounted rows not kept, %d kept rows not recounted", pair[0], missing, extra)
		}
	}
	return nil
}

// VerifyCounts checks the counts of this store against its responses (see VerifyCounts).
func (s *Store) VerifyCounts(ctx context.Context) error { return VerifyCounts(ctx, s.r) }
