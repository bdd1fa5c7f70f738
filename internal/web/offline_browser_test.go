package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"consulta/internal/auth"
	"consulta/internal/browser"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/internal/web"
	"consulta/static"
	"consulta/templates"
)

// cable is the tablet's connection to the server: while it is pulled out, every new connection
// is closed at once, so nothing the tablet sends can reach the server.
type cable struct {
	net.Listener
	out atomic.Bool
}

func (c *cable) Accept() (net.Conn, error) {
	for {
		conn, err := c.Listener.Accept()
		if err != nil || !c.out.Load() {
			return conn, err
		}
		conn.Close()
	}
}

// line sits between the tablet and the server: it records every response posted and can answer
// the next ones with a failure ("500": refused; "lost": stored, but the answer lost on the way).
type line struct {
	next  http.Handler
	mu    sync.Mutex
	plan  []string
	posts []string // response ids, in the order they reached the server
}

func (l *line) fail(plan ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.plan = append(l.plan, plan...)
}

func (l *line) posted() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.posts)
}

func (l *line) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/responses") {
		l.next.ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	var sub struct{ ID string }
	json.Unmarshal(body, &sub)
	l.mu.Lock()
	l.posts = append(l.posts, sub.ID)
	step := ""
	if len(l.plan) > 0 {
		step, l.plan = l.plan[0], l.plan[1:]
	}
	l.mu.Unlock()
	switch step {
	case "500":
		http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
	case "lost":
		l.next.ServeHTTP(httptest.NewRecorder(), r)
		http.Error(w, "bad gateway", http.StatusBadGateway)
	default:
		l.next.ServeHTTP(w, r)
	}
}

// kioskRig is a running Consulta behind a cable and a line, with a facilitator and a session.
type kioskRig struct {
	*app
	url     string // the server, at 127.0.0.1 so service workers may run
	srv     *httptest.Server
	cable   *cable
	line    *line
	session string
}

const (
	rigUser     = "facilitadora"
	rigPassword = "caballo correcto batería"
	rigPIN      = "4821"
)

func newKioskRig(t *testing.T) *kioskRig {
	t.Helper()
	if !browser.Available() {
		t.Fatal("chromium is not installed: `make test` installs it (apt-get install chromium)")
	}
	a := newApp(t)
	ctx := context.Background()
	mid, err := a.st.EnsureMunicipality(ctx, "Los Chiles", "Costa Rica")
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(rigPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.st.CreateUser(ctx, &store.User{Name: rigUser, PasswordHash: hash, Role: store.RoleFacilitator,
		Municipalities: []int64{mid}}); err != nil {
		t.Fatal(err)
	}
	session := "5e551011-0ff1-4e00-8000-00000000c0de"
	if err := a.st.CreateSession(ctx, &store.Session{ID: session, ConsultationID: communityID,
		Place: "Salón comunal de Caño Negro", HeldOn: "2026-03-03", Facilitator: rigUser}); err != nil {
		t.Fatal(err)
	}
	var loaded []*survey.Survey
	for _, sv := range a.surveys {
		loaded = append(loaded, sv)
	}
	s, err := web.New(web.Config{Store: a.st, Surveys: loaded, Templates: templates.FS, Static: static.FS,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		CookieKeys: [][]byte{[]byte("test-hash-key-of-32-bytes-length"), []byte("test-block-key-32-bytes-length!!")}})
	if err != nil {
		t.Fatal(err)
	}
	l := &line{next: s.Handler()}
	srv := httptest.NewUnstartedServer(l)
	c := &cable{Listener: srv.Listener}
	srv.Listener = c
	srv.Start()
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("the test server is at %s, not a secure context for service workers", srv.URL)
	}
	return &kioskRig{app: a, url: srv.URL, srv: srv, cable: c, line: l, session: session}
}

// storedInSession lists the ids of the responses stored in the rig's session.
func (k *kioskRig) storedInSession() []string {
	k.t.Helper()
	rows, err := k.db().Query(`SELECT id FROM responses WHERE session_id = ? ORDER BY id`, k.session)
	if err != nil {
		k.t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			k.t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// tablet is a Chromium tab used as the kiosk tablet.
type tablet struct {
	t   *testing.T
	k   *kioskRig
	ctx context.Context
}

// expectedBrowserNoise are errors the browser logs by itself for what the test does on purpose:
// requests that fail while offline and the failures the line answers with.
var expectedBrowserNoise = []string{"net::ERR_", "Failed to load resource", "the server responded with a status of"}

func newTablet(t *testing.T, k *kioskRig) *tablet {
	t.Helper()
	ctx := browser.New(t)
	tb := &tablet{t: t, k: k, ctx: ctx}
	t.Cleanup(func() {
		for _, e := range browser.ConsoleErrors(ctx) {
			if !slices.ContainsFunc(expectedBrowserNoise, func(n string) bool { return strings.Contains(e, n) }) {
				t.Errorf("browser console: %s", e)
			}
		}
		browser.AssertLocalOnly(t, ctx)
	})
	return tb
}

const tabletStep = 45 * time.Second

func (tb *tablet) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, tabletStep)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// js runs a script in the page, awaiting a promise it returns, and decodes the result.
func js[T any](tb *tablet, script string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, tabletStep)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("script %q: %v", clipJS(script), err)
	}
	return v
}

func clipJS(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}

// until polls a script until it is true; errors while a page loads count as not yet.
func (tb *tablet) until(what, script string, limit time.Duration) {
	tb.t.Helper()
	deadline := time.Now().Add(limit)
	var err error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
		var ok bool
		ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](script, chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.t.Fatalf("waited %s for %s (last error: %v)", limit, what, err)
}

func (tb *tablet) open(path string) {
	tb.t.Helper()
	tb.do("open "+path, chromedp.Navigate(tb.k.url+path))
}

func (tb *tablet) tap(sel string) {
	tb.t.Helper()
	tb.do("tap "+sel, chromedp.Click(chromedp.CSS(sel)))
}

func (tb *tablet) typeIn(sel, text string) {
	tb.t.Helper()
	js[bool](tb, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (e) e.value = ""; return true; })()`, sel))
	tb.do("type in "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// onPage waits until the tab shows path (without query) with sel in it.
func (tb *tablet) onPage(path, sel string) {
	tb.t.Helper()
	tb.until("page "+path, fmt.Sprintf(`location.pathname === %q && document.readyState === "complete" &&
		!!document.querySelector(%q)`, path, sel), tabletStep)
}

// nextPerson leaves the thank-you screen for the welcome screen, unless it went back by itself.
func (tb *tablet) nextPerson() {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, tabletStep)
	defer cancel()
	// An error here means the screen went back by itself while the script ran.
	chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const b = document.querySelector(".js-next-person"); if (b) b.click(); return true; })()`))
	tb.onPage("/kiosk/"+tb.k.session, "#kiosk-welcome")
}

func (tb *tablet) text(sel string) string {
	tb.t.Helper()
	return js[string](tb, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel))
}

func (tb *tablet) visible(sel string) bool {
	tb.t.Helper()
	return js[bool](tb, fmt.Sprintf(`(() => { const e = document.querySelector(%q);
		return !!e && e.getClientRects().length > 0; })()`, sel))
}

// network turns the DevTools network emulation off or on, for the page and its service worker,
// and pulls the cable out or plugs it back in.
func (tb *tablet) network(online bool) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, tabletStep)
	defer cancel()
	offline := !online
	var conditions []*network.Conditions
	if offline {
		conditions = []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
	}
	if online {
		tb.k.cable.out.Store(false)
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &offline, MatchedNetworkConditions: conditions}); err != nil {
		tb.t.Fatalf("network emulation: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		tb.t.Fatalf("network state: %v", err)
	}
	if offline {
		tb.k.cable.out.Store(true)
		tb.k.srv.CloseClientConnections()
	}
}

// startKiosk signs the facilitator in, starts kiosk mode with the PIN, and waits until the
// service worker has kept everything the session needs.
func (tb *tablet) startKiosk() {
	tb.t.Helper()
	tb.open("/signin")
	tb.typeIn(`input[name="name"]`, rigUser)
	tb.typeIn(`input[name="password"]`, rigPassword)
	tb.tap(`form[action="/signin"] button[type="submit"]`)
	tb.until("signed in", `location.pathname !== "/signin" && document.readyState === "complete"`, tabletStep)
	tb.open("/sessions/" + tb.k.session)
	tb.typeIn(`form[action$="/kiosk"] input[name="pin"]`, rigPIN)
	tb.tap(`form[action$="/kiosk"] button[type="submit"]`)
	tb.onPage("/kiosk/"+tb.k.session, "#kiosk-welcome")
	tb.until("the service worker in control and the session kept",
		`!!navigator.serviceWorker.controller && document.documentElement.hasAttribute("data-offline-ready")`, tabletStep)
}

// queued is one response in the tablet's IndexedDB queue.
type queued struct {
	ID          string  `json:"id"`
	URL         string  `json:"url"`
	Body        string  `json:"body"`
	Status      string  `json:"status"`
	Attempts    int     `json:"attempts"`
	NextAttempt float64 `json:"nextAttempt"`
	QueuedAt    float64 `json:"queuedAt"`
	HTTP        int     `json:"http"`
	Reason      string  `json:"reason"`
	Key         string  `json:"key"`
}

// leaveKiosk gives the PIN on the exit page while online, then the password the sign-in page asks
// for: the PIN alone opens no staff page.
func (tb *tablet) leaveKiosk() {
	tb.t.Helper()
	tb.typeIn(`#kiosk-exit input[name="pin"]`, rigPIN)
	tb.tap(`#kiosk-exit button[type="submit"]`)
	tb.onPage("/signin", `form[action="/signin"]`)
	tb.typeIn(`input[name="name"]`, rigUser)
	tb.typeIn(`input[name="password"]`, rigPassword)
	tb.tap(`form[action="/signin"] button[type="submit"]`)
}

// postpone puts every waiting response's next try an hour away, as after a long time offline.
func (tb *tablet) postpone() {
	tb.t.Helper()
	js[bool](tb, `new Promise((ok, fail) => {
		const open = indexedDB.open("consulta");
		open.onerror = () => fail(open.error);
		open.onsuccess = () => {
			const tx = open.result.transaction("queue", "readwrite");
			const store = tx.objectStore("queue");
			store.getAll().onsuccess = e => e.target.result.forEach(it => {
				if (it.status === "waiting") { it.nextAttempt = Date.now() + 3600e3; store.put(it); }
			});
			tx.oncomplete = () => { open.result.close(); ok(true); };
			tx.onerror = () => fail(tx.error);
		};
	})`)
}

func (tb *tablet) queue() []queued {
	tb.t.Helper()
	return js[[]queued](tb, `ConsultaQueue.all()`)
}

// answer takes one participant from the welcome screen through the survey by tapping, giving
// a group, a gender and an age band and skipping the rest, and sends it.
func (tb *tablet) answer(group, gender string) {
	tb.t.Helper()
	sid := tb.k.session
	tb.onPage("/kiosk/"+sid, "#kiosk-welcome")
	tb.tap(`#kiosk-welcome a.button`)
	tb.onPage("/kiosk/"+sid+"/survey", "fieldset.q.current")
	tb.tapThrough(map[string]string{"group": group, "gender": gender, "age_band": "age_30_59"})
	tb.onPage("/kiosk/"+sid+"/thanks", "#kiosk-thanks")
}

// tapThrough answers the questions on screen with the given choices, taps Next past the rest,
// and taps Send on the last screen.
func (tb *tablet) tapThrough(choices map[string]string) {
	tb.t.Helper()
	for range 80 {
		q := js[string](tb, `document.querySelector("fieldset.q.current").dataset.q`)
		if c, ok := choices[q]; ok {
			tb.tap(fmt.Sprintf(`#q-%s label.choice:has(> input[value=%q])`, q, c))
		}
		if tb.visible(".js-send") {
			tb.tap(".js-send")
			return
		}
		tb.tap(".js-next")
		tb.until("the question after "+q, fmt.Sprintf(`(document.querySelector("fieldset.q.current") || {dataset: {}}).dataset.q !== %q`, q), tabletStep)
	}
	tb.t.Fatal("no Send button after 80 screens")
}

func TestOfflineKioskKeepsEveryResponse(t *testing.T) {
	t.Parallel()
	k := newKioskRig(t)
	tb := newTablet(t, k)
	sid := k.session
	tb.startKiosk()

	kept := js[[]string](tb, `caches.open("consulta-kiosk-`+sid+`").then(c => c.keys()).then(ks => ks.map(r => new URL(r.url).pathname))`)
	for _, want := range []string{"/kiosk/" + sid, "/kiosk/" + sid + "/survey", "/kiosk/" + sid + "/thanks",
		"/kiosk/" + sid + "/stopped", "/kiosk/" + sid + "/exit", "/api/consultations/" + communityID + "/survey"} {
		if !slices.Contains(kept, want) {
			t.Errorf("the session cache lacks %s; it holds %v", want, kept)
		}
	}
	for _, want := range []string{"/css/app.css", "/js/survey.js", "/js/relevant.js", "/js/queue.js", "/js/kiosk.js", "/icons/face-5.svg"} {
		if !slices.ContainsFunc(kept, func(p string) bool { return strings.HasPrefix(p, "/static/") && strings.HasSuffix(p, want) }) {
			t.Errorf("the session cache lacks the static file %s", want)
		}
	}

	// The connection goes; three people answer.
	tb.network(false)
	tb.answer("displaced", "female")
	tb.nextPerson()
	if n := len(tb.queue()); n != 1 {
		t.Fatalf("after the first response the queue holds %d, want 1", n)
	}
	tb.answer("host", "male")
	tb.nextPerson()

	// The third starts, the page is reloaded halfway, and the survey starts blank and still works.
	tb.tap(`#kiosk-welcome a.button`)
	tb.onPage("/kiosk/"+sid+"/survey", "fieldset.q.current")
	tb.tap(".js-next")
	tb.tap(`#q-group label.choice:has(> input[value="refugee"])`)
	tb.do("reload offline", chromedp.Reload())
	tb.onPage("/kiosk/"+sid+"/survey", "fieldset.q.current")
	if q, n := js[string](tb, `document.querySelector("fieldset.q.current").dataset.q`),
		js[int](tb, `document.querySelectorAll("#survey-form input:checked").length`); n != 0 || q == "group" {
		t.Errorf("after the reload the survey shows %s with %d answers checked, want a blank start", q, n)
	}
	tb.tapThrough(map[string]string{"group": "refugee", "gender": "female", "age_band": "age_30_59"})
	tb.onPage("/kiosk/"+sid+"/thanks", "#kiosk-thanks")
	tb.nextPerson()

	items := tb.queue()
	if len(items) != 3 {
		t.Fatalf("the queue holds %d responses offline, want 3", len(items))
	}
	var ids []string
	tried := false
	for _, it := range items {
		ids = append(ids, it.ID)
		tried = tried || (it.Attempts > 0 && it.NextAttempt > it.QueuedAt)
		if it.Status != "waiting" || it.URL != "/api/consultations/"+communityID+"/responses" || !strings.Contains(it.Body, `"session":"`+sid+`"`) {
			t.Errorf("queued %+v, want a waiting response of the session for the responses endpoint", it)
		}
		if it.Key == "" {
			t.Errorf("queued %s without the kiosk's key", it.ID)
		}
	}
	slices.Sort(ids)
	if len(slices.Compact(slices.Clone(ids))) != 3 {
		t.Errorf("the three responses share ids: %v", ids)
	}
	if !tried {
		t.Error("no queued response was tried and put off while offline")
	}
	if got := k.line.posted(); len(got) != 0 {
		t.Fatalf("responses reached the server while the tablet was offline: %v", got)
	}
	if n := len(k.storedInSession()); n != 0 {
		t.Fatalf("%d responses stored while offline", n)
	}

	// Offline, the exit page cannot check a PIN: the tablet stays locked, says so, and shows how
	// many responses wait, and nothing more.
	if js[bool](tb, `!!document.getElementById("queue-panel")`) {
		t.Error("the welcome screen carries the queue panel")
	}
	tb.tap(".facilitator-exit a")
	tb.onPage("/kiosk/"+sid+"/exit", "#kiosk-exit")
	lang := js[string](tb, `document.documentElement.lang`)
	if js[bool](tb, `document.documentElement.outerHTML.includes("pin-check") || /[0-9a-f]{64}/.test(document.documentElement.outerHTML)`) {
		t.Error("the exit page carries a check of the PIN")
	}
	tb.typeIn(`#kiosk-exit input[name="pin"]`, rigPIN)
	tb.tap(`#kiosk-exit button[type="submit"]`)
	tb.until("the queue panel", `!document.getElementById("queue-panel").hidden`, tabletStep)
	if got, want := tb.text("#queue-panel .js-count"), web.T(lang, "offline.waiting", 3); got != want {
		t.Errorf("the panel says %q, want %q", got, want)
	}
	if !tb.visible("#queue-panel .js-locked") || !tb.visible("#queue-panel .js-offline") || tb.text("#queue-panel .js-locked") != web.T(lang, "security.exit_offline") {
		t.Error("the offline panel does not say the tablet stays locked until the server is reached, or that it is offline")
	}
	if tb.visible("#queue-panel .js-kept") {
		t.Error("the locked exit page lists the responses kept aside")
	}
	if js[string](tb, `location.pathname`) != "/kiosk/"+sid+"/exit" {
		t.Error("the tablet left the exit page offline")
	}

	// Meanwhile the consultation closes: the queued responses still arrive, as they carry the
	// kiosk's key (TestClosedConsultationTakesOnlyItsKiosks refuses them without it).
	if err := k.st.SetStatus(context.Background(), communityID, store.StatusClosed); err != nil {
		t.Fatal(err)
	}
	if got, want := tb.text("#queue-panel .js-last"), web.T(lang, "offline.last_sync", web.T(lang, "offline.never")); got != want {
		t.Errorf("last sync reads %q, want %q", got, want)
	}

	// The connection returns after a long time, with the next tries an hour away: everything
	// arrives at once, by itself, exactly once, and the queue empties.
	tb.postpone()
	tb.network(true)
	deadline := time.Now().Add(tabletStep)
	for len(k.storedInSession()) < 3 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	tb.until("the queue to empty", `ConsultaQueue.all().then(a => a.length === 0)`, tabletStep)
	stored := k.storedInSession()
	if !slices.Equal(stored, ids) {
		t.Errorf("stored %v, want the queued %v", stored, ids)
	}
	posts := k.line.posted()
	slices.Sort(posts)
	if !slices.Equal(posts, ids) {
		t.Errorf("the server got %v, want each queued response once: %v", posts, ids)
	}
	groups := map[string]int{}
	for _, id := range stored {
		r, _, err := k.st.StoredResponse(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		groups[r.Profile.Group+"/"+r.Profile.Gender]++
		if r.Channel != store.Kiosk || r.SurveyVersion != k.community().Version {
			t.Errorf("stored %+v, want kiosk with the current version", r)
		}
	}
	if want := map[string]int{"displaced/female": 1, "host/male": 1, "refugee/female": 1}; !maps.Equal(groups, want) {
		t.Errorf("stored profiles %v, want %v", groups, want)
	}
	tb.until("the panel to say all is sent", fmt.Sprintf(`document.querySelector("#queue-panel .js-count").textContent === %q`,
		web.T(lang, "offline.all_sent")), tabletStep)
	if strings.Contains(tb.text("#queue-panel .js-last"), web.T(lang, "offline.never")) {
		t.Error("the last sync still reads never")
	}

	// Back online, the panel that asks for the PIN again shows the field to type it in.
	js[bool](tb, `(window.dispatchEvent(new Event("online")), true)`)
	if !tb.visible(`#kiosk-exit input[name="pin"]`) {
		t.Error("back online, the panel asks for the PIN again but shows no field")
	}

	// Online the PIN goes to the server, which unlocks the tablet; the password opens the session page.
	tb.open("/kiosk/" + sid + "/exit")
	tb.onPage("/kiosk/"+sid+"/exit", "#kiosk-exit")
	tb.leaveKiosk()
	tb.onPage("/sessions/"+sid, "#queue-panel")
	tb.until("the session page's panel", `!document.getElementById("queue-panel").hidden`, tabletStep)
	if got, want := tb.text("#queue-panel .js-count"), web.T(lang, "offline.all_sent"); got != want {
		t.Errorf("the session page's panel says %q, want %q", got, want)
	}
}

// The server fails twice, then stores; later it stores a response but its answer is lost.
// Each response is stored once, and the queue gives up on neither.
func TestOfflineSyncRetriesUntilStored(t *testing.T) {
	t.Parallel()
	k := newKioskRig(t)
	tb := newTablet(t, k)
	tb.startKiosk()

	k.line.fail("500", "500")
	start := time.Now()
	tb.answer("migrant", "other")
	tb.until("the response to be stored", `ConsultaQueue.all().then(a => a.length === 0)`, 60*time.Second)
	posts := k.line.posted()
	if len(posts) != 3 || posts[0] != posts[1] || posts[1] != posts[2] {
		t.Fatalf("the server got %v, want the same response three times", posts)
	}
	if waited := time.Since(start); waited < 6*time.Second {
		t.Errorf("three tries took %s: the backoff (2 s, then 4 s) was not kept", waited)
	}
	if got := k.storedInSession(); !slices.Equal(got, posts[:1]) {
		t.Errorf("stored %v, want %v once", got, posts[:1])
	}

	k.line.fail("lost")
	tb.nextPerson()
	tb.answer("returnee", "female")
	tb.until("the replayed response to leave the queue", `ConsultaQueue.all().then(a => a.length === 0)`, 60*time.Second)
	posts = k.line.posted()[3:]
	if len(posts) != 2 || posts[0] != posts[1] {
		t.Fatalf("after the lost answer the server got %v, want the same response twice", posts)
	}
	stored := k.storedInSession()
	if len(stored) != 2 || !slices.Contains(stored, posts[0]) {
		t.Errorf("stored %v, want two responses, %s once", stored, posts[0])
	}
}

// A response the server refuses (422, 409) is kept aside with the server's reason, never sent
// again by itself, and shown only behind the PIN.
func TestOfflineRefusedResponseIsKeptAside(t *testing.T) {
	t.Parallel()
	k := newKioskRig(t)
	tb := newTablet(t, k)
	tb.startKiosk()
	sid, version := k.session, k.community().Version
	post := "/api/consultations/" + communityID + "/responses"

	invalid := apiAnswers()
	invalid["household_size"] = 9999
	bad := submission{ID: "be11e000-0000-4000-8000-000000000422", SurveyVersion: version, Language: "es", Session: sid, Answers: invalid}
	// What the server says about these answers, asked directly with another id.
	probe := bad
	probe.ID = "be11e000-0000-4000-8000-0000000004ff"
	r := k.postJSON(post, probe)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("the invalid answers = %d, want 422", r.status)
	}
	var reasons []string
	for _, e := range decodeErrors(t, r).Errors {
		reasons = append(reasons, e.Question+": "+e.Message)
	}
	reason := strings.Join(reasons, "; ")

	// Another response with this id is stored already, so the tablet's differs: 409.
	dup := submission{ID: "be11e000-0000-4000-8000-000000000409", SurveyVersion: version, Language: "es", Session: sid, Answers: apiAnswers()}
	if r := k.postJSON(post, dup); r.status != http.StatusCreated {
		t.Fatalf("the first copy = %d %s", r.status, r.body)
	}
	changed := apiAnswers()
	changed["safety_day"] = 1
	dup.Answers = changed

	for _, s := range []submission{bad, dup} {
		b, _ := json.Marshal(s)
		js[bool](tb, fmt.Sprintf(`ConsultaQueue.put(%q, %q).then(() => true)`, post, string(b)))
	}
	js[bool](tb, `ConsultaQueue.sync(true).then(() => true)`)
	tb.until("both kept aside", `ConsultaQueue.all().then(a => a.length === 2 && a.every(i => i.status === "kept"))`, tabletStep)
	byID := map[string]queued{}
	for _, it := range tb.queue() {
		byID[it.ID] = it
	}
	if it := byID[bad.ID]; it.HTTP != http.StatusUnprocessableEntity || it.Reason != reason {
		t.Errorf("the invalid response is kept with %d %q, want 422 %q", it.HTTP, it.Reason, reason)
	}
	if it := byID[dup.ID]; it.HTTP != http.StatusConflict || it.Reason != web.T("es", "error.conflict") {
		t.Errorf("the conflicting response is kept with %d %q, want 409 %q", it.HTTP, it.Reason, web.T("es", "error.conflict"))
	}

	// Neither goes again: not on "sync now", not when the connection returns, not on a new page.
	js[bool](tb, `ConsultaQueue.sync(true).then(() => true)`)
	js[bool](tb, `(window.dispatchEvent(new Event("online")), true)`)
	tb.open("/kiosk/" + sid)
	tb.onPage("/kiosk/"+sid, "#kiosk-welcome")
	time.Sleep(3 * time.Second)
	if posts := k.line.posted(); len(posts) != 2 {
		t.Errorf("the server got %v, want each refused response once", posts)
	}

	// One more waits, its next try far away, for the facilitator to send now.
	waiting := submission{ID: "be11e000-0000-4000-8000-000000000201", SurveyVersion: version, Language: "es", Session: sid, Answers: apiAnswers()}
	b, _ := json.Marshal(waiting)
	js[bool](tb, fmt.Sprintf(`ConsultaQueue.put(%q, %q).then(() => true)`, post, string(b)))
	tb.postpone()

	// Behind the PIN the facilitator reads why.
	tb.tap(".facilitator-exit a")
	tb.onPage("/kiosk/"+sid+"/exit", "#kiosk-exit")
	if tb.visible("#queue-panel") {
		t.Error("the exit page shows the queue before the PIN")
	}
	tb.leaveKiosk()
	tb.onPage("/sessions/"+sid, "#queue-panel")
	tb.until("the kept responses listed", `document.querySelectorAll("#queue-panel .js-kept li").length === 2 &&
		!document.getElementById("queue-panel").hidden`, tabletStep)
	items := js[string](tb, `document.querySelector("#queue-panel .js-kept").textContent`)
	for _, want := range []string{reason, web.T("es", "error.conflict"), "422", "409"} {
		if !strings.Contains(items, want) {
			t.Errorf("the kept responses read %q, missing %q", clipJS(items), want)
		}
	}
	lang := js[string](tb, `document.documentElement.lang`)
	if got, want := tb.text("#queue-panel .js-count"), web.T(lang, "offline.waiting", 1); got != want {
		t.Errorf("the panel says %q, want %q", got, want)
	}
	tb.tap("#queue-panel .js-sync-now")
	tb.until("the waiting response sent", fmt.Sprintf(`document.querySelector("#queue-panel .js-count").textContent === %q`,
		web.T(lang, "offline.all_sent")), tabletStep)
	if got := k.storedInSession(); !slices.Contains(got, waiting.ID) {
		t.Errorf("sync now did not store %s: %v", waiting.ID, got)
	}
	if posts := k.line.posted(); len(posts) != 3 || posts[2] != waiting.ID {
		t.Errorf("the server got %v, want each refused response once, then %s", posts, waiting.ID)
	}
	if n := js[int](tb, `document.querySelectorAll("#queue-panel .js-kept li").length`); n != 2 {
		t.Errorf("after sync now %d responses are listed as kept aside, want 2", n)
	}
}

// openChromium starts Chromium on a profile folder that outlives it, as a tablet's browser keeps
// its data when it is closed; close shuts it down gracefully so everything reaches the disk.
func openChromium(t *testing.T, k *kioskRig, profile string) (tb *tablet, close func()) {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		path = "/usr/bin/chromium"
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(path),
		chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(600, 960))
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	closed := false
	close = func() {
		if closed {
			return
		}
		closed = true
		tctx, tcancel := context.WithTimeout(ctx, 15*time.Second)
		defer tcancel()
		chromedp.Cancel(tctx)
		cancel()
		cancelAlloc()
	}
	t.Cleanup(close)
	return &tablet{t: t, k: k, ctx: ctx}, close
}

// The tablet's browser is closed offline and opened again, still offline: the survey is there,
// and what was queued before and after reaches the server once the connection returns.
func TestOfflineSurveyAfterTheBrowserIsClosed(t *testing.T) {
	t.Parallel()
	k := newKioskRig(t)
	sid := k.session
	profile := t.TempDir()

	tb, closeBrowser := openChromium(t, k, profile)
	tb.startKiosk()
	tb.network(false)
	tb.answer("displaced", "male")
	closeBrowser()

	tb, _ = openChromium(t, k, profile)
	tb.network(false)
	tb.open("/kiosk/" + sid)
	tb.onPage("/kiosk/"+sid, "#kiosk-welcome")
	tb.answer("host", "female")
	tb.nextPerson()
	if n := len(tb.queue()); n != 2 {
		t.Fatalf("after the restart the queue holds %d responses, want 2", n)
	}
	if got := k.line.posted(); len(got) != 0 {
		t.Fatalf("responses reached the server while the tablet was offline: %v", got)
	}

	tb.network(true)
	tb.until("the queue to empty", `ConsultaQueue.all().then(a => a.length === 0)`, tabletStep)
	if got := k.storedInSession(); len(got) != 2 {
		t.Errorf("stored %v, want the two responses", got)
	}
	if got := k.line.posted(); len(got) != 2 || got[0] == got[1] {
		t.Errorf("the server got %v, want two responses once each", got)
	}
}
