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
	"consulta/internal/locale"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/internal/web"
	"consulta/static"
	"consulta/surveys"
	"consulta/templates"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	lang := cliLanguage(args)
	if len(args) == 0 {
		fmt.Fprint(stderr, locale.T(lang, "cli.usage"))
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(args[1:], lang, stdout, stderr)
	case "validate":
		return validate(args[1:], lang, stdout, stderr)
	case "user":
		return userCmd(args[1:], lang, os.Stdin, stdout, stderr)
	case "token":
		return tokenCmd(args[1:], lang, stdout, stderr)
	case "backup":
		return backupCmd(args[1:], lang, stdout, stderr)
	case "migrate-db":
		return migrateDBCmd(args[1:], lang, stdout, stderr)
	case "import-xlsform":
		return importXLSForm(args[1:], lang, stdout, stderr)
	case "export-xlsform":
		return exportXLSForm(args[1:], lang, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, locale.T(lang, "cli.usage"))
		return 0
	}
	fmt.Fprint(stderr, locale.T(lang, "cli.unknown_command", args[0])+locale.T(lang, "cli.usage"))
	return 2
}

// cliLanguage is the language of the command's messages: --lang wherever it stands among the
// arguments, else the locale variables.
func cliLanguage(args []string) string {
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		return value
	}
	return messageLanguage()
}

// langFlag declares --lang on a command's flags, so that it parses; run has read it already.
func langFlag(fs *flag.FlagSet, lang string) {
	fs.String("lang", lang, locale.T(lang, "cli.flag.lang"))
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

func validate(args []string, lang string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	langFlag(fs, lang)
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
		fmt.Fprintln(stderr, problems.Message(lang))
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

func serve(args []string, lang string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	langFlag(fs, lang)
	usage := func(name string) string { return locale.T(lang, "cli.flag."+name) }
	addr := fs.String("addr", ":8080", usage("addr"))
	dbPath := dbFlag(fs, lang)
	extra := fs.String("surveys", "", usage("surveys"))
	withDemo := fs.Bool("demo", false, usage("demo"))
	logLevel := fs.String("log-level", "info", usage("log_level"))
	secure := fs.Bool("secure-cookies", false, usage("secure_cookies"))
	behindProxy := fs.Bool("behind-proxy", false, usage("behind_proxy"))
	trustedProxies := fs.Int("trusted-proxies", 0, usage("trusted_proxies"))
	publicURL := fs.String("public-url", "", usage("public_url"))
	kioskGrace := fs.Int("kiosk-grace-days", 14, usage("kiosk_grace_days"))
	memoryLimit := fs.Int("memory-limit", 160, usage("memory_limit"))
	k := fs.Int("k", 5, usage("k"))
	resultsEvery := fs.Duration("results-every", 5*time.Second, usage("results_every"))
	resultsKept := fs.Int("results-kept", 8, usage("results_kept"))
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *trustedProxies < 0 || (*trustedProxies > 0 && !*behindProxy) {
		fmt.Fprintln(stderr, locale.T(lang, "cli.trusted_proxies"))
		return 2
	}
	if *kioskGrace < 1 || *kioskGrace > 365 {
		fmt.Fprintln(stderr, locale.T(lang, "cli.kiosk_grace_days"))
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
		fmt.Fprintln(stderr, problems.Message(lang))
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
	go srv.KeepResultsFresh(ctx)
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
func dbFlag(fs *flag.FlagSet, lang string) *string {
	def := "./data/consulta.db"
	if env := os.Getenv("DATABASE_URL"); store.IsPostgres(env) {
		def = env
	}
	db := fs.String("db", def, locale.T(lang, "cli.flag.db"))
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
