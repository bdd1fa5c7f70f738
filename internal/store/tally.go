package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// Kinds of an answer row, as results count them.
const (
	CellSkipped = 0 // asked and left blank
	CellChoice  = 1 // a choice, with its rank position (0 when not ranked)
	CellNumber  = 2 // a number
	CellText    = 3 // a text (its words are never counted)
)

// Tally says what the store holds of a consultation: a report made from it is "as of" it.
type Tally struct {
	Responses int
	LastRID   int64
	UpdatedAt time.Time
}

type answerKind struct {
	question, choice string
	kind             int
	position, number int
}

// kindOf classifies one answer row (question, choice, position, number, text) as the reader of
// answers does: a number, else a choice, else a text, else asked and skipped.
func kindOf(row []any) answerKind {
	k := answerKind{question: row[0].(string)}
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

// upsertTally adds to a consultation's line of one writer (several instances on one PostgreSQL
// database have a line each, so they never wait for one another on it; readers sum the lines).
const upsertTally = `INSERT INTO tallies (consultation_id, writer, responses, last_rid, updated_at) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (consultation_id, writer) DO UPDATE SET responses = tallies.responses + excluded.responses,
	last_rid = CASE WHEN excluded.last_rid > tallies.last_rid THEN excluded.last_rid ELSE tallies.last_rid END,
	updated_at = excluded.updated_at`

// prepareWriter prepares the statements the group writer runs for every group or response,
// before it takes its connection: parsing each every time costs about as much as running it.
func (s *Store) prepareWriter() (err error) {
	if s.tallyStmt, err = s.w.Prepare(upsertTally); err != nil {
		return err
	}
	if s.lookupStmt, err = s.w.Prepare(lookupResponseSQL); err != nil {
		return err
	}
	s.insertStmt, err = s.w.Prepare(insertResponseSQL)
	return err
}

// tallyGroup is the writer's tallyInTx; a benchmark measures the writer without it.
var tallyGroup = (*Store).tallyInTx

// tallyInTx adds the responses of a group that were stored to their consultations' tallies,
// inside the group's transaction. The upsert is the same in SQLite and PostgreSQL.
func (s *Store) tallyInTx(ctx context.Context, tx *sql.Tx, group []*saveJob) error {
	tallies := map[string]*Tally{}
	var order []string
	for _, j := range group {
		if !j.created {
			continue
		}
		t := tallies[j.r.ConsultationID]
		if t == nil {
			t = &Tally{}
			tallies[j.r.ConsultationID] = t
			order = append(order, j.r.ConsultationID)
		}
		t.Responses++
		t.LastRID = max(t.LastRID, j.rid)
	}
	// In one order on every writer, so two instances that update the same tallies wait for
	// each other instead of deadlocking.
	sort.Strings(order)
	now := s.stamp()
	for _, id := range order {
		t := tallies[id]
		if _, err := tx.StmtContext(ctx, s.tallyStmt).ExecContext(ctx, id, s.writer, t.Responses, t.LastRID, now); err != nil {
			return err
		}
	}
	return nil
}

// ConsultationTally returns what the store holds of a consultation: one lookup (of a line per
// writer that ever stored some of its responses), to learn whether anything changed since a
// report was made.
func (s *Store) ConsultationTally(ctx context.Context, consultation string) (Tally, error) {
	var t Tally
	var at string
	err := s.r.QueryRowContext(ctx, `SELECT coalesce(sum(responses), 0), coalesce(max(last_rid), 0), coalesce(max(updated_at), '')
		FROM tallies WHERE consultation_id = ?`, consultation).Scan(&t.Responses, &t.LastRID, &at)
	t.UpdatedAt = parseStamp(at)
	return t, err
}

// VerifyTallies recounts every consultation's responses and returns an error when a tally
// differs. It reads every response: for tests and the crash test, never for a request.
func VerifyTallies(ctx context.Context, db *sql.DB) error {
	const recount = `SELECT consultation_id, count(*), max(rid) FROM responses GROUP BY consultation_id`
	const stored = `SELECT consultation_id, sum(responses), max(last_rid) FROM tallies GROUP BY consultation_id HAVING sum(responses) > 0`
	var missing, extra int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM (`+recount+` EXCEPT `+stored+`) AS d`).Scan(&missing); err != nil {
		return fmt.Errorf("store: recount tallies: %w", err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM (`+stored+` EXCEPT `+recount+`) AS d`).Scan(&extra); err != nil {
		return fmt.Errorf("store: recount tallies: %w", err)
	}
	if missing+extra > 0 {
		return fmt.Errorf("store: tallies: %d consultations recounted differently, %d tallies not recounted", missing, extra)
	}
	return nil
}

// VerifyTallies checks the tallies of this store against its responses (see VerifyTallies).
func (s *Store) VerifyTallies(ctx context.Context) error { return VerifyTallies(ctx, s.r) }
