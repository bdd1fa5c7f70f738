package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"consulta/internal/demo"
	"consulta/internal/store/pgtest"
)

// pgClients is the load of the PostgreSQL runs: the 8 clients of the main target.
const pgClients = 8

// measurePostgres starts a throwaway PostgreSQL cluster as the tests do (but durable: fsync and
// synchronous commit on), serves the demo from it with one instance, then with two instances on
// the same database, and runs the submission load at 8 clients against each set, the clients
// dealt out between the instances. Every process shares this machine's cores, the cluster too.
func measurePostgres(ctx context.Context, o options, rep *report) error {
	binary, err := filepath.Abs(o.binary)
	if err != nil {
		return err
	}
	progress("starting a throwaway PostgreSQL cluster")
	cluster, err := pgtest.Start(o.pgFsync)
	if err != nil {
		return fmt.Errorf("PostgreSQL: %w (make deps installs it; --postgres=false leaves it out)", err)
	}
	defer cluster.Stop()
	db, err := cluster.Database("consulta_bench")
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "consulta-bench-pg-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	progress("starting %s serve --demo on PostgreSQL", o.binary)
	first, err := startServer(ctx, binary, dir, db, true)
	if err != nil {
		return err
	}
	defer first.kill()
	progress("ready at %s after %s", first.base, first.startup.Round(time.Millisecond))
	sv, err := fetchSurvey(ctx, &http.Client{Timeout: 30 * time.Second, CheckRedirect: noRedirects}, first.base, demo.Community)
	if err != nil {
		return err
	}
	if err := precheck(ctx, first.base, sv); err != nil {
		return err
	}
	progress("submissions on PostgreSQL, one instance: %d clients for %s", pgClients, o.duration)
	r := submissionRun(ctx, []string{first.base}, demo.Community, sv, pgClients, o.duration, 0, nil,
		&cpuMeter{instances: []int{first.pid()}, database: cluster.PID()})
	r.Database = "postgres"
	rep.Submissions = append(rep.Submissions, r)
	if err := ctx.Err(); err != nil {
		return err
	}

	second, err := startServer(ctx, binary, dir, db, false)
	if err != nil {
		return err
	}
	defer second.kill()
	progress("submissions on PostgreSQL, two instances: %d clients for %s", pgClients, o.duration)
	r = submissionRun(ctx, []string{first.base, second.base}, demo.Community, sv, pgClients, o.duration, 0, nil,
		&cpuMeter{instances: []int{first.pid(), second.pid()}, database: cluster.PID()})
	r.Database = "postgres"
	rep.Submissions = append(rep.Submissions, r)
	for _, s := range []*server{second, first} {
		s.stop(stopLimit)
	}
	return ctx.Err()
}
