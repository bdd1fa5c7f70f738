package results

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// span is what a reader can still tell of an unknown: it lies in lo..hi.
type span struct{ lo, hi int }

// narrow tightens every span against every equation until nothing changes; false when a
// span empties, that is when no assignment within the spans satisfies the equations.
func narrow(d []span, eqs []Equation) bool {
	for changed := true; changed; {
		changed = false
		set := func(i, lo, hi int) bool {
			if lo > d[i].lo {
				d[i].lo, changed = lo, true
			}
			if hi < d[i].hi {
				d[i].hi, changed = hi, true
			}
			return d[i].lo <= d[i].hi
		}
		for _, eq := range eqs {
			sumLo, sumHi := 0, 0
			for _, p := range eq.Parts {
				sumLo += d[p].lo
				sumHi += d[p].hi
			}
			if !set(eq.Total, sumLo, sumHi) {
				return false
			}
			t := d[eq.Total]
			for _, p := range eq.Parts {
				if !set(p, t.lo-(sumHi-d[p].hi), t.hi-(sumLo-d[p].lo)) {
					return false
				}
			}
		}
	}
	return true
}

// solvable reports whether some assignment of integers within the spans satisfies every
// equation. It splits a span in two and searches both halves, after narrowing: narrowing only
// drops values that no solution can take, so the search misses no assignment.
func solvable(d []span, eqs []Equation) bool {
	d = slices.Clone(d)
	if !narrow(d, eqs) {
		return false
	}
	pick := -1
	for i, s := range d {
		if s.lo < s.hi && (pick < 0 || s.hi-s.lo < d[pick].hi-d[pick].lo) {
			pick = i
		}
	}
	if pick < 0 {
		return true // every span holds one value, and narrowing found them consistent
	}
	mid := d[pick].lo + (d[pick].hi-d[pick].lo)/2
	lower := slices.Clone(d)
	lower[pick].hi = mid
	if solvable(lower, eqs) {
		return true
	}
	d[pick].lo = mid + 1
	return solvable(d, eqs)
}

// revealed is the attacker: it returns the targets that take one value only in every
// assignment of non-negative integers to the unknowns that agrees with the known values and
// the equations. The attacker cannot tell primary from complementary suppression, so an
// unknown may be anything from 0. The search is exhaustive up to a bound, the sum of all
// values: a bound only leaves solutions out, so two values found within it prove that a
// target cannot be recovered.
func revealed(values []int, eqs []Equation, unknown, targets []bool) []int {
	bound := 1
	for _, v := range values {
		bound += v
	}
	d := make([]span, len(values))
	for i, v := range values {
		if unknown[i] {
			d[i] = span{0, bound}
		} else {
			d[i] = span{v, v}
		}
	}
	var found []int
	for i, v := range values {
		if !targets[i] {
			continue
		}
		below, above := slices.Clone(d), slices.Clone(d)
		below[i].hi, above[i].lo = v-1, v+1
		if !(v > 0 && solvable(below, eqs)) && !solvable(above, eqs) {
			found = append(found, i)
		}
	}
	return found
}

// sheet is a crafted output: its values by name, which are hidden, which other outputs show
// or suppress (nil when none), and the equations.
type sheet struct {
	values []int
	names  []string
	hidden []bool
	shown  []bool
	forced []bool
	eqs    []Equation
}

func (s *sheet) add(name string, v int) int {
	s.values = append(s.values, v)
	s.names = append(s.names, name)
	s.hidden = append(s.hidden, false)
	return len(s.values) - 1
}

func (s *sheet) hide(name string, v int) int {
	i := s.add(name, v)
	s.hidden[i] = true
	return i
}

// sum adds a value that is the sum of parts, with its equation.
func (s *sheet) sum(name string, parts ...int) int {
	t := 0
	for _, p := range parts {
		t += s.values[p]
	}
	i := s.add(name, t)
	s.eqs = append(s.eqs, Equation{Total: i, Parts: parts})
	return i
}

// grid adds a table of cells named row/col, with the equations for its rows, its columns and
// its overall count. Row totals, column totals and the overall count that are given (not nil,
// not -1) are values of another table, which already has the overall count's equation for them.
func (s *sheet) grid(rows, cols []string, cells [][]int, rowTotals, colTotals []int, all int) (cell [][]int, rt, ct []int, n int) {
	cell = make([][]int, len(rows))
	for i, r := range rows {
		for j, c := range cols {
			cell[i] = append(cell[i], s.add(r+"/"+c, cells[i][j]))
		}
	}
	column := func(j int) []int {
		var parts []int
		for i := range rows {
			parts = append(parts, cell[i][j])
		}
		return parts
	}
	rt, ct, n = rowTotals, colTotals, all
	if rt == nil {
		for i, r := range rows {
			rt = append(rt, s.sum(r, cell[i]...))
		}
	} else {
		for i := range rows {
			s.eqs = append(s.eqs, Equation{Total: rt[i], Parts: cell[i]})
		}
	}
	if ct == nil {
		for j, c := range cols {
			ct = append(ct, s.sum(c, column(j)...))
		}
	} else {
		for j := range cols {
			s.eqs = append(s.eqs, Equation{Total: ct[j], Parts: column(j)})
		}
	}
	if n < 0 {
		n = s.sum("all", rt...)
	} else if rowTotals == nil {
		s.eqs = append(s.eqs, Equation{Total: n, Parts: rt})
	}
	if colTotals == nil {
		s.eqs = append(s.eqs, Equation{Total: n, Parts: ct})
	}
	return cell, rt, ct, n
}

// suppressOK runs SuppressLinked on s and fails t unless every published value under k and
// every value suppressed elsewhere is suppressed, no hidden value is reported, no value shown
// elsewhere is suppressed to protect another, the answer is the same twice, and the attacker
// recovers neither a suppressed value nor a hidden one under k. It returns the names of the
// suppressed values.
func suppressOK(t *testing.T, s *sheet, k int) []string {
	t.Helper()
	k = NormalizeK(k)
	got := SuppressLinked(s.values, s.eqs, k, s.hidden, s.shown, s.forced)
	if again := SuppressLinked(s.values, s.eqs, k, s.hidden, s.shown, s.forced); !slices.Equal(got, again) {
		t.Fatalf("Suppress is not deterministic: %v then %v", got, again)
	}
	if s.shown == nil && s.forced == nil {
		if plain := Suppress(s.values, s.eqs, k, s.hidden); !slices.Equal(got, plain) {
			t.Fatalf("Suppress = %v, SuppressLinked = %v", plain, got)
		}
	}
	flag := func(marks []bool, i int) bool { return i < len(marks) && marks[i] }
	var names []string
	unknown, targets := make([]bool, len(got)), make([]bool, len(got))
	for i, v := range s.values {
		tooSmall := small(v, k) || flag(s.forced, i)
		switch {
		case s.hidden[i] && got[i]:
			t.Errorf("hidden %s reported as suppressed", s.names[i])
		case !s.hidden[i] && tooSmall && !got[i]:
			t.Errorf("%s = %d is under k = %d or suppressed elsewhere, but shown", s.names[i], v, k)
		case flag(s.shown, i) && !tooSmall && got[i]:
			t.Errorf("%s = %d is shown elsewhere, but suppressed here", s.names[i], v)
		}
		if got[i] {
			names = append(names, s.names[i])
		}
		unknown[i] = s.hidden[i] || (got[i] && !flag(s.shown, i))
		targets[i] = unknown[i] && (got[i] || small(v, k))
	}
	for _, i := range revealed(s.values, s.eqs, unknown, targets) {
		t.Errorf("%s = %d can be recovered (suppressed: %v)", s.names[i], s.values[i], names)
	}
	return names
}

func TestNormalizeK(t *testing.T) {
	for k, want := range map[int]int{0: 5, -4: 3, 1: 3, 2: 3, 3: 3, 5: 5, 10: 10} {
		if got := NormalizeK(k); got != want {
			t.Errorf("NormalizeK(%d) = %d, want %d", k, got, want)
		}
	}
	for k, want := range map[int]string{5: "<5", 0: "<5", 10: "<10", 1: "<3"} {
		if got := SuppressLabel(k); got != want {
			t.Errorf("SuppressLabel(%d) = %q, want %q", k, got, want)
		}
	}
}

func TestSuppressOneRow(t *testing.T) {
	// 12 + 3 + 9 = 24: the 3 alone would be 24 - 12 - 9, so the smallest other part goes too.
	s := &sheet{}
	a, b, c := s.add("health", 12), s.add("school", 3), s.add("water", 9)
	s.sum("all", a, b, c)
	got := suppressOK(t, s, 5)
	if want := []string{"school", "water"}; !slices.Equal(got, want) {
		t.Errorf("suppressed %v, want %v", got, want)
	}
	alone := []bool{false, true, false, false}
	if leaks := revealed(s.values, s.eqs, alone, alone); !slices.Equal(leaks, []int{b}) {
		t.Errorf("with the 3 alone suppressed the attacker recovers %v, want [%d]", leaks, b)
	}
}

func TestSuppressGroupByChoice(t *testing.T) {
	//            health school water | total
	// host           20     15    10 |    45
	// displaced      12      2     9 |    23
	// refugee         8     11    14 |    33
	// total          40     28    33 |   101
	s := &sheet{}
	s.grid([]string{"host", "displaced", "refugee"}, []string{"health", "school", "water"},
		[][]int{{20, 15, 10}, {12, 2, 9}, {8, 11, 14}}, nil, nil, -1)
	got := suppressOK(t, s, 5)
	// The 2 takes the 9 beside it in its row; its column then takes the 11, which shares the
	// refugee row with the 14 that closes the water column: four cells, margins all shown.
	want := []string{"displaced/school", "displaced/water", "refugee/school", "refugee/water"}
	if !slices.Equal(got, want) {
		t.Errorf("suppressed %v, want %v", got, want)
	}
}

func TestSuppressZeroCell(t *testing.T) {
	//            health school water | total
	// host            0     12    10 |    22
	// displaced       7      9     8 |    24
	s := &sheet{}
	s.grid([]string{"host", "displaced"}, []string{"health", "school", "water"},
		[][]int{{0, 12, 10}, {7, 9, 8}}, nil, nil, -1)
	// A zero counts nobody: it is shown, and nothing else needs hiding for it.
	got := suppressOK(t, s, 5)
	if len(got) != 0 {
		t.Errorf("suppressed %v, want nothing", got)
	}
}

func TestSuppressSmallGroupTotal(t *testing.T) {
	//             yes  no | total
	// host         18  12 |    30
	// displaced     3   1 |     4
	// refugee       7   5 |    12
	s := &sheet{}
	s.grid([]string{"host", "displaced", "refugee"}, []string{"yes", "no"},
		[][]int{{18, 12}, {3, 1}, {7, 5}}, nil, nil, -1)
	got := suppressOK(t, s, 5)
	for _, name := range []string{"displaced", "displaced/yes", "displaced/no"} {
		if !slices.Contains(got, name) {
			t.Errorf("%s not suppressed: %v", name, got)
		}
	}
	for _, name := range []string{"all", "yes", "no"} {
		if slices.Contains(got, name) {
			t.Errorf("%s suppressed, though it needs not be: %v", name, got)
		}
	}
}

func TestSuppressSelectMultiple(t *testing.T) {
	// Ticked and asked are published; not ticked never is, but asked - ticked is it.
	s := &sheet{}
	hostAsked, displacedAsked := s.add("host asked", 20), s.add("displaced asked", 15)
	asked := s.sum("asked", hostAsked, displacedAsked)
	for _, c := range []struct {
		name            string
		host, displaced int
	}{{"water", 3, 9}, {"health", 11, 8}} {
		hostTicked := s.add("host/"+c.name, c.host)
		hostNot := s.hide("host/not "+c.name, 20-c.host)
		displacedTicked := s.add("displaced/"+c.name, c.displaced)
		displacedNot := s.hide("displaced/not "+c.name, 15-c.displaced)
		s.eqs = append(s.eqs,
			Equation{Total: hostAsked, Parts: []int{hostTicked, hostNot}},
			Equation{Total: displacedAsked, Parts: []int{displacedTicked, displacedNot}})
		ticked := s.sum(c.name, hostTicked, displacedTicked)
		not := s.sum("not "+c.name, hostNot, displacedNot)
		s.hidden[not] = true
		s.eqs = append(s.eqs, Equation{Total: asked, Parts: []int{ticked, not}})
	}
	got := suppressOK(t, s, 5)
	// The 3 would be the water total minus the 9; asked - ticked only repeats that.
	if want := []string{"host/water", "displaced/water"}; !slices.Equal(got, want) {
		t.Errorf("suppressed %v, want %v", got, want)
	}
}

func TestSuppressSmallNotTicked(t *testing.T) {
	// 18 of 20 host respondents ticked water: publishing 18 and 20 would say that 2 did not.
	s := &sheet{}
	hostAsked, displacedAsked := s.add("host asked", 20), s.add("displaced asked", 15)
	asked := s.sum("asked", hostAsked, displacedAsked)
	hostTicked, hostNot := s.add("host/water", 18), s.hide("host/not water", 2)
	displacedTicked, displacedNot := s.add("displaced/water", 9), s.hide("displaced/not water", 6)
	s.eqs = append(s.eqs,
		Equation{Total: hostAsked, Parts: []int{hostTicked, hostNot}},
		Equation{Total: displacedAsked, Parts: []int{displacedTicked, displacedNot}})
	ticked := s.sum("water", hostTicked, displacedTicked)
	not := s.sum("not water", hostNot, displacedNot)
	s.hidden[not] = true
	s.eqs = append(s.eqs, Equation{Total: asked, Parts: []int{ticked, not}})
	got := suppressOK(t, s, 5)
	if want := []string{"host/water", "displaced/water"}; !slices.Equal(got, want) {
		t.Errorf("suppressed %v, want %v", got, want)
	}
}

func TestSuppressLinked(t *testing.T) {
	// The same table as TestSuppressSmallGroupTotal, but the overall page already shows the
	// yes and no totals and the overall count, and it suppressed host/no.
	s := &sheet{}
	_, _, cols, all := s.grid([]string{"host", "displaced", "refugee"}, []string{"yes", "no"},
		[][]int{{18, 12}, {3, 1}, {7, 5}}, nil, nil, -1)
	s.shown = make([]bool, len(s.values))
	s.forced = make([]bool, len(s.values))
	for _, i := range append(cols, all) {
		s.shown[i] = true
	}
	s.forced[slices.Index(s.names, "host/no")] = true
	got := suppressOK(t, s, 5)
	if !slices.Contains(got, "host/no") {
		t.Errorf("host/no, suppressed elsewhere, is shown: %v", got)
	}
}

func TestSuppressTwoBreakdownsShareTotals(t *testing.T) {
	// By group and by gender, with the same yes and no totals and the same overall count:
	// each total is one value, so what one table hides the other cannot give back.
	//            yes  no | total         yes  no | total
	// host        20  15 |    35  female  24   3 |    27
	// displaced   10  12 |    22  male     6  24 |    30
	s := &sheet{}
	_, _, cols, all := s.grid([]string{"host", "displaced"}, []string{"yes", "no"},
		[][]int{{20, 15}, {10, 12}}, nil, nil, -1)
	s.grid([]string{"female", "male"}, []string{"yes", "no"}, [][]int{{24, 3}, {6, 24}}, nil, cols, all)
	got := suppressOK(t, s, 5)
	if want := []string{"female/yes", "female/no", "male/yes", "male/no"}; !slices.Equal(got, want) {
		t.Errorf("suppressed %v, want %v", got, want)
	}
}

func TestSuppressSmallSharedTotal(t *testing.T) {
	// Only 4 said no: the no total is small in both breakdowns, and so are its cells.
	//            yes  no | total         yes  no | total
	// host        20   2 |    22  female  25   3 |    28
	// displaced   17   2 |    19  male    12   1 |    13
	s := &sheet{}
	_, _, cols, all := s.grid([]string{"host", "displaced"}, []string{"yes", "no"},
		[][]int{{20, 2}, {17, 2}}, nil, nil, -1)
	s.grid([]string{"female", "male"}, []string{"yes", "no"}, [][]int{{25, 3}, {12, 1}}, nil, cols, all)
	got := suppressOK(t, s, 5)
	if !slices.Contains(got, "no") {
		t.Errorf("the no total is not suppressed: %v", got)
	}
}

func TestSuppressGroupByGenderLinked(t *testing.T) {
	// A choice by group, the same by gender, and respondents by group × gender, whose margins
	// are the group and gender totals of the first two.
	s := &sheet{}
	_, groups, choices, all := s.grid([]string{"host", "displaced"}, []string{"yes", "no"},
		[][]int{{15, 13}, {10, 6}}, nil, nil, -1)
	_, genders, _, _ := s.grid([]string{"female", "male", "other"}, []string{"yes", "no"},
		[][]int{{12, 11}, {11, 8}, {2, 0}}, nil, choices, all)
	s.grid([]string{"host", "displaced"}, []string{"female", "male", "other"},
		[][]int{{14, 12, 2}, {9, 7, 0}}, groups, genders, all)
	got := suppressOK(t, s, 5)
	// other/no and displaced/other are zeros: shown, as a zero counts nobody.
	for _, name := range []string{"other", "other/yes", "host/other"} {
		if !slices.Contains(got, name) {
			t.Errorf("%s not suppressed: %v", name, got)
		}
	}
}

func TestSuppressNothingSmall(t *testing.T) {
	s := &sheet{}
	s.grid([]string{"host", "displaced"}, []string{"yes", "no"}, [][]int{{15, 13}, {10, 6}}, nil, nil, -1)
	if got := suppressOK(t, s, 5); len(got) != 0 {
		t.Errorf("suppressed %v, want nothing", got)
	}
	if got := Suppress(nil, nil, 5, nil); len(got) != 0 {
		t.Errorf("Suppress(nil) = %v", got)
	}
}

func TestSuppressDefaultK(t *testing.T) {
	got := Suppress([]int{4, 5, 9}, []Equation{{Total: 2, Parts: []int{0, 1}}}, 0, nil)
	if want := []bool{true, true, false}; !slices.Equal(got, want) {
		t.Errorf("Suppress with k 0 = %v, want %v (k = DefaultK)", got, want)
	}
}

// Equations that each keep two unknowns can still give one back together. These masks are
// what equation-by-equation rules leave; the attacker must find the leak, and Suppress must not
// leave it.
func TestSuppressEquationsTogether(t *testing.T) {
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
		var rows, cols []string
		for i := range tt.cells {
			rows = append(rows, fmt.Sprint("r", i))
		}
		for j := range tt.cells[0] {
			cols = append(cols, fmt.Sprint("c", j))
		}
		s := &sheet{}
		s.grid(rows, cols, tt.cells, nil, nil, -1)
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
		suppressOK(t, s, 5)
	}
}

// randomSheet builds a small output of one of the shapes Consulta publishes, with counts that
// are often under 5.
func randomSheet(r *rand.Rand) *sheet {
	count := func() int {
		if r.IntN(2) == 0 {
			return r.IntN(5)
		}
		return r.IntN(13)
	}
	counts := func(rows, cols int) [][]int {
		c := make([][]int, rows)
		for i := range c {
			for range cols {
				c[i] = append(c[i], count())
			}
		}
		return c
	}
	names := func(prefix string, n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprint(prefix, i))
		}
		return out
	}
	s := &sheet{}
	switch shape := r.IntN(4); shape {
	case 0: // a choice by group
		rows, cols := 1+r.IntN(3), 1+r.IntN(3)
		s.grid(names("g", rows), names("c", cols), counts(rows, cols), nil, nil, -1)
	case 1: // a select_multiple by group
		groups, choices := 1+r.IntN(3), 1+r.IntN(3)
		var asked []int
		for g := range groups {
			asked = append(asked, s.add(fmt.Sprint("g", g, " asked"), count()+r.IntN(4)))
		}
		all := s.sum("asked", asked...)
		for c := range choices {
			var ticked, not []int
			for g, a := range asked {
				v := r.IntN(s.values[a] + 1)
				ticked = append(ticked, s.add(fmt.Sprint("g", g, "/c", c), v))
				not = append(not, s.hide(fmt.Sprint("g", g, "/not c", c), s.values[a]-v))
				s.eqs = append(s.eqs, Equation{Total: a, Parts: []int{ticked[g], not[g]}})
			}
			t := s.sum(fmt.Sprint("c", c), ticked...)
			n := s.sum(fmt.Sprint("not c", c), not...)
			s.hidden[n] = true
			s.eqs = append(s.eqs, Equation{Total: all, Parts: []int{t, n}})
		}
	case 2, 3: // a choice by group and by gender; case 3 adds group × gender, in all and by choice
		const groups, genders, choices = 2, 2, 2
		var x [groups][genders][choices]int
		byGroup, byGender, crossed := counts(groups, choices), counts(genders, choices), counts(groups, genders)
		for g := range groups {
			for h := range genders {
				crossed[g][h] = 0
				for c := range choices {
					x[g][h][c] = count()
					crossed[g][h] += x[g][h][c]
				}
			}
		}
		for c := range choices {
			for g := range groups {
				byGroup[g][c] = x[g][0][c] + x[g][1][c]
			}
			for h := range genders {
				byGender[h][c] = x[0][h][c] + x[1][h][c]
			}
		}
		gc, gt, ct, all := s.grid(names("g", groups), names("c", choices), byGroup, nil, nil, -1)
		sc, st, _, _ := s.grid(names("s", genders), names("c", choices), byGender, nil, ct, all)
		if shape == 2 {
			break
		}
		gs, _, _, _ := s.grid(names("g", groups), names("s", genders), crossed, gt, st, all)
		var cube [choices][][]int
		for c := range choices {
			cells := [][]int{{x[0][0][c], x[0][1][c]}, {x[1][0][c], x[1][1][c]}}
			rows := []int{gc[0][c], gc[1][c]}
			cols := []int{sc[0][c], sc[1][c]}
			cube[c], _, _, _ = s.grid(names(fmt.Sprint("c", c, "/g"), groups), names("s", genders), cells, rows, cols, ct[c])
		}
		for g := range groups {
			for h := range genders {
				s.eqs = append(s.eqs, Equation{Total: gs[g][h], Parts: []int{cube[0][g][h], cube[1][g][h]}})
			}
		}
	}
	return s
}

// overallFirst suppresses the overall counts of s (each choice's and everyone's) as an output
// of their own, then marks what that output shows and suppresses, as the results page would
// before it suppresses a breakdown.
func overallFirst(s *sheet, k int) {
	overall := func(name string) bool {
		name = strings.TrimPrefix(name, "not ")
		return name == "all" || name == "asked" || (len(name) == 2 && name[0] == 'c')
	}
	var index []int
	at := map[int]int{}
	for i, name := range s.names {
		if overall(name) {
			at[i] = len(index)
			index = append(index, i)
		}
	}
	var values []int
	var hidden []bool
	for _, i := range index {
		values = append(values, s.values[i])
		hidden = append(hidden, s.hidden[i])
	}
	var eqs []Equation
	for _, eq := range s.eqs {
		total, ok := at[eq.Total]
		var parts []int
		for _, p := range eq.Parts {
			j, in := at[p]
			ok = ok && in
			parts = append(parts, j)
		}
		if ok {
			eqs = append(eqs, Equation{Total: total, Parts: parts})
		}
	}
	got := Suppress(values, eqs, k, hidden)
	s.shown, s.forced = make([]bool, len(s.values)), make([]bool, len(s.values))
	for j, i := range index {
		s.shown[i] = !hidden[j] && !got[j]
		s.forced[i] = got[j]
	}
}

func TestSuppressRandomTables(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 5))
	complemented := 0
	for n := range 300 {
		s := randomSheet(r)
		k := []int{0, 3, 5, 10}[r.IntN(4)]
		if r.IntN(4) == 0 {
			overallFirst(s, k)
		}
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			for _, name := range suppressOK(t, s, k) {
				if s.values[slices.Index(s.names, name)] >= NormalizeK(k) {
					complemented++
					break
				}
			}
		})
	}
	t.Logf("%d of 300 tables needed complementary suppression", complemented)
	if complemented < 100 {
		t.Errorf("only %d of 300 tables needed complementary suppression: the test proves little", complemented)
	}
}
