package main

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"consulta/internal/store/pgtest"
)

// TestMain stops the PostgreSQL cluster a test started.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// The account commands work on PostgreSQL, named by --db or by DATABASE_URL.
func TestCommandsOnPostgres(t *testing.T) {
	db := pgtest.Database(t)
	var out, errb bytes.Buffer
	if code := run([]string{"user", "add", "--db", db, "--name", "ana-admin", "--role", "admin"}, &out, &errb); code != 0 {
		t.Fatalf("user add: %d %s", code, errb.String())
	}
	t.Setenv("DATABASE_URL", db)
	out.Reset()
	if code := run([]string{"user", "list"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "ana-admin") {
		t.Errorf("user list with DATABASE_URL = %q (exit %d, %s), want ana-admin", out.String(), code, errb.String())
	}
}

// backup on PostgreSQL explains pg_dump instead of failing, and never prints the password.
func TestBackupOnPostgresExplainsPgDump(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"backup", "--db", "postgres://ana:s3cret@127.0.0.1:1/consulta", "--to", t.TempDir() + "/x.db"}, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "pg_dump --format=custom") || !strings.Contains(errb.String(), "pg_restore") {
		t.Errorf("backup on PostgreSQL = %d:\n%s", code, errb.String())
	}
	if strings.Contains(errb.String(), "s3cret") {
		t.Errorf("the password was printed:\n%s", errb.String())
	}
}

// The binary serves the demo from PostgreSQL: a response is 201, the same again 200, the results
// load, the cookie keys stay in the database, and SIGTERM stops it cleanly.
func TestServeOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	db := pgtest.Database(t)
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "consulta")
	build := exec.Command("go", "build", "-o", bin, "./cmd/consulta")
	build.Dir = moduleRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	base := "http://" + addr
	p := &consultaProcess{cmd: exec.Command(bin, "serve", "--demo", "--db", db, "--addr", addr, "--log-level", "info"),
		output: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd.Dir, p.cmd.Stdout, p.cmd.Stderr = tmp, p.output, p.output
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	p.waitHealthy(t, base)
	client := &http.Client{Timeout: 10 * time.Second}
	form := fetchSurvey(t, client, base)
	sample := form.submission(0)
	if st, err := sample.post(client, base); err != nil || st != http.StatusCreated {
		t.Fatalf("first submission = %d (%v), want 201", st, err)
	}
	if st, err := sample.post(client, base); err != nil || st != http.StatusOK {
		t.Fatalf("identical replay = %d (%v), want 200", st, err)
	}
	// Results load on first read (nothing is warmed at start): the public page reads them.
	res, err := client.Get(base + "/c/demo-community/heard")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("the public page = %v, %v", res, err)
	}
	if res != nil {
		res.Body.Close()
	}
	p.stop(t)
	out := p.output.String()
	if strings.Contains(out, "level=ERROR") || p.cmd.ProcessState.ExitCode() != 0 {
		t.Errorf("serve on PostgreSQL (exit %d):\n%s", p.cmd.ProcessState.ExitCode(), out)
	}
	if _, err := os.Stat(filepath.Join(tmp, "data", "cookie-keys")); err == nil {
		t.Errorf("cookie keys were written to ./data; they belong in the database")
	}
}

// migrate-db copies a SQLite database into PostgreSQL, and refuses to copy into it twice.
func TestMigrateDB(t *testing.T) {
	messageEnv(t, "en_US.UTF-8") // the table below is read in English
	dir := t.TempDir()
	lite, pg := filepath.Join(dir, "c.db"), pgtest.Database(t)
	var out, errb bytes.Buffer
	if code := run([]string{"user", "add", "--db", lite, "--name", "ana-admin", "--role", "admin"}, &out, &errb); code != 0 {
		t.Fatalf("user add: %d %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"migrate-db", "--db", lite, "--to", pg}, &out, &errb); code != 0 {
		t.Fatalf("migrate-db = %d:\n%s%s", code, out.String(), errb.String())
	}
	if !regexp.MustCompile(`(?m)^users\s+1 rows,\s+1 in PostgreSQL$`).MatchString(out.String()) {
		t.Errorf("migrate-db printed:\n%s", out.String())
	}
	out.Reset()
	if code := run([]string{"user", "list", "--db", pg}, &out, &errb); code != 0 || !strings.Contains(out.String(), "ana-admin") {
		t.Errorf("user list on the copy = %q (exit %d)", out.String(), code)
	}
	errb.Reset()
	if code := run([]string{"migrate-db", "--db", lite, "--to", pg}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "already holds data") {
		t.Errorf("a second migrate-db = %d:\n%s", code, errb.String())
	}
	if code := run([]string{"migrate-db", "--db", lite, "--to", filepath.Join(dir, "x.db")}, &out, &errb); code != 2 {
		t.Errorf("migrate-db to a file = %d, want 2", code)
	}
}
