package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/static"
)

func TestRoutes(t *testing.T) {
	a := newApp(t)
	for _, tc := range []struct {
		name, path string
		status     int
		want       []string // text a person reads on the page
		notWant    []string
	}{
		{"home lists open consultations", "/", 200,
			[]string{communityTitle, childTitle, "Consultas abiertas", `href="/c/c-community?lang=es"`, `href="/c/c-child?lang=es"`,
				"Consulta a la comunidad: servicios y prioridades del municipio", "¡Queremos escucharte!"},
			[]string{closedTitle, "/c/c-closed"}},
		{"home in English", "/?lang=en", 200,
			[]string{`<html lang="en">`, "Open consultations", communityTitle, "We want to hear from you!",
				"Community consultation: services and priorities for the municipality"},
			[]string{closedTitle}},
		{"home in Portuguese", "/?lang=pt", 200, []string{`<html lang="pt">`, "Consultas abertas", "Queremos ouvir você!"}, nil},
		{"health", "/healthz", 200, []string{`"status":"ok"`}, nil},
		{"community survey", "/c/c-community", 200, []string{`<html lang="es">`, `action="/c/c-community"`}, nil},
		{"child survey in Portuguese", "/c/c-child?lang=pt", 200, []string{`<html lang="pt">`, "Queremos ouvir você!"}, nil},
		{"unknown consultation", "/c/nope", 404, []string{"No encontramos esa página o consulta."}, nil},
		{"unknown page", "/nope", 404, nil, nil},
		{"thanks", "/c/c-community/thanks?lang=en", 200, []string{"Thank you!"}, nil},
		{"thanks of unknown consultation", "/c/nope/thanks", 404, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := a.as(t)
			r := a.get(tc.path)
			if r.status != tc.status {
				t.Fatalf("GET %s = %d, want %d", tc.path, r.status, tc.status)
			}
			page := r.text()
			for _, s := range tc.want {
				if !strings.Contains(page, s) && !strings.Contains(r.body, s) {
					t.Errorf("GET %s: page does not say %q", tc.path, s)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(page, s) {
					t.Errorf("GET %s: page says %q", tc.path, s)
				}
			}
		})
	}
}

// walk is one person answering the whole community survey on the HTML page.
type walk struct {
	lang    string
	answers url.Values // every relevant question, with real choice ids; rank as top_services.1..3
	profile survey.Profile
	thanks  string // what the thank-you page says in lang
}

var walks = []walk{
	{lang: "es", thanks: "Sus respuestas se guardaron, sin su nombre.",
		profile: survey.Profile{Group: "refugee", Gender: "female", AgeBand: "age_30_59", Disability: survey.WithDis},
		answers: url.Values{
			"group": {"refugee"}, "gender": {"female"}, "age_band": {"age_30_59"},
			"wg_seeing": {"no_difficulty"}, "wg_hearing": {"no_difficulty"}, "wg_walking": {"a_lot"},
			"wg_remembering": {"some_difficulty"}, "wg_selfcare": {"no_difficulty"}, "wg_communicating": {"no_difficulty"},
			"used_services": {"yes"}, "services_used": {"health", "documents"}, "service_satisfaction": {"4"},
			"treated_with_respect": {"no"},
			"top_services.1":       {"documents"}, "top_services.2": {"housing"}, "top_services.3": {"jobs"},
			"barriers": {"documents", "discrimination"}, "gave_up_service": {"yes"},
			"barrier_solutions": {"document_help", "respectful_staff"},
			"safety_day":        {"3"}, "safety_night": {"2"}, "unsafe_places": {"streets", "isolated_areas"},
			"children_at_home": {"yes"}, "children_school": {"some"}, "household_size": {"5"}, "years_here": {"2"},
			"belonging": {"3"}, "info_channels": {"whatsapp", "radio"}, "past_consultation": {"never"},
			"listened_to": {"2"}, "first_priority": {"Más luz en las calles y ayuda con los documentos."},
		}},
	{lang: "en", thanks: "Your answers were saved, without your name.",
		profile: survey.Profile{Group: "host", Gender: "male", AgeBand: "age_18_29", Disability: survey.WithoutDis},
		answers: url.Values{
			"group": {"host"}, "gender": {"male"}, "age_band": {"age_18_29"},
			"wg_seeing": {"some_difficulty"}, "wg_hearing": {"no_difficulty"}, "wg_walking": {"no_difficulty"},
			"wg_remembering": {"no_difficulty"}, "wg_selfcare": {"no_difficulty"}, "wg_communicating": {"no_difficulty"},
			"used_services":  {"no"},
			"top_services.1": {"safety"}, "top_services.2": {"street_lights"}, "top_services.3": {"water"},
			"barriers":   {"none"},
			"safety_day": {"5"}, "safety_night": {"4"},
			"children_at_home": {"no"}, "household_size": {"3"},
			"belonging": {"prefer_not"}, "info_channels": {"radio"}, "past_consultation": {"yes_heard_back"},
			"listened_to": {"5"}, "first_priority": {"Fix the street lights on the main road."},
		}},
	{lang: "pt", thanks: "Suas respostas foram salvas, sem o seu nome.",
		profile: survey.Profile{Group: "migrant", Gender: "other", AgeBand: "age_60_plus", Disability: ""},
		answers: url.Values{
			"group": {"migrant"}, "gender": {"other"}, "age_band": {"age_60_plus"},
			"wg_seeing": {"no_difficulty"}, "wg_hearing": {"prefer_not"}, "wg_walking": {"some_difficulty"},
			"wg_remembering": {"no_difficulty"}, "wg_selfcare": {"no_difficulty"}, "wg_communicating": {"no_difficulty"},
			"used_services": {"yes"}, "services_used": {"water"}, "service_satisfaction": {"2"},
			"treated_with_respect": {"prefer_not"},
			"top_services.1":       {"health"}, "top_services.2": {"documents"}, "top_services.3": {"transport"},
			"barriers": {"language", "fear", "dont_know_where"}, "gave_up_service": {"no"},
			"barrier_solutions": {"language_help"},
			"safety_day":        {"1"}, "safety_night": {"1"}, "unsafe_places": {"public_transport"},
			"children_at_home": {"yes"}, "children_school": {"not_school_age"}, "household_size": {"8"}, "years_here": {"0"},
			"belonging": {"1"}, "info_channels": {"whatsapp", "community_meeting", "church"}, "past_consultation": {"dont_remember"},
			"listened_to": {"1"}, "first_priority": {"Mais segurança à noite."},
		}},
}

// rankKey matches a rank place field such as top_services.2.
var rankKey = regexp.MustCompile(`^(.+)\.(\d)$`)

// expectedRows is what the answers table must hold for a posted form, one string per row:
// the choice, the number, the text, or place:choice for rank.
func expectedRows(form url.Values) map[string][]string {
	want := map[string][]string{}
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.HasPrefix(k, "_") {
			continue
		}
		if m := rankKey.FindStringSubmatch(k); m != nil {
			want[m[1]] = append(want[m[1]], m[2]+":"+form.Get(k))
			continue
		}
		want[k] = append(want[k], form[k]...)
	}
	return want
}

func storedRows(rows map[string][]store.AnswerRow) map[string][]string {
	got := map[string][]string{}
	for q, rs := range rows {
		for _, r := range rs {
			switch {
			case r.Number != nil:
				got[q] = append(got[q], strconv.Itoa(*r.Number))
			case r.Position > 0:
				got[q] = append(got[q], fmt.Sprintf("%d:%s", r.Position, r.Choice))
			case r.Text != "":
				got[q] = append(got[q], r.Text)
			default:
				got[q] = append(got[q], r.Choice)
			}
		}
	}
	return got
}

// checkComplete makes sure the test data answers every question that applies, and only those.
func checkComplete(t *testing.T, sv *survey.Survey, form url.Values) {
	t.Helper()
	values := map[string]any{}
	get := func(id string) any { return values[id] }
	for _, q := range sv.Questions {
		if !q.Answerable() {
			continue
		}
		relevant := q.Expr == nil || q.Expr.Eval(get)
		var posted []string
		if q.Type == survey.Rank {
			for i := 1; i <= q.Rank; i++ {
				if v := form.Get(fmt.Sprintf("%s.%d", q.ID, i)); v != "" {
					posted = append(posted, v)
				}
			}
		} else {
			posted = form[q.ID]
		}
		switch {
		case relevant && len(posted) == 0:
			t.Fatalf("test data: question %s applies but is not answered", q.ID)
		case !relevant && len(posted) > 0:
			t.Fatalf("test data: question %s does not apply but is answered", q.ID)
		case len(posted) == 0:
			continue
		}
		switch q.Type {
		case survey.SelectMultiple, survey.Rank:
			values[q.ID] = posted
		case survey.Scale, survey.Integer:
			if n, err := strconv.Atoi(posted[0]); err == nil {
				values[q.ID] = float64(n)
			} else {
				values[q.ID] = posted[0]
			}
		default:
			values[q.ID] = posted[0]
		}
	}
}

func TestCommunitySurveyWithoutJavaScript(t *testing.T) {
	a := newApp(t)
	sv := a.community()
	ctx := context.Background()
	for i, w := range walks {
		t.Run(w.lang, func(t *testing.T) {
			a := a.as(t)
			checkComplete(t, sv, w.answers)
			r := a.get("/c/c-community?lang=" + w.lang)
			if r.status != http.StatusOK {
				t.Fatalf("GET survey = %d", r.status)
			}
			if !strings.Contains(r.body, `<html lang="`+w.lang+`">`) {
				t.Errorf("page is not marked as %s", w.lang)
			}
			page := r.text()
			for _, s := range []string{sv.Title.In(w.lang), questionLabel(t, sv, "used_services", w.lang),
				questionLabel(t, sv, "top_services", w.lang), choiceLabel(t, sv, "barriers", "discrimination", w.lang)} {
				if !strings.Contains(page, s) {
					t.Errorf("page in %s does not say %q", w.lang, s)
				}
			}
			for _, q := range sv.Questions {
				fieldset(t, r.body, q.ID)
			}
			id, version := hidden(t, r.body, "_id"), hidden(t, r.body, "_version")
			if version != sv.Version {
				t.Errorf("_version = %q, want %q", version, sv.Version)
			}
			form := url.Values{"_id": {id}, "_version": {version}, "_lang": {hidden(t, r.body, "_lang")}}
			for k, v := range w.answers {
				form[k] = v
			}

			res := a.postForm("/c/c-community", form)
			if res.status != http.StatusSeeOther {
				t.Fatalf("POST form = %d, want 303; page:\n%s", res.status, errorSummary(res.text()))
			}
			loc, err := url.Parse(res.header.Get("Location"))
			if err != nil || loc.Path != "/c/c-community/thanks" {
				t.Fatalf("redirect to %q, want /c/c-community/thanks", res.header.Get("Location"))
			}
			thanks := a.get(loc.RequestURI())
			if thanks.status != http.StatusOK || !strings.Contains(thanks.text(), w.thanks) ||
				!strings.Contains(thanks.body, `<html lang="`+w.lang+`">`) {
				t.Errorf("thank-you page = %d, does not say %q in %s", thanks.status, w.thanks, w.lang)
			}

			stored, rows, err := a.st.StoredResponse(ctx, id)
			if err != nil {
				t.Fatalf("response %s not stored: %v", id, err)
			}
			if stored.Language != w.lang || stored.Channel != store.Link || stored.SessionID != "" ||
				stored.ConsultationID != communityID || stored.SurveyVersion != sv.Version {
				t.Errorf("stored response = %+v", stored)
			}
			if stored.Profile != w.profile {
				t.Errorf("stored profile = %+v, want %+v", stored.Profile, w.profile)
			}
			want, got := expectedRows(w.answers), storedRows(rows)
			for q, wv := range want {
				if !slices.Equal(got[q], wv) {
					t.Errorf("answer rows of %s = %q, want %q", q, got[q], wv)
				}
			}
			for q := range got {
				if _, ok := want[q]; !ok {
					t.Errorf("unexpected answer rows for %s: %q", q, got[q])
				}
			}
			if hs := rows["household_size"]; len(hs) != 1 || hs[0].Number == nil {
				t.Errorf("household_size is not stored as a number: %+v", hs)
			}
			if n := a.totalResponses(); n != i+1 {
				t.Errorf("responses stored = %d, want %d", n, i+1)
			}

			// The same form again (a double tap, a reload): nothing new, same redirect.
			again := a.postForm("/c/c-community", form)
			if again.status != http.StatusSeeOther || !strings.HasPrefix(again.header.Get("Location"), "/c/c-community/thanks") {
				t.Errorf("POST again = %d to %q, want 303 to the thank-you page", again.status, again.header.Get("Location"))
			}
			if n := a.totalResponses(); n != i+1 {
				t.Errorf("responses after posting again = %d, want %d", n, i+1)
			}
			_, rowsAgain, _ := a.st.StoredResponse(ctx, id)
			if len(rowsAgain) != len(rows) {
				t.Errorf("answer rows changed after posting again")
			}
		})
	}
}

// errorSummary extracts the error list of a re-rendered survey page, for failure messages.
func errorSummary(page string) string {
	m := regexp.MustCompile(`(?s)<div class="errors".*?</div>`).FindString(page)
	if m == "" {
		if len(page) > 600 {
			page = page[:600]
		}
		return page
	}
	return m
}

func TestLanguageSwitchKeepsAnswers(t *testing.T) {
	a := newApp(t)
	sv := a.community()
	r := a.get("/c/c-community?lang=es")
	id := hidden(t, r.body, "_id")
	form := url.Values{
		"_id": {id}, "_version": {hidden(t, r.body, "_version")}, "_lang": {"es"}, "_switch": {"en"},
		"group": {"refugee"}, "gender": {"female"}, "age_band": {"age_18_29"},
		"barriers": {"documents", "discrimination"}, "safety_night": {"2"}, "used_services": {"no"},
		"top_services.1": {"water"}, "top_services.2": {"health"},
		"household_size": {"4"}, "first_priority": {"Agua potable para el barrio"},
	}
	res := a.postForm("/c/c-community", form)
	if res.status != http.StatusOK {
		t.Fatalf("POST _switch=en = %d, want 200", res.status)
	}
	page := res.body
	if !strings.Contains(page, `<html lang="en">`) {
		t.Error("page is not in English after switching")
	}
	if txt := res.text(); !strings.Contains(txt, questionLabel(t, sv, "group", "en")) ||
		!strings.Contains(txt, choiceLabel(t, sv, "barriers", "discrimination", "en")) {
		t.Error("question and choice labels are not in English after switching")
	}
	// The data island carries every language for the script; the form itself must be in English only.
	visible, _, _ := strings.Cut(res.text(), `<script type="application/json"`)
	if strings.Contains(visible, questionLabel(t, sv, "group", "es")) {
		t.Error("the Spanish label is still on the English page")
	}
	for _, c := range [][2]string{{"group", "refugee"}, {"gender", "female"}, {"age_band", "age_18_29"},
		{"barriers", "documents"}, {"barriers", "discrimination"}, {"safety_night", "2"}, {"used_services", "no"}} {
		if !checked(page, c[0], c[1]) {
			t.Errorf("%s=%s is no longer checked after switching", c[0], c[1])
		}
	}
	for _, c := range [][2]string{{"group", "host"}, {"barriers", "cost"}, {"safety_night", "3"}, {"used_services", "yes"}} {
		if checked(page, c[0], c[1]) {
			t.Errorf("%s=%s is checked but was not answered", c[0], c[1])
		}
	}
	if got := rankSelected(t, page, "top_services", 1); got != "water" {
		t.Errorf("rank place 1 = %q, want water", got)
	}
	if got := rankSelected(t, page, "top_services", 2); got != "health" {
		t.Errorf("rank place 2 = %q, want health", got)
	}
	if got := rankSelected(t, page, "top_services", 3); got != "" {
		t.Errorf("rank place 3 = %q, want nothing", got)
	}
	if !strings.Contains(page, `name="household_size" value="4"`) {
		t.Error("household_size is no longer filled after switching")
	}
	if !strings.Contains(res.text(), ">Agua potable para el barrio</textarea>") {
		t.Error("the text answer is no longer filled after switching")
	}
	if hidden(t, page, "_id") != id || hidden(t, page, "_lang") != "en" {
		t.Errorf("after switching _id = %q, _lang = %q; want %q, en", hidden(t, page, "_id"), hidden(t, page, "_lang"), id)
	}
	if n := a.totalResponses(); n != 0 {
		t.Fatalf("switching language stored %d responses", n)
	}

	// Sending the switched page stores the answers in English.
	form.Del("_switch")
	form.Set("_lang", "en")
	res = a.postForm("/c/c-community", form)
	if res.status != http.StatusSeeOther {
		t.Fatalf("POST after switching = %d, want 303: %s", res.status, errorSummary(res.text()))
	}
	stored, _, err := a.st.StoredResponse(context.Background(), id)
	if err != nil || stored.Language != "en" {
		t.Fatalf("stored after switching: %+v, %v; want language en", stored, err)
	}
}

func TestFormValidationShowsErrorsBesideQuestions(t *testing.T) {
	a := newApp(t)
	sv := a.community()
	r := a.get("/c/c-community?lang=pt")
	form := url.Values{
		"_id": {hidden(t, r.body, "_id")}, "_version": {hidden(t, r.body, "_version")}, "_lang": {hidden(t, r.body, "_lang")},
		"group": {"refugee"}, "age_band": {"age_30_59"}, // gender (required) is missing
		"household_size": {"muitas"}, // not a number
		"barriers":       {"documents", "cost"}, "safety_day": {"4"},
		"top_services.1": {"housing"}, "first_priority": {"Moradia digna"},
	}
	res := a.postForm("/c/c-community", form)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("POST invalid form = %d, want 422", res.status)
	}
	page := res.body
	if !strings.Contains(page, `<html lang="pt">`) {
		t.Error("the error page is not in the respondent's language")
	}
	for q, msg := range map[string]string{
		"gender":         "esta pergunta precisa de uma resposta",
		"household_size": "digite um número",
	} {
		fs := fieldset(t, page, q)
		if !strings.Contains(fs, `<p class="error" id="err-`+q+`">`) || !strings.Contains(fs, msg) {
			t.Errorf("fieldset of %s does not show %q beside the question:\n%s", q, msg, fs)
		}
		if !strings.Contains(fs, `aria-describedby="err-`+q+`"`) {
			t.Errorf("fieldset of %s does not point to its error", q)
		}
	}
	if strings.Contains(fieldset(t, page, "group"), `class="error"`) {
		t.Error("a correctly answered question shows an error")
	}
	summary := errorSummary(res.text())
	if !strings.Contains(summary, "Revise estas respostas") || !strings.Contains(summary, `href="#q-gender"`) {
		t.Errorf("no error summary linking to the questions:\n%s", summary)
	}
	if !strings.Contains(res.text(), questionLabel(t, sv, "gender", "pt")) {
		t.Error("question labels are not in Portuguese")
	}
	for _, c := range [][2]string{{"group", "refugee"}, {"age_band", "age_30_59"}, {"barriers", "documents"}, {"barriers", "cost"}, {"safety_day", "4"}} {
		if !checked(page, c[0], c[1]) {
			t.Errorf("%s=%s is no longer checked on the error page", c[0], c[1])
		}
	}
	if !strings.Contains(page, `name="household_size" value="muitas"`) {
		t.Error("the wrong number is not shown back to be corrected")
	}
	if rankSelected(t, page, "top_services", 1) != "housing" || !strings.Contains(page, ">Moradia digna</textarea>") {
		t.Error("rank or text answer lost on the error page")
	}
	if n := a.totalResponses(); n != 0 {
		t.Fatalf("an invalid form stored %d responses", n)
	}
}

// apiAnswers is a valid answer set for the community survey, as the API takes it.
func apiAnswers() map[string]any {
	return map[string]any{
		"group": "displaced", "gender": "female", "age_band": "age_18_29",
		"wg_seeing": "no_difficulty", "wg_hearing": "no_difficulty", "wg_walking": "no_difficulty",
		"wg_remembering": "no_difficulty", "wg_selfcare": "no_difficulty", "wg_communicating": "cannot_do",
		"used_services": true, "services_used": []string{"health", "education"}, "service_satisfaction": 3,
		"treated_with_respect": false, "top_services": []string{"housing", "documents", "jobs"},
		"barriers": []string{"none"}, "safety_day": 4, "safety_night": 2, "unsafe_places": []string{"streets"},
		"children_at_home": true, "children_school": "all", "household_size": 4, "years_here": 3,
		"belonging": 4, "info_channels": []string{"whatsapp"}, "past_consultation": "yes_no_news",
		"listened_to": 3, "first_priority": "Vivienda para las familias que llegaron.",
	}
}

type submission struct {
	ID            string         `json:"id"`
	SurveyVersion string         `json:"survey_version"`
	Language      string         `json:"language"`
	Session       string         `json:"session,omitempty"`
	Answers       map[string]any `json:"answers"`
}

type apiErrors struct {
	Error  string `json:"error"`
	Errors []struct {
		Question string `json:"question"`
		Message  string `json:"message"`
	} `json:"errors"`
}

func decodeErrors(t *testing.T, r *reply) apiErrors {
	t.Helper()
	var e apiErrors
	dec := json.NewDecoder(strings.NewReader(r.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("error body is not the documented JSON: %v\n%s", err, r.body)
	}
	return e
}

func TestAPISurvey(t *testing.T) {
	a := newApp(t)
	sv := a.community()
	r := a.get("/api/consultations/c-community/survey")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET survey = %d %s", r.status, r.header.Get("Content-Type"))
	}
	var got struct {
		ID        string `json:"id"`
		Version   string `json:"version"`
		Languages []string
		Questions []struct {
			ID           string            `json:"id"`
			Type         string            `json:"type"`
			Rank         int               `json:"rank"`
			Label        map[string]string `json:"label"`
			Choices      []json.RawMessage `json:"choices"`
			Relevant     string            `json:"relevant"`
			RelevantExpr json.RawMessage   `json:"relevant_expr"`
		} `json:"questions"`
	}
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatalf("survey JSON: %v", err)
	}
	if got.ID != sv.ID || got.Version != sv.Version || got.Version == "" {
		t.Errorf("survey id/version = %s/%s, want %s/%s", got.ID, got.Version, sv.ID, sv.Version)
	}
	if len(got.Questions) != len(sv.Questions) {
		t.Errorf("questions = %d, want %d", len(got.Questions), len(sv.Questions))
	}
	withExpr := 0
	for _, q := range got.Questions {
		switch q.ID {
		case "top_services":
			if q.Type != "rank" || q.Rank != 3 {
				t.Errorf("top_services = %s rank %d", q.Type, q.Rank)
			}
			if len(q.Choices) != len(sv.Question("top_services").Choices) {
				t.Errorf("top_services has %d choices inline, want %d", len(q.Choices), len(sv.Question("top_services").Choices))
			}
			for _, raw := range q.Choices {
				var c struct {
					ID    string            `json:"id"`
					Label map[string]string `json:"label"`
				}
				if err := json.Unmarshal(raw, &c); err != nil || c.ID == "" || c.Label["es"] == "" || c.Label["en"] == "" || c.Label["pt"] == "" {
					t.Errorf("rank choice is not an object with id and label: %s (%v)", raw, err)
				}
			}
		case "group":
			if len(q.Choices) == 0 || q.Label["pt"] == "" {
				t.Errorf("profile question group lacks choices or labels")
			}
		}
		if q.Relevant != "" {
			withExpr++
			var expr map[string]any
			if err := json.Unmarshal(q.RelevantExpr, &expr); err != nil || len(expr) == 0 {
				t.Errorf("%s: relevant_expr is not a JSON object: %s (%v)", q.ID, q.RelevantExpr, err)
			}
		}
	}
	if withExpr == 0 {
		t.Error("no question carries a relevant expression")
	}

	r = a.get("/api/consultations/nope/survey")
	if r.status != http.StatusNotFound || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("GET unknown survey = %d %s, want 404 JSON", r.status, r.header.Get("Content-Type"))
	}
}

func TestAPIResponses(t *testing.T) {
	a := newApp(t)
	sv := a.community()
	ctx := context.Background()
	post := func(consultation string, body any) *reply {
		return a.postJSON("/api/consultations/"+consultation+"/responses", body)
	}
	sub := func(id, lang string, change func(map[string]any)) submission {
		ans := apiAnswers()
		if change != nil {
			change(ans)
		}
		return submission{ID: id, SurveyVersion: sv.Version, Language: lang, Answers: ans}
	}
	const (
		idNew       = "0b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idBadChoice = "1b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idIrrel     = "2b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idVersion   = "3b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idLang      = "4b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idPT        = "5b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idBig       = "6b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idUnknownF  = "7b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idClosed    = "8b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idKiosk     = "9b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idOtherSes  = "ab6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idNoConsult = "bb6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
		idUpper     = "CB6A3C1E-8F2D-4A57-9C1B-2E4F6A8B0C13"
	)
	big := sub(idBig, "es", func(m map[string]any) { m["first_priority"] = strings.Repeat("a", 70<<10) })
	for _, tc := range []struct {
		name         string
		consultation string
		body         any
		status       int
		question     string // for 422: the question the first error names
		message      string // for 422: text its message contains
	}{
		{"new response", communityID, sub(idNew, "es", nil), 201, "", ""},
		{"identical replay", communityID, sub(idNew, "es", nil), 200, "", ""},
		{"same id, other content", communityID, sub(idNew, "es", func(m map[string]any) { m["safety_day"] = 1 }), 409, "", ""},
		{"unknown choice", communityID, sub(idBadChoice, "en", func(m map[string]any) { m["group"] = "martian" }),
			422, "group", `option "martian" is not one of this question's options`},
		{"answer to a question that does not apply", communityID, sub(idIrrel, "es", func(m map[string]any) { m["group"] = "host" }),
			422, "years_here", "no corresponde"},
		{"bad UUID", communityID, sub("not-a-uuid", "en", nil), 422, "id", "UUID"},
		{"unknown survey version", communityID,
			submission{ID: idVersion, SurveyVersion: "deadbeefdeadbeef", Language: "en", Answers: apiAnswers()},
			422, "survey_version", `survey version "deadbeefdeadbeef" is not known`},
		{"language not in the survey", communityID, sub(idLang, "fr", nil), 422, "language", `"fr"`},
		{"message in the submission's language", communityID,
			sub(idPT, "pt", func(m map[string]any) { m["barriers"] = []string{"documents", "documents"}; m["household_size"] = 99 }),
			422, "barriers", `a opção "documents" aparece duas vezes`},
		{"body over 64 KiB", communityID, big, 413, "", ""},
		{"malformed JSON", communityID, `{"id": "` + idUnknownF + `", "answers": {`, 400, "", ""},
		{"unknown top-level field", communityID,
			`{"id": "` + idUnknownF + `", "survey_version": "` + sv.Version + `", "language": "es", "answers": {}, "name": "Ana"}`, 400, "", ""},
		{"two JSON values", communityID,
			`{"id": "` + idUnknownF + `", "survey_version": "` + sv.Version + `", "language": "es", "answers": {}} {}`, 400, "", ""},
		{"unknown consultation", "nope", sub(idNoConsult, "es", nil), 404, "", ""},
		{"closed consultation without session", closedID, sub(idClosed, "es", nil), 409, "", ""},
		// A session id alone is not enough after closing: TestClosedConsultationTakesOnlyItsKiosks.
		{"closed consultation with its session but no kiosk key", closedID,
			submission{ID: idKiosk, SurveyVersion: sv.Version, Language: "pt", Session: closedSes, Answers: apiAnswers()}, 409, "", ""},
		{"session of another consultation", communityID,
			submission{ID: idOtherSes, SurveyVersion: sv.Version, Language: "es", Session: closedSes, Answers: apiAnswers()},
			422, "session", closedSes},
		{"upper-case UUID", communityID, sub(idUpper, "es", nil), 201, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := a.as(t).postJSON("/api/consultations/"+tc.consultation+"/responses", tc.body)
			if r.status != tc.status {
				t.Fatalf("status = %d, want %d\n%s", r.status, tc.status, r.body)
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type = %q, want JSON", r.header.Get("Content-Type"))
			}
			if tc.status == 422 {
				e := decodeErrors(t, r)
				if len(e.Errors) == 0 {
					t.Fatalf("422 without errors: %s", r.body)
				}
				found := false
				for _, fe := range e.Errors {
					if fe.Question == tc.question && strings.Contains(fe.Message, tc.message) {
						found = true
					}
					if fe.Question == "" || fe.Message == "" {
						t.Errorf("error without question or message: %+v", fe)
					}
				}
				if !found {
					t.Errorf("no error for %q saying %q in %s", tc.question, tc.message, r.body)
				}
			}
			if tc.status >= 400 && tc.status != 422 {
				if e := decodeErrors(t, r); e.Error == "" {
					t.Errorf("%d without an error message: %s", tc.status, r.body)
				}
			}
		})
	}

	// The message of every error is in the submission's language, Portuguese here.
	r := post(communityID, sub(idPT, "pt", func(m map[string]any) { m["household_size"] = 99; m["group"] = "marciano" }))
	for _, fe := range decodeErrors(t, r).Errors {
		if fe.Question == "household_size" && !strings.Contains(fe.Message, "o número não pode ser maior que 30") {
			t.Errorf("household_size message not in Portuguese: %q", fe.Message)
		}
		if fe.Question == "group" && !strings.Contains(fe.Message, `a opção "marciano" não existe`) {
			t.Errorf("group message not in Portuguese: %q", fe.Message)
		}
	}

	// The database holds exactly the responses that got 201.
	created := []string{idNew, strings.ToLower(idUpper)}
	if n := a.totalResponses(); n != len(created) {
		t.Errorf("stored responses = %d, want %d", n, len(created))
	}
	for _, id := range created {
		if _, _, err := a.st.StoredResponse(ctx, id); err != nil {
			t.Errorf("response %s that got 201 is not stored: %v", id, err)
		}
	}
	for _, id := range []string{idBadChoice, idIrrel, idVersion, idLang, idPT, idBig, idUnknownF, idClosed, idKiosk, idOtherSes, idNoConsult} {
		if _, _, err := a.st.StoredResponse(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("refused response %s is stored (%v)", id, err)
		}
	}
	// The replay with other content did not touch the original.
	_, rows, _ := a.st.StoredResponse(ctx, idNew)
	if sd := rows["safety_day"]; len(sd) != 1 || sd[0].Number == nil || *sd[0].Number != 4 {
		t.Errorf("safety_day of the original = %+v, want 4", sd)
	}
	first, _, _ := a.st.StoredResponse(ctx, idNew)
	want := survey.Profile{Group: "displaced", Gender: "female", AgeBand: "age_18_29", Disability: survey.WithDis}
	if first.Profile != want || first.Channel != store.Link {
		t.Errorf("API response = %+v, want profile %+v by link", first, want)
	}
}

func TestAPIAcceptsOlderSurveyVersion(t *testing.T) {
	a := newApp(t)
	cur := a.community()
	// The older file had one more service, "library", that the current file dropped.
	src := strings.Replace(string(cur.Source), "\n  barriers:\n",
		"\n    - id: library\n      label: {es: \"Biblioteca\", en: \"Library\", pt: \"Biblioteca\"}\n\n  barriers:\n", 1)
	old, problems := survey.Parse("community-consultation.yaml", []byte(src))
	if len(problems) > 0 {
		t.Fatalf("older version: %v", problems)
	}
	if old.ID != cur.ID || old.Version == cur.Version || old.Question("top_services").Choice("library") == nil {
		t.Fatalf("older version not as intended: %s %s", old.ID, old.Version)
	}
	if err := a.st.SaveSurvey(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	ans := apiAnswers()
	ans["top_services"] = []string{"library", "health"}
	const id = "d0c0ffee-1234-4abc-8def-0123456789ab"
	r := a.postJSON("/api/consultations/c-community/responses",
		submission{ID: id, SurveyVersion: old.Version, Language: "es", Answers: ans})
	if r.status != http.StatusCreated {
		t.Fatalf("response with the older version = %d, want 201: %s", r.status, r.body)
	}
	stored, rows, err := a.st.StoredResponse(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if stored.SurveyVersion != old.Version {
		t.Errorf("stored with version %s, want the older %s", stored.SurveyVersion, old.Version)
	}
	if ts := rows["top_services"]; len(ts) != 2 || ts[0].Choice != "library" || ts[0].Position != 1 {
		t.Errorf("top_services rows = %+v", ts)
	}
	// The same answers under the current version are checked against the current file.
	r = a.postJSON("/api/consultations/c-community/responses",
		submission{ID: "d1c0ffee-1234-4abc-8def-0123456789ab", SurveyVersion: cur.Version, Language: "es", Answers: ans})
	if r.status != http.StatusUnprocessableEntity {
		t.Errorf("choice missing from the current version = %d, want 422", r.status)
	}
	// The older version of one survey is not a version of another.
	r = a.postJSON("/api/consultations/c-child/responses",
		submission{ID: "d2c0ffee-1234-4abc-8def-0123456789ab", SurveyVersion: old.Version, Language: "es", Answers: map[string]any{}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "survey_version") {
		t.Errorf("another survey's version = %d %s, want 422 on survey_version", r.status, r.body)
	}
}

func TestSecurityHeadersAndStaticFiles(t *testing.T) {
	a := newApp(t)
	r := a.get("/c/c-community")
	h := r.header
	csp := h.Get("Content-Security-Policy")
	if csp == "" {
		t.Fatal("no Content-Security-Policy")
	}
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	script, ok := directives["script-src"]
	if !ok {
		script = directives["default-src"]
	}
	if strings.Contains(script, "'unsafe-inline'") || strings.Contains(script, "'unsafe-eval'") || strings.Contains(script, "*") {
		t.Errorf("script-src allows inline or foreign scripts: %q", script)
	}
	if directives["frame-ancestors"] != "'none'" {
		t.Errorf("frame-ancestors = %q, want 'none'", directives["frame-ancestors"])
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", h.Get("X-Content-Type-Options"))
	}
	if h.Get("Referrer-Policy") == "" {
		t.Error("no Referrer-Policy")
	}
	// No inline script: every <script> either has a src or is a JSON data island.
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(r.body, -1) {
		if !strings.Contains(tag, ` src="`) && !strings.Contains(tag, `type="application/json"`) {
			t.Errorf("inline script in the page: %s", tag)
		}
	}
	for _, path := range []string{"/", "/healthz", "/api/consultations/c-community/survey", "/nope"} {
		if got := a.get(path).header.Get("Content-Security-Policy"); got == "" {
			t.Errorf("%s has no Content-Security-Policy", path)
		}
	}

	urls := staticURLs(r.body)
	var css string
	for _, u := range urls {
		if strings.HasSuffix(u, "/css/app.css") {
			css = u
		}
	}
	if css == "" {
		t.Fatalf("the page does not link css/app.css: %q", urls)
	}
	content, err := fs.ReadFile(static.FS, "css/app.css")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	parts := strings.Split(css, "/") // "", "static", sum, "css", "app.css"
	if len(parts) != 5 || len(parts[2]) < 8 || !strings.HasPrefix(hex.EncodeToString(sum[:]), parts[2]) {
		t.Errorf("static URL %s does not carry the file's checksum", css)
	}

	plain := a.get(css)
	if plain.status != http.StatusOK || plain.body != string(content) {
		t.Fatalf("GET %s = %d, %d bytes; want the file", css, plain.status, len(plain.body))
	}
	if cc := plain.header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("Cache-Control = %q, want max-age=31536000", cc)
	}
	if !strings.HasPrefix(plain.header.Get("Content-Type"), "text/css") {
		t.Errorf("Content-Type = %q", plain.header.Get("Content-Type"))
	}
	etag := plain.header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if plain.header.Get("Content-Encoding") != "" {
		t.Errorf("compressed without Accept-Encoding: %q", plain.header.Get("Content-Encoding"))
	}
	notModified := a.get(css, "If-None-Match", etag)
	if notModified.status != http.StatusNotModified || len(notModified.raw) != 0 {
		t.Errorf("If-None-Match = %d with %d bytes, want 304 and no body", notModified.status, len(notModified.raw))
	}
	zipped := a.get(css, "Accept-Encoding", "gzip")
	if zipped.header.Get("Content-Encoding") != "gzip" || zipped.body != string(content) {
		t.Errorf("Accept-Encoding gzip: Content-Encoding %q, body equal %v", zipped.header.Get("Content-Encoding"), zipped.body == string(content))
	}
	if len(zipped.raw) >= len(content) {
		t.Errorf("gzipped CSS is %d bytes, the file %d", len(zipped.raw), len(content))
	}
	// Every static file the page refers to is served.
	for _, u := range urls {
		if r := a.get(u); r.status != http.StatusOK {
			t.Errorf("GET %s = %d", u, r.status)
		}
	}

	page := a.get("/c/c-community", "Accept-Encoding", "gzip")
	if page.header.Get("Content-Encoding") != "gzip" || !strings.Contains(page.body, `<html lang="es">`) {
		t.Errorf("page with Accept-Encoding gzip: Content-Encoding %q", page.header.Get("Content-Encoding"))
	}
	if !strings.Contains(page.header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("gzipped page without Vary: Accept-Encoding")
	}
	api := a.get("/api/consultations/c-community/survey", "Accept-Encoding", "gzip")
	if api.header.Get("Content-Encoding") != "gzip" || !json.Valid([]byte(api.body)) {
		t.Errorf("API with Accept-Encoding gzip: Content-Encoding %q, valid JSON %v", api.header.Get("Content-Encoding"), json.Valid([]byte(api.body)))
	}
	// A short answer (a stored response's) goes as it is: compressing it costs more than it saves.
	body, _ := json.Marshal(submission{ID: "2c6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13", SurveyVersion: a.community().Version,
		Language: "es", Answers: apiAnswers()})
	req := a.request(http.MethodPost, "/api/consultations/c-community/responses", strings.NewReader(string(body)),
		"Content-Type", "application/json", "Accept-Encoding", "gzip")
	stored := a.do(req)
	if stored.status != http.StatusCreated || stored.header.Get("Content-Encoding") != "" ||
		stored.header.Get("Content-Length") != strconv.Itoa(len(stored.raw)) || !strings.Contains(stored.body, `"created"`) {
		t.Errorf("stored response with Accept-Encoding gzip: %d, Content-Encoding %q, Content-Length %q for %d bytes: %s",
			stored.status, stored.header.Get("Content-Encoding"), stored.header.Get("Content-Length"), len(stored.raw), stored.body)
	}
}

// A link to a closed consultation must say so at once, not let a person answer every question
// and refuse the answers at the end.
func TestClosedConsultationPage(t *testing.T) {
	a := newApp(t)
	r := a.get("/c/c-closed?lang=en")
	if strings.Contains(r.body, `<form id="survey-form"`) {
		t.Errorf("GET /c/c-closed = %d shows the survey form of a closed consultation", r.status)
	}
	// The data island carries every message for the script; what the person reads is before it.
	if txt, _, _ := strings.Cut(r.text(), `<script type="application/json"`); !strings.Contains(txt, "no longer takes answers") &&
		!strings.Contains(txt, "not open") {
		t.Errorf("GET /c/c-closed = %d does not say the consultation is closed", r.status)
	}
	// Posting to it anyway is refused and stores nothing.
	form := url.Values{"_id": {"0b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"}, "_version": {a.community().Version}, "_lang": {"en"},
		"group": {"host"}, "gender": {"male"}, "age_band": {"age_30_59"}}
	res := a.postForm("/c/c-closed", form)
	if txt := res.text(); res.status != http.StatusConflict || !(strings.Contains(txt, "not open") || strings.Contains(txt, "no está abierta")) {
		t.Errorf("POST to a closed consultation = %d, want 409 saying it is not open", res.status)
	}
	if n := a.totalResponses(); n != 0 {
		t.Errorf("a closed consultation stored %d responses", n)
	}
}

func TestFormTooLarge(t *testing.T) {
	a := newApp(t)
	r := a.get("/c/c-community")
	form := url.Values{"_id": {hidden(t, r.body, "_id")}, "_version": {hidden(t, r.body, "_version")}, "_lang": {"es"},
		"group": {"host"}, "gender": {"male"}, "age_band": {"age_30_59"}, "first_priority": {strings.Repeat("x", 70<<10)}}
	if res := a.postForm("/c/c-community", form); res.status != http.StatusRequestEntityTooLarge {
		t.Errorf("POST of a form over 64 KiB = %d, want 413", res.status)
	}
	if n := a.totalResponses(); n != 0 {
		t.Errorf("a form over 64 KiB stored %d responses", n)
	}
}

func TestCrossSiteFormPostIsRefused(t *testing.T) {
	a := newApp(t)
	r := a.get("/c/c-community")
	form := url.Values{"_id": {hidden(t, r.body, "_id")}, "_version": {hidden(t, r.body, "_version")}, "_lang": {"es"},
		"group": {"host"}, "gender": {"male"}, "age_band": {"age_30_59"}}
	res := a.do(a.request(http.MethodPost, "/c/c-community", strings.NewReader(form.Encode()),
		"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"))
	if res.status != http.StatusForbidden {
		t.Errorf("cross-site POST = %d, want 403", res.status)
	}
	if n := a.totalResponses(); n != 0 {
		t.Errorf("cross-site POST stored %d responses", n)
	}
}

func TestHTMLInAnswersIsNeverRendered(t *testing.T) {
	a := newApp(t)
	const payload = `<script>alert(1)</script>`
	escaped := "&lt;script&gt;alert(1)&lt;/script&gt;"
	r := a.get("/c/c-community?lang=en")
	id := hidden(t, r.body, "_id")
	form := url.Values{"_id": {id}, "_version": {hidden(t, r.body, "_version")}, "_lang": {"en"},
		"group": {"host"}, "gender": {"female"}, "age_band": {"age_30_59"}, "first_priority": {payload}}

	var pages []*reply
	// Re-rendered pages echo what was posted: after a language switch and after an error.
	sw := url.Values{}
	for k, v := range form {
		sw[k] = v
	}
	sw.Set("_switch", "pt")
	sw.Set("_session", payload)
	pages = append(pages, a.postForm("/c/c-community", sw))
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Del("gender")
	bad.Set("household_size", payload)
	bad.Set("group", payload)
	invalid := a.postForm("/c/c-community", bad)
	if invalid.status != http.StatusUnprocessableEntity {
		t.Errorf("invalid form with HTML = %d, want 422", invalid.status)
	}
	pages = append(pages, invalid)
	if !strings.Contains(invalid.body, escaped) {
		t.Error("the posted text is not shown back, escaped, on the error page")
	}

	res := a.postForm("/c/c-community", form)
	if res.status != http.StatusSeeOther {
		t.Fatalf("POST = %d, want 303: %s", res.status, errorSummary(res.text()))
	}
	var stored string
	if err := a.db().QueryRow(`SELECT text FROM answers
		WHERE rid = (SELECT rid FROM responses WHERE id = ?) AND question = 'first_priority'`, id).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != payload {
		t.Errorf("stored text = %q, want it as posted: %q", stored, payload)
	}

	// The API takes it too, and its answers never carry it back unescaped.
	ans := apiAnswers()
	ans["first_priority"] = payload
	apiRes := a.postJSON("/api/consultations/c-community/responses",
		submission{ID: "e0c0ffee-1234-4abc-8def-0123456789ab", SurveyVersion: a.community().Version, Language: "es", Answers: ans})
	if apiRes.status != http.StatusCreated {
		t.Errorf("API POST = %d", apiRes.status)
	}
	ans["group"] = payload
	pages = append(pages, apiRes, a.postJSON("/api/consultations/c-community/responses",
		submission{ID: "e1c0ffee-1234-4abc-8def-0123456789ab", SurveyVersion: a.community().Version, Language: "es", Answers: ans}))

	for _, path := range []string{"/", "/?lang=en", "/c/c-community", "/c/c-community?lang=en", "/c/c-community/thanks?lang=en",
		"/api/consultations/c-community/survey", "/c/" + url.PathEscape(payload), "/api/consultations/" + url.PathEscape(payload) + "/survey"} {
		pages = append(pages, a.get(path))
	}
	for i, p := range pages {
		if strings.Contains(p.body, payload) || strings.Contains(strings.ToLower(p.body), "<script>alert") {
			t.Errorf("page %d (status %d) carries the HTML unescaped", i, p.status)
		}
	}
}
