package results

// System is every count of one output and the sums that link them, as an attacker would see
// them: published values, values never shown but derivable (like "did not tick"), and values
// known from another output (fixed). Solve decides which published values to hide.
type System struct {
	values    []int
	published []bool
	fixed     []bool
	forced    []bool
	eqs       []Equation
}

// Add registers a count and returns its index; published is false for a derived count never shown.
func (s *System) Add(v int, published bool) int {
	s.values = append(s.values, v)
	s.published = append(s.published, published)
	s.fixed = append(s.fixed, false)
	s.forced = append(s.forced, false)
	return len(s.values) - 1
}

// Sum records that values[total] equals the sum of values[parts].
func (s *System) Sum(total int, parts ...int) {
	if len(parts) > 0 {
		s.eqs = append(s.eqs, Equation{Total: total, Parts: parts})
	}
}

// Fix marks a value as published elsewhere: hiding it here would protect nothing.
func (s *System) Fix(i int) { s.fixed[i] = true }

// Force hides a value that another output already hides, so the two agree.
func (s *System) Force(i int) { s.forced[i] = true }

// Solve returns which values are protected: every value from 1 to k-1 (shown or derived), those forced,
// and enough complementary published values that no sum has exactly one unknown that is protected.
// An equation with a single unknown gives it back by subtraction, so that is the rule to break.
func (s *System) Solve(k int) []bool {
	k = NormalizeK(k)
	protect := make([]bool, len(s.values))
	for i, v := range s.values {
		// A zero counts nobody, so it identifies nobody; hiding zeros would hide almost every table.
		protect[i] = (v > 0 && v < k) || s.forced[i]
	}
	unknown := func(i int) bool { return protect[i] || !s.published[i] }
	for changed := true; changed; {
		changed = false
		for _, eq := range s.eqs {
			lone, count := -1, 0
			for _, i := range append([]int{eq.Total}, eq.Parts...) {
				if unknown(i) {
					lone, count = i, count+1
				}
			}
			if count != 1 || !protect[lone] {
				continue
			}
			if pick := s.complement(eq, protect); pick >= 0 {
				protect[pick] = true
				changed = true
			}
		}
	}
	return protect
}

// complement picks the smallest published part that may still be hidden, else the total;
// values fixed elsewhere are taken only when nothing else is left.
func (s *System) complement(eq Equation, protect []bool) int {
	for _, allowFixed := range []bool{false, true} {
		pick := -1
		for _, p := range eq.Parts {
			if s.published[p] && !protect[p] && (allowFixed || !s.fixed[p]) && (pick < 0 || s.values[p] < s.values[pick]) {
				pick = p
			}
		}
		if pick < 0 && s.published[eq.Total] && !protect[eq.Total] && (allowFixed || !s.fixed[eq.Total]) {
			pick = eq.Total
		}
		if pick >= 0 {
			return pick
		}
	}
	return -1
}

// Value returns a registered count.
func (s *System) Value(i int) int { return s.values[i] }
