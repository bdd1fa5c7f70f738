package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

func TestResultSnapshot(t *testing.T) { forEachDialect(t, testResultSnapshot) }

// testResultSnapshot: a saved snapshot is read back whole; a newer one replaces it, one holding
// fewer responses (another instance's, saved late) does not, unless its format is another.
func testResultSnapshot(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	if _, ok, err := f.st.ResultSnapshot(ctx, "c1"); err != nil || ok {
		t.Fatalf("before any save: ok %v, err %v; want none", ok, err)
	}
	big := bytes.Repeat([]byte{0, 1, 2, 0xFF}, 300_000) // binary, with zero bytes, over 1 MB
	save := func(xact, rid int64, n, format int, data []byte) {
		t.Helper()
		if err := f.st.SaveResultSnapshot(ctx, "c1", ResultSnapshot{Position: Position{xact, rid}, Responses: n, Format: format, Data: data}); err != nil {
			t.Fatal(err)
		}
	}
	check := func(xact, rid int64, n, format int, data []byte) {
		t.Helper()
		got, ok, err := f.st.ResultSnapshot(ctx, "c1")
		if err != nil || !ok {
			t.Fatalf("ok %v, err %v", ok, err)
		}
		if got.Position != (Position{xact, rid}) || got.Responses != n || got.Format != format || !bytes.Equal(got.Data, data) || got.SavedAt.IsZero() {
			t.Errorf("read back %+v, %d, format %d, %d bytes; want {%d %d}, %d, format %d, %d bytes",
				got.Position, got.Responses, got.Format, len(got.Data), xact, rid, n, format, len(data))
		}
	}
	save(0, 10, 10, 1, []byte("first"))
	check(0, 10, 10, 1, []byte("first"))
	save(7, 40, 30, 1, big)
	check(7, 40, 30, 1, big)
	var parts int // the bytes are kept in parts of 1 MB, the first one's replaced
	if err := f.st.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM result_snapshot_parts WHERE consultation_id = 'c1'`).Scan(&parts); err != nil || parts != 2 {
		t.Errorf("%d parts for %d bytes (%v), want 2", parts, len(big), err)
	}
	save(5, 20, 12, 1, []byte("older")) // fewer responses, same format: kept as it was
	check(7, 40, 30, 1, big)
	save(5, 20, 12, 2, []byte("other format"))
	check(5, 20, 12, 2, []byte("other format"))
	if _, ok, err := f.st.ResultSnapshot(ctx, "c2"); err != nil || ok {
		t.Errorf("another consultation: ok %v, err %v; want none", ok, err)
	}

	// A save that fails halfway (its first part already committed) leaves the snapshot before it
	// whole and none of its own parts.
	save(7, 40, 30, 1, big)
	broken := errors.New("encoding failed")
	err := f.st.SaveResultSnapshotFrom(ctx, "c1", ResultSnapshot{Position: Position{8, 50}, Responses: 40, Format: 1},
		func(w io.Writer) error {
			if _, err := w.Write(big); err != nil {
				return err
			}
			return broken
		})
	if !errors.Is(err, broken) {
		t.Errorf("a failing save = %v, want its error", err)
	}
	check(7, 40, 30, 1, big)
	countParts := func() int {
		t.Helper()
		var n int
		if err := f.st.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM result_snapshot_parts`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := countParts(); n != 2 {
		t.Errorf("%d parts after a failed save, want the 2 of the snapshot kept", n)
	}
	// Parts a crash left behind belong to no snapshot: reading ignores them, the next save deletes them.
	if _, err := f.st.w.ExecContext(ctx, `INSERT INTO result_snapshot_parts (consultation_id, generation, part, data) VALUES ('c1', 12345, 0, ?)`,
		[]byte("left over")); err != nil {
		t.Fatal(err)
	}
	check(7, 40, 30, 1, big)
	save(9, 60, 50, 1, []byte("after the crash"))
	check(9, 60, 50, 1, []byte("after the crash"))
	if n := countParts(); n != 1 {
		t.Errorf("%d parts after the next save, want its one", n)
	}
}

// BenchmarkSnapshotSaveStall: how long responses wait while a results snapshot of 30 MB (a
// consultation of ~100,000 responses) is saved on SQLite, whose one writer both share. The bytes
// cost CPU to make, as the dataset's encoding does (about 0.2 s here); one client submits
// responses one after another meanwhile, and the benchmark reports the longest wait.
// go test ./internal/store -run '^$' -bench SnapshotSaveStall -benchtime 5x
func BenchmarkSnapshotSaveStall(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	piece := bytes.Repeat([]byte("consulta"), 8<<10) // 64 KB
	encode := func(w io.Writer) error {
		for range 480 { // 30 MB
			for range 4 {
				sha256.Sum256(piece) // the CPU an encoder spends on a piece
			}
			if _, err := w.Write(piece); err != nil {
				return err
			}
		}
		return nil
	}
	var worst, saving time.Duration
	for i := range b.N {
		done := make(chan struct{})
		var over atomic.Bool // the save has returned
		var waits []time.Duration
		go func() {
			defer close(done)
			for k := 0; !over.Load(); k++ { // until the first response sent after the save
				t0 := time.Now()
				if _, err := f.st.SaveResponse(ctx, f.response(fmt.Sprintf("stall-%d-%d", i, k), fullAnswers()), f.sv); err != nil {
					b.Error(err)
					return
				}
				waits = append(waits, time.Since(t0))
			}
		}()
		time.Sleep(20 * time.Millisecond)
		t0 := time.Now()
		if err := f.st.SaveResultSnapshotFrom(ctx, "c1", ResultSnapshot{Position: Position{0, int64(i + 1)}, Responses: i + 1, Format: 1}, encode); err != nil {
			b.Fatal(err)
		}
		saving += time.Since(t0)
		over.Store(true)
		<-done
		worst = max(worst, slices.Max(waits))
	}
	b.ReportMetric(float64(saving.Milliseconds())/float64(b.N), "save-ms")
	b.ReportMetric(float64(worst.Milliseconds()), "longest-wait-ms")
}
