// Package web serves Consulta's pages and API: routes, handlers, sessions, i18n and templates.
// It reads and writes only through the store and never writes SQL itself.
package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/gorilla/sessions"

	"consulta/internal/locale"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// Config is what cmd wires in.
type Config struct {
	Store     *store.Store
	Surveys   []*survey.Survey
	Templates fs.FS
	Static    fs.FS
	Logger    *slog.Logger
	// CookieKeys sign and encrypt the session cookie; cmd keeps them in the database, so every
	// instance on it accepts the others' cookies.
	CookieKeys [][]byte
	// SecureCookies marks cookies Secure and sends HSTS; BehindProxy trusts X-Forwarded-Proto for it.
	SecureCookies, BehindProxy bool
	// TrustedProxies is how many reverse proxies (behind BehindProxy) append to X-Forwarded-For;
	// 0 believes no X-Forwarded-For, and the connection's address is the client's.
	TrustedProxies int
	// PublicURL is the address people reach Consulta at (https://consulta.example.org); every
	// absolute link is built from it. Empty: links use the address the page was opened with.
	PublicURL string
	// KioskGrace is how long after a consultation closes its kiosks may still send their offline
	// queue (default 14 days).
	KioskGrace time.Duration
	// SetupToken, when set, is the one-time link that creates the first admin. It is kept in the
	// database (store.SharedSecret), so any instance on it takes the link and it works once.
	SetupToken string
	Now        func() time.Time
	// K is the protection threshold: no count from 1 to K−1 is ever published (default 5, never below 3).
	K int
	// ResultsEvery bounds how stale results may be: data refreshed less than this ago is served
	// without looking for new responses (0: look on every request). ResultsKept bounds how many
	// consultations stay in memory for results (0: 8).
	ResultsEvery time.Duration
	ResultsKept  int
}

// Server holds everything the handlers share; every handler is a method on it.
type Server struct {
	store     *store.Store
	surveys   map[string]*survey.Survey
	older     sync.Map // version -> *survey.Survey, parsed from the store on first use
	templates map[string]*template.Template
	assets    *assets
	static    fs.FS
	log       *slog.Logger

	cookies                    *sessions.CookieStore
	secureCookies, behindProxy bool
	trustedProxies             int
	publicURL                  string
	kioskGrace                 time.Duration
	router                     *mux.Router // for the Allow header of a 405
	now                        func() time.Time
	data                       datasets
	reportCache                reports
	staffCache                 staffCounts
	reportJSON                 encodedReports
	k                          int
}

// New parses every template once, so a missing or broken view fails at start, not on a request.
func New(cfg Config) (*Server, error) {
	s := &Server{store: cfg.Store, surveys: map[string]*survey.Survey{}, log: cfg.Logger,
		secureCookies: cfg.SecureCookies, behindProxy: cfg.BehindProxy, now: cfg.Now,
		kioskGrace: cfg.KioskGrace, k: results.NormalizeK(cfg.K),
		data: datasets{every: cfg.ResultsEvery, kept: cfg.ResultsKept}}
	if cfg.BehindProxy {
		s.trustedProxies = cfg.TrustedProxies
	}
	if s.kioskGrace <= 0 {
		s.kioskGrace = DefaultKioskGrace
	}
	if cfg.PublicURL != "" {
		u, err := url.Parse(cfg.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("web: public URL %q: want http(s)://host[:port][/path]", cfg.PublicURL)
		}
		s.publicURL = strings.TrimRight(u.String(), "/")
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if len(cfg.CookieKeys) == 0 {
		return nil, errors.New("web: no cookie keys")
	}
	s.cookies = newCookieStore(cfg.CookieKeys, cfg.SecureCookies)
	if cfg.SetupToken != "" {
		if _, err := s.store.SharedSecret(context.Background(), setupSecret, cfg.SetupToken); err != nil {
			return nil, fmt.Errorf("web: setup link: %w", err)
		}
	}
	s.static = cfg.Static
	for _, sv := range cfg.Surveys {
		s.surveys[sv.ID] = sv
	}
	var err error
	if s.assets, err = loadAssets(cfg.Static); err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	if s.templates, err = parseTemplates(cfg.Templates, s.funcs()); err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	return s, nil
}

// views lists every page; each is parsed with the layout and the shared partials.
var views = []string{"home", "survey", "thanks", "error", "signin", "setup",
	"admin_municipalities", "admin_users", "admin_user", "admin_audit",
	"consultations", "consultation_new", "consultation", "poster", "session",
	"kiosk_welcome", "kiosk_thanks", "kiosk_exit", "stopped", "heard", "closed", "results", "results_print", "texts",
	"surveys", "survey_staff", "survey_import", "plan_list", "plan_edit", "plan_item", "plan_show",
	"plan_decisions", "plan_versions", "public_plan", "public_plan_child", "public_plan_poster"}

func parseTemplates(fsys fs.FS, funcs template.FuncMap) (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, v := range views {
		t, err := template.New(v).Funcs(funcs).ParseFS(fsys, "layout.html", "partials.html", v+".html")
		if err != nil {
			return nil, err
		}
		out[v] = t
	}
	return out, nil
}

func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": s.assets.URL,
		"t":     T,
		"add":   func(a, b int) int { return a + b },
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		"langName": func(l string) string { return T(l, "language."+l) },
		"words":    locale.Words,
		"deref":    func(p *int) int { return *p },
		"cell":     cellText,
		"dimLabel": dimLabel,
		"numbers":  numbersIn,
		"list":     func(items ...string) []string { return items },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict needs pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, errors.New("dict keys are strings")
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"in":          func(l survey.Label, lang string) string { return l.In(lang) },
		"idleMinutes": func(seconds int) int { return max(1, (seconds+59)/60) },
		"share":       shareText,
		"changeText":  changeText,
		"childFace":   childFace,
		"neg":         func(n int) int { return -n },
		"derefFloat": func(p *float64) float64 {
			if p == nil {
				return 0
			}
			return *p
		},
	}
}

// View is what every page gets; handlers add their own data in Data.
type View struct {
	Lang      string
	Languages []string
	Title     string
	Path      string
	Flash     string
	Data      any
	// User is the signed-in account, nil for respondents; Kiosk hides navigation on a locked tablet.
	User  *store.User
	Kiosk bool
}

// T translates for templates: {{.T "key"}}.
func (v *View) T(key string, args ...any) string { return T(v.Lang, key, args...) }

func (s *Server) view(r *http.Request, title string, data any) *View {
	lang := pickLanguage(r)
	return &View{Lang: lang, Languages: languages, Title: title, Path: r.URL.Path, Data: data,
		User: currentUser(r), Kiosk: s.kioskSession(r) != ""}
}

// render writes a page through a buffer, so a failed render never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v *View) {
	var buf bytes.Buffer
	if err := s.templates[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		s.fail(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail logs the internal error and shows a generic page: internal text never reaches a user.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, http.StatusInternalServerError, apiError{Error: T(pickLanguage(r), "error.internal")})
		return
	}
	s.errorPage(w, r, http.StatusInternalServerError, "error.internal")
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, key string, args ...any) {
	v := s.view(r, T(pickLanguage(r), "error.title"), nil)
	v.Flash = T(v.Lang, key, args...)
	var buf bytes.Buffer
	if err := s.templates["error"].ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.Error("render error page", "err", err)
		http.Error(w, v.Flash, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// surveyFor returns the survey a consultation runs, in the version asked for ("" = current).
// Older versions come from the store, so a tablet that was offline while a file changed loses nothing.
func (s *Server) surveyFor(ctx context.Context, c *store.Consultation, version string) (*survey.Survey, error) {
	cur, _, ok := s.currentSurvey(ctx, c.SurveyID)
	if !ok {
		return nil, fmt.Errorf("consultation %s: survey %q is not loaded", c.ID, c.SurveyID)
	}
	if version == "" || version == cur.Version {
		return cur, nil
	}
	if sv, ok := s.older.Load(version); ok && sv.(*survey.Survey).ID == c.SurveyID {
		return sv.(*survey.Survey), nil
	}
	src, err := s.store.SurveySource(ctx, c.SurveyID, version)
	if err != nil {
		return nil, err
	}
	sv, problems := survey.Parse(c.SurveyID+"@"+version, src)
	if len(problems) > 0 {
		return nil, problems
	}
	s.older.Store(version, sv)
	return sv, nil
}
