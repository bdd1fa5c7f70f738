package store

import (
	"bufio"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
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
// the larger saves more reading. The bytes are stored in parts of snapshotPart in one transaction
// with the metadata: a reader sees the old snapshot or the new one whole.
//
// write runs before the transaction, into a temporary file (next to a SQLite database, unlinked at
// once where the system allows, so nothing is left behind even by a crash), and the transaction
// only copies the file into parts: SQLite has one writer, which every response waits for, and
// encoding a large dataset inside the transaction held it for the whole encoding.
func (s *Store) SaveResultSnapshotFrom(ctx context.Context, consultation string, snap ResultSnapshot, write func(io.Writer) error) error {
	if !snapshotViaFile {
		return s.saveSnapshotParts(ctx, consultation, snap, write)
	}
	dir := ""
	if !s.postgres {
		dir = filepath.Dir(s.path)
	}
	f, err := os.CreateTemp(dir, ".consulta-snapshot-*")
	if err != nil {
		return err
	}
	name := f.Name()
	unlinked := os.Remove(name) == nil // the open file stays readable and writable
	defer func() {
		f.Close()
		if !unlinked {
			os.Remove(name)
		}
	}()
	buf := bufio.NewWriterSize(f, 64<<10)
	if err := write(buf); err != nil {
		return err
	}
	if err := buf.Flush(); err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return s.saveSnapshotParts(ctx, consultation, snap, func(w io.Writer) error {
		_, err := io.Copy(w, bufio.NewReaderSize(f, 64<<10))
		return err
	})
}

// snapshotViaFile encodes a snapshot before its transaction (SaveResultSnapshotFrom); a benchmark
// turns it off to compare with encoding inside it.
var snapshotViaFile = true

// saveSnapshotParts runs write inside the transaction that replaces the snapshot.
func (s *Store) saveSnapshotParts(ctx context.Context, consultation string, snap ResultSnapshot, write func(io.Writer) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO result_snapshots (consultation_id, xact, rid, responses, format, saved_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (consultation_id) DO UPDATE SET xact = excluded.xact, rid = excluded.rid, responses = excluded.responses,
				format = excluded.format, saved_at = excluded.saved_at
			WHERE excluded.responses >= result_snapshots.responses OR excluded.format <> result_snapshots.format`,
			consultation, snap.Position.Xact, snap.Position.RID, snap.Responses, snap.Format, s.stamp())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // the one stored is kept
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM result_snapshot_parts WHERE consultation_id = ?`, consultation); err != nil {
			return err
		}
		w := &partWriter{ctx: ctx, tx: tx, consultation: consultation, buf: make([]byte, 0, snapshotPart)}
		if err := write(w); err != nil {
			return err
		}
		return w.flush()
	})
}

// partWriter stores what is written to it as the consultation's snapshot parts, snapshotPart bytes each.
type partWriter struct {
	ctx          context.Context
	tx           *sql.Tx
	consultation string
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
	_, err := w.tx.ExecContext(w.ctx, `INSERT INTO result_snapshot_parts (consultation_id, part, data) VALUES (?, ?, ?)`,
		w.consultation, w.part, w.buf)
	w.part++
	w.buf = w.buf[:0]
	return err
}

// ReadResultSnapshot calls read with the consultation's last saved snapshot and a reader of its
// bytes, which streams its parts in order from one query (one part in memory at a time); ok is
// false, and read is not called, when there is none. read's error is returned.
func (s *Store) ReadResultSnapshot(ctx context.Context, consultation string, read func(ResultSnapshot, io.Reader) error) (ok bool, err error) {
	rows, err := s.r.QueryContext(ctx, `SELECT s.xact, s.rid, s.responses, s.format, s.saved_at, p.data
		FROM result_snapshots s JOIN result_snapshot_parts p ON p.consultation_id = s.consultation_id
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
