package results

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"consulta/internal/results/attack"
)

type (
	equation = attack.Equation
	span     = attack.Span
)

var (
	revealed = attack.Revealed
	forced   = attack.Forced
)

// sheet is a table of true counts with the equations that link them.
type sheet struct {
	values []int
	keys   []uint32 // cell keys: sums of the record keys of each count's records
	names  []string
	eqs    []equation
}

func (s *sheet) add(name string, v int, key uint32) int {
	s.values = append(s.values, v)
	s.keys = append(s.keys, key)
	s.names = append(s.names, name)
	return len(s.values) - 1
}

// sum adds a count that is the sum of parts, with its equation.
func (s *sheet) sum(name string, parts ...int) int {
	t, key := 0, uint32(0)
	for _, p := range parts {
		t += s.values[p]
		key += s.keys[p]
	}
	i := s.add(name, t, key)
	s.eqs = append(s.eqs, equation{Total: i, Parts: parts})
	return i
}

// grid adds a table of cells named row/col with their row, column and overall totals. Each
// record of a cell gets a key from r; a total's key is the sum of its cells' keys, as a cell
// key is the sum of its records' keys.
func (s *sheet) grid(r *rand.Rand, rows, cols []string, cells [][]int) {
	cell := make([][]int, len(rows))
	for i, rn := range rows {
		for j, cn := range cols {
			key := uint32(0)
			for range cells[i][j] {
				key += r.Uint32()
			}
			cell[i] = append(cell[i], s.add(rn+"/"+cn, cells[i][j], key))
		}
	}
	var rt, ct []int
	for i, rn := range rows {
		rt = append(rt, s.sum(rn, cell[i]...))
	}
	for j, cn := range cols {
		var parts []int
		for i := range rows {
			parts = append(parts, cell[i][j])
		}
		ct = append(ct, s.sum(cn, parts...))
	}
	all := s.sum("all", rt...)
	s.eqs = append(s.eqs, equation{Total: all, Parts: ct})
}

// publish perturbs every count of s and returns what an attacker knows of each true count.
func (s *sheet) publish(k int) []span {
	d := make([]span, len(s.values))
	for i, v := range s.values {
		lo, hi := Sources(Perturb(v, s.keys[i], k), k)
		d[i] = span{Lo: lo, Hi: hi}
	}
	return d
}

// Equations that each keep two unknowns can still give one back together: the attacker finds
// these leaks of the old small-cell suppression, which the cell key method replaced.
func TestAttackerFindsSuppressionLeaks(t *testing.T) {
	tests := []struct {
		name    string
		cells   [][]int
		mask    []string
		leaks   []string
		working string
	}{
		{
			name:  "cell between two blocks",
			cells: [][]int{{2, 9, 6, 1}, {7, 4, 0, 10}, {3, 6, 1, 0}, {8, 2, 2, 9}},
			mask: []string{"r0/c0", "r0/c3", "r1/c1", "r1/c2", "r2/c0", "r2/c2", "r2/c3",
				"r3/c1", "r3/c2"},
			leaks:   []string{"r2/c2"},
			working: "rows r0 and r2 leave 3 and 4 for their unknowns, columns c0 and c3 leave 5 and 1: r2/c2 = 3 + 4 - 5 - 1",
		},
		{
			name:    "zeros that must add up to 0",
			cells:   [][]int{{2, 6, 10}, {0, 8, 2}, {0, 0, 2}},
			mask:    []string{"r0/c0", "r0/c1", "r1/c0", "r1/c2", "r2/c0", "r2/c1", "r2/c2", "r1", "r2", "c0", "c1"},
			leaks:   []string{"r1/c0", "r2/c0", "r2/c1"},
			working: "c0 + c1 = 30 - 14 = 16 = r0/c0 + r0/c1 + 8 + r1/c0 + r2/c0 + r2/c1, and row r0 gives r0/c0 + r0/c1 = 8",
		},
	}
	for _, tt := range tests {
		s := gridSheet(rand.New(rand.NewPCG(1, 2)), tt.cells)
		mask := make([]bool, len(s.values))
		for i, name := range s.names {
			mask[i] = slices.Contains(tt.mask, name)
		}
		var leaks []string
		for _, i := range revealed(s.values, s.eqs, mask, mask) {
			leaks = append(leaks, s.names[i])
		}
		if !slices.Equal(leaks, tt.leaks) {
			t.Errorf("%s: the attacker recovers %v, want %v (%s)", tt.name, leaks, tt.leaks, tt.working)
		}
		// The same tables through the perturbation table: nothing small is pinned down.
		for seed := range uint64(50) {
			s := gridSheet(rand.New(rand.NewPCG(seed, 7)), tt.cells)
			if pinned := perturbedOK(t, s, 5); len(pinned) > 0 {
				t.Errorf("%s, keys %d: the attacker pins down %v", tt.name, seed, pinned)
			}
		}
	}
}

func gridSheet(r *rand.Rand, cells [][]int) *sheet {
	var rows, cols []string
	for i := range cells {
		rows = append(rows, fmt.Sprint("r", i))
	}
	for j := range cells[0] {
		cols = append(cols, fmt.Sprint("c", j))
	}
	s := &sheet{}
	s.grid(r, rows, cols, cells)
	return s
}

// perturbedOK publishes s through the perturbation table and fails t if a count from 1 to k−1
// is published, or if a published value's sources leave its true count out. It returns the
// true counts from 1 to k−1 that the attacker, knowing the table and every equation, pins down.
func perturbedOK(t *testing.T, s *sheet, k int) []string {
	t.Helper()
	d := s.publish(k)
	targets := make([]bool, len(s.values))
	for i, v := range s.values {
		if p := Perturb(v, s.keys[i], k); p > 0 && p < k {
			t.Errorf("%s = %d published as %d", s.names[i], v, p)
		}
		if d[i].Lo > v || d[i].Hi < v {
			t.Fatalf("%s = %d: its published value's sources %v leave it out", s.names[i], v, d[i])
		}
		targets[i] = v > 0 && v < k
	}
	var pinned []string
	for _, i := range forced(d, s.values, s.eqs, targets) {
		pinned = append(pinned, fmt.Sprint(s.names[i], "=", s.values[i]))
	}
	return pinned
}

// TestAttackerRandomPerturbedTables: small tables full of counts under k, perturbed with random
// record keys; the attacker has every row, column and total. No count 1..k−1 is ever published.
// A true count 1..k−1 can still be pinned down when a row's published total is at its lowest
// possible source and every cell beside it was published 0 at its highest (a row of 8 published
// 10 with two cells of 4 published 0): rare, and always a count of people, never whose it is.
// The test bounds how rare, and the results layer adds the rules that keep such rows large.
func TestAttackerRandomPerturbedTables(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 11))
	tables, pinnedTables := 0, 0
	for n := range 1000 {
		rows, cols := 1+r.IntN(4), 1+r.IntN(4)
		cells := make([][]int, rows)
		for i := range cells {
			for range cols {
				v := r.IntN(5)
				if r.IntN(3) == 0 {
					v = r.IntN(25)
				}
				cells[i] = append(cells[i], v)
			}
		}
		s := gridSheet(r, cells)
		tables++
		if pinned := perturbedOK(t, s, []int{3, 5, 10}[n%3]); len(pinned) > 0 {
			pinnedTables++
			t.Logf("table %d (k %d): %v %v pinned %v", n, []int{3, 5, 10}[n%3], cells, s.names, pinned)
		}
	}
	t.Logf("%d of %d tables had a small count pinned down", pinnedTables, tables)
	if pinnedTables*100 > tables {
		t.Errorf("%d of %d tables had a small count pinned down, want under 1 %%", pinnedTables, tables)
	}
}
