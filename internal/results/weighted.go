package results

import (
	"slices"
	"strconv"

	"consulta/internal/survey"
)

// AggregateWeighted is Aggregate over rows that carry a weight: it gives the same report for a
// dataset of single responses and for one of strata and cells counted by the store.
//
// Temporary and separate on purpose: the cell key rewrite of aggregate.go (issue 11, part 1)
// makes Aggregate itself weigh rows; once it does, this file goes and callers use Aggregate.
func AggregateWeighted(d *Dataset, sv *survey.Survey, consultation string, f Filter, k int) *Report {
	d.mu.RLock()
	defer d.mu.RUnlock()
	k = NormalizeK(k)
	ages := AllAgeBands
	if q := sv.Question(survey.AgeBand); q != nil {
		ages = nil
		for _, c := range q.Choices {
			ages = append(ages, c.ID)
		}
	}
	l := newLayout(ages)
	match := d.matches(f)
	rowsOf := make([][6]int, len(d.resp))
	for i, r := range d.resp {
		if match[i] {
			rowsOf[i] = l.rowsOf(d, r)
		}
	}
	tallies := make([]*tally, len(d.terms))
	var order []*tally
	for _, q := range sv.Questions {
		if !q.Answerable() || q.Profile {
			continue
		}
		t := newTally(q, l.rows)
		order = append(order, t)
		if id, ok := d.tids[q.ID]; ok {
			tallies[id] = t
		}
	}
	for _, a := range d.ans {
		if !match[a.resp] {
			continue
		}
		if t := tallies[a.q]; t != nil {
			t.addWeighted(rowsOf[a.resp], a, d.terms)
		}
	}
	rep := &Report{Consultation: consultation, Survey: sv.ID, K: k, Filter: f}
	part := participationWeighted(d, match, l, ages, k)
	rep.Respondents = part.total
	rep.Participation = part.tables
	for _, t := range order {
		rep.Questions = append(rep.Questions, t.question(l, k, part))
	}
	rep.Gaps = gaps(rep.Questions)
	return rep
}

func participationWeighted(d *Dataset, match []bool, l *layout, ages []string, k int) participationResult {
	counts := make([]int, l.rows)
	ageGender := grid(len(ages)+1, l.nGen)
	for i, r := range d.resp {
		if !match[i] {
			continue
		}
		rows := l.rowsOf(d, r)
		for _, row := range rows {
			counts[row] += int(r.n)
		}
		ageGender[rows[3]-l.cuts[3].start][rows[2]-l.cuts[2].start] += int(r.n)
	}
	var sys System
	idx := make([]int, l.rows)
	for row, n := range counts {
		idx[row] = -1
		if n > 0 || row == 0 {
			idx[row] = sys.Add(n, true)
		}
	}
	linkCuts(&sys, l, idx)
	agIdx := grid(len(ages)+1, l.nGen)
	for a := range ageGender {
		for s := range ageGender[a] {
			agIdx[a][s] = -1
			if ageGender[a][s] > 0 {
				agIdx[a][s] = sys.Add(ageGender[a][s], true)
			}
		}
	}
	for a := range ageGender {
		sys.Sum(idx[l.cuts[3].start+a], present(agIdx[a])...)
	}
	for s := 0; s < l.nGen; s++ {
		var col []int
		for a := range ageGender {
			col = append(col, agIdx[a][s])
		}
		sys.Sum(idx[l.cuts[2].start+s], present(col)...)
	}
	protect := sys.Solve(k)
	total := counts[0]
	cell := func(i, n int) Cell {
		if i < 0 {
			return Cell{}
		}
		if protect[i] {
			return Cell{Suppressed: true}
		}
		return percentCell(n, total)
	}
	res := participationResult{counts: counts, protect: make([]bool, l.rows)}
	for row := range counts {
		res.protect[row] = idx[row] >= 0 && protect[idx[row]]
	}
	res.total = cell(idx[0], total)
	for _, c := range l.cuts[1:] {
		t := Table{Dimension: c.dim, Columns: []string{"n"}}
		for i, v := range c.values {
			row := c.start + i
			if counts[row] == 0 {
				continue
			}
			t.Rows = append(t.Rows, Row{Value: v, N: cell(idx[row], counts[row])})
		}
		res.tables = append(res.tables, t)
	}
	ag := Table{Dimension: ByAgeGender, Columns: l.cuts[2].values}
	for a, band := range append(slices.Clone(ages), NotStated) {
		row := l.cuts[3].start + a
		if counts[row] == 0 {
			continue
		}
		r := Row{Value: band, N: cell(idx[row], counts[row])}
		for s := range ageGender[a] {
			r.Cells = append(r.Cells, cell(agIdx[a][s], ageGender[a][s]))
		}
		ag.Rows = append(ag.Rows, r)
	}
	res.tables = append(res.tables, ag)
	return res
}

// addWeighted is tally.add for a row that stands for a.n equal answer rows.
func (t *tally) addWeighted(rows [6]int, a ans, terms []string) {
	w := int(a.n)
	if a.lead {
		for _, r := range rows {
			t.asked[r] += w
		}
	}
	col := -1
	switch a.kind {
	case kindSkipped:
		col = t.col[NoAnswer]
	case kindText:
		col = t.col["answered"]
		t.texts += w
	case kindNumber:
		if t.q.Type == survey.Scale {
			col = t.column(strconv.Itoa(int(a.num)))
		} else {
			col = t.col["answered"]
		}
		for _, r := range rows {
			h := &t.nums[r]
			if h.counts == nil {
				h.counts = map[int32]int{}
			}
			h.counts[a.num] += w
			h.n += w
			h.sum += float64(a.num) * float64(w)
		}
	case kindChoice:
		col = t.column(terms[a.choice])
		if t.first != nil && a.pos > 0 {
			for _, r := range rows {
				if a.pos == 1 {
					t.first[r][col] += w
				}
				t.points[r][col] += w * max(0, t.q.Rank+1-int(a.pos))
			}
		}
	}
	for _, r := range rows {
		t.cells[r][col] += w
	}
}
