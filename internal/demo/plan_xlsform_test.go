package demo

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"consulta/internal/plan"
	"consulta/internal/survey"
	"consulta/internal/xlsform"
	"consulta/static"
)

// The surveys generated from a plan go to XLSForm and back unchanged, like the shipped ones: a
// partner can open a validation round in KoboToolbox and bring it back.
func TestGeneratedPlanSurveysRoundTripThroughXLSForm(t *testing.T) {
	var icons []string
	entries, err := fs.ReadDir(static.FS, "icons")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".svg"); ok {
			icons = append(icons, name)
		}
	}
	p := demoPlan(1)
	p.ID = 1
	for _, audience := range []string{plan.Adult, plan.Child} {
		t.Run(audience, func(t *testing.T) {
			id := plan.SurveyID(p.ID, audience)
			sv, problems := survey.Parse(id+".yaml", plan.Survey(p, audience))
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			book, err := xlsform.Export(sv)
			if err != nil {
				t.Fatal(err)
			}
			res := xlsform.Import(book, xlsform.Options{Name: id + ".xlsx", Icons: icons})
			if len(res.Errors) > 0 {
				t.Fatalf("import of the export: %s", res.Errors.Message("en"))
			}
			back := res.Survey
			if back.ID != sv.ID || back.Audience != sv.Audience || len(back.Questions) != len(sv.Questions) {
				t.Fatalf("survey %s (%s, %d questions) came back as %s (%s, %d questions)",
					sv.ID, sv.Audience, len(sv.Questions), back.ID, back.Audience, len(back.Questions))
			}
			for i, q := range sv.Questions {
				want, _ := json.Marshal(q)
				got, _ := json.Marshal(back.Questions[i])
				if string(want) != string(got) {
					t.Errorf("question %s differs after the round trip:\n want %s\n  got %s", q.ID, want, got)
				}
			}
			again, err := xlsform.Export(back)
			if err != nil {
				t.Fatal(err)
			}
			if res2 := xlsform.Import(again, xlsform.Options{Name: id + ".xlsx", Icons: icons}); len(res2.Errors) > 0 ||
				res2.Survey.Version != back.Version {
				t.Errorf("a second round trip changes the survey's version: %v", res2.Errors)
			}
		})
	}
}
