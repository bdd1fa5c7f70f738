package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"consulta/internal/survey"
)

// BenchmarkSaveResponses stores responses from eight writers with and without keeping counts,
// so the cost of the counts shows as the difference of two figures taken on the same machine.
func BenchmarkSaveResponses(b *testing.B) {
	for _, counts := range []bool{true, false} {
		b.Run(fmt.Sprintf("counts=%v", counts), func(b *testing.B) {
			if !counts {
				tallyGroup = func(*Store, context.Context, *sql.Tx, []*saveJob) error { return nil }
				defer func() { tallyGroup = (*Store).tallyInTx }()
			}
			f := newFixture(b)
			ctx := context.Background()
			var next int
			var mu sync.Mutex
			b.ResetTimer()
			var wg sync.WaitGroup
			for w := range 8 {
				wg.Go(func() {
					rng := rand.New(rand.NewPCG(uint64(w), 9))
					for {
						mu.Lock()
						i := next
						next++
						mu.Unlock()
						if i >= b.N {
							return
						}
						a := randomAnswers(rng)
						r := &Response{ID: fmt.Sprintf("r%d", i), ConsultationID: "c1", SurveyVersion: f.sv.Version,
							Language: "es", Channel: Link, Profile: survey.ProfileOf(a), Answers: a}
						if _, err := f.st.SaveResponse(ctx, r, f.sv); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
		})
	}
}
