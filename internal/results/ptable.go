package results

// The perturbation table of the cell key method (ABS TableBuilder; Thompson, Broadfoot & Elazar
// 2013; the cellKey and ptable R packages). Every record has a random 32-bit key; a cell's key
// is the sum of its records' keys mod 2^32, so the same records give the same cell key, and the
// same (count, cell key) gives the same published count in every table, filter, page and export.
//
// The table, for a true count n and threshold k (the published count is n + d):
//
//	n = 0           d = 0: a true zero stays zero (it has no records, so no key).
//	1 ≤ n < k       n becomes k with probability n/k and 0 otherwise: expected value n, and no
//	                count from 1 to k−1 is ever published; a published 0 may hide up to k−1 people.
//	n ≥ k           d in −m..m, m = min(MaxNoise, n−k), with weights 5, 20, 50, 20, 5 (in %)
//	                for −2..2, cut to −m..m and scaled back to 1: symmetric, so the mean noise is
//	                exactly 0; the variance is 0.8 for n ≥ k+2, 0.44 at k+1, 0 at k; never under k.
//
// The noise is read from the cell key as u = key / 2^32, the first outcome whose cumulative
// probability exceeds u.

// MaxNoise is the largest change the table makes to a count of k or more.
const MaxNoise = 2

// noiseWeights are the weights of d = −2..2 for counts of k+2 and more.
var noiseWeights = [2*MaxNoise + 1]float64{0.05, 0.20, 0.50, 0.20, 0.05}

// Outcome is one published value of a true count and its probability.
type Outcome struct {
	Value int
	P     float64
}

// PTable returns the published values a true count n can take and their probabilities, in
// increasing order of value; k is normalised with NormalizeK.
func PTable(n, k int) []Outcome {
	k = NormalizeK(k)
	switch {
	case n <= 0:
		return []Outcome{{0, 1}}
	case n < k:
		return []Outcome{{0, 1 - float64(n)/float64(k)}, {k, float64(n) / float64(k)}}
	}
	m := min(MaxNoise, n-k)
	total := 0.0
	for d := -m; d <= m; d++ {
		total += noiseWeights[d+MaxNoise]
	}
	var out []Outcome
	for d := -m; d <= m; d++ {
		out = append(out, Outcome{n + d, noiseWeights[d+MaxNoise] / total})
	}
	return out
}

// Perturb returns the published count of a cell holding n records whose keys sum to key.
func Perturb(n int, key uint32, k int) int {
	if n <= 0 {
		return 0
	}
	u := float64(key) / (1 << 32)
	cum := 0.0
	outcomes := PTable(n, k)
	for _, o := range outcomes {
		cum += o.P
		if u < cum {
			return o.Value
		}
	}
	return outcomes[len(outcomes)-1].Value
}

// Sources returns every true count that can be published as v: what an attacker who knows the
// table learns from v alone. It is the interval lo..hi (0..k−1 for a published 0, since small
// counts may become 0; 1..k+MaxNoise for a published k), empty (lo > hi) for 1..k−1, which is
// never published.
func Sources(v, k int) (lo, hi int) {
	k = NormalizeK(k)
	switch {
	case v <= 0:
		return 0, k - 1
	case v < k:
		return 1, 0
	case v == k:
		return 1, k + MaxNoise
	}
	// n ≥ k publishes n+d with |d| ≤ min(MaxNoise, n−k): from below, n − k ≥ v − n.
	return max(v-MaxNoise, (v+k+1)/2), v + MaxNoise
}

// count is one cell's tally: how many records (each row adds its weight, 1 for a record or the
// size of a pre-counted stratum) and the sum of their keys, wrapping at 2^32.
type count struct {
	n   int
	key uint32
}

func (c *count) add(w int, key uint32) {
	c.n += w
	c.key += key
}

// published is the cell's protected count.
func (c count) published(k int) int { return Perturb(c.n, c.key, k) }
