package results

import (
	"math"
	"slices"
	"strconv"
)

// DefaultK is the smallest count published as it is; anything under it shows as "<k".
const DefaultK = 5

// MinK is the smallest threshold a consultation may choose.
const MinK = 3

// NormalizeK returns the threshold to use: 0 (unset) gives DefaultK, anything under MinK gives MinK.
func NormalizeK(k int) int {
	if k == 0 {
		return DefaultK
	}
	return max(k, MinK)
}

// SuppressLabel is what a suppressed count shows instead of its value: "<5" for k = 5.
func SuppressLabel(k int) string {
	return "<" + strconv.Itoa(NormalizeK(k))
}

// Equation says that, in what is published, values[Total] is the sum of values[Parts...].
// Parts must not repeat Total.
type Equation struct {
	Total int
	Parts []int
}

// Suppress returns which values must be shown as SuppressLabel(k) instead of their count.
//
// values are the counts that an output publishes and eqs every equation that links them, so
// values must satisfy eqs. hidden (may be nil) marks values that are never published, such as
// "did not tick" beside "ticked" and "asked": they are never reported as suppressed, but a
// reader does not know them, and one under k must not be derivable either. k is normalised
// with NormalizeK.
//
// Every published value from 1 to k-1 is suppressed (primary suppression); a zero counts nobody,
// so it identifies nobody, and hiding zeros would hide almost every table through complements. Then, until
// nothing changes, each equation that gives a protected value away gets one more suppressed
// (complementary suppression): its smallest published part, the lowest index on ties, or its
// total when no part is published; a part that is already in another equation with an unknown
// comes before any that is not. An equation gives a value away when that value is its only
// unknown (suppressed or hidden), or when its published total minus its published parts leaves
// 0 for the unknown parts. Last, a linear program checks that no protected value is the same in
// every non-negative solution of all the equations together, and suppresses more in the
// nearest equation around any that is. The result is deterministic.
func Suppress(values []int, eqs []Equation, k int, hidden []bool) []bool {
	return SuppressLinked(values, eqs, k, hidden, nil, nil)
}

// SuppressLinked is Suppress for an output whose values other outputs also show: shown (may
// be nil) marks values that another output publishes, which a reader knows and which are
// therefore never suppressed to protect another; suppressed (may be nil) marks values that
// another output suppresses, which are suppressed here too so that the outputs agree.
func SuppressLinked(values []int, eqs []Equation, k int, hidden, shown, suppressed []bool) []bool {
	s := &suppression{
		k:          NormalizeK(k),
		values:     values,
		members:    make([][]int, len(eqs)),
		in:         make([][]int, len(values)),
		hidden:     make([]bool, len(values)),
		elsewhere:  make([]bool, len(values)),
		suppressed: make([]bool, len(values)),
	}
	copy(s.hidden, hidden)
	copy(s.elsewhere, shown)
	copy(s.suppressed, suppressed)
	for i, v := range values {
		s.suppressed[i] = (s.suppressed[i] || small(v, s.k)) && !s.hidden[i]
	}
	for e, eq := range eqs {
		m := []int{eq.Total}
		for _, p := range eq.Parts {
			if !slices.Contains(m, p) {
				m = append(m, p)
			}
		}
		s.members[e] = m
		for _, i := range m {
			s.in[i] = append(s.in[i], e)
		}
	}
	for {
		s.complementGiveaways()
		pick := s.solved()
		if pick < 0 {
			return s.suppressed
		}
		s.suppressed[pick] = true
	}
}

// suppression is the state of one Suppress call.
type suppression struct {
	k          int
	values     []int
	members    [][]int // each equation's distinct values, total first
	in         [][]int // the equations each value is a member of
	hidden     []bool
	elsewhere  []bool // shown by another output
	suppressed []bool
}

// known reports whether a reader knows value i, from this output or another.
func (s *suppression) known(i int) bool {
	return s.elsewhere[i] || (!s.suppressed[i] && !s.hidden[i])
}

// protected reports whether value i must not be derivable: it is suppressed, or never shown
// and under k.
func (s *suppression) protected(i int) bool {
	return !s.known(i) && (s.suppressed[i] || small(s.values[i], s.k))
}

// small reports whether a count is too small to publish: at least one person, fewer than k.
func small(v, k int) bool { return v > 0 && v < k }

// free reports whether value i may still be suppressed to protect another.
func (s *suppression) free(i int) bool {
	return !s.suppressed[i] && !s.hidden[i] && !s.elsewhere[i]
}

// complementGiveaways suppresses more until no equation gives a protected value away.
func (s *suppression) complementGiveaways() {
	for changed := true; changed; {
		changed = false
		for e := range s.members {
			if !s.givesAway(e) {
				continue
			}
			if pick := s.complement(e); pick >= 0 {
				s.suppressed[pick] = true
				changed = true
			}
		}
	}
}

// givesAway reports whether equation e alone tells a protected member's value.
func (s *suppression) givesAway(e int) bool {
	m := s.members[e]
	unknowns, protected := 0, false
	left := s.values[m[0]] // what the known members leave for the unknown parts
	for pos, i := range m {
		switch {
		case !s.known(i):
			unknowns++
			protected = protected || s.protected(i)
		case pos > 0:
			left -= s.values[i]
		}
	}
	// One unknown is the total minus the known parts, or their sum; parts left 0 are all 0.
	return protected && (unknowns == 1 || (s.known(m[0]) && left == 0))
}

// complement picks the value to suppress in equation e: its smallest free part, or its total
// when no part is free; -1 when nothing in e is. A part that another equation already has an
// unknown beside comes first, as it closes two equations at once.
func (s *suppression) complement(e int) int {
	m := s.members[e]
	pick, pickShares := -1, false
	for _, i := range m[1:] {
		if !s.free(i) {
			continue
		}
		shares := s.besideUnknown(i, e)
		if pick < 0 || (shares && !pickShares) || (shares == pickShares && s.values[i] < s.values[pick]) {
			pick, pickShares = i, shares
		}
	}
	if pick < 0 && s.free(m[0]) {
		pick = m[0]
	}
	return pick
}

// besideUnknown reports whether value i is in an equation other than e that has an unknown.
func (s *suppression) besideUnknown(i, e int) bool {
	for _, f := range s.in[i] {
		if f != e && slices.ContainsFunc(s.members[f], func(j int) bool { return !s.known(j) }) {
			return true
		}
	}
	return false
}

// maxLinked bounds the unknowns one linear-program check takes on. Past it the check is left to
// the single-equation rules, which already stop every recovery by subtraction; the program's
// cost grows with the cube of the unknowns and a results page must stay quick.
const maxLinked = 80

// solved finds a protected value that the equations together still give back, and returns
// a value to suppress near it, or -1 when there is none.
//
// Equations with two unknowns each can still give one back: rows minus columns isolate a cell
// that links two blocks of a table, and unknowns whose sum must be 0 are all 0.
func (s *suppression) solved() int {
	group := make([]int, len(s.values))
	for i := range group {
		group[i] = i
	}
	find := func(i int) int {
		for group[i] != i {
			group[i] = group[group[i]]
			i = group[i]
		}
		return i
	}
	for _, m := range s.members {
		first := -1
		for _, i := range m {
			if s.known(i) {
				continue
			}
			if first < 0 {
				first = i
			} else {
				group[find(i)] = find(first)
			}
		}
	}
	size := map[int]int{}
	for i := range s.values {
		if !s.known(i) {
			size[find(i)]++
		}
	}
	checked := make([]bool, len(s.values))
	for v := range s.values {
		if !s.protected(v) || checked[find(v)] || size[find(v)] > maxLinked {
			continue
		}
		checked[find(v)] = true
		for _, w := range s.fixed(find(v), find) {
			if pick := s.nearest(w); pick >= 0 {
				return pick
			}
		}
	}
	return -1
}

// fixed returns the protected values, among the unknowns linked to root, that have one
// integer value in every non-negative solution of the equations: the linear program that
// maximises and minimises each finds no solution that moves it by 1 or more.
func (s *suppression) fixed(root int, find func(int) int) []int {
	column := map[int]int{}
	var vars []int
	for i := range s.values {
		if !s.known(i) && find(i) == root {
			column[i] = len(vars)
			vars = append(vars, i)
		}
	}
	var coef [][]float64
	var rhs []float64
	for _, m := range s.members {
		row := make([]float64, len(vars))
		b, linked := 0.0, false
		for pos, i := range m {
			sign := -1.0 // total - parts = 0
			if pos == 0 {
				sign = 1
			}
			if j, ok := column[i]; ok {
				row[j] += sign
				linked = true
			} else {
				b -= sign * float64(s.values[i])
			}
		}
		if linked {
			coef = append(coef, row)
			rhs = append(rhs, b)
		}
	}
	t, ok := newTableau(coef, rhs, len(vars))
	if !ok || len(t.rows) == 0 {
		return nil // the values do not satisfy the equations, or nothing links the unknowns
	}
	moved := make([]bool, len(vars))
	basic := make([]bool, len(vars))
	// watch marks the unknowns that the current solution puts at least 1 from their value.
	watch := func() {
		clear(basic)
		for i, j := range t.basis {
			basic[j] = true
			if math.Abs(t.rows[i][len(t.rows[i])-1]-float64(s.values[vars[j]])) > 1-1e-6 {
				moved[j] = true
			}
		}
		for j, v := range vars {
			if !basic[j] && s.values[v] >= 1 {
				moved[j] = true // a non-basic unknown is 0
			}
		}
	}
	watch()
	var fixed []int
	obj := make([]float64, len(vars))
	for j, v := range vars {
		if !s.protected(v) || moved[j] {
			continue
		}
		for _, sign := range []float64{1, -1} {
			obj[j] = sign
			_, ok := t.maximise(obj, len(vars), func() bool { watch(); return moved[j] })
			obj[j] = 0
			watch()
			if !ok || moved[j] {
				break
			}
		}
		if !moved[j] {
			fixed = append(fixed, v)
		}
	}
	return fixed
}

// nearest returns the value to suppress in the equation nearest to v that still has a
// published member, going out through the unknowns of the equations around it; -1 if none.
func (s *suppression) nearest(v int) int {
	seen := map[int]bool{v: true}
	for queue := []int{v}; len(queue) > 0; queue = queue[1:] {
		for _, e := range s.in[queue[0]] {
			if pick := s.complement(e); pick >= 0 {
				return pick
			}
			for _, i := range s.members[e] {
				if !seen[i] {
					seen[i] = true
					queue = append(queue, i)
				}
			}
		}
	}
	return -1
}

// simplexEps is the tolerance below which a tableau entry counts as zero.
const simplexEps = 1e-9

// tableau is a dense simplex tableau for rows·x = rhs, x ≥ 0: each row holds the coefficients
// of the variables, then the right-hand side; basis names each row's basic variable.
type tableau struct {
	rows  [][]float64
	basis []int
}

// newTableau finds a first feasible basis with phase one of the two-phase simplex method;
// false when the rows have no non-negative solution.
func newTableau(coef [][]float64, rhs []float64, n int) (*tableau, bool) {
	m := len(coef)
	t := &tableau{rows: make([][]float64, m), basis: make([]int, m)}
	for i := range m {
		row := make([]float64, n+m+1)
		sign := 1.0
		if rhs[i] < 0 {
			sign = -1
		}
		for j, c := range coef[i] {
			row[j] = sign * c
		}
		row[n+i] = 1 // row i's artificial variable
		row[n+m] = sign * rhs[i]
		t.rows[i] = row
		t.basis[i] = n + i
	}
	phaseOne := make([]float64, n+m)
	for i := range m {
		phaseOne[n+i] = -1
	}
	if best, ok := t.maximise(phaseOne, n+m, nil); !ok || best < -1e-6 {
		return nil, false
	}
	// Drive the artificials out of the basis; a row where none can leave is redundant.
	for i := 0; i < len(t.rows); i++ {
		if t.basis[i] < n {
			continue
		}
		j := 0
		for j < n && math.Abs(t.rows[i][j]) < simplexEps {
			j++
		}
		if j == n {
			t.rows = slices.Delete(t.rows, i, i+1)
			t.basis = slices.Delete(t.basis, i, i+1)
			i--
			continue
		}
		t.pivot(i, j)
	}
	for i, row := range t.rows {
		t.rows[i] = append(row[:n], row[n+m])
	}
	return t, true
}

func (t *tableau) pivot(r, c int) {
	pr := t.rows[r]
	p := pr[c]
	var nonzero []int // the tableau stays sparse, so only these columns change
	for j := range pr {
		if pr[j] != 0 {
			pr[j] /= p
			nonzero = append(nonzero, j)
		}
	}
	for i, row := range t.rows {
		if i == r || row[c] == 0 {
			continue
		}
		f := row[c]
		for _, j := range nonzero {
			row[j] -= f * pr[j]
		}
	}
	t.basis[r] = c
}

// maximise runs the simplex method with Bland's rule, which cannot cycle, on obj (a weight
// per column) letting only the columns below enter, until the optimum or until stop (may be
// nil) says enough after a step. It returns the objective's value (NaN when stopped, +Inf
// when unbounded) and false when it gave up after too many steps.
func (t *tableau) maximise(obj []float64, enter int, stop func() bool) (float64, bool) {
	reduced := make([]float64, len(obj))
	for j := range reduced {
		reduced[j] = -obj[j]
	}
	for i, b := range t.basis {
		if obj[b] == 0 {
			continue
		}
		for j := range reduced {
			reduced[j] += obj[b] * t.rows[i][j]
		}
	}
	for range 1000 * (len(t.rows) + len(obj)) {
		col := -1
		for j := range enter {
			if reduced[j] < -simplexEps {
				col = j
				break
			}
		}
		if col < 0 {
			value := 0.0
			for i, b := range t.basis {
				value += obj[b] * t.rows[i][len(t.rows[i])-1]
			}
			return value, true
		}
		row := -1
		ratio := math.Inf(1)
		for i, r := range t.rows {
			if r[col] > simplexEps {
				q := r[len(r)-1] / r[col]
				if q < ratio-simplexEps || (q < ratio+simplexEps && t.basis[i] < t.basis[row]) {
					row, ratio = i, q
				}
			}
		}
		if row < 0 {
			return math.Inf(1), true
		}
		t.pivot(row, col)
		f := reduced[col]
		for j, a := range t.rows[row][:len(reduced)] {
			if a != 0 {
				reduced[j] -= f * a
			}
		}
		if stop != nil && stop() {
			return math.NaN(), true
		}
	}
	return 0, false
}
