package plan

import (
	"strings"
	"testing"
	"time"

	"consulta/internal/survey"
)

var handTime = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

var icons = []string{"health", "water", "school"}

func TestValidateFindsEveryProblem(t *testing.T) {
	p := handPlan()
	p.Items = append(p.Items,
		Item{Code: "a", Axis: "E9", Title: survey.Label{"es": strings.Repeat("x", MaxTitle+1)}, Summary: survey.Label{"es": "s"}, Icon: "rocket", Order: 2})
	probs := p.Validate(icons, []int{2, 3, 4})
	want := map[string]string{"duplicate_code": "code", "unknown_axis": "axis", "too_long": "title_es", "unknown_icon": "icon", "duplicate_order": "order"}
	for _, pr := range probs {
		if col, ok := want[pr.Code]; ok && col == pr.Column && pr.Row == 4 {
			delete(want, pr.Code)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing problems %v in %+v", want, probs)
	}
	if probs := handPlan().Validate(icons, nil); len(probs) > 0 {
		t.Errorf("good plan: %+v", probs)
	}
}

func TestGeneratedSurveysParse(t *testing.T) {
	p := handPlan()
	p.Items[0].ChildSummary = survey.Label{"es": "Un lugar para curarte", "en": "A place to get better"}
	for _, aud := range []string{Adult, Child} {
		src := Survey(p, aud)
		sv, probs := survey.Parse(SurveyID(p.ID, aud)+".yaml", src)
		if len(probs) > 0 {
			t.Fatalf("%s: %v\n%s", aud, probs, src)
		}
		if sv.ID != "plan-7-"+aud || sv.Audience != aud {
			t.Errorf("survey %s %s", sv.ID, sv.Audience)
		}
		q := sv.Question(AgreeQuestion("A"))
		if q == nil || len(q.Choices) != 3 {
			t.Fatalf("%s: no agree question for A", aud)
		}
		if r := sv.Question(RankQuestion); r == nil || r.Rank != 2 || r.Choices[0].Icon != "health" {
			t.Errorf("%s: rank = %+v", aud, r)
		}
		if aud == Child {
			if q.Choices[0].Icon != "face-5" || !strings.Contains(q.Label.In("en"), "A place to get better") {
				t.Errorf("child agree = %+v", q)
			}
		} else if !strings.Contains(q.Label.In("pt"), "Ampliar") {
			t.Errorf("adult label falls back to Spanish: %v", q.Label)
		}
	}
}
