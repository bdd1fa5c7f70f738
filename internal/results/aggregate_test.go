package results

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"consulta/internal/survey"
)

const fixtureSurvey = `id: fixture
title: {es: "Prueba", en: "Test", pt: "Teste"}
audience: adult
languages: [es, en, pt]
default_language: es
profile: [group, gender]
questions:
  - id: q1
    type: select_one
    label: {es: "uno", en: "one", pt: "um"}
    choices: [{id: a, label: {es: a, en: a, pt: a}}, {id: b, label: {es: b, en: b, pt: b}}]
  - id: q2
    type: select_multiple
    label: {es: "dos", en: "two", pt: "dois"}
    choices: [{id: x, label: {es: x, en: x, pt: x}}, {id: y, label: {es: y, en: y, pt: y}}, {id: z, label: {es: z, en: z, pt: z}}]
  - id: q3
    type: rank
    rank: 2
    label: {es: "tres", en: "three", pt: "três"}
    choices: [{id: p, label: {es: p, en: p, pt: p}}, {id: q, label: {es: q, en: q, pt: q}}, {id: r, label: {es: r, en: r, pt: r}}]
  - id: q4
    type: integer
    min: 0
    max: 10
    relevant: "${q1} = 'a'"
    label: {es: "cuatro", en: "four", pt: "quatro"}
`

// person is one fixture respondent.
type person struct {
	group, gender string
	q1            string
	q2            []string
	q3            []string
	q4            int // only when q1 = a; -1 = skipped
}

// fixturePeople: 40 people, 20 host and 20 displaced, 10 women and 10 men in each group.
//
//	q1 = a: host women 8, host men 7, displaced women 3, displaced men 3  → 21 of 40
//	q2: x ticked by all 40; y by the 20 host; z by 2 displaced women only
//	q3: host rank p then q; displaced rank q then r
//	q4: asked of the 21 who chose a: values 0..10 then 0..9 (sum 100), none skipped
func fixturePeople() []person {
	var out []person
	q4 := 0
	add := func(group, gender string, n, withA int) {
		for i := range n {
			p := person{group: group, gender: gender, q1: "b", q2: []string{"x"}, q4: -1}
			if i < withA {
				p.q1, p.q4 = "a", q4%11
				q4++
			}
			if group == "host" {
				p.q2 = append(p.q2, "y")
				p.q3 = []string{"p", "q"}
			} else {
				p.q3 = []string{"q", "r"}
			}
			out = append(out, p)
		}
	}
	add("host", "female", 10, 8)
	add("host", "male", 10, 7)
	add("displaced", "female", 10, 3)
	add("displaced", "male", 10, 3)
	out[20].q2 = append(out[20].q2, "z")
	out[21].q2 = append(out[21].q2, "z")
	return out
}

func fixtureDataset(t *testing.T) (*Dataset, *survey.Survey) {
	t.Helper()
	sv, problems := survey.Parse("fixture.yaml", []byte(fixtureSurvey))
	if problems != nil {
		t.Fatal(problems)
	}
	d := NewDataset()
	b := d.Batch()
	for i, p := range fixturePeople() {
		rid := int64(i + 1)
		b.Response(rid, uint32(rid)*2654435761, "s1", "kiosk", p.group, p.gender, "", "", fmt.Sprintf("2026-11-%02d", 1+i%20))
	}
	for i, p := range fixturePeople() {
		rid := int64(i + 1)
		b.Answer(rid, "group", p.group, 0, 0, false, false)
		b.Answer(rid, "gender", p.gender, 0, 0, false, false)
		b.Answer(rid, "q1", p.q1, 0, 0, false, false)
		for _, c := range p.q2 {
			b.Answer(rid, "q2", c, 0, 0, false, false)
		}
		for pos, c := range p.q3 {
			b.Answer(rid, "q3", c, pos+1, 0, false, false)
		}
		if p.q4 >= 0 {
			b.Answer(rid, "q4", "", 0, p.q4, true, false)
		}
	}
	b.Commit()
	return d, sv
}

func question(t *testing.T, rep *Report, id string) Question {
	for _, q := range rep.Questions {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("no question %s in the report", id)
	return Question{}
}

func table(t *testing.T, q Question, dim string) Table {
	for _, tab := range q.Tables {
		if tab.Dimension == dim {
			return tab
		}
	}
	t.Fatalf("question %s has no %s table", q.ID, dim)
	return Table{}
}

func row(t *testing.T, tab Table, value string) Row {
	for _, r := range tab.Rows {
		if r.Value == value {
			return r
		}
	}
	t.Fatalf("table %s has no row %s", tab.Dimension, value)
	return Row{}
}

func col(t *testing.T, tab Table, id string) int {
	for i, c := range tab.Columns {
		if c == id {
			return i
		}
	}
	t.Fatalf("table %s has no column %s", tab.Dimension, id)
	return -1
}

func TestAggregateCountsPercentagesAndIntervals(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	if rep.Respondents.N != 40 || rep.Respondents.Suppressed {
		t.Fatalf("respondents = %+v, want 40", rep.Respondents)
	}
	q1 := question(t, rep, "q1")
	all := table(t, q1, ByAll)
	a := row(t, all, ByAll).Cells[col(t, all, "a")]
	// 21 of 40 = 52.5 %; Wilson 95 % by the closed formula (python): 37.497 – 67.065.
	if a.N != 21 || a.Pct != 52.5 || !near(a.Lo, 37.5, 0.051) || !near(a.Hi, 67.1, 0.051) {
		t.Errorf("q1 = a overall: %+v, want 21, 52.5 %%, 37.5–67.1", a)
	}
	byGroup := table(t, q1, ByGroup)
	host := row(t, byGroup, "host")
	if host.N.N != 20 || host.Cells[col(t, byGroup, "a")].N != 15 || host.Cells[col(t, byGroup, "a")].Pct != 75 {
		t.Errorf("host: %+v, want 15 of 20 = 75 %%", host)
	}
	// Wilson(15, 20) = 53.13 – 88.81; Wilson(6, 20) = 14.55 – 51.90 (python, closed formula).
	if c := host.Cells[col(t, byGroup, "a")]; !near(c.Lo, 53.1, 0.051) || !near(c.Hi, 88.8, 0.051) {
		t.Errorf("host a interval: %+v", c)
	}
	if c := row(t, byGroup, "displaced").Cells[col(t, byGroup, "a")]; c.N != 6 || !near(c.Lo, 14.5, 0.051) || !near(c.Hi, 51.9, 0.051) {
		t.Errorf("displaced a: %+v", c)
	}
}

func TestAggregateChiSquare(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	q1 := question(t, rep, "q1")
	// Group: [[15 5] [6 14]], expected 10.5/9.5, chi² = 8.1203, df 1, p = erfc(√(chi²/2)) = 0.00438.
	// Gender: [[11 9] [10 10]], chi² = 0.1003, p = 0.7515.
	want := map[string]struct {
		p      float64
		differ bool
	}{ByGroup: {0.004, true}, ByGender: {0.752, false}}
	for _, test := range q1.Tests {
		w := want[test.Dimension]
		if !test.Applies || test.P != w.p || test.Differ != w.differ {
			t.Errorf("%s test: %+v, want p %.3f differ %v", test.Dimension, test, w.p, w.differ)
		}
	}
	if len(q1.Tests) != 2 {
		t.Errorf("q1 has %d tests, want group and gender", len(q1.Tests))
	}
}

func TestAggregateMultipleChoiceIsShareOfRespondents(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	q2 := question(t, rep, "q2")
	if !q2.Multi {
		t.Error("q2 should be marked as several answers per person")
	}
	all := table(t, q2, ByAll)
	r := row(t, all, ByAll)
	// 40 ticked x, 20 ticked y: percentages of the 40 people asked, not of the 62 ticks.
	if x := r.Cells[col(t, all, "x")]; x.N != 40 || x.Pct != 100 {
		t.Errorf("x: %+v, want 40 = 100 %%", x)
	}
	if y := r.Cells[col(t, all, "y")]; y.N != 20 || y.Pct != 50 {
		t.Errorf("y: %+v, want 20 = 50 %%", y)
	}
	// z was ticked by 2 displaced women only: those counts of 2 are hidden; a zero counts nobody and shows.
	if z := r.Cells[col(t, all, "z")]; !z.Suppressed {
		t.Errorf("z overall = %+v, want suppressed", z)
	}
	byGroup := table(t, q2, ByGroup)
	if z := row(t, byGroup, "displaced").Cells[col(t, byGroup, "z")]; !z.Suppressed {
		t.Errorf("z for displaced = %+v, want suppressed", z)
	}
	if z := row(t, byGroup, "host").Cells[col(t, byGroup, "z")]; z.Suppressed || z.N != 0 {
		t.Errorf("z for host = %+v, want a published 0", z)
	}
	byGender := table(t, q2, ByGender)
	if z := row(t, byGender, "female").Cells[col(t, byGender, "z")]; !z.Suppressed {
		t.Errorf("z for women = %+v, want suppressed", z)
	}
}

func TestAggregateBorda(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	q3 := question(t, rep, "q3")
	// rank 2: first place 2 points, second 1. Host (20): p first, q second → p 40, q 20.
	// Displaced (20): q first, r second → q 40, r 20. Overall: q 60, p 40, r 20.
	want := map[string]int{"q": 60, "p": 40, "r": 20}
	if len(q3.Priorities) != 3 || q3.Priorities[0].Choice != "q" {
		t.Fatalf("priorities = %+v, want q first", q3.Priorities)
	}
	for _, p := range q3.Priorities {
		if p.Points != want[p.Choice] {
			t.Errorf("%s: %d points, want %d", p.Choice, p.Points, want[p.Choice])
		}
	}
	// q: first for 20 of 40 (50 %), in the top 2 of all 40 (100 %).
	if q := q3.Priorities[0]; q.First.N != 20 || q.First.Pct != 50 || q.TopN.N != 40 || q.TopN.Pct != 100 {
		t.Errorf("q shares: %+v", q)
	}
	for _, g := range q3.ByGroup {
		if g.Value == "host" && (g.Scores[0].Choice != "p" || g.Scores[0].Points != 40) {
			t.Errorf("host priorities: %+v, want p with 40", g.Scores)
		}
	}
}

func TestAggregateIntegerAskedOnlyWhenRelevant(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	q4 := question(t, rep, "q4")
	all := row(t, table(t, q4, ByAll), ByAll)
	if all.N.N != 21 {
		t.Fatalf("q4 asked of %d, want the 21 who chose a", all.N.N)
	}
	// Values 0..10 and 0..9: sum 100, mean 4.76; sorted, the 11th value (median) is 5,
	// quartiles (type 7) at positions 5 and 15: 2 and 7.
	s := all.Stats
	if s == nil || s.Answered != 21 || s.Mean != 4.76 || s.Median != 5 || s.Q1 != 2 || s.Q3 != 7 {
		t.Errorf("q4 stats = %+v, want 21 answered, mean 4.76, median 5, quartiles 2–7", s)
	}
}

func TestAggregateFilter(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{Dimension: ByGender, Value: "female"}, 5)
	if rep.Respondents.N != 20 {
		t.Errorf("women only: %d respondents, want 20", rep.Respondents.N)
	}
	q1 := question(t, rep, "q1")
	all := table(t, q1, ByAll)
	if a := row(t, all, ByAll).Cells[col(t, all, "a")]; a.N != 11 {
		t.Errorf("women choosing a: %d, want 11", a.N)
	}
	rep = Aggregate(d, sv, "c1", Filter{From: "2026-11-01", To: "2026-11-05"}, 5)
	// Days cycle 1..20 over 40 people: days 1–5 are people 0–4 and 20–24.
	if rep.Respondents.N != 10 {
		t.Errorf("1–5 November: %d respondents, want 10", rep.Respondents.N)
	}
	if rep := Aggregate(d, sv, "c1", Filter{Channel: "link"}, 5); rep.Respondents.N != 0 || len(rep.Questions[0].Tables[1].Rows) != 0 {
		t.Errorf("no response came by link: %+v", rep.Respondents)
	}
}

// TestAggregateNoOutputRevealsASuppressedCount checks every table: a row's hidden cells can never
// be the only unknown in its row, and a column's hidden cells never the only unknown in their column.
func TestAggregateNoOutputRevealsASuppressedCount(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	for _, q := range rep.Questions {
		if q.Multi {
			continue // each choice is its own yes/no: checked through "z" above
		}
		for _, tab := range q.Tables {
			for _, r := range tab.Rows {
				hidden := 0
				for _, c := range r.Cells {
					if c.Suppressed {
						hidden++
					}
				}
				if hidden == 1 && !r.N.Suppressed {
					t.Errorf("%s %s %s: one hidden cell in a row with a published total", q.ID, tab.Dimension, r.Value)
				}
			}
		}
	}
	body, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), `"n":2,`) {
		t.Error("the JSON report carries the hidden count 2 of z")
	}
}

func TestAggregateOlderChoiceIsKept(t *testing.T) {
	d, sv := fixtureDataset(t)
	b := d.Batch()
	for i := range 6 {
		rid := int64(100 + i)
		b.Response(rid, uint32(rid)*2654435761, "s1", "link", "host", "female", "", "", "2026-11-21")
		b.Answer(rid, "q1", "retired_choice", 0, 0, false, false)
	}
	b.Commit()
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	all := table(t, question(t, rep, "q1"), ByAll)
	if c := row(t, all, ByAll).Cells[col(t, all, "retired_choice")]; c.N != 6 {
		t.Errorf("a choice an older survey version had: %+v, want 6", c)
	}
	if all.Columns[len(all.Columns)-1] != NoAnswer {
		t.Errorf("no_answer should stay the last column: %v", all.Columns)
	}
}
