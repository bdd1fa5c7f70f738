package survey

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"consulta/surveys"
)

func FuzzParse(f *testing.F) {
	names, err := fs.Glob(surveys.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		f.Fatalf("no shipped survey: %v", err)
	}
	for _, name := range names {
		src, err := fs.ReadFile(surveys.FS, name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add(edit(nil))
	for _, c := range loaderCases() {
		f.Add(edit(c.edits))
	}
	for _, c := range silentCases {
		f.Add(edit(c.edits))
	}
	f.Add([]byte(answersSurvey))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, problems := Parse("fuzz.yaml", src)
		if s == nil && len(problems) == 0 {
			t.Fatal("Parse returned neither a survey nor a problem")
		}
		if s != nil {
			if len(problems) > 0 {
				t.Fatalf("Parse returned a survey along with problems:\n%s", problems.Message("en"))
			}
			if len(s.Questions) == 0 || s.Version == "" {
				t.Fatalf("survey with %d questions and version %q", len(s.Questions), s.Version)
			}
			for _, q := range s.Questions {
				if q.ID == "" || !slices.Contains(Types, q.Type) {
					t.Fatalf("question %q of type %q", q.ID, q.Type)
				}
				if q.Relevant != "" && q.Expr == nil {
					t.Fatalf("question %q: relevant %q was not parsed", q.ID, q.Relevant)
				}
			}
			if _, err := json.Marshal(s); err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			return
		}
		for _, p := range problems {
			if _, ok := problemText[p.Code]; !ok {
				t.Fatalf("problem with no text: %#v", p)
			}
			// Text echoed from the file may hold "%!" itself; only the format's own verbs count.
			plain := p
			plain.Args = slices.Clone(p.Args)
			for i, a := range plain.Args {
				switch a.(type) {
				case string, *ExprError:
					plain.Args[i] = "x"
				}
			}
			for _, lang := range Languages {
				if m := p.Message(lang); m == "" || p.Text(lang) == "" {
					t.Fatalf("Message(%s) = %q for %#v", lang, m, p)
				}
				if m := plain.Text(lang); strings.Contains(m, "%!") {
					t.Fatalf("Text(%s) = %q: the arguments do not fit the format for %#v", lang, m, p)
				}
			}
		}
	})
}
