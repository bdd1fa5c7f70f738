package results

import (
	"sync"
	"sync/atomic"

	"consulta/internal/domain"
	"consulta/internal/survey"
)

// Live is one report (a consultation, a survey version, a filter) kept up to date with its
// dataset: each call of Report counts only the responses the dataset gained since the last, so a
// planner polling the results of 100,000 responses while answers pour in costs what the new
// answers cost, not a count of everything. Aggregate is a Live brought up to date once.
//
// It can, because all the protection counts only ever grows (see population): whole blocks of k
// responses in arrival order; of those, the first multiple of k of the filter's people; of
// those, each row's (a group, a gender, group × gender...) first multiple of k of its members.
// A response counted in a row stays counted in it. One still waiting for its row to reach the
// next multiple of k is counted, with the others waiting, when the kth arrives; only those few
// (fewer than k a row) are read twice.
type Live struct {
	mu           sync.Mutex
	sv           *survey.Survey
	consultation string
	f            Filter
	k            int
	kinds        int // kinds of filter set: more than one publishes nothing
	ages         []string
	l            *layout

	dataset uint64    // the dataset counted (Dataset.id); another one starts the count over
	done    int       // responses looked at, whole blocks of k
	at      rowCursor // where the answer rows of response done begin
	seq     int32     // responses counted so far, which numbers the next one
	asOf    string
	// counted marks, for a filtered report, which responses it counts, to compare its people
	// with other filters' (see overlaps); nil without a filter.
	counted []bool
	// waiting are responses that pass the filter after its last multiple of k; rowWait and
	// cellWait are, per row and per age × gender cell, counted responses after its last multiple.
	waiting   []member
	rowWait   [][]member
	cellWait  [][]member
	rows      []count   // people counted per row
	ageGender [][]count // per age band (and not stated) and gender
	byTerm    []*tally  // the tally of each question by its term in the dataset; nil for others
	order     []*tally  // in the survey's order
	unplaced  []*tally  // questions the dataset has no term for yet
	rep       *Report   // the report of done responses, once made
}

// member is a response waiting to be counted: its place in the dataset, where its answer rows
// begin, and its number in the order responses were counted.
type member struct {
	ri, seq int32
	at      rowCursor
}

// rowCursor is a place in the dataset's answer rows: a chunk and a row in it.
type rowCursor struct{ chunk, row int32 }

// liveStep bounds how many responses one step of an update counts at once, and so the memory
// it takes (some 60 bytes a response); a response still waiting for its row at the end of a
// step is read again when it is counted.
var liveStep = 1 << 16

// NewLive starts a report of nothing; Report brings it up to date.
func NewLive(sv *survey.Survey, consultation string, f Filter, k int) *Live {
	ages := domain.Values(domain.AgeBand)
	if q := sv.Question(survey.AgeBand); q != nil {
		ages = nil
		for _, c := range q.Choices {
			ages = append(ages, c.ID)
		}
	}
	// Its counts are made by the first Report.
	return &Live{sv: sv, consultation: consultation, f: f, k: NormalizeK(k), kinds: f.kinds(), ages: ages, l: newLayout(ages)}
}

// reset forgets every count, to count the dataset of id from its first response.
func (lv *Live) reset(id uint64) {
	lv.dataset, lv.done, lv.at, lv.seq, lv.asOf, lv.rep = id, 0, rowCursor{}, 0, "", nil
	lv.counted, lv.waiting = nil, nil
	if lv.kinds > 0 {
		lv.counted = []bool{}
	}
	lv.rowWait = make([][]member, lv.l.rows)
	lv.cellWait = make([][]member, (len(lv.ages)+1)*lv.l.nGen)
	lv.rows = make([]count, lv.l.rows)
	lv.ageGender = grid(len(lv.ages)+1, lv.l.nGen)
	lv.byTerm, lv.order, lv.unplaced = nil, nil, nil
	for _, q := range lv.sv.Questions {
		if !q.Answerable() || q.Profile {
			continue
		}
		t := newTally(q, lv.l.rows)
		lv.order = append(lv.order, t)
		lv.unplaced = append(lv.unplaced, t)
	}
}

// Report brings the counts up to date with the dataset and returns the protected report; the
// same *Report while the dataset gained no whole block of k.
func (lv *Live) Report(d *Dataset) *Report {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	d.mu.RLock()
	defer d.mu.RUnlock()
	if lv.rows == nil || d.id != lv.dataset {
		lv.reset(d.id)
	}
	cut := len(d.resp) / lv.k * lv.k
	if lv.rep != nil && cut == lv.done {
		return lv.rep
	}
	lv.place(d)
	for lv.done < cut {
		lv.step(d, min(cut, lv.done+max(liveStep/lv.k, 1)*lv.k))
	}
	lv.rep = lv.report(d)
	return lv.rep
}

// Kept is the report last made, nil before the first.
func (lv *Live) Kept() *Report {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	return lv.rep
}

// place finds the dataset's term of each question not found before.
func (lv *Live) place(d *Dataset) {
	if n := len(d.terms); len(lv.byTerm) < n {
		lv.byTerm = append(lv.byTerm, make([]*tally, n-len(lv.byTerm))...)
	}
	left := lv.unplaced[:0]
	for _, t := range lv.unplaced {
		if id, ok := d.tids[t.q.ID]; ok {
			lv.byTerm[id] = t
		} else {
			left = append(left, t)
		}
	}
	lv.unplaced = left
}

// step counts the responses from done to end, whole blocks of k.
func (lv *Live) step(d *Dataset, end int) {
	k := lv.k
	// Which responses the filter counts now: its people, in whole blocks of k of them.
	counted := make([]member, 0, end-lv.done+k)
	for b := lv.done; b < end; b += k {
		inRange := d.blockInRange(lv.f, b, k)
		for i := b; i < b+k; i++ {
			r := d.resp[i]
			lv.asOf = max(lv.asOf, d.words[r.day])
			m := member{ri: int32(i), at: lv.at}
			lv.at = d.skip(lv.at, r.rows)
			if lv.kinds > 1 || !inRange || !d.match(lv.f, r) {
				continue
			}
			lv.waiting = append(lv.waiting, m)
			if len(lv.waiting) == k {
				for _, w := range lv.waiting {
					w.seq = lv.seq
					lv.seq++
					counted = append(counted, w)
				}
				lv.waiting = lv.waiting[:0]
			}
		}
	}
	if lv.counted != nil {
		lv.counted = append(lv.counted, make([]bool, end-len(lv.counted))...)
		for _, m := range counted {
			lv.counted[m.ri] = true
		}
	}
	lv.done = end
	if len(counted) == 0 {
		return
	}
	// In which rows each is counted now; responses counted before and waiting for their row are
	// counted in it as soon as it reaches its next multiple of k.
	first := counted[0].seq
	rowsOf := make([][6]int32, len(counted))
	in := make([][6]bool, len(counted))
	for x, m := range counted {
		rowsOf[x] = lv.l.rowsOf(d, d.resp[m.ri])
		for j, row := range rowsOf[x] {
			lv.rowWait[row] = append(lv.rowWait[row], m)
			if len(lv.rowWait[row]) < k {
				continue
			}
			for _, w := range lv.rowWait[row] {
				if w.seq >= first {
					in[w.seq-first][j] = true
				} else {
					lv.countIn(d, w, row)
				}
			}
			lv.rowWait[row] = lv.rowWait[row][:0]
		}
		rows := rowsOf[x]
		cell := (int(rows[3])-lv.l.cuts[3].start)*lv.l.nGen + int(rows[2]) - lv.l.cuts[2].start
		lv.cellWait[cell] = append(lv.cellWait[cell], m)
		if len(lv.cellWait[cell]) == k {
			for _, w := range lv.cellWait[cell] {
				lv.ageGender[cell/lv.l.nGen][cell%lv.l.nGen].add(1, d.resp[w.ri].key)
			}
			lv.cellWait[cell] = lv.cellWait[cell][:0]
		}
	}
	// Every answer of the responses counted now, in the order they arrived: the first time an
	// older choice is met decides its column, as in a count from scratch.
	var buf [6]int32
	for x, m := range counted {
		rows := buf[:0]
		for j, row := range rowsOf[x] {
			if in[x][j] {
				rows = append(rows, row)
			}
		}
		lv.count(d, m, rows)
	}
}

// countIn counts a response counted before in one more row, now that the row reached its next
// multiple of k.
func (lv *Live) countIn(d *Dataset, m member, row int32) {
	lv.count(d, m, []int32{row})
}

// count counts a response and its answers in rows.
func (lv *Live) count(d *Dataset, m member, rows []int32) {
	key := d.resp[m.ri].key
	for _, row := range rows {
		lv.rows[row].add(1, key)
	}
	c, left := m.at, int(d.resp[m.ri].rows)
	for left > 0 {
		chunk := d.rows[c.chunk][c.row:]
		if len(chunk) == 0 {
			c.chunk, c.row = c.chunk+1, 0
			continue
		}
		chunk = chunk[:min(len(chunk), left)]
		for _, r := range chunk {
			a := r.ans()
			if t := lv.byTerm[a.q]; t != nil {
				col, num := t.place(a, d.terms)
				t.add(rows, a, col, num, key)
			}
		}
		c.row += int32(len(chunk))
		left -= len(chunk)
	}
}

// report publishes the counts: nothing where population's rules withhold the report.
func (lv *Live) report(d *Dataset) *Report {
	k := lv.k
	rep := &Report{Consultation: lv.consultation, Survey: lv.sv.ID, K: k, Filter: lv.f, AsOf: lv.asOf}
	n := lv.rows[0].n
	switch {
	case lv.kinds > 1:
		rep.Withheld = WithheldOneAtATime
	case n < MinRow*k:
		rep.Withheld = WithheldTooFew
	case lv.kinds > 0 && d.overlaps(lv.counted, lv.f, lv.done, k):
		rep.Withheld = WithheldLeftOut
	}
	if rep.Withheld != "" {
		return rep
	}
	part := participation(lv.rows, lv.ageGender, lv.l, lv.ages, k)
	rep.Respondents = part.total
	rep.Participation = part.tables
	for _, t := range lv.order {
		rep.Questions = append(rep.Questions, t.question(lv.l, k))
	}
	rep.Gaps = gaps(rep.Questions)
	return rep
}

// datasets numbers datasets, so a Live knows the one it counted.
var datasets atomic.Uint64

// skip returns the place n rows after c.
func (d *Dataset) skip(c rowCursor, n uint32) rowCursor {
	for n > 0 {
		left := len(d.rows[c.chunk]) - int(c.row)
		if left == 0 {
			c.chunk, c.row = c.chunk+1, 0
			continue
		}
		step := min(left, int(n))
		c.row += int32(step)
		n -= uint32(step)
	}
	return c
}
