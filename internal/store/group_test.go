package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// commitJobs stores responses as one group, as the writer does when they arrive together, and
// returns each one's answer.
func (f *fixture) commitJobs(t *testing.T, rs ...*Response) (created []bool, errs []error) {
	t.Helper()
	ctx := context.Background()
	var group []*saveJob
	for _, r := range rs {
		j, err := f.st.newSaveJob(ctx, r, f.sv)
		if err != nil {
			t.Fatal(err)
		}
		group = append(group, j)
	}
	f.st.commitGroup(group)
	for _, j := range group {
		err := <-j.done
		created = append(created, j.created && err == nil)
		errs = append(errs, err)
	}
	return created, errs
}

func groupID(n int) string { return fmt.Sprintf("6a1c0e2b-0000-4000-8000-%012d", n) }

func TestGroupMixesNewReplayedConflictingAndInvalid(t *testing.T) {
	forEachDialect(t, testGroupMixesNewReplayedConflictingAndInvalid)
}

func testGroupMixesNewReplayedConflictingAndInvalid(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	db := readOnly(t, f.path)
	perResponse := 9 + 1 + 2 + 3 + 5 // answers of fullAnswers, packed with the response

	// Two responses stored before, one group at a time.
	if created, errs := f.commitJobs(t, f.response(groupID(1), fullAnswers()), f.response(groupID(2), fullAnswers())); !created[0] || !created[1] {
		t.Fatalf("first group: %v %v", created, errs)
	}

	other := fullAnswers()
	other["fruit"] = "guava"
	changed := fullAnswers()
	changed["say"] = "otra cosa"
	type want struct {
		created bool
		err     string // "" nil, "conflict", or a piece of the error
	}
	plain := func(n int) *Response { return f.response(groupID(n), other) }
	unknownConsultation := plain(12)
	unknownConsultation.ConsultationID = "no-such-consultation"
	unknownSession := plain(13)
	unknownSession.SessionID = "no-such-session"
	unknownVersion := plain(14)
	unknownVersion.SurveyVersion = "0000000000000000"

	cases := []struct {
		name string
		r    *Response
		want want
	}{
		{"new", plain(10), want{true, ""}},
		{"replayed", f.response(groupID(1), fullAnswers()), want{false, ""}},
		{"conflicting", f.response(groupID(2), changed), want{false, "conflict"}},
		{"new again", plain(11), want{true, ""}},
		{"unknown consultation", unknownConsultation, want{false, "foreign key"}},
		{"unknown session", unknownSession, want{false, "foreign key"}},
		{"unknown survey version", unknownVersion, want{false, "foreign key"}},
		{"new last", plain(15), want{true, ""}},
	}
	check := func(t *testing.T, names []string, ws []want, created []bool, errs []error) {
		t.Helper()
		for i, name := range names {
			w := ws[i]
			switch {
			case created[i] != w.created:
				t.Errorf("%s: created = %v, want %v (err %v)", name, created[i], w.created, errs[i])
			case w.err == "" && errs[i] != nil:
				t.Errorf("%s: err = %v, want none", name, errs[i])
			case w.err == "conflict" && !errors.Is(errs[i], ErrConflict):
				t.Errorf("%s: err = %v, want ErrConflict", name, errs[i])
			case w.err != "" && w.err != "conflict" && (errs[i] == nil || !strings.Contains(strings.ToLower(errs[i].Error()), w.err)):
				t.Errorf("%s: err = %v, want one saying %q", name, errs[i], w.err)
			}
		}
	}

	// Without the invalid ones, then with them: the first is PostgreSQL's one statement, the
	// second makes it fall back to one savepoint per response, and both answer alike.
	var names []string
	var rs []*Response
	var ws []want
	for _, c := range cases {
		if c.want.err == "" || c.want.err == "conflict" {
			names, rs, ws = append(names, c.name), append(rs, c.r), append(ws, c.want)
		}
	}
	before := f.st.groups.oneStatement.Load()
	created, errs := f.commitJobs(t, rs...)
	check(t, names, ws, created, errs)
	if IsPostgres(at) && f.st.groups.oneStatement.Load() != before+1 {
		t.Errorf("a group without failures did not take the one-statement path")
	}

	names, rs, ws = nil, nil, nil
	for i, c := range cases {
		r := *c.r
		if c.want.created {
			r.ID = groupID(20 + i) // new ids, the first ones are stored now
		}
		r.ReceivedAt = c.r.ReceivedAt
		names, rs, ws = append(names, c.name), append(rs, &r), append(ws, c.want)
	}
	before = f.st.groups.perResponse.Load()
	created, errs = f.commitJobs(t, rs...)
	check(t, names, ws, created, errs)
	if IsPostgres(at) && f.st.groups.perResponse.Load() != before+1 {
		t.Errorf("a group with failures did not fall back to the per-response path")
	}

	// 2 before, 3 new in the first mixed group, 3 in the second: nothing of the refused ones.
	const stored = 2 + 3 + 3
	if n := count(t, db, `SELECT count(*) FROM responses`); n != stored {
		t.Errorf("responses = %d, want %d", n, stored)
	}
	// The answers table holds what people wrote: fullAnswers' one text.
	if n := count(t, db, `SELECT count(*) FROM answers`); n != stored {
		t.Errorf("text rows = %d, want %d", n, stored)
	}
	answers := 0
	if _, err := f.st.ResultRows(context.Background(), "c1", Position{}, func(ResultResponse) {}, func(ResultAnswer) { answers++ }); err != nil || answers != stored*perResponse {
		t.Errorf("answers read = %d, %v; want %d", answers, err, stored*perResponse)
	}
	if n := count(t, db, `SELECT count(*) FROM responses WHERE answers_packed IS NULL`); n != 0 {
		t.Errorf("%d responses without packed answers", n)
	}
	if tl, err := f.st.ConsultationTally(ctx, "c1"); err != nil || tl.Responses != stored {
		t.Errorf("tally = %+v, %v; want %d responses", tl, err, stored)
	}
	if err := f.st.VerifyTallies(ctx); err != nil {
		t.Error(err)
	}
	// The conflicting replay left the original as it was.
	_, rows, err := f.st.StoredResponse(ctx, groupID(2))
	if err != nil || rows["say"][0].Text != "Más luz en la calle" {
		t.Errorf("original of the conflicting replay: %+v, %v", rows["say"], err)
	}
	// Each stored response has its own answers, in the order they were given.
	_, rows, err = f.st.StoredResponse(ctx, groupID(11))
	if err != nil || rows["fruit"][0].Choice != "guava" || len(rows["order"]) != 3 ||
		rows["order"][0].Choice != "banana" || rows["order"][2].Position != 3 || *rows["people"][0].Number != 6 {
		t.Errorf("stored answers of a grouped response: %+v, %v", rows, err)
	}
	var distinct int
	if err := db.QueryRow(`SELECT count(DISTINCT record_key) FROM responses`).Scan(&distinct); err != nil || distinct < stored-1 {
		t.Errorf("record keys: %d distinct of %d, %v", distinct, stored, err)
	}
}

func TestGroupWithOneIDTwice(t *testing.T) { forEachDialect(t, testGroupWithOneIDTwice) }

func testGroupWithOneIDTwice(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	changed := fullAnswers()
	changed["mood"] = 1
	created, errs := f.commitJobs(t,
		f.response(groupID(1), fullAnswers()), f.response(groupID(1), fullAnswers()), f.response(groupID(1), changed))
	if !created[0] || errs[0] != nil || created[1] || errs[1] != nil || created[2] || !errors.Is(errs[2], ErrConflict) {
		t.Errorf("one id three times in a group: created %v, errors %v; want 201, 200, 409", created, errs)
	}
	if n, _ := f.st.CountResponses(context.Background(), "c1"); n != 1 {
		t.Errorf("responses = %d, want 1", n)
	}
	if err := f.st.VerifyTallies(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestGroupFailsAfterTheResponseRow: a refused answer row fails the group's one statement on
// PostgreSQL; the per-response path then stores the others and refuses that one alone.
func TestGroupFailsAfterTheResponseRow(t *testing.T) {
	forEachDialect(t, testGroupFailsAfterTheResponseRow)
}

func testGroupFailsAfterTheResponseRow(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	refuseAnswer(t, f.path, "say")
	created, errs := f.commitJobs(t, f.response(groupID(1), fullAnswers()), f.response(groupID(2), fullAnswers()))
	for i := range created {
		if created[i] || errs[i] == nil || !strings.Contains(errs[i].Error(), "answer refused by test") {
			t.Errorf("response %d: %v, %v; want the trigger's error", i, created[i], errs[i])
		}
	}
	db := readOnly(t, f.path)
	if n := count(t, db, `SELECT count(*) FROM responses`) + count(t, db, `SELECT count(*) FROM answers`); n != 0 {
		t.Errorf("%d rows stored by a refused group, want none", n)
	}
	if err := f.st.VerifyTallies(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestTwoWritersOnOneDatabase: two stores (two instances) send the same ids at once; each id is
// stored once, answered 201 by one of them and 200 (or 409 for other content) by the other,
// and the tallies count each response once.
func TestTwoWritersOnOneDatabase(t *testing.T) {
	forEachDialect(t, func(t *testing.T, at string) {
		if !IsPostgres(at) {
			t.Skip("two instances share a PostgreSQL database only")
		}
		f := newFixtureAt(t, at)
		second, err := Open(at)
		if err != nil {
			t.Fatal(err)
		}
		defer second.Close()
		ctx := context.Background()
		const ids, writers = 300, 4
		var created [2][ids]bool
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := range 2 * writers {
			st := []*Store{f.st, second}[w%2]
			wg.Go(func() {
				for i := w / 2; i < ids; i += writers {
					a := fullAnswers()
					a["people"] = 1 + i%30
					c, err := st.SaveResponse(ctx, f.response(groupID(i), a), f.sv)
					if err != nil {
						t.Errorf("instance %d response %d: %v", w%2, i, err)
						continue
					}
					mu.Lock()
					created[w%2][i] = c
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		for i := range ids {
			if created[0][i] == created[1][i] {
				t.Errorf("response %d: created by the first %v, by the second %v; want exactly one", i, created[0][i], created[1][i])
			}
		}
		// Other content under a stored id: 409 from either instance.
		a := fullAnswers()
		a["people"] = 30
		for k, st := range []*Store{f.st, second} {
			if c, err := st.SaveResponse(ctx, f.response(groupID(k+1), a), f.sv); c || !errors.Is(err, ErrConflict) {
				t.Errorf("instance %d, other content: %v, %v; want ErrConflict", k, c, err)
			}
		}
		if n, _ := f.st.CountResponses(ctx, "c1"); n != ids {
			t.Errorf("responses = %d, want %d", n, ids)
		}
		if err := f.st.VerifyTallies(ctx); err != nil {
			t.Error(err)
		}
		if fast := f.st.groups.oneStatement.Load() + second.groups.oneStatement.Load(); fast == 0 {
			t.Error("no group took the one-statement path")
		}
	})
}
