package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

// startedPlan is a plan of A imported from goodSheet (S2 1, S1 2, E1 3) with its validation
// round started and answered once per language by adults.
func startedPlan(t *testing.T) (*twoTowns, *ttClient, *plan.Plan) {
	t.Helper()
	w, c, p := newPlanWorld(t)
	sheet := strings.ReplaceAll(goodSheet, "c-community/", ttConsA+"/")
	if r := w.uploadSheet(c, fmt.Sprintf("/plans/%d/import", p.ID), "plan.csv", []byte(sheet), "es"); r.status != http.StatusSeeOther {
		t.Fatalf("import: %d %s", r.status, problemsOf(r))
	}
	if r := w.send(c, fmt.Sprintf("/plans/%d/validation", p.ID), url.Values{"child": {"yes"}}); r.status != http.StatusSeeOther {
		t.Fatalf("start validation: %d %s", r.status, ttFlash(r))
	}
	got, err := w.st.Plan(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	dl := w.open(c, fmt.Sprintf("/plans/%d/survey/adult.yaml", p.ID))
	sv, probs := survey.Parse("adult.yaml", []byte(dl.body))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	anon := w.client("respondent", "")
	for _, lang := range []string{"es", "en", "pt"} {
		form := url.Values{"_id": {ttUUID()}, "_version": {sv.Version}, "_lang": {lang},
			"group": {"displaced"}, "gender": {"female"}, "age_band": {"age_30_59"},
			"agree_s1": {"agree"}, "agree_s2": {"disagree"}, "agree_e1": {"not_sure"},
			"top3.1": {"s1"}, "top3.2": {"e1"}, "top3.3": {"s2"}, "missing": {"Un puente colgante"}}
		for _, d := range survey.WashingtonGroup {
			form.Set(d, "no_difficulty")
		}
		if r := w.send(anon, "/c/"+got.AdultConsultation, form); r.status != http.StatusSeeOther {
			t.Fatalf("%s: adult answer %d", lang, r.status)
		}
	}
	return w, c, got
}

// decisionValues is the decision form: S1 up to 1, S2 down to 2, E1 dropped (with its reasons),
// a playground added at 3 from "missing".
func decisionValues(version, publish string) url.Values {
	return url.Values{"rows": {"5"}, "version": {version}, "publish": {publish},
		"code_0": {"S2"}, "kind_0": {"moved_down"}, "order_0": {"2"}, "reason_es_0": {"La red de agua ya tiene fondos del Estado"},
		"code_1": {"S1"}, "kind_1": {"moved_up"}, "order_1": {"1"}, "reason_es_1": {"Fue lo más apoyado"}, "reason_en_1": {"It had the most support"},
		"code_2": {"E1"}, "kind_2": {"dropped"}, "reason_es_2": {"Las becas las paga el ministerio"}, "reason_en_2": {"The ministry pays the grants"},
		"child_reason_es_2": {"Otro grupo ya paga las becas."}, "child_reason_en_2": {"Someone else already pays for the grants."},
		"code_3": {"P1"}, "kind_3": {"added"}, "order_3": {"3"}, "axis_3": {"E2"}, "icon_3": {"playground"},
		"title_es_3": {"Parque infantil"}, "title_en_3": {"Playground"}, "reason_es_3": {"Muchas personas dijeron que faltaba"},
		"child_reason_es_3": {"Tú nos dijiste que faltaba un lugar para jugar."},
		"kind_4":            {"added"}}
}

// TestDecisionPublishAndVersions: decisions are drafted, refused when incomplete, published
// together (the plan becomes validated, audited), frozen once published; a new version can be
// drafted; the versions page, the council's plan and the API show the diff.
func TestDecisionPublishAndVersions(t *testing.T) {
	w, c, p := startedPlan(t)
	base := fmt.Sprintf("/plans/%d", p.ID)
	if r := w.open(c, base+"/decisions?lang=es"); r.status != 200 || !strings.Contains(r.text(), "Becas escolares") {
		t.Fatalf("decision form: %d", r.status)
	}
	// A "no" without the child's reason is refused, and nothing is stored.
	bad := decisionValues("0", "1")
	bad.Del("child_reason_es_2")
	bad.Del("child_reason_en_2")
	before := w.dump()
	for lang, want := range map[string]string{"es": "a niñas y niños hay que decirles por qué no", "en": "children must be told why not",
		"pt": "às crianças é preciso dizer por que não"} {
		r := w.send(c, base+"/decisions?lang="+lang, bad)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), want) {
			t.Errorf("%s: %d, want 422 saying %q", lang, r.status, want)
		}
	}
	if diff := ttDumpDiff(before, w.dump()); diff != "" {
		t.Errorf("refused decisions changed the database: %s", diff)
	}
	// A draft, then publishing it.
	if r := w.send(c, base+"/decisions", decisionValues("0", "0")); r.status != http.StatusSeeOther {
		t.Fatalf("draft: %d %s", r.status, ttClip(r.text(), 300))
	}
	vs, _ := w.st.Versions(context.Background(), p.ID)
	if len(vs) != 1 || vs[0].State != plan.VersionDraft || len(vs[0].Decisions) != 4 {
		t.Fatalf("after the draft: %+v", vs)
	}
	if r := w.send(c, base+"/decisions", decisionValues("1", "1")); r.status != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", r.status, ttClip(r.text(), 600))
	}
	got, _ := w.st.Plan(context.Background(), p.ID)
	if got.State != plan.Validated || got.History[len(got.History)-1].State != plan.Validated || got.History[len(got.History)-1].By == "-" {
		t.Errorf("plan after publishing: %s %+v", got.State, got.History)
	}
	vs, _ = w.st.Versions(context.Background(), p.ID)
	if len(vs) != 1 || !vs[0].Published() || vs[0].PublishedAt == nil || len(vs[0].Items) != 3 || vs[0].Items[0].Code != "S1" ||
		vs[0].Items[2].Code != "P1" {
		t.Fatalf("published version: %+v", vs[0])
	}
	audited := false
	for _, e := range w.auditLog() {
		audited = audited || e.Action == "plan.publish" && e.Target == fmt.Sprintf("%d/v1", p.ID)
	}
	if !audited {
		t.Errorf("publishing is not in the audit log")
	}
	// A published version never changes.
	changed := decisionValues("1", "0")
	changed.Set("reason_es_1", "Otra razón")
	if r := w.send(c, base+"/decisions", changed); r.status != http.StatusConflict {
		t.Errorf("changing a published version: %d, want 409", r.status)
	}
	if r := w.send(c, base+"/decisions", decisionValues("1", "1")); r.status != http.StatusConflict {
		t.Errorf("publishing a published version again: %d, want 409", r.status)
	}
	again, _ := w.st.Versions(context.Background(), p.ID)
	if len(again) != 1 || again[0].Decision("S1").Reason["es"] != "Fue lo más apoyado" {
		t.Errorf("the published version changed: %+v", again)
	}
	// A new version may be drafted from the validated plan: keep everything, reword P1.
	next := url.Values{"rows": {"3"}, "version": {"0"}, "publish": {"0"},
		"code_0": {"S1"}, "kind_0": {"kept"}, "order_0": {"1"},
		"code_1": {"S2"}, "kind_1": {"kept"}, "order_1": {"2"},
		"code_2": {"P1"}, "kind_2": {"changed"}, "order_2": {"3"}, "title_es_2": {"Parque infantil con sombra"}, "reason_es_2": {"Lo pidieron"}}
	if r := w.send(c, base+"/decisions", next); r.status != http.StatusSeeOther {
		t.Fatalf("new draft: %d %s", r.status, ttClip(r.text(), 600))
	}
	vs, _ = w.st.Versions(context.Background(), p.ID)
	if len(vs) != 2 || vs[1].Number != 2 || vs[1].State != plan.VersionDraft || !vs[0].Published() {
		t.Errorf("after the new draft: %+v", vs)
	}
	// The versions page and the council's plan say what changed, in every language.
	for lang, want := range map[string][]string{
		"es": {"S1: pasa del lugar 2 al 1.", "E1: «Becas escolares» queda fuera del plan.", "P1: nueva, «Parque infantil», en el lugar 3.", "Porque Fue lo más apoyado"},
		"en": {"S1: moves from place 2 to 1.", `E1: "School grants" is left out of the plan.`, `P1: new, "Playground", at place 3.`, "Because It had the most support"},
		"pt": {"S1: passa do lugar 2 para o 1.", "P1: nova, «Parque infantil», no lugar 3."},
	} {
		for _, path := range []string{base + "/versions", base} {
			r := w.open(c, path+"?lang="+lang)
			text := strings.Join(strings.Fields(r.text()), " ")
			for _, s := range want {
				if r.status != 200 || !strings.Contains(text, s) {
					t.Errorf("%s %s: %d, does not say %q", path, lang, r.status, s)
				}
			}
			if strings.Contains(text, "%!") {
				t.Errorf("%s %s: formatting error", path, lang)
			}
		}
	}
	var api struct {
		State    string `json:"state"`
		Versions []struct {
			Number  int `json:"number"`
			Changes []struct {
				Kind string `json:"kind"`
			} `json:"changes"`
			Decisions []plan.Decision `json:"decisions"`
		} `json:"versions"`
	}
	{
		r := w.open(c, "/api"+base)
		if err := json.Unmarshal([]byte(r.body), &api); err != nil || api.State != plan.Validated || len(api.Versions) != 2 ||
			len(api.Versions[0].Changes) != 4 || len(api.Versions[0].Decisions) != 4 {
			t.Errorf("API: %v %s", err, ttClip(r.body, 500))
		}
	}
}

// TestDecisionReportBack: the public pages and JSON say what was decided and why, with
// protected shares only, never a free-text answer; statuses appear with their date; the
// follow-up round is an ordinary consultation linked from the page.
func TestDecisionReportBack(t *testing.T) {
	w, c, p := startedPlan(t)
	base := fmt.Sprintf("/plans/%d", p.ID)
	pub := fmt.Sprintf("/p/%d", p.ID)
	anon := w.client("visitor", "")
	if r := w.open(anon, pub); r.status != http.StatusNotFound {
		t.Errorf("report back before publishing: %d, want 404", r.status)
	}
	if r := w.send(c, base+"/decisions", decisionValues("0", "1")); r.status != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", r.status, ttClip(r.text(), 600))
	}
	if r := w.send(c, base+"/items/S1/status", url.Values{"status": {"in_progress"}, "progress": {"40"},
		"milestones": {"2027-03-01 | Obra iniciada | Works started | Obra iniciada | done\n2027-09-01 | Inauguración"}}); r.status != http.StatusSeeOther {
		t.Fatalf("status: %d %s", r.status, ttFlash(r))
	}
	if r := w.send(c, base+"/items/S1/status", url.Values{"status": {"in_progress"}, "progress": {"140"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("progress 140: %d, want 422", r.status)
	}
	if r := w.send(c, base+"/items/E1/status", url.Values{"status": {"done"}, "progress": {"100"}}); r.status != http.StatusNotFound {
		t.Errorf("status of a dropped item: %d, want 404", r.status)
	}
	if r := w.send(c, base+"/followup", url.Values{}); r.status != http.StatusSeeOther {
		t.Fatalf("follow-up: %d %s", r.status, ttFlash(r))
	}
	fu, _ := w.st.FollowUp(context.Background(), p.ID)
	if fu == "" {
		t.Fatal("no follow-up consultation")
	}
	for lang, want := range map[string][]string{
		"es": {"Decidimos", "La subimos", "Porque", "Fue lo más apoyado", "No va en el plan", "Las becas las paga el ministerio", "Parque infantil", "En marcha", "Obra iniciada", "¿Qué opina?"},
		"en": {"You said", "We decided", "We move it up", "Because", "It had the most support", "It is not in the plan", "In progress", "Works started", "Last update: "},
		"pt": {"Decidimos", "Subimos", "Não entra no plano", "Em andamento"},
	} {
		r := w.open(anon, pub+"?lang="+lang)
		text := strings.Join(strings.Fields(r.text()), " ")
		for _, s := range want {
			if r.status != 200 || !strings.Contains(text, s) {
				t.Errorf("adult page %s: %d, does not say %q", lang, r.status, s)
			}
		}
		if !strings.Contains(r.body, `href="/c/`+fu+`?lang=`+lang) {
			t.Errorf("adult page %s does not link the follow-up question", lang)
		}
		if strings.Contains(text, "Un puente") || strings.Contains(text, "%!") {
			t.Errorf("adult page %s shows a free-text answer or a formatting error", lang)
		}
	}
	for lang, want := range map[string][]string{
		"es": {"Lo que decidimos con tus ideas", "No. Esta vez no.", "¿Por qué?", "Otro grupo ya paga las becas.", "Tú nos dijiste que faltaba un lugar para jugar.", "Ya empezamos."},
		"en": {"What we decided with your ideas", "No. Not this time.", "Why?", "Someone else already pays for the grants."},
		"pt": {"O que decidimos com as suas ideias", "Não. Desta vez não."},
	} {
		r := w.open(anon, pub+"/children?lang="+lang)
		text := strings.Join(strings.Fields(r.text()), " ")
		for _, s := range want {
			if r.status != 200 || !strings.Contains(text, s) {
				t.Errorf("child page %s: %d, does not say %q", lang, r.status, s)
			}
		}
	}
	if r := w.open(anon, pub+"/poster?lang=es"); r.status != 200 || !strings.Contains(r.body, `src="data:image/png;base64,`) {
		t.Errorf("poster: %d without its QR code", r.status)
	}
	// The JSON has what the page shows and nothing else: no free text, no names.
	r := w.open(anon, "/api/public/plans/"+strings.TrimPrefix(pub, "/p/"))
	var out struct {
		Items []struct {
			Code     string       `json:"code"`
			Decision string       `json:"decision"`
			Reason   survey.Label `json:"reason"`
			Agree    *plan.Share  `json:"agree"`
			Status   *struct {
				Progress int `json:"progress"`
			} `json:"status"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(r.body), &out); err != nil || len(out.Items) != 4 || out.Items[0].Code != "S1" || out.Items[0].Status == nil ||
		out.Items[0].Status.Progress != 40 || out.Items[3].Decision != plan.Dropped {
		t.Errorf("public JSON: %v %s", err, ttClip(r.body, 600))
	}
	for _, never := range []string{"Un puente", "planner", ttPlannerA} {
		if strings.Contains(r.body, never) {
			t.Errorf("public JSON says %q", never)
		}
	}
	// The round's "what we heard" page leads to the report back.
	if r := w.open(anon, "/c/"+p.AdultConsultation+"/heard?lang=es"); !strings.Contains(r.body, pub+"?lang=es") {
		t.Errorf("what we heard (%d) does not link the report back", r.status)
	}
	if r := w.open(anon, "/c/"+p.ChildConsultation+"/heard?lang=es"); !strings.Contains(r.body, pub+"/children?lang=es") {
		t.Errorf("children's what we heard (%d) does not link the children's report back", r.status)
	}
	// The follow-up is an ordinary consultation: answered anonymously, counted, texts for planners.
	page := w.open(anon, "/c/"+fu+"?lang=es")
	if page.status != 200 || !strings.Contains(page.text(), "¿Estás de acuerdo con lo que se decidió?") {
		t.Fatalf("follow-up page: %d", page.status)
	}
	fsv, probs := survey.Parse("f.yaml", plan.FollowUpSurvey(p))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	form := url.Values{"_id": {ttUUID()}, "_version": {fsv.Version}, "_lang": {"es"}, "group": {"host"}, "gender": {"male"},
		"age_band": {"age_18_29"}, plan.FollowUpAgree: {plan.Yes}, plan.FollowUpTell: {"Que arreglen el puente"}}
	for _, d := range survey.WashingtonGroup {
		form.Set(d, "no_difficulty")
	}
	if r := w.send(anon, "/c/"+fu, form); r.status != http.StatusSeeOther {
		t.Errorf("follow-up answer: %d %s", r.status, ttClip(r.text(), 400))
	}
	if r := w.open(c, "/consultations/"+fu+"/texts"); r.status != 200 || !strings.Contains(r.text(), "Que arreglen el puente") {
		t.Errorf("follow-up texts for planners: %d", r.status)
	}
}
