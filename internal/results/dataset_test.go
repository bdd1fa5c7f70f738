package results

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"consulta/internal/survey"
)

// TestDatasetRowsInAnyOrderAndBatches: a dataset read in one batch, in many batches of random
// sizes, or with some responses' answers arriving after later responses' (as responses stored
// before answers were packed are read) holds the same rows and gives the same reports.
func TestDatasetRowsInAnyOrderAndBatches(t *testing.T) {
	sv, problems := survey.Parse("fixture.yaml", []byte(fixtureSurvey))
	if problems != nil {
		t.Fatal(problems)
	}
	rng := rand.New(rand.NewPCG(11, 2))
	type answer struct {
		q, choice string
		pos, num  int
		isNum     bool
	}
	type person struct {
		rid     int64
		key     uint32
		profile [5]string
		answers []answer
	}
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	var people []person
	for i := range 700 {
		p := person{rid: int64(3 * (i + 1)), key: rng.Uint32(), profile: [5]string{pick("s1", "s2", ""), pick("kiosk", "link"),
			pick("host", "refugee", "returnee"), pick("female", "male", ""), fmt.Sprintf("2026-11-%02d", 1+i/40)}}
		p.answers = append(p.answers, answer{q: "group", choice: p.profile[2]}, answer{q: "gender", choice: p.profile[3]},
			answer{q: "q1", choice: pick("a", "b", "")})
		for _, c := range []string{"x", "y", "z"} {
			if rng.IntN(2) == 0 {
				p.answers = append(p.answers, answer{q: "q2", choice: c})
			}
		}
		for pos, c := range rng.Perm(3) {
			p.answers = append(p.answers, answer{q: "q3", choice: []string{"x", "y", "z"}[c], pos: pos + 1})
		}
		if rng.IntN(3) > 0 {
			p.answers = append(p.answers, answer{q: "q4", num: rng.IntN(10), isNum: true})
		}
		people = append(people, p)
	}
	respond := func(b *Batch, p person) {
		b.Response(p.rid, p.key, p.profile[0], p.profile[1], p.profile[2], p.profile[3], "", "", p.profile[4])
	}
	answerAll := func(b *Batch, p person) {
		for _, a := range p.answers {
			b.Answer(p.rid, a.q, a.choice, a.pos, a.num, a.isNum, false)
		}
	}
	whole := NewDataset()
	b := whole.Batch()
	for _, p := range people {
		respond(b, p)
		answerAll(b, p)
	}
	b.Commit()

	batches := NewDataset()
	for i := 0; i < len(people); {
		n := min(len(people)-i, 1+rng.IntN(90))
		b := batches.Batch()
		for _, p := range people[i : i+n] {
			respond(b, p)
			answerAll(b, p)
		}
		b.Commit()
		i += n
	}

	late := NewDataset()
	b = late.Batch()
	var after []person
	for _, p := range people {
		respond(b, p)
		if rng.IntN(4) == 0 {
			after = append(after, p)
			continue
		}
		answerAll(b, p)
	}
	for _, p := range after {
		answerAll(b, p)
	}
	b.Commit()

	wantStrata, wantCells := whole.CellCounts()
	filters := []Filter{{}, {Session: "s1"}, {Channel: "kiosk"}, {Dimension: ByGroup, Value: "refugee"},
		{From: "2026-11-03", To: "2026-11-12"}, {Dimension: ByGender, Value: NotStated}}
	for name, d := range map[string]*Dataset{"in batches": batches, "with late answers": late} {
		if d.Len() != len(people) {
			t.Errorf("%s: %d responses, want %d", name, d.Len(), len(people))
		}
		strata, cells := d.CellCounts()
		if !reflect.DeepEqual(strata, wantStrata) || !reflect.DeepEqual(cells, wantCells) {
			t.Errorf("%s: the rows differ from the dataset read in one batch (%d and %d cells, want %d and %d)",
				name, len(strata), len(cells), len(wantStrata), len(wantCells))
		}
		for _, f := range filters {
			got, want := Aggregate(d, sv, "c1", f, 5), Aggregate(whole, sv, "c1", f, 5)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, filter %+v: the report differs from the dataset read in one batch", name, f)
			}
			if len(want.Questions) == 0 || want.Withheld != "" {
				t.Errorf("filter %+v: the report is withheld (%q): the test compares nothing", f, want.Withheld)
			}
		}
	}
}
