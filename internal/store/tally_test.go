package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
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

// recordCounts reads a consultation as results do and returns its strata and cells.
func recordCounts(t *testing.T, st *Store, consultation string) (map[string]results.Count, map[string]results.Count, *results.Dataset) {
	t.Helper()
	d := results.NewDataset()
	b := d.Batch()
	_, err := st.ResultRows(context.Background(), consultation, Position{},
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

// TestPackedAnswersReadAsTheAnswersTable: results read from the packed answers exactly what the
// answers table holds, every count and key sum, with rank positions, numbers, skipped
// questions, ticks, blank profiles, sessions, channels, days and replays; also when packed and
// unpacked responses are mixed. The tallies match the responses.
func TestPackedAnswersReadAsTheAnswersTable(t *testing.T) {
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
	packedS, packedC := map[string]map[string]results.Count{}, map[string]map[string]results.Count{}
	for _, c := range []string{"c1", "c2"} {
		s, cells, d := recordCounts(t, f.st, c)
		packedS[c], packedC[c] = s, cells
		tally, err := f.st.ConsultationTally(ctx, c)
		if err != nil || tally.Responses != d.Len() || tally.LastRID != d.Last() {
			t.Errorf("%s: tally %+v (%v), read %d responses up to row %d", c, tally, err, d.Len(), d.Last())
		}
		if len(cells) < 100 {
			t.Errorf("%s: only %d cells: the random data is too plain to test anything", c, len(cells))
		}
	}
	for _, unpack := range []string{`rid % 3 = 0`, `1 = 1`} {
		unpackIntoTable(t, f.st, unpack)
		for _, c := range []string{"c1", "c2"} {
			s, cells, _ := recordCounts(t, f.st, c)
			sameCounts(t, c+" stratum ("+unpack+" unpacked)", packedS[c], s)
			sameCounts(t, c+" cell ("+unpack+" unpacked)", packedC[c], cells)
		}
	}
	if err := f.st.VerifyTallies(ctx); err != nil {
		t.Error(err)
	}
}

// unpackIntoTable makes the responses that match where as a response stored before answers were
// packed: every answer a row of the answers table, and answers_packed NULL. The answers of every
// such response are rewritten in response order, as they were stored then.
func unpackIntoTable(t *testing.T, st *Store, where string) {
	t.Helper()
	ctx := context.Background()
	rows := map[int64][][]any{} // answer rows of each response to unpack or unpacked before
	texts := map[[2]any]any{}
	err := st.scanRows(ctx, `SELECT a.rid, a.question, a.choice, a.position, a.number, a.text, r.answers_packed IS NULL
		FROM answers a JOIN responses r ON r.rid = a.rid ORDER BY a.rowid`, nil,
		func(r *sql.Rows) error {
			row := make([]any, 6)
			var legacy bool
			if err := r.Scan(&row[0], &row[1], &row[2], &row[3], &row[4], &row[5], &legacy); err != nil {
				return err
			}
			rid := row[0].(int64)
			if legacy {
				rows[rid] = append(rows[rid], row)
			} else {
				texts[[2]any{rid, row[1]}] = row[5]
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	err = st.scanRows(ctx, `SELECT rid, answers_packed FROM responses WHERE answers_packed IS NOT NULL AND `+where, nil,
		func(r *sql.Rows) error {
			var rid int64
			var packed []byte
			if err := r.Scan(&rid, &packed); err != nil {
				return err
			}
			rows[rid] = nil
			return unpackAnswers(rid, packed, func(a ResultAnswer) {
				q := string(a.Question)
				row := []any{rid, q, nil, nil, nil, nil}
				switch {
				case len(a.Choice) > 0:
					row[2] = string(a.Choice)
					if a.Position > 0 {
						row[3] = a.Position
					}
				case a.HasNumber:
					row[4] = a.Number
				case a.HasText:
					row[5] = texts[[2]any{rid, q}]
				}
				rows[rid] = append(rows[rid], row)
			})
		})
	if err != nil {
		t.Fatal(err)
	}
	err = st.tx(ctx, func(tx *sql.Tx) error {
		for _, rid := range slices.Sorted(maps.Keys(rows)) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM answers WHERE rid = ?`, rid); err != nil {
				return err
			}
		}
		for _, rid := range slices.Sorted(maps.Keys(rows)) {
			for _, row := range rows[rid] {
				if _, err := tx.ExecContext(ctx, `INSERT INTO answers (rid, question, choice, position, number, text)
					VALUES (?, ?, ?, ?, ?, ?)`, row...); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE responses SET answers_packed = NULL WHERE rid = ?`, rid); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrationTalliesWhatIsStored: a database filled before migration 011 gets its tallies, and
// its responses, without packed answers, read the same; new ones are packed.
func TestMigrationTalliesWhatIsStored(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fillRandom(t, f, "c1", 800, 3)
	_, before, _ := recordCounts(t, f.st, "c1")
	// As before 011, so before 015 too: every answer in the answers table.
	unpackIntoTable(t, f.st, `1 = 1`)
	for _, q := range []string{`DROP TABLE tallies`, `ALTER TABLE responses DROP COLUMN answers_packed`,
		`ALTER TABLE responses DROP COLUMN xact`,
		`DELETE FROM schema_migrations WHERE name IN ('011_packed_answers.sql', '015_writer_tallies.sql')`} {
		if _, err := f.st.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st, err := Open(f.path) // the fixture's store closes at the end of the test
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.VerifyTallies(ctx); err != nil {
		t.Error(err)
	}
	_, after, _ := recordCounts(t, st, "c1")
	sameCounts(t, "migrated cell", before, after)
	if _, err := st.SaveResponse(ctx, f.response("after-migration", fullAnswers()), f.sv); err != nil {
		t.Fatal(err)
	}
	_, mixed, d := recordCounts(t, st, "c1")
	if d.Len() != 801 || len(mixed) < len(after) {
		t.Errorf("after one more response: %d responses, %d cells (before %d)", d.Len(), len(mixed), len(after))
	}
	if n := count(t, readOnly(t, f.path), `SELECT count(*) FROM responses WHERE answers_packed IS NOT NULL`); n != 1 {
		t.Errorf("%d responses packed, want the one stored after the migration", n)
	}
	if err := st.VerifyTallies(ctx); err != nil {
		t.Error(err)
	}
}

// TestTalliesFollowOnlyStoredResponses: a conflicting replay and a failed response in a group
// leave the tallies as they were.
func TestTalliesFollowOnlyStoredResponses(t *testing.T) {
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
	if err := f.st.VerifyTallies(ctx); err != nil {
		t.Error(err)
	}
}
