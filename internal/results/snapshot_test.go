package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"
	"testing/iotest"

	"consulta/internal/survey"
)

// TestSnapshotThenMoreBatches: a dataset snapshotted at any point, decoded, and given the batches
// that followed gives byte for byte the reports and staff counts of the dataset that never was.
func TestSnapshotThenMoreBatches(t *testing.T) {
	sv, problems := survey.Parse("fixture.yaml", []byte(fixtureSurvey))
	if problems != nil {
		t.Fatal(problems)
	}
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 7))
		pick := func(s ...string) string { return s[rng.IntN(len(s))] }
		n := 300 + rng.IntN(900)
		// A batch adds responses (rid, then its answers); later batches bring words and terms the
		// snapshot never saw (session s3, question q9).
		type resp struct {
			rid     int64
			key     uint32
			profile [5]string
			answers [][4]string // question, choice, position, number ("" for none)
		}
		var people []resp
		for i := range n {
			later := i > n/2
			p := resp{rid: int64(2*i + 1 + rng.IntN(2)), key: rng.Uint32(), profile: [5]string{pick("s1", "s2", ""), pick("kiosk", "link"),
				pick("host", "refugee"), pick("female", "male", ""), fmt.Sprintf("2026-11-%02d", 1+i*20/n)}}
			if later && rng.IntN(3) == 0 {
				p.profile[0] = "s3"
			}
			q1 := pick("a", "b", "")
			p.answers = append(p.answers, [4]string{"group", p.profile[2]}, [4]string{"gender", p.profile[3]}, [4]string{"q1", q1})
			for _, c := range []string{"x", "y", "z"} {
				if rng.IntN(2) == 0 {
					p.answers = append(p.answers, [4]string{"q2", c})
				}
			}
			for pos, c := range rng.Perm(3)[:2] {
				p.answers = append(p.answers, [4]string{"q3", []string{"p", "q", "r"}[c], fmt.Sprint(pos + 1)})
			}
			if q1 == "a" {
				p.answers = append(p.answers, [4]string{"q4", "", "", fmt.Sprint(rng.IntN(11))})
			}
			if later {
				p.answers = append(p.answers, [4]string{"q9", pick("new1", "new2")})
			}
			people = append(people, p)
		}
		var batches [][]resp
		for i := 0; i < len(people); {
			k := min(len(people)-i, 1+rng.IntN(120))
			batches = append(batches, people[i:i+k])
			i += k
		}
		add := func(d *Dataset, batch []resp) {
			b := d.Batch()
			for _, p := range batch {
				b.Response(p.rid, p.key, p.profile[0], p.profile[1], p.profile[2], p.profile[3], "", "", p.profile[4])
				for _, a := range p.answers {
					var pos, num int
					fmt.Sscan(a[2], &pos)
					_, err := fmt.Sscan(a[3], &num)
					b.Answer(p.rid, a[0], a[1], pos, num, err == nil, false)
				}
			}
			b.Commit()
		}
		whole := NewDataset()
		for _, batch := range batches {
			add(whole, batch)
		}
		at := rng.IntN(len(batches) + 1)
		before := NewDataset()
		for _, batch := range batches[:at] {
			add(before, batch)
		}
		var snap bytes.Buffer
		if err := before.Frozen().WriteSnapshot(&snap); err != nil {
			t.Fatal(err)
		}
		blob := snap.Bytes()
		add(before, batches[min(at, len(batches)-1)]) // the original goes on: the blob does not change
		resumed := NewDataset()
		if err := resumed.ReadSnapshot(iotest.HalfReader(bytes.NewReader(blob))); err != nil { // read in small pieces
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, batch := range batches[at:] {
			add(resumed, batch)
		}
		if resumed.Len() != whole.Len() || resumed.Last() != whole.Last() || whole.Len() != n {
			t.Fatalf("seed %d: %d responses up to %d, want %d up to %d", seed, resumed.Len(), resumed.Last(), whole.Len(), whole.Last())
		}
		filters := []Filter{{}, {Session: "s1"}, {Session: "s3"}, {Channel: "kiosk"}, {Dimension: ByGroup, Value: "refugee"},
			{From: "2026-11-03", To: "2026-11-12"}, {Dimension: ByGender, Value: NotStated}}
		for _, f := range filters {
			got, err1 := json.Marshal(Aggregate(resumed, sv, "c1", f, 5))
			want, err2 := json.Marshal(Aggregate(whole, sv, "c1", f, 5))
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if string(got) != string(want) {
				t.Errorf("seed %d, snapshot after batch %d of %d, filter %+v: the report differs", seed, at, len(batches), f)
			}
		}
		if f := (Filter{}); len(Aggregate(whole, sv, "c1", f, 5).Questions) == 0 {
			t.Errorf("seed %d: the report is empty: the test compares nothing", seed)
		}
		for _, session := range []string{"", "s1", "s3"} {
			got, want := fmt.Sprintf("%+v", StaffCounts(resumed, session, 5)), fmt.Sprintf("%+v", StaffCounts(whole, session, 5))
			if got != want {
				t.Errorf("seed %d, session %q: staff counts %s, want %s", seed, session, got, want)
			}
		}
		// The same snapshot again takes in nothing it already holds.
		again := NewDataset()
		if err := again.UnmarshalBinary(blob); err != nil {
			t.Fatal(err)
		}
		for _, batch := range batches {
			add(again, batch)
		}
		if again.Len() != n {
			t.Errorf("seed %d: a snapshot given every batch again holds %d responses, want %d", seed, again.Len(), n)
		}
	}
}

// TestSnapshotDamaged: a snapshot cut short, with a byte changed, of another format or whose stream
// fails is refused, and the dataset keeps what it held.
func TestSnapshotDamaged(t *testing.T) {
	d, _ := fixtureDataset(t)
	blob, err := d.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	held := NewDataset()
	if err := held.UnmarshalBinary(blob); err != nil {
		t.Fatal(err)
	}
	if held.Len() != 40 {
		t.Fatalf("%d responses after decoding, want 40", held.Len())
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var bad [][]byte
	for _, n := range []int{0, 1, 3, 4, 10, len(blob) / 2, len(blob) - 5, len(blob) - 1} {
		bad = append(bad, blob[:n])
	}
	for range 200 {
		b := append([]byte(nil), blob...)
		b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
		bad = append(bad, b)
	}
	other := append([]byte(nil), blob...)
	other[len(snapshotMagic)] = SnapshotFormat + 1
	bad = append(bad, other, append(append([]byte(nil), blob...), 0))
	for i, b := range bad {
		if err := held.ReadSnapshot(iotest.OneByteReader(bytes.NewReader(b))); !errors.Is(err, ErrSnapshot) {
			t.Errorf("blob %d (%d of %d bytes): error %v, want ErrSnapshot", i, len(b), len(blob), err)
		}
	}
	// A stream that fails part way (the store's connection lost) returns its error.
	lost := errors.New("connection lost")
	for _, n := range []int{0, 10, len(blob) / 2, len(blob) - 4, len(blob)} {
		if err := held.ReadSnapshot(io.MultiReader(bytes.NewReader(blob[:n]), iotest.ErrReader(lost))); !errors.Is(err, lost) {
			t.Errorf("a stream failing after %d of %d bytes: error %v, want %v", n, len(blob), err, lost)
		}
	}
	if held.Len() != 40 || held.Last() != d.Last() {
		t.Errorf("after refused blobs the dataset holds %d responses up to %d, want 40 up to %d", held.Len(), held.Last(), d.Last())
	}
	got, _ := json.Marshal(StaffCounts(held, "", 5).Rows)
	want, _ := json.Marshal(StaffCounts(d, "", 5).Rows)
	if string(got) != string(want) {
		t.Errorf("after refused blobs the counts are %s, want %s", got, want)
	}
}

// TestLargeBatchAfterSnapshotIsNotCopied: a server that starts from a snapshot and then reads many
// responses takes their answer rows into the dataset as they were read, without a second copy
// (a million responses read after a snapshot once held 200 MB more than a million read straight).
func TestLargeBatchAfterSnapshotIsNotCopied(t *testing.T) {
	const perResponse = 40
	fill := func(d *Dataset, from, to int) *Batch {
		b := d.Batch()
		for rid := from; rid < to; rid++ {
			b.Response(int64(rid), uint32(rid), "", "link", "host", "female", "", "", "2026-11-01")
			for q := range perResponse {
				b.Answer(int64(rid), fmt.Sprintf("q%d", q), "a", 0, 0, false, false)
			}
		}
		return b
	}
	small := NewDataset()
	fill(small, 1, 1001).Commit()
	var snap bytes.Buffer
	if err := small.Frozen().WriteSnapshot(&snap); err != nil {
		t.Fatal(err)
	}
	resumed := NewDataset()
	if err := resumed.ReadSnapshot(&snap); err != nil {
		t.Fatal(err)
	}
	const more = 20_000
	b := fill(resumed, 1001, 1001+more)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.Commit()
	runtime.ReadMemStats(&after)
	rowBytes := uint64(more * perResponse * 8)
	if got := after.TotalAlloc - before.TotalAlloc; got >= rowBytes {
		t.Errorf("committing %d answer rows (%d bytes) after a snapshot allocated %d bytes: the rows were copied",
			more*perResponse, rowBytes, got)
	}
	if resumed.Len() != 1000+more {
		t.Errorf("%d responses, want %d", resumed.Len(), 1000+more)
	}
	// And the rows are all there, in order: one more response after them reads right.
	fill(resumed, 1001+more, 1002+more).Commit()
	rows := 0
	for _, c := range resumed.rows {
		rows += len(c)
	}
	if rows != (1001+more)*perResponse {
		t.Errorf("%d answer rows, want %d", rows, (1001+more)*perResponse)
	}
}
