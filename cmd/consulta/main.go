// Command consulta runs community consultations and child-friendly listening surveys.
// It is the only place that wires the store, the surveys and the web server together.
package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"consulta/internal/auth"
	"consulta/internal/demo"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/internal/web"
	"consulta/static"
	"consulta/surveys"
	"consulta/templates"
)

const usage = `consulta: community consultations and child-friendly listening surveys

  consulta serve [--addr :8080] [--db ./data/consulta.db] [--surveys DIR] [--demo]
  consulta validate [FILE or DIR ...]   (no argument: the surveys built into the binary)
  consulta user add|passwd|list ...
  consulta token create|list|revoke ...
  consulta backup --to FILE [--db ./data/consulta.db]   (a consistent copy, while serving)

Run "consulta COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(args[1:], stdout, stderr)
	case "validate":
		return validate(args[1:], stdout, stderr)
	case "user":
		return userCmd(args[1:], os.Stdin, stdout, stderr)
	case "token":
		return tokenCmd(args[1:], stdout, stderr)
	case "backup":
		return backupCmd(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "consulta: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// messageLanguage picks the language of command-line messages from LANG, Spanish by default.
func messageLanguage() string {
	for _, v := range []string{os.Getenv("LC_ALL"), os.Getenv("LC_MESSAGES"), os.Getenv("LANG")} {
		if len(v) >= 2 {
			switch strings.ToLower(v[:2]) {
			case "en", "pt", "es":
				return strings.ToLower(v[:2])
			}
		}
	}
	return "es"
}

func validate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", messageLanguage(), "language of the messages: es, en or pt")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var loaded []*survey.Survey
	var problems survey.Problems
	if fs.NArg() == 0 {
		loaded, problems = survey.LoadFS(surveys.FS, ".")
	} else {
		loaded, problems = survey.LoadPaths(fs.Args())
	}
	if len(problems) > 0 {
		fmt.Fprintln(stderr, problems.Message(*lang))
		return 1
	}
	for _, s := range loaded {
		fmt.Fprintf(stdout, "%s: %s %s (%d)\n", s.File, s.ID, s.Version, len(s.Questions))
	}
	return 0
}

// loadSurveys reads the built-in surveys and, when given, an extra folder; any problem stops start-up.
func loadSurveys(extra string) ([]*survey.Survey, survey.Problems) {
	all, problems := survey.LoadFS(surveys.FS, ".")
	if extra != "" {
		more, ps := survey.LoadPaths([]string{extra})
		all, problems = append(all, more...), append(problems, ps...)
	}
	return all, append(problems, survey.Duplicates(all)...)
}

func serve(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8080", "address to listen on")
	dbPath := fs.String("db", "./data/consulta.db", "SQLite database file (its folder is created)")
	extra := fs.String("surveys", "", "a folder of extra survey files")
	withDemo := fs.Bool("demo", false, "create the demo municipality, consultations and synthetic responses")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure (when served over HTTPS)")
	behindProxy := fs.Bool("behind-proxy", false, "trust X-Forwarded-Proto from a reverse proxy for Secure cookies")
	memoryLimit := fs.Int("memory-limit", 160, "soft memory limit in MiB for the Go heap (0: none; GOMEMLIMIT wins)")
	k := fs.Int("k", 5, "small-cell threshold: counts under it show as \"<k\" (never below 3)")
	resultsEvery := fs.Duration("results-every", 5*time.Second, "results may be this stale: new responses are looked for at most this often (0: every request)")
	resultsKept := fs.Int("results-kept", 8, "consultations kept in memory for results (the least recently read are forgotten first)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(stderr, "consulta: --log-level: %v\n", err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	// A soft limit makes the collector run before the heap doubles, which keeps the server's
	// memory near what it really holds.
	if *memoryLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(*memoryLimit) << 20)
	}

	loaded, problems := loadSurveys(*extra)
	if len(problems) > 0 {
		fmt.Fprintln(stderr, problems.Message(messageLanguage()))
		log.Error("refusing to start: a survey file is invalid", "problems", len(problems))
		return 1
	}
	st, err := store.Open(*dbPath)
	if err != nil {
		log.Error("open database", "path", *dbPath, "err", err)
		return 1
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	byID := map[string]*survey.Survey{}
	for _, sv := range loaded {
		if err := st.SaveSurvey(ctx, sv); err != nil {
			log.Error("record survey version", "survey", sv.ID, "err", err)
			return 1
		}
		byID[sv.ID] = sv
		log.Info("survey loaded", "id", sv.ID, "version", sv.Version, "file", sv.File)
	}
	if *withDemo {
		log.Warn("DEMO MODE: synthetic data for trying Consulta out; do not use this database for real responses")
		start := time.Now()
		if err := demo.Load(ctx, st, byID, time.Now()); err != nil {
			log.Error("demo data", "err", err)
			return 1
		}
		log.Info("demo data ready", "consultations", []string{demo.Community, demo.Child}, "took", time.Since(start).Round(time.Millisecond))
		for _, a := range demo.Accounts {
			log.Warn("DEMO ACCOUNT (demo mode is not for real data)", "name", a.Name, "password", a.Password, "role", a.Role)
		}
	}
	keys, err := cookieKeys(*dbPath)
	if err != nil {
		log.Error("cookie keys", "err", err)
		return 1
	}
	setup := ""
	if hasAdmin, err := st.AdminExists(ctx); err != nil {
		log.Error("accounts", "err", err)
		return 1
	} else if !hasAdmin {
		setup = hex.EncodeToString(auth.NewSecret(16))
	}
	srv, err := web.New(web.Config{Store: st, Surveys: loaded, Templates: templates.FS, Static: static.FS, Logger: log,
		CookieKeys: keys, SecureCookies: *secure, BehindProxy: *behindProxy, SetupToken: setup, K: *k,
		ResultsEvery: *resultsEvery, ResultsKept: *resultsKept})
	if err != nil {
		log.Error("start web", "err", err)
		return 1
	}
	httpServer := srv.HTTPServer(*addr)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("listen", "addr", *addr, "err", err)
		return 1
	}
	log.Info("listening", "url", "http://"+displayAddr(ln.Addr().String()))
	if setup != "" {
		log.Warn("no administrator account yet: open this one-time link to create the first one",
			"url", "http://"+displayAddr(ln.Addr().String())+"/setup/"+setup)
	}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
			return 1
		}
	case <-ctx.Done():
		log.Info("shutting down: finishing requests in flight")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := httpServer.Shutdown(shutdownCtx); err != nil {
			log.Error("shutdown", "err", err)
			return 1
		}
	}
	log.Info("stopped")
	return 0
}

func displayAddr(a string) string {
	if strings.HasPrefix(a, "[::]:") {
		return "localhost:" + strings.TrimPrefix(a, "[::]:")
	}
	if strings.HasPrefix(a, "0.0.0.0:") {
		return "localhost:" + strings.TrimPrefix(a, "0.0.0.0:")
	}
	return a
}
