package results

import (
	"encoding/json"
	"fmt"
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
//	q4: asked of the 21 who chose a: 7 give 2, 8 give 5, 6 give 9 (sum 108), none skipped
//
// With every record key 0 (fixtureDataset), every cell key is 0, the bottom of the key range,
// so the perturbation table gives by hand: 1..4 → 0, 5 and 6 → 5, n ≥ 7 → n − 2.
func fixturePeople() []person {
	var out []person
	q4 := 0
	add := func(group, gender string, n, withA int) {
		for i := range n {
			p := person{group: group, gender: gender, q1: "b", q2: []string{"x"}, q4: -1}
			if i < withA {
				p.q1, p.q4 = "a", 2
				if q4 >= 7 {
					p.q4 = 5
				}
				if q4 >= 15 {
					p.q4 = 9
				}
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
	return keyedDataset(t, func(int64) uint32 { return 0 })
}

// keyedDataset is the fixture with the record keys given.
func keyedDataset(t *testing.T, key func(rid int64) uint32) (*Dataset, *survey.Survey) {
	t.Helper()
	sv, problems := survey.Parse("fixture.yaml", []byte(fixtureSurvey))
	if problems != nil {
		t.Fatal(problems)
	}
	d := NewDataset()
	b := d.Batch()
	for i, p := range fixturePeople() {
		rid := int64(i + 1)
		b.Response(rid, key(rid), "s1", "kiosk", p.group, p.gender, "", "", fmt.Sprintf("2026-11-%02d", 1+i%20))
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

// Every expected number below is worked by hand from the fixture and the perturbation table
// at cell key 0: 1..4 → 0, 5 and 6 → 5, n ≥ 7 → n − 2. Percentages and intervals are of
// published counts, with published denominators.
func TestAggregateCountsPercentagesAndIntervals(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	if rep.Respondents.N != 38 || rep.Respondents.Suppressed || rep.Withheld != "" {
		t.Fatalf("respondents = %+v, want 40 published as 38", rep.Respondents)
	}
	q1 := question(t, rep, "q1")
	all := table(t, q1, ByAll)
	a := row(t, all, ByAll).Cells[col(t, all, "a")]
	// 21 → 19 of 40 → 38 = 50 %; Wilson(19, 38) by the closed formula (python): 34.8 – 65.2.
	if a.N != 19 || a.Pct != 50 || a.Lo != 34.8 || a.Hi != 65.2 {
		t.Errorf("q1 = a overall: %+v, want 19, 50 %%, 34.8–65.2", a)
	}
	byGroup := table(t, q1, ByGroup)
	host := row(t, byGroup, "host")
	// host: 20 → 18 asked, 15 → 13 chose a: 72.2 %, Wilson(13, 18) = 49.1 – 87.5.
	if c := host.Cells[col(t, byGroup, "a")]; host.N.N != 18 || c.N != 13 || c.Pct != 72.2 || c.Lo != 49.1 || c.Hi != 87.5 {
		t.Errorf("host: %+v, want 13 of 18 = 72.2 %% (49.1–87.5)", host)
	}
	// displaced: 6 → 5 of 18 = 27.8 %, Wilson(5, 18) = 12.5 – 50.9.
	if c := row(t, byGroup, "displaced").Cells[col(t, byGroup, "a")]; c.N != 5 || c.Pct != 27.8 || c.Lo != 12.5 || c.Hi != 50.9 {
		t.Errorf("displaced a: %+v", c)
	}
}

func TestAggregateChiSquare(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	q1 := question(t, rep, "q1")
	// Published counts. Group: host a 15 → 13, b 5 → 5; displaced a 6 → 5, b 14 → 12:
	// [[13 5] [5 12]], chi² = 6.4146, df 1, p = erfc(√(chi²/2)) = 0.0113.
	// Gender: women a 11 → 9, b 9 → 7; men 10 → 8 each: [[9 7] [8 8]], chi² = 0.1255, p = 0.7232.
	want := map[string]struct {
		p      float64
		differ bool
	}{ByGroup: {0.011, true}, ByGender: {0.723, false}}
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
	// 40 → 38 ticked x, 20 → 18 ticked y: percentages of the 38 asked, not of the ticks.
	if x := r.Cells[col(t, all, "x")]; x.N != 38 || x.Pct != 100 {
		t.Errorf("x: %+v, want 38 = 100 %%", x)
	}
	if y := r.Cells[col(t, all, "y")]; y.N != 18 || y.Pct != 47.4 {
		t.Errorf("y: %+v, want 18 = 47.4 %%", y)
	}
	// z was ticked by 2 displaced women only: with this key it is published 0 everywhere, as a
	// true 0 is; nowhere does a 2 (or any count from 1 to 4) appear, and nothing is marked hidden.
	byGroup, byGender := table(t, q2, ByGroup), table(t, q2, ByGender)
	for name, c := range map[string]Cell{"overall": r.Cells[col(t, all, "z")],
		"displaced": row(t, byGroup, "displaced").Cells[col(t, byGroup, "z")],
		"host":      row(t, byGroup, "host").Cells[col(t, byGroup, "z")],
		"women":     row(t, byGender, "female").Cells[col(t, byGender, "z")]} {
		if c.Suppressed || c.N != 0 || c.Pct != 0 {
			t.Errorf("z %s = %+v, want a published 0", name, c)
		}
	}
}

func TestAggregateBorda(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	q3 := question(t, rep, "q3")
	// rank 2: first place 2 points, second 1, times the published count of each place.
	// Overall: p first for 20 → 18; q first for 20 → 18 and second for 20 → 18; r second for
	// 20 → 18. Points q 2·18 + 18 = 54, p 2·18 = 36, r 18.
	want := map[string]int{"q": 54, "p": 36, "r": 18}
	if len(q3.Priorities) != 3 || q3.Priorities[0].Choice != "q" {
		t.Fatalf("priorities = %+v, want q first", q3.Priorities)
	}
	for _, p := range q3.Priorities {
		if p.Points != want[p.Choice] {
			t.Errorf("%s: %d points, want %d", p.Choice, p.Points, want[p.Choice])
		}
	}
	// q: first for 18 of 38 (47.4 %), in the top 2 of 40 → 38 of 38 (100 %).
	if q := q3.Priorities[0]; q.First.N != 18 || q.First.Pct != 47.4 || q.TopN.N != 38 || q.TopN.Pct != 100 {
		t.Errorf("q shares: %+v", q)
	}
	for _, g := range q3.ByGroup {
		if g.Value == "host" && (g.Scores[0].Choice != "p" || g.Scores[0].Points != 36) {
			t.Errorf("host priorities: %+v, want p with 36", g.Scores)
		}
	}
}

func TestAggregateIntegerAskedOnlyWhenRelevant(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	q4 := question(t, rep, "q4")
	all := row(t, table(t, q4, ByAll), ByAll)
	if all.N.N != 19 {
		t.Fatalf("q4 asked of %d, want the 21 who chose a, published 19", all.N.N)
	}
	// Per-value counts 7 × 2, 8 × 5, 6 × 9 publish 5, 6 and 5: 16 values, sum 10 + 30 + 45 = 85,
	// mean 5.31; sorted, positions 0–4 are 2, 5–10 are 5, 11–15 are 9: median (7.5) 5,
	// quartiles (3.75 and 11.25) 2 and 9.
	s := all.Stats
	if s == nil || s.Answered != 16 || s.Mean != 5.31 || s.Median != 5 || s.Q1 != 2 || s.Q3 != 9 {
		t.Errorf("q4 stats = %+v, want 16 answered, mean 5.31, median 5, quartiles 2–9", s)
	}
	// Displaced: 6 answered, 2 of each value → every count 0, so no figure at all.
	if r := row(t, table(t, q4, ByGroup), "displaced"); r.Stats != nil || r.Cells[0].Suppressed == false {
		t.Errorf("displaced q4 = %+v, want its 6 → 5 asked too few to show", r)
	}
}

func TestAggregateFilter(t *testing.T) {
	d, sv := fixtureDataset(t)
	rep := Aggregate(d, sv, "c1", Filter{Dimension: ByGender, Value: "female"}, 5)
	if rep.Respondents.N != 18 {
		t.Errorf("women only: %d respondents, want 20 published as 18", rep.Respondents.N)
	}
	q1 := question(t, rep, "q1")
	all := table(t, q1, ByAll)
	if a := row(t, all, ByAll).Cells[col(t, all, "a")]; a.N != 9 {
		t.Errorf("women choosing a: %d, want 11 published as 9", a.N)
	}
	rep = Aggregate(d, sv, "c1", Filter{From: "2026-11-01", To: "2026-11-05"}, 5)
	// Days cycle 1..20 over 40 people in blocks of 5: days 1–5 are blocks 0 and 4, people 0–4
	// and 20–24: 10, published 8.
	if rep.Respondents.N != 8 || rep.Withheld != "" {
		t.Errorf("1–5 November: %+v, want 10 people published as 8", rep)
	}
	// 1–4 November holds no whole block: the range is too small to publish.
	if rep := Aggregate(d, sv, "c1", Filter{From: "2026-11-01", To: "2026-11-04"}, 5); rep.Withheld != WithheldTooFew || rep.Questions != nil {
		t.Errorf("1–4 November: %+v, want too few", rep.Withheld)
	}
	if rep := Aggregate(d, sv, "c1", Filter{Channel: "link"}, 5); rep.Withheld != WithheldTooFew || rep.Questions != nil || rep.Participation != nil {
		t.Errorf("no response came by link: %+v", rep)
	}
	// Two kinds of filter at once are not published.
	if rep := Aggregate(d, sv, "c1", Filter{Channel: "kiosk", Dimension: ByGender, Value: "female"}, 5); rep.Withheld != WithheldOneAtATime {
		t.Errorf("channel and gender at once: withheld %q", rep.Withheld)
	}
}

func TestAggregateFilterLeavingFewOut(t *testing.T) {
	d, sv := fixtureDataset(t)
	b := d.Batch()
	// Session s2: 9 by link, 1 on a kiosk, 1 more by link; then 4 by link in s3. 55 in all.
	for i := range 15 {
		session, channel := "s2", "link"
		if i == 9 {
			channel = "kiosk"
		}
		if i >= 11 {
			session = "s3"
		}
		b.Response(int64(100+i), 0, session, channel, "refugee", "other", "", "", "2026-11-21")
	}
	b.Commit()
	// "Session s2" counts its first 10 (9 by link and the kiosk one); "by link" its first 10 of
	// 14 (s2's ten by link). They differ by 2 people: comparing them would isolate those two.
	for _, f := range []Filter{{Session: "s2"}, {Channel: "link"}} {
		if rep := Aggregate(d, sv, "c1", f, 5); rep.Withheld != WithheldLeftOut || rep.Questions != nil {
			t.Errorf("%+v: withheld %q, want %q", f, rep.Withheld, WithheldLeftOut)
		}
	}
	if rep := Aggregate(d, sv, "c1", Filter{Session: "s3"}, 5); rep.Withheld != WithheldTooFew {
		t.Errorf("session s3 holds 4: withheld %q", rep.Withheld)
	}
	// Nested groups counted in whole multiples of k always differ by 0 or k or more: women
	// (20 of the fixture) against everyone (55), or the 40 on a kiosk, are published.
	if rep := Aggregate(d, sv, "c1", Filter{Dimension: ByGender, Value: "female"}, 5); rep.Withheld != "" || rep.Respondents.N != 18 {
		t.Errorf("women only: %+v", rep)
	}
	if rep := Aggregate(d, sv, "c1", Filter{Channel: "kiosk"}, 5); rep.Withheld != "" {
		t.Errorf("kiosk only: withheld %q", rep.Withheld)
	}
}

func TestAggregateMovesInBlocksOfK(t *testing.T) {
	d, sv := keyedDataset(t, func(rid int64) uint32 { return uint32(rid) * 2654435761 })
	before, _ := json.Marshal(Aggregate(d, sv, "c1", Filter{}, 5))
	// Four more responses, with distinctive answers: nothing a planner can see changes.
	for i := range 4 {
		b := d.Batch()
		rid := int64(500 + i)
		b.Response(rid, uint32(rid)*2654435761, "s9", "link", "refugee", "other", "", "", "2026-11-30")
		b.Answer(rid, "q1", "b", 0, 0, false, false)
		b.Commit()
		after, _ := json.Marshal(Aggregate(d, sv, "c1", Filter{}, 5))
		if string(after) != string(before) {
			t.Fatalf("the report changed after %d new responses, before a block of 5", i+1)
		}
	}
	b := d.Batch()
	b.Response(600, 600*2654435, "s9", "link", "refugee", "other", "", "", "2026-12-01")
	b.Commit()
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	if rep.AsOf != "2026-12-01" {
		t.Errorf("as of %q, want the fifth response's day", rep.AsOf)
	}
	// The block is counted, but each group counts its first multiple of 5: the 5 refugees of
	// gender other are a whole group, so they show; one more of them would wait for four others.
	for _, tab := range rep.Participation {
		for _, r := range tab.Rows {
			if (r.Value == "refugee" || r.Value == "other") && r.N.N == 0 {
				t.Errorf("%s %s: a whole group of 5 is not counted", tab.Dimension, r.Value)
			}
		}
	}
	b = d.Batch()
	for i := range 5 {
		group := "host"
		if i == 0 {
			group = "refugee"
		}
		b.Response(int64(700+i), uint32(700+i)*2654435, "s9", "link", group, "male", "", "", "2026-12-02")
	}
	b.Commit()
	after := Aggregate(d, sv, "c1", Filter{}, 5)
	for i, tab := range after.Participation {
		if tab.Dimension != ByGroup {
			continue
		}
		for j, r := range tab.Rows {
			if r.Value == "refugee" && r.N.N != rep.Participation[i].Rows[j].N.N {
				t.Errorf("one more refugee changed the refugee row from %+v to %+v", rep.Participation[i].Rows[j].N, r.N)
			}
		}
	}
}

// TestAggregatePublishesNoSmallCount walks every published number of reports under many keys
// and filters: no count from 1 to k−1 anywhere.
func TestAggregatePublishesNoSmallCount(t *testing.T) {
	for seed := range uint32(30) {
		d, sv := keyedDataset(t, func(rid int64) uint32 { return (uint32(rid) + seed*7919) * 2654435761 })
		for _, f := range []Filter{{}, {Dimension: ByGroup, Value: "host"}, {Dimension: ByGender, Value: "female"}, {From: "2026-11-01", To: "2026-11-10"}} {
			rep := Aggregate(d, sv, "c1", f, 5)
			check := func(where string, n int) {
				if n > 0 && n < 5 {
					t.Errorf("keys %d, filter %+v: %s publishes %d", seed, f, where, n)
				}
			}
			check("respondents", rep.Respondents.N)
			for _, tab := range rep.Participation {
				for _, r := range tab.Rows {
					check(tab.Dimension+" "+r.Value, r.N.N)
					for _, c := range r.Cells {
						check(tab.Dimension+" "+r.Value+" cell", c.N)
					}
				}
			}
			for _, q := range rep.Questions {
				for _, tab := range q.Tables {
					for _, r := range tab.Rows {
						check(q.ID+" "+tab.Dimension+" "+r.Value, r.N.N)
						for _, c := range r.Cells {
							check(q.ID+" "+tab.Dimension+" "+r.Value+" cell", c.N)
						}
						if r.Stats != nil {
							check(q.ID+" answered", r.Stats.Answered)
						}
					}
				}
				for _, p := range q.Priorities {
					check(q.ID+" first", p.First.N)
					check(q.ID+" top", p.TopN.N)
				}
			}
		}
	}
}

func TestAggregateOlderChoiceIsKept(t *testing.T) {
	d, sv := fixtureDataset(t)
	b := d.Batch()
	for i := range 6 {
		rid := int64(100 + i)
		b.Response(rid, 0, "s1", "link", "host", "female", "", "", "2026-11-21")
		b.Answer(rid, "q1", "retired_choice", 0, 0, false, false)
	}
	b.Commit()
	rep := Aggregate(d, sv, "c1", Filter{}, 5)
	all := table(t, question(t, rep, "q1"), ByAll)
	// 46 responses: the first 45 count, so 5 of the 6, published 5; the sixth waits for its block.
	if c := row(t, all, ByAll).Cells[col(t, all, "retired_choice")]; c.N != 5 {
		t.Errorf("a choice an older survey version had: %+v, want 5", c)
	}
	if all.Columns[len(all.Columns)-1] != NoAnswer {
		t.Errorf("no_answer should stay the last column: %v", all.Columns)
	}
}
