package results

import (
	"math"
	"slices"
	"sort"
)

// Comparisons of groups read a Report's published cells only (N, Pct; suppressed cells are
// skipped), so they use whatever protection the Report carries and never see a raw row.

// Alpha is the family-wise error rate of the comparisons, after Holm's correction.
const Alpha = 0.05

// LargePoints is how far apart two shares must be, in percentage points, to be called a difference.
const LargePoints = 10.0

// Comparison is one two-proportion test: the share of one group that gave an answer against the
// share of the others (or of women against men).
type Comparison struct {
	Question  string  `json:"question"`
	Choice    string  `json:"choice"`
	Dimension string  `json:"dimension"` // group or gender
	Value     string  `json:"value"`     // the group compared, or "female"
	Against   string  `json:"against"`   // Rest, or "male"
	X, N      int     `json:"-"`         // the group: how many gave the answer, out of how many asked
	OX, ON    int     `json:"-"`         // the others
	Pct       float64 `json:"pct"`       // X of N, percent
	OtherPct  float64 `json:"other_pct"` // OX of ON, percent
	Diff      float64 `json:"diff"`      // Pct − OtherPct, percentage points
	P         float64 `json:"p"`         // two-sided, before correction
	PAdj      float64 `json:"p_adjusted"`
	Differ    bool    `json:"differ"` // PAdj < Alpha and |Diff| ≥ LargePoints
}

// Rest is the Against of a group compared with everyone else.
const Rest = "rest"

// TwoProportion is the pooled two-proportion z test of x1 of n1 against x2 of n2: z and the
// two-sided p. ok is false where the normal approximation does not hold (an expected count
// under 5) or a count does not fit its denominator.
func TwoProportion(x1, n1, x2, n2 int) (z, p float64, ok bool) {
	if n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2 {
		return 0, 1, false
	}
	pool := float64(x1+x2) / float64(n1+n2)
	for _, n := range []int{n1, n2} {
		if float64(n)*pool < 5 || float64(n)*(1-pool) < 5 {
			return 0, 1, false
		}
	}
	p1, p2 := float64(x1)/float64(n1), float64(x2)/float64(n2)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	z = (p1 - p2) / se
	return z, math.Erfc(math.Abs(z) / math.Sqrt2), true
}

// Holm returns Holm's step-down adjusted p-values, in the order given: the smallest p is
// multiplied by m, the next by m−1 and so on, kept non-decreasing and at most 1.
func Holm(ps []float64) []float64 {
	m := len(ps)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ps[order[a]] < ps[order[b]] })
	adj := make([]float64, m)
	running := 0.0
	for rank, i := range order {
		running = max(running, min(1, float64(m-rank)*ps[i]))
		adj[i] = running
	}
	return adj
}

// comparedColumns are the answers compared: every choice, but for yes_no only "yes" (its "no" is
// the same test), and never "no answer" or "prefer not".
func comparedColumns(q *Question, t *Table) []int {
	var out []int
	for i, c := range t.Columns {
		if c == NoAnswer || c == preferNot || c == "answered" || (q.Type == "yes_no" && c != "yes") {
			continue
		}
		out = append(out, i)
	}
	return out
}

func tableOf(q *Question, dim string) *Table {
	for i := range q.Tables {
		if q.Tables[i].Dimension == dim {
			return &q.Tables[i]
		}
	}
	return nil
}

func rowOf(t *Table, value string) *Row {
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

// published reads a cell and its row's N, when both are published.
func published(r *Row, col int) (x, n int, ok bool) {
	if r == nil || r.N.Suppressed || col >= len(r.Cells) || r.Cells[col].Suppressed {
		return 0, 0, false
	}
	return r.Cells[col].N, r.N.N, true
}

// profileQuestion is true for the standard profile questions: comparing a group with itself says nothing.
func profileQuestion(id string) bool {
	return slices.Contains([]string{ByGroup, ByGender, ByAgeBand, "wg_seeing", "wg_hearing", "wg_walking",
		"wg_remembering", "wg_selfcare", "wg_communicating"}, id)
}

// Compare tests, for every closed question and answer of a report, each population group against
// all the others and women against men, and corrects the p-values for the number of tests made
// (Holm, over the whole report). Comparisons that cannot be made (hidden cells, too few people)
// are left out.
func Compare(rep *Report) []Comparison {
	var out []Comparison
	for qi := range rep.Questions {
		q := &rep.Questions[qi]
		if profileQuestion(q.ID) {
			continue
		}
		all := rowOf(tableOf(q, ByAll), ByAll)
		groups, genders := tableOf(q, ByGroup), tableOf(q, ByGender)
		if all == nil {
			continue
		}
		for _, col := range comparedColumns(q, tableOf(q, ByAll)) {
			choice := tableOf(q, ByAll).Columns[col]
			X, N, ok := published(all, col)
			if !ok {
				continue
			}
			for _, g := range Values(ByGroup) {
				if g == preferNot {
					continue
				}
				x, n, ok := published(rowOf(groups, g), col)
				if !ok {
					continue
				}
				out = appendTest(out, Comparison{Question: q.ID, Choice: choice, Dimension: ByGroup, Value: g, Against: Rest,
					X: x, N: n, OX: X - x, ON: N - n})
			}
			fx, fn, ok1 := published(rowOf(genders, "female"), col)
			mx, mn, ok2 := published(rowOf(genders, "male"), col)
			if ok1 && ok2 {
				out = appendTest(out, Comparison{Question: q.ID, Choice: choice, Dimension: ByGender, Value: "female", Against: "male",
					X: fx, N: fn, OX: mx, ON: mn})
			}
		}
	}
	correct(out)
	return out
}

// appendTest runs the test of c and keeps it when it can be made.
func appendTest(out []Comparison, c Comparison) []Comparison {
	_, p, ok := TwoProportion(c.X, c.N, c.OX, c.ON)
	if !ok {
		return out
	}
	c.P = p
	c.Pct = 100 * float64(c.X) / float64(c.N)
	c.OtherPct = 100 * float64(c.OX) / float64(c.ON)
	c.Diff = c.Pct - c.OtherPct
	return append(out, c)
}

func correct(cs []Comparison) {
	ps := make([]float64, len(cs))
	for i := range cs {
		ps[i] = cs[i].P
	}
	for i, a := range Holm(ps) {
		cs[i].PAdj = a
		cs[i].Differ = a < Alpha && math.Abs(cs[i].Diff) >= LargePoints
	}
}

// Differences are the comparisons that differ (significant after correction and at least
// LargePoints apart), largest first.
func Differences(rep *Report) []Comparison {
	var out []Comparison
	for _, c := range Compare(rep) {
		if c.Differ {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(out[i].Diff) > math.Abs(out[j].Diff) })
	return out
}

// Ranking is a rank question's one overall order of choices, by the share of people who put
// each in their top n, with how each group's share compares.
type Ranking struct {
	Question string       `json:"question"`
	Asked    Cell         `json:"asked"` // who were asked, all groups together
	Choices  []RankChoice `json:"choices"`
}

// RankChoice is one choice of a Ranking.
type RankChoice struct {
	Choice       string       `json:"choice"`
	Share        Cell         `json:"share"` // who put it in their top n, of all asked, with its interval
	Points       int          `json:"points"`
	PointsHidden bool         `json:"points_hidden,omitempty"`
	Groups       []GroupShare `json:"groups"`
	// Disagree are the groups whose share differs from everyone else's (Holm over the choices and
	// groups of the question, and at least LargePoints apart).
	Disagree []Comparison `json:"disagree,omitempty"`
}

// GroupShare is one group's share for a choice.
type GroupShare struct {
	Value string `json:"value"`
	Asked Cell   `json:"asked"`
	Share Cell   `json:"share"`
}

// Rank orders a rank question's choices by their published top-n share (hidden shares last),
// and says where a group's share differs from the rest. Nil when q has no priorities.
func Rank(q *Question) *Ranking {
	if len(q.Priorities) == 0 {
		return nil
	}
	r := &Ranking{Question: q.ID}
	if all := rowOf(tableOf(q, ByAll), ByAll); all != nil {
		r.Asked = all.N
	}
	for _, p := range q.Priorities {
		if p.Choice == preferNot {
			continue
		}
		rc := RankChoice{Choice: p.Choice, Share: p.TopN, Points: p.Points, PointsHidden: p.Suppressed || p.TopN.Suppressed}
		if rc.PointsHidden {
			rc.Points = 0
		}
		for _, row := range q.ByGroup {
			if row.Value == ByAll {
				continue
			}
			gs := GroupShare{Value: row.Value, Asked: row.N, Share: Cell{Suppressed: true}}
			for _, s := range row.Scores {
				if s.Choice == p.Choice && !row.N.Suppressed {
					gs.Share = s.TopN
				}
			}
			rc.Groups = append(rc.Groups, gs)
		}
		r.Choices = append(r.Choices, rc)
	}
	sort.SliceStable(r.Choices, func(i, j int) bool {
		a, b := r.Choices[i].Share, r.Choices[j].Share
		if a.Suppressed != b.Suppressed {
			return !a.Suppressed
		}
		return a.Pct > b.Pct
	})
	// Each group against the rest, on the share who put the choice in their top n.
	var tests []Comparison
	var at [][2]int
	for ci, rc := range r.Choices {
		if rc.Share.Suppressed || r.Asked.Suppressed {
			continue
		}
		for gi, g := range rc.Groups {
			if g.Share.Suppressed || g.Asked.Suppressed || g.Value == preferNot || g.Value == NotStated {
				continue
			}
			n := len(tests)
			tests = appendTest(tests, Comparison{Question: q.ID, Choice: rc.Choice, Dimension: ByGroup, Value: g.Value, Against: Rest,
				X: g.Share.N, N: g.Asked.N, OX: rc.Share.N - g.Share.N, ON: r.Asked.N - g.Asked.N})
			if len(tests) > n {
				at = append(at, [2]int{ci, gi})
			}
		}
	}
	correct(tests)
	for i, c := range tests {
		if c.Differ {
			r.Choices[at[i][0]].Disagree = append(r.Choices[at[i][0]].Disagree, c)
		}
	}
	return r
}
