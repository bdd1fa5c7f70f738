package results

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestPTableNeverPublishesSmallCounts(t *testing.T) {
	for _, k := range []int{3, 5, 10} {
		for n := 0; n <= 60; n++ {
			sum, mean := 0.0, 0.0
			for _, o := range PTable(n, k) {
				if o.Value > 0 && o.Value < k {
					t.Errorf("k %d: %d can be published as %d", k, n, o.Value)
				}
				if n >= k && (o.Value < n-MaxNoise || o.Value > n+MaxNoise) {
					t.Errorf("k %d: %d can be published as %d, more than %d away", k, n, o.Value, MaxNoise)
				}
				if o.P <= 0 {
					t.Errorf("k %d n %d: outcome %d has probability %v", k, n, o.Value, o.P)
				}
				sum += o.P
				mean += o.P * float64(o.Value)
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("k %d n %d: probabilities add up to %v", k, n, sum)
			}
			// Expected value: the true count, for small counts and large alike.
			if math.Abs(mean-float64(n)) > 1e-9 {
				t.Errorf("k %d n %d: expected published value %v", k, n, mean)
			}
			for _, o := range PTable(n, k) {
				if lo, hi := Sources(o.Value, k); n < lo || n > hi {
					t.Errorf("k %d: %d published as %d, but Sources(%d) = %d..%d", k, n, o.Value, o.Value, lo, hi)
				}
			}
		}
	}
}

// The table by hand, for k = 5: a zero stays zero; 2 becomes 5 two times in five; 5 stays 5;
// 6 moves by 1 at most with weights 20, 50, 20 scaled to 90; 20 moves by 2 at most.
func TestPTableByHand(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	check := func(n int, want []Outcome) {
		got := PTable(n, 5)
		if len(got) != len(want) {
			t.Fatalf("PTable(%d) = %v, want %v", n, got, want)
		}
		for i := range got {
			if got[i].Value != want[i].Value || !near(got[i].P, want[i].P) {
				t.Errorf("PTable(%d) = %v, want %v", n, got, want)
			}
		}
	}
	check(0, []Outcome{{0, 1}})
	check(2, []Outcome{{0, 0.6}, {5, 0.4}})
	check(5, []Outcome{{5, 1}})
	check(6, []Outcome{{5, 2.0 / 9}, {6, 5.0 / 9}, {7, 2.0 / 9}})
	check(20, []Outcome{{18, 0.05}, {19, 0.2}, {20, 0.5}, {21, 0.2}, {22, 0.05}})
	// Lookup by key/2^32: 2 with a key in the lowest 60 % is 0, above it 5.
	if Perturb(2, 0, 5) != 0 || Perturb(2, 2534030000, 5) != 0 || Perturb(2, 2619930000, 5) != 5 {
		t.Error("2 should be 0 below 60 % of the key range and 5 above")
	}
	if Perturb(20, 0, 5) != 18 || Perturb(20, math.MaxUint32, 5) != 22 || Perturb(20, 1<<31, 5) != 20 {
		t.Error("20 should be 18 at the bottom of the key range, 20 in the middle, 22 at the top")
	}
	if Perturb(0, 12345, 5) != 0 {
		t.Error("a true zero must stay zero")
	}
}

func TestPerturbOverManyKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 3, 4, 5, 6, 7, 30, 500} {
		const draws = 200000
		sum, sq := 0.0, 0.0
		for range draws {
			key := r.Uint32()
			v := Perturb(n, key, 5)
			if v != Perturb(n, key, 5) {
				t.Fatal("the same count and key gave two values")
			}
			if v > 0 && v < 5 {
				t.Fatalf("%d published as %d", n, v)
			}
			d := float64(v - n)
			sum += d
			sq += d * d
		}
		mean, variance := sum/draws, sq/draws
		if math.Abs(mean) > 0.02 {
			t.Errorf("n %d: mean noise %.4f, want about 0", n, mean)
		}
		if n >= 7 && math.Abs(variance-0.8) > 0.02 {
			t.Errorf("n %d: noise variance %.3f, want 0.8", n, variance)
		}
	}
}

func TestCellKeyIsTheSumOfRecordKeys(t *testing.T) {
	// The same records counted in any order, or as one stratum of weight 3, give one cell key.
	keys := []uint32{4000000000, 300000000, 1234567}
	var a, b, c count
	for _, k := range keys {
		a.add(1, k)
	}
	for i := len(keys) - 1; i >= 0; i-- {
		b.add(1, keys[i])
	}
	c.add(3, keys[0]+keys[1]+keys[2])
	if a != b || a != c || a.n != 3 || a.key != uint32(4000000000+300000000+1234567-(1<<32)) {
		t.Errorf("cell keys %+v %+v %+v", a, b, c)
	}
	if a.published(5) != c.published(5) {
		t.Error("the same records published two ways")
	}
}
