package xlsform

import (
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"consulta/internal/survey"
)

// workbook writes sheets as an .xlsx file, as KoboToolbox or Excel would save them.
func workbook(t testing.TB, sheets ...Sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := f.GetSheetName(0)
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName(first, s.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		if err := writeRows(f, s.Name, s.Rows); err != nil {
			t.Fatal(err)
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func rows(lines ...string) [][]string {
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Split(l, "|")
	}
	return out
}

// form is a small bilingual form: the rows after the headings of survey and choices.
func form(surveyRows []string, choiceRows []string, settings ...string) []Sheet {
	head := "type|name|label::Español (es)|label::English (en)|hint::Español (es)|hint::English (en)|required|relevant|constraint|appearance|choice_filter|parameters|calculation"
	s := []Sheet{{Name: "survey", Rows: rows(append([]string{head}, surveyRows...)...)}}
	s = append(s, Sheet{Name: "choices", Rows: rows(append([]string{"list_name|name|label::Español (es)|label::English (en)|image"}, choiceRows...)...)})
	if len(settings) > 0 {
		s = append(s, Sheet{Name: "settings", Rows: rows(settings...)})
	} else {
		s = append(s, Sheet{Name: "settings", Rows: rows("form_title|form_id|default_language", "Prueba|prueba|Español (es)")})
	}
	return s
}

var yesNoRows = []string{"yn|yes|Sí|Yes|", "yn|no|No|No|", "places|school|Escuela|School|school.png",
	"places|park|Parque|Park|park_photo.jpg", "places|none|Ninguno|None|"}

func TestImportSupported(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rows  []string
		check func(t *testing.T, s *survey.Survey)
		note  string // a note code that must be among the notes
	}{
		{"select_one", []string{"select_one places|where|¿Dónde?|Where?||||||||"}, func(t *testing.T, s *survey.Survey) {
			q := s.Question("where")
			if q.Type != survey.SelectOne || len(q.Choices) != 3 || q.Choices[0].Label["en"] != "School" {
				t.Errorf("%+v", q)
			}
		}, ""},
		{"select one spelled with a space", []string{"select one places|where|¿Dónde?|Where?||||||||"}, func(t *testing.T, s *survey.Survey) {
			if s.Question("where").Type != survey.SelectOne {
				t.Error(s.Question("where").Type)
			}
		}, ""},
		{"select1", []string{"select1 places|where|¿Dónde?|Where?||||||||"}, func(t *testing.T, s *survey.Survey) {
			if s.Question("where").Type != survey.SelectOne {
				t.Error(s.Question("where").Type)
			}
		}, ""},
		{"select all that apply", []string{"select all that apply places|where|¿Dónde?|Where?||||||||"}, func(t *testing.T, s *survey.Survey) {
			if s.Question("where").Type != survey.SelectMultiple {
				t.Error(s.Question("where").Type)
			}
		}, ""},
		{"select_multiple with an exclusive choice", []string{"select_multiple places|where|¿Dónde?|Where?|||||not(selected(., 'none') and count-selected(.) > 1)|||||"}, func(t *testing.T, s *survey.Survey) {
			q := s.Question("where")
			if !q.Choice("none").Exclusive || q.Choice("school").Exclusive {
				t.Errorf("%+v", q.Choices)
			}
		}, ""},
		{"exclusive written with or", []string{"select_multiple places|where|¿Dónde?|Where?|||||not(selected(., 'none')) or count-selected(.) = 1|||||"}, func(t *testing.T, s *survey.Survey) {
			if !s.Question("where").Choice("none").Exclusive {
				t.Error("none is not exclusive")
			}
		}, ""},
		{"rank", []string{"rank places|order|Ordene|Order||||||||"}, func(t *testing.T, s *survey.Survey) {
			if q := s.Question("order"); q.Type != survey.Rank || q.Rank != 3 {
				t.Errorf("%+v", q)
			}
		}, "note_rank"},
		{"integer with bounds", []string{"integer|people|¿Cuántas?|How many?|||||. >= 1 and . <= 20|||||"}, func(t *testing.T, s *survey.Survey) {
			q := s.Question("people")
			if q.Type != survey.Integer || *q.Min != 1 || *q.Max != 20 {
				t.Errorf("%+v", q)
			}
		}, ""},
		{"integer with strict bounds", []string{"integer|people|¿Cuántas?|How many?|||||. > 0 and . < 21|||||"}, func(t *testing.T, s *survey.Survey) {
			q := s.Question("people")
			if *q.Min != 1 || *q.Max != 20 {
				t.Errorf("%d %d", *q.Min, *q.Max)
			}
		}, ""},
		{"decimal", []string{"decimal|income|Ingreso|Income||||||||"}, func(t *testing.T, s *survey.Survey) {
			if s.Question("income").Type != survey.Integer {
				t.Error(s.Question("income").Type)
			}
		}, "note_decimal"},
		{"range 1..5", []string{"range|safe|Seguridad|Safety||||||||start=1 end=5 step=1|"}, func(t *testing.T, s *survey.Survey) {
			if q := s.Question("safe"); q.Type != survey.Scale || q.Points != 5 {
				t.Errorf("%+v", q)
			}
		}, ""},
		{"range 1..3", []string{"range|safe|Seguridad|Safety||||||||start=1;end=3|"}, func(t *testing.T, s *survey.Survey) {
			if q := s.Question("safe"); q.Type != survey.Scale || q.Points != 3 {
				t.Errorf("%+v", q)
			}
		}, ""},
		{"text with a length", []string{"text|say|Diga|Say|||||string-length(.) <= 200|||||"}, func(t *testing.T, s *survey.Survey) {
			if q := s.Question("say"); q.Type != survey.Text || q.MaxLength != 200 {
				t.Errorf("%+v", q)
			}
		}, ""},
		{"note", []string{"note|hello|Hola|Hello||||||||"}, func(t *testing.T, s *survey.Survey) {
			if s.Question("hello").Type != survey.Note {
				t.Error(s.Question("hello").Type)
			}
		}, ""},
		{"acknowledge", []string{"acknowledge|agree|¿De acuerdo?|Agree?||||||||"}, func(t *testing.T, s *survey.Survey) {
			if s.Question("agree").Type != survey.YesNo {
				t.Error(s.Question("agree").Type)
			}
		}, ""},
		{"select_one yes/no", []string{"select_one yn|agree|¿De acuerdo?|Agree?||||||||"}, func(t *testing.T, s *survey.Survey) {
			if s.Question("agree").Type != survey.YesNo {
				t.Error(s.Question("agree").Type)
			}
		}, "note_yes_no"},
		{"required spellings", []string{"integer|a|A|A|||yes||||||", "integer|b|B|B|||TRUE||||||", "integer|c|C|C|||true()||||||", "integer|d|D|D|||no||||||"}, func(t *testing.T, s *survey.Survey) {
			for id, want := range map[string]bool{"a": true, "b": true, "c": true, "d": false} {
				if s.Question(id).Required != want {
					t.Errorf("%s required = %v", id, !want)
				}
			}
		}, ""},
		{"hint", []string{"integer|a|A|A|Pista|Hint|||||||"}, func(t *testing.T, s *survey.Survey) {
			if h := s.Question("a").Hint; h["es"] != "Pista" || h["en"] != "Hint" {
				t.Error(h)
			}
		}, ""},
		{"relevant", []string{"select_one yn|agree|A|A||||||||", "text|why|¿Por qué?|Why?||||${agree} = 'no'||||||"}, func(t *testing.T, s *survey.Survey) {
			if q := s.Question("why"); q.Relevant != "${agree} = 'no'" || q.Expr == nil {
				t.Errorf("%+v", q)
			}
		}, ""},
		{"nested groups", []string{"integer|age|Edad|Age||||||||", "begin group|g1||||||${age} > 17|||||", "begin_group|g2|Sección|Section||||${age} < 60|||||",
			"text|say|Diga|Say||||${age} != 30|||||", "end group|||||||||||", "end_group|||||||||||"}, func(t *testing.T, s *survey.Survey) {
			if q := s.Question("g2"); q == nil || q.Type != survey.Note || q.Label["en"] != "Section" || q.Relevant != "${age} > 17" {
				t.Errorf("section note: %+v", q)
			}
			if q := s.Question("say"); q.Relevant != "(${age} > 17) and (${age} < 60) and (${age} != 30)" {
				t.Errorf("relevant: %q", q.Relevant)
			}
			if s.Question("g1") != nil {
				t.Error("a group without a label became a question")
			}
		}, "note_group"},
		{"or_other", []string{"select_one places or_other|where|¿Dónde?|Where?||||||||"}, func(t *testing.T, s *survey.Survey) {
			q, o := s.Question("where"), s.Question("where_other")
			if q.Choice("other") == nil || o == nil || o.Type != survey.Text || o.Relevant != "${where} = 'other'" {
				t.Errorf("%+v %+v", q.Choices, o)
			}
		}, "note_or_other"},
		{"metadata", []string{"start|start||||||||||", "deviceid|device||||||||||", "integer|a|A|A||||||||"}, func(t *testing.T, s *survey.Survey) {
			if s.Question("start") != nil || s.Question("device") != nil {
				t.Error("metadata became questions")
			}
		}, "note_metadata"},
		{"images on choices become icons", []string{"select_one places|where|¿Dónde?|Where?||||||||"}, func(t *testing.T, s *survey.Survey) {
			q := s.Question("where")
			if q.Choice("school").Icon != "school" || q.Choice("park").Icon != "" {
				t.Errorf("%+v", q.Choices)
			}
		}, "note_image"},
		{"appearance", []string{"select_one places|where|¿Dónde?|Where?||||||likert|||"}, func(t *testing.T, s *survey.Survey) {}, "note_appearance"},
		{"trivial choice_filter", []string{"select_one places|where|¿Dónde?|Where?|||||||true()||"}, func(t *testing.T, s *survey.Survey) {}, "note_choice_filter"},
		{"profile question", []string{"select_one yn|gender|Género|Gender||||||||", "integer|a|A|A||||||||"}, func(t *testing.T, s *survey.Survey) {
			if !slices.Equal(s.Profile, []string{"gender"}) || !s.Question("gender").Profile {
				t.Errorf("profile %v", s.Profile)
			}
		}, "note_profile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := ImportSheets(form(tc.rows, yesNoRows), Options{Name: "prueba.xlsx", Icons: testIcons})
			if len(res.Errors) > 0 {
				t.Fatalf("errors:\n%s\n%s", res.Errors.Message("en"), res.YAML)
			}
			tc.check(t, res.Survey)
			if tc.note != "" && !slices.ContainsFunc(res.Notes, func(p Problem) bool { return p.Code == tc.note }) {
				t.Errorf("no note %s among %s", tc.note, res.Notes.Message("en"))
			}
		})
	}
}

// Each refused feature is an error at its sheet, row and column, and nothing is produced.
func TestImportRefused(t *testing.T) {
	for _, tc := range []struct {
		name     string
		rows     []string
		choices  []string
		settings []string
		code     string
		sheet    string
		row      int
		column   string
	}{
		{"begin repeat", []string{"begin repeat|kids|Niños|Children||||||||", "integer|age|Edad|Age||||||||", "end repeat|||||||||||"}, nil, nil, "refused_repeat", "survey", 2, "A"},
		{"calculate", []string{"calculate|total||||||||||${a}+1"}, nil, nil, "refused_calculate", "survey", 2, "A"},
		{"geopoint", []string{"geopoint|where|Dónde|Where||||||||"}, nil, nil, "refused_identifying", "survey", 2, "A"},
		{"geoshape", []string{"geoshape|area|Área|Area||||||||"}, nil, nil, "refused_identifying", "survey", 2, "A"},
		{"image", []string{"image|photo|Foto|Photo||||||||"}, nil, nil, "refused_identifying", "survey", 2, "A"},
		{"audio", []string{"audio|voice|Voz|Voice||||||||"}, nil, nil, "refused_identifying", "survey", 2, "A"},
		{"video", []string{"video|clip|Video|Video||||||||"}, nil, nil, "refused_identifying", "survey", 2, "A"},
		{"file", []string{"file|doc|Doc|Doc||||||||"}, nil, nil, "refused_identifying", "survey", 2, "A"},
		{"barcode", []string{"barcode|id_card|Cédula|ID||||||||"}, nil, nil, "refused_identifying", "survey", 2, "A"},
		{"select_one_from_file", []string{"select_one_from_file towns.csv|town|Pueblo|Town||||||||"}, nil, nil, "refused_from_file", "survey", 2, "A"},
		{"pulldata", []string{"integer|a|A|A||||pulldata('x', 'y', 'z', ${b}) = 1||||||"}, nil, nil, "refused_function", "survey", 2, "H"},
		{"instance", []string{"select_one yn|a|A|A|||||||instance('yn')/root/item[name='yes']||"}, nil, nil, "refused_function", "survey", 2, "K"},
		{"search", []string{"select_one yn|a|A|A||||||search('towns')|||"}, nil, nil, "refused_function", "survey", 2, "J"},
		{"encryption", []string{"integer|a|A|A||||||||"}, nil, []string{"form_id|public_key", "prueba|MIIBIjANBg"}, "refused_encryption", "settings", 2, "B"},
		{"entities in settings", []string{"integer|a|A|A||||||||"}, nil, []string{"form_id|entity_list", "prueba|people"}, "refused_entities", "settings", 2, "B"},
		{"duplicate name", []string{"integer|a|A|A||||||||", "text|a|B|B||||||||"}, nil, nil, "duplicate_name", "survey", 3, "B"},
		{"unmatched end group", []string{"integer|a|A|A||||||||", "end group|||||||||||"}, nil, nil, "end_group_unmatched", "survey", 3, "A"},
		{"unmatched begin group", []string{"begin group|g|G|G||||||||", "integer|a|A|A||||||||"}, nil, nil, "begin_group_unmatched", "survey", 2, "A"},
		{"undefined list", []string{"select_one colours|a|A|A||||||||"}, nil, nil, "unknown_list", "survey", 2, "A"},
		{"bad name", []string{"integer|Edad-1|A|A||||||||"}, nil, nil, "bad_name", "survey", 2, "B"},
		{"bad choice name", []string{"select_one nums|a|A|A||||||||"}, []string{"nums|1|Uno|One|"}, nil, "bad_name", "choices", 2, "B"},
		{"duplicate choice", []string{"select_one nums|a|A|A||||||||"}, []string{"nums|one|Uno|One|", "nums|one|Uno|One|"}, nil, "duplicate_choice", "choices", 3, "B"},
		{"choice_filter", []string{"select_one yn|a|A|A|||||||name=${b}||"}, nil, nil, "choice_filter", "survey", 2, "K"},
		{"relevant outside the subset", []string{"integer|a|A|A||||today() > 3||||||"}, nil, nil, "relevant", "survey", 2, "H"},
		{"range that is no scale", []string{"range|a|A|A||||||||start=0 end=10 step=2|"}, nil, nil, "range", "survey", 2, "L"},
		{"date", []string{"date|born|Nacimiento|Born||||||||"}, nil, nil, "unknown_type", "survey", 2, "A"},
		{"missing translation", []string{"integer|a|A|||||||||"}, nil, nil, "missing_text", "survey", 2, "D"},
		{"relevant refers to a later question", []string{"integer|a|A|A||||${b} > 1||||||", "integer|b|B|B||||||||"}, nil, nil, "survey", "survey", 2, "H"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			choices := tc.choices
			if choices == nil {
				choices = yesNoRows
			}
			res := ImportSheets(form(tc.rows, choices, tc.settings...), Options{Name: "prueba.xlsx"})
			if res.YAML != nil || res.Survey != nil {
				t.Fatal("a refused form produced a survey")
			}
			i := slices.IndexFunc(res.Errors, func(p Problem) bool { return p.Code == tc.code })
			if i < 0 {
				t.Fatalf("no %s among:\n%s", tc.code, res.Errors.Message("en"))
			}
			p := res.Errors[i]
			if p.Sheet != tc.sheet || p.Row != tc.row || p.Column != tc.column {
				t.Errorf("at %s row %d column %s, want %s row %d column %s: %s", p.Sheet, p.Row, p.Column, tc.sheet, tc.row, tc.column, p.Message("en"))
			}
			for _, lang := range survey.Languages {
				if msg := p.Message(lang); strings.Contains(msg, "%!") || !strings.Contains(msg, tc.sheet) {
					t.Errorf("%s: %s", lang, msg)
				}
			}
		})
	}
}

// The messages speak the user's language, with the place first.
func TestProblemMessage(t *testing.T) {
	p := Problem{Sheet: "survey", Row: 12, Column: "D", Header: "relevant", Code: "refused_repeat"}
	for lang, want := range map[string]string{
		"es": "survey, fila 12, columna D (relevant): los grupos que se repiten (begin repeat) no están admitidos: cada persona responde una vez",
		"en": "survey, row 12, column D (relevant): repeating groups (begin repeat) are not supported: each person answers once",
		"pt": "survey, linha 12, coluna D (relevant): grupos repetidos (begin repeat) não são suportados: cada pessoa responde uma vez",
	} {
		if got := p.Message(lang); got != want {
			t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
		}
	}
}

// Headings are matched whatever their case; "list name" is list_name; empty rows are skipped;
// sheets other than survey, choices and settings are noted.
func TestImportHeadings(t *testing.T) {
	book := workbook(t,
		Sheet{Name: "Survey", Rows: rows("TYPE|Name|Label::Spanish|LABEL::english", "select_one places|where|¿Dónde?|Where?", "|||", "integer|n|¿Cuántos?|How many?")},
		Sheet{Name: "choices", Rows: rows("list name|name|label::Spanish|label::English", "places|home|Casa|Home", "", "places|work|Trabajo|Work")},
		Sheet{Name: "notes", Rows: rows("anything")},
	)
	res := Import(book, Options{Name: "Needs Form 2026.xlsx"})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors.Message("en"))
	}
	s := res.Survey
	if s.ID != "needs-form-2026" || !slices.Equal(s.Languages, []string{"es", "en"}) || len(s.Questions) != 2 || len(s.Question("where").Choices) != 2 {
		t.Errorf("%+v", s)
	}
	if !slices.ContainsFunc(res.Notes, func(p Problem) bool { return p.Code == "note_sheet" && p.Sheet == "notes" }) {
		t.Errorf("sheet notes not noted: %s", res.Notes.Message("en"))
	}
}

// A workbook that is not one is an error, never a panic.
func TestImportNotXLSX(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("type,name\ninteger,a\n"), []byte("PK\x03\x04garbage")} {
		res := Import(data, Options{Name: "x.xlsx"})
		if len(res.Errors) != 1 || res.Errors[0].Code != "not_xlsx" {
			t.Errorf("%q: %v", data, res.Errors)
		}
	}
}
