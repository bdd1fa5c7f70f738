package results

// DefaultK is the threshold of the protection: no count from 1 to k−1 is ever published.
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

// SuppressLabel is what a cell of a row too small to show reads instead of a count.
func SuppressLabel(int) string { return "–" }

// Why a report publishes no numbers (Report.Withheld).
const (
	WithheldTooFew     = "too_few"    // fewer than 2k people match the filter
	WithheldLeftOut    = "few_left"   // fewer than k people are left out by it: the two reports would differ by them
	WithheldOneAtATime = "one_filter" // more than one kind of filter at once
)

// population is the responses a report counts, and when it was taken.
type population struct {
	match    []bool
	asOf     string // day of the latest response counted
	withheld string
}

// population decides which responses a report may count. The rules stop differencing, which
// consistent noise alone does not (a cell whose value changed proves its records changed):
//
//   - Time: responses are taken in blocks of k in the order they arrived, and a report counts
//     whole blocks only; the last, incomplete block waits.
//   - Dates: a from/to range counts the blocks whose responses all fall inside it, so two
//     ranges differ by whole blocks.
//   - Prefixes: every group of people a report counts (the filter's, and each row's: a group,
//     a gender, group × gender...) is the first multiple of k of its members in the order they
//     arrived; the rest wait until k more of them have come. So the same group counted at two
//     moments, or in two reports, differs by 0 or k people or more, never by one.
//   - One kind of filter at a time (session, channel, date range or one group of people).
//   - A report of fewer than 2k people is not published, nor a filter whose people differ from
//     another filter's (any session, channel or group of people a planner may choose) by 1 to
//     k−1 people in all: comparing the two reports would isolate those few.
func (d *Dataset) population(f Filter, k int) population {
	var p population
	kinds := f.kinds()
	blocks := len(d.resp) / k
	cut := blocks * k
	for _, r := range d.resp[:cut] {
		p.asOf = max(p.asOf, d.words[r.day])
	}
	if kinds > 1 {
		p.withheld = WithheldOneAtATime
		return p
	}
	inRange := make([]bool, blocks)
	for b := range blocks {
		inRange[b] = d.blockInRange(f, b*k, k)
	}
	p.match = d.matches(f)
	for i := range p.match {
		p.match[i] = p.match[i] && i < cut && inRange[i/k]
	}
	n := truncate(p.match, k)
	switch {
	case n < MinRow*k:
		p.withheld = WithheldTooFew
	case kinds > 0 && d.overlaps(p.match, f, cut, k):
		p.withheld = WithheldLeftOut
	}
	return p
}

// kinds is how many kinds of filter f sets: session, channel, date range, one group of people.
func (f Filter) kinds() int {
	n := 0
	for _, set := range []bool{f.Session != "", f.Channel != "", f.From != "" || f.To != "", f.Dimension != "" && f.Value != ""} {
		if set {
			n++
		}
	}
	return n
}

// blockInRange reports whether every response of the block of k from start falls inside f's
// dates (true without dates).
func (d *Dataset) blockInRange(f Filter, start, k int) bool {
	if f.From == "" && f.To == "" {
		return true
	}
	lo, hi := d.words[d.resp[start].day], d.words[d.resp[start].day]
	for _, r := range d.resp[start : start+k] {
		lo, hi = min(lo, d.words[r.day]), max(hi, d.words[r.day])
	}
	return (f.From == "" || lo >= f.From) && (f.To == "" || hi <= f.To)
}

// truncate keeps the first multiple of k of the marked responses, and returns how many.
func truncate(match []bool, k int) int {
	n := 0
	for _, m := range match {
		if m {
			n++
		}
	}
	keep := n / k * k
	seen := 0
	for i, m := range match {
		if m {
			match[i] = seen < keep
			seen++
		}
	}
	return keep
}

// overlaps reports whether the people of match differ from those of another filter a planner
// may choose, or from everyone, by 1 to k−1 people in all (on both sides together: where
// both sides hold people, a changed cell cannot be put down to either side's few).
func (d *Dataset) overlaps(match []bool, f Filter, cut, k int) bool {
	var others []Filter
	for _, ch := range []string{"link", "kiosk", "paper"} {
		others = append(others, Filter{Channel: ch})
	}
	sessions := map[uint32]bool{}
	values := map[string]map[uint32]bool{ByGroup: {}, ByGender: {}, ByAgeBand: {}, ByDisability: {}}
	for _, r := range d.resp[:cut] {
		sessions[r.session] = true
		values[ByGroup][r.group] = true
		values[ByGender][r.gender] = true
		values[ByAgeBand][r.age] = true
		values[ByDisability][r.dis] = true
	}
	for s := range sessions {
		if d.words[s] != "" {
			others = append(others, Filter{Session: d.words[s]})
		}
	}
	for _, dim := range []string{ByGroup, ByGender, ByAgeBand, ByDisability} {
		for v := range values[dim] {
			value := d.words[v]
			if value == "" {
				value = NotStated
			}
			others = append(others, Filter{Dimension: dim, Value: value})
		}
	}
	others = append(others, Filter{})
	for _, g := range others {
		if g == f {
			continue
		}
		other := d.matches(g)
		for i := range other {
			other[i] = other[i] && i < cut
		}
		if truncate(other, k) < MinRow*k && g != (Filter{}) {
			continue // not published: nothing to subtract
		}
		in, out := 0, 0
		for i := range match {
			switch {
			case match[i] && !other[i]:
				in++
			case other[i] && !match[i]:
				out++
			}
		}
		if in+out > 0 && in+out < k {
			return true
		}
	}
	return false
}

// Counts is what the staff pages show of a consultation or one session, from the same
// protected layer as a report: responses by group × gender ("" for prefer_not and not stated),
// by group, in all, and each session's responses.
type Counts struct {
	Withheld string            // as Report.Withheld: no grid is shown
	Total    int               // responses
	Cells    map[[2]string]int // group, gender
	Rows     map[string]int    // group
	Sessions map[string]int    // responses of each session (consultation only)
	AsOf     string
}

// StaffCounts counts a consultation's responses, or one session's, for the staff grids.
func StaffCounts(d *Dataset, session string, k int) Counts {
	d.mu.RLock()
	defer d.mu.RUnlock()
	k = NormalizeK(k)
	pop := d.population(Filter{Session: session}, k)
	out := Counts{Withheld: pop.withheld, AsOf: pop.asOf, Cells: map[[2]string]int{}, Rows: map[string]int{}, Sessions: map[string]int{}}
	if pop.withheld != "" {
		return out
	}
	plain := func(v string) string {
		if v == "prefer_not" {
			return ""
		}
		return v
	}
	// Each group counted is its first multiple of k, as in a report.
	members := map[string]int{}
	name := func(i int) [4]string {
		r := d.resp[i]
		g, s := plain(d.words[r.group]), plain(d.words[r.gender])
		return [4]string{"c" + g + "|" + s, "r" + g, "all", "s" + d.words[r.session]}
	}
	for i := range d.resp {
		if pop.match[i] {
			for _, n := range name(i) {
				members[n]++
			}
		}
	}
	var total count
	cells, rows, sessions := map[[2]string]*count{}, map[string]*count{}, map[string]*count{}
	tally := func(m map[string]*count, key string) *count {
		if m[key] == nil {
			m[key] = &count{}
		}
		return m[key]
	}
	seen := map[string]int{}
	in := func(n string) bool {
		seen[n]++
		return seen[n] <= members[n]/k*k
	}
	for i, r := range d.resp {
		if !pop.match[i] {
			continue
		}
		g, s := plain(d.words[r.group]), plain(d.words[r.gender])
		names := name(i)
		if in(names[2]) {
			total.add(1, r.key)
		}
		if in(names[0]) {
			c := cells[[2]string{g, s}]
			if c == nil {
				c = &count{}
				cells[[2]string{g, s}] = c
			}
			c.add(1, r.key)
		}
		if in(names[1]) {
			tally(rows, g).add(1, r.key)
		}
		if in(names[3]) && session == "" {
			tally(sessions, d.words[r.session]).add(1, r.key)
		}
	}
	out.Total = total.published(k)
	for key, c := range cells {
		out.Cells[key] = c.published(k)
	}
	for key, c := range rows {
		out.Rows[key] = c.published(k)
	}
	for key, c := range sessions {
		out.Sessions[key] = c.published(k)
	}
	return out
}
