package web_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"consulta/internal/auth"
	"consulta/internal/plan"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/internal/web"
	"consulta/static"
	"consulta/templates"
)

// Two municipalities, each with an open community consultation, one session and its own staff.
const (
	ttConsA  = "cons-a"
	ttConsB  = "cons-b"
	ttSesA   = "5e55a000-0000-4000-8000-00000000000a"
	ttSesB   = "5e55b000-0000-4000-8000-00000000000b"
	ttTitleA = "Consulta de servicios en Los Chiles"
	ttTitleB = "Consulta de servicios en Esquipulas"

	ttAdmin    = "admin-consulta"
	ttPlannerA = "planner-a"
	ttFacA     = "facilitator-a"
	ttPlannerB = "planner-b"
	ttFacB     = "facilitator-b"
	ttTarget   = "target-account" // a facilitator of A that admins edit in the permission table

	ttPIN = "2468"
)

var ttAccounts = []string{ttAdmin, ttPlannerA, ttFacA, ttPlannerB, ttFacB, ttTarget}

// ttPassword is each account's password: long enough for auth.HashPassword.
func ttPassword(name string) string { return "clave larga de " + name }

// ttHash is a bcrypt hash of an account's password at the lowest cost. auth.HashPassword's cost
// makes each sign-in take seconds under the race detector, and the table signs in dozens of
// times; auth.CheckPassword reads the cost from the hash, so sign-in runs the same code.
// TestAccountDisabled signs in with a hash from auth.HashPassword.
func ttHash(t *testing.T, name string) string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte(ttPassword(name)), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

// ttClock is the server's clock, moved forward by tests.
type ttClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *ttClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *ttClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// ttOptions change how newTwoTowns builds the world.
type ttOptions struct {
	noAccounts bool              // no accounts and no tokens, as on a first start
	config     func(*web.Config) // changes to the server's configuration
	idle       map[string]int    // extra consultations of A: id -> idle seconds, each with a session id+"-s"
}

// twoTowns is a running Consulta on a real SQLite file, with municipality A (Los Chiles) and B
// (Esquipulas), a consultation and a session in each, staff of each, an admin and API tokens.
type twoTowns struct {
	*app
	url          string
	clock        *ttClock
	ro           *sql.DB
	muniA, muniB int64
	users        map[string]*store.User
	tokenA       string // planner-A's API token
	tokenB       string // planner-B's
	tokenRevoked string // planner-A's, revoked
}

func newTwoTowns(t *testing.T, o ttOptions) *twoTowns {
	t.Helper()
	a := newApp(t)
	ctx := context.Background()
	w := &twoTowns{app: a, clock: &ttClock{now: time.Now()}, users: map[string]*store.User{}}
	var err error
	if w.muniA, err = a.st.EnsureMunicipality(ctx, "Los Chiles", "Costa Rica"); err != nil {
		t.Fatal(err)
	}
	if w.muniB, err = a.st.EnsureMunicipality(ctx, "Esquipulas", "Guatemala"); err != nil {
		t.Fatal(err)
	}
	cons := []*store.Consultation{
		{ID: ttConsA, MunicipalityID: w.muniA, SurveyID: "community-consultation", Title: ttTitleA, Status: store.StatusOpen},
		{ID: ttConsB, MunicipalityID: w.muniB, SurveyID: "community-consultation", Title: ttTitleB, Status: store.StatusOpen},
	}
	sessions := []*store.Session{
		{ID: ttSesA, ConsultationID: ttConsA, Place: "Salón comunal de Caño Negro", HeldOn: "2026-03-03", Facilitator: ttFacA},
		{ID: ttSesB, ConsultationID: ttConsB, Place: "Casa de la cultura de Esquipulas", HeldOn: "2026-03-04", Facilitator: ttFacB},
	}
	for id, idle := range o.idle {
		cons = append(cons, &store.Consultation{ID: id, MunicipalityID: w.muniA, SurveyID: "community-consultation",
			Title: "Consulta " + id, Status: store.StatusOpen, IdleSeconds: idle})
		sessions = append(sessions, &store.Session{ID: id + "-s", ConsultationID: id, Place: "Escuela de " + id,
			HeldOn: "2026-03-05", Facilitator: ttFacA})
	}
	for _, c := range cons {
		if err := a.st.CreateConsultation(ctx, c); err != nil {
			t.Fatalf("consultation %s: %v", c.ID, err)
		}
	}
	for _, s := range sessions {
		if err := a.st.CreateSession(ctx, s); err != nil {
			t.Fatalf("session %s: %v", s.ID, err)
		}
	}
	if !o.noAccounts {
		for _, acc := range []struct {
			name, role string
			in         []int64
		}{
			{ttAdmin, store.RoleAdmin, nil},
			{ttPlannerA, store.RolePlanner, []int64{w.muniA}},
			{ttFacA, store.RoleFacilitator, []int64{w.muniA}},
			{ttPlannerB, store.RolePlanner, []int64{w.muniB}},
			{ttFacB, store.RoleFacilitator, []int64{w.muniB}},
			{ttTarget, store.RoleFacilitator, []int64{w.muniA}},
		} {
			u := &store.User{Name: acc.name, PasswordHash: ttHash(t, acc.name), Role: acc.role, Municipalities: acc.in}
			if err := a.st.CreateUser(ctx, u); err != nil {
				t.Fatalf("user %s: %v", acc.name, err)
			}
			w.users[acc.name] = u
		}
		w.tokenA = w.newToken(ttPlannerA)
		w.tokenB = w.newToken(ttPlannerB)
		revoked, hash := auth.NewToken()
		id, err := a.st.CreateToken(ctx, w.users[ttPlannerA].ID, hash, "revoked")
		if err != nil {
			t.Fatal(err)
		}
		if err := a.st.RevokeToken(ctx, id); err != nil {
			t.Fatal(err)
		}
		w.tokenRevoked = revoked
	}
	w.url = w.serve(o.config)
	w.ro = a.db()
	return w
}

// serve starts a server on the world's database with the world's clock and returns its address;
// config, when not nil, changes its configuration.
func (w *twoTowns) serve(config func(*web.Config)) string {
	w.t.Helper()
	var loaded []*survey.Survey
	for _, sv := range w.surveys {
		loaded = append(loaded, sv)
	}
	cfg := web.Config{Store: w.st, Surveys: loaded, Templates: templates.FS, Static: static.FS,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		CookieKeys: [][]byte{[]byte("test-hash-key-of-32-bytes-length"), []byte("test-block-key-32-bytes-length!!")},
		Now:        w.clock.Now}
	if config != nil {
		config(&cfg)
	}
	s, err := web.New(cfg)
	if err != nil {
		w.t.Fatalf("web.New: %v", err)
	}
	srv := httptest.NewServer(s.Handler())
	w.t.Cleanup(srv.Close)
	return srv.URL
}

// newToken makes an API token for an account, as `consulta token create` does.
func (w *twoTowns) newToken(name string) string {
	w.t.Helper()
	token, hash := auth.NewToken()
	if _, err := w.st.CreateToken(context.Background(), w.users[name].ID, hash, "test"); err != nil {
		w.t.Fatal(err)
	}
	return token
}

// ttClient is one browser (a cookie jar) or one script (a Bearer token).
type ttClient struct {
	label   string
	account string // the account signed in by cookie, "" for none
	bearer  string
	http    *http.Client
}

// client is a new browser with an empty cookie jar; from is the local address it connects from
// ("" for the default), so tests can be several machines.
func (w *twoTowns) client(label, from string) *ttClient {
	w.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		w.t.Fatal(err)
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if from != "" {
		dialer.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	tr := &http.Transport{DialContext: dialer.DialContext}
	w.t.Cleanup(tr.CloseIdleConnections)
	return &ttClient{label: label, http: &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn is a new browser signed in as name through the sign-in form.
func (w *twoTowns) signedIn(label, name string) *ttClient {
	w.t.Helper()
	c := w.client(label, "")
	w.signIn(c, name)
	return c
}

func (w *twoTowns) signIn(c *ttClient, name string) {
	w.t.Helper()
	r := w.send(c, "/signin", url.Values{"name": {name}, "password": {ttPassword(name)}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/consultations" {
		w.t.Fatalf("sign in as %s = %d to %q, want 303 to /consultations: %s", name, r.status, r.header.Get("Location"), ttFlash(r))
	}
	c.account = name
}

// call sends one request; header is name, value pairs.
func (w *twoTowns) call(c *ttClient, method, path string, body io.Reader, header ...string) *reply {
	w.t.Helper()
	req, err := http.NewRequest(method, w.url+path, body)
	if err != nil {
		w.t.Fatal(err)
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		w.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		w.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return &reply{status: res.StatusCode, header: res.Header, body: string(raw), raw: raw}
}

func (w *twoTowns) open(c *ttClient, path string, header ...string) *reply {
	w.t.Helper()
	return w.call(c, http.MethodGet, path, nil, header...)
}

// send posts a form as a browser on this site does; header may override the browser's headers.
// A script with a token sends no browser headers.
func (w *twoTowns) send(c *ttClient, path string, form url.Values, header ...string) *reply {
	w.t.Helper()
	h := []string{"Content-Type", "application/x-www-form-urlencoded"}
	if c.bearer == "" {
		h = append(h, "Sec-Fetch-Site", "same-origin", "Origin", w.url)
	}
	return w.call(c, http.MethodPost, path, strings.NewReader(form.Encode()), append(h, header...)...)
}

// try posts a form as send does, but returns what went wrong instead of failing: for goroutines.
func (w *twoTowns) try(c *ttClient, path string, form url.Values) (*reply, error) {
	req, err := http.NewRequest(http.MethodPost, w.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", w.url)
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	return &reply{status: res.StatusCode, header: res.Header, body: string(raw), raw: raw}, err
}

// sendJSON posts to the API as the survey script (a browser) or a script with a token does.
func (w *twoTowns) sendJSON(c *ttClient, path string, body any) *reply {
	w.t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		w.t.Fatal(err)
	}
	h := []string{"Content-Type", "application/json"}
	if c.bearer == "" {
		h = append(h, "Sec-Fetch-Site", "same-origin", "Origin", w.url)
	}
	return w.call(c, http.MethodPost, path, strings.NewReader(string(b)), h...)
}

// dump is every row of every table, as text, to tell whether a request changed anything.
func (w *twoTowns) dump() map[string][]string {
	w.t.Helper()
	var tables []string
	// failed_attempts counts refused sign-ins, so that they are slowed down: it is meant to change.
	rows, err := w.ro.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'failed_attempts'`)
	if err != nil {
		w.t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			w.t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := w.ro.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			w.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				w.t.Fatal(err)
			}
			parts := make([]string, len(vals))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				parts[i] = fmt.Sprint(v)
			}
			lines = append(lines, strings.Join(parts, "|"))
		}
		rows.Close()
		sort.Strings(lines)
		out[table] = lines
	}
	return out
}

// dumpDiff says which tables differ between two dumps, with a changed row of each; "" when none.
func ttDumpDiff(before, after map[string][]string) string {
	var out []string
	for table, a := range after {
		b := before[table]
		if slices.Equal(a, b) {
			continue
		}
		var added, removed []string
		for _, l := range a {
			if !slices.Contains(b, l) {
				added = append(added, l)
			}
		}
		for _, l := range b {
			if !slices.Contains(a, l) {
				removed = append(removed, l)
			}
		}
		msg := fmt.Sprintf("%s: +%d -%d rows", table, len(added), len(removed))
		if len(added) > 0 {
			msg += fmt.Sprintf(", e.g. +[%s]", ttClip(added[0], 160))
		}
		if len(removed) > 0 {
			msg += fmt.Sprintf(", e.g. -[%s]", ttClip(removed[0], 160))
		}
		out = append(out, msg)
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

func ttClip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// auditLog is every audit entry, newest first.
func (w *twoTowns) auditLog() []store.AuditEntry {
	w.t.Helper()
	entries, err := w.st.AuditLog(context.Background(), 1<<20)
	if err != nil {
		w.t.Fatal(err)
	}
	return entries
}

// ttUUID is a new random response id.
func ttUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ttSurveyForm is a complete, valid community survey form with a fresh response id; text, when
// given, is the answer to the open question.
func ttSurveyForm(sv *survey.Survey, answers url.Values, text string) url.Values {
	f := url.Values{"_id": {ttUUID()}, "_version": {sv.Version}, "_lang": {"es"}}
	for k, v := range answers {
		f[k] = slices.Clone(v)
	}
	if text != "" {
		f.Set("first_priority", text)
	}
	return f
}

// ttFlash is the message a page shows in its flash, for failure messages and comparisons.
func ttFlash(r *reply) string {
	i := strings.Index(r.body, `class="flash"`)
	if i < 0 {
		return ttClip(r.text(), 300)
	}
	rest := r.body[i:]
	start := strings.Index(rest, ">")
	end := strings.Index(rest, "</p>")
	if start < 0 || end < start {
		return ttClip(rest, 300)
	}
	return strings.TrimSpace(html.UnescapeString(rest[start+1 : end]))
}

// The columns of the permission table: who asks.
const (
	colAnon = iota
	colAdmin
	colPlannerA
	colFacA
	colPlannerB
	colFacB
	colTokenA
	colTokenB
	colRevoked
	colGarbage
	nCols
)

var permColumns = [nCols]string{"anon", "admin", "plan-A", "faci-A", "plan-B", "faci-B", "tok-A", "tok-B", "revoked", "garbage"}

// toSignin is a 303 to the sign-in page, told apart from other 303s.
const toSignin = -303

type permRow struct {
	method, path string
	want         [nCols]int
	form         func(c *ttClient) url.Values // a form body, for POSTs
	json         func(c *ttClient) any        // a JSON body, for API POSTs
	audit        string                       // the audit action a success records
	restore      func(c *ttClient)            // puts back what a success changed, so every caller starts alike
}

// pageRow is a route outside /api/: a Bearer token is not a sign-in there, so token callers get
// what anonymous gets.
func permPage(method, path string, anon, admin, plannerA, facA, plannerB, facB int) permRow {
	return permRow{method: method, path: path, want: [nCols]int{anon, admin, plannerA, facA, plannerB, facB, anon, anon, anon, anon}}
}

// apiRow is a route under /api/, with what each of the ten callers gets.
func permAPI(method, path string, want [nCols]int) permRow {
	return permRow{method: method, path: path, want: want}
}

func (r permRow) withForm(f func(c *ttClient) url.Values) permRow { r.form = f; return r }
func (r permRow) withJSON(f func(c *ttClient) any) permRow        { r.json = f; return r }
func (r permRow) audited(action string) permRow                   { r.audit = action; return r }
func (r permRow) undo(f func(c *ttClient)) permRow                { r.restore = f; return r }

func permCell(status int) string {
	if status == toSignin {
		return "→in"
	}
	return strconv.Itoa(status)
}

func permRefused(status int) bool { return status == toSignin || status >= 400 }

func TestPermissions(t *testing.T) {
	w := newTwoTowns(t, ttOptions{})
	ctx := context.Background()
	sv := w.community()
	target := w.users[ttTarget]

	var callers [nCols]*ttClient
	callers[colAnon] = w.client("anon", "")
	for col, name := range map[int]string{colAdmin: ttAdmin, colPlannerA: ttPlannerA, colFacA: ttFacA, colPlannerB: ttPlannerB, colFacB: ttFacB} {
		callers[col] = w.signedIn(permColumns[col], name)
	}
	for col, token := range map[int]string{colTokenA: w.tokenA, colTokenB: w.tokenB, colRevoked: w.tokenRevoked, colGarbage: "cst_not-a-real-token"} {
		c := w.client(permColumns[col], "")
		c.bearer = token
		callers[col] = c
	}

	// Each account's list shows its own municipality's consultations and no other's.
	for _, tc := range []struct {
		col        int
		see, never []string
	}{
		{colAdmin, []string{ttTitleA, ttTitleB}, nil},
		{colPlannerA, []string{ttTitleA}, []string{ttTitleB}},
		{colFacA, []string{ttTitleA}, []string{ttTitleB}},
		{colPlannerB, []string{ttTitleB}, []string{ttTitleA, communityTitle}},
		{colFacB, []string{ttTitleB}, []string{ttTitleA, communityTitle}},
	} {
		page := w.open(callers[tc.col], "/consultations").text()
		for _, s := range tc.see {
			if !strings.Contains(page, s) {
				t.Errorf("%s: /consultations does not list %q", permColumns[tc.col], s)
			}
		}
		for _, s := range tc.never {
			if strings.Contains(page, s) {
				t.Errorf("%s: /consultations lists %q of another municipality", permColumns[tc.col], s)
			}
		}
	}
	if page := w.open(callers[colPlannerB], "/consultations/new").body; strings.Contains(page, fmt.Sprintf(`<option value="%d"`, w.muniA)) {
		t.Errorf("planner-B is offered municipality A for a new consultation")
	}

	staticURL := ""
	if urls := staticURLs(w.open(callers[colAnon], "/").body); len(urls) > 0 {
		staticURL = urls[0]
	} else {
		t.Fatal("the home page refers to no static file")
	}

	A, B, sA, sB := "/consultations/"+ttConsA, "/consultations/"+ttConsB, "/sessions/"+ttSesA, "/sessions/"+ttSesB
	kA := "/kiosk/" + ttSesA
	S := toSignin
	name := func(prefix string) func(c *ttClient) url.Values {
		return func(c *ttClient) url.Values { return url.Values{"name": {prefix + c.label}} }
	}
	surveyForm := func(answers url.Values) func(*ttClient) url.Values {
		return func(*ttClient) url.Values { return ttSurveyForm(sv, answers, "") }
	}
	response := func(*ttClient) any {
		return submission{ID: ttUUID(), SurveyVersion: sv.Version, Language: "es", Answers: apiAnswers()}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	all := func(s int) [nCols]int { return [nCols]int{s, s, s, s, s, s, s, s, s, s} }

	// A draft plan in each municipality, for the plan rows.
	newPlan := func(muni int64, title string) *plan.Plan {
		p := &plan.Plan{MunicipalityID: muni, Title: survey.Label{"es": title}, Period: survey.Label{"es": "2027–2030"},
			Axes: []plan.Axis{{Code: "E1", Title: survey.Label{"es": "Servicios"}}},
			Items: []plan.Item{
				{Code: "S1", Axis: "E1", Title: survey.Label{"es": "Puesto de salud"}, Summary: survey.Label{"es": "Ampliar el puesto"}, Icon: "health", Order: 1},
				{Code: "S2", Axis: "E1", Title: survey.Label{"es": "Agua"}, Summary: survey.Label{"es": "Red de agua"}, Icon: "water", Order: 2},
			}}
		must(w.st.CreatePlan(ctx, p, nil))
		return p
	}
	planA, planB := newPlan(w.muniA, "Plan de Los Chiles"), newPlan(w.muniB, "Plan de Esquipulas")
	pA, pB := fmt.Sprintf("/plans/%d", planA.ID), fmt.Sprintf("/plans/%d", planB.ID)
	itemForm := func(code, title string, order int) url.Values {
		return url.Values{"code": {code}, "axis": {"E1"}, "title_es": {title}, "summary_es": {"Resumen de " + title},
			"icon": {"school"}, "order": {strconv.Itoa(order)}}
	}
	decisionForm := func(publish string) url.Values {
		return url.Values{"rows": {"2"}, "publish": {publish}, "code_0": {"S1"}, "kind_0": {"kept"}, "order_0": {"1"},
			"code_1": {"S2"}, "kind_1": {"kept"}, "order_1": {"2"}}
	}
	everyone := func(method, path string, s int) permRow { return permRow{method: method, path: path, want: all(s)} }

	// A survey saved by each municipality, and the file a save posts.
	for id, muni := range map[string]int64{"survey-a": w.muniA, "survey-b": w.muniB} {
		saved, ps := survey.Parse(id+".yaml", []byte(ttSmallSurvey(id)))
		if len(ps) > 0 {
			t.Fatal(ps)
		}
		must(w.st.SaveMunicipalSurvey(ctx, saved, muni, 0))
	}

	rows := []permRow{
		// Public: anyone, with or without an account, may answer an open consultation and read what it heard.
		everyone("GET", "/healthz", 200),
		everyone("HEAD", "/healthz", 200),
		everyone("GET", staticURL, 200),
		everyone("HEAD", staticURL, 200),
		everyone("GET", "/sw.js", 200),
		everyone("GET", "/", 200),
		everyone("GET", "/c/"+ttConsA, 200),
		everyone("POST", "/c/"+ttConsA, 303).withForm(surveyForm(walks[0].answers)),
		everyone("GET", "/c/"+ttConsA+"/thanks", 200),
		everyone("GET", "/c/"+ttConsA+"/stopped", 200),
		everyone("GET", "/c/"+ttConsA+"/heard", 200),

		// Accounts.
		everyone("GET", "/signin", 200),
		permPage("POST", "/signin", 401, 303, 303, 303, 303, 303).withForm(func(c *ttClient) url.Values {
			if c.account == "" {
				return url.Values{"name": {"nobody-" + c.label}, "password": {"not the password"}}
			}
			return url.Values{"name": {c.account}, "password": {ttPassword(c.account)}}
		}),
		everyone("GET", "/setup/not-the-token", 404),
		everyone("POST", "/setup/not-the-token", 404).withForm(func(c *ttClient) url.Values {
			return url.Values{"name": {"sneaky-" + c.label}, "password": {"una clave muy larga"}, "password2": {"una clave muy larga"}}
		}),

		// Administration: admins only.
		permPage("GET", "/admin/municipalities", S, 200, 403, 403, 403, 403),
		permPage("POST", "/admin/municipalities", 401, 303, 403, 403, 403, 403).withForm(func(c *ttClient) url.Values {
			return url.Values{"name": {"Municipio " + c.label}, "country": {"Honduras"}}
		}).audited("municipality.create"),
		permPage("GET", "/admin/users", S, 200, 403, 403, 403, 403),
		permPage("POST", "/admin/users", 401, 201, 403, 403, 403, 403).withForm(func(c *ttClient) url.Values {
			f := name("new-")(c)
			f.Set("role", store.RoleFacilitator)
			f.Set("municipality", strconv.FormatInt(w.muniA, 10))
			return f
		}).audited("user.create"),
		permPage("GET", fmt.Sprintf("/admin/users/%d", target.ID), S, 200, 403, 403, 403, 403),
		permPage("POST", fmt.Sprintf("/admin/users/%d", target.ID), 401, 303, 403, 403, 403, 403).withForm(func(*ttClient) url.Values {
			return url.Values{"role": {store.RolePlanner}, "municipality": {strconv.FormatInt(w.muniB, 10)}}
		}).audited("user.update").undo(func(*ttClient) {
			must(w.st.UpdateUser(ctx, &store.User{ID: target.ID, Role: store.RoleFacilitator, Municipalities: []int64{w.muniA}}))
		}),
		permPage("POST", fmt.Sprintf("/admin/users/%d/password", target.ID), 401, 200, 403, 403, 403, 403).
			withForm(func(*ttClient) url.Values { return url.Values{} }).audited("user.password_reset"),
		permPage("GET", "/admin/audit", S, 200, 403, 403, 403, 403),

		// Consultations: staff of the consultation's municipality; planners and admins manage.
		permPage("GET", "/consultations", S, 200, 200, 200, 200, 200),
		permPage("GET", "/consultations/new", S, 200, 200, 403, 200, 403),
		permPage("POST", "/consultations", 401, 303, 303, 403, 422, 403).withForm(func(c *ttClient) url.Values {
			return url.Values{"title": {"Nueva consulta de " + c.label}, "survey": {"community-consultation"},
				"municipality": {strconv.FormatInt(w.muniA, 10)}, "status": {store.StatusDraft},
				"starts_on": {"2026-04-01"}, "ends_on": {"2026-05-01"}, "idle_minutes": {"3"}}
		}).audited("consultation.create"),
		permPage("GET", A, S, 200, 200, 200, 404, 404),
		permPage("POST", A+"/status", 401, 303, 303, 403, 404, 404).withForm(func(*ttClient) url.Values {
			return url.Values{"status": {store.StatusClosed}}
		}).audited("consultation.status").undo(func(*ttClient) { must(w.st.SetStatus(ctx, ttConsA, store.StatusOpen)) }),
		permPage("POST", A+"/targets", 401, 303, 303, 403, 404, 404).withForm(func(*ttClient) url.Values {
			return url.Values{"t_refugee_female": {"7"}, "t_host_male": {"12"}}
		}).audited("consultation.targets").undo(func(*ttClient) { must(w.st.SetTargets(ctx, ttConsA, nil)) }),
		permPage("POST", A+"/promise", 401, 303, 303, 403, 404, 404).withForm(func(c *ttClient) url.Values {
			return url.Values{"promise_es": {"Lo que haremos, según " + c.label}}
		}).audited("consultation.promise").undo(func(*ttClient) { must(w.st.SetPromise(ctx, ttConsA, map[string]string{})) }),
		permPage("POST", A+"/wording", 401, 303, 303, 403, 404, 404).withForm(func(c *ttClient) url.Values {
			return url.Values{"title": {"Consulta de " + c.label}, "title_en": {"Consultation of " + c.label}}
		}).audited("consultation.wording"),
		permPage("POST", A+"/idle", 401, 303, 303, 403, 404, 404).withForm(func(*ttClient) url.Values {
			return url.Values{"idle_minutes": {"7"}}
		}).audited("consultation.idle"),
		permPage("GET", A+"/results", S, 200, 200, 403, 404, 404),
		permPage("GET", A+"/report", S, 200, 200, 403, 404, 404),
		permPage("GET", A+"/texts", S, 200, 200, 403, 404, 404).audited("results.texts_view"),
		permPage("GET", A+"/results.csv", S, 200, 200, 403, 404, 404),
		permPage("GET", A+"/results.xlsx", S, 200, 200, 403, 404, 404),
		permPage("GET", A+"/responses.csv", S, 200, 403, 403, 404, 404).audited("export.raw"),
		permPage("GET", A+"/qr.png", S, 200, 200, 200, 404, 404),
		permPage("GET", A+"/poster", S, 200, 200, 200, 404, 404),
		permPage("POST", A+"/sessions", 401, 303, 303, 303, 404, 404).withForm(func(c *ttClient) url.Values {
			return url.Values{"place": {"Reunión de " + c.label}, "held_on": {"2026-03-10"}}
		}).audited("session.create"),
		permPage("GET", sA, S, 200, 200, 200, 404, 404),
		permPage("POST", sA+"/consent", 401, 303, 303, 303, 404, 404).withForm(func(*ttClient) url.Values {
			return url.Values{"parental_consent": {"on"}}
		}).audited("session.parental_consent").undo(func(*ttClient) { must(w.st.SetParentalConsent(ctx, ttSesA, false)) }),
		permPage("POST", sA+"/kiosk", 401, 303, 303, 303, 404, 404).withForm(func(*ttClient) url.Values {
			return url.Values{"pin": {ttPIN}}
		}).audited("kiosk.start").undo(func(c *ttClient) {
			if r := w.send(c, kA+"/exit", url.Values{"pin": {ttPIN}}); r.status != http.StatusSeeOther {
				t.Fatalf("%s: leaving kiosk mode = %d", c.label, r.status)
			}
			// Leaving the kiosk leads to the sign-in page: the PIN alone opens no staff page.
			w.signIn(c, c.account)
		}),
		permPage("GET", sA+"/paper", S, 200, 200, 200, 404, 404),
		permPage("POST", sA+"/paper", 401, 303, 303, 303, 404, 404).withForm(surveyForm(walks[1].answers)),
		// The other municipality's pages, so 404 above is not everyone's answer.
		permPage("GET", B, S, 200, 404, 404, 200, 200),
		permPage("GET", sB, S, 200, 404, 404, 200, 200),
		permPage("GET", B+"/results", S, 200, 404, 404, 200, 403),

		// Surveys: staff see the built-in ones and their municipality's; planners and admins import
		// and save; another municipality's survey is 404.
		permPage("GET", "/surveys", S, 200, 200, 200, 200, 200),
		permPage("GET", "/surveys/community-consultation", S, 200, 200, 200, 200, 200),
		permPage("GET", "/surveys/community-consultation/xlsform.xlsx", S, 200, 200, 200, 200, 200),
		permPage("GET", "/surveys/survey-a", S, 200, 200, 200, 404, 404),
		permPage("GET", "/surveys/survey-a/xlsform.xlsx", S, 200, 200, 200, 404, 404),
		permPage("GET", "/surveys/survey-b", S, 200, 404, 404, 200, 200),
		permPage("GET", A+"/xlsform.xlsx", S, 200, 200, 200, 404, 404),
		permPage("GET", "/surveys/import", S, 200, 200, 403, 200, 403),
		permPage("POST", "/surveys/import", 401, 422, 422, 403, 422, 403).withForm(func(*ttClient) url.Values { return url.Values{} }),
		permPage("POST", "/surveys", 401, 303, 303, 403, 422, 403).withForm(func(*ttClient) url.Values {
			return url.Values{"yaml": {ttSmallSurvey("saved-in-table")}, "municipality": {strconv.FormatInt(w.muniA, 10)}}
		}).audited("survey.save"),

		// Plans: planners and admins of the plan's municipality; facilitators neither see nor edit them.
		permPage("GET", "/plans", S, 200, 200, 403, 200, 403),
		permPage("GET", "/plans/new", S, 200, 200, 403, 200, 403),
		permPage("POST", "/plans", 401, 303, 303, 403, 422, 403).withForm(func(c *ttClient) url.Values {
			return url.Values{"title_es": {"Plan de " + c.label}, "municipality": {strconv.FormatInt(w.muniA, 10)},
				"axes": {"E1 | Servicios | Services | Serviços"}}
		}).audited("plan.create"),
		permPage("GET", pA, S, 200, 200, 403, 404, 403),
		permPage("GET", pA+"/edit", S, 200, 200, 403, 404, 403),
		permPage("POST", pA, 401, 303, 303, 403, 404, 403).withForm(func(c *ttClient) url.Values {
			return url.Values{"title_es": {"Plan de Los Chiles"}, "title_en": {"Plan by " + c.label}, "axes": {"E1 | Servicios"}}
		}).audited("plan.update"),
		permPage("POST", pA+"/import", 401, 400, 400, 403, 404, 403).withForm(func(*ttClient) url.Values { return url.Values{} }),
		permPage("GET", pA+"/items/new", S, 200, 200, 403, 404, 403),
		permPage("POST", pA+"/items", 401, 303, 303, 403, 404, 403).withForm(func(c *ttClient) url.Values {
			return itemForm("N-"+c.label, "Escuela de "+c.label, 3)
		}).audited("plan.item_create").undo(func(c *ttClient) { must(w.st.DeleteItem(ctx, planA.ID, "N-"+c.label)) }),
		permPage("GET", pA+"/items/S1", S, 200, 200, 403, 404, 403),
		permPage("POST", pA+"/items/S1", 401, 303, 303, 403, 404, 403).withForm(func(c *ttClient) url.Values {
			return itemForm("S1", "Puesto de salud ("+c.label+")", 1)
		}).audited("plan.item_update"),
		permPage("POST", pA+"/items/S2/delete", 401, 303, 303, 403, 404, 403).withForm(func(*ttClient) url.Values { return url.Values{} }).
			audited("plan.item_delete").undo(func(*ttClient) {
			it := planA.Items[1]
			must(w.st.SaveItem(ctx, planA.ID, "", &it, nil))
		}),
		permPage("GET", pA+"/survey/adult.yaml", S, 200, 200, 403, 404, 403),
		// The admin starts the round first; after that the plan is no longer a draft (409).
		permPage("POST", pA+"/validation", 401, 303, 409, 403, 404, 403).withForm(func(*ttClient) url.Values { return url.Values{} }).
			audited("plan.validation_start"),
		permPage("GET", pA+"/survey/child.yaml", S, 200, 200, 403, 404, 403),
		permPage("GET", pA, S, 200, 200, 403, 404, 403),
		permPage("GET", pB, S, 200, 404, 403, 200, 403),
		// Decisions after the round, versions and status: planners and admins of the plan's
		// municipality. The admin publishes first; the planner's publish is the next version.
		everyone("GET", "/p/"+strconv.FormatInt(planA.ID, 10), 404), // nothing published yet
		permPage("GET", pA+"/decisions", S, 200, 200, 403, 404, 403),
		permPage("POST", pA+"/decisions", 401, 303, 303, 403, 404, 403).withForm(func(*ttClient) url.Values {
			return decisionForm("0")
		}).audited("plan.decisions_save"),
		permPage("POST", pA+"/decisions", 401, 303, 303, 403, 404, 403).withForm(func(*ttClient) url.Values {
			return decisionForm("1")
		}).audited("plan.publish"),
		permPage("GET", pA+"/versions", S, 200, 200, 403, 404, 403),
		permPage("POST", pA+"/items/S1/status", 401, 303, 303, 403, 404, 403).withForm(func(*ttClient) url.Values {
			return url.Values{"status": {"in_progress"}, "progress": {"40"}, "milestones": {"2027-03-01 | Obra iniciada"}}
		}).audited("plan.status"),
		permPage("POST", pA+"/followup", 401, 303, 409, 403, 404, 403).withForm(func(*ttClient) url.Values { return url.Values{} }).
			audited("plan.followup_start"),
		// The report back is public, in every form; a plan with nothing published has none.
		everyone("GET", "/p/"+strconv.FormatInt(planA.ID, 10), 200),
		everyone("GET", "/p/"+strconv.FormatInt(planA.ID, 10)+"/children", 200),
		everyone("GET", "/p/"+strconv.FormatInt(planA.ID, 10)+"/poster", 200),
		everyone("GET", "/p/"+strconv.FormatInt(planB.ID, 10), 404),
		permAPI("GET", "/api/public/plans/"+strconv.FormatInt(planA.ID, 10), [nCols]int{200, 200, 200, 200, 200, 200, 200, 200, 401, 401}),
		permAPI("GET", "/api/public/plans/"+strconv.FormatInt(planB.ID, 10), [nCols]int{404, 404, 404, 404, 404, 404, 404, 404, 401, 401}),
		permAPI("GET", "/api"+pA, [nCols]int{401, 200, 200, 403, 404, 403, 200, 404, 401, 401}),
		permAPI("GET", "/api"+pB, [nCols]int{401, 200, 404, 403, 200, 403, 404, 200, 401, 401}),

		// Kiosk pages belong to the browser locked into the session; none is locked here.
		everyone("GET", kA, 403),
		everyone("GET", kA+"/survey", 403),
		everyone("POST", kA+"/survey", 403).withForm(surveyForm(walks[0].answers)),
		everyone("GET", kA+"/thanks", 403),
		everyone("GET", kA+"/stopped", 403),
		everyone("GET", kA+"/exit", 403),
		everyone("POST", kA+"/exit", 403).withForm(func(*ttClient) url.Values { return url.Values{"pin": {ttPIN}} }),

		// API: the survey and responses are public; results need a planner or admin of the municipality.
		// A token that does not work is refused, even where no token is needed.
		permAPI("GET", "/api/consultations/"+ttConsA+"/survey", [nCols]int{200, 200, 200, 200, 200, 200, 200, 200, 401, 401}),
		permAPI("POST", "/api/consultations/"+ttConsA+"/responses", [nCols]int{201, 201, 201, 201, 201, 201, 201, 201, 401, 401}).withJSON(response),
		permAPI("GET", "/api/consultations/"+ttConsA+"/results", [nCols]int{401, 200, 200, 403, 404, 404, 200, 404, 401, 401}),
		permAPI("GET", "/api/consultations/"+ttConsB+"/results", [nCols]int{401, 200, 404, 404, 200, 403, 404, 200, 401, 401}),

		// Last, as it ends each browser's session.
		everyone("POST", "/signout", 303).withForm(func(*ttClient) url.Values { return url.Values{} }),
	}

	got := make([][nCols]int, len(rows))
	var snapshot map[string][]string // the database as it was after the last refused request, if nothing succeeded since
	for i, row := range rows {
		for col, c := range callers {
			// Requests that would change something, refused, must leave every table as it was.
			var before map[string][]string
			if permRefused(row.want[col]) && (row.method == http.MethodPost || row.audit != "") {
				if snapshot == nil {
					snapshot = w.dump()
				}
				before = snapshot
			}
			auditBefore := len(w.auditLog())
			var r *reply
			switch {
			case row.json != nil:
				r = w.sendJSON(c, row.path, row.json(c))
			case row.form != nil:
				r = w.send(c, row.path, row.form(c))
			default:
				r = w.call(c, row.method, row.path, nil)
			}
			status := r.status
			if status == http.StatusSeeOther && strings.HasPrefix(r.header.Get("Location"), "/signin") {
				status = toSignin
			}
			got[i][col] = status
			if before != nil {
				after := w.dump()
				if diff := ttDumpDiff(before, after); diff != "" {
					t.Errorf("%s %s as %s (%s, expected refused) changed the database: %s", row.method, row.path, c.label, permCell(status), diff)
				}
				snapshot = after
			}
			if permRefused(status) {
				continue
			}
			snapshot = nil
			if status != row.want[col] {
				continue
			}
			if row.audit != "" {
				entries := w.auditLog()
				switch {
				case len(entries) <= auditBefore:
					t.Errorf("%s %s as %s succeeded (%d) but wrote no audit entry", row.method, row.path, c.label, status)
				case entries[0].Action != row.audit || entries[0].UserName != c.account || entries[0].UserID != w.users[c.account].ID:
					t.Errorf("%s %s as %s: audit entry = %s by %q (id %d), want %s by %q", row.method, row.path, c.label,
						entries[0].Action, entries[0].UserName, entries[0].UserID, row.audit, c.account)
				}
			}
			if row.restore != nil {
				row.restore(c)
			}
		}
	}

	var bad int
	var out strings.Builder
	fmt.Fprintf(&out, "%-44s", "route \\ caller  (got, or got≠want)")
	for _, c := range permColumns {
		fmt.Fprintf(&out, " %9s", c)
	}
	out.WriteString("\n")
	for i, row := range rows {
		fmt.Fprintf(&out, "%-44s", ttClip(row.method+" "+row.path, 43))
		for col := range nCols {
			s := permCell(got[i][col])
			if got[i][col] != row.want[col] {
				s = s + "≠" + permCell(row.want[col])
				bad++
			}
			fmt.Fprintf(&out, " %9s", s)
		}
		out.WriteString("\n")
	}
	if bad > 0 {
		t.Errorf("%d of %d cells of the permission table differ (→in is a 303 to /signin):\n%s", bad, len(rows)*nCols, out.String())
	} else {
		t.Logf("permission table: %d routes × %d callers = %d requests", len(rows), nCols, len(rows)*nCols)
	}

	// What the refused requests would have made does not exist; what the allowed ones made does.
	munis, err := w.st.Municipalities(ctx)
	must(err)
	var muniNames []string
	for _, m := range munis {
		muniNames = append(muniNames, m.Name)
	}
	for _, c := range callers {
		made := slices.Contains(muniNames, "Municipio "+c.label)
		if made != (c.label == "admin") {
			t.Errorf("municipality created by %s exists: %v", c.label, made)
		}
		_, err := w.st.UserByName(ctx, "new-"+c.label)
		if (err == nil) != (c.label == "admin") {
			t.Errorf("account created by %s: lookup error %v", c.label, err)
		}
	}
	cs, err := w.st.Consultations(ctx, nil, true)
	must(err)
	var titles []string
	for _, c := range cs {
		titles = append(titles, c.Title)
	}
	for _, c := range callers {
		made := slices.Contains(titles, "Nueva consulta de "+c.label)
		if made != (c.label == "admin" || c.label == "plan-A") {
			t.Errorf("consultation created by %s exists: %v", c.label, made)
		}
	}
	ses, err := w.st.Sessions(ctx, ttConsA)
	must(err)
	var places []string
	for _, s := range ses {
		places = append(places, s.Place)
	}
	for _, c := range callers {
		made := slices.Contains(places, "Reunión de "+c.label)
		if made != (c.label == "admin" || c.label == "plan-A" || c.label == "faci-A") {
			t.Errorf("session created by %s exists: %v", c.label, made)
		}
	}
	if cA, err := w.st.Consultation(ctx, ttConsA); err != nil || cA.Status != store.StatusOpen {
		t.Errorf("consultation A after the table: %+v, %v", cA, err)
	}
	if cB, err := w.st.Consultation(ctx, ttConsB); err != nil || cB.Status != store.StatusOpen {
		t.Errorf("consultation B after the table: %+v, %v", cB, err)
	}
	if u, err := w.st.User(ctx, target.ID); err != nil || u.Role != store.RoleFacilitator || !slices.Equal(u.Municipalities, []int64{w.muniA}) || u.Disabled {
		t.Errorf("the edited account after the table: %+v, %v", u, err)
	}

	// Signing out ended every browser's session.
	for col := colAdmin; col <= colFacB; col++ {
		if r := w.open(callers[col], "/consultations"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/signin") {
			t.Errorf("%s after signing out: GET /consultations = %d to %q, want 303 to /signin", permColumns[col], r.status, r.header.Get("Location"))
		}
	}
}

// ttSmallSurvey is a valid two-question survey file with the given id.
func ttSmallSurvey(id string) string {
	return `id: ` + id + `
title: {es: "Encuesta ` + id + `", en: "Survey ` + id + `", pt: "Pesquisa ` + id + `"}
audience: adult
languages: [es, en, pt]
profile: [group, gender]
questions:
  - id: water
    type: yes_no
    label: {es: "¿Tiene agua?", en: "Do you have water?", pt: "Tem água?"}
  - id: why
    type: text
    label: {es: "¿Por qué?", en: "Why?", pt: "Por quê?"}
    relevant: "${water} = 'no'"
`
}
