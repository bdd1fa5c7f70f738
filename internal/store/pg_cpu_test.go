package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"consulta/internal/proc"
	"consulta/internal/store/pgtest"
	"consulta/internal/survey"
)

// BenchmarkGroupCPUPostgres measures what a group costs in CPU, not in time, so the figure holds
// on a shared machine: the PostgreSQL backend's (the writer connection's, from /proc) and this
// process's, per response, by group size, on a durable cluster (fsync on). As migrated, and
// without the answers' foreign key (dropped by migration 015, back with 017), to compare. One pass is the
// measurement: go test ./internal/store -run '^$' -bench GroupCPU -benchtime 1x
func BenchmarkGroupCPUPostgres(b *testing.B) {
	srv, err := pgtest.Start(true)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Stop()
	ctx := context.Background()
	for _, variant := range []string{"as-migrated", "no-answers-fk"} {
		for _, size := range []int{1, 2, 4, 8, 16} {
			b.Run(fmt.Sprintf("%s/group=%d", variant, size), func(b *testing.B) {
				at, err := srv.Database(fmt.Sprintf("cpu_%d", benchDatabases.Add(1)))
				if err != nil {
					b.Fatal(err)
				}
				f := newFixtureAt(b, at)
				if variant == "no-answers-fk" {
					if _, err := f.st.w.ExecContext(ctx, `ALTER TABLE answers DROP CONSTRAINT answers_rid_fkey`); err != nil {
						b.Fatal(err)
					}
				}
				var pid int
				if err := f.st.w.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
					b.Fatal(err)
				}
				rng := rand.New(rand.NewPCG(1, 2))
				const n = 2400
				var groups [][]*saveJob
				for g := range n / size {
					var group []*saveJob
					for k := range size {
						a := randomAnswers(rng)
						r := &Response{ID: fmt.Sprintf("r%d-%d", g, k), ConsultationID: "c1", SurveyVersion: f.sv.Version,
							Language: "es", Channel: Link, Profile: survey.ProfileOf(a), Answers: a}
						j, err := f.st.newSaveJob(ctx, r, f.sv)
						if err != nil {
							b.Fatal(err)
						}
						group = append(group, j)
					}
					groups = append(groups, group)
				}
				b.ResetTimer()
				pg0, self0 := procCPU(b, pid), proc.Self()
				for _, g := range groups {
					f.st.commitGroup(g)
					for _, j := range g {
						if err := <-j.done; err != nil {
							b.Fatal(err)
						}
					}
				}
				pg, self := procCPU(b, pid)-pg0, proc.Self()-self0
				b.ReportMetric(ms(pg)/n, "pg-ms/response")
				b.ReportMetric(ms(self)/n, "store-ms/response")
			})
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func procCPU(t testing.TB, pid int) time.Duration {
	d, err := proc.CPU(pid, false)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
