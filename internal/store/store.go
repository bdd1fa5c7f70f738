// Package store keeps Consulta's data in SQLite (or PostgreSQL) and is the only package that
// writes SQL. It knows survey definitions but nothing of HTTP, pages or statistics.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite"
)

// Errors the web layer maps to statuses.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
)

//go:embed migrations/*.sql migrations_pg/*.sql
var migrations embed.FS

// Store is one database, a SQLite file or PostgreSQL: one writer connection for every write, a
// pool of readers.
type Store struct {
	w, r *sql.DB
	// Now is the clock every stored time comes from; tests replace it.
	Now func() time.Time

	stmtMu    sync.Mutex
	stmts     map[int]*sql.Stmt // multi-row answer INSERTs by row count
	tallyStmt *sql.Stmt
	// lookupStmt and insertStmt look up and store one response (prepareWriter).
	lookupStmt, insertStmt *sql.Stmt
	writer                 int64 // this store's line in tallies (0 on SQLite; claimed on PostgreSQL, postgres.go)

	open  sync.Map      // open consultations by id, for responses (consultation_open.go)
	edits atomic.Uint64 // changes to consultations made through this store

	saves      chan *saveJob                                    // responses waiting for the group writer
	groups     struct{ oneStatement, perResponse atomic.Int64 } // PostgreSQL groups by path, for tests
	writerDone chan struct{}
	lastGroup  int // how many responses the last group held (PostgreSQL, response_pg.go)
	path       string
	postgres   bool // path is a PostgreSQL URL (postgres.go)
}

// dsn sets every connection's pragmas in the connection string, so pooled connections get them.
func dsn(path string, write bool) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	if write {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating it and its folder when needed) and migrates the database at path, or the
// PostgreSQL database when path is a postgres:// URL.
func Open(path string) (*Store, error) {
	if IsPostgres(path) {
		return openPostgres(path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create folder: %w", err)
		}
	}
	w, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w, Now: time.Now, path: path}
	if err := s.migrate(); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, err
	}
	if err := s.prepareWriter(); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("store: prepare writes: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	s.r = r
	s.saves, s.writerDone = make(chan *saveJob, maxGroup), make(chan struct{})
	go s.writeResponses()
	return s, nil
}

// Close closes both pools; WAL content is checkpointed by SQLite when the last connection closes.
func (s *Store) Close() error {
	close(s.saves) // the writer finishes what is queued, then stops
	<-s.writerDone
	s.stmtMu.Lock()
	for _, stmt := range s.stmts {
		stmt.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	for _, stmt := range []*sql.Stmt{s.tallyStmt, s.lookupStmt, s.insertStmt} {
		if stmt != nil {
			stmt.Close()
		}
	}
	return errors.Join(s.r.Close(), s.w.Close())
}

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

func (s *Store) migrate() error {
	dir := "migrations"
	if s.postgres {
		dir = "migrations_pg"
		// Instances that start together migrate one after the other.
		if _, err := s.w.Exec(`SELECT pg_advisory_lock(1129270340)`); err != nil {
			return fmt.Errorf("store: migrations lock: %w", err)
		}
		defer s.w.Exec(`SELECT pg_advisory_unlock(1129270340)`)
	}
	if _, err := s.w.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	names, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, dir+"/")
		err := s.tx(context.Background(), func(tx *sql.Tx) error {
			var done int
			if err := tx.QueryRow(`SELECT count(*) FROM schema_migrations WHERE name = ?`, base).Scan(&done); err != nil {
				return err
			}
			if done > 0 {
				return nil
			}
			body, err := migrations.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(string(body)); err != nil {
				return err
			}
			_, err = tx.Exec(`INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, base, s.stamp())
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", base, err)
		}
	}
	return nil
}

// tx runs fn in one write transaction: all of it is stored, or none of it.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (s *Store) stamp() string { return s.Now().UTC().Format(time.RFC3339Nano) }

func parseStamp(v string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, v)
	return t
}

// Backup writes a consistent copy of the database to path while the server keeps running. The
// copy holds password and token hashes and every answer, so only its owner may read it (0600).
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.postgres {
		return ErrBackupPostgres
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	// Created empty first, with its final mode: VACUUM INTO fills an empty file, and the copy is
	// never readable by others, not even for a moment.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("store: %s already exists", path)
		}
		return err
	}
	f.Close()
	// Its own connection: the readers are query-only, and the writer must stay free for responses.
	db, err := sql.Open("sqlite", dsn(s.path, true))
	if err != nil {
		os.Remove(path)
		return err
	}
	defer db.Close()
	if _, err = db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return err
	}
	return os.Chmod(path, 0o600)
}
