package store

import (
	"bytes"
	"context"
	"testing"
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
}
