package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"consulta/internal/results"
	"consulta/internal/survey"
)

// randomAnswers answers the tiny survey as people do: some profile questions left blank, some
// questions skipped, any number of ticks, rankings of one to three, numbers across the range.
func randomAnswers(rng *rand.Rand) survey.Answers {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	fruits := []string{"mango", "papaya", "banana", "guava"}
	a := survey.Answers{}
	maybe := func(id string, v any) {
		if rng.IntN(10) > 0 {
			a[id] = v
		}
	}
	maybe("group", pick("host", "displaced", "refugee", "returnee", "migrant", "prefer_not"))
	maybe("gender", pick("female", "male", "other", "prefer_not"))
	maybe("age_band", pick("age_18_29", "age_30_59", "age_60_plus"))
	for _, wg := range []string{"wg_seeing", "wg_hearing", "wg_walking", "wg_remembering", "wg_selfcare", "wg_communicating"} {
		maybe(wg, pick("no_difficulty", "no_difficulty", "no_difficulty", "some_difficulty", "a_lot", "cannot_do"))
	}
	maybe("fruit", pick(fruits...))
	perm := rng.Perm(len(fruits))
	var ticked []string
	for _, i := range perm[:rng.IntN(len(fruits)+1)] {
		ticked = append(ticked, fruits[i])
	}
	if len(ticked) > 0 {
		maybe("fruits", ticked)
	}
	var ranked []string
	for _, i := range perm[:1+rng.IntN(3)] {
		ranked = append(ranked, fruits[i])
	}
	maybe("order", ranked)
	maybe("mood", 1+rng.IntN(5))
	maybe("people", 1+rng.IntN(30))
	maybe("agree", rng.IntN(2) == 0)
	maybe("refuse", rng.IntN(3) == 0)
	maybe("say", pick("", "más luz", "agua"))
	return a
}

// fillRandom stores n random responses from eight writers at once, so group commits mix strata,
// over sessions, channels and days, with some replays.
func fillRandom(t *testing.T, f *fixture, consultation string, n int, seed uint64) {
	t.Helper()
	ctx := context.Background()
	sessions := []string{""}
	for i := range 3 {
		id := fmt.Sprintf("%s-s%d", consultation, i)
		if err := f.st.CreateSession(ctx, &Session{ID: id, ConsultationID: consultation, Place: "Salón", HeldOn: "2026-11-20"}); err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, id)
	}
	day0 := time.Date(2026, 11, 20, 23, 30, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			for i := range n / 8 {
				a := randomAnswers(rng)
				r := &Response{ID: fmt.Sprintf("%s-%d-%d", consultation, w, i), ConsultationID: consultation,
					SurveyVersion: f.sv.Version, Language: "es", Channel: Link, Profile: survey.ProfileOf(a), Answers: a,
					ReceivedAt: day0.Add(time.Duration(rng.IntN(4*24*60)) * time.Minute)}
				if s := sessions[rng.IntN(len(sessions))]; s != "" {
					r.Channel, r.SessionID = Kiosk, s
				}
				if _, err := f.st.SaveResponse(ctx, r, f.sv); err != nil {
					errs <- err
					return
				}
				if i%17 == 0 { // a replay changes nothing
					again := *r
					if _, err := f.st.SaveResponse(ctx, &again, f.sv); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// recordCounts builds the dataset of every single response and answer row, as results did
// before counts were kept, and returns its strata and cells.
func recordCounts(t *testing.T, st *Store, consultation string) (map[string]results.Count, map[string]results.Count, *results.Dataset) {
	t.Helper()
	d := results.NewDataset()
	b := d.Batch()
	err := st.ResultRows(context.Background(), consultation, 0,
		func(r ResultResponse) {
			b.Response(r.RID, r.Key, r.Session, r.Channel, r.Group, r.Gender, r.AgeBand, r.Disability, r.Day)
		},
		func(a ResultAnswer) {
			b.AnswerBytes(a.RID, a.Question, a.Choice, a.Position, a.Number, a.HasNumber, a.HasText)
		})
	if err != nil {
		t.Fatal(err)
	}
	b.Commit()
	strata, cells := d.CellCounts()
	return strata, cells, d
}

// keptCounts builds the dataset from the counts kept at write time.
func keptCounts(t *testing.T, st *Store, consultation string) (map[string]results.Count, map[string]results.Count, *results.Dataset, Tally) {
	t.Helper()
	b := results.NewStrata()
	tally, err := st.Cells(context.Background(), consultation,
		func(s Stratum) {
			b.Stratum(s.ID, s.Responses, s.Keysum, s.Session, s.Channel, s.Group, s.Gender, s.AgeBand, s.Disability, s.Day)
		},
		func(c Cell) {
			b.Cell(c.Stratum, c.Question, c.Choice, c.Kind, c.Position, c.Number, c.Lead, c.Responses, c.Keysum)
		})
	if err != nil {
		t.Fatal(err)
	}
	d := b.Dataset()
	strata, cells := d.CellCounts()
	return strata, cells, d, tally
}

func sameCounts(t *testing.T, what string, want, got map[string]results.Count) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d kept, %d from the rows", what, len(got), len(want))
	}
	bad := 0
	for k, w := range want {
		if g := got[k]; g != w {
			if bad++; bad <= 5 {
				t.Errorf("%s %s: kept %+v, from the rows %+v", what, k, g, w)
			}
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			if bad++; bad <= 5 {
				t.Errorf("%s %s: kept but not in the rows", what, k)
			}
		}
	}
}

// TestKeptCountsEqualTheRows: the counts kept at write time give exactly the counts and key sums
// of the answer rows, for every stratum and cell, with rank positions, numbers, skipped
// questions, ticks, blank profiles, sessions, channels, days and replays.
func TestKeptCountsEqualTheRows(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	mid, err := f.st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.CreateConsultation(ctx, &Consultation{ID: "c2", MunicipalityID: mid, SurveyID: f.sv.ID,
		Title: "Otra", Status: StatusOpen}); err != nil {
		t.Fatal(err)
	}
	fillRandom(t, f, "c1", 1600, 1)
	fillRandom(t, f, "c2", 400, 2)
	for _, c := range []string{"c1", "c2"} {
		wantS, wantC, rec := recordCounts(t, f.st, c)
		gotS, gotC, kept, tally := keptCounts(t, f.st, c)
		sameCounts(t, c+" stratum", wantS, gotS)
		sameCounts(t, c+" cell", wantC, gotC)
		if rec.Len() != kept.Len() || tally.Responses != rec.Len() || tally.LastRID != rec.Last() {
			t.Errorf("%s: %d responses in the rows, %d kept, tally %+v (last rid %d)", c, rec.Len(), kept.Len(), tally, rec.Last())
		}
		if len(gotC) < 100 {
			t.Errorf("%s: only %d cells: the random data is too plain to test anything", c, len(gotC))
		}
	}
	if err := f.st.VerifyCounts(ctx); err != nil {
		t.Error(err)
	}
}

// TestMigrationCountsWhatIsStored: a database filled before counts were kept gets them from the
// migration, the same as counts kept at write time.
func TestMigrationCountsWhatIsStored(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fillRandom(t, f, "c1", 800, 3)
	_, before, _, _ := keptCounts(t, f.st, "c1")
	_, packedRows, _ := recordCounts(t, f.st, "c1")
	// Back to the state before migration 011: no counts, no packed answers, not yet applied.
	for _, q := range []string{`DROP TABLE cells`, `DROP TABLE strata`, `DROP TABLE tallies`,
		`ALTER TABLE responses DROP COLUMN answers_packed`,
		`DELETE FROM schema_migrations WHERE name = '011_cells.sql'`} {
		if _, err := f.st.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st, err := Open(f.path) // the fixture's store closes at the end of the test
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, after, _, _ := keptCounts(t, st, "c1")
	sameCounts(t, "migrated cell", before, after)
	// Responses stored before answers were packed are read from the answers table, the same.
	_, unpackedRows, _ := recordCounts(t, st, "c1")
	sameCounts(t, "unpacked row", packedRows, unpackedRows)
	if err := st.VerifyCounts(ctx); err != nil {
		t.Error(err)
	}
	// And counting goes on from there.
	r := f.response("after-migration", fullAnswers())
	if _, err := st.SaveResponse(ctx, r, f.sv); err != nil {
		t.Fatal(err)
	}
	// Old responses unpacked, the new one packed: read together, in order.
	_, mixed, d := recordCounts(t, st, "c1")
	if d.Len() != 801 || len(mixed) < len(unpackedRows) {
		t.Errorf("after one more response: %d responses, %d cells (before %d)", d.Len(), len(mixed), len(unpackedRows))
	}
	_, kept, _, _ := keptCounts(t, st, "c1")
	sameCounts(t, "mixed cell", mixed, kept)
	if err := st.VerifyCounts(ctx); err != nil {
		t.Error(err)
	}
}

// TestCountsFollowOnlyStoredResponses: a conflicting replay and a failed response in a group
// leave the counts as they were.
func TestCountsFollowOnlyStoredResponses(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.response("one", fullAnswers())
	if _, err := f.st.SaveResponse(ctx, r, f.sv); err != nil {
		t.Fatal(err)
	}
	other := fullAnswers()
	other["fruit"] = "mango"
	if _, err := f.st.SaveResponse(ctx, f.response("one", other), f.sv); err != ErrConflict {
		t.Fatalf("conflicting replay: %v, want ErrConflict", err)
	}
	bad := f.response("two", fullAnswers())
	bad.ConsultationID = "no-such-consultation"
	if _, err := f.st.SaveResponse(ctx, bad, f.sv); err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Fatalf("response to no consultation: %v, want a foreign key error", err)
	}
	tally, err := f.st.ConsultationTally(ctx, "c1")
	if err != nil || tally.Responses != 1 {
		t.Errorf("tally = %+v, %v; want 1 response", tally, err)
	}
	if err := f.st.VerifyCounts(ctx); err != nil {
		t.Error(err)
	}
}
