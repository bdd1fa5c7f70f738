package web

import (
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	"consulta/internal/demo"
	"consulta/internal/results"
)

// BenchmarkResultsCold100k times what the first results request after a restart does at 100,000
// responses: load the consultation, aggregate it, encode the report as JSON. Profile it with
// go test ./internal/web -run '^$' -bench ResultsCold -cpuprofile cpu.out.
func BenchmarkResultsCold100k(b *testing.B) {
	st, byID := benchDemo(b)
	ctx := context.Background()
	if err := st.CopyResponses(ctx, demo.Community, demo.Community, 100_000-demo.Responses); err != nil {
		b.Fatal(err)
	}
	sv := byID["community-consultation"]
	var load, agg, enc time.Duration
	b.ResetTimer()
	for b.Loop() {
		s := &Server{store: st, now: time.Now}
		t0 := time.Now()
		d, err := s.dataset(ctx, demo.Community)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		rep := results.Aggregate(d, sv, demo.Community, results.Filter{}, 5)
		t2 := time.Now()
		json.NewEncoder(io.Discard).Encode(rep)
		t3 := time.Now()
		load, agg, enc = load+t1.Sub(t0), agg+t2.Sub(t1), enc+t3.Sub(t2)
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64((load / n).Milliseconds()), "load-ms")
	b.ReportMetric(float64((agg / n).Milliseconds()), "aggregate-ms")
	b.ReportMetric(float64((enc / n).Milliseconds()), "json-ms")
}
