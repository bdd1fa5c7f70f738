package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

// uploadSheet posts a sheet to a plan's import form as a browser does.
func (w *twoTowns) uploadSheet(c *ttClient, path, name string, body []byte, lang string) *reply {
	w.t.Helper()
	return w.uploadFile(c, path+"?lang="+lang, "sheet", name, body)
}

const goodSheet = `code,axis,axis_es,axis_en,title_es,title_en,summary_es,summary_en,child_summary_es,icon,order,budget,currency,unit,evidence
S1,E1,Servicios,Services,Ampliar el puesto de salud,Extend the health post,Más consultorios y horario de tarde,More rooms and evening hours,Un lugar para curarte,health,2,150000000,CRC,Salud,c-community/top_services/health
S2,E1,Servicios,Services,Agua potable,Drinking water,Red de agua para los barrios altos,Water network for the upper neighbourhoods,,water,1,,,Acueductos,
E1,E2,Educación,Education,Becas escolares,School grants,Becas para que nadie deje la escuela,Grants so nobody leaves school,Ayuda para ir a la escuela,school,3,,,Educación,
`

func newPlanWorld(t *testing.T) (*twoTowns, *ttClient, *plan.Plan) {
	t.Helper()
	w := newTwoTowns(t, ttOptions{})
	// A community consultation of A to draw evidence from, as the fixture has for Los Chiles.
	p := &plan.Plan{MunicipalityID: w.muniA, Title: survey.Label{"es": "Plan de Los Chiles", "en": "Los Chiles plan"},
		Period: survey.Label{"es": "2027–2030"}}
	if err := w.st.CreatePlan(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
	return w, w.signedIn("planner", ttPlannerA), p
}

func TestPlanImportRefusesBadSheets(t *testing.T) {
	w, c, p := newPlanWorld(t)
	path := fmt.Sprintf("/plans/%d/import", p.ID)
	sheet := strings.ReplaceAll(goodSheet, "c-community/", ttConsA+"/")
	long := strings.Repeat("a", plan.MaxSummary+1)
	cases := []struct {
		name, sheet string
		want        map[string]string // language -> text the page must say
	}{
		{"missing column", strings.Replace(sheet, "icon,order", "picture,order", 1), map[string]string{
			"es": "Fila 1, columna icon: falta esta columna.", "en": "Row 1, column icon: this column is missing.",
			"pt": "Linha 1, coluna icon: falta esta coluna."}},
		{"duplicate code", strings.Replace(sheet, "\nS2,", "\nS1,", 1), map[string]string{
			"es": "Fila 3, columna code: el código «S1» ya se usa en la fila 2.", "en": `Row 3, column code: the code "S1" is already used in row 2.`,
			"pt": "Linha 3, coluna code: o código «S1» já é usado na linha 2."}},
		{"unknown icon", strings.Replace(sheet, ",water,", ",rocket,", 1), map[string]string{
			"es": "Fila 3, columna icon: no tenemos el ícono «rocket»", "en": `Row 3, column icon: we have no icon "rocket"`,
			"pt": "Linha 3, coluna icon: não temos o ícone «rocket»"}},
		{"too long", strings.Replace(sheet, "Becas para que nadie deje la escuela", long, 1), map[string]string{
			"es": fmt.Sprintf("Fila 4, columna summary_es: el texto es demasiado largo (como máximo %d caracteres, tiene %d).", plan.MaxSummary, plan.MaxSummary+1),
			"en": fmt.Sprintf("Row 4, column summary_es: the text is too long (at most %d characters, it has %d).", plan.MaxSummary, plan.MaxSummary+1),
			"pt": fmt.Sprintf("Linha 4, coluna summary_es: o texto é longo demais (no máximo %d caracteres, tem %d).", plan.MaxSummary, plan.MaxSummary+1)}},
		{"evidence of another municipality", strings.Replace(sheet, ttConsA+"/", ttConsB+"/", 1), map[string]string{
			"en": fmt.Sprintf(`Row 2, column evidence: there is no consultation "%s" in this municipality.`, ttConsB)}},
	}
	before := w.dump()
	for _, tc := range cases {
		for lang, want := range tc.want {
			r := w.uploadSheet(c, path, "plan.csv", []byte(tc.sheet), lang)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), want) {
				t.Errorf("%s (%s): %d, want 422 saying %q; got %s", tc.name, lang, r.status, want, ttClip(problemsOf(r), 400))
			}
		}
	}
	if diff := ttDumpDiff(before, w.dump()); diff != "" {
		t.Errorf("a refused sheet changed the database: %s", diff)
	}
	// The good sheet, as CSV with semicolons and as XLSX, replaces the plan's items at once.
	semi := strings.ReplaceAll(strings.ReplaceAll(sheet, ",", ";"), ";;", ";;")
	if r := w.uploadSheet(c, path, "plan.csv", []byte(semi), "es"); r.status != http.StatusSeeOther {
		t.Fatalf("good CSV: %d %s", r.status, problemsOf(r))
	}
	got, _ := w.st.Plan(context.Background(), p.ID)
	if len(got.Items) != 3 || len(got.Axes) != 2 || got.Items[0].Code != "S2" || got.Item("S1").Evidence[0].Choice != "health" ||
		*got.Item("S1").Budget != 150000000 || got.Item("E1").ChildSummary["es"] != "Ayuda para ir a la escuela" {
		t.Errorf("imported plan = %+v", got)
	}
	f := excelize.NewFile()
	for i, line := range strings.Split(strings.TrimSpace(strings.Replace(sheet, "Agua potable", "Agua para todos", 1)), "\n") {
		cells := strings.Split(line, ",")
		for j, v := range cells {
			name, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Sheet1", name, v)
		}
	}
	var xb bytes.Buffer
	f.Write(&xb)
	if r := w.uploadSheet(c, path, "plan.xlsx", xb.Bytes(), "en"); r.status != http.StatusSeeOther {
		t.Fatalf("good XLSX: %d %s", r.status, problemsOf(r))
	}
	got, _ = w.st.Plan(context.Background(), p.ID)
	if got.Item("S2").Title["es"] != "Agua para todos" {
		t.Errorf("XLSX import: %+v", got.Item("S2"))
	}
	if a := w.auditLog(); a[0].Action != "plan.import" {
		t.Errorf("last audit = %s", a[0].Action)
	}
}

var problemsRe = regexp.MustCompile(`(?s)<div class="error" role="alert" id="import-problems">.*?</div>`)

func problemsOf(r *reply) string {
	if m := problemsRe.FindString(r.body); m != "" {
		return m
	}
	return ttClip(r.text(), 300)
}

// TestPlanValidationRound: the generated surveys are ordinary consultations answered through
// the pages in every language, adults and children; the plan page and the API then report them.
func TestPlanValidationRound(t *testing.T) {
	w, c, p := newPlanWorld(t)
	sheet := strings.ReplaceAll(goodSheet, "c-community/", ttConsA+"/")
	if r := w.uploadSheet(c, fmt.Sprintf("/plans/%d/import", p.ID), "plan.csv", []byte(sheet), "es"); r.status != http.StatusSeeOther {
		t.Fatalf("import: %d %s", r.status, problemsOf(r))
	}
	// Moving an item to first place renumbers the others around it (sheet: S2 1, S1 2, E1 3).
	move := url.Values{"code": {"E1"}, "axis": {"E2"}, "title_es": {"Becas escolares"}, "summary_es": {"Becas para que nadie deje la escuela"},
		"icon": {"school"}, "order": {"1"}}
	if r := w.send(c, fmt.Sprintf("/plans/%d/items/E1", p.ID), move); r.status != http.StatusSeeOther {
		t.Fatalf("move E1: %d %s", r.status, ttClip(r.text(), 300))
	}
	moved, _ := w.st.Plan(context.Background(), p.ID)
	if o := moved.Ordered(); o[0].Code != "E1" || o[1].Code != "S2" || o[2].Code != "S1" || o[2].Order != 3 {
		t.Errorf("order after moving E1 first: %s %s %s", o[0].Code, o[1].Code, o[2].Code)
	}
	// Before the round the planner may download the survey it would generate.
	if r := w.open(c, fmt.Sprintf("/plans/%d/survey/child.yaml", p.ID)); r.status != 200 || !strings.Contains(r.body, "face-5") {
		t.Fatalf("draft child survey: %d", r.status)
	}
	if r := w.send(c, fmt.Sprintf("/plans/%d/validation", p.ID), url.Values{"child": {"yes"}}); r.status != http.StatusSeeOther {
		t.Fatalf("start validation: %d %s", r.status, ttFlash(r))
	}
	got, err := w.st.Plan(context.Background(), p.ID)
	if err != nil || got.State != plan.InValidation || got.AdultConsultation == "" || got.ChildConsultation == "" {
		t.Fatalf("plan after validation: %+v %v", got, err)
	}
	if ev := got.Item("S1").Evidence[0]; ev.Snapshot == nil || ev.Snapshot.TakenAt.IsZero() {
		t.Errorf("no evidence snapshot: %+v", ev)
	}
	// The downloaded file is the one the consultation runs.
	dl := w.open(c, fmt.Sprintf("/plans/%d/survey/adult.yaml", p.ID))
	sv, probs := survey.Parse("adult.yaml", []byte(dl.body))
	if len(probs) > 0 {
		t.Fatalf("downloaded survey: %v", probs)
	}
	anon := w.client("respondent", "")
	for _, lang := range []string{"es", "en", "pt"} {
		page := w.open(anon, "/c/"+got.AdultConsultation+"?lang="+lang)
		want := sv.Question(plan.AgreeQuestion("S1")).Label.In(lang)
		if page.status != 200 || !strings.Contains(page.text(), want) {
			t.Errorf("%s: adult survey page %d does not show %q", lang, page.status, want)
		}
		form := url.Values{"_id": {ttUUID()}, "_version": {sv.Version}, "_lang": {lang},
			"group": {"displaced"}, "gender": {"female"}, "age_band": {"age_30_59"},
			"agree_s1": {"agree"}, "agree_s2": {"disagree"}, "agree_e1": {"not_sure"},
			"top3.1": {"s1"}, "top3.2": {"e1"}, "top3.3": {"s2"}, "missing": {"Un puente"}}
		for _, d := range survey.WashingtonGroup {
			form.Set(d, "no_difficulty")
		}
		if r := w.send(anon, "/c/"+got.AdultConsultation, form); r.status != http.StatusSeeOther {
			t.Errorf("%s: adult answer %d: %s", lang, r.status, ttClip(r.text(), 500))
		}
	}
	// The child version: faces and the child summary.
	childC, _ := w.st.Consultation(context.Background(), got.ChildConsultation)
	page := w.open(anon, "/c/"+childC.ID+"?lang=es")
	if page.status != 200 || !strings.Contains(page.text(), "Un lugar para curarte") || !strings.Contains(page.body, "face-5") {
		t.Errorf("child survey page %d lacks the child summary or faces", page.status)
	}
	csv := w.open(c, fmt.Sprintf("/plans/%d/survey/child.yaml", p.ID))
	csvSurvey, probs := survey.Parse("child.yaml", []byte(csv.body))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for _, lang := range []string{"es", "en", "pt"} {
		form := url.Values{"_id": {ttUUID()}, "_version": {csvSurvey.Version}, "_lang": {lang}, "age_band": {"age_8_12"},
			"gender": {"male"}, "group": {"host"}, "agree_s1": {"agree"}, "top3.1": {"e1"}}
		if r := w.send(anon, "/c/"+childC.ID, form); r.status != http.StatusSeeOther {
			t.Errorf("%s: child answer %d: %s", lang, r.status, ttClip(r.text(), 500))
		}
	}
	// The council's page and the API read the round.
	for _, lang := range []string{"es", "en", "pt"} {
		r := w.open(c, fmt.Sprintf("/plans/%d?lang=%s", p.ID, lang))
		if r.status != 200 || !strings.Contains(r.body, `id="chart-plan-agreement"`) || !strings.Contains(r.body, `id="chart-plan-order"`) {
			t.Errorf("%s: plan page %d without its charts", lang, r.status)
		}
		if strings.Contains(r.text(), "%!") {
			t.Errorf("%s: plan page has a formatting error: %s", lang, ttClip(r.text()[strings.Index(r.text(), "%!"):], 200))
		}
	}
	api := w.open(c, fmt.Sprintf("/api/plans/%d", p.ID))
	var out struct {
		State      string `json:"state"`
		Validation struct {
			Adult struct {
				Respondents int `json:"respondents"`
				Items       []struct {
					Code string `json:"code"`
				} `json:"items"`
			} `json:"adult"`
		} `json:"validation"`
		Protection string `json:"protection"`
	}
	if err := json.Unmarshal([]byte(api.body), &out); err != nil || out.State != plan.InValidation || len(out.Validation.Adult.Items) != 3 || out.Protection == "" {
		t.Errorf("API: %v %s", err, ttClip(api.body, 400))
	}
	if strings.Contains(api.body, "Un puente") || strings.Contains(w.open(c, fmt.Sprintf("/plans/%d", p.ID)).text(), "Un puente") {
		t.Errorf("the API or the plan page shows a free-text answer")
	}
	// What people say is missing is read, by planners only, on the round's texts page; the round
	// is an ordinary consultation with sessions and a paper form too.
	if r := w.open(c, "/consultations/"+got.AdultConsultation+"/texts"); r.status != 200 || !strings.Contains(r.text(), "Un puente") {
		t.Errorf("texts page %d without the missing answer", r.status)
	}
	if r := w.open(anon, "/consultations/"+got.AdultConsultation+"/texts"); r.status == 200 {
		t.Errorf("texts page open to anyone")
	}
	if r := w.send(c, "/consultations/"+got.AdultConsultation+"/sessions", url.Values{"place": {"Salón comunal"}, "held_on": {"2026-12-01"}}); r.status != http.StatusSeeOther {
		t.Fatalf("session: %d", r.status)
	}
	loc := w.send(c, "/consultations/"+got.AdultConsultation+"/sessions", url.Values{"place": {"Escuela"}, "held_on": {"2026-12-02"}}).header.Get("Location")
	if r := w.open(c, loc+"/paper"); r.status != 200 || !strings.Contains(r.text(), sv.Question(plan.AgreeQuestion("S2")).Label.In("es")) {
		t.Errorf("paper form of the round (%s): %d", loc, r.status)
	}
}
