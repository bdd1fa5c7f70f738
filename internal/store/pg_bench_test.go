package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"

	"consulta/internal/store/pgtest"
	"consulta/internal/survey"
)

// BenchmarkSaveResponsesPostgres stores responses from eight writers on PostgreSQL, durable
// (fsync and synchronous commit on, as a server runs) and as the tests run it (off), by the
// one-statement group (tallies in it or apart) and by the per-response path, with one store and
// with two on one database (two instances), so the figures compare on one machine at
// one moment. It reports the responses per group.
func BenchmarkSaveResponsesPostgres(b *testing.B) {
	for _, durable := range []bool{true, false} {
		srv, err := pgtest.Start(durable)
		if err != nil {
			b.Fatal(err)
		}
		for _, path := range []string{"one-statement", "tallies-apart", "per-response"} {
			for _, instances := range []int{1, 2} {
				b.Run(fmt.Sprintf("fsync=%v/%s/instances=%d", durable, path, instances), func(b *testing.B) {
					pgOneStatement, pgTallyInStatement = path != "per-response", path == "one-statement"
					defer func() { pgOneStatement, pgTallyInStatement = true, true }()
					at, err := srv.Database(fmt.Sprintf("bench_%d", benchDatabases.Add(1)))
					if err != nil {
						b.Fatal(err)
					}
					f := newFixtureAt(b, at)
					stores := []*Store{f.st}
					if instances == 2 {
						second, err := Open(at)
						if err != nil {
							b.Fatal(err)
						}
						defer second.Close()
						stores = append(stores, second)
					}
					saveFromEightWriters(b, f, stores)
					var groups int64
					for _, st := range stores {
						groups += st.groups.oneStatement.Load() + st.groups.perResponse.Load()
					}
					if groups > 0 {
						b.ReportMetric(float64(b.N)/float64(groups), "responses/group")
					}
				})
			}
		}
		srv.Stop()
	}
}

var benchDatabases atomic.Int64

// saveFromEightWriters stores b.N random responses from eight goroutines, dealt out between the
// stores (instances on one database).
func saveFromEightWriters(b *testing.B, f *fixture, stores []*Store) {
	ctx := context.Background()
	var next atomic.Int64
	b.ResetTimer()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 9))
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				a := randomAnswers(rng)
				r := &Response{ID: fmt.Sprintf("r%d", i), ConsultationID: "c1", SurveyVersion: f.sv.Version,
					Language: "es", Channel: Link, Profile: survey.ProfileOf(a), Answers: a}
				if _, err := stores[w%len(stores)].SaveResponse(ctx, r, f.sv); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
}
