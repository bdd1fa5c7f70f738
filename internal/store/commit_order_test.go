package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"consulta/internal/store/pgtest"
)

// TestResultsReadLateCommitOnce: on PostgreSQL, response A takes its rid in a transaction that
// stays open while response B, with a larger rid, is stored and committed by another connection
// (another instance). A reader that reads then must not move past A: once A commits, the next
// read brings A and B, each once, in the same order for a reader that starts from scratch.
func TestResultsReadLateCommitOnce(t *testing.T) {
	f := newFixtureAt(t, pgtest.Database(t))
	ctx := context.Background()
	if _, err := f.st.SaveResponse(ctx, f.response("before", fullAnswers()), f.sv); err != nil {
		t.Fatal(err)
	}

	// A, by hand, as the other instance's group statement would: open, not committed.
	other, err := openPostgresDB(f.path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	txA, err := other.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer txA.Rollback()
	a := f.response("A", fullAnswers())
	a.ReceivedAt = time.Now()
	jobA, err := f.st.newSaveJob(ctx, a, f.sv)
	if err != nil {
		t.Fatal(err)
	}
	insertA, err := txA.PrepareContext(ctx, insertResponseSQL)
	if err != nil {
		t.Fatal(err)
	}
	ridA, _, err := insertResponse(ctx, insertA, a, jobA.hash, jobA.packed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SaveResponse(ctx, f.response("B", fullAnswers()), f.sv); err != nil {
		t.Fatal(err)
	}
	var ridB int64
	if err := f.st.r.QueryRowContext(ctx, `SELECT rid FROM responses WHERE id = 'B'`).Scan(&ridB); err != nil {
		t.Fatal(err)
	}
	if ridA >= ridB {
		t.Fatalf("rid of A %d, of B %d: the test needs A's smaller", ridA, ridB)
	}

	read := func(from Position) ([]int64, Position, int) {
		t.Helper()
		var rids []int64
		answers := 0
		to, err := f.st.ResultRows(ctx, "c1", from, func(r ResultResponse) { rids = append(rids, r.RID) },
			func(ResultAnswer) { answers++ })
		if err != nil {
			t.Fatal(err)
		}
		return rids, to, answers
	}
	first, pos, _ := read(Position{})
	if slices.Contains(first, ridA) || slices.Contains(first, ridB) || len(first) != 1 {
		t.Fatalf("while A is open the reader read %v; want only the response before (B waits for A)", first)
	}
	if tally, _ := f.st.ConsultationTally(ctx, "c1"); tally.Responses != 2 {
		t.Errorf("tally while A is open: %+v, want the 2 committed", tally)
	}

	if err := txA.Commit(); err != nil {
		t.Fatal(err)
	}
	perResponse := 0
	if err := unpackAnswers(ridA, jobA.packed, func(ResultAnswer) { perResponse++ }); err != nil {
		t.Fatal(err)
	}
	then, end, answers := read(pos)
	if !slices.Equal(then, []int64{ridA, ridB}) || answers != 2*perResponse {
		t.Errorf("after A commits the reader read %v with %d answer rows; want [%d %d] (A then B, once each) with %d",
			then, answers, ridA, ridB, 2*perResponse)
	}
	if again, _, _ := read(end); len(again) != 0 {
		t.Errorf("read again after the end: %v", again)
	}
	all, _, _ := read(Position{})
	if want := append(first, then...); !slices.Equal(all, want) {
		t.Errorf("a reader from scratch read %v; the one that read along %v", all, want)
	}
}

// TestResultsAfterRestoreToAnotherServer: responses that carry another server's transaction ids
// (restored from a dump into a new cluster, whose ids are smaller) are read, and responses stored
// after the restore are read too, after them.
func TestResultsAfterRestoreToAnotherServer(t *testing.T) {
	f := newFixtureAt(t, pgtest.Database(t))
	ctx := context.Background()
	for _, id := range []string{"old-1", "old-2"} {
		if _, err := f.st.SaveResponse(ctx, f.response(id, fullAnswers()), f.sv); err != nil {
			t.Fatal(err)
		}
	}
	// As a dump from an older, busier server leaves them: ids far ahead of this server's.
	if _, err := f.st.w.ExecContext(ctx, `UPDATE responses SET xact = xact + 1000000000000`); err != nil {
		t.Fatal(err)
	}
	st, err := Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveResponse(ctx, f.response("new", fullAnswers()), f.sv); err != nil {
		t.Fatal(err)
	}
	var ids []string
	_, err = st.ResultRows(ctx, "c1", Position{}, func(r ResultResponse) {
		var id string
		if err := st.r.QueryRowContext(ctx, `SELECT id FROM responses WHERE rid = ?`, r.RID).Scan(&id); err != nil {
			t.Error(err)
		}
		ids = append(ids, id)
	}, func(ResultAnswer) {})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, []string{"old-1", "old-2", "new"}) {
		t.Errorf("read %v after the restore, want the restored responses then the new one", ids)
	}
}
