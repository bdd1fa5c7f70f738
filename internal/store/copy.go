package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// TableCount is how many rows one table holds in the source and, after the copy, the target.
type TableCount struct {
	Table          string
	Source, Target int64
}

// ErrTargetNotEmpty is CopyToPostgres's refusal to write into a database that holds data.
var ErrTargetNotEmpty = errors.New("the PostgreSQL database already holds data")

// CopyToPostgres copies every row of a SQLite store into an empty PostgreSQL store (both opened,
// so both are migrated to the same schema), keeping ids, record keys and times as they are, and
// checks that each table holds as many rows in the target as in the source. It is one
// transaction on the target: after a failure the target is as empty as before, so it can be run
// again. The source is read from one snapshot; stop the server that writes to it first.
// Results snapshots (result_snapshots) are copied like any table: their position, (0, rid) on
// SQLite, stays right on PostgreSQL, where copied responses keep xact 0 and new ones come after.
func CopyToPostgres(ctx context.Context, from, to *Store) ([]TableCount, error) {
	if from.postgres || !to.postgres {
		return nil, errors.New("store: copy goes from a SQLite store to a PostgreSQL one")
	}
	tables, err := to.copyOrder(ctx)
	if err != nil {
		return nil, err
	}
	src, err := from.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer src.Rollback()
	// Only Consulta's tables: the database may hold others that are none of its business.
	var lite []string
	rows, err := src.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		lite = append(lite, n)
	}
	rows.Close()
	tables = slices.DeleteFunc(tables, func(t string) bool { return !slices.Contains(lite, t) })
	conn, err := to.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var counts []TableCount
	err = conn.Raw(func(dc any) error {
		pg := dc.(*pgConn).c.Conn()
		tx, err := pg.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		// Nobody else writes while the copy runs, so "empty" stays true until it commits.
		if _, err := tx.Exec(ctx, `LOCK TABLE `+strings.Join(quoteAll(tables), ", ")+` IN EXCLUSIVE MODE`); err != nil {
			return err
		}
		for _, table := range tables {
			var n int64
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+quote(table)).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("%w: table %s has %d rows; copy into a new, empty database", ErrTargetNotEmpty, table, n)
			}
		}
		for _, table := range tables {
			c, err := copyTable(ctx, src, tx, table)
			if err != nil {
				return fmt.Errorf("store: copy %s: %w", table, err)
			}
			if c.Source != c.Target {
				return fmt.Errorf("store: copy %s: %d rows in SQLite, %d in PostgreSQL", table, c.Source, c.Target)
			}
			counts = append(counts, c)
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}

// copyTable streams one table's rows, in stored order, into PostgreSQL with COPY, moves the
// table's identity past the copied ids, and counts both sides.
func copyTable(ctx context.Context, src *sql.Tx, tx pgx.Tx, table string) (TableCount, error) {
	c := TableCount{Table: table}
	type column struct {
		name, kind string
		identity   bool
	}
	var cols []column
	rows, err := tx.Query(ctx, `SELECT column_name, data_type, is_identity = 'YES' FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var col column
		if err := rows.Scan(&col.name, &col.kind, &col.identity); err != nil {
			return c, err
		}
		cols = append(cols, col)
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = col.name
	}
	// SQLite's rowid is the stored order, and is the answers' rowid column itself.
	lite, err := src.QueryContext(ctx, `SELECT `+strings.Join(quoteAll(names), ", ")+` FROM `+quote(table)+` ORDER BY rowid`)
	if err != nil {
		return c, err
	}
	defer lite.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{table}, names, pgx.CopyFromFunc(func() ([]any, error) {
		if !lite.Next() {
			return nil, lite.Err()
		}
		if err := lite.Scan(ptrs...); err != nil {
			return nil, err
		}
		c.Source++
		row := make([]any, len(vals))
		for i, v := range vals {
			var err error
			if row[i], err = toColumn(v, cols[i].kind); err != nil {
				return nil, fmt.Errorf("column %s: %w", cols[i].name, err)
			}
		}
		return row, nil
	}))
	if err != nil {
		return c, err
	}
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+quote(table)).Scan(&c.Target); err != nil {
		return c, err
	}
	if n != c.Target {
		return c, fmt.Errorf("COPY wrote %d rows, the table holds %d", n, c.Target)
	}
	for _, col := range cols {
		if col.identity {
			if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(`+quote(col.name)+`), 0) + 1, false) FROM `+quote(table),
				table, col.name); err != nil {
				return c, err
			}
		}
	}
	return c, nil
}

// toColumn converts what SQLite returned into the PostgreSQL column's type.
func toColumn(v any, kind string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case "bigint", "integer", "smallint":
		switch x := v.(type) {
		case int64:
			return x, nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			return strconv.ParseInt(x, 10, 64)
		}
	case "text":
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		}
	case "bytea":
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	default:
		return v, nil
	}
	return nil, fmt.Errorf("a %T where PostgreSQL expects %s", v, kind)
}

// copyOrder lists the target's tables so that every table comes after those it references.
func (s *Store) copyOrder(ctx context.Context) ([]string, error) {
	var tables []string
	rows, err := s.r.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	sort.Strings(tables)
	refs := map[string][]string{}
	rows, err = s.r.QueryContext(ctx, `SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
		WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			rows.Close()
			return nil, err
		}
		if from != to {
			refs[from] = append(refs[from], to)
		}
	}
	rows.Close()
	// Answers reference responses without a constraint on PostgreSQL (migration 015): in
	// stored order all the same.
	refs["answers"] = append(refs["answers"], "responses")
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(string) error
	visit = func(t string) error {
		switch state[t] {
		case 1:
			return fmt.Errorf("store: tables reference each other in a cycle through %s", t)
		case 2:
			return nil
		}
		state[t] = 1
		for _, r := range refs[t] {
			if err := visit(r); err != nil {
				return err
			}
		}
		state[t] = 2
		order = append(order, t)
		return nil
	}
	for _, t := range tables {
		if err := visit(t); err != nil {
			return nil, err
		}
	}
	return order, nil
}

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = quote(n)
	}
	return out
}
