package results

import (
	"math"
	"slices"
	"testing"
)

func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol
}

// Wilson figures from statsmodels 0.13.5 (Debian's python3-statsmodels):
//
//	python3 -c 'from statsmodels.stats.proportion import proportion_confint as ci
//	for n, N in [(0,10),(5,10),(10,10),(81,263)]: print(n, N, ci(n, N, alpha=0.05, method="wilson"))'
func TestWilson(t *testing.T) {
	tests := []struct {
		n, N   int
		lo, hi float64
	}{
		{0, 10, 0, 0.2775327999},
		{5, 10, 0.2365930905, 0.7634069095},
		{10, 10, 0.7224672001, 1},
		{81, 263, 0.2552885199, 0.3662095770},
		{0, 0, 0, 0},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.n, tt.N)
		if !near(lo, tt.lo, 1e-9) || !near(hi, tt.hi, 1e-9) {
			t.Errorf("Wilson(%d, %d) = (%.10f, %.10f), want (%.10f, %.10f)", tt.n, tt.N, lo, hi, tt.lo, tt.hi)
		}
	}
	if lo, hi := Wilson(0, 10); lo != 0 || hi <= 0 {
		t.Errorf("Wilson(0, 10) = (%v, %v), want lo exactly 0", lo, hi)
	}
	if _, hi := Wilson(10, 10); hi != 1 {
		t.Errorf("Wilson(10, 10) hi = %v, want exactly 1", hi)
	}
}

// Chi-square figures from scipy 1.10.1 (Debian's python3-scipy), with zero rows and columns
// taken out first since scipy refuses them:
//
//	python3 -c 'from scipy.stats import chi2_contingency as c
//	print(c([[20,15],[10,25]], correction=False)); print(c([[12,8,10],[9,15,6],[7,11,22]], correction=False))
//	print(c([[3,7],[8,2]], correction=False))'
func TestChiSquareTest(t *testing.T) {
	tests := []struct {
		name        string
		table       [][]int
		stat        float64
		df          int
		p           float64
		applies     bool
		minExpected float64
	}{
		{"2x2", [][]int{{20, 15}, {10, 25}}, 5.8333333333, 1, 0.01572529975, true, 15},
		{"3x3", [][]int{{12, 8, 10}, {9, 15, 6}, {7, 11, 22}}, 12.1630362671, 4, 0.01617918364, true, 8.4},
		{"expected under 5", [][]int{{3, 7}, {8, 2}}, 5.0505050505, 1, 0.02461876138, false, 4.5},
		{"empty row and column dropped", [][]int{{20, 15, 0}, {0, 0, 0}, {10, 25, 0}}, 5.8333333333, 1, 0.01572529975, true, 15},
	}
	for _, tt := range tests {
		got := ChiSquareTest(tt.table)
		if !near(got.Stat, tt.stat, 1e-9) || got.DF != tt.df || !near(got.P, tt.p, 1e-10) ||
			got.Applies != tt.applies || !near(got.MinExpected, tt.minExpected, 1e-9) {
			t.Errorf("%s: ChiSquareTest = %+v, want stat %.10f df %d p %.10g applies %v min expected %v",
				tt.name, got, tt.stat, tt.df, tt.p, tt.applies, tt.minExpected)
		}
	}
}

func TestChiSquareTestDoesNotApply(t *testing.T) {
	for name, table := range map[string][][]int{
		"one row":            {{10, 20, 30}},
		"one non-empty row":  {{10, 20}, {0, 0}},
		"one column":         {{10}, {20}},
		"nothing":            {},
		"all zero":           {{0, 0}, {0, 0}},
		"one non-empty cell": {{0, 9}, {0, 0}},
	} {
		got := ChiSquareTest(table)
		if got.Applies || got.DF != 0 || got.P != 1 || got.Stat != 0 {
			t.Errorf("%s: ChiSquareTest = %+v, want no test (DF 0, P 1, Applies false)", name, got)
		}
	}
}

// Q(a, x) figures from scipy.special.gammaincc 1.10.1; the first three go through the series,
// the others through the continued fraction.
func TestGammaQ(t *testing.T) {
	tests := []struct{ a, x, q float64 }{
		{0.5, 0.1, 0.654720846018577},
		{4.5, 2, 0.911412526831679},
		{12, 12.5, 0.405760688811483},
		{1, 1, 0.367879441171442},
		{1.5, 3.2, 0.0936907904076299},
		{2, 10, 0.000499399227387334},
		{10, 30, 7.12175086281559e-06},
		{0.5, 20, 2.53962858947086e-10},
	}
	for _, tt := range tests {
		if got := gammaQ(tt.a, tt.x); !near(got, tt.q, 1e-12*math.Max(1, tt.q)) || !near(got/tt.q, 1, 1e-9) {
			t.Errorf("gammaQ(%v, %v) = %.15g, want %.15g", tt.a, tt.x, got, tt.q)
		}
	}
	if got := gammaQ(3, 0); got != 1 {
		t.Errorf("gammaQ(3, 0) = %v, want 1", got)
	}
}

// Quantile figures from numpy 1.24.2: numpy.percentile(xs, [0, 25, 50, 75, 90, 100]).
func TestQuantile(t *testing.T) {
	ps := []float64{0, 0.25, 0.5, 0.75, 0.9, 1}
	tests := []struct {
		name string
		xs   []float64
		want []float64
	}{
		{"odd length", []float64{1, 3, 7, 15, 31}, []float64{1, 3, 7, 15, 24.6, 31}},
		{"even length", []float64{2, 4, 4, 5, 7, 9}, []float64{2, 4, 4.5, 6.5, 8, 9}},
		{"one value", []float64{6}, []float64{6, 6, 6, 6, 6, 6}},
	}
	for _, tt := range tests {
		for i, p := range ps {
			if got := Quantile(tt.xs, p); !near(got, tt.want[i], 1e-12) {
				t.Errorf("%s: Quantile(%v, %v) = %v, want %v", tt.name, tt.xs, p, got, tt.want[i])
			}
		}
	}
	if got := Quantile(nil, 0.5); !math.IsNaN(got) {
		t.Errorf("Quantile(nil, 0.5) = %v, want NaN", got)
	}
}

func TestMean(t *testing.T) {
	// numpy.mean([1, 3, 7, 15, 31]) = 11.4, numpy.mean([2, 4, 4, 5, 7, 9]) = 5.1666...
	if got := Mean([]float64{1, 3, 7, 15, 31}); !near(got, 11.4, 1e-12) {
		t.Errorf("Mean = %v, want 11.4", got)
	}
	if got := Mean([]float64{2, 4, 4, 5, 7, 9}); !near(got, 31.0/6, 1e-12) {
		t.Errorf("Mean = %v, want 31/6", got)
	}
	if got := Mean(nil); !math.IsNaN(got) {
		t.Errorf("Mean(nil) = %v, want NaN", got)
	}
}

func TestBorda(t *testing.T) {
	// Rank the top 3 (n = 3: first 3 points, second 2, third 1):
	//   r1 health, water, school     health 3, water 2, school 1
	//   r2 water, health             water 3, health 2
	//   r3 health, roads, transport  health 3, roads is no choice and scores nothing, transport
	//                                keeps third place: 1
	//   r4 prefer_not                nothing
	//   r5 (no ranking)              nothing, but still a respondent
	//   r6 school, school            school 3 once: a repeat scores nothing
	//   r7 transport, water, school, health
	//                                transport 3, water 2, school 1; health is fourth, past n
	// health    3+2+3 = 8, first r1 r3 = 2, ranked by r1 r2 r3 = 3
	// water     2+3+2 = 7, first r2 = 1,    ranked by r1 r2 r7 = 3
	// school    1+3+1 = 5, first r6 = 1,    ranked by r1 r6 r7 = 3
	// transport 1+3 = 4,   first r7 = 1,    ranked by r3 r7 = 2
	// housing   nobody ranked it: zeros
	rankings := [][]string{
		{"health", "water", "school"},
		{"water", "health"},
		{"health", "roads", "transport"},
		{"prefer_not"},
		{},
		{"school", "school"},
		{"transport", "water", "school", "health"},
	}
	choices := []string{"health", "school", "water", "transport", "housing", "prefer_not"}
	want := []BordaScore{
		{Choice: "health", Points: 8, First: 2, TopN: 3, Respondents: 7},
		{Choice: "school", Points: 5, First: 1, TopN: 3, Respondents: 7},
		{Choice: "water", Points: 7, First: 1, TopN: 3, Respondents: 7},
		{Choice: "transport", Points: 4, First: 1, TopN: 2, Respondents: 7},
		{Choice: "housing", Points: 0, First: 0, TopN: 0, Respondents: 7},
	}
	if got := Borda(rankings, 3, choices); !slices.Equal(got, want) {
		t.Errorf("Borda =\n%+v\nwant\n%+v", got, want)
	}
}
