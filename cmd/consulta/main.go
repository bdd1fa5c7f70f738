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

  consulta serve [--addr :8080] [--db ./data/consulta.db | postgres://…] [--surveys DIR] [--demo]
  consulta validate [FILE or DIR ...]   (no argument: the surveys built into the binary)
  consulta user add|passwd|list ...
  consulta token create|list|revoke ...
  consulta backup --to FILE [--db ./data/consulta.db]   (a consistent copy, while serving)
  consulta migrate-db [--db ./data/consulta.db] --to postgres://…   (copy into an empty PostgreSQL database)
  consulta import-xlsform FORM.xlsx [-o surveys/NAME.yaml]   (a KoboToolbox or ODK form as a survey file)
  consulta export-xlsform SURVEY [-o FILE.xlsx]   (a survey file or built-in id as an XLSForm)

--db names a SQLite file, or a PostgreSQL database as postgres://user:password@host/name;
without --db, DATABASE_URL is used when it is a postgres:// URL.

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
	case "migrate-db":
		return migrateDBCmd(args[1:], stdout, stderr)
	case "import-xlsform":
		return importXLSForm(args[1:], stdout, stderr)
	case "export-xlsform":
		return exportXLSForm(args[1:], stdout, stderr)
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
	dbPath := dbFlag(fs)
	extra := fs.String("surveys", "", "a folder of extra survey files")
	withDemo := fs.Bool("demo", false, "create the demo municipality, consultations and synthetic responses")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure (when served over HTTPS)")
	behindProxy := fs.Bool("behind-proxy", false, "trust X-Forwarded-Proto from a reverse proxy for Secure cookies")
	trustedProxies := fs.Int("trusted-proxies", 0, "with --behind-proxy: how many proxies append to X-Forwarded-For (0: the header is not believed)")
	publicURL := fs.String("public-url", "", "the address people reach Consulta at (https://consulta.example.org); every absolute link and QR code uses it")
	kioskGrace := fs.Int("kiosk-grace-days", 14, "days after closing during which a consultation still takes the offline queue of its sessions' kiosks")
	memoryLimit := fs.Int("memory-limit", 160, "soft memory limit in MiB for the Go heap (0: none; GOMEMLIMIT wins)")
	k := fs.Int("k", 5, "protection threshold: no count from 1 to k-1 is ever published (never below 3)")
	resultsEvery := fs.Duration("results-every", 5*time.Second, "results may be this stale: new responses are looked for at most this often (0: every request)")
	resultsKept := fs.Int("results-kept", 8, "consultations kept in memory for results (the least recently read are forgotten first)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *trustedProxies < 0 || (*trustedProxies > 0 && !*behindProxy) {
		fmt.Fprintln(stderr, "consulta: --trusted-proxies needs --behind-proxy and a count of 0 or more")
		return 2
	}
	if *kioskGrace < 1 || *kioskGrace > 365 {
		fmt.Fprintln(stderr, "consulta: --kiosk-grace-days must be from 1 to 365")
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
		log.Error("open database", "path", store.Redact(*dbPath), "err", err)
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
	keys, err := cookieKeys(ctx, st, *dbPath, log)
	if err != nil {
		log.Error("cookie keys", "err", err)
		return 1
	}
	setup := ""
	if hasAdmin, err := st.AdminExists(ctx); err != nil {
		log.Error("accounts", "err", err)
		return 1
	} else if !hasAdmin {
		// Instances that start together print the same link, and it works on any of them.
		if setup, err = st.SharedSecret(ctx, "setup-link", hex.EncodeToString(auth.NewSecret(16))); err != nil {
			log.Error("setup link", "err", err)
			return 1
		}
	}
	srv, err := web.New(web.Config{Store: st, Surveys: loaded, Templates: templates.FS, Static: static.FS, Logger: log,
		CookieKeys: keys, SecureCookies: *secure, BehindProxy: *behindProxy, TrustedProxies: *trustedProxies,
		PublicURL: *publicURL, KioskGrace: time.Duration(*kioskGrace) * 24 * time.Hour, SetupToken: setup, K: *k,
		ResultsEvery: *resultsEvery, ResultsKept: *resultsKept})
	if err != nil {
		log.Error("start web", "err", err)
		return 1
	}
	if *behindProxy && *trustedProxies == 0 {
		log.Warn("--behind-proxy without --trusted-proxies: X-Forwarded-For is not believed, so sign-in limits count every client at the proxy's address")
	}
	if *publicURL == "" {
		log.Info("no --public-url: the public link and QR poster use the address each staff page was opened with, and say so")
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

// dbFlag declares --db: a SQLite file or a postgres:// URL, DATABASE_URL's PostgreSQL by default.
func dbFlag(fs *flag.FlagSet) *string {
	def := "./data/consulta.db"
	if env := os.Getenv("DATABASE_URL"); store.IsPostgres(env) {
		def = env
	}
	db := fs.String("db", def, "SQLite database file (its folder is created), or postgres://user:password@host/name")
	fs.Lookup("db").DefValue = store.Redact(def) // -h never shows the password
	return db
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
