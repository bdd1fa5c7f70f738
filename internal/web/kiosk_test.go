package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"consulta/internal/browser"
	"consulta/internal/store"
	"consulta/internal/web"
)

// ktIsland is the part of the survey page's JSON data island the kiosk relies on.
type ktIsland struct {
	Consultation string `json:"consultation"`
	Post         string `json:"post"`
	Thanks       string `json:"thanks"`
	Stopped      string `json:"stopped"`
	Session      string `json:"session"`
	Kiosk        *struct {
		Welcome     string `json:"welcome"`
		IdleSeconds int    `json:"idle_seconds"`
	} `json:"kiosk"`
}

var ktIslandPattern = regexp.MustCompile(`(?s)<script type="application/json" id="survey-data">(.*?)</script>`)

func ktReadIsland(t *testing.T, page string) ktIsland {
	t.Helper()
	m := ktIslandPattern.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the survey page has no data island")
	}
	var is ktIsland
	if err := json.Unmarshal([]byte(m[1]), &is); err != nil {
		t.Fatalf("data island: %v", err)
	}
	return is
}

// ktSmall is how ktCounts reads a count shown as "<5": somewhere from 1 to 4.
const ktSmall = -1

// ktCounts reads the (first) count table of a session page: group label -> the counts by gender
// (female, male, other, not stated) and the row's total.
func ktCounts(t *testing.T, page string) map[string][]int {
	t.Helper()
	table := regexp.MustCompile(`(?s)<table class="data targets">.*?</table>`).FindString(page)
	if table == "" {
		t.Fatal("the session page has no count table")
	}
	out := map[string][]int{}
	for _, row := range regexp.MustCompile(`(?s)<tr><th scope="row">(.*?)</th>(.*?)</tr>`).FindAllStringSubmatch(table, -1) {
		var ns []int
		for _, c := range regexp.MustCompile(`<td[^>]*>\s*(?:<span class="count">)?(&lt;\d+|\d+)`).FindAllStringSubmatch(row[2], -1) {
			n, _ := strconv.Atoi(c[1])
			if strings.HasPrefix(c[1], "&lt;") {
				n = ktSmall
			}
			ns = append(ns, n)
		}
		out[html.UnescapeString(strings.TrimSpace(row[1]))] = ns
	}
	return out
}

// ktTraces lists what of a posted form shows in a page: the text, choices checked, rank places
// selected, numbers filled in.
func ktTraces(page string, form url.Values, secret string) []string {
	var out []string
	if strings.Contains(page, secret) {
		out = append(out, "the text "+secret)
	}
	for q, vs := range form {
		if strings.HasPrefix(q, "_") || q == "first_priority" {
			continue
		}
		for _, v := range vs {
			if m := rankKey.FindStringSubmatch(q); m != nil {
				n, _ := strconv.Atoi(m[2])
				sel := regexp.MustCompile(`(?s)<select name="` + regexp.QuoteMeta(q) + `">.*?</select>`).FindString(page)
				if regexp.MustCompile(`<option value="` + regexp.QuoteMeta(v) + `"[^>]* selected>`).MatchString(sel) {
					out = append(out, fmt.Sprintf("%s place %d = %s", m[1], n, v))
				}
				continue
			}
			if checked(page, q, v) {
				out = append(out, q+" = "+v+" checked")
			}
			if strings.Contains(page, `name="`+q+`" value="`+v+`"`) && !strings.Contains(page, `type="radio" name="`+q+`" value="`+v+`"`) &&
				!strings.Contains(page, `type="checkbox" name="`+q+`" value="`+v+`"`) {
				out = append(out, q+" = "+v+" filled in")
			}
		}
	}
	slices.Sort(out)
	return out
}

// ktWithoutID is a survey page with its response id blanked, to compare two blank pages.
func ktWithoutID(page string) string {
	return regexp.MustCompile(`(<input type="hidden" name="_id" value=")[^"]*(">)`).ReplaceAllString(page, "${1}${2}")
}

func TestKioskLocksAndForgets(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	ctx := context.Background()
	sv := w.community()
	kiosk := "/kiosk/" + ttSesA
	const secret = "mi-respuesta-secreta-123"

	tablet := w.signedIn("tablet", ttFacA)
	r := w.send(tablet, "/sessions/"+ttSesA+"/kiosk", url.Values{"pin": {ttPIN}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != kiosk {
		t.Fatalf("start kiosk = %d to %q, want 303 to %s", r.status, r.header.Get("Location"), kiosk)
	}
	if e := w.auditLog()[0]; e.Action != "kiosk.start" || e.UserName != ttFacA {
		t.Errorf("audit of kiosk start = %+v", e)
	}

	locked := func(when string) {
		t.Helper()
		for _, path := range []string{"/consultations", "/sessions/" + ttSesA, "/sessions/" + ttSesA + "/paper", "/admin/users",
			"/consultations/" + ttConsA, "/", "/c/" + ttConsA, "/signin", "/kiosk/" + ttSesB} {
			if r := w.open(tablet, path); r.status != http.StatusSeeOther || r.header.Get("Location") != kiosk {
				t.Errorf("%s: GET %s = %d to %q, want 303 to %s", when, path, r.status, r.header.Get("Location"), kiosk)
			}
		}
		for _, path := range []string{"/signout", "/sessions/" + ttSesA + "/kiosk", "/consultations/" + ttConsA + "/status"} {
			if r := w.send(tablet, path, url.Values{"pin": {"1111"}, "status": {store.StatusClosed}}); r.status != http.StatusSeeOther || r.header.Get("Location") != kiosk {
				t.Errorf("%s: POST %s = %d to %q, want 303 to %s", when, path, r.status, r.header.Get("Location"), kiosk)
			}
		}
		// Whatever the browser adds, the tablet stays in its kiosk.
		if r := w.open(tablet, "/consultations", "Authorization", "Basic ZmFjaWxpdGF0b3ItYTp4"); r.status != http.StatusSeeOther || r.header.Get("Location") != kiosk {
			t.Errorf("%s: GET /consultations with an Authorization header = %d to %q, want 303 to %s", when, r.status, r.header.Get("Location"), kiosk)
		}
	}
	locked("kiosk started")

	// The participant's survey: blank, tied to the session, with the idle time of the consultation.
	blank := w.open(tablet, kiosk+"/survey")
	if blank.status != http.StatusOK {
		t.Fatalf("kiosk survey = %d", blank.status)
	}
	c, err := w.st.Consultation(ctx, ttConsA)
	if err != nil {
		t.Fatal(err)
	}
	is := ktReadIsland(t, blank.body)
	if is.Kiosk == nil || is.Kiosk.IdleSeconds != c.IdleSeconds || is.Kiosk.Welcome != kiosk || is.Session != ttSesA ||
		is.Thanks != kiosk+"/thanks" || is.Stopped != kiosk+"/stopped" {
		t.Errorf("kiosk data island = %+v (kiosk %+v), want idle %d, welcome %s, session %s", is, is.Kiosk, c.IdleSeconds, kiosk, ttSesA)
	}
	if !strings.Contains(blank.body, `action="`+kiosk+`/survey"`) {
		t.Errorf("the kiosk survey does not post to %s/survey", kiosk)
	}

	// One participant answers everything, with a text no one else may see.
	form := ttSurveyForm(sv, walks[0].answers, secret)
	id := hidden(t, blank.body, "_id")
	form.Set("_id", id)
	r = w.send(tablet, kiosk+"/survey", form)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), kiosk+"/thanks") {
		t.Fatalf("kiosk submit = %d to %q, want 303 to the thank-you screen: %s", r.status, r.header.Get("Location"), errorSummary(r.text()))
	}
	stored, rows, err := w.st.StoredResponse(ctx, id)
	if err != nil {
		t.Fatalf("the kiosk response is not stored: %v", err)
	}
	if stored.Channel != store.Kiosk || stored.SessionID != ttSesA || stored.ConsultationID != ttConsA {
		t.Errorf("stored kiosk response: channel %q, session %q, consultation %q; want kiosk, %s, %s", stored.Channel, stored.SessionID, stored.ConsultationID, ttSesA, ttConsA)
	}
	if got := storedRows(rows)["first_priority"]; !slices.Equal(got, []string{secret}) {
		t.Errorf("stored text = %q, want %q", got, secret)
	}

	// Everything the tablet can reach now shows nothing of that participant.
	pages := []string{r.header.Get("Location"), kiosk, kiosk + "/survey", kiosk + "/thanks",
		kiosk + "/stopped", kiosk + "/exit", "/api/consultations/" + ttConsA + "/survey", "/c/" + ttConsA + "/heard",
		"/api/consultations/" + ttConsA + "/results", "/consultations/" + ttConsA + "/texts"}
	for _, path := range pages {
		r := w.open(tablet, path)
		if traces := ktTraces(r.body, form, secret); len(traces) > 0 {
			t.Errorf("GET %s (%d) shows the previous participant's answers: %s", path, r.status, strings.Join(traces, "; "))
		}
		if r.status == http.StatusOK && !strings.Contains(r.header.Get("Cache-Control"), "no-store") {
			t.Errorf("GET %s: Cache-Control %q, want no-store", path, r.header.Get("Cache-Control"))
		}
	}
	next := w.open(tablet, kiosk+"/survey")
	if hidden(t, next.body, "_id") == id {
		t.Errorf("the next participant's survey reuses the previous response id %s", id)
	}
	if a, b := ktWithoutID(blank.body), ktWithoutID(next.body); a != b {
		t.Errorf("the survey after a participant differs from the blank one before (beyond the response id)")
	}
	if n := strings.Count(next.body, " checked"); n != strings.Count(blank.body, " checked") {
		t.Errorf("the next survey has %d checked inputs, the blank one %d", n, strings.Count(blank.body, " checked"))
	}

	// Leaving kiosk mode needs the PIN.
	if r := w.open(tablet, kiosk+"/exit"); r.status != http.StatusOK || !strings.Contains(r.body, `action="`+kiosk+`/exit"`) {
		t.Fatalf("exit page = %d", r.status)
	}
	for _, pin := range []string{"0000", "", "24680", "2468 "} {
		r := w.send(tablet, kiosk+"/exit", url.Values{"pin": {pin}})
		if r.status != http.StatusUnauthorized || ttFlash(r) != web.T("es", "kiosk.pin_wrong") {
			t.Errorf("exit with PIN %q = %d %q, want 401 %q", pin, r.status, ttFlash(r), web.T("es", "kiosk.pin_wrong"))
		}
	}
	locked("after wrong PINs")
	r = w.send(tablet, kiosk+"/exit", url.Values{"pin": {ttPIN}})
	toSigninPage := "/signin?kiosk=left&next=" + url.QueryEscape("/sessions/"+ttSesA)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != toSigninPage {
		t.Fatalf("exit with the PIN = %d to %q, want 303 to %s", r.status, r.header.Get("Location"), toSigninPage)
	}
	if e := w.auditLog()[0]; e.Action != "kiosk.exit" || e.UserName != ttFacA {
		t.Errorf("audit of kiosk exit = %+v", e)
	}
	// The PIN unlocks the tablet, not the staff pages: they need the password.
	if r := w.open(tablet, "/sessions/"+ttSesA); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/signin") {
		t.Errorf("unlocked, before signing in, GET the session = %d to %q, want 303 to /signin", r.status, r.header.Get("Location"))
	}
	if p := w.open(tablet, toSigninPage); !strings.Contains(p.text(), web.T("es", "security.kiosk_exit_signin")) {
		t.Errorf("the sign-in page after the kiosk does not say %q", web.T("es", "security.kiosk_exit_signin"))
	}
	w.signIn(tablet, ttFacA)
	if r := w.open(tablet, "/consultations"); r.status != http.StatusOK {
		t.Errorf("unlocked and signed in, GET /consultations = %d", r.status)
	}
	if r := w.open(tablet, kiosk); r.status != http.StatusForbidden {
		t.Errorf("unlocked, the kiosk welcome = %d, want 403", r.status)
	}

	// Behind the PIN: the session's count by group × gender.
	session := w.open(tablet, "/sessions/"+ttSesA)
	if session.status != http.StatusOK {
		t.Fatalf("session page = %d", session.status)
	}
	// The grid is protected: with one response it shows no count at all, so a facilitator who
	// saw who took the tablet cannot learn their group from a cell of 1, and it says why.
	for group, row := range ktCounts(t, session.body) {
		if len(row) > 0 {
			t.Errorf("session count %s = %v, want no count while there are too few responses", group, row)
		}
	}
	if strings.Contains(session.text(), web.T("es", "staff.targets_caption", 1)) {
		t.Errorf("the session page says the total is 1")
	}
	if !strings.Contains(session.text(), web.T("es", "protect.grid_too_few", 10)) {
		t.Errorf("the session page does not say why its grid is empty")
	}

	// Paper entry: a facilitator types in a paper form; it is stored with the channel "paper".
	paper := w.open(tablet, "/sessions/"+ttSesA+"/paper")
	if paper.status != http.StatusOK || !strings.Contains(paper.body, `action="/sessions/`+ttSesA+`/paper"`) {
		t.Fatalf("paper form = %d", paper.status)
	}
	paperForm := ttSurveyForm(sv, walks[1].answers, "Texto de un formulario en papel")
	paperID := hidden(t, paper.body, "_id")
	paperForm.Set("_id", paperID)
	r = w.send(tablet, "/sessions/"+ttSesA+"/paper", paperForm)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/sessions/"+ttSesA+"/paper?saved=1") {
		t.Fatalf("paper submit = %d to %q: %s", r.status, r.header.Get("Location"), errorSummary(r.text()))
	}
	stored, _, err = w.st.StoredResponse(ctx, paperID)
	if err != nil {
		t.Fatalf("the paper response is not stored: %v", err)
	}
	if stored.Channel != "paper" || stored.SessionID != ttSesA || stored.ConsultationID != ttConsA {
		t.Errorf("stored paper response: channel %q, session %q; want paper, %s", stored.Channel, stored.SessionID, ttSesA)
	}
	saved := w.open(tablet, r.header.Get("Location"))
	if saved.status != http.StatusOK || !strings.Contains(saved.text(), web.T("es", "paper.saved")) {
		t.Errorf("after saving, the paper page = %d and does not say %q", saved.status, web.T("es", "paper.saved"))
	}
	if traces := ktTraces(saved.body, paperForm, "Texto de un formulario en papel"); len(traces) > 0 {
		t.Errorf("the next paper form shows the previous one: %s", strings.Join(traces, "; "))
	}
	if hidden(t, saved.body, "_id") == paperID {
		t.Errorf("the next paper form reuses the response id")
	}
	// Two responses now, one each of host × male and refugee × female: still no count of 1.
	session = w.open(tablet, "/sessions/"+ttSesA)
	for group, row := range ktCounts(t, session.body) {
		if len(row) > 0 {
			t.Errorf("session count %s after paper entry = %v, want no count while there are too few", group, row)
		}
	}
}

func TestKioskForgetsTheLanguage(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	kiosk := "/kiosk/" + ttSesA
	tablet := w.signedIn("tablet", ttFacA)
	if r := w.send(tablet, "/sessions/"+ttSesA+"/kiosk", url.Values{"pin": {ttPIN}}); r.status != http.StatusSeeOther {
		t.Fatalf("start kiosk = %d", r.status)
	}
	if r := w.open(tablet, kiosk); !strings.Contains(r.body, `<html lang="es">`) {
		t.Fatalf("the welcome screen is not in Spanish to start with")
	}
	// A participant switches to Portuguese and answers. In a small place the language someone
	// answered in says who they are (a Brazilian or Haitian family among the displaced).
	page := w.open(tablet, kiosk+"/survey?lang=pt")
	form := ttSurveyForm(w.community(), walks[2].answers, "")
	form.Set("_id", hidden(t, page.body, "_id"))
	form.Set("_lang", "pt")
	r := w.send(tablet, kiosk+"/survey", form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("kiosk submit in Portuguese = %d: %s", r.status, errorSummary(r.text()))
	}
	w.open(tablet, r.header.Get("Location")) // the thank-you screen, in Portuguese
	// The thank-you screen returns to the welcome screen (kiosk.js), where the next person starts.
	for _, path := range []string{kiosk, kiosk + "/survey"} {
		if r := w.open(tablet, path); !strings.Contains(r.body, `<html lang="es">`) {
			m := regexp.MustCompile(`<html lang="([a-z]+)">`).FindStringSubmatch(r.body)
			t.Errorf("after a participant answered in Portuguese, the next one's %s is in %v, not in the language the kiosk started in (es)", path, m)
		}
	}
}

func TestKioskIdleIsland(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{idle: map[string]int{"idle-short": 2}})
	planner := w.signedIn("plan-A", ttPlannerA)

	// A consultation made through the form with the shortest idle time the form allows.
	newForm := url.Values{"title": {"Consulta con espera corta"}, "survey": {"community-consultation"},
		"municipality": {strconv.FormatInt(w.muniA, 10)}, "status": {store.StatusOpen}, "idle_minutes": {"0"}}
	if r := w.send(planner, "/consultations", newForm); r.status != http.StatusUnprocessableEntity {
		t.Errorf("idle_minutes 0 = %d, want 422", r.status)
	}
	newForm.Set("idle_minutes", "1")
	r := w.send(planner, "/consultations", newForm)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/consultations/") {
		t.Fatalf("create consultation = %d to %q", r.status, r.header.Get("Location"))
	}
	made := strings.TrimPrefix(r.header.Get("Location"), "/consultations/")
	r = w.send(planner, "/consultations/"+made+"/sessions", url.Values{"place": {"Biblioteca"}, "held_on": {"2026-03-12"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/sessions/") {
		t.Fatalf("create session = %d to %q", r.status, r.header.Get("Location"))
	}
	madeSession := strings.TrimPrefix(r.header.Get("Location"), "/sessions/")

	for _, tc := range []struct {
		session string
		idle    int
	}{
		{ttSesA, 180},       // the default: three minutes
		{"idle-short-s", 2}, // set through the store
		{madeSession, 60},   // set through the form, in minutes
	} {
		who := ttFacA
		if tc.session == madeSession {
			who = ttPlannerA // a planner may hold the tablet too
		}
		tablet := w.signedIn("tablet", who)
		if r := w.send(tablet, "/sessions/"+tc.session+"/kiosk", url.Values{"pin": {ttPIN}}); r.status != http.StatusSeeOther {
			t.Fatalf("start kiosk on %s = %d", tc.session, r.status)
		}
		page := w.open(tablet, "/kiosk/"+tc.session+"/survey")
		if page.status != http.StatusOK {
			t.Fatalf("kiosk survey of %s = %d", tc.session, page.status)
		}
		is := ktReadIsland(t, page.body)
		if is.Kiosk == nil || is.Kiosk.IdleSeconds != tc.idle || is.Kiosk.Welcome != "/kiosk/"+tc.session {
			t.Errorf("session %s: kiosk island %+v, want idle_seconds %d and welcome /kiosk/%s", tc.session, is.Kiosk, tc.idle, tc.session)
		}
		// The survey script is on the page to act on it.
		if !strings.Contains(page.body, "/js/survey.js") {
			t.Errorf("session %s: the kiosk survey has no survey script", tc.session)
		}
	}
	// Outside a kiosk the island says nothing of a kiosk.
	if is := ktReadIsland(t, w.open(planner, "/c/"+ttConsA).body); is.Kiosk != nil || is.Session != "" {
		t.Errorf("the public survey's island has kiosk settings: %+v", is)
	}
}

// ktTab is a Chromium tab used as the kiosk tablet.
type ktTab struct {
	t   *testing.T
	ctx context.Context
	url string
}

func (p *ktTab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

func ktEval[T any](p *ktTab, script string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("script %s: %v", ttClip(strings.Join(strings.Fields(script), " "), 120), err)
	}
	return v
}

// until polls a script until it is true; errors while a page loads count as not yet.
func (p *ktTab) until(what, script string, limit time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(limit)
	var err error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
		var ok bool
		ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](script, chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatalf("waited %s for %s (last error: %v)", limit, what, err)
}

func (p *ktTab) onPage(path, sel string) {
	p.t.Helper()
	p.until("page "+path, fmt.Sprintf(`location.pathname === %q && document.readyState === "complete" && !!document.querySelector(%q)`, path, sel), 30*time.Second)
}

func TestKioskIdleResetInBrowser(t *testing.T) {
	t.Parallel()
	const idleSession = "idle-short-s"
	w := newTwoTowns(t, ttOptions{idle: map[string]int{"idle-short": 2}})
	ctx := browser.New(t)
	t.Cleanup(func() {
		for _, e := range browser.ConsoleErrors(ctx) {
			if !strings.Contains(e, "favicon.ico") {
				t.Errorf("browser console: %s", e)
			}
		}
		browser.AssertLocalOnly(t, ctx)
	})
	p := &ktTab{t: t, ctx: ctx, url: w.url}
	kiosk := "/kiosk/" + idleSession

	// The facilitator signs in, opens the session and locks the tablet with a PIN.
	p.do("sign in", chromedp.Navigate(w.url+"/signin?lang=es"),
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), ttFacA),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), ttPassword(ttFacA)),
		chromedp.Click(chromedp.CSS(`form[action="/signin"] button[type="submit"]`)))
	p.until("signed in", `location.pathname === "/consultations" && document.readyState === "complete"`, 30*time.Second)
	p.do("open the session", chromedp.Navigate(w.url+"/sessions/"+idleSession))
	p.do("start kiosk mode",
		chromedp.SendKeys(chromedp.CSS(`form[action$="/kiosk"] input[name="pin"]`), ttPIN),
		chromedp.Click(chromedp.CSS(`form[action$="/kiosk"] button[type="submit"]`)))
	p.onPage(kiosk, "#kiosk-welcome")

	// A participant starts and answers the first question.
	p.do("begin", chromedp.Click(chromedp.CSS(`#kiosk-welcome a.button`)))
	// Tapped from inside the page as soon as it is there: the idle time is only two seconds.
	// The first screen is an introduction; the first question is the group.
	p.until("the survey, answered", `(() => {
		if (location.pathname !== "/kiosk/`+idleSession+`/survey" || document.readyState !== "complete") return false;
		const q = document.querySelector("fieldset.q.current");
		if (!q) return false;
		if (q.dataset.q !== "group") {
			if (!window.ktAnswered) document.querySelector(".js-next").click();
			return false;
		}
		const input = document.querySelector('#q-group input[value="refugee"]');
		if (!input.checked) {
			input.closest("label").click();
			window.ktAnswered = { id: document.querySelector('[name="_id"]').value, history: history.length };
		}
		return input.checked;
	})()`, 30*time.Second)
	answered := ktEval[struct {
		ID      string `json:"id"`
		History int    `json:"history"`
	}](p, `window.ktAnswered`)
	if answered.ID == "" {
		t.Fatal("the survey was answered before this test could see it")
	}

	// Nobody touches the tablet: after the idle time the welcome screen is back.
	p.until("the welcome screen after the idle time", `location.pathname === "`+kiosk+`" && document.readyState === "complete" &&
		!!document.querySelector("#kiosk-welcome")`, 30*time.Second)
	type state struct {
		Path    string `json:"path"`
		Checked int    `json:"checked"`
		Answer  bool   `json:"answer"`
		History int    `json:"history"`
		Stored  bool   `json:"stored"`
	}
	const look = `(() => ({
		path: location.pathname,
		checked: document.querySelectorAll("input:checked").length,
		answer: !!document.querySelector('input[value="refugee"]:checked') || document.documentElement.outerHTML.includes("` + "%s" + `"),
		history: history.length,
		stored: JSON.stringify(Object.assign({}, localStorage, sessionStorage)).includes("refugee"),
	}))()`
	now := ktEval[state](p, fmt.Sprintf(look, answered.ID))
	if now.Checked != 0 || now.Answer || now.Stored {
		t.Errorf("after the idle reset the tablet still holds the answer: %+v", now)
	}
	if now.History != answered.History {
		t.Errorf("the idle reset added to the history: %d entries, %d before", now.History, answered.History)
	}

	// Back and forward through the history show nothing of it either.
	for _, step := range []struct {
		name, script string
	}{{"back", "history.back()"}, {"forward", "history.forward()"}, {"back again", "history.back()"}} {
		// A page loaded anew has no mark; one restored from the back-forward cache says so. The
		// step is taken after the evaluation has returned: navigating while it runs fails the call.
		ktEval[bool](p, `(() => { window.ktMark = true; window.ktShown = false;
			addEventListener("pageshow", () => { window.ktShown = true; }, { once: true });
			setTimeout(() => { `+step.script+`; }, 0); return true; })()`)
		p.until("the page after "+step.name, `(!window.ktMark || window.ktShown) && document.readyState === "complete"`, 30*time.Second)
		time.Sleep(300 * time.Millisecond) // let the page's scripts run, as a person would see it
		s := ktEval[state](p, fmt.Sprintf(look, answered.ID))
		if s.Checked != 0 || s.Answer {
			t.Errorf("%s: %s shows the previous participant's answer: %+v", step.name, s.Path, s)
		}
		if s.Path == kiosk+"/survey" {
			t.Errorf("%s: the history leads back into the survey", step.name)
		}
		if !strings.HasPrefix(s.Path, "/kiosk/") {
			t.Errorf("%s: the history leads out of the kiosk, to %s", step.name, s.Path)
		}
	}

	// The next participant starts blank, with a new response id.
	p.do("back to the welcome screen", chromedp.Navigate(w.url+kiosk))
	p.onPage(kiosk, "#kiosk-welcome")
	p.do("begin again", chromedp.Click(chromedp.CSS(`#kiosk-welcome a.button`)))
	p.onPage(kiosk+"/survey", "fieldset.q.current")
	next := ktEval[state](p, fmt.Sprintf(look, answered.ID))
	if next.Checked != 0 || next.Answer {
		t.Errorf("the next participant's survey is not blank: %+v", next)
	}
}
