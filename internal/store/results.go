package store

import (
	"context"
	"database/sql"
	"slices"
)

// ResultResponse is a response as aggregation needs it: its profile and how it came.
type ResultResponse struct {
	RID                                int64
	Session, Channel                   string
	Group, Gender, AgeBand, Disability string
	Day                                string // YYYY-MM-DD it was received
	Key                                uint32 // the record key, for the cell key method; never shown
}

// ResultAnswer is one answer row; no choice, number or text means asked and skipped.
// Question and Choice are only valid during the callback: they point into the driver's buffer,
// so millions of rows load without a string allocation each.
type ResultAnswer struct {
	RID       int64
	Question  []byte
	Choice    []byte
	Position  int
	Number    int
	HasNumber bool
	HasText   bool
}

// Position is where a reader of results left off: responses are read in the order of
// (Xact, RID). On SQLite Xact is always 0 and the order is rid's, the order of the one writer's
// commits. On PostgreSQL several writers (instances) commit at once, and a response can commit
// after one with a larger rid was read; Xact, the id of the transaction that stored it, orders
// them so that a reader never has to look back (see ResultRows).
type Position struct{ Xact, RID int64 }

// ResultRows streams, from one snapshot, the responses of a consultation stored after position
// after, in that order, each followed by its answer rows in stored order, and returns the
// position of the last one read (after itself when none was). Rows are streamed, not collected,
// because a large consultation has millions of answer rows. Answers come packed with their
// response (one row read per response); responses stored before answers were packed are read
// from the answers table.
//
// On PostgreSQL it reads only responses of transactions older than the oldest one still running
// when its snapshot was taken: those are all committed or rolled back for good, and any
// transaction after them has a larger id. So what it reads up to a position never changes again,
// every response is read once, in one order on every instance; a response of a transaction still
// running is read by a later call (a moment later: the store's transactions are short).
func (s *Store) ResultRows(ctx context.Context, consultation string, after Position,
	onResponse func(ResultResponse), onAnswer func(ResultAnswer)) (Position, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return after, err
	}
	defer tx.Rollback()
	const columns = `SELECT rid, xact, coalesce(session_id, ''), channel, coalesce(grp, ''), coalesce(gender, ''),
		coalesce(age_band, ''), coalesce(disability, ''), substr(received_at, 1, 10), record_key, answers_packed
		FROM responses WHERE consultation_id = ?`
	query, args := columns+` AND rid > ? ORDER BY rid`, []any{consultation, after.RID}
	if s.postgres {
		query = columns + ` AND (xact, rid) > (?, ?)
		AND xact < pg_snapshot_xmin(pg_current_snapshot())::text::bigint ORDER BY xact, rid`
		args = []any{consultation, after.Xact, after.RID}
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return after, err
	}
	pos := after
	var unpacked []int64 // responses stored before answers were packed
	var packed sql.RawBytes
	for rows.Next() {
		var r ResultResponse
		if err := rows.Scan(&r.RID, &pos.Xact, &r.Session, &r.Channel, &r.Group, &r.Gender, &r.AgeBand, &r.Disability, &r.Day, &r.Key, &packed); err != nil {
			rows.Close()
			return after, err
		}
		pos.RID = r.RID
		onResponse(r)
		if packed == nil {
			unpacked = append(unpacked, r.RID)
			continue
		}
		if err := unpackAnswers(r.RID, packed, onAnswer); err != nil {
			rows.Close()
			return after, err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return after, err
	}
	if len(unpacked) == 0 {
		return pos, nil
	}
	first, last := slices.Min(unpacked), slices.Max(unpacked)
	want := make(map[int64]bool, len(unpacked))
	for _, rid := range unpacked {
		want[rid] = true
	}
	// Answers are stored in response order, so rowid order is response order and the table is read
	// straight through; rows of packed responses and of other consultations in the range are skipped.
	arows, err := tx.QueryContext(ctx, `SELECT rid, question, coalesce(choice, ''), coalesce(position, 0),
		number IS NOT NULL, coalesce(number, 0), text IS NOT NULL
		FROM answers WHERE rowid >= (SELECT min(rowid) FROM answers WHERE rid = ?) AND rid BETWEEN ? AND ?
		ORDER BY rowid`, first, first, last)
	if err != nil {
		return after, err
	}
	defer arows.Close()
	var a ResultAnswer
	var question, choice sql.RawBytes
	for arows.Next() {
		if err := arows.Scan(&a.RID, &question, &choice, &a.Position, &a.HasNumber, &a.Number, &a.HasText); err != nil {
			return after, err
		}
		if !want[a.RID] {
			continue
		}
		a.Question, a.Choice = question, choice
		onAnswer(a)
	}
	if err := arows.Err(); err != nil {
		return after, err
	}
	return pos, nil
}

// Texts returns what people wrote in an open question, newest first, at most limit of them.
func (s *Store) Texts(ctx context.Context, consultation, question string, limit int) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT a.text FROM answers a JOIN responses r ON r.rid = a.rid
		WHERE r.consultation_id = ? AND a.question = ? AND a.text IS NOT NULL ORDER BY a.rid DESC LIMIT ?`,
		consultation, question, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
