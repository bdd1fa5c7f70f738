// Package attack is the exact-integer attacker the protection tests run against published
// tables: it knows every equation between true counts and, for each, a span of values it may
// take, and finds the true counts that only one value fits. Tests only; never imported by the app.
package attack

import "slices"

// Equation says that, among true counts, Total is the sum of Parts.
type Equation struct {
	Total int
	Parts []int
}

// Span is what a reader can still tell of an unknown: it lies in lo..Hi.
type Span struct{ Lo, Hi int }

// Narrow tightens every span against every equation until nothing changes; false when a
// span empties, that is when no assignment within the spans satisfies the equations.
func Narrow(d []Span, eqs []Equation) bool {
	for changed := true; changed; {
		changed = false
		set := func(i, lo, hi int) bool {
			if lo > d[i].Lo {
				d[i].Lo, changed = lo, true
			}
			if hi < d[i].Hi {
				d[i].Hi, changed = hi, true
			}
			return d[i].Lo <= d[i].Hi
		}
		for _, eq := range eqs {
			sumLo, sumHi := 0, 0
			for _, p := range eq.Parts {
				sumLo += d[p].Lo
				sumHi += d[p].Hi
			}
			if !set(eq.Total, sumLo, sumHi) {
				return false
			}
			t := d[eq.Total]
			for _, p := range eq.Parts {
				if !set(p, t.Lo-(sumHi-d[p].Hi), t.Hi-(sumLo-d[p].Lo)) {
					return false
				}
			}
		}
	}
	return true
}

// Solvable reports whether some assignment of integers within the spans satisfies every
// equation. It splits a span in two and searches both halves, after narrowing: narrowing only
// drops values that no solution can take, so the search misses no assignment.
func Solvable(d []Span, eqs []Equation) bool {
	d = slices.Clone(d)
	if !Narrow(d, eqs) {
		return false
	}
	pick := -1
	for i, s := range d {
		if s.Lo < s.Hi && (pick < 0 || s.Hi-s.Lo < d[pick].Hi-d[pick].Lo) {
			pick = i
		}
	}
	if pick < 0 {
		return true // every span holds one value, and narrowing found them consistent
	}
	mid := d[pick].Lo + (d[pick].Hi-d[pick].Lo)/2
	lower := slices.Clone(d)
	lower[pick].Hi = mid
	if Solvable(lower, eqs) {
		return true
	}
	d[pick].Lo = mid + 1
	return Solvable(d, eqs)
}

// Revealed is the attacker of the old small-cell suppression: it returns the targets that take
// one value only in every assignment of non-negative integers to the unknowns that agrees with
// the known values and the equations; an unknown may be anything from 0. The search is exhaustive up to a bound, the sum of all
// values: a bound only leaves solutions out, so two values found within it prove that a
// target cannot be recovered.
func Revealed(values []int, eqs []Equation, unknown, targets []bool) []int {
	bound := 1
	for _, v := range values {
		bound += v
	}
	d := make([]Span, len(values))
	for i, v := range values {
		if unknown[i] {
			d[i] = Span{0, bound}
		} else {
			d[i] = Span{v, v}
		}
	}
	return Forced(d, values, eqs, targets)
}

// Forced is the attacker over what it knows of each true count: a span (for a published
// count, every true count the perturbation table can publish as it; for a hidden one, 0 up to
// a bound). It returns the targets whose true value is the only one in every assignment of
// integers within the spans that satisfies the equations.
func Forced(d []Span, values []int, eqs []Equation, targets []bool) []int {
	var found []int
	for i, v := range values {
		if !targets[i] {
			continue
		}
		below, above := slices.Clone(d), slices.Clone(d)
		below[i].Hi, above[i].Lo = v-1, v+1
		if !(v > 0 && Solvable(below, eqs)) && !Solvable(above, eqs) {
			found = append(found, i)
		}
	}
	return found
}
