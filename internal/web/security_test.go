package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"consulta/internal/store"
	"consulta/internal/web"
)

// secKioskKey reads the kiosk's secret from the data island of its survey page.
func secKioskKey(t *testing.T, page string) string {
	t.Helper()
	m := ktIslandPattern.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the kiosk survey has no data island")
	}
	var is struct {
		Kiosk *struct {
			Key string `json:"key"`
		} `json:"kiosk"`
	}
	if err := json.Unmarshal([]byte(m[1]), &is); err != nil || is.Kiosk == nil || is.Kiosk.Key == "" {
		t.Fatalf("the kiosk survey's island has no key (%v)", err)
	}
	return is.Kiosk.Key
}

// secStartKiosk signs account in on a new browser and locks it into session's kiosk.
func secStartKiosk(t *testing.T, w *twoTowns, account, session string) *ttClient {
	t.Helper()
	tablet := w.signedIn("tablet of "+account, account)
	if r := w.send(tablet, "/sessions/"+session+"/kiosk", url.Values{"pin": {ttPIN}}); r.status != http.StatusSeeOther {
		t.Fatalf("start kiosk as %s = %d", account, r.status)
	}
	return tablet
}

// secShare is another machine (address from) with the tablet's cookies, as an attacker who copied them.
func secShare(t *testing.T, w *twoTowns, tablet *ttClient, from string) *ttClient {
	t.Helper()
	c := w.client("copy from "+from, from)
	u, _ := url.Parse(w.url)
	jar, _ := cookiejar.New(nil)
	jar.SetCookies(u, tablet.http.Jar.Cookies(u))
	c.http.Jar = jar
	return c
}

// Item 2: nothing derived from the PIN reaches the tablet, so it cannot be searched offline; on the
// server, guesses are counted per kiosk session from any address, and the right PIN leads to the
// sign-in page, never to a staff page.
func TestKioskPinStaysOnTheServer(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	tablet := secStartKiosk(t, w, ttFacA, ttSesA)
	kiosk := "/kiosk/" + ttSesA
	oldCheck := sha256.Sum256([]byte("consulta-kiosk:" + ttSesA + ":" + ttPIN))
	anyHash := regexp.MustCompile(`[0-9a-fA-F]{64}`)
	for _, path := range []string{kiosk, kiosk + "/survey", kiosk + "/exit", kiosk + "/thanks"} {
		page := w.open(tablet, path).body
		if strings.Contains(page, hex.EncodeToString(oldCheck[:])) || strings.Contains(page, "data-pin-check") {
			t.Errorf("%s carries a check of the PIN", path)
		}
		if m := anyHash.FindString(page); m != "" {
			t.Errorf("%s carries a 256-bit hex value %s", path, m)
		}
	}

	// Guesses from three addresses sharing the tablet's cookie, one every ten seconds for an hour.
	guessers := []*ttClient{tablet, secShare(t, w, tablet, "127.0.0.2"), secShare(t, w, tablet, "127.0.0.3")}
	checked, refused := 0, 0
	var checkTime time.Duration
	for i := range 360 {
		start := time.Now()
		r := w.send(guessers[i%3], kiosk+"/exit", url.Values{"pin": {fmt.Sprintf("%04d", 9999-i)}})
		switch r.status {
		case http.StatusUnauthorized:
			checked++
			checkTime += time.Since(start)
		case http.StatusTooManyRequests:
			refused++
		default:
			t.Fatalf("guess %d = %d", i, r.status)
		}
		w.clock.Advance(10 * time.Second)
	}
	if checked > 40 {
		t.Errorf("%d PIN guesses were checked in an hour, want at most 40 (10 per 15 minutes)", checked)
	}
	perHour := float64(checked)
	t.Logf("measured: %d PIN guesses checked in one hour of guessing from 3 addresses (%d refused), %.0f ms per checked guess on the server;"+
		" a full search of 4 digits takes %.1f days, of 6 digits %.1f years, of 8 digits %.0f years; offline: no PIN-derived value leaves the server",
		checked, refused, float64(checkTime.Milliseconds())/float64(checked),
		1e4/perHour/24, 1e6/perHour/24/365, 1e8/perHour/24/365)

	// The right PIN waits while the session is locked out, then leads to the sign-in page.
	for i := 0; ; i++ {
		r := w.send(guessers[1], kiosk+"/exit", url.Values{"pin": {fmt.Sprintf("%05d", i)}})
		if r.status == http.StatusTooManyRequests {
			break
		}
		if i > 10 {
			t.Fatalf("eleven more wrong PINs were all checked")
		}
	}
	if r := w.send(tablet, kiosk+"/exit", url.Values{"pin": {ttPIN}}); r.status != http.StatusTooManyRequests {
		t.Errorf("the right PIN during the lock-out = %d, want 429", r.status)
	}
	w.clock.Advance(15 * time.Minute)
	r := w.send(tablet, kiosk+"/exit", url.Values{"pin": {ttPIN}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/signin?") {
		t.Fatalf("the right PIN = %d to %q, want 303 to the sign-in page", r.status, r.header.Get("Location"))
	}
	for _, path := range []string{"/sessions/" + ttSesA, "/consultations/" + ttConsA, "/consultations/" + ttConsA + "/texts"} {
		if r := w.open(tablet, path); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/signin") {
			t.Errorf("after the PIN, GET %s = %d to %q, want the sign-in page", path, r.status, r.header.Get("Location"))
		}
	}
}

// Item 3: after closing, a session's responses are taken only with the key of a kiosk of that
// session, and only within the grace period, which the consultation page states.
func TestClosedConsultationTakesOnlyItsKiosks(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	ctx := context.Background()
	sv := w.community()
	tablet := secStartKiosk(t, w, ttFacA, ttSesA)
	key := secKioskKey(t, w.open(tablet, "/kiosk/"+ttSesA+"/survey").body)
	keyB := secKioskKey(t, w.open(secStartKiosk(t, w, ttFacB, ttSesB), "/kiosk/"+ttSesB+"/survey").body)
	var stored int
	if err := w.ro.QueryRow(`SELECT count(*) FROM kiosk_keys WHERE session_id = ?`, ttSesA).Scan(&stored); err != nil || stored != 1 {
		t.Fatalf("kiosk keys of session A in the database: %d (%v), want 1", stored, err)
	}
	var plain int
	w.ro.QueryRow(`SELECT count(*) FROM kiosk_keys WHERE hash = ?`, key).Scan(&plain)
	if plain != 0 {
		t.Error("the database keeps the kiosk key itself, not its hash")
	}
	if err := w.st.SetStatus(ctx, ttConsA, store.StatusClosed); err != nil {
		t.Fatal(err)
	}

	outsider := w.client("outsider", "127.0.0.9")
	post := func(session, key string) *reply {
		t.Helper()
		body, _ := json.Marshal(submission{ID: ttUUID(), SurveyVersion: sv.Version, Language: "es", Session: session, Answers: apiAnswers()})
		h := []string{"Content-Type", "application/json"}
		if key != "" {
			h = append(h, "X-Kiosk-Key", key)
		}
		return w.call(outsider, http.MethodPost, "/api/consultations/"+ttConsA+"/responses", strings.NewReader(string(body)), h...)
	}
	for _, tc := range []struct{ name, session, key, message string }{
		{"no session", "", "", web.T("es", "error.closed")},
		{"the session id alone", ttSesA, "", web.T("es", "security.kiosk_key")},
		{"a made-up key", ttSesA, "not-a-key", web.T("es", "security.kiosk_key")},
		{"the key of another session's kiosk", ttSesA, keyB, web.T("es", "security.kiosk_key")},
		{"a key with another consultation's session", ttSesB, key, web.T("es", "error.closed")},
	} {
		r := post(tc.session, tc.key)
		want := http.StatusConflict
		if r.status != want || decodeErrors(t, r).Error != tc.message {
			t.Errorf("%s: %d %s, want %d %q", tc.name, r.status, r.body, want, tc.message)
		}
	}
	// The tablet's queue sends the key: accepted, whichever address it comes from.
	if r := post(ttSesA, key); r.status != http.StatusCreated {
		t.Fatalf("with the kiosk's key = %d %s, want 201", r.status, r.body)
	}
	// The tablet without JavaScript: its cookie carries the key.
	page := w.open(tablet, "/kiosk/"+ttSesA+"/survey")
	f := ttSurveyForm(sv, walks[0].answers, "")
	f.Set("_id", hidden(t, page.body, "_id"))
	if r := w.send(tablet, "/kiosk/"+ttSesA+"/survey", f); r.status != http.StatusSeeOther {
		t.Fatalf("the locked tablet's form after closing = %d: %s", r.status, errorSummary(r.text()))
	}
	// Staff typing in paper questionnaires are signed in: no kiosk key needed, within the grace period.
	staff := w.signedIn("paper", ttFacA)
	paper := w.open(staff, "/sessions/"+ttSesA+"/paper")
	pf := ttSurveyForm(sv, walks[1].answers, "")
	pf.Set("_id", hidden(t, paper.body, "_id"))
	if r := w.send(staff, "/sessions/"+ttSesA+"/paper", pf); r.status != http.StatusSeeOther {
		t.Fatalf("paper entry after closing = %d: %s", r.status, errorSummary(r.text()))
	}
	if n, _ := w.st.CountResponses(ctx, ttConsA); n != 3 {
		t.Errorf("responses stored after closing = %d, want 3", n)
	}

	// The consultation page says until when.
	planner := w.signedIn("planner", ttPlannerA)
	c, err := w.st.Consultation(ctx, ttConsA)
	if err != nil || c.ClosedAt.IsZero() {
		t.Fatalf("closed consultation %+v (%v) has no closing time", c, err)
	}
	until := c.ClosedAt.Add(web.DefaultKioskGrace).Format("2006-01-02 15:04 MST")
	if p := w.open(planner, "/consultations/"+ttConsA).text(); !strings.Contains(p, web.T("es", "security.grace_closed", until, 14)) {
		t.Errorf("the closed consultation's page does not say %q", web.T("es", "security.grace_closed", until, 14))
	}
	if p := w.open(w.signedIn("planner B", ttPlannerB), "/consultations/"+ttConsB).text(); !strings.Contains(p, web.T("es", "security.grace_open", 14)) {
		t.Errorf("the open consultation's page does not say %q", web.T("es", "security.grace_open", 14))
	}

	// Fourteen days later, not even the kiosk's key is enough.
	w.clock.Advance(web.DefaultKioskGrace + time.Minute)
	if r := post(ttSesA, key); r.status != http.StatusConflict || decodeErrors(t, r).Error != web.T("es", "security.grace_over", 14) {
		t.Errorf("after the grace period = %d %s, want 409 %q", r.status, r.body, web.T("es", "security.grace_over", 14))
	}
	planner = w.signedIn("planner", ttPlannerA) // the earlier sign-in expired meanwhile
	if p := w.open(planner, "/consultations/"+ttConsA).text(); !strings.Contains(p, web.T("es", "security.grace_ended", until)) {
		t.Errorf("the page does not say the grace period ended")
	}
	if n, _ := w.st.CountResponses(ctx, ttConsA); n != 3 {
		t.Errorf("responses stored = %d, want 3", n)
	}
}

// Item 5: after sign-in, only a clean local path is followed.
func TestSigninNextStaysLocal(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	for i, tc := range []struct{ next, want string }{
		{"/\t/evil.example/pwn", "/consultations"},
		{"/\n/evil.example", "/consultations"},
		{"//evil.example", "/consultations"},
		{"/\\evil.example", "/consultations"},
		{"\\/evil.example", "/consultations"},
		{"https://evil.example/", "/consultations"},
		{"javascript:alert(1)", "/consultations"},
		{" /consultations", "/consultations"},
		{"/%2F/evil.example", "/consultations"},
		{"/consultations/" + ttConsA + "/results?only=group:displaced", "/consultations/" + ttConsA + "/results?only=group:displaced"},
	} {
		c := w.client("browser", "127.0.0."+strconv.Itoa(10+i))
		if p := w.open(c, "/signin?next="+url.QueryEscape(tc.next)); tc.want == "/consultations" && strings.Contains(p.body, `name="next" value="/`) {
			t.Errorf("next=%q: the sign-in page keeps it", tc.next)
		}
		r := w.send(c, "/signin", url.Values{"name": {ttPlannerA}, "password": {ttPassword(ttPlannerA)}, "next": {tc.next}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != tc.want {
			t.Errorf("next=%q: %d to %q, want 303 to %q", tc.next, r.status, r.header.Get("Location"), tc.want)
		}
	}
}

// Item 6: the public link and its QR code come from --public-url; without it, from the address
// the page was opened with, and the page says so.
func TestPublicLink(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	open := func(c *ttClient, base, path, host string) *reply {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		req.Host = host
		u, _ := url.Parse(base)
		for _, ck := range c.http.Jar.Cookies(u) {
			req.AddCookie(ck)
		}
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b strings.Builder
		if _, err := fmt.Fprint(&b, readAll(t, res)); err != nil {
			t.Fatal(err)
		}
		return &reply{status: res.StatusCode, header: res.Header, body: b.String()}
	}
	planner := w.signedIn("planner", ttPlannerA)
	page := open(planner, w.url, "/consultations/"+ttConsA, "evil.example")
	if !strings.Contains(page.text(), "http://evil.example/c/"+ttConsA) || !strings.Contains(page.text(), web.T("es", "security.link_from_request")) {
		t.Errorf("without --public-url the page shows the link without saying where it comes from")
	}

	base := w.serve(func(cfg *web.Config) { cfg.PublicURL = "https://consulta.example.org/" })
	w.url = base
	planner = w.signedIn("planner", ttPlannerA)
	want := "https://consulta.example.org/c/" + ttConsA
	for _, path := range []string{"/consultations/" + ttConsA, "/consultations/" + ttConsA + "/poster"} {
		p := open(planner, base, path, "evil.example")
		if !strings.Contains(p.text(), want) || strings.Contains(p.text(), "evil.example") {
			t.Errorf("%s with --public-url shows %q? %v; evil.example? %v", path, want, strings.Contains(p.text(), want), strings.Contains(p.text(), "evil.example"))
		}
		if strings.Contains(p.text(), web.T("es", "security.link_from_request")) {
			t.Errorf("%s with --public-url still says the link comes from the request", path)
		}
	}
	png := open(planner, base, "/consultations/"+ttConsA+"/qr.png", "evil.example")
	if wantPNG, _ := qrcode.Encode(want, qrcode.Medium, 512); png.body != string(wantPNG) {
		t.Errorf("the QR code is not the code of %s", want)
	}
}

// Item 7: the smaller things.
func TestSmallerHardening(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	ctx := context.Background()
	sv := w.community()
	anon := w.client("anon", "")

	t.Run("a draft's survey is 404 in the API as on its page", func(t *testing.T) {
		if err := w.st.CreateConsultation(ctx, &store.Consultation{ID: "borrador", MunicipalityID: w.muniA,
			SurveyID: "community-consultation", Title: "Borrador", Status: store.StatusDraft}); err != nil {
			t.Fatal(err)
		}
		if r := w.open(anon, "/c/borrador"); r.status != http.StatusNotFound {
			t.Errorf("draft page = %d", r.status)
		}
		if r := w.open(anon, "/api/consultations/borrador/survey"); r.status != http.StatusNotFound || decodeErrors(t, r).Error == "" {
			t.Errorf("draft survey JSON = %d %s, want 404 with an error", r.status, ttClip(r.body, 200))
		}
	})

	t.Run("HSTS with --secure-cookies", func(t *testing.T) {
		if h := w.open(anon, "/").header.Get("Strict-Transport-Security"); h != "" {
			t.Errorf("HSTS without --secure-cookies: %q", h)
		}
		base := w.serve(func(cfg *web.Config) { cfg.SecureCookies = true })
		res, err := http.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if h := res.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(h, "max-age=") {
			t.Errorf("HSTS with --secure-cookies: %q", h)
		}
	})

	t.Run("HEAD, 405 with Allow, JSON for the API", func(t *testing.T) {
		if r := w.call(anon, http.MethodHead, "/api/consultations/"+ttConsA+"/survey", nil); r.status != http.StatusOK || r.body != "" {
			t.Errorf("HEAD survey JSON = %d (%d bytes)", r.status, len(r.body))
		}
		r := w.call(anon, http.MethodDelete, "/api/consultations/"+ttConsA+"/survey", nil)
		if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != "GET, HEAD" ||
			!strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || decodeErrors(t, r).Error != web.T("es", "error.method") {
			t.Errorf("DELETE survey JSON = %d, Allow %q, %q: %s", r.status, r.header.Get("Allow"), r.header.Get("Content-Type"), ttClip(r.body, 200))
		}
		r = w.call(anon, http.MethodPut, "/signin", nil)
		if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != "GET, POST" || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			t.Errorf("PUT /signin = %d, Allow %q, %q", r.status, r.header.Get("Allow"), r.header.Get("Content-Type"))
		}
	})

	t.Run("a huge integer is told the question's range", func(t *testing.T) {
		ans := apiAnswers()
		ans["household_size"] = 1e12
		r := w.sendJSON(anon, "/api/consultations/"+ttConsA+"/responses", submission{ID: ttUUID(), SurveyVersion: sv.Version, Language: "es", Answers: ans})
		e := decodeErrors(t, r)
		if r.status != http.StatusUnprocessableEntity || len(e.Errors) != 1 || e.Errors[0].Question != "household_size" ||
			e.Errors[0].Message != sv.Question("household_size").Label.In("es")+": el número no puede ser mayor que 30" &&
				!strings.Contains(e.Errors[0].Message, "el número no puede ser mayor que 30") {
			t.Errorf("10^12 = %d %s, want 422 saying at most 30", r.status, r.body)
		}
		f := ttSurveyForm(sv, walks[0].answers, "")
		f.Set("household_size", "1000000000000")
		page := w.send(anon, "/c/"+ttConsA, f)
		if page.status != http.StatusUnprocessableEntity || !strings.Contains(page.text(), "el número no puede ser mayor que 30") {
			t.Errorf("10^12 in the form = %d: %s", page.status, errorSummary(page.text()))
		}
	})

	t.Run("a bad escape in a form is said in the user's language", func(t *testing.T) {
		r := w.call(anon, http.MethodPost, "/c/"+ttConsA, strings.NewReader("group=%zz"), "Content-Type", "application/x-www-form-urlencoded",
			"Sec-Fetch-Site", "same-origin", "Origin", w.url, "Accept-Language", "pt-BR")
		if r.status != http.StatusBadRequest || !strings.Contains(r.text(), web.T("pt", "security.form_unreadable")) || strings.Contains(r.body, "invalid URL escape") {
			t.Errorf("%%zz = %d: %s", r.status, ttFlash(r))
		}
	})

	t.Run("thousands of unknown ids get a short list and a count", func(t *testing.T) {
		ans := apiAnswers()
		for i := range 3000 {
			ans["q"+strconv.Itoa(i)] = 1
		}
		r := w.sendJSON(anon, "/api/consultations/"+ttConsA+"/responses", submission{ID: ttUUID(), SurveyVersion: sv.Version, Language: "es", Answers: ans})
		e := decodeErrors(t, r)
		if r.status != http.StatusUnprocessableEntity || len(e.Errors) != 51 || e.Errors[50].Message != web.T("es", "security.more_errors", 2950) {
			last := ""
			if len(e.Errors) > 0 {
				last = e.Errors[len(e.Errors)-1].Message
			}
			t.Errorf("3000 unknown ids = %d, %d errors, last %q, %d bytes", r.status, len(e.Errors), last, len(r.body))
		}
		if len(r.body) > 16<<10 {
			t.Errorf("the error list is %d bytes", len(r.body))
		}
	})

	t.Run("a NUL byte in a municipality name is refused", func(t *testing.T) {
		admin := w.signedIn("admin", ttAdmin)
		r := w.send(admin, "/admin/municipalities", url.Values{"name": {"Upala\x00"}, "country": {"Costa Rica"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), web.T("es", "security.control_chars")) {
			t.Errorf("NUL in a name = %d", r.status)
		}
		if ms, _ := w.st.Municipalities(ctx); len(ms) != 2 {
			t.Errorf("%d municipalities, want 2", len(ms))
		}
	})

	t.Run("a text of zero-width characters is no answer", func(t *testing.T) {
		ans := apiAnswers()
		ans["first_priority"] = "\u200b\u200c\u200d\u2060\ufeff \u200b"
		id := ttUUID()
		if r := w.sendJSON(anon, "/api/consultations/"+ttConsA+"/responses", submission{ID: id, SurveyVersion: sv.Version, Language: "es", Answers: ans}); r.status != http.StatusCreated {
			t.Fatalf("= %d %s", r.status, r.body)
		}
		_, rows, err := w.st.StoredResponse(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows["first_priority"] {
			if row.Text != "" {
				t.Errorf("stored text %q", row.Text)
			}
		}
	})

	t.Run("without JavaScript a kiosk page after a 422 returns to the welcome screen", func(t *testing.T) {
		tablet := secStartKiosk(t, w, ttFacA, ttSesA)
		page := w.open(tablet, "/kiosk/"+ttSesA+"/survey")
		f := ttSurveyForm(sv, walks[0].answers, "texto de la persona anterior")
		f.Set("_id", hidden(t, page.body, "_id"))
		f.Set("household_size", "99")
		r := w.send(tablet, "/kiosk/"+ttSesA+"/survey", f)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("= %d", r.status)
		}
		refresh := `<noscript><meta http-equiv="refresh" content="600;url=/kiosk/` + ttSesA + `"></noscript>`
		if !strings.Contains(r.body, refresh) || !strings.Contains(r.text(), web.T("es", "security.noscript_reset", 10)) {
			t.Errorf("the 422 page does not return to the welcome screen by itself without JavaScript")
		}
		if !strings.Contains(r.body, `autocomplete="off"`) {
			t.Errorf("the kiosk form lets the browser remember answers")
		}
	})
}

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}
