package results

import (
	"math"
	"slices"
	"sort"
	"strconv"

	"consulta/internal/survey"
)

// NoAnswer is the column of people who were asked a question and left it blank.
const NoAnswer = "no_answer"

// Values of each dimension, in the order they are shown; NotStated is added where it occurs.
var (
	GroupValues      = []string{"host", "displaced", "refugee", "returnee", "migrant", survey.PreferNot}
	GenderValues     = []string{"female", "male", "other", survey.PreferNot}
	DisabilityValues = []string{survey.WithDis, survey.WithoutDis}
	AllAgeBands      = []string{"age_8_12", "age_13_17", "age_18_29", "age_30_59", "age_60_plus"}
)

// cut is one dimension's rows inside a question's row layout.
type cut struct {
	dim    string
	values []string
	start  int
}

// layout places every row a question has: "all", each value of each dimension, group × gender.
type layout struct {
	cuts []cut
	rows int
	gg   int // first group × gender row
	nGrp int
	nGen int
}

func newLayout(ageBands []string) *layout {
	l := &layout{}
	add := func(dim string, values []string) {
		l.cuts = append(l.cuts, cut{dim: dim, values: values, start: l.rows})
		l.rows += len(values)
	}
	add(ByAll, []string{ByAll})
	grp := append(slices.Clone(GroupValues), NotStated)
	gen := append(slices.Clone(GenderValues), NotStated)
	add(ByGroup, grp)
	add(ByGender, gen)
	add(ByAgeBand, append(slices.Clone(ageBands), NotStated))
	add(ByDisability, append(slices.Clone(DisabilityValues), NotStated))
	l.nGrp, l.nGen = len(grp), len(gen)
	var gg []string
	for _, g := range grp {
		for _, s := range gen {
			gg = append(gg, g+"|"+s)
		}
	}
	add(ByGroupGender, gg)
	l.gg = l.cuts[len(l.cuts)-1].start
	return l
}

func indexOf(values []string, v string) int {
	if v == "" {
		v = NotStated
	}
	if i := slices.Index(values, v); i >= 0 {
		return i
	}
	return slices.Index(values, NotStated)
}

// rowsOf returns the six rows a response counts in: all, group, gender, age band, disability, group × gender.
func (l *layout) rowsOf(d *Dataset, r resp) [6]int {
	g := indexOf(l.cuts[1].values, d.words[r.group])
	s := indexOf(l.cuts[2].values, d.words[r.gender])
	return [6]int{0, l.cuts[1].start + g, l.cuts[2].start + s,
		l.cuts[3].start + indexOf(l.cuts[3].values, d.words[r.age]),
		l.cuts[4].start + indexOf(l.cuts[4].values, d.words[r.dis]),
		l.gg + g*l.nGen + s}
}

// tally accumulates one question over the matching responses.
type tally struct {
	q      *survey.Question
	cols   []string
	col    map[string]int
	asked  []int
	cells  [][]int
	first  [][]int     // rank: who put each choice first
	points [][]int     // rank: Borda points
	nums   []histogram // scale and integer: how many gave each number, per row
	texts  int
}

func columnsOf(q *survey.Question) []string {
	var cols []string
	switch q.Type {
	case survey.SelectOne, survey.SelectMultiple, survey.Rank:
		for _, c := range q.Choices {
			cols = append(cols, c.ID)
		}
	case survey.YesNo:
		cols = []string{"yes", "no"}
	case survey.Scale:
		for p := 1; p <= q.Points; p++ {
			cols = append(cols, strconv.Itoa(p))
		}
	case survey.Integer, survey.Text:
		cols = []string{"answered"}
	}
	if q.PreferNot && !slices.Contains(cols, survey.PreferNot) {
		cols = append(cols, survey.PreferNot)
	}
	return append(cols, NoAnswer)
}

func newTally(q *survey.Question, rows int) *tally {
	t := &tally{q: q, cols: columnsOf(q), col: map[string]int{}, asked: make([]int, rows)}
	for i, c := range t.cols {
		t.col[c] = i
	}
	t.cells = grid(rows, len(t.cols))
	if q.Type == survey.Rank {
		t.first, t.points = grid(rows, len(t.cols)), grid(rows, len(t.cols))
	}
	if q.Type == survey.Scale || q.Type == survey.Integer {
		t.nums = make([]histogram, rows)
	}
	return t
}

func grid(rows, cols int) [][]int {
	g := make([][]int, rows)
	for i := range g {
		g[i] = make([]int, cols)
	}
	return g
}

// column returns the column of a stored choice; a choice an older survey version had is added.
func (t *tally) column(choice string) int {
	if c, ok := t.col[choice]; ok {
		return c
	}
	at := len(t.cols) - 1 // keep no_answer last
	t.cols = slices.Insert(t.cols, at, choice)
	for k := range t.col {
		if t.col[k] >= at {
			t.col[k]++
		}
	}
	t.col[choice] = at
	for i := range t.cells {
		t.cells[i] = slices.Insert(t.cells[i], at, 0)
		if t.first != nil {
			t.first[i] = slices.Insert(t.first[i], at, 0)
			t.points[i] = slices.Insert(t.points[i], at, 0)
		}
	}
	return at
}

func (t *tally) add(rows [6]int, a ans, terms []string) {
	if a.lead {
		for _, r := range rows {
			t.asked[r]++
		}
	}
	col := -1
	switch a.kind {
	case kindSkipped:
		col = t.col[NoAnswer]
	case kindText:
		col = t.col["answered"]
		t.texts++
	case kindNumber:
		if t.q.Type == survey.Scale {
			col = t.column(strconv.Itoa(int(a.num)))
		} else {
			col = t.col["answered"]
		}
		for _, r := range rows {
			t.nums[r].add(a.num)
		}
	case kindChoice:
		col = t.column(terms[a.choice])
		if t.first != nil && a.pos > 0 {
			for _, r := range rows {
				if a.pos == 1 {
					t.first[r][col]++
				}
				t.points[r][col] += max(0, t.q.Rank+1-int(a.pos))
			}
		}
	}
	for _, r := range rows {
		t.cells[r][col]++
	}
}

// multi reports whether a respondent may count in several columns.
func (t *tally) multi() bool { return t.q.Type == survey.SelectMultiple || t.q.Type == survey.Rank }

// Aggregate computes a consultation's report for the responses that pass the filter,
// with every count under k suppressed and complemented.
func Aggregate(d *Dataset, sv *survey.Survey, consultation string, f Filter, k int) *Report {
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
			t.add(rowsOf[a.resp], a, d.terms)
		}
	}
	rep := &Report{Consultation: consultation, Survey: sv.ID, K: k, Filter: f}
	part := participation(d, match, l, ages, k)
	rep.Respondents = part.total
	rep.Participation = part.tables
	for _, t := range order {
		rep.Questions = append(rep.Questions, t.question(l, k, part))
	}
	rep.Gaps = gaps(rep.Questions)
	return rep
}

// participationResult keeps the participation counts and their protection, so questions asked
// of everyone hide the same N where participation hides it.
type participationResult struct {
	total   Cell
	tables  []Table
	counts  []int  // per layout row
	protect []bool // per layout row
}

func participation(d *Dataset, match []bool, l *layout, ages []string, k int) participationResult {
	counts := make([]int, l.rows)
	ageGender := grid(len(ages)+1, l.nGen)
	for i, r := range d.resp {
		if !match[i] {
			continue
		}
		rows := l.rowsOf(d, r)
		for _, row := range rows {
			counts[row]++
		}
		ageGender[rows[3]-l.cuts[3].start][rows[2]-l.cuts[2].start]++
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

func present(idx []int) []int {
	var out []int
	for _, i := range idx {
		if i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// linkCuts records that every cut of a column adds up to the "all" row, and that group × gender
// rows add up to their group and to their gender.
func linkCuts(sys *System, l *layout, idx []int) {
	for _, c := range l.cuts[1:5] {
		var parts []int
		for i := range c.values {
			parts = append(parts, idx[c.start+i])
		}
		sys.Sum(idx[0], present(parts)...)
	}
	for g := 0; g < l.nGrp; g++ {
		var parts []int
		for s := 0; s < l.nGen; s++ {
			parts = append(parts, idx[l.gg+g*l.nGen+s])
		}
		if idx[l.cuts[1].start+g] >= 0 {
			sys.Sum(idx[l.cuts[1].start+g], present(parts)...)
		}
	}
	for s := 0; s < l.nGen; s++ {
		var parts []int
		for g := 0; g < l.nGrp; g++ {
			parts = append(parts, idx[l.gg+g*l.nGen+s])
		}
		if idx[l.cuts[2].start+s] >= 0 {
			sys.Sum(idx[l.cuts[2].start+s], present(parts)...)
		}
	}
}

func percentCell(n, total int) Cell {
	c := Cell{N: n}
	if total > 0 {
		lo, hi := Wilson(n, total)
		c.Pct, c.Lo, c.Hi = round1(100*float64(n)/float64(total)), round1(100*lo), round1(100*hi)
	}
	return c
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// question suppresses and publishes one tally.
func (t *tally) question(l *layout, k int, part participationResult) Question {
	var sys System
	nIdx := make([]int, l.rows)
	cIdx := make([][]int, l.rows)
	hIdx := make([][]int, l.rows)
	fIdx := make([][]int, l.rows)
	for row := range t.asked {
		nIdx[row] = -1
		if t.asked[row] == 0 && row != 0 {
			continue
		}
		nIdx[row] = sys.Add(t.asked[row], true)
		if t.q.Relevant == "" {
			// Asked of everyone: its N is participation's, published or hidden there.
			if part.protect[row] {
				sys.Force(nIdx[row])
			} else {
				sys.Fix(nIdx[row])
			}
		}
		cIdx[row] = make([]int, len(t.cols))
		for c, n := range t.cells[row] {
			cIdx[row][c] = sys.Add(n, true)
		}
		if t.multi() {
			hIdx[row] = make([]int, len(t.cols))
			for c, n := range t.cells[row] {
				hIdx[row][c] = sys.Add(t.asked[row]-n, false)
				sys.Sum(nIdx[row], cIdx[row][c], hIdx[row][c])
			}
		} else {
			sys.Sum(nIdx[row], cIdx[row]...)
		}
		if t.first != nil {
			fIdx[row] = make([]int, len(t.cols))
			for c, n := range t.first[row] {
				fIdx[row][c] = sys.Add(n, true)
			}
			notFirst := t.asked[row]
			for _, n := range t.first[row] {
				notFirst -= n
			}
			sys.Sum(nIdx[row], append(slices.Clone(fIdx[row]), sys.Add(notFirst, false))...)
		}
	}
	linkCuts(&sys, l, nIdx)
	// The derived "not ticked" counts need no links of their own: theirs follow from the others.
	for _, grids := range [][][]int{cIdx, fIdx} {
		if grids[0] == nil {
			continue
		}
		for c := range t.cols {
			col := make([]int, l.rows)
			for row := range col {
				col[row] = -1
				if grids[row] != nil {
					col[row] = grids[row][c]
				}
			}
			linkCuts(&sys, l, col)
		}
	}
	protect := sys.Solve(k)
	hidden := func(i int) bool { return i < 0 || protect[i] }
	cell := func(i, n, of int) Cell {
		if hidden(i) {
			return Cell{Suppressed: true}
		}
		return percentCell(n, of)
	}
	out := Question{ID: t.q.ID, Type: t.q.Type, Multi: t.multi()}
	for _, c := range l.cuts {
		tab := Table{Dimension: c.dim, Columns: t.cols}
		for i, v := range c.values {
			row := c.start + i
			if nIdx[row] < 0 {
				continue
			}
			r := Row{Value: v, N: cell(nIdx[row], t.asked[row], t.asked[0])}
			if row == 0 {
				r.N.Pct, r.N.Lo, r.N.Hi = 0, 0, 0
			}
			for col, n := range t.cells[row] {
				r.Cells = append(r.Cells, cell(cIdx[row][col], n, t.asked[row]))
			}
			if t.nums != nil && !hidden(nIdx[row]) && t.nums[row].n >= k {
				r.Stats = t.nums[row].stats(t.q.Type == survey.Integer)
			}
			tab.Rows = append(tab.Rows, r)
		}
		out.Tables = append(out.Tables, tab)
	}
	if t.q.Type == survey.Text {
		out.Texts = cell(cIdx[0][t.col["answered"]], t.texts, t.asked[0])
	}
	if t.first != nil {
		out.Priorities, out.ByGroup, out.First = t.borda(l, protect, nIdx, cIdx, fIdx, cell)
	}
	out.Tests = t.tests(l, protect, cIdx)
	return out
}

// histogram counts how many gave each number: answers are small whole numbers, so this is
// far lighter than keeping every value, and quantiles come out the same.
type histogram struct {
	counts map[int32]int
	n      int
	sum    float64
}

func (h *histogram) add(v int32) {
	if h.counts == nil {
		h.counts = map[int32]int{}
	}
	h.counts[v]++
	h.n++
	h.sum += float64(v)
}

// at returns the i-th smallest value (0-based).
func (h *histogram) at(values []int32, i int) float64 {
	for _, v := range values {
		if i < h.counts[v] {
			return float64(v)
		}
		i -= h.counts[v]
	}
	return float64(values[len(values)-1])
}

// quantile interpolates between order statistics, as Quantile does on the sorted values.
func (h *histogram) quantile(values []int32, p float64) float64 {
	pos := p * float64(h.n-1)
	lo := int(math.Floor(pos))
	a, b := h.at(values, lo), h.at(values, min(lo+1, h.n-1))
	return a + (b-a)*(pos-float64(lo))
}

func (h *histogram) stats(quartiles bool) *Stats {
	s := &Stats{Answered: h.n, Mean: math.Round(h.sum/float64(h.n)*100) / 100}
	if quartiles {
		values := make([]int32, 0, len(h.counts))
		for v := range h.counts {
			values = append(values, v)
		}
		slices.Sort(values)
		s.Median, s.Q1, s.Q3 = h.quantile(values, 0.5), h.quantile(values, 0.25), h.quantile(values, 0.75)
	}
	return s
}

// borda publishes a rank question's scores overall and by group; points follow their top-N cell.
func (t *tally) borda(l *layout, protect []bool, nIdx []int, cIdx, fIdx [][]int, cell func(i, n, of int) Cell) ([]Priority, []PriorityRow, *Table) {
	scores := func(row int) []Priority {
		var out []Priority
		for c, id := range t.cols {
			if id == NoAnswer || id == survey.PreferNot {
				continue
			}
			b := Priority{Choice: id, Points: t.points[row][c], First: cell(fIdx[row][c], t.first[row][c], t.asked[row]),
				TopN: cell(cIdx[row][c], t.cells[row][c], t.asked[row])}
			if b.TopN.Suppressed {
				b.Points, b.Suppressed = 0, true
			}
			out = append(out, b)
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Points > out[j].Points })
		return out
	}
	overall := scores(0)
	var byGroup []PriorityRow
	first := &Table{Dimension: ByGroup, Columns: t.cols}
	g := l.cuts[1]
	for i, v := range g.values {
		row := g.start + i
		if nIdx[row] < 0 {
			continue
		}
		n := cell(nIdx[row], t.asked[row], t.asked[0])
		byGroup = append(byGroup, PriorityRow{Value: v, N: n, Scores: scores(row)})
		r := Row{Value: v, N: n}
		for c, x := range t.first[row] {
			r.Cells = append(r.Cells, cell(fIdx[row][c], x, t.asked[row]))
		}
		first.Rows = append(first.Rows, r)
	}
	return overall, byGroup, first
}

// tests runs chi-square against group and gender on the named values only; a table with a hidden
// cell is not tested, because the statistic could give the hidden count back.
func (t *tally) tests(l *layout, protect []bool, cIdx [][]int) []Test {
	if t.q.Type == survey.Integer || t.q.Type == survey.Text {
		return nil
	}
	var out []Test
	for _, c := range l.cuts[1:3] {
		var rows []int
		for i, v := range c.values {
			if v != survey.PreferNot && v != NotStated && cIdx[c.start+i] != nil {
				rows = append(rows, c.start+i)
			}
		}
		var cols []int
		for ci, id := range t.cols {
			if id != survey.PreferNot && id != NoAnswer {
				cols = append(cols, ci)
			}
		}
		if !t.multi() {
			out = append(out, t.test(c.dim, "", rows, cols, protect, cIdx, 1))
			continue
		}
		for _, ci := range cols {
			out = append(out, t.test(c.dim, t.cols[ci], rows, []int{ci}, protect, cIdx, len(cols)))
		}
	}
	return out
}

// test builds the contingency table; for one choice of a multiple answer it is ticked vs not ticked.
func (t *tally) test(dim, choice string, rows, cols []int, protect []bool, cIdx [][]int, comparisons int) Test {
	res := Test{Dimension: dim, Choice: choice}
	var table [][]int
	for _, r := range rows {
		var line []int
		sum := 0
		for _, c := range cols {
			if protect[cIdx[r][c]] {
				res.Reason = "suppressed"
				return res
			}
			line = append(line, t.cells[r][c])
			sum += t.cells[r][c]
		}
		if len(cols) == 1 {
			line = append(line, t.asked[r]-sum)
		}
		table = append(table, line)
	}
	chi := ChiSquareTest(table)
	if !chi.Applies {
		res.Reason = "small_expected"
		return res
	}
	res.Applies = true
	res.P = math.Round(chi.P*1000) / 1000
	res.Differ = chi.P < 0.05/float64(comparisons)
	return res
}

// gaps lists the choices where displaced and host residents differ most, both cells published.
func gaps(qs []Question) []Gap {
	var out []Gap
	for _, q := range qs {
		if q.Type == survey.Integer || q.Type == survey.Text || len(q.Tables) < 2 {
			continue
		}
		byGroup := q.Tables[1]
		var host, displaced *Row
		for i := range byGroup.Rows {
			switch byGroup.Rows[i].Value {
			case "host":
				host = &byGroup.Rows[i]
			case "displaced":
				displaced = &byGroup.Rows[i]
			}
		}
		if host == nil || displaced == nil || host.N.Suppressed || displaced.N.Suppressed {
			continue
		}
		for c, id := range byGroup.Columns {
			if id == NoAnswer || id == survey.PreferNot || host.Cells[c].Suppressed || displaced.Cells[c].Suppressed {
				continue
			}
			out = append(out, Gap{Question: q.ID, Choice: id, Displaced: displaced.Cells[c].Pct, Host: host.Cells[c].Pct,
				Gap: round1(displaced.Cells[c].Pct - host.Cells[c].Pct)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(out[i].Gap) > math.Abs(out[j].Gap) })
	if len(out) > 15 {
		out = out[:15]
	}
	return out
}
