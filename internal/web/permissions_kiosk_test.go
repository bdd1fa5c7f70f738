package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// toKiosk is a 303 back to the locked tablet's welcome screen, told apart from other 303s.
const toKiosk = -3030

// TestPermissionsLockedKiosk is the permission table for a locked tablet, one column per role
// (and municipality) that started the kiosk: whatever the account behind the lock, only what a
// participant needs answers; every other page leads back to the kiosk and the API refuses.
// In the paths, {S} is the locked session, {C} its consultation, {OS} and {OC} the other town's.
func TestPermissionsLockedKiosk(t *testing.T) {
	w := newTwoTowns(t, ttOptions{})
	sv := w.community()
	type column struct {
		account, session, consultation, otherSession, otherConsultation string
	}
	columns := []column{
		{ttAdmin, ttSesA, ttConsA, ttSesB, ttConsB},
		{ttPlannerA, ttSesA, ttConsA, ttSesB, ttConsB},
		{ttFacA, ttSesA, ttConsA, ttSesB, ttConsB},
		{ttPlannerB, ttSesB, ttConsB, ttSesA, ttConsA},
		{ttFacB, ttSesB, ttConsB, ttSesA, ttConsA},
	}
	staticURL := staticURLs(w.open(w.client("anon", ""), "/").body)[0]
	type row struct {
		method, path string
		want         int
		body         string // "form" (a complete survey), "json" (a response), "pin", "token"
	}
	participant := []row{
		{"GET", "/kiosk/{S}", 200, ""},
		{"GET", "/kiosk/{S}/survey", 200, ""},
		{"POST", "/kiosk/{S}/survey", 303, "form"},
		{"GET", "/kiosk/{S}/thanks", 200, ""},
		{"GET", "/kiosk/{S}/stopped", 200, ""},
		{"GET", "/kiosk/{S}/exit", 200, ""},
		{"POST", "/kiosk/{S}/exit", 401, "wrong-pin"},
		{"GET", "/api/consultations/{C}/survey", 200, ""},
		{"HEAD", "/api/consultations/{C}/survey", 200, ""},
		{"POST", "/api/consultations/{C}/responses", 201, "json"},
		{"GET", staticURL, 200, ""},
		{"GET", "/sw.js", 200, ""},
		{"GET", "/healthz", 200, ""},
	}
	refused := []row{
		{"GET", "/", toKiosk, ""},
		{"GET", "/c/{C}", toKiosk, ""},
		{"GET", "/c/{C}/heard", toKiosk, ""},
		{"GET", "/signin", toKiosk, ""},
		{"GET", "/consultations", toKiosk, ""},
		{"GET", "/consultations/{C}", toKiosk, ""},
		{"GET", "/consultations/{C}/results", toKiosk, ""},
		{"GET", "/consultations/{C}/report", toKiosk, ""},
		{"GET", "/consultations/{C}/texts", toKiosk, ""},
		{"GET", "/consultations/{C}/results.csv", toKiosk, ""},
		{"GET", "/consultations/{C}/responses.csv", toKiosk, ""},
		{"GET", "/consultations/{C}/poster", toKiosk, ""},
		{"GET", "/sessions/{S}", toKiosk, ""},
		{"GET", "/sessions/{S}/paper", toKiosk, ""},
		{"GET", "/admin/users", toKiosk, ""},
		{"GET", "/admin/audit", toKiosk, ""},
		{"GET", "/p/1", toKiosk, ""},
		{"GET", "/p/1/children", toKiosk, ""},
		{"GET", "/plans/1/decisions", toKiosk, ""},
		{"GET", "/plans/1/versions", toKiosk, ""},
		{"POST", "/plans/1/decisions", toKiosk, "none"},
		{"POST", "/plans/1/items/S1/status", toKiosk, "none"},
		{"POST", "/plans/1/followup", toKiosk, "none"},
		{"GET", "/kiosk/{OS}", toKiosk, ""},
		{"POST", "/signout", toKiosk, "none"},
		{"POST", "/sessions/{S}/kiosk", toKiosk, "pin"},
		{"POST", "/consultations/{C}/status", toKiosk, "close"},
		{"POST", "/admin/municipalities", toKiosk, "none"},
		{"GET", "/api/consultations/{C}/results", 403, ""},
		{"GET", "/api/consultations/{OC}/results", 403, ""},
		{"GET", "/api/consultations/{C}/results", 403, "token"},
		{"GET", "/api/consultations/{OC}/survey", 403, ""},
		{"POST", "/api/consultations/{OC}/responses", 403, "json"},
	}
	rows := append(participant, refused...)

	got := make([][]int, len(rows))
	for i := range got {
		got[i] = make([]int, len(columns))
	}
	for col, c := range columns {
		tablet := w.signedIn(c.account, c.account)
		if r := w.send(tablet, "/sessions/"+c.session+"/kiosk", url.Values{"pin": {ttPIN}}); r.status != http.StatusSeeOther {
			t.Fatalf("%s: start kiosk = %d", c.account, r.status)
		}
		fill := strings.NewReplacer("{S}", c.session, "{C}", c.consultation, "{OS}", c.otherSession, "{OC}", c.otherConsultation)
		for i, rw := range rows {
			path := fill.Replace(rw.path)
			var r *reply
			switch rw.body {
			case "form":
				page := w.open(tablet, "/kiosk/"+c.session+"/survey")
				f := ttSurveyForm(sv, walks[0].answers, "")
				f.Set("_id", hidden(t, page.body, "_id"))
				r = w.send(tablet, path, f)
			case "json":
				r = w.sendJSON(tablet, path, submission{ID: ttUUID(), SurveyVersion: sv.Version, Language: "es", Session: c.session, Answers: apiAnswers()})
			case "wrong-pin":
				r = w.send(tablet, path, url.Values{"pin": {"0000"}})
			case "pin":
				r = w.send(tablet, path, url.Values{"pin": {"1111"}})
			case "close":
				r = w.send(tablet, path, url.Values{"status": {"closed"}})
			case "none":
				r = w.send(tablet, path, url.Values{"name": {"Municipio del quiosco"}, "country": {"Panamá"}})
			case "token":
				r = w.call(tablet, rw.method, path, nil, "Authorization", "Bearer "+w.tokenA)
			default:
				r = w.call(tablet, rw.method, path, nil)
			}
			status := r.status
			if status == http.StatusSeeOther && r.header.Get("Location") == "/kiosk/"+c.session {
				status = toKiosk
			}
			got[i][col] = status
			if status == 403 && strings.HasPrefix(path, "/api/") && !strings.Contains(r.body, `"error"`) {
				t.Errorf("%s %s on %s's kiosk: 403 without a JSON error: %s", rw.method, path, c.account, ttClip(r.body, 200))
			}
		}
	}

	cell := func(s int) string {
		if s == toKiosk {
			return "→kiosk"
		}
		return fmt.Sprint(s)
	}
	var bad int
	var out strings.Builder
	fmt.Fprintf(&out, "%-44s", "route \\ kiosk started by")
	for _, c := range columns {
		fmt.Fprintf(&out, " %15s", c.account)
	}
	out.WriteString("\n")
	for i, rw := range rows {
		fmt.Fprintf(&out, "%-44s", ttClip(rw.method+" "+rw.path+" "+rw.body, 43))
		for col := range columns {
			s := cell(got[i][col])
			if got[i][col] != rw.want {
				s += "≠" + cell(rw.want)
				bad++
			}
			fmt.Fprintf(&out, " %15s", s)
		}
		out.WriteString("\n")
	}
	if bad > 0 {
		t.Errorf("%d cells of the locked-kiosk permission table differ:\n%s", bad, out.String())
	}
	if ms, _ := w.st.Municipalities(t.Context()); len(ms) != 2 {
		t.Errorf("a locked kiosk created a municipality: %d municipalities", len(ms))
	}
}
