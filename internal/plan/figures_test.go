package plan

import (
	"math"
	"testing"
	"time"

	"consulta/internal/results"
	"consulta/internal/survey"
)

// The hand-worked dataset: two items, A (proposed first) and B (second), asked of 100 adults;
// nobody left one blank, so "asked" and "answered" are the same here.
//
//	agreement   host (agree/not sure/disagree)   displaced     refugee      female       male
//	A           40/5/5 = 50                      30/5/5 = 40   8/1/1 = 10   45/5/5 = 55  33/6/6 = 45
//	B           45/3/2 = 50                      10/10/20 = 40 6/2/2 = 10   40/8/7 = 55  21/7/17 = 45
//
// Returnees answered too, but their cells are suppressed: they must be left out of everything.
// 30 children answered: A 20/5/5, B 20/6/4. The top-3 question: 100 asked, 10 left it blank,
// A in 70 top-3s (150 points), B in 80 (190 points).

func cells(ns ...int) []results.Cell {
	out := make([]results.Cell, len(ns))
	for i, n := range ns {
		if n < 0 {
			out[i] = results.Cell{Suppressed: true}
		} else {
			out[i] = results.Cell{N: n}
		}
	}
	return out
}

func row(value string, n int, c ...int) results.Row {
	return results.Row{Value: value, N: results.Cell{N: n}, Cells: cells(c...)}
}

var agreeCols = []string{Agree, NotSure, Disagree, results.NoAnswer}

func agreeQuestion(code string, all, host, displaced, refugee, female, male [3]int) results.Question {
	r := func(v string, c [3]int) results.Row { return row(v, c[0]+c[1]+c[2], c[0], c[1], c[2], 0) }
	return results.Question{ID: AgreeQuestion(code), Type: survey.SelectOne, Tables: []results.Table{
		{Dimension: results.ByAll, Columns: agreeCols, Rows: []results.Row{r(results.ByAll, all)}},
		{Dimension: results.ByGroup, Columns: agreeCols, Rows: []results.Row{r("host", host), r("displaced", displaced),
			r("refugee", refugee), {Value: "returnee", N: results.Cell{N: 6}, Cells: cells(-1, -1, -1, 0)}}},
		{Dimension: results.ByGender, Columns: agreeCols, Rows: []results.Row{r("female", female), r("male", male)}},
	}}
}

func handPlan() *Plan {
	return &Plan{ID: 7, Title: survey.Label{"es": "Plan de Upala"}, Period: survey.Label{"es": "2027–2030"},
		Axes: []Axis{{Code: "E1", Title: survey.Label{"es": "Servicios"}}},
		Items: []Item{
			{Code: "A", Axis: "E1", Title: survey.Label{"es": "Puesto de salud"}, Summary: survey.Label{"es": "Ampliar"}, Icon: "health", Order: 1},
			{Code: "B", Axis: "E1", Title: survey.Label{"es": "Agua"}, Summary: survey.Label{"es": "Red de agua"}, Icon: "water", Order: 2},
		}}
}

func handReports() (adult, child *results.Report) {
	adult = &results.Report{Consultation: "val-adult", Respondents: results.Cell{N: 106}, Questions: []results.Question{
		agreeQuestion("A", [3]int{78, 11, 11}, [3]int{40, 5, 5}, [3]int{30, 5, 5}, [3]int{8, 1, 1}, [3]int{45, 5, 5}, [3]int{33, 6, 6}),
		agreeQuestion("B", [3]int{61, 15, 24}, [3]int{45, 3, 2}, [3]int{10, 10, 20}, [3]int{6, 2, 2}, [3]int{40, 8, 7}, [3]int{21, 7, 17}),
		{ID: RankQuestion, Type: survey.Rank, Tables: []results.Table{{Dimension: results.ByAll,
			Columns: []string{"a", "b", results.NoAnswer}, Rows: []results.Row{row(results.ByAll, 100, 70, 80, 10)}}},
			Priorities: []results.Priority{{Choice: "a", Points: 150}, {Choice: "b", Points: 190}}},
	}}
	child = &results.Report{Consultation: "val-child", Respondents: results.Cell{N: 30}, Questions: []results.Question{
		{ID: AgreeQuestion("A"), Tables: []results.Table{{Dimension: results.ByAll, Columns: agreeCols, Rows: []results.Row{row(results.ByAll, 30, 20, 5, 5, 0)}}}},
		{ID: AgreeQuestion("B"), Tables: []results.Table{{Dimension: results.ByAll, Columns: agreeCols, Rows: []results.Row{row(results.ByAll, 30, 20, 6, 4, 0)}}}},
	}}
	return adult, child
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestConsensusHandWorked(t *testing.T) {
	adult, _ := handReports()
	rd := ReadRound(adult, handPlan(), Adult)
	a, b := rd.Item("A"), rd.Item("B")
	// A: (41/52)·(31/42)·(9/12) = 0.788462·0.738095·0.75 = 0.436470; cube root 0.7586.
	near(t, "consensus A", a.Consensus.Score, 0.759, 0.0005)
	// Host 80 %, displaced 75 % (refugees, 10 answers, are under MinAnswers): broad consensus.
	if !a.Consensus.Broad || len(a.Consensus.Counted) != 2 || len(a.Consensus.Groups) != 3 {
		t.Errorf("A consensus = %+v, want broad over host and displaced, score over 3 groups", a.Consensus)
	}
	// B: (46/52)·(11/42)·(7/12) = 0.884615·0.261905·0.583333 = 0.135150; cube root 0.5132.
	near(t, "consensus B", b.Consensus.Score, 0.513, 0.0005)
	if b.Consensus.Broad || len(b.Consensus.Below) != 1 || b.Consensus.Below[0] != "displaced" {
		t.Errorf("B consensus = %+v, want not broad, displaced below 60 %%", b.Consensus)
	}
	// A overall: 78 of 100 agree; Wilson 95 %: centre (0.78+0.0192)/1.0384 = 0.7696, half 0.0803: 68.9–85.0.
	if a.Agree.N != 78 || a.Agree.Of != 100 || a.Agree.Pct != 78 {
		t.Errorf("A agree = %+v", a.Agree)
	}
	near(t, "A agree lo", a.Agree.Lo, 68.9, 0.05)
	near(t, "A agree hi", a.Agree.Hi, 85.0, 0.05)
	// Returnees' cells are suppressed: they show as suppressed, never as a share.
	for _, by := range a.By {
		for _, s := range by.Shares {
			if s.Value == "returnee" && !s.Suppressed {
				t.Errorf("returnee share published: %+v", s)
			}
		}
	}
}

func TestDivergenceHandWorked(t *testing.T) {
	adult, child := handReports()
	ds := Divergences(adult, child, handPlan())
	// Per item: host, displaced, refugee vs rest; women vs men; children vs adults = 10 tests.
	if len(ds) != 10 {
		t.Fatalf("%d comparisons, want 10: %+v", len(ds), ds)
	}
	find := func(code, kind, side string) Divergence {
		for _, d := range ds {
			if d.Code == code && d.Kind == kind && d.Side == side {
				return d
			}
		}
		t.Fatalf("no %s %s %s", code, kind, side)
		return Divergence{}
	}
	// B, displaced 10/40 = 25 % against the rest (61−10)/(100−40) = 51/60 = 85 %: −60 points.
	// Pooled p = 0.61, se = √(0.61·0.39·(1/40+1/60)) = 0.09956, z = −0.60/0.09956 = −6.03,
	// p = 1.68e-9; the smallest of 10, Holm multiplies by 10: still far below 0.05.
	d := find("B", GroupVsRest, "displaced")
	near(t, "B displaced points", d.Points, -60, 0.01)
	near(t, "B displaced z", d.Z, -6.03, 0.005)
	if !d.Flag {
		t.Errorf("B displaced vs rest not flagged: %+v", d)
	}
	// B, women 40/55 = 72.7 % against men 21/45 = 46.7 %: 26.1 points, z = 2.66, p = 0.00786;
	// third smallest p, Holm: 8 × 0.00786 = 0.0629 > 0.05, so not significant after correction.
	d = find("B", WomenVsMen, "female")
	near(t, "B women points", d.Points, 26.1, 0.05)
	near(t, "B women p", d.P, 0.0079, 0.0001)
	near(t, "B women p adjusted", d.PAdjusted, 0.0629, 0.0001)
	if d.Significant || d.Flag {
		t.Errorf("B women vs men flagged after Holm: %+v", d)
	}
	// A, children 20/30 = 66.7 % against adults 78/100 = 78 %: −11.3 points but z = −1.26, p = 0.206.
	d = find("A", ChildrenVsAdults, "child")
	near(t, "A children points", d.Points, -11.3, 0.05)
	if d.Flag {
		t.Errorf("A children flagged: %+v", d)
	}
	for _, d := range ds {
		if d.Side == "returnee" {
			t.Errorf("returnee compared from suppressed cells: %+v", d)
		}
	}
}

func TestHolm(t *testing.T) {
	// Sorted 0.01, 0.03, 0.04: 3·0.01 = 0.03; 2·0.03 = 0.06; 1·0.04 = 0.04, raised to 0.06.
	got := Holm([]float64{0.01, 0.04, 0.03})
	for i, want := range []float64{0.03, 0.06, 0.06} {
		near(t, "holm", got[i], want, 1e-12)
	}
}

func TestCommunityOrderHandWorked(t *testing.T) {
	adult, _ := handReports()
	rows := CommunityOrder(adult, handPlan())
	// 90 ranked (100 asked, 10 blank). A 70/90 = 77.8 %, B 80/90 = 88.9 %: B first, A second.
	if rows[0].Code != "A" || rows[0].Community != 2 || rows[0].Move != -1 || rows[0].Top3.Pct != 77.8 {
		t.Errorf("A = %+v", rows[0])
	}
	if rows[1].Code != "B" || rows[1].Community != 1 || rows[1].Move != 1 || rows[1].Top3.Pct != 88.9 || rows[1].Top3.Of != 90 {
		t.Errorf("B = %+v", rows[1])
	}
	// Borda: B 190 > A 150.
	if rows[1].BordaRank != 1 || rows[0].BordaRank != 2 || rows[0].Borda != 150 {
		t.Errorf("Borda = %+v", rows)
	}
}

func TestEvidenceSnapshot(t *testing.T) {
	adult, _ := handReports()
	s := EvidenceOf(adult, AgreeQuestion("B"), Agree, handTime)
	// 61 of 100 asked chose "agree"; host 45/50; returnee suppressed.
	if s.Overall.N != 61 || s.Overall.Of != 100 || len(s.ByGroup) != 4 || s.ByGroup[0].Pct != 90 || !s.ByGroup[3].Suppressed {
		t.Errorf("snapshot = %+v", s)
	}
}

func TestAgreementIsOfThoseAsked(t *testing.T) {
	// 12 migrants asked, 9 agree; "not sure", "disagree" and the blank count are suppressed:
	// the share is still 9 of 12 asked, from published counts.
	tab := &results.Table{Columns: agreeCols}
	r := row("migrant", 12, 9, -1, -1, -1)
	if c := agreementRow(tab, &r); !c.ok || c.sure || c.agree != 9 || c.answered() != 12 {
		t.Errorf("counts = %+v", c)
	}
	// A suppressed agree cell: nothing is read.
	r = row("migrant", 12, -1, 2, 1, 0)
	if c := agreementRow(tab, &r); c.ok {
		t.Errorf("read from a suppressed agree cell: %+v", c)
	}
}

// Evidence read from a report withheld for too few answers is kept as "could not be shown",
// dated, rather than lost: the council sees that the evidence was too thin when proposed.
func TestEvidenceOfWithheldReport(t *testing.T) {
	at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	s := EvidenceOf(&results.Report{Withheld: "too_few"}, "top_services", "health", at)
	if s == nil || !s.Overall.Suppressed || !s.TakenAt.Equal(at) {
		t.Fatalf("snapshot of a withheld report = %+v", s)
	}
	if s := EvidenceOf(&results.Report{}, "top_services", "health", at); s != nil {
		t.Errorf("a published report without the question gives no snapshot, got %+v", s)
	}
}
