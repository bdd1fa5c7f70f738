package results

import (
	"math"
	"slices"
)

// z95 is the two-sided 95% quantile of the standard normal distribution.
const z95 = 1.959963984540054

// preferNot is the standard "prefer not to answer" choice id; it is never a ranked service.
const preferNot = "prefer_not"

// Wilson returns the Wilson score interval at 95% for n successes out of N, as proportions
// in [0, 1]. N <= 0 gives (0, 0); n is clamped to [0, N].
func Wilson(n, N int) (lo, hi float64) {
	if N <= 0 {
		return 0, 0
	}
	n = min(max(n, 0), N)
	total := float64(N)
	p := float64(n) / total
	z2 := z95 * z95
	denom := 1 + z2/total
	centre := (p + z2/(2*total)) / denom
	half := z95 / denom * math.Sqrt(p*(1-p)/total+z2/(4*total*total))
	lo, hi = centre-half, centre+half
	// At the edges the formula is exact in theory but not in floating point.
	if n == 0 {
		lo = 0
	}
	if n == N {
		hi = 1
	}
	return max(lo, 0), min(hi, 1)
}

// ChiSquare is the result of a Pearson chi-square test of independence.
type ChiSquare struct {
	Stat float64
	DF   int
	P    float64
	// Applies is false when the test is not meaningful: fewer than two non-empty rows or
	// columns, or an expected count under 5.
	Applies     bool
	MinExpected float64
}

// minExpected is the smallest expected count for which the chi-square approximation is trusted.
const minExpected = 5

// ChiSquareTest runs Pearson's chi-square test of independence, without Yates' correction,
// on an r×c table of counts. Rows and columns whose total is 0 are dropped first; a ragged
// table is read as if its short rows were padded with zeros.
func ChiSquareTest(table [][]int) ChiSquare {
	cols := 0
	for _, row := range table {
		cols = max(cols, len(row))
	}
	rowSum := make([]float64, len(table))
	colSum := make([]float64, cols)
	total := 0.0
	for i, row := range table {
		for j, v := range row {
			rowSum[i] += float64(v)
			colSum[j] += float64(v)
			total += float64(v)
		}
	}
	var rows, keptCols []int
	for i, s := range rowSum {
		if s > 0 {
			rows = append(rows, i)
		}
	}
	for j, s := range colSum {
		if s > 0 {
			keptCols = append(keptCols, j)
		}
	}
	res := ChiSquare{DF: (len(rows) - 1) * (len(keptCols) - 1), P: 1}
	if len(rows) == 0 || len(keptCols) == 0 {
		res.DF = 0
		return res
	}
	res.MinExpected = math.Inf(1)
	for _, i := range rows {
		for _, j := range keptCols {
			observed := 0.0
			if j < len(table[i]) {
				observed = float64(table[i][j])
			}
			expected := rowSum[i] * colSum[j] / total
			res.MinExpected = min(res.MinExpected, expected)
			d := observed - expected
			res.Stat += d * d / expected
		}
	}
	if res.DF < 1 {
		res.Stat = 0
		return res
	}
	res.P = gammaQ(float64(res.DF)/2, res.Stat/2)
	res.Applies = res.MinExpected >= minExpected
	return res
}

// gammaQ is the upper regularised incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), computed
// as in Numerical Recipes: a series for x < a+1, a continued fraction beyond.
func gammaQ(a, x float64) float64 {
	switch {
	case math.IsNaN(a) || math.IsNaN(x) || a <= 0 || x < 0:
		return math.NaN()
	case x == 0:
		return 1
	case math.IsInf(x, 1):
		return 0
	case x < a+1:
		return 1 - gammaPSeries(a, x)
	default:
		return gammaQFraction(a, x)
	}
}

const (
	gammaEps  = 1e-15
	gammaIter = 10000
	gammaTiny = 1e-300
)

// gammaPSeries is the lower regularised incomplete gamma P(a, x) by its series.
func gammaPSeries(a, x float64) float64 {
	lg, _ := math.Lgamma(a)
	ap := a
	term := 1 / a
	sum := term
	for range gammaIter {
		ap++
		term *= x / ap
		sum += term
		if math.Abs(term) < math.Abs(sum)*gammaEps {
			break
		}
	}
	return sum * math.Exp(-x+a*math.Log(x)-lg)
}

// gammaQFraction is Q(a, x) by its continued fraction, evaluated with the modified Lentz method.
func gammaQFraction(a, x float64) float64 {
	lg, _ := math.Lgamma(a)
	b := x + 1 - a
	c := 1 / gammaTiny
	d := 1 / b
	h := d
	for i := 1; i <= gammaIter; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < gammaTiny {
			d = gammaTiny
		}
		c = b + an/c
		if math.Abs(c) < gammaTiny {
			c = gammaTiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < gammaEps {
			break
		}
	}
	return math.Exp(-x+a*math.Log(x)-lg) * h
}

// Quantile returns the p-quantile of sorted values by linear interpolation between order
// statistics (R's type 7, numpy's default). p is clamped to [0, 1]; no values give NaN.
func Quantile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 || math.IsNaN(p) {
		return math.NaN()
	}
	p = min(max(p, 0), 1)
	h := float64(len(sorted)-1) * p
	i := int(math.Floor(h))
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// Mean returns the arithmetic mean of xs; no values give NaN.
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// BordaScore is one choice's result in a rank question.
type BordaScore struct {
	Choice string
	// Points: n for each first place, n-1 for each second, ... 1 for each n-th.
	Points int
	// First counts the respondents who put the choice first.
	First int
	// TopN counts the respondents who put the choice anywhere in their ranking.
	TopN int
	// Respondents counts every ranking, the denominator of First and TopN.
	Respondents int
}

// Borda scores rank answers: each ranking is one respondent's choice ids in order, of which
// the first n count. The result follows the order of choices, so a choice nobody ranked
// appears with zeros; ids not in choices, "prefer_not" and repeats within a ranking score
// nothing, and "prefer_not" is left out of the result.
func Borda(rankings [][]string, n int, choices []string) []BordaScore {
	index := make(map[string]int, len(choices))
	scores := make([]BordaScore, 0, len(choices))
	for _, c := range choices {
		if _, seen := index[c]; seen || c == preferNot {
			continue
		}
		index[c] = len(scores)
		scores = append(scores, BordaScore{Choice: c, Respondents: len(rankings)})
	}
	for _, ranking := range rankings {
		var counted []int
		// A skipped id keeps its place: points follow the position the respondent gave.
		for pos, id := range ranking[:min(len(ranking), max(n, 0))] {
			i, ok := index[id]
			if !ok || slices.Contains(counted, i) {
				continue
			}
			counted = append(counted, i)
			scores[i].Points += n - pos
			scores[i].TopN++
			if pos == 0 {
				scores[i].First++
			}
		}
	}
	return scores
}
