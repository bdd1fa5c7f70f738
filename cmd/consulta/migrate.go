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

	"consulta/internal/locale"
	"consulta/internal/store"
)

// migrateDBCmd copies a SQLite database into an empty PostgreSQL database and checks the counts.
func migrateDBCmd(args []string, lang string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate-db", flag.ContinueOnError)
	fs.SetOutput(stderr)
	langFlag(fs, lang)
	from := fs.String("db", "./data/consulta.db", locale.T(lang, "cli.flag.migrate_db"))
	to := fs.String("to", "", locale.T(lang, "cli.flag.migrate_to"))
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !store.IsPostgres(*to) {
		fmt.Fprintln(stderr, locale.T(lang, "cli.migrate_to"))
		return 2
	}
	if store.IsPostgres(*from) {
		fmt.Fprintln(stderr, locale.T(lang, "cli.migrate_from"))
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
		fmt.Fprint(stderr, locale.T(lang, "cli.migrate_not_empty", err))
		return 1
	}
	if err != nil {
		fmt.Fprint(stderr, locale.T(lang, "cli.migrate_failed", err))
		return 1
	}
	for _, c := range counts {
		fmt.Fprintln(stdout, locale.T(lang, "cli.migrate_table", c.Table, locale.Count(c.Source), locale.Count(c.Target)))
	}
	cliAudit(ctx, dst, "migrate-db", *from, "copied from SQLite", 0)
	fmt.Fprintln(stdout, locale.T(lang, "cli.migrate_done", *from, store.Redact(*to)))
	keysCopied := false
	for _, c := range counts {
		keysCopied = keysCopied || (c.Table == "instance_secrets" && c.Source > 0)
	}
	if !keysCopied {
		// A database last served by a version that kept the keys in a file: the first start adopts it.
		fmt.Fprintln(stdout, locale.T(lang, "cli.migrate_keys", *from))
	}
	return 0
}
