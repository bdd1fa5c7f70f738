package plan

import (
	"math"
	"slices"
	"sort"
	"time"

	"consulta/internal/domain"
	"consulta/internal/results"
)

// Agreement answers, as the generated survey names them.
const (
	Agree    = "agree"
	NotSure  = "not_sure"
	Disagree = "disagree"
)

// Thresholds of the method, shown beside the figures they decide.
const (
	// BroadShare is the agreement every group must reach for "broad consensus".
	BroadShare = 60.0
	// MinAnswers is how many answers a group needs before it counts towards broad consensus.
	MinAnswers = 20
	// DivergencePoints is the smallest gap, in percentage points, reported as a divergence.
	DivergencePoints = 10.0
	// Alpha is the family-wise significance level, held with Holm's correction.
	Alpha = 0.05
	// RankQuestion and MissingQuestion are the ids of the generated rank and text questions.
	RankQuestion    = "top3"
	MissingQuestion = "missing"
)

// Groups are the population groups consensus is computed over: the domain's, without prefer_not.
func Groups() []string { return domain.Values(domain.Group) }

// Share is a published count out of a published total, with its Wilson interval in percent.
// When Suppressed, nothing else may be shown.
type Share struct {
	Value      string  `json:"value"`
	N          int     `json:"n"`
	Of         int     `json:"of"`
	Pct        float64 `json:"pct"`
	Lo         float64 `json:"ci_low"`
	Hi         float64 `json:"ci_high"`
	Suppressed bool    `json:"suppressed,omitempty"`
}

// NewShare computes a share and its interval from two protected counts.
func NewShare(value string, n, of int) Share {
	if of <= 0 {
		return Share{Value: value, Suppressed: true}
	}
	n = min(max(n, 0), of)
	lo, hi := results.Wilson(n, of)
	return Share{Value: value, N: n, Of: of, Pct: round1(100 * float64(n) / float64(of)), Lo: round1(100 * lo), Hi: round1(100 * hi)}
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// table returns a question's table for a dimension, or nil.
func table(q *results.Question, dim string) *results.Table {
	if q == nil {
		return nil
	}
	for i := range q.Tables {
		if q.Tables[i].Dimension == dim {
			return &q.Tables[i]
		}
	}
	return nil
}

func question(rep *results.Report, id string) *results.Question {
	if rep == nil {
		return nil
	}
	for i := range rep.Questions {
		if rep.Questions[i].ID == id {
			return &rep.Questions[i]
		}
	}
	return nil
}

// counts is one row of an agreement question: how many agreed out of how many were asked (as
// every Consulta share: "n out of N who were asked"); not sure and disagree where published.
type counts struct {
	agree, notSure, disagree, n int
	sure                        bool // not sure and disagree published too
	ok                          bool // agree and asked published
}

func (c counts) answered() int { return c.n }

// agreementRow reads a row from its published cells: the agree cell and the row's N (asked) must
// be published; a suppressed "not sure" or "disagree" leaves only those shares out.
func agreementRow(t *results.Table, r *results.Row) counts {
	cell := func(id string) (int, bool) {
		i := slices.Index(t.Columns, id)
		if i < 0 || i >= len(r.Cells) || r.Cells[i].Suppressed {
			return 0, false
		}
		return r.Cells[i].N, true
	}
	var c counts
	var okA, okN, okD bool
	c.agree, okA = cell(Agree)
	c.notSure, okN = cell(NotSure)
	c.disagree, okD = cell(Disagree)
	if !okA || r.N.Suppressed || r.N.N < c.agree {
		return counts{}
	}
	c.n, c.sure, c.ok = r.N.N, okN && okD, true
	return c
}

func rowOf(t *results.Table, value string) *results.Row {
	if t == nil {
		return nil
	}
	for i := range t.Rows {
		if t.Rows[i].Value == value {
			return &t.Rows[i]
		}
	}
	return nil
}

// Breakdown is the agreement with an item in each value of one dimension.
type Breakdown struct {
	Dimension string  `json:"dimension"`
	Shares    []Share `json:"shares"`
}

// ItemResult is what one round found about one item.
type ItemResult struct {
	Code      string      `json:"code"`
	Agree     Share       `json:"agree"` // everyone who answered
	NotSure   Share       `json:"not_sure"`
	Disagree  Share       `json:"disagree"`
	By        []Breakdown `json:"by"` // group, gender, age band, disability, group × gender
	Consensus Consensus   `json:"consensus"`
}

// Consensus is the group-aware agreement of Pol.is: the product over groups g of
// (agree_g + 1) / (asked_g + 2), reported as its geometric mean so items compare.
type Consensus struct {
	Score  float64  `json:"score"`  // geometric mean over groups, 0–1
	Groups []string `json:"groups"` // the groups it was computed over
	// Broad is true when every group with at least MinAnswers answers agrees at BroadShare % or more
	// (and there are at least two such groups).
	Broad   bool     `json:"broad"`
	Counted []string `json:"counted"` // the groups with enough answers
	Below   []string `json:"below,omitempty"`
}

// ConsensusOf computes the consensus of one item from per-group counts (agree, asked).
func ConsensusOf(groups []string, agree, answered []int) Consensus {
	c := Consensus{Groups: []string{}, Counted: []string{}}
	logSum, n := 0.0, 0
	for i, g := range groups {
		if answered[i] <= 0 {
			continue
		}
		logSum += math.Log(float64(agree[i]+1) / float64(answered[i]+2))
		n++
		c.Groups = append(c.Groups, g)
		if answered[i] >= MinAnswers {
			c.Counted = append(c.Counted, g)
			if 100*float64(agree[i])/float64(answered[i]) < BroadShare {
				c.Below = append(c.Below, g)
			}
		}
	}
	if n > 0 {
		c.Score = math.Round(math.Exp(logSum/float64(n))*1000) / 1000
	}
	c.Broad = len(c.Counted) >= 2 && len(c.Below) == 0
	return c
}

// breakdownDims are the cuts agreement is shown by.
var breakdownDims = []string{results.ByGroup, results.ByGender, results.ByAgeBand, results.ByDisability, results.ByGroupGender}

// Round is what one validation round (adult or child) found, read from its protected report.
type Round struct {
	Consultation string       `json:"consultation"`
	Audience     string       `json:"audience"`
	Respondents  int          `json:"respondents"`
	Items        []ItemResult `json:"items"`
	Order        []OrderRow   `json:"order"`
}

// ReadRound reads every item's agreement, consensus and the community order from a report.
// Only published cells are read: a suppressed cell leaves its share out.
func ReadRound(rep *results.Report, p *Plan, audience string) *Round {
	rd := &Round{Consultation: rep.Consultation, Audience: audience}
	if !rep.Respondents.Suppressed {
		rd.Respondents = rep.Respondents.N
	}
	for _, it := range p.Ordered() {
		ir := ItemResult{Code: it.Code}
		q := question(rep, AgreeQuestion(it.Code))
		if all := table(q, results.ByAll); all != nil && len(all.Rows) > 0 {
			c := agreementRow(all, &all.Rows[0])
			if c.ok && c.answered() > 0 {
				ir.Agree = NewShare(Agree, c.agree, c.answered())
				ir.NotSure, ir.Disagree = Share{Value: NotSure, Suppressed: true}, Share{Value: Disagree, Suppressed: true}
				if c.sure {
					ir.NotSure = NewShare(NotSure, c.notSure, c.answered())
					ir.Disagree = NewShare(Disagree, c.disagree, c.answered())
				}
			} else {
				ir.Agree, ir.NotSure, ir.Disagree = Share{Value: Agree, Suppressed: true}, Share{Value: NotSure, Suppressed: true}, Share{Value: Disagree, Suppressed: true}
			}
		}
		for _, dim := range breakdownDims {
			t := table(q, dim)
			if t == nil {
				continue
			}
			b := Breakdown{Dimension: dim}
			for i := range t.Rows {
				r := &t.Rows[i]
				if r.Value == results.NotStated || r.N.Suppressed || r.N.N == 0 {
					continue
				}
				c := agreementRow(t, r)
				if !c.ok || c.answered() == 0 {
					b.Shares = append(b.Shares, Share{Value: r.Value, Suppressed: true})
					continue
				}
				b.Shares = append(b.Shares, NewShare(r.Value, c.agree, c.answered()))
			}
			ir.By = append(ir.By, b)
		}
		var agree, answered []int
		gt := table(q, results.ByGroup)
		for _, g := range Groups() {
			a, n := 0, 0
			if r := rowOf(gt, g); r != nil {
				if c := agreementRow(gt, r); c.ok {
					a, n = c.agree, c.answered()
				}
			}
			agree, answered = append(agree, a), append(answered, n)
		}
		ir.Consensus = ConsensusOf(Groups(), agree, answered)
		rd.Items = append(rd.Items, ir)
	}
	rd.Order = CommunityOrder(rep, p)
	return rd
}

// Item returns the result of one item, or nil.
func (rd *Round) Item(code string) *ItemResult {
	if rd == nil {
		return nil
	}
	for i := range rd.Items {
		if rd.Items[i].Code == code {
			return &rd.Items[i]
		}
	}
	return nil
}

// OrderRow places one item in the community's order beside the plan's.
type OrderRow struct {
	Code      string `json:"code"`
	Proposed  int    `json:"proposed"`  // the plan's order, 1..n
	Community int    `json:"community"` // by the share who put it in their top 3; 0 when not published
	Top3      Share  `json:"top3"`
	Borda     int    `json:"borda"` // points: 3 for first place down to 1; -1 when not published
	BordaRank int    `json:"borda_rank"`
	Move      int    `json:"move"` // proposed − community: positive when the community moves it up
}

// CommunityOrder orders the items by the share of those who ranked any who put each in their
// top 3 (Borda points as a second view), from the rank question's published cells.
func CommunityOrder(rep *results.Report, p *Plan) []OrderRow {
	q := question(rep, RankQuestion)
	all := table(q, results.ByAll)
	var rows []OrderRow
	of := 0
	if all != nil && len(all.Rows) > 0 && !all.Rows[0].N.Suppressed {
		of = all.Rows[0].N.N
		if i := slices.Index(all.Columns, results.NoAnswer); i >= 0 && i < len(all.Rows[0].Cells) && !all.Rows[0].Cells[i].Suppressed {
			of -= all.Rows[0].Cells[i].N
		}
	}
	points := map[string]results.Priority{}
	if q != nil {
		for _, pr := range q.Priorities {
			points[pr.Choice] = pr
		}
	}
	for _, it := range p.Ordered() {
		id := QuestionID(it.Code)
		row := OrderRow{Code: it.Code, Proposed: it.Order, Top3: Share{Value: id, Suppressed: true}, Borda: -1}
		if all != nil && of > 0 {
			if i := slices.Index(all.Columns, id); i >= 0 && i < len(all.Rows[0].Cells) && !all.Rows[0].Cells[i].Suppressed {
				row.Top3 = NewShare(id, all.Rows[0].Cells[i].N, of)
			}
		}
		if pr, ok := points[id]; ok && !pr.Suppressed {
			row.Borda = pr.Points
		}
		rows = append(rows, row)
	}
	rankBy(rows, func(r OrderRow) (int, bool) { return r.Top3.N, !r.Top3.Suppressed }, func(r *OrderRow, k int) { r.Community = k })
	rankBy(rows, func(r OrderRow) (int, bool) { return r.Borda, r.Borda >= 0 }, func(r *OrderRow, k int) { r.BordaRank = k })
	for i := range rows {
		if rows[i].Community > 0 {
			rows[i].Move = rows[i].Proposed - rows[i].Community
		}
	}
	return rows
}

// rankBy gives 1..n by descending value to the rows whose value is published, ties broken by
// the proposed order; the others get 0.
func rankBy(rows []OrderRow, value func(OrderRow) (int, bool), set func(*OrderRow, int)) {
	idx := []int{}
	for i, r := range rows {
		if _, ok := value(r); ok {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		va, _ := value(rows[idx[a]])
		vb, _ := value(rows[idx[b]])
		if va != vb {
			return va > vb
		}
		return rows[idx[a]].Proposed < rows[idx[b]].Proposed
	})
	for k, i := range idx {
		set(&rows[i], k+1)
	}
}

// Divergence is one comparison of agreement with an item between two sides.
type Divergence struct {
	Code        string  `json:"code"`
	Kind        string  `json:"kind"` // group_vs_rest, women_vs_men, children_vs_adults
	Side        string  `json:"side"` // the group, "female" or "child"
	Other       string  `json:"other"`
	A           Share   `json:"a"`
	B           Share   `json:"b"`
	Points      float64 `json:"points"` // A − B in percentage points
	Z           float64 `json:"z"`
	P           float64 `json:"p"`          // two-sided, uncorrected
	PAdjusted   float64 `json:"p_adjusted"` // Holm-corrected over every comparison made
	Significant bool    `json:"significant"`
	Flag        bool    `json:"flag"` // at least DivergencePoints apart and significant
}

// Kinds of divergence.
const (
	GroupVsRest      = "group_vs_rest"
	WomenVsMen       = "women_vs_men"
	ChildrenVsAdults = "children_vs_adults"
)

// TwoProportionZ is the pooled two-proportion z test of a1/n1 against a2/n2: z and its two-sided p.
func TwoProportionZ(a1, n1, a2, n2 int) (z, p float64) {
	if n1 <= 0 || n2 <= 0 {
		return 0, 1
	}
	p1, p2 := float64(a1)/float64(n1), float64(a2)/float64(n2)
	pool := float64(a1+a2) / float64(n1+n2)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return 0, 1
	}
	z = (p1 - p2) / se
	return z, math.Erfc(math.Abs(z) / math.Sqrt2)
}

// Holm returns Holm's step-down adjusted p-values, in the order given.
func Holm(ps []float64) []float64 {
	m := len(ps)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ps[idx[a]] < ps[idx[b]] })
	out := make([]float64, m)
	running := 0.0
	for k, i := range idx {
		adj := min(1, float64(m-k)*ps[i])
		running = max(running, adj)
		out[i] = running
	}
	return out
}

// Divergences compares agreement with every item: each group against the rest, women against
// men, and children against adults when both rounds are given; a comparison is made only where
// every count it needs is published. P-values are Holm-corrected over all comparisons made.
func Divergences(adult, child *results.Report, p *Plan) []Divergence {
	var out []Divergence
	add := func(code, kind, side, other string, a1, n1, a2, n2 int) {
		if n1 <= 0 || n2 <= 0 {
			return
		}
		z, pv := TwoProportionZ(a1, n1, a2, n2)
		a, b := NewShare(side, a1, n1), NewShare(other, a2, n2)
		out = append(out, Divergence{Code: code, Kind: kind, Side: side, Other: other, A: a, B: b,
			Points: round1(100 * (float64(a1)/float64(n1) - float64(a2)/float64(n2))), Z: math.Round(z*100) / 100, P: pv})
	}
	for _, it := range p.Ordered() {
		q := question(adult, AgreeQuestion(it.Code))
		all := table(q, results.ByAll)
		var total counts
		if all != nil && len(all.Rows) > 0 {
			total = agreementRow(all, &all.Rows[0])
		}
		gt := table(q, results.ByGroup)
		for _, g := range Groups() {
			r := rowOf(gt, g)
			if r == nil || !total.ok {
				continue
			}
			c := agreementRow(gt, r)
			if !c.ok || c.answered() == 0 {
				continue
			}
			add(it.Code, GroupVsRest, g, "rest", c.agree, c.answered(), total.agree-c.agree, total.answered()-c.answered())
		}
		st := table(q, results.ByGender)
		if f, m := rowOf(st, "female"), rowOf(st, "male"); f != nil && m != nil {
			cf, cm := agreementRow(st, f), agreementRow(st, m)
			if cf.ok && cm.ok {
				add(it.Code, WomenVsMen, "female", "male", cf.agree, cf.answered(), cm.agree, cm.answered())
			}
		}
		if child != nil && total.ok {
			cq := question(child, AgreeQuestion(it.Code))
			if ca := table(cq, results.ByAll); ca != nil && len(ca.Rows) > 0 {
				if cc := agreementRow(ca, &ca.Rows[0]); cc.ok {
					add(it.Code, ChildrenVsAdults, "child", "adult", cc.agree, cc.answered(), total.agree, total.answered())
				}
			}
		}
	}
	ps := make([]float64, len(out))
	for i := range out {
		ps[i] = out[i].P
	}
	for i, adj := range Holm(ps) {
		out[i].PAdjusted = math.Round(adj*10000) / 10000
		out[i].P = math.Round(out[i].P*10000) / 10000
		out[i].Significant = adj < Alpha
		out[i].Flag = out[i].Significant && math.Abs(out[i].Points) >= DivergencePoints
	}
	return out
}

// Snapshot is the evidence behind an item as published on a date: the share who chose the
// choice overall, by group and by gender.
type Snapshot struct {
	TakenAt  time.Time `json:"taken_at"`
	Overall  Share     `json:"overall"`
	ByGroup  []Share   `json:"by_group"`
	ByGender []Share   `json:"by_gender"`
}

// EvidenceOf reads the share who chose a choice of a question from a protected report: chose
// out of those who were asked, overall, by group and by gender.
func EvidenceOf(rep *results.Report, questionID, choice string, at time.Time) *Snapshot {
	q := question(rep, questionID)
	if q == nil {
		if rep.Withheld != "" {
			// Too few answers to publish: the snapshot keeps that the evidence could not be shown then.
			return &Snapshot{TakenAt: at.UTC(), Overall: Share{Value: results.ByAll, Suppressed: true}}
		}
		return nil
	}
	s := &Snapshot{TakenAt: at.UTC()}
	read := func(dim string) []Share {
		t := table(q, dim)
		if t == nil {
			return nil
		}
		col := slices.Index(t.Columns, choice)
		var out []Share
		for i := range t.Rows {
			r := &t.Rows[i]
			if r.Value == results.NotStated || (!r.N.Suppressed && r.N.N == 0) {
				continue
			}
			if col < 0 || col >= len(r.Cells) || r.Cells[col].Suppressed || r.N.Suppressed {
				out = append(out, Share{Value: r.Value, Suppressed: true})
				continue
			}
			out = append(out, NewShare(r.Value, r.Cells[col].N, r.N.N))
		}
		return out
	}
	if all := read(results.ByAll); len(all) > 0 {
		s.Overall = all[0]
	} else {
		s.Overall = Share{Value: results.ByAll, Suppressed: true}
	}
	s.ByGroup, s.ByGender = read(results.ByGroup), read(results.ByGender)
	return s
}

// Share returns the agreement of one value of a dimension, when it was read.
func (ir *ItemResult) Share(dim, value string) (Share, bool) {
	for _, by := range ir.By {
		if by.Dimension != dim {
			continue
		}
		for _, s := range by.Shares {
			if s.Value == value {
				return s, true
			}
		}
	}
	return Share{}, false
}
