package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Item 2: every profile question can be answered with "prefer not to say", in every shipped survey.
func TestProfileQuestionsOfferPreferNot(t *testing.T) {
	a := newApp(t)
	for id, sv := range a.surveys {
		for _, q := range sv.Questions {
			if !q.Profile {
				continue
			}
			if q.Choice("prefer_not") == nil {
				t.Errorf("%s: profile question %s has no \"prefer not to say\"", id, q.ID)
			}
		}
	}
}

// Item 3: staff change the kiosk idle time on the consultation page (1–30 min), audited, and
// the kiosk takes it.
func TestIdleTimeChangesOnConsultationPage(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	planner := w.signedIn("planner", ttPlannerA)
	page := w.open(planner, "/consultations/"+ttConsA)
	if !strings.Contains(page.body, `action="/consultations/`+ttConsA+`/idle"`) {
		t.Fatal("the consultation page has no form to change the idle time")
	}
	for _, bad := range []string{"0", "31", "x"} {
		if r := w.send(planner, "/consultations/"+ttConsA+"/idle", url.Values{"idle_minutes": {bad}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.text(), "entre 1 y 30") {
			t.Errorf("idle %q = %d, want 422 with the range", bad, r.status)
		}
	}
	if r := w.send(planner, "/consultations/"+ttConsA+"/idle", url.Values{"idle_minutes": {"12"}}); r.status != http.StatusSeeOther {
		t.Fatalf("idle 12 = %d", r.status)
	}
	c, err := w.st.Consultation(context.Background(), ttConsA)
	if err != nil || c.IdleSeconds != 12*60 {
		t.Fatalf("idle seconds = %d (%v), want 720", c.IdleSeconds, err)
	}
	if e := w.auditLog()[0]; e.Action != "consultation.idle" || e.Target != ttConsA {
		t.Errorf("last audit entry %+v, want consultation.idle on %s", e, ttConsA)
	}
	tablet := w.signedIn("tablet", ttFacA)
	w.send(tablet, "/sessions/"+ttSesA+"/kiosk", url.Values{"pin": {ttPIN}})
	if is := ktReadIsland(t, w.open(tablet, "/kiosk/"+ttSesA+"/survey").body); is.Kiosk == nil || is.Kiosk.IdleSeconds != 720 {
		t.Errorf("the kiosk island after the change: %+v", is.Kiosk)
	}
}

// Item 11: what the privacy sentences promise is what happens: planners read written messages.
func TestPrivacyWordsSayMessagesAreRead(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	for _, tc := range []struct{ path, want, not string }{
		{"/c/" + childID + "?lang=es", "lo lee el equipo", "solo ve cuántos"},
		{"/c/" + childID + "/thanks?lang=es", "leerá los mensajes escritos", "solo verá"},
		{"/c/" + communityID + "/thanks?lang=es", "lo lee el equipo", "solo verá totales"},
		{"/c/" + communityID + "/thanks?lang=en", "read by the municipality's team", "only see totals"},
	} {
		body := a.get(tc.path).text()
		if !strings.Contains(body, tc.want) || strings.Contains(body, tc.not) {
			t.Errorf("%s: want %q and not %q", tc.path, tc.want, tc.not)
		}
	}
}

// Items 7 and 8: the session page shows the session's own counts, apart from the consultation's
// progress against its targets, and no staff grid shows a count from 1 to k−1.
func TestStaffGridsProtectSmallCounts(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	planner := w.signedIn("planner", ttPlannerA)
	if r := w.send(planner, "/consultations/"+ttConsA+"/targets", url.Values{"t_refugee_female": {"400"}}); r.status != http.StatusSeeOther {
		t.Fatalf("targets = %d", r.status)
	}
	sv := w.community()
	post := func(i int, session string) {
		r := w.postJSON("/api/consultations/"+ttConsA+"/responses", submission{
			ID: fmt.Sprintf("f1e1d000-0000-4000-8000-%012d", i), SurveyVersion: sv.Version, Language: "es", Session: session,
			Answers: map[string]any{"group": "refugee", "gender": "female", "age_band": "age_30_59"}})
		if r.status != http.StatusCreated {
			t.Fatalf("response %d: %d %s", i, r.status, r.body)
		}
	}
	for i := 0; i < 11; i++ {
		post(i, "")
	}
	post(11, ttSesA)
	session := w.open(planner, "/sessions/"+ttSesA)
	grids := regexp.MustCompile(`(?s)<table class="data targets">.*?</table>`).FindAllString(session.body, -1)
	if len(grids) != 2 {
		t.Fatalf("the session page has %d count tables, want the session's own and the consultation's progress", len(grids))
	}
	own, progress := html.UnescapeString(grids[0]), html.UnescapeString(grids[1])
	// The session holds one response: its own grid shows no count at all (too few to publish).
	if strings.Contains(own, "/ 400") || !strings.Contains(own, "–") {
		t.Errorf("the session's own grid compares with the consultation's targets or shows its one response:\n%s", own)
	}
	// Twelve in all: the consultation's progress is the protected count (10 people, published 8..12).
	published := regexp.MustCompile(`(\d+) / 400`)
	if m := published.FindStringSubmatch(progress); m == nil || atoi(m[1]) < 5 {
		t.Errorf("the consultation's progress does not read a protected count of at least 5 / 400:\n%s", progress)
	}
	if regexp.MustCompile(`<span class="count">\s*[1-4]\b`).MatchString(own+progress) || strings.Contains(session.text(), "Respuestas: 1") {
		t.Errorf("the session page shows a count from 1 to 4 exactly:\n%s", own)
	}
	cons := w.open(planner, "/consultations/"+ttConsA)
	if m := regexp.MustCompile(`<span class="count">\s*[1-4]\s*(<|/)`).FindString(cons.body); m != "" {
		t.Errorf("the consultation page shows a small count exactly: %q", m)
	}
	if m := published.FindStringSubmatch(cons.text()); m == nil {
		t.Errorf("the consultation page's grid does not read its protected count against the target of 400")
	}
}

// Item 10: a paper form that answered a question skip logic hides is stored without that answer,
// and the facilitator reads which answers were left out.
func TestPaperFormLeavesOutHiddenAnswers(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	fac := w.signedIn("facilitator", ttFacA)
	form := ttSurveyForm(w.community(), url.Values{"group": {"host"}, "gender": {"female"}, "age_band": {"age_30_59"},
		"barriers": {"none"}, "gave_up_service": {"yes"}}, "")
	r := w.send(fac, "/sessions/"+ttSesA+"/paper", form)
	if r.status != http.StatusSeeOther || !strings.Contains(r.header.Get("Location"), "left_out=gave_up_service") {
		t.Fatalf("paper form with a hidden answer = %d %s: %s", r.status, r.header.Get("Location"), errorSummary(r.text()))
	}
	page := w.open(fac, r.header.Get("Location"))
	label := questionLabel(t, w.community(), "gave_up_service", "es")
	if !strings.Contains(page.text(), "no se guardaron") || !strings.Contains(page.text(), label) {
		t.Errorf("the saved paper page does not say what was left out (%q)", label)
	}
	var id string
	if err := w.ro.QueryRow(`SELECT id FROM responses WHERE channel = 'paper' ORDER BY rid DESC LIMIT 1`).Scan(&id); err != nil {
		t.Fatalf("the paper response is not stored: %v", err)
	}
	_, answers, err := w.st.StoredResponse(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(answers["barriers"]) != 1 || answers["barriers"][0].Choice != "none" {
		t.Errorf("the paper response's barriers = %+v, want none", answers["barriers"])
	}
	if rows, ok := answers["gave_up_service"]; ok {
		t.Errorf("the hidden answer was stored: %+v", rows)
	}
}

var (
	fieldsetPattern = regexp.MustCompile(`(?s)<fieldset class="q q-(\w+)[^"]*" id="q-(\w+)".*?</fieldset>`)
	hintPattern     = regexp.MustCompile(`<p class="hint"[^>]*>(.*?)</p>`)
	facePattern     = regexp.MustCompile(`<span data-scale="\d+/\d+">(.*?)</span>`)
)

// Items 12 and 13: one hint per question, written for it; a scale's hint names the words its
// faces show, and speaks of numbers only where numbers show.
func TestOneHintPerQuestionAgreeingWithFaces(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	for _, c := range []string{childID, communityID} {
		for _, lang := range []string{"es", "en", "pt"} {
			page := a.get("/c/" + c + "?lang=" + lang).body
			for _, fs := range fieldsetPattern.FindAllStringSubmatch(page, -1) {
				typ, id := fs[1], fs[2]
				hints := hintPattern.FindAllStringSubmatch(fs[0], -1)
				if len(hints) > 1 {
					var said []string
					for _, h := range hints {
						said = append(said, html.UnescapeString(h[1]))
					}
					t.Errorf("%s %s %s: %d hints: %q", c, lang, id, len(hints), said)
				}
				if len(hints) > 0 && strings.Contains(hints[0][1], "la primera") {
					t.Errorf("%s %s %s: \"la primera\" does not agree with the choices", c, lang, id)
				}
				if typ != "scale" || len(hints) == 0 {
					continue
				}
				hint := html.UnescapeString(hints[0][1])
				faces := facePattern.FindAllStringSubmatch(fs[0], -1)
				low, high := html.UnescapeString(faces[0][1]), html.UnescapeString(faces[len(faces)-1][1])
				if regexp.MustCompile(`[0-9]|=`).MatchString(hint) && (!strings.Contains(hint, low) || !strings.Contains(hint, high)) {
					t.Errorf("%s %s %s: the hint %q speaks of the ends but not as the faces do (%q … %q)", c, lang, id, hint, low, high)
				}
				if c == childID && regexp.MustCompile(`[0-9]`).MatchString(hint) {
					t.Errorf("%s %s %s: the hint %q speaks of numbers the faces do not show", c, lang, id, hint)
				}
			}
		}
	}
	// The teenagers' wording of the 5-face scales, too.
	sv := a.surveys["child-listening"]
	for _, q := range sv.Questions {
		for band, v := range q.Variants {
			for _, lang := range sv.Languages {
				if h := v.Hint.In(lang); q.Type == "scale" && regexp.MustCompile(`[0-9]`).MatchString(h) {
					t.Errorf("%s %s %s: the hint %q speaks of numbers the faces do not show", q.ID, band, lang, h)
				}
			}
		}
	}
}

// Item 19: a consultation's title and description are per language, like survey labels.
func TestConsultationTitlePerLanguage(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	planner := w.signedIn("planner", ttPlannerA)
	r := w.send(planner, "/consultations", url.Values{"title": {"Consulta de Upala sobre el agua"},
		"title_en": {"Upala consultation on water"}, "title_pt": {"Consulta de Upala sobre a água"},
		"description_en": {"Tell us how water reaches your home."}, "description_es": {"Cuéntenos cómo llega el agua a su casa."},
		"survey": {"community-consultation"}, "municipality": {strconv.FormatInt(w.muniA, 10)}, "status": {"open"},
		"starts_on": {"2026-04-01"}, "ends_on": {"2026-05-01"}, "idle_minutes": {"3"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create = %d: %s", r.status, errorSummary(r.text()))
	}
	id := strings.TrimPrefix(r.header.Get("Location"), "/consultations/")
	for _, tc := range []struct{ lang, title, description string }{
		{"es", "Consulta de Upala sobre el agua", "Cuéntenos cómo llega el agua a su casa."},
		{"en", "Upala consultation on water", "Tell us how water reaches your home."},
		{"pt", "Consulta de Upala sobre a água", "Cuéntenos cómo llega el agua a su casa."},
	} {
		home := w.open(w.client("anon-"+tc.lang, ""), "/?lang="+tc.lang).text()
		if !strings.Contains(home, tc.title) || !strings.Contains(home, tc.description) {
			t.Errorf("home in %s lacks %q / %q", tc.lang, tc.title, tc.description)
		}
	}
	if r := w.send(planner, "/consultations/"+id+"/wording", url.Values{"title": {"Consulta de Upala sobre el agua"},
		"title_en": {"Water in Upala"}}); r.status != http.StatusSeeOther {
		t.Fatalf("wording = %d", r.status)
	}
	if home := w.open(planner, "/?lang=en").text(); !strings.Contains(home, "Water in Upala") {
		t.Error("the English title did not change")
	}
	if e := w.auditLog()[0]; e.Action != "consultation.wording" {
		t.Errorf("last audit entry %+v, want consultation.wording", e)
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
