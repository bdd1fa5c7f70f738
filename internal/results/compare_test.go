package results

import (
	"math"
	"testing"
)

func close5(a, b float64) bool { return math.Abs(a-b) < 1e-5 }

// yesNo builds a yes_no question's tables from (yes, asked) pairs per row.
func yesNo(id string, all [2]int, groups, genders map[string][2]int) Question {
	row := func(v string, c [2]int) Row {
		return Row{Value: v, N: Cell{N: c[1]}, Cells: []Cell{{N: c[0], Pct: 100 * float64(c[0]) / float64(c[1])},
			{N: c[1] - c[0]}, {N: 0}}}
	}
	cols := []string{"yes", "no", NoAnswer}
	q := Question{ID: id, Type: "yes_no", Tables: []Table{{Dimension: ByAll, Columns: cols, Rows: []Row{row(ByAll, all)}}}}
	gt, st := Table{Dimension: ByGroup, Columns: cols}, Table{Dimension: ByGender, Columns: cols}
	for _, g := range Values(ByGroup) {
		if c, ok := groups[g]; ok {
			gt.Rows = append(gt.Rows, row(g, c))
		}
	}
	gt.Rows = append(gt.Rows, Row{Value: "displaced", N: Cell{Suppressed: true}, Cells: []Cell{{Suppressed: true}, {Suppressed: true}, {Suppressed: true}}})
	for _, g := range []string{"female", "male"} {
		st.Rows = append(st.Rows, row(g, genders[g]))
	}
	q.Tables = append(q.Tables, gt, st)
	return q
}

// The hand-worked report: 150 people asked two yes/no questions.
//
// safe: yes 75 of 150; host 60 of 100, refugee 15 of 50, returnee 1 of 8; women 48 of 80, men 27 of 70.
//
//	host vs rest: 60/100 = 60 % against (75−60)/(150−100) = 15/50 = 30 %. Pooled p = 75/150 = 0.5,
//	  se = √(0.25·(1/100 + 1/50)) = √0.0075 = 0.0866025, z = 0.30/0.0866025 = 3.4641,
//	  p = erfc(3.4641/√2) = 0.000532.
//	refugee vs rest: 15/50 = 30 % against 60/100 = 60 %: z = −3.4641, p = 0.000532.
//	returnee vs rest: n·pooled = 8·0.5 = 4 < 5: the normal approximation fails, no test.
//	the displaced row is hidden: no test.
//	women vs men: 60 % against 27/70 = 38.571 %; se = √(0.25·(1/80 + 1/70)) = 0.0818317,
//	  z = 0.214286/0.0818317 = 2.61861, p = 0.008829.
//
// water: yes 75 of 150; host 52 of 100 (52 %) against 23/50 (46 %): z = 0.69282, p = 0.488422;
//
//	refugee the same test mirrored, p = 0.488422; women 40/80 = 50 % against men 35/70 = 50 %: p = 1.
//
// Six tests; Holm multiplies the sorted p by 6, 5, 4, 3, 2, 1 and keeps them non-decreasing:
//
//	0.000532·6 = 0.003192; 0.000532·5 = 0.00266 → 0.003192; 0.008829·4 = 0.035315;
//	0.488422·3 > 1 → 1; 1; 1.
//
// So safe differs for host (+30 points), refugee (−30) and women (+21.4); water differs nowhere
// (6 points is under 10, and not significant).
func handReport() *Report {
	return &Report{K: 5, Questions: []Question{
		{ID: "group", Type: "select_one"}, // profile questions are never compared
		yesNo("safe", [2]int{75, 150}, map[string][2]int{"host": {60, 100}, "refugee": {15, 50}, "returnee": {1, 8}},
			map[string][2]int{"female": {48, 80}, "male": {27, 70}}),
		yesNo("water", [2]int{75, 150}, map[string][2]int{"host": {52, 100}, "refugee": {23, 50}},
			map[string][2]int{"female": {40, 80}, "male": {35, 70}}),
	}}
}

func TestCompareEachGroupWithTheRestAndWomenWithMen(t *testing.T) {
	cs := Compare(handReport())
	if len(cs) != 6 {
		t.Fatalf("%d comparisons, want 6: %+v", len(cs), cs)
	}
	want := []struct {
		q, value, against  string
		pct, other, p, adj float64
		differ             bool
	}{
		{"safe", "host", Rest, 60, 30, 0.000532, 0.003192, true},
		{"safe", "refugee", Rest, 30, 60, 0.000532, 0.003192, true},
		{"safe", "female", "male", 60, 38.571429, 0.008829, 0.035315, true},
		{"water", "host", Rest, 52, 46, 0.488422, 1, false},
		{"water", "refugee", Rest, 46, 52, 0.488422, 1, false},
		{"water", "female", "male", 50, 50, 1, 1, false},
	}
	for i, w := range want {
		c := cs[i]
		if c.Question != w.q || c.Value != w.value || c.Against != w.against || c.Choice != "yes" {
			t.Fatalf("comparison %d is %s/%s vs %s on %s", i, c.Question, c.Value, c.Against, c.Choice)
		}
		if !close5(c.Pct, w.pct) || !close5(c.OtherPct, w.other) || math.Abs(c.P-w.p) > 1e-6 || math.Abs(c.PAdj-w.adj) > 1e-6 || c.Differ != w.differ {
			t.Errorf("%s %s: %.6f %% vs %.6f %%, p %.6f, adjusted %.6f, differ %v; want %v", w.q, w.value, c.Pct, c.OtherPct, c.P, c.PAdj, c.Differ, w)
		}
	}
	d := Differences(handReport())
	if len(d) != 3 || d[0].Value != "host" || d[1].Value != "refugee" || d[2].Value != "female" || !close5(d[2].Diff, 21.428571) {
		t.Errorf("differences = %+v", d)
	}
}

func TestHolm(t *testing.T) {
	// Sorted 0.01, 0.03, 0.04: 0.01·3 = 0.03; 0.03·2 = 0.06; 0.04·1 = 0.04 → kept at 0.06.
	got := Holm([]float64{0.01, 0.04, 0.03})
	for i, w := range []float64{0.03, 0.06, 0.06} {
		if !close5(got[i], w) {
			t.Errorf("Holm = %v", got)
		}
	}
}

// The hand-worked ranking: 150 asked, health in the top 3 of 90 (60 %), water of 45 (30 %),
// school hidden. Host (100 asked): health 70, water 30; refugee (50): health 20, water 15.
//
//	health, host vs rest: 70/100 against 20/50: pooled 0.6, se = √(0.24·0.03) = 0.0848528,
//	  z = 0.30/0.0848528 = 3.53553, p = 0.000407; refugee the mirror, same p.
//	water: 30/100 against 15/50, both 30 %: p = 1, twice.
//
// Holm over four tests: 0.000407·4 = 0.001628, ·3 → 0.001628; 1; 1. Health: host and refugee disagree.
func TestRankBySharesWithDisagreement(t *testing.T) {
	share := func(n, of int) Cell { return Cell{N: n, Pct: 100 * float64(n) / float64(of)} }
	q := &Question{ID: "top", Type: "rank",
		Tables: []Table{{Dimension: ByAll, Columns: []string{"health", "water", "school"}, Rows: []Row{{Value: ByAll, N: Cell{N: 150}}}}},
		Priorities: []Priority{
			{Choice: "school", Suppressed: true, TopN: Cell{Suppressed: true}},
			{Choice: "water", Points: 120, TopN: share(45, 150)},
			{Choice: "health", Points: 200, TopN: share(90, 150)},
		},
		ByGroup: []PriorityRow{
			{Value: "host", N: Cell{N: 100}, Scores: []Priority{{Choice: "health", TopN: share(70, 100)}, {Choice: "water", TopN: share(30, 100)}}},
			{Value: "refugee", N: Cell{N: 50}, Scores: []Priority{{Choice: "health", TopN: share(20, 50)}, {Choice: "water", TopN: share(15, 50)}}},
		}}
	r := Rank(q)
	if r == nil || len(r.Choices) != 3 || r.Choices[0].Choice != "health" || r.Choices[1].Choice != "water" || r.Choices[2].Choice != "school" {
		t.Fatalf("ranking = %+v", r)
	}
	if r.Asked.N != 150 || r.Choices[0].Points != 200 || !r.Choices[2].PointsHidden || r.Choices[0].Groups[1].Share.N != 20 {
		t.Errorf("ranking numbers = %+v", r.Choices)
	}
	h := r.Choices[0].Disagree
	if len(h) != 2 || h[0].Value != "host" || !close5(h[0].Diff, 30) || math.Abs(h[0].PAdj-0.001628) > 1e-6 || h[1].Value != "refugee" {
		t.Errorf("health disagreement = %+v", h)
	}
	if len(r.Choices[1].Disagree) != 0 {
		t.Errorf("water has no disagreement: %+v", r.Choices[1].Disagree)
	}
}
