package store

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"math/rand/v2"
	"time"
)

// ResultSnapshot is a consultation's results dataset as a reader saved it: the responses read up
// to Position, encoded in Format (see results.SnapshotFormat). It holds record keys, like the
// responses table it comes from: it is never exported nor shown, only read back by results.
// Data is only filled by ResultSnapshot and read by SaveResultSnapshot; the streaming
// SaveResultSnapshotFrom and ReadResultSnapshot leave it empty.
type ResultSnapshot struct {
	Position  Position
	Responses int
	Format    int
	Data      []byte
	SavedAt   time.Time
}

// snapshotPart is the size of the parts a snapshot's bytes are stored in
// (result_snapshot_parts): saving and reading hold one part at a time, not the whole snapshot.
const snapshotPart = 1 << 20

// SaveResultSnapshot saves snap.Data as the consultation's snapshot (see SaveResultSnapshotFrom).
func (s *Store) SaveResultSnapshot(ctx context.Context, consultation string, snap ResultSnapshot) error {
	return s.SaveResultSnapshotFrom(ctx, consultation, snap, func(w io.Writer) error {
		_, err := w.Write(snap.Data)
		return err
	})
}

// SaveResultSnapshotFrom keeps a consultation's snapshot, whose bytes write writes, in place of the
// one before, unless that one holds more responses in the same format (another instance saved
// later data first): either is a prefix of the responses in read order, so either is right, and
// the larger saves more reading. A reader sees the old snapshot or the new one whole.
//
// The bytes are stored as a new generation of parts of snapshotPart, each part committed on its
// own as write fills it, and the snapshot's line is switched to that generation at the end in one
// small transaction; then the parts of other generations are deleted, one part at a time. So the
// database's writer (SQLite has one, which every response waits for) is never held for more than
// one part, where writing and encoding a whole snapshot in one transaction held it 0.2 s at
// 100,000 responses. Parts left by a save that failed or was cut short belong to no snapshot and
// go with the next save.
func (s *Store) SaveResultSnapshotFrom(ctx context.Context, consultation string, snap ResultSnapshot, write func(io.Writer) error) error {
	// The line the parts refer to: one of no snapshot (format 0, no parts) when there is none.
	if _, err := s.w.ExecContext(ctx, `INSERT INTO result_snapshots (consultation_id, xact, rid, responses, format, saved_at, generation)
		VALUES (?, 0, 0, 0, 0, ?, 0) ON CONFLICT (consultation_id) DO NOTHING`, consultation, s.stamp()); err != nil {
		return err
	}
	var responses, format int
	if err := s.w.QueryRowContext(ctx, `SELECT responses, format FROM result_snapshots WHERE consultation_id = ?`,
		consultation).Scan(&responses, &format); err != nil {
		return err
	}
	if format == snap.Format && responses > snap.Responses {
		return nil // the one stored is kept
	}
	gen := newGeneration()
	w := &partWriter{ctx: ctx, db: s.w, consultation: consultation, generation: gen, buf: make([]byte, 0, snapshotPart)}
	err := write(w)
	if err == nil {
		err = w.flush()
	}
	if err != nil {
		return errors.Join(err, s.deleteSnapshotParts(ctx, consultation, func(g int64) bool { return g == gen }))
	}
	res, err := s.w.ExecContext(ctx, `UPDATE result_snapshots SET xact = ?, rid = ?, responses = ?, format = ?, saved_at = ?, generation = ?
		WHERE consultation_id = ? AND (responses <= ? OR format <> ?)`,
		snap.Position.Xact, snap.Position.RID, snap.Responses, snap.Format, s.stamp(), gen, consultation, snap.Responses, snap.Format)
	if err != nil {
		return errors.Join(err, s.deleteSnapshotParts(ctx, consultation, func(g int64) bool { return g == gen }))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		// Another save with more responses got there first: its snapshot is kept, ours goes.
		return errors.Join(err, s.deleteSnapshotParts(ctx, consultation, func(g int64) bool { return g == gen }))
	}
	return s.deleteSnapshotParts(ctx, consultation, func(int64) bool { return true })
}

// newGeneration draws a snapshot generation: another instance may be saving the same
// consultation's snapshot at the same moment, each under its own. 0 is the one of a migrated
// snapshot and of a line with none.
func newGeneration() int64 {
	for {
		if g := rand.Int64(); g != 0 {
			return g
		}
	}
}

// deleteSnapshotParts deletes the consultation's snapshot parts of the generations drop picks, each
// part in a statement of its own, so the writer is held for one part at a time. The generation
// the snapshot's line names when a part is deleted is never deleted: another instance may have
// switched to its own meanwhile.
func (s *Store) deleteSnapshotParts(ctx context.Context, consultation string, drop func(int64) bool) error {
	type part struct{ generation, part int64 }
	var parts []part
	rows, err := s.w.QueryContext(ctx, `SELECT generation, part FROM result_snapshot_parts WHERE consultation_id = ?`, consultation)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p part
		if err := rows.Scan(&p.generation, &p.part); err != nil {
			rows.Close()
			return err
		}
		if drop(p.generation) {
			parts = append(parts, p)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := s.w.ExecContext(ctx, `DELETE FROM result_snapshot_parts WHERE consultation_id = ? AND generation = ? AND part = ?
			AND generation <> (SELECT generation FROM result_snapshots WHERE consultation_id = ?)`,
			consultation, p.generation, p.part, consultation); err != nil {
			return err
		}
	}
	return nil
}

// partWriter stores what is written to it as parts of snapshotPart bytes of one generation of the
// consultation's snapshot, each committed on its own.
type partWriter struct {
	ctx          context.Context
	db           *sql.DB
	consultation string
	generation   int64
	part         int
	buf          []byte
}

func (w *partWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), snapshotPart-len(w.buf))
		w.buf, p = append(w.buf, p[:k]...), p[k:]
		if len(w.buf) == snapshotPart {
			if err := w.flush(); err != nil {
				return n - len(p), err
			}
		}
	}
	return n, nil
}

func (w *partWriter) flush() error {
	if len(w.buf) == 0 && w.part > 0 {
		return nil
	}
	_, err := w.db.ExecContext(w.ctx, `INSERT INTO result_snapshot_parts (consultation_id, generation, part, data) VALUES (?, ?, ?, ?)`,
		w.consultation, w.generation, w.part, w.buf)
	w.part++
	w.buf = w.buf[:0]
	return err
}

// ReadResultSnapshot calls read with the consultation's last saved snapshot and a reader of its
// bytes, which streams its parts in order from one query (one part in memory at a time); ok is
// false, and read is not called, when there is none. read's error is returned.
func (s *Store) ReadResultSnapshot(ctx context.Context, consultation string, read func(ResultSnapshot, io.Reader) error) (ok bool, err error) {
	rows, err := s.r.QueryContext(ctx, `SELECT s.xact, s.rid, s.responses, s.format, s.saved_at, p.data
		FROM result_snapshots s JOIN result_snapshot_parts p ON p.consultation_id = s.consultation_id AND p.generation = s.generation
		WHERE s.consultation_id = ? ORDER BY p.part`, consultation)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	if !rows.Next() {
		return false, rows.Err()
	}
	var snap ResultSnapshot
	var at string
	r := &partReader{rows: rows}
	if err := rows.Scan(&snap.Position.Xact, &snap.Position.RID, &snap.Responses, &snap.Format, &at, &r.part); err != nil {
		return false, err
	}
	snap.SavedAt = parseStamp(at)
	if err := read(snap, r); err != nil {
		return true, err
	}
	return true, rows.Close()
}

// partReader reads the snapshot parts a query returns, one row after the other.
type partReader struct {
	rows *sql.Rows
	part []byte
	err  error
}

func (r *partReader) Read(p []byte) (int, error) {
	for len(r.part) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if !r.rows.Next() {
			if r.err = r.rows.Err(); r.err == nil {
				r.err = io.EOF
			}
			continue
		}
		var xact, rid, n, format int64
		var at string
		if err := r.rows.Scan(&xact, &rid, &n, &format, &at, &r.part); err != nil {
			r.err = err
		}
	}
	n := copy(p, r.part)
	r.part = r.part[n:]
	return n, nil
}

// ResultSnapshot returns the consultation's last saved snapshot with its bytes in Data; ok is
// false when there is none.
func (s *Store) ResultSnapshot(ctx context.Context, consultation string) (snap ResultSnapshot, ok bool, err error) {
	ok, err = s.ReadResultSnapshot(ctx, consultation, func(got ResultSnapshot, r io.Reader) error {
		snap = got
		snap.Data, err = io.ReadAll(r)
		return err
	})
	if err != nil || !ok {
		return ResultSnapshot{}, false, err
	}
	return snap, true, nil
}
