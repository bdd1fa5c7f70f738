package attack

import "slices"

// SolvableWithin is Solvable with a bound on the number of search nodes: when the bound runs
// out it reports exhausted, and the caller must treat the question as undecided. Some key draws
// make the exact search grow exponentially; a test must not hang on them.
func SolvableWithin(d []Span, eqs []Equation, nodes int) (solvable, exhausted bool) {
	var search func(d []Span) bool
	search = func(d []Span) bool {
		if nodes <= 0 {
			exhausted = true
			return false
		}
		nodes--
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
			return true
		}
		mid := d[pick].Lo + (d[pick].Hi-d[pick].Lo)/2
		lower := slices.Clone(d)
		lower[pick].Hi = mid
		if search(lower) {
			return true
		}
		d[pick].Lo = mid + 1
		return search(d)
	}
	solvable = search(d)
	return solvable, exhausted && !solvable
}
