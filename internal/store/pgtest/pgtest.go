// Package pgtest starts one throwaway PostgreSQL cluster for a test binary and hands each test
// a fresh database in it. Tests and cmd/bench (Start) only: the application never imports it.
//
// The cluster is Debian's PostgreSQL (/usr/lib/postgresql/*/bin, installed by `make deps`),
// initialised in a temporary folder as an unprivileged user (nobody, when the tests run as
// root), listening on a free port on 127.0.0.1, without fsync, and stopped by Main.
// CONSULTA_PG_BIN names the folder of initdb and postgres elsewhere; with
// CONSULTA_TEST_PG=postgres://… the tests use that server instead. Without PostgreSQL the tests
// fail and say so; CONSULTA_SKIP_PG=1 skips them on purpose, except when CI=true.
package pgtest

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

var (
	once     sync.Once
	shared   *cluster
	setupErr error
	counter  atomic.Int64
)

// cluster is a running server and the URL of its maintenance database.
type cluster struct {
	base  *url.URL // database path replaced per test
	admin *sql.DB
	cmd   *exec.Cmd // nil for a server given by CONSULTA_TEST_PG
	dir   string
	log   string
	done  chan struct{}
}

// Main runs the tests, then stops the cluster if one was started.
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.stop()
	}
	return code
}

// Database returns the URL of a new, empty database, dropped when the test ends. The first call
// starts the cluster (a second or two); a test that cannot have PostgreSQL fails, or is skipped
// when CONSULTA_SKIP_PG=1 outside CI.
func Database(t testing.TB) string {
	t.Helper()
	ci := os.Getenv("CI") == "true"
	if os.Getenv("CONSULTA_SKIP_PG") == "1" {
		if ci {
			t.Fatal("CONSULTA_SKIP_PG=1 is ignored when CI=true: the PostgreSQL tests must run in CI")
		}
		t.Skip("CONSULTA_SKIP_PG=1: PostgreSQL tests skipped on purpose")
	}
	once.Do(func() { shared, setupErr = start() })
	if setupErr != nil {
		t.Fatalf("PostgreSQL for the tests: %v\n(install it with `make deps`, i.e. apt-get install postgresql; "+
			"or point CONSULTA_TEST_PG at a server; CONSULTA_SKIP_PG=1 skips these tests on purpose outside CI)", setupErr)
	}
	name := fmt.Sprintf("consulta_test_%d_%d", os.Getpid(), counter.Add(1))
	if _, err := shared.admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := shared.admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	u := *shared.base
	u.Path = "/" + name
	return u.String()
}

// Server is a throwaway cluster started outside a test, as `make bench` does.
type Server struct{ c *cluster }

// Start starts a throwaway cluster the way the tests do; durable keeps fsync and synchronous
// commit on, so a figure measured on it includes what a real server pays to keep a commit.
func Start(durable bool) (*Server, error) {
	c, err := startCluster(durable)
	if err != nil {
		return nil, err
	}
	return &Server{c: c}, nil
}

// Database creates a new, empty database and returns its URL.
func (s *Server) Database(name string) (string, error) {
	if _, err := s.c.admin.Exec(`CREATE DATABASE ` + name); err != nil {
		return "", err
	}
	u := *s.c.base
	u.Path = "/" + name
	return u.String(), nil
}

// Stop shuts the cluster down and removes its folder.
func (s *Server) Stop() { s.c.stop() }

// PID is the postmaster's process id, whose children are the cluster's other processes.
func (s *Server) PID() int { return s.c.cmd.Process.Pid }

func start() (*cluster, error) { return startCluster(false) }

func startCluster(durable bool) (*cluster, error) {
	if given := os.Getenv("CONSULTA_TEST_PG"); given != "" {
		u, err := url.Parse(given)
		if err != nil {
			return nil, fmt.Errorf("CONSULTA_TEST_PG: %w", err)
		}
		c := &cluster{base: u}
		return c, c.connect(10 * time.Second)
	}
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	removeStale()
	dir, err := os.MkdirTemp("", "consulta-pg-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "owner"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return nil, err
	}
	c := &cluster{dir: dir, log: filepath.Join(dir, "postgres.log"), done: make(chan struct{})}
	cred, err := unprivileged(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
		"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	initdb.Dir, initdb.SysProcAttr, initdb.Env = dir, &syscall.SysProcAttr{Credential: cred}, []string{"LANG=C", "PATH=" + bin}
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	for attempt := 0; ; attempt++ {
		port, err := freePort()
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		err = c.run(bin, data, port, cred, durable)
		if err == nil {
			return c, nil
		}
		if attempt == 2 {
			c.stop()
			return nil, err
		}
	}
}

// run starts the server on port and waits until it answers.
func (c *cluster) run(bin, data string, port int, cred *syscall.Credential, durable bool) error {
	logf, err := os.OpenFile(c.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	args := []string{"-D", data, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + c.dir,
		"-c", "max_connections=300", "-c", "shared_buffers=32MB"}
	if !durable {
		// Durability is not under test here: without fsync the cluster is as fast as tmpfs.
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	cmd := exec.Command(filepath.Join(bin, "postgres"), args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr, cmd.Env = c.dir, logf, logf, []string{"LANG=C"}
	// The server goes down with the test binary, even when that one is killed.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	c.cmd, c.done = cmd, make(chan struct{})
	go func() { cmd.Wait(); close(c.done) }()
	c.base = &url.URL{Scheme: "postgres", User: url.User("postgres"), Host: "127.0.0.1:" + strconv.Itoa(port),
		Path: "/postgres", RawQuery: "sslmode=disable"}
	if err := c.connect(30 * time.Second); err != nil {
		c.kill()
		return fmt.Errorf("%w\n%s", err, c.logTail())
	}
	return nil
}

// connect opens the maintenance database, waiting for a starting server.
func (c *cluster) connect(wait time.Duration) error {
	db, err := sql.Open("pgx", c.base.String())
	if err != nil {
		return err
	}
	deadline := time.Now().Add(wait)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err = db.PingContext(ctx)
		cancel()
		if err == nil {
			c.admin = db
			return nil
		}
		select {
		case <-c.done:
			db.Close()
			return errors.New("postgres exited while starting")
		default:
		}
		if time.Now().After(deadline) {
			db.Close()
			return fmt.Errorf("postgres did not answer within %s: %v", wait, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (c *cluster) kill() {
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGQUIT)
		<-c.done
	}
}

// stop shuts the server down (fast mode: clients are cut) and removes its folder.
func (c *cluster) stop() {
	if c.admin != nil {
		c.admin.Close()
	}
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			c.kill()
		}
	}
	if c.dir != "" {
		os.RemoveAll(c.dir)
	}
}

func (c *cluster) logTail() string {
	b, _ := os.ReadFile(c.log)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(bytes.TrimSpace(b))
}

// removeStale deletes the clusters of test binaries that were killed before they could (their
// servers went down with them).
func removeStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "consulta-pg-*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "owner"))
		if err != nil {
			continue
		}
		if _, err := os.Stat("/proc/" + string(bytes.TrimSpace(b))); errors.Is(err, os.ErrNotExist) {
			if _, err := os.Stat(filepath.Join(dir, "data", "postmaster.pid")); errors.Is(err, os.ErrNotExist) {
				os.RemoveAll(dir)
			}
		}
	}
}

// binDir finds PostgreSQL's programs: CONSULTA_PG_BIN when set (another system's layout), else
// the newest Debian PostgreSQL, else the initdb on PATH.
func binDir() (string, error) {
	if dir := os.Getenv("CONSULTA_PG_BIN"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err != nil {
			return "", fmt.Errorf("CONSULTA_PG_BIN=%s holds no initdb", dir)
		}
		return dir, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(found, func(i, j int) bool { return version(found[i]) > version(found[j]) })
	if len(found) > 0 {
		return filepath.Dir(found[0]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb, no initdb on PATH)")
}

func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// unprivileged returns who runs the server: PostgreSQL refuses to run as root, so a root test
// run hands the folder to nobody and runs the server as nobody.
func unprivileged(dir string) (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("running as root and there is no user nobody to run PostgreSQL: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	// Its parent must be enterable by nobody too (the usual /tmp is).
	if st, err := os.Stat(filepath.Dir(dir)); err == nil && st.Mode().Perm()&0o001 == 0 {
		return nil, fmt.Errorf("%s is not enterable by nobody; set TMPDIR to a folder that is", filepath.Dir(dir))
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
