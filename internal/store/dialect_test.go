package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"consulta/internal/store/pgtest"
)

// TestMain stops the PostgreSQL cluster the tests started (pgtest starts it on first use).
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// forEachDialect runs a test on a fresh SQLite file and on a fresh PostgreSQL database; at is
// what Open takes. A store test is written once and runs on both:
//
//	func TestX(t *testing.T) { forEachDialect(t, testX) }
//	func testX(t *testing.T, at string) { f := newFixtureAt(t, at); … }
func forEachDialect(t *testing.T, test func(t *testing.T, at string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { test(t, filepath.Join(t.TempDir(), "data", "consulta.db")) })
	t.Run("postgres", func(t *testing.T) { test(t, pgtest.Database(t)) })
}

// refuseAnswer makes the database refuse any answer row to question, as a failing disk or a
// broken constraint would, after the response row is already written.
func refuseAnswer(t *testing.T, at, question string) {
	t.Helper()
	var db *sql.DB
	var err error
	stmts := []string{`CREATE TRIGGER refuse_` + question + ` BEFORE INSERT ON answers WHEN NEW.question = '` + question + `'
		BEGIN SELECT RAISE(ABORT, 'answer refused by test'); END`}
	if IsPostgres(at) {
		db, err = openPostgresDB(at, false)
		stmts = []string{`CREATE FUNCTION refuse_answer() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN IF NEW.question = '` + question + `' THEN RAISE EXCEPTION 'answer refused by test'; END IF; RETURN NEW; END $$`,
			`CREATE TRIGGER refuse_answer BEFORE INSERT ON answers FOR EACH ROW EXECUTE FUNCTION refuse_answer()`}
	} else {
		db, err = sql.Open("sqlite", "file:"+at+"?_pragma=busy_timeout(5000)")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c IN (?, ?)`, `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`},
		{`INSERT INTO t VALUES (?, '?', "?x", ?)`, `INSERT INTO t VALUES ($1, '?', "?x", $2)`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{`SELECT /* ? */ ?`, `SELECT /* ? */ $1`},
		{`SELECT $$ ? $$, $tag$ ?'$ $tag$, ?`, `SELECT $$ ? $$, $tag$ ?'$ $tag$, $1`},
		{`SELECT $1::int, ?`, `SELECT $1::int, $1`},
		{`SELECT '?`, `SELECT '?`},
		{`CASE WHEN ? THEN a.text END`, `CASE WHEN $1 THEN a.text END`},
	} {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIsPostgresAndRedact(t *testing.T) {
	for db, want := range map[string]bool{
		"postgres://u:p@h/db": true, "postgresql://h/db": true, "./data/consulta.db": false, "postgres.db": false,
	} {
		if IsPostgres(db) != want {
			t.Errorf("IsPostgres(%q) = %v", db, !want)
		}
	}
	got := Redact("postgres://ana:s3cret@db.example:5432/consulta?sslmode=require")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "ana") || !strings.Contains(got, "db.example") {
		t.Errorf("Redact = %q", got)
	}
	if got := Redact("postgres://db.example/consulta?password=s3cret"); strings.Contains(got, "s3cret") {
		t.Errorf("Redact = %q", got)
	}
}

// Every SQLite migration has a PostgreSQL version under the same name, and no other.
func TestEveryMigrationHasAPostgresVersion(t *testing.T) {
	names := func(dir string) []string {
		files, err := fs.Glob(migrations, dir+"/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range files {
			files[i] = strings.TrimPrefix(f, dir+"/")
		}
		return files
	}
	lite, pg := names("migrations"), names("migrations_pg")
	for _, n := range lite {
		if !slices.Contains(pg, n) {
			t.Errorf("migrations/%s has no PostgreSQL version: add migrations_pg/%s (see migrations_pg/README.md)", n, n)
		}
	}
	for _, n := range pg {
		if !slices.Contains(lite, n) {
			t.Errorf("migrations_pg/%s has no SQLite migration of the same name", n)
		}
	}
}

// After migrating, both dialects have the same tables and columns, with the same nullability.
func TestSchemasMatch(t *testing.T) {
	ctx := context.Background()
	lite, err := Open(filepath.Join(t.TempDir(), "schema.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := Open(pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()

	// column "table.name" -> NOT NULL
	liteCols := map[string]bool{}
	tables, err := lite.r.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	for _, table := range names {
		rows, err := lite.r.QueryContext(ctx, `SELECT name, "notnull", pk FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var col string
			var notNull, pk int
			if err := rows.Scan(&col, &notNull, &pk); err != nil {
				t.Fatal(err)
			}
			// A primary key is never NULL in PostgreSQL; the store never stores one in SQLite either.
			liteCols[table+"."+col] = notNull == 1 || pk > 0
		}
		rows.Close()
	}
	// SQLite's implicit rowid, which the store orders answers by, is a column in PostgreSQL.
	liteCols["answers.rowid"] = true
	liteCols["plan_states.rowid"] = true

	pgCols := map[string]bool{}
	rows, err := pg.r.QueryContext(ctx, `SELECT table_name, column_name, is_nullable = 'NO' FROM information_schema.columns
		WHERE table_schema = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, col string
		var notNull bool
		if err := rows.Scan(&table, &col, &notNull); err != nil {
			t.Fatal(err)
		}
		pgCols[table+"."+col] = notNull
	}
	rows.Close()

	if len(liteCols) < 40 {
		t.Fatalf("only %d SQLite columns found", len(liteCols))
	}
	for col, notNull := range liteCols {
		pgNotNull, ok := pgCols[col]
		switch {
		case !ok:
			t.Errorf("%s is in the SQLite schema, not in PostgreSQL's (port the migration: migrations_pg/README.md)", col)
		case pgNotNull != notNull:
			t.Errorf("%s: NOT NULL is %v in SQLite, %v in PostgreSQL", col, notNull, pgNotNull)
		}
	}
	for col := range pgCols {
		if _, ok := liteCols[col]; !ok {
			t.Errorf("%s is in the PostgreSQL schema, not in SQLite's", col)
		}
	}
}

// The store's own SQL keeps to what both engines read; SQLite-only forms fail on PostgreSQL.
func TestNoSQLiteOnlySQL(t *testing.T) {
	onlySQLite := regexp.MustCompile(`(?i)LastInsertId\(|INSERT OR |REPLACE INTO|datetime\(|strftime\(|julianday\(|` +
		`json_extract\(|group_concat\(|ifnull\(|\biif\(|last_insert_rowid`)
	files, _ := filepath.Glob("*.go")
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") || file == "postgres.go" {
			continue
		}
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(body), "\n") {
			if m := onlySQLite.FindString(line); m != "" {
				t.Errorf("%s:%d: %q is SQLite-only (migrations_pg/README.md says what to write instead)", file, i+1, m)
			}
		}
	}
}

func TestReaderPoolIsReadOnly(t *testing.T) {
	forEachDialect(t, func(t *testing.T, at string) {
		f := newFixtureAt(t, at)
		ctx := context.Background()
		if _, err := f.st.r.ExecContext(ctx, `INSERT INTO municipalities (name, country, created_at) VALUES ('x', 'y', 'z')`); err == nil {
			t.Error("the reader pool accepted a write")
		}
		if _, err := f.st.w.ExecContext(ctx, `UPDATE consultations SET title = ? WHERE id = ?`, "Nuevo", "c1"); err != nil {
			t.Errorf("the writer refused a write: %v", err)
		}
	})
}

func TestOpenMigratesOnceOnBoth(t *testing.T) {
	forEachDialect(t, func(t *testing.T, at string) {
		for i := range 2 {
			st, err := Open(at)
			if err != nil {
				t.Fatalf("Open #%d: %v", i+1, err)
			}
			st.Close()
		}
		dir := "migrations"
		if IsPostgres(at) {
			dir = "migrations_pg"
		}
		files, _ := fs.Glob(migrations, dir+"/*.sql")
		db := readOnly(t, at)
		if n := count(t, db, `SELECT count(*) FROM schema_migrations`); n != len(files) || n == 0 {
			t.Errorf("schema_migrations has %d rows after opening twice, want %d", n, len(files))
		}
	})
}

func TestBackupOnPostgresSaysPgDump(t *testing.T) {
	st, err := Open(pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.Backup(context.Background(), filepath.Join(t.TempDir(), "copy.db"))
	if !errors.Is(err, ErrBackupPostgres) || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("Backup on PostgreSQL = %v, want the advice to use pg_dump", err)
	}
}
