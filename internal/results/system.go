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

// Solve returns which values are protected: SuppressLinked over the system, with derived values
// hidden, values published elsewhere known, and values hidden elsewhere suppressed here too.
func (s *System) Solve(k int) []bool {
	hidden := make([]bool, len(s.values))
	for i, p := range s.published {
		hidden[i] = !p
	}
	protect := SuppressLinked(s.values, s.eqs, k, hidden, s.fixed, s.forced)
	for i := range protect {
		protect[i] = protect[i] || (hidden[i] && small(s.values[i], NormalizeK(k)))
	}
	return protect
}

// Value returns a registered count.
func (s *System) Value(i int) int { return s.values[i] }
