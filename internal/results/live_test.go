package results

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"consulta/internal/survey"
)

// liveSurvey is the fixture's survey with a scale, a yes/no and a text question more: a question
// of every kind a report counts.
const liveSurvey = fixtureSurvey + `  - id: q5
    type: scale
    points: 5
    label: {es: "cinco", en: "five", pt: "cinco"}
  - id: q6
    type: yes_no
    label: {es: "seis", en: "six", pt: "seis"}
  - id: q7
    type: text
    label: {es: "siete", en: "seven", pt: "sete"}
`

// randomResponses adds n random responses to a batch, rid from first: profiles skewed so some
// groups are tiny, choices the survey does not have (an older version's), answers skipped, a
// question added late, numbers outside the scale.
func randomResponses(rng *rand.Rand, b *Batch, first int64, n int) {
	pick := func(weighted ...string) string { return weighted[rng.IntN(len(weighted))] }
	for i := range n {
		rid := first + int64(i)
		b.Response(rid, rng.Uint32(), pick("s1", "s1", "s2", "s3"), pick("kiosk", "link", "paper"),
			pick("host", "host", "displaced", "displaced", "refugee", "returnee", ""),
			pick("female", "male", "female", "male", "other", "prefer_not"),
			pick("18_29", "30_44", "45_59", "60_plus", ""), pick("none", "none", "none", "some", ""),
			fmt.Sprintf("2026-11-%02d", 1+int(rid/37)%28))
		b.Answer(rid, "q1", pick("a", "b", "b", "old", "prefer_not"), 0, 0, false, false)
		for _, c := range []string{"x", "y", "z", "w"} {
			if rng.IntN(3) == 0 {
				b.Answer(rid, "q2", c, 0, 0, false, false)
			}
		}
		if rng.IntN(5) == 0 {
			b.Answer(rid, "q2", "", 0, 0, false, false)
		}
		for pos, c := range rng.Perm(3)[:rng.IntN(3)] {
			b.Answer(rid, "q3", []string{"p", "q", "r"}[c], pos+1, 0, false, false)
		}
		if rng.IntN(4) > 0 {
			b.Answer(rid, "q4", "", 0, rng.IntN(11), true, false)
		}
		b.Answer(rid, "q5", "", 0, 1+rng.IntN(5+int(rid%2)), true, false)
		if rid > 300 { // a question the first responses were not asked
			b.Answer(rid, "q6", pick("yes", "no"), 0, 0, false, false)
		}
		if rng.IntN(3) == 0 {
			b.Answer(rid, "q7", "", 0, 0, false, true)
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A report kept up to date batch after batch is, after each batch, the report counted from
// scratch: for every kind of filter, for small and large k, in batches smaller than k, of a
// few blocks and of many, and across a step's bound.
func TestLiveReportIsTheReportFromScratch(t *testing.T) {
	sv, problems := survey.Parse("live.yaml", []byte(liveSurvey))
	if problems != nil {
		t.Fatal(problems)
	}
	filters := []Filter{{}, {Session: "s2"}, {Channel: "paper"}, {From: "2026-11-05", To: "2026-11-20"},
		{Dimension: ByGroup, Value: "refugee"}, {Dimension: ByGender, Value: NotStated}, {Session: "s1", Channel: "link"}}
	defer func(was int) { liveStep = was }(liveStep)
	for i, k := range []int{3, 5, 11} {
		liveStep = []int{1 << 16, 40, 1}[i] // one step, steps of a few blocks, of one block
		rng := rand.New(rand.NewPCG(uint64(k), 7))
		d := NewDataset()
		lives := make([]*Live, len(filters))
		for i, f := range filters {
			lives[i] = NewLive(sv, "c", f, k)
		}
		rid := int64(1)
		for step, n := range []int{1, 2, 7, 40, 3, 300, 1, 1, 1, 1, 1, 1, 2500, 13, 4000} {
			b := d.Batch()
			randomResponses(rng, b, rid, n)
			b.Commit()
			rid += int64(n)
			for i, f := range filters {
				got, want := lives[i].Report(d), Aggregate(d, sv, "c", f, k)
				if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
					t.Fatalf("k=%d, after batch %d (%d responses), filter %+v: kept up to date\n%.600s\nfrom scratch\n%.600s",
						k, step, d.Len(), f, g, w)
				}
			}
		}
	}

	// A Live given another dataset (a consultation forgotten and read again, a snapshot read)
	// counts that one from its start.
	lv := NewLive(sv, "c", Filter{}, 5)
	one, other := NewDataset(), NewDataset()
	b := one.Batch()
	randomResponses(rand.New(rand.NewPCG(1, 1)), b, 1, 500)
	b.Commit()
	b = other.Batch()
	randomResponses(rand.New(rand.NewPCG(2, 2)), b, 1, 520)
	b.Commit()
	lv.Report(one)
	if got, want := jsonOf(t, lv.Report(other)), jsonOf(t, Aggregate(other, sv, "c", Filter{}, 5)); got != want {
		t.Fatal("a Live given another dataset did not count it from its start")
	}
}

// BenchmarkLive100k: a report of 100,000 responses counted from scratch, against the same report
// kept up to date with 1,000 new responses (what a planner polling results pays for each new
// state of the data; making the batch is not timed).
func BenchmarkLive100k(b *testing.B) {
	sv, problems := survey.Parse("live.yaml", []byte(liveSurvey))
	if problems != nil {
		b.Fatal(problems)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	d := NewDataset()
	batch := d.Batch()
	randomResponses(rng, batch, 1, 100_000)
	batch.Commit()
	b.Run("from-scratch", func(b *testing.B) {
		for b.Loop() {
			Aggregate(d, sv, "c", Filter{}, 5)
		}
	})
	b.Run("plus-1000", func(b *testing.B) {
		lv := NewLive(sv, "c", Filter{}, 5)
		lv.Report(d)
		rid := int64(d.Len() + 1)
		for b.Loop() {
			b.StopTimer()
			batch := d.Batch()
			randomResponses(rng, batch, rid, 1000)
			batch.Commit()
			rid += 1000
			b.StartTimer()
			lv.Report(d)
		}
	})
}
