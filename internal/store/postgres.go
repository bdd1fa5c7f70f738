package store

// PostgreSQL behind the same *sql.DB, *sql.Tx and *sql.Stmt the SQLite store uses: the store's
// SQL is written once, with ? placeholders, in the subset both engines read the same way, and a
// thin database/sql driver in front of pgx rewrites ? to $1, $2 … on the way out. Nothing else
// is rewritten: SQL that only SQLite understands fails on PostgreSQL (see migrations_pg/README.md).

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsPostgres reports whether a --db value names a PostgreSQL database rather than a SQLite file.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Redact returns a --db value fit for a log line: a PostgreSQL URL loses its password.
func Redact(db string) string {
	if !IsPostgres(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// ErrBackupPostgres is Backup's answer on PostgreSQL, whose own tools do it better.
var ErrBackupPostgres = errors.New("consulta backup copies a SQLite file; on PostgreSQL use pg_dump " +
	"(pg_dump --format=custom --file=consulta.dump 'postgres://…', restored with pg_restore --dbname='postgres://…' consulta.dump) " +
	"or the managed service's backups and point-in-time recovery")

// openPostgres opens and migrates a PostgreSQL database: one writer connection, as on SQLite, so
// the group commit and the order of writes are the same, and a pool of read-only readers.
func openPostgres(dbURL string) (*Store, error) {
	w, err := openPostgresDB(dbURL, false)
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: connect to PostgreSQL: %w", err)
	}
	s := &Store{w: w, Now: time.Now, path: dbURL, postgres: true}
	if err := s.migrate(); err != nil {
		w.Close()
		return nil, err
	}
	r, err := openPostgresDB(dbURL, true)
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	s.r = r
	if err := s.settleRestored(ctx); err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	if err := s.claimWriter(ctx); err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	if err := s.prepareWriter(); err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	s.saves, s.writerDone = make(chan *saveJob, maxGroup), make(chan struct{})
	go s.writeResponses()
	return s, nil
}

// settleRestored gives the responses of another database server (restored from pg_dump, copied
// by logical replication) the transaction 0. Results read responses in the order of the ids of
// the transactions that stored them (responses.xact, ResultRows), ids of this server; those that
// came from another server carry its ids, which can be larger than any this one has given yet.
// Read as they are, they would come after responses stored here later, and a reader past them
// would never read those. Every one visible now whose id this server has not given yet is such a
// response; at 0 they come first, in rid order, before everything stored here. A failover to a
// replica or pg_upgrade keeps the ids going, and then there is nothing to change.
func (s *Store) settleRestored(ctx context.Context) error {
	_, err := s.w.ExecContext(ctx, `UPDATE responses SET xact = 0
		WHERE consultation_id IN (SELECT id FROM consultations)
		AND xact >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint`)
	if err != nil {
		return fmt.Errorf("store: settle restored responses: %w", err)
	}
	return nil
}

// writerLines is how many instances get a tallies line of their own; more share lines, which
// is correct, only slower (they wait for one another on the shared line).
const writerLines = 16

// claimWriter takes the first tallies line no other instance holds, with a session advisory lock
// on the writer connection, so two instances on one database never update the same line. Should
// the connection be replaced, the lock goes with it and another instance may take the line too:
// the counts stay right, only the two wait for each other on it.
func (s *Store) claimWriter(ctx context.Context) error {
	for line := range int64(writerLines) {
		var ok bool
		// 0x436f6e73 ("Cons") keeps these locks apart from any other use of advisory locks.
		if err := s.w.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(1131376243, ?::int)`, line).Scan(&ok); err != nil {
			return fmt.Errorf("store: claim a tallies line: %w", err)
		}
		if ok {
			s.writer = line
			return nil
		}
	}
	s.writer = time.Now().UnixNano() % writerLines
	return nil
}

// openPostgresDB returns a pool whose connections take the store's ? placeholders; readOnly
// makes every transaction on it read-only, as SQLite's query_only does for the reader pool.
func openPostgresDB(dbURL string, readOnly bool) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dbURL)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", Redact(dbURL), err)
	}
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	cfg.RuntimeParams["application_name"] = "consulta"
	inner := stdlib.GetConnector(*cfg, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "int8", OID: pgtype.Int8OID, Codec: flagInt8Codec{}})
		return nil
	}))
	return sql.OpenDB(pgConnector{inner}), nil
}

type pgConnector struct{ inner driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{conn.(*stdlib.Conn)}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is pgx's connection with every query's placeholders rewritten first.
type pgConn struct{ c *stdlib.Conn }

var (
	_ driver.ConnPrepareContext = (*pgConn)(nil)
	_ driver.ExecerContext      = (*pgConn)(nil)
	_ driver.QueryerContext     = (*pgConn)(nil)
	_ driver.ConnBeginTx        = (*pgConn)(nil)
	_ driver.Pinger             = (*pgConn)(nil)
	_ driver.SessionResetter    = (*pgConn)(nil)
	_ driver.NamedValueChecker  = (*pgConn)(nil)
)

func (p *pgConn) Prepare(query string) (driver.Stmt, error) {
	return p.c.Prepare(rebind(query))
}

func (p *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return p.c.PrepareContext(ctx, rebind(query))
}

func (p *pgConn) Close() error { return p.c.Close() }

func (p *pgConn) Begin() (driver.Tx, error) {
	return p.BeginTx(context.Background(), driver.TxOptions{})
}

// BeginTx makes a read-only transaction a snapshot, as every SQLite read transaction is: a
// reader that runs two queries (results read responses, then their answers) sees one moment.
func (p *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if opts.ReadOnly && sql.IsolationLevel(opts.Isolation) == sql.LevelDefault {
		opts.Isolation = driver.IsolationLevel(sql.LevelRepeatableRead)
	}
	return p.c.BeginTx(ctx, opts)
}

func (p *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := p.c.ExecContext(ctx, rebind(query), args)
	if err != nil {
		return nil, err
	}
	return pgResult{res}, nil
}

func (p *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return p.c.QueryContext(ctx, rebind(query), args)
}

func (p *pgConn) Ping(ctx context.Context) error             { return p.c.Ping(ctx) }
func (p *pgConn) ResetSession(ctx context.Context) error     { return p.c.ResetSession(ctx) }
func (p *pgConn) CheckNamedValue(v *driver.NamedValue) error { return p.c.CheckNamedValue(v) }
func (p *pgConn) IsValid() bool                              { return !p.c.Conn().IsClosed() }

// pgResult says what to write instead when code asks PostgreSQL for the last insert id.
type pgResult struct{ driver.Result }

func (pgResult) LastInsertId() (int64, error) {
	return 0, errors.New("store: LastInsertId does not exist on PostgreSQL: write INSERT … RETURNING id and scan it")
}

// rebound caches rebind's answers: the store's queries are constants, few, and sent thousands
// of times a second (pgx then finds its prepared statement by the rewritten text). A query built
// from a list (IN (?, ?, …)) adds one entry per length it is built with.
var rebound sync.Map // query -> rewritten query

// rebind turns ? placeholders into $1, $2 …, leaving alone what is quoted ('…', "…", $tag$…$tag$)
// or commented (-- …, /* … */).
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	q := rebindQuery(query)
	rebound.Store(query, q)
	return q
}

func rebindQuery(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		case c == '\'' || c == '"':
			end := strings.IndexByte(query[i+1:], c)
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+2])
			i += end + 1
			continue
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				end = len(query) - i - 1
			}
			b.WriteString(query[i : i+end+1])
			i += end
			continue
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			end := strings.Index(query[i+2:], "*/")
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+4])
			i += end + 3
			continue
		case c == '$':
			if tag, ok := dollarTag(query[i:]); ok {
				end := strings.Index(query[i+len(tag):], tag)
				if end < 0 {
					b.WriteString(query[i:])
					return b.String()
				}
				b.WriteString(query[i : i+len(tag)+end+len(tag)])
				i += len(tag) + end + len(tag) - 1
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// dollarTag returns the opening $tag$ of a dollar-quoted string at the start of s.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '$':
			return s[:j+1], true
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 1 && c >= '0' && c <= '9':
		default:
			return "", false
		}
	}
	return "", false
}

// flagInt8Codec stores a Go bool in an integer column as 0 or 1: flags are integers in both
// dialects (users.disabled, sessions.parental_consent), so `disabled = 0` reads the same.
type flagInt8Codec struct{ pgtype.Int8Codec }

func (c flagInt8Codec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if _, ok := value.(bool); ok {
		return flagPlan{format}
	}
	return c.Int8Codec.PlanEncode(m, oid, format, value)
}

type flagPlan struct{ format int16 }

func (p flagPlan) Encode(value any, buf []byte) ([]byte, error) {
	var n int64
	if value.(bool) {
		n = 1
	}
	if p.format == pgtype.BinaryFormatCode {
		return binary.BigEndian.AppendUint64(buf, uint64(n)), nil
	}
	return strconv.AppendInt(buf, n, 10), nil
}
