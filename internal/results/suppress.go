package results

import "strconv"

// DefaultK is the smallest count published as it is; anything under it shows as "<k".
const DefaultK = 5

// MinK is the smallest threshold a consultation may choose.
const MinK = 3

// NormalizeK returns the threshold to use: 0 (unset) gives DefaultK, anything under MinK gives MinK.
func NormalizeK(k int) int {
	if k == 0 {
		return DefaultK
	}
	return max(k, MinK)
}

// SuppressLabel is what a suppressed count shows instead of its value.
func SuppressLabel(k int) string {
	return "<" + strconv.Itoa(NormalizeK(k))
}

// Equation says that values[Total] is the sum of values[Parts...] in what is published.
type Equation struct {
	Total int
	Parts []int
}

// Suppress returns which values must be shown as SuppressLabel(k) instead of their count.
//
// Every published value under k is suppressed (primary suppression), then more values are
// suppressed (complementary suppression) until no equation has exactly one unknown, where the
// unknowns are the suppressed values and those marked in hidden (never published, so never
// reported as suppressed). k is normalised with NormalizeK; hidden may be nil.
func Suppress(values []int, eqs []Equation, k int, hidden []bool) []bool {
	k = NormalizeK(k)
	isHidden := func(i int) bool { return i < len(hidden) && hidden[i] }
	suppressed := make([]bool, len(values))
	unknown := func(i int) bool { return suppressed[i] || isHidden(i) }
	for i, v := range values {
		if v < k && !isHidden(i) {
			suppressed[i] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, eq := range eqs {
			// One unknown in an equation is the total minus the rest, or a part: its value comes back.
			unknowns := 0
			if unknown(eq.Total) {
				unknowns++
			}
			for _, p := range eq.Parts {
				if unknown(p) {
					unknowns++
				}
			}
			if unknowns != 1 {
				continue
			}
			pick := -1
			for _, p := range eq.Parts {
				if !unknown(p) && (pick < 0 || values[p] < values[pick]) {
					pick = p
				}
			}
			if pick < 0 && !unknown(eq.Total) {
				pick = eq.Total
			}
			if pick >= 0 {
				suppressed[pick] = true
				changed = true
			}
		}
	}
	return suppressed
}
