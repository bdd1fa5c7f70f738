package xlsform

import (
	"testing"

	"consulta/internal/survey"
	"consulta/surveys"
)

// FuzzImport feeds any bytes to the xlsx reader and the importer: it never panics, and whatever
// it accepts is a survey that loads.
func FuzzImport(f *testing.F) {
	loaded, _ := survey.LoadFS(surveys.FS, ".")
	for _, sv := range loaded {
		if b, err := Export(sv); err == nil {
			f.Add(b)
		}
	}
	f.Add(workbook(f, form([]string{"select_one places or_other|where|¿Dónde?|Where?||||||||", "begin group|g|G|G||||||||"}, yesNoRows)...))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res := Import(data, Options{Name: "fuzz.xlsx", Icons: testIcons})
		for _, p := range append(res.Errors, res.Notes...) {
			_ = p.Message("es")
		}
		if res.Survey != nil {
			if _, ps := survey.Parse("again.yaml", res.YAML); len(ps) > 0 {
				t.Fatalf("accepted YAML does not load: %v", ps)
			}
		}
	})
}

// FuzzImportSheets varies the cells themselves, past the zip layer that random bytes rarely get through.
func FuzzImportSheets(f *testing.F) {
	f.Add("select_one places or_other", "where", "${a} = 'x'", ". >= 1 and . <= 3", "places", "none")
	f.Add("begin group", "g", "not(selected(., 'none') and count-selected(.) > 1)", "", "yn", "yes")
	f.Add("range", "r", "", "start=1 end=5", "l", "1")
	f.Fuzz(func(t *testing.T, typ, name, relevant, constraint, list, choice string) {
		sheets := []Sheet{
			{Name: "survey", Rows: [][]string{{"type", "name", "label", "relevant", "constraint", "parameters"},
				{typ, name, "L", relevant, constraint, constraint}, {"end group"}}},
			{Name: "choices", Rows: [][]string{{"list_name", "name", "label"}, {list, choice, "C"}}},
		}
		res := ImportSheets(sheets, Options{Name: name + ".xlsx"})
		for _, p := range append(res.Errors, res.Notes...) {
			_ = p.Message("pt")
		}
		if res.Survey != nil {
			if _, ps := survey.Parse("again.yaml", res.YAML); len(ps) > 0 {
				t.Fatalf("accepted YAML does not load: %v", ps)
			}
		}
	})
}
