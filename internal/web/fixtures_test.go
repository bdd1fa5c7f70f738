package web_test

import (
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/internal/web"
	"consulta/static"
	"consulta/surveys"
	"consulta/templates"
)

// Consultation ids every web test can rely on.
const (
	communityID = "c-community" // open, community-consultation
	childID     = "c-child"     // open, child-listening
	closedID    = "c-closed"    // closed, community-consultation
	closedSes   = "c-closed-s1" // a session of c-closed
)

const (
	communityTitle = "Consulta comunitaria de Los Chiles"
	childTitle     = "Escucha infantil de Los Chiles"
	closedTitle    = "Consulta cerrada de Los Chiles"
)

// app is a running Consulta: a real server on a real SQLite file with the shipped surveys.
type app struct {
	t       *testing.T
	srv     *httptest.Server
	st      *store.Store
	dbPath  string
	surveys map[string]*survey.Survey
	client  *http.Client // does not follow redirects and does not decompress
}

// fixtureServer is a web.Server on a fresh store built as newApp builds it, for tests that need
// the server itself: its production http.Server, or its handler without a network.
type fixtureServer struct {
	web     *web.Server
	st      *store.Store
	dbPath  string
	surveys map[string]*survey.Survey
}

func newFixtureServer(tb testing.TB, logs io.Writer) *fixtureServer {
	tb.Helper()
	ctx := context.Background()
	dbPath := filepath.Join(tb.TempDir(), "consulta.db")
	st, err := store.Open(dbPath)
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	loaded, problems := survey.LoadFS(surveys.FS, ".")
	if len(problems) > 0 {
		tb.Fatalf("shipped surveys: %v", problems)
	}
	byID := map[string]*survey.Survey{}
	for _, sv := range loaded {
		if err := st.SaveSurvey(ctx, sv); err != nil {
			tb.Fatalf("save survey %s: %v", sv.ID, err)
		}
		byID[sv.ID] = sv
	}
	mid, err := st.EnsureMunicipality(ctx, "Los Chiles", "Costa Rica")
	if err != nil {
		tb.Fatalf("municipality: %v", err)
	}
	for _, c := range []*store.Consultation{
		{ID: communityID, SurveyID: "community-consultation", Title: communityTitle, Status: store.StatusOpen},
		{ID: childID, SurveyID: "child-listening", Title: childTitle, Status: store.StatusOpen},
		{ID: closedID, SurveyID: "community-consultation", Title: closedTitle, Status: store.StatusClosed},
	} {
		c.MunicipalityID = mid
		if err := st.CreateConsultation(ctx, c); err != nil {
			tb.Fatalf("consultation %s: %v", c.ID, err)
		}
	}
	if err := st.CreateSession(ctx, &store.Session{ID: closedSes, ConsultationID: closedID,
		Place: "Salón comunal", HeldOn: "2026-03-01", Facilitator: "facilitadora"}); err != nil {
		tb.Fatalf("session: %v", err)
	}
	s, err := web.New(web.Config{Store: st, Surveys: loaded, Templates: templates.FS, Static: static.FS,
		Logger:     slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
		CookieKeys: [][]byte{[]byte("test-hash-key-of-32-bytes-length"), []byte("test-block-key-32-bytes-length!!")}})
	if err != nil {
		tb.Fatalf("web.New: %v", err)
	}
	return &fixtureServer{web: s, st: st, dbPath: dbPath, surveys: byID}
}

// newApp serves the fixture consultations on a real HTTP server with the shipped surveys.
func newApp(t *testing.T) *app {
	t.Helper()
	fx := newFixtureServer(t, io.Discard)
	srv := httptest.NewServer(fx.web.Handler())
	t.Cleanup(srv.Close)
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	t.Cleanup(client.CloseIdleConnections)
	return &app{t: t, srv: srv, st: fx.st, dbPath: fx.dbPath, surveys: fx.surveys, client: client}
}

func (a *app) community() *survey.Survey { return a.surveys["community-consultation"] }

// as returns the same app reporting to t, for use inside a subtest.
func (a *app) as(t *testing.T) *app {
	c := *a
	c.t = t
	return &c
}

// reply is a fetched response with its body read (and gunzipped when it was compressed).
type reply struct {
	status int
	header http.Header
	body   string // as sent, decompressed
	raw    []byte // as sent on the wire
}

// text is the body with HTML entities decoded, to search for what a person reads.
func (r *reply) text() string { return html.UnescapeString(r.body) }

func (a *app) do(req *http.Request) *reply {
	a.t.Helper()
	res, err := a.client.Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		a.t.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	body := raw
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(strings.NewReader(string(raw)))
		if err != nil {
			a.t.Fatalf("%s %s: gzip: %v", req.Method, req.URL, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			a.t.Fatalf("%s %s: gunzip: %v", req.Method, req.URL, err)
		}
	}
	return &reply{status: res.StatusCode, header: res.Header, body: string(body), raw: raw}
}

func (a *app) request(method, path string, body io.Reader, header ...string) *http.Request {
	a.t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, body)
	if err != nil {
		a.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return req
}

// get fetches path; header is name, value pairs.
func (a *app) get(path string, header ...string) *reply {
	a.t.Helper()
	return a.do(a.request(http.MethodGet, path, nil, header...))
}

// postForm posts a form as a browser on the same site does.
func (a *app) postForm(path string, form url.Values) *reply {
	a.t.Helper()
	return a.do(a.request(http.MethodPost, path, strings.NewReader(form.Encode()),
		"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin", "Origin", a.srv.URL))
}

// postJSON posts body (a string, []byte or anything json.Marshal takes) to the API.
func (a *app) postJSON(path string, body any) *reply {
	a.t.Helper()
	var b []byte
	switch v := body.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			a.t.Fatal(err)
		}
	}
	return a.do(a.request(http.MethodPost, path, strings.NewReader(string(b)), "Content-Type", "application/json"))
}

// db opens the database file read-only, as another program would.
func (a *app) db() *sql.DB {
	a.t.Helper()
	db, err := sql.Open("sqlite", "file:"+a.dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		a.t.Fatal(err)
	}
	a.t.Cleanup(func() { db.Close() })
	return db
}

// totalResponses counts every stored response, in every consultation.
func (a *app) totalResponses() int {
	a.t.Helper()
	n := 0
	for _, id := range []string{communityID, childID, closedID} {
		c, err := a.st.CountResponses(context.Background(), id)
		if err != nil {
			a.t.Fatal(err)
		}
		n += c
	}
	return n
}

// hidden reads a hidden input's value from a page.
func hidden(t *testing.T, page, name string) string {
	t.Helper()
	m := regexp.MustCompile(`<input type="hidden" name="` + regexp.QuoteMeta(name) + `" value="([^"]*)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no hidden input %q in the page", name)
	}
	return html.UnescapeString(m[1])
}

// fieldset returns the HTML of one question's fieldset.
func fieldset(t *testing.T, page, question string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<fieldset[^>]* id="q-` + regexp.QuoteMeta(question) + `"[^>]*>.*?</fieldset>`).FindString(page)
	if m == "" {
		t.Fatalf("no fieldset for question %q in the page", question)
	}
	return m
}

// checked reports whether the radio button or checkbox question=value is checked in the page.
func checked(page, question, value string) bool {
	re := regexp.MustCompile(`<input type="(?:radio|checkbox)" name="` + regexp.QuoteMeta(question) +
		`" value="` + regexp.QuoteMeta(value) + `"( checked)?>`)
	m := re.FindStringSubmatch(page)
	return m != nil && m[1] != ""
}

// rankSelected returns the choice selected in place n of a rank question.
func rankSelected(t *testing.T, page, question string, n int) string {
	t.Helper()
	sel := regexp.MustCompile(`(?s)<select name="` + regexp.QuoteMeta(question) + `\.` + string(rune('0'+n)) + `">.*?</select>`).FindString(page)
	if sel == "" {
		t.Fatalf("no select for %s place %d", question, n)
	}
	m := regexp.MustCompile(`<option value="([^"]*)"[^>]* selected>`).FindStringSubmatch(sel)
	if m == nil {
		return ""
	}
	return m[1]
}

// staticURLs lists the /static/ URLs a page refers to.
func staticURLs(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// questionLabel is a question's text in lang, straight from the loaded YAML.
func questionLabel(t *testing.T, sv *survey.Survey, question, lang string) string {
	t.Helper()
	q := sv.Question(question)
	if q == nil {
		t.Fatalf("survey %s has no question %s", sv.ID, question)
	}
	return q.Label.In(lang)
}

// choiceLabel is a choice's text in lang, straight from the loaded YAML.
func choiceLabel(t *testing.T, sv *survey.Survey, question, choice, lang string) string {
	t.Helper()
	q := sv.Question(question)
	if q == nil || q.Choice(choice) == nil {
		t.Fatalf("survey %s has no choice %s.%s", sv.ID, question, choice)
	}
	return q.Choice(choice).Label.In(lang)
}
