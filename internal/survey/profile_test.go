package survey

import (
	"testing"

	"consulta/internal/domain"
)

// Every value of the domain's profile table is worded in profile.yaml, for adults and children:
// a group added to the table without its words fails here.
func TestProfileTableHasWords(t *testing.T) {
	for _, audience := range []string{domain.Adult, domain.Child} {
		for _, q := range profileQuestions([]string{Group, Gender, AgeBand}, audience) {
			d, _ := domain.Dim(q.ID)
			want := append(d.For(audience), PreferNot)
			if len(q.Choices) != len(want) {
				t.Errorf("%s %s: %d choices, want %v", audience, q.ID, len(q.Choices), want)
			}
			for i, c := range q.Choices {
				if i < len(want) && c.ID != want[i] {
					t.Errorf("%s %s: choice %d is %s, want %s", audience, q.ID, i, c.ID, want[i])
				}
				for _, lang := range Languages {
					if c.Label[lang] == "" {
						t.Errorf("%s %s.%s has no words in %s in profile.yaml", audience, q.ID, c.ID, lang)
					}
				}
			}
		}
	}
}
