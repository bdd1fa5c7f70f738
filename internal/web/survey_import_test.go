package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"consulta/internal/survey"
	"consulta/internal/xlsform"
)

// upload posts a workbook to the survey import page as the browser's file field does.
func (w *twoTowns) upload(c *ttClient, name string, data []byte) *reply {
	w.t.Helper()
	return w.uploadFile(c, "/surveys/import", "form", name, data)
}

// uploadFile posts one file in a multipart form, from the same origin, as a browser does.
func (w *twoTowns) uploadFile(c *ttClient, path, field, name string, data []byte) *reply {
	w.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreateFormFile(field, name)
	if err != nil {
		w.t.Fatal(err)
	}
	part.Write(data)
	mw.Close()
	return w.call(c, http.MethodPost, path, &body, "Content-Type", mw.FormDataContentType(),
		"Sec-Fetch-Site", "same-origin", "Origin", w.url)
}

// ttWorkbook writes survey-sheet rows (headings first) as an .xlsx file.
func ttWorkbook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "survey")
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("survey", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var ttTextarea = regexp.MustCompile(`(?s)<textarea name="yaml" hidden>(.*?)</textarea>`)

// A planner uploads a form with a refused question (the problem is shown at its cell and
// nothing is stored), then a good one (shown, saved, audited), creates a consultation from it,
// and saves a changed version: the consultation runs the new version, the old one is kept.
func TestSurveyImportSaveAndRun(t *testing.T) {
	w := newTwoTowns(t, ttOptions{})
	ctx := context.Background()
	planner := w.signedIn("plan-A", ttPlannerA)
	other := w.signedIn("plan-B", ttPlannerB)

	before := w.dump()
	bad := ttWorkbook(t, []any{"type", "name", "label"}, []any{"text", "say", "Diga"}, []any{"image", "photo", "Foto de la casa"})
	r := w.upload(planner, "encuesta.xlsx", bad)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.text(), `survey, fila 3, columna A (type): el tipo "image" no está admitido`) ||
		!strings.Contains(r.text(), "No se ha guardado nada") || strings.Contains(r.body, `action="/surveys"`) {
		t.Fatalf("refused form: %d\n%s", r.status, ttClip(r.text(), 3000))
	}
	if diff := ttDumpDiff(before, w.dump()); diff != "" {
		t.Fatalf("an upload changed the database: %s", diff)
	}

	sv, ps := survey.Parse("agua.yaml", []byte(ttSmallSurvey("agua-upala")))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	book, err := xlsform.Export(sv)
	if err != nil {
		t.Fatal(err)
	}
	r = w.upload(planner, "agua.xlsx", book)
	if r.status != http.StatusOK || !strings.Contains(r.text(), "Encuesta agua-upala") || !strings.Contains(r.text(), "${water} = 'no'") {
		t.Fatalf("good form: %d\n%s", r.status, ttClip(r.text(), 3000))
	}
	m := ttTextarea.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatal("no survey file to save on the page")
	}
	src := html.UnescapeString(m[1])
	save := url.Values{"yaml": {strings.ReplaceAll(src, "\n", "\r\n")}, "file": {"agua.xlsx"}, "municipality": {strconv.FormatInt(w.muniA, 10)}}
	// Planner B may not save it for A, nor see it once saved.
	if r := w.send(other, "/surveys", save); r.status != http.StatusUnprocessableEntity {
		t.Errorf("planner B saving for A = %d", r.status)
	}
	r = w.send(planner, "/surveys", save)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/surveys/agua-upala" {
		t.Fatalf("save = %d to %q: %s", r.status, r.header.Get("Location"), ttFlash(r))
	}
	if e := w.auditLog()[0]; e.Action != "survey.save" || e.Target != "agua-upala" || e.MunicipalityID != w.muniA || e.UserName != ttPlannerA {
		t.Errorf("audit %+v", e)
	}
	page := w.open(planner, "/surveys/agua-upala")
	saved, err := w.st.MunicipalSurvey(ctx, "agua-upala")
	if err != nil {
		t.Fatal(err)
	}
	if page.status != 200 || !strings.Contains(page.text(), saved.Version) || string(saved.Source) != src {
		t.Errorf("survey page %d, version %s, same file %v", page.status, saved.Version, string(saved.Source) == src)
	}
	if r := w.open(other, "/surveys/agua-upala"); r.status != http.StatusNotFound {
		t.Errorf("planner B sees A's survey: %d", r.status)
	}
	if strings.Contains(w.open(other, "/surveys").text(), "agua-upala") {
		t.Error("planner B's survey list shows A's survey")
	}

	// A consultation runs it; B cannot create one with it.
	create := url.Values{"title": {"Agua en Upala"}, "survey": {"agua-upala"}, "municipality": {strconv.FormatInt(w.muniA, 10)},
		"status": {"open"}, "starts_on": {"2026-04-01"}, "idle_minutes": {"3"}}
	if r := w.send(other, "/consultations", url.Values{"title": {"Robo"}, "survey": {"agua-upala"}, "municipality": {strconv.FormatInt(w.muniB, 10)},
		"status": {"open"}, "idle_minutes": {"3"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("planner B creating a consultation with A's survey = %d", r.status)
	}
	r = w.send(planner, "/consultations", create)
	if r.status != http.StatusSeeOther {
		t.Fatalf("create consultation = %d: %s", r.status, ttFlash(r))
	}
	cons := strings.TrimPrefix(r.header.Get("Location"), "/consultations/")
	api := func() (version string, ids []string) {
		var got struct {
			Version   string `json:"version"`
			Questions []struct {
				ID string `json:"id"`
			} `json:"questions"`
		}
		r := w.open(w.client("anon", ""), "/api/consultations/"+cons+"/survey")
		if err := json.Unmarshal(r.raw, &got); err != nil {
			t.Fatalf("%d %s", r.status, r.body)
		}
		for _, q := range got.Questions {
			ids = append(ids, q.ID)
		}
		return got.Version, ids
	}
	if v, ids := api(); v != saved.Version || strings.Join(ids, " ") != "group gender water why" {
		t.Errorf("API survey %s %v, want %s", v, ids, saved.Version)
	}
	if r := w.open(planner, "/consultations/"+cons+"/xlsform.xlsx"); r.status != 200 || !bytes.HasPrefix(r.raw, []byte("PK")) {
		t.Errorf("consultation XLSForm = %d", r.status)
	}

	// A new version: the consultation runs it, the first stays in the store for older responses.
	changed := strings.Replace(src, "Do you have water?", "Do you have drinking water?", 1)
	if r := w.send(planner, "/surveys", url.Values{"yaml": {changed}, "municipality": {strconv.FormatInt(w.muniA, 10)}}); r.status != http.StatusSeeOther {
		t.Fatalf("second save = %d: %s", r.status, ttFlash(r))
	}
	v2, _ := api()
	if v2 == saved.Version {
		t.Error("the new version is not the current one")
	}
	if old, err := w.st.SurveySource(ctx, "agua-upala", saved.Version); err != nil || string(old) != src {
		t.Errorf("first version lost: %v", err)
	}
	// A built-in survey, exported and uploaded, is shown with the reason it cannot be saved as is.
	builtin, err := xlsform.Export(w.community())
	if err != nil {
		t.Fatal(err)
	}
	if r := w.upload(planner, "community.xlsx", builtin); r.status != http.StatusOK || !strings.Contains(r.text(), `El identificador "community-consultation" es de una encuesta incluida`) {
		t.Errorf("built-in upload: %d %s", r.status, ttClip(r.text(), 2000))
	}
	// A built-in id is refused.
	if r := w.send(planner, "/surveys", url.Values{"yaml": {strings.Replace(src, "id: agua-upala", "id: community-consultation", 1)},
		"municipality": {strconv.FormatInt(w.muniA, 10)}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("saving over a built-in survey = %d", r.status)
	}
}
