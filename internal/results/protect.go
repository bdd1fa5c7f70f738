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
//     whole blocks only; the last, incomplete block waits. Two reports taken at different
//     moments differ by whole blocks, k people or more, never one.
//   - Dates: a from/to range counts the blocks whose responses all fall inside it, so two
//     ranges also differ by whole blocks.
//   - One kind of filter at a time (session, channel, date range or one group of people):
//     mixing them would let two reports differ by the few people in both.
//   - A report of fewer than 2k people (a small consultation, or a filter such as a session of
//     one), or a filter leaving out fewer than k of everyone, is not published: the report says
//     so instead of giving numbers.
func (d *Dataset) population(f Filter, k int) population {
	var p population
	kinds := 0
	for _, set := range []bool{f.Session != "", f.Channel != "", f.From != "" || f.To != "", f.Dimension != "" && f.Value != ""} {
		if set {
			kinds++
		}
	}
	blocks := len(d.resp) / k
	cut := blocks * k
	if cut > 0 {
		p.asOf = d.resp[cut-1].day
		for _, r := range d.resp[:cut] {
			p.asOf = max(p.asOf, r.day)
		}
	}
	if kinds > 1 {
		p.withheld = WithheldOneAtATime
		return p
	}
	inRange := make([]bool, blocks)
	for b := range blocks {
		lo, hi := d.resp[b*k].day, d.resp[b*k].day
		for _, r := range d.resp[b*k : (b+1)*k] {
			lo, hi = min(lo, r.day), max(hi, r.day)
		}
		inRange[b] = (f.From == "" || lo >= f.From) && (f.To == "" || hi <= f.To)
	}
	p.match = d.matches(f)
	n := 0
	for i := range p.match {
		p.match[i] = p.match[i] && i < cut && inRange[i/k]
		if p.match[i] {
			n++
		}
	}
	switch left := cut - n; {
	case n < MinRow*k:
		p.withheld = WithheldTooFew
	case kinds > 0 && left > 0 && left < k:
		p.withheld = WithheldLeftOut
	}
	return p
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
	var total count
	cells, rows, sessions := map[[2]string]*count{}, map[string]*count{}, map[string]*count{}
	tally := func(m map[string]*count, key string) *count {
		if m[key] == nil {
			m[key] = &count{}
		}
		return m[key]
	}
	for i, r := range d.resp {
		if !pop.match[i] {
			continue
		}
		g, s := plain(d.words[r.group]), plain(d.words[r.gender])
		total.add(1, r.key)
		c := cells[[2]string{g, s}]
		if c == nil {
			c = &count{}
			cells[[2]string{g, s}] = c
		}
		c.add(1, r.key)
		tally(rows, g).add(1, r.key)
		if session == "" {
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
