package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"consulta/internal/store"
)

// migrateDBCmd copies a SQLite database into an empty PostgreSQL database and checks the counts.
func migrateDBCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate-db", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("db", "./data/consulta.db", "the SQLite database file to copy (stop the server first)")
	to := fs.String("to", "", "the empty PostgreSQL database to copy into: postgres://user:password@host/name")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !store.IsPostgres(*to) {
		fmt.Fprintln(stderr, "consulta: --to names the PostgreSQL database to copy into: postgres://user:password@host/name")
		return 2
	}
	if store.IsPostgres(*from) {
		fmt.Fprintln(stderr, "consulta: --db names the SQLite file to copy from")
		return 2
	}
	if _, err := os.Stat(*from); err != nil {
		fmt.Fprintf(stderr, "consulta: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	src, err := store.Open(*from)
	if err != nil {
		fmt.Fprintf(stderr, "consulta: %s: %v\n", *from, err)
		return 1
	}
	defer src.Close()
	dst, err := store.Open(*to)
	if err != nil {
		fmt.Fprintf(stderr, "consulta: %s: %v\n", store.Redact(*to), err)
		return 1
	}
	defer dst.Close()
	counts, err := store.CopyToPostgres(ctx, src, dst)
	if errors.Is(err, store.ErrTargetNotEmpty) {
		fmt.Fprintf(stderr, "consulta: %v\nNothing was copied. A copy that failed leaves the database empty, so "+
			"this one either finished before or belongs to something else.\n", err)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "consulta: copy: %v\nNothing was copied; the PostgreSQL database is as empty as before, "+
			"so the command can be run again.\n", err)
		return 1
	}
	for _, c := range counts {
		fmt.Fprintf(stdout, "%-22s %9d rows, %9d in PostgreSQL\n", c.Table, c.Source, c.Target)
	}
	cliAudit(ctx, dst, "migrate-db", *from, "copied from SQLite", 0)
	fmt.Fprintf(stdout, "copied %s into %s; every table holds as many rows as the source.\n", *from, store.Redact(*to))
	keysCopied := false
	for _, c := range counts {
		keysCopied = keysCopied || (c.Table == "instance_secrets" && c.Source > 0)
	}
	if !keysCopied {
		// A database last served by a version that kept the keys in a file: the first start adopts it.
		fmt.Fprintf(stdout, "Copy the cookie-keys file beside %s into ./data of the folder the server first starts in, "+
			"or everyone signs in again.\n", *from)
	}
	return 0
}
