package results

import (
	"math"
	"slices"
	"sort"
	"strconv"

	"consulta/internal/domain"
	"consulta/internal/survey"
)

// NoAnswer is the column of people who were asked a question and left it blank.
const NoAnswer = "no_answer"

// Values returns what a person may give for a dimension, in the order shown, from the domain's
// profile table; NotStated is added where it occurs.
func Values(dim string) []string {
	d, _ := domain.Dim(dim)
	return d.Stated()
}

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
	grp := append(Values(ByGroup), NotStated)
	gen := append(Values(ByGender), NotStated)
	add(ByGroup, grp)
	add(ByGender, gen)
	add(ByAgeBand, append(slices.Clone(ageBands), NotStated))
	add(ByDisability, append(Values(ByDisability), NotStated))
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
func (l *layout) rowsOf(d *Dataset, r resp) [6]int32 {
	g := indexOf(l.cuts[1].values, d.words[r.group])
	s := indexOf(l.cuts[2].values, d.words[r.gender])
	return [6]int32{0, int32(l.cuts[1].start + g), int32(l.cuts[2].start + s),
		int32(l.cuts[3].start + indexOf(l.cuts[3].values, d.words[r.age])),
		int32(l.cuts[4].start + indexOf(l.cuts[4].values, d.words[r.dis])),
		int32(l.gg + g*l.nGen + s)}
}

// tally accumulates one question over the counted responses. Every cell is a count of weight
// and key sum, and reaches the report only through the perturbation table.
type tally struct {
	q     *survey.Question
	cols  []string
	col   map[string]int
	asked []count
	cells [][]count
	pos   [][][]count // rank: per row and column, who put the choice at each place 1..rank
	// scale and integer: per row, how many gave each number, the numbers in numVals' order
	nums    [][]count
	numVals []int32
	numIdx  map[int32]int
	// byTerm and byNum remember the column of a choice term or a scale point, plus one (0: not
	// looked up yet), so most rows take no map lookup; a column inserted clears them.
	byTerm []int32
	byNum  [64]int32
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
	t := &tally{q: q, cols: columnsOf(q), col: map[string]int{}, asked: make([]count, rows)}
	for i, c := range t.cols {
		t.col[c] = i
	}
	t.cells = grid(rows, len(t.cols))
	if q.Type == survey.Rank {
		t.pos = make([][][]count, rows)
		for i := range t.pos {
			t.pos[i] = make([][]count, len(t.cols))
			for c := range t.pos[i] {
				t.pos[i][c] = make([]count, max(q.Rank, 1))
			}
		}
	}
	if q.Type == survey.Scale || q.Type == survey.Integer {
		t.nums = make([][]count, rows)
		t.numIdx = map[int32]int{}
	}
	return t
}

func grid(rows, cols int) [][]count {
	g := make([][]count, rows)
	for i := range g {
		g[i] = make([]count, cols)
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
	clear(t.byTerm)
	t.byNum = [64]int32{}
	for i := range t.cells {
		t.cells[i] = slices.Insert(t.cells[i], at, count{})
		if t.pos != nil {
			t.pos[i] = slices.Insert(t.pos[i], at, make([]count, max(t.q.Rank, 1)))
		}
	}
	return at
}

// termColumn is column(terms[term]), remembered per term.
func (t *tally) termColumn(term uint16, terms []string) int {
	if int(term) >= len(t.byTerm) {
		t.byTerm = append(t.byTerm, make([]int32, len(terms)-len(t.byTerm))...)
	}
	if c := t.byTerm[term]; c > 0 {
		return int(c - 1)
	}
	c := t.column(terms[term])
	t.byTerm[term] = int32(c + 1)
	return c
}

// numColumn is the column of a scale point, remembered for small points.
func (t *tally) numColumn(n int32) int {
	if n < 0 || int(n) >= len(t.byNum) {
		return t.column(strconv.Itoa(int(n)))
	}
	if c := t.byNum[n]; c > 0 {
		return int(c - 1)
	}
	c := t.column(strconv.Itoa(int(n)))
	t.byNum[n] = int32(c + 1)
	return c
}

// numIndex is where a number's counts are in each row of nums, adding the number when new.
func (t *tally) numIndex(n int32) int {
	if i, ok := t.numIdx[n]; ok {
		return i
	}
	i := len(t.numVals)
	t.numVals = append(t.numVals, n)
	t.numIdx[n] = i
	for r := range t.nums {
		t.nums[r] = append(t.nums[r], count{})
	}
	return i
}

// place returns the column of an answer, adding one for a choice only an older survey version had,
// and the index of its number in nums (-1 for none), adding the number when new.
func (t *tally) place(a ans, terms []string) (col, num int) {
	col, num = -1, -1
	switch a.kind {
	case kindSkipped:
		col = t.col[NoAnswer]
	case kindText:
		col = t.col["answered"]
	case kindNumber:
		if t.q.Type == survey.Scale {
			col = t.numColumn(a.num)
		} else {
			col = t.col["answered"]
		}
		if t.nums != nil {
			num = t.numIndex(a.num)
		}
	case kindChoice:
		col = t.termColumn(a.choice, terms)
	}
	return col, num
}

// add counts one answer row, placed at col and num, in rows of the tally for a record of key.
func (t *tally) add(rows []int32, a ans, col, num int, key uint32) {
	if a.lead {
		for _, r := range rows {
			t.asked[r].add(1, key)
		}
	}
	if num >= 0 {
		for _, r := range rows {
			t.nums[r][num].add(1, key)
		}
	}
	if a.kind == kindChoice && t.pos != nil && a.pos > 0 && int(a.pos) <= t.q.Rank {
		for _, r := range rows {
			t.pos[r][col][a.pos-1].add(1, key)
		}
	}
	if col >= 0 {
		for _, r := range rows {
			t.cells[r][col].add(1, key)
		}
	}
}

// multi reports whether a respondent may count in several columns.
func (t *tally) multi() bool { return t.q.Type == survey.SelectMultiple || t.q.Type == survey.Rank }

// Aggregate computes a consultation's protected report for the responses that pass the filter.
// Every count is the cell key method's (see PTable) and every figure is computed from those
// counts only; see population for which responses a report may count at all. It is a Live
// brought up to date once: keep the Live to follow a dataset that grows.
func Aggregate(d *Dataset, sv *survey.Survey, consultation string, f Filter, k int) *Report {
	return NewLive(sv, consultation, f, k).Report(d)
}

// MinRow is how many people (published count) a row needs before its answers are shown, as a
// multiple of k: a row of one or two people would show their answers however they are rounded.
const MinRow = 2

// shown reports whether a row's answers may be published: its published count is at least 2k.
func shown(n, k int) bool { return n >= MinRow*k }

type participationResult struct {
	total  Cell
	tables []Table
}

// participation publishes the people counted per row and per age band × gender cell.
func participation(counts []count, ageGender [][]count, l *layout, ages []string, k int) participationResult {
	total := counts[0].published(k)
	res := participationResult{total: percentCell(total, total)}
	for _, c := range l.cuts[1:] {
		t := Table{Dimension: c.dim, Columns: []string{"n"}}
		for i, v := range c.values {
			n := counts[c.start+i].published(k)
			if n == 0 {
				continue
			}
			t.Rows = append(t.Rows, Row{Value: v, N: percentCell(n, total)})
		}
		res.tables = append(res.tables, t)
	}
	ag := Table{Dimension: ByAgeGender, Columns: l.cuts[2].values}
	for a, band := range append(slices.Clone(ages), NotStated) {
		n := counts[l.cuts[3].start+a].published(k)
		if n == 0 {
			continue
		}
		r := Row{Value: band, N: percentCell(n, total)}
		for s := range ageGender[a] {
			r.Cells = append(r.Cells, percentCell(ageGender[a][s].published(k), total))
		}
		ag.Rows = append(ag.Rows, r)
	}
	res.tables = append(res.tables, ag)
	return res
}

// percentCell publishes n out of total, both protected counts; n may exceed total after
// perturbation, and the percentage and interval then read as all of them.
func percentCell(n, total int) Cell {
	c := Cell{N: n}
	if total > 0 {
		lo, hi := Wilson(n, total)
		c.Pct, c.Lo, c.Hi = round1(100*float64(min(n, total))/float64(total)), round1(100*lo), round1(100*hi)
	}
	return c
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// question publishes one tally: row counts and cells through the perturbation table, and a
// row's answers only when its published count is at least 2k.
func (t *tally) question(l *layout, k int) Question {
	pub := func(c count) int { return c.published(k) }
	asked := make([]int, l.rows)
	for row := range asked {
		asked[row] = pub(t.asked[row])
	}
	hidden := Cell{Suppressed: true}
	out := Question{ID: t.q.ID, Type: t.q.Type, Multi: t.multi()}
	for _, c := range l.cuts {
		tab := Table{Dimension: c.dim, Columns: t.cols}
		for i, v := range c.values {
			row := c.start + i
			n := asked[row]
			if n == 0 && row != 0 {
				continue
			}
			r := Row{Value: v, N: percentCell(n, asked[0])}
			if row == 0 {
				r.N = Cell{N: n}
			}
			for col := range t.cols {
				if !shown(n, k) {
					r.Cells = append(r.Cells, hidden)
					continue
				}
				r.Cells = append(r.Cells, percentCell(pub(t.cells[row][col]), n))
			}
			if t.nums != nil && shown(n, k) {
				r.Stats = t.stats(row, k)
			}
			tab.Rows = append(tab.Rows, r)
		}
		out.Tables = append(out.Tables, tab)
	}
	if t.q.Type == survey.Text {
		out.Texts = hidden
		if shown(asked[0], k) {
			out.Texts = percentCell(pub(t.cells[0][t.col["answered"]]), asked[0])
		}
	}
	if t.pos != nil {
		out.Priorities, out.ByGroup, out.First = t.borda(l, k, asked)
	}
	out.Tests = t.tests(l, k, asked)
	return out
}

// stats summarises a row's numbers from their protected per-value counts: how many answered,
// the mean, and for integer questions the median and quartiles. Nil when no count is published.
func (t *tally) stats(row, k int) *Stats {
	h := histogram{counts: map[int32]int{}}
	for i, c := range t.nums[row] {
		v := t.numVals[i]
		if n := c.published(k); n > 0 {
			h.counts[v] = n
			h.n += n
			h.sum += float64(v) * float64(n)
		}
	}
	if h.n == 0 {
		return nil
	}
	return h.stats(t.q.Type == survey.Integer)
}

// histogram counts how many gave each number: answers are small whole numbers, so this is
// far lighter than keeping every value, and quantiles come out the same.
type histogram struct {
	counts map[int32]int
	n      int
	sum    float64
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

// borda publishes a rank question's scores overall and by group. Points are rank points times
// the protected count of each place; first and top-n shares are protected counts of the row's
// protected count.
func (t *tally) borda(l *layout, k int, asked []int) ([]Priority, []PriorityRow, *Table) {
	scores := func(row int) []Priority {
		var out []Priority
		for c, id := range t.cols {
			if id == NoAnswer || id == survey.PreferNot {
				continue
			}
			if !shown(asked[row], k) {
				out = append(out, Priority{Choice: id, First: Cell{Suppressed: true}, TopN: Cell{Suppressed: true}, Suppressed: true})
				continue
			}
			b := Priority{Choice: id, First: percentCell(t.pos[row][c][0].published(k), asked[row]),
				TopN: percentCell(t.cells[row][c].published(k), asked[row])}
			for p, n := range t.pos[row][c] {
				b.Points += (t.q.Rank - p) * n.published(k)
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
		if asked[row] == 0 {
			continue
		}
		n := percentCell(asked[row], asked[0])
		byGroup = append(byGroup, PriorityRow{Value: v, N: n, Scores: scores(row)})
		r := Row{Value: v, N: n}
		for c := range t.cols {
			if !shown(asked[row], k) {
				r.Cells = append(r.Cells, Cell{Suppressed: true})
				continue
			}
			r.Cells = append(r.Cells, percentCell(t.pos[row][c][0].published(k), asked[row]))
		}
		first.Rows = append(first.Rows, r)
	}
	return overall, byGroup, first
}

// tests runs chi-square against group and gender on the named values whose rows are shown,
// from protected counts only.
func (t *tally) tests(l *layout, k int, asked []int) []Test {
	if t.q.Type == survey.Integer || t.q.Type == survey.Text {
		return nil
	}
	var out []Test
	for _, c := range l.cuts[1:3] {
		var rows []int
		for i, v := range c.values {
			if v != survey.PreferNot && v != NotStated && shown(asked[c.start+i], k) {
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
			out = append(out, t.test(c.dim, "", rows, cols, k, asked, 1))
			continue
		}
		for _, ci := range cols {
			out = append(out, t.test(c.dim, t.cols[ci], rows, []int{ci}, k, asked, len(cols)))
		}
	}
	return out
}

// test builds the contingency table; for one choice of a multiple answer it is ticked vs not ticked.
func (t *tally) test(dim, choice string, rows, cols []int, k int, asked []int, comparisons int) Test {
	res := Test{Dimension: dim, Choice: choice}
	var table [][]int
	for _, r := range rows {
		var line []int
		sum := 0
		for _, c := range cols {
			n := t.cells[r][c].published(k)
			line = append(line, n)
			sum += n
		}
		if len(cols) == 1 {
			line = append(line, max(asked[r]-sum, 0))
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
