package web

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"testing"
	"time"

	"consulta/internal/demo"
	"consulta/internal/proc"
	"consulta/internal/results"
)

// BenchmarkResultsCold100k times what the first results request after a restart does at 100,000
// responses: load the consultation, aggregate it, encode the report as JSON. Profile it with
// go test ./internal/web -run '^$' -bench ResultsCold -cpuprofile cpu.out.
func BenchmarkResultsCold100k(b *testing.B) { benchResultsCold(b, 0) }

// BenchmarkResultsCold100kSnapshot is BenchmarkResultsCold100k with a snapshot saved at 95,000
// responses: a restart reads it and the 5,000 stored after it.
func BenchmarkResultsCold100kSnapshot(b *testing.B) { benchResultsCold(b, 5_000) }

// benchResultsCold times first results at 100,000 responses; with after > 0, from a snapshot
// saved that many responses before, and without one otherwise.
func benchResultsCold(b *testing.B, after int) {
	st, byID := benchDemo(b)
	ctx := context.Background()
	if err := st.CopyResponses(ctx, demo.Community, demo.Community, 100_000-after-demo.Responses); err != nil {
		b.Fatal(err)
	}
	var perResponse, saveMS, saveCPU float64 // the snapshot's bytes per response, how long saving it took
	if after > 0 {
		s := &Server{store: st, now: time.Now, data: datasets{snapshotEvery: 1}}
		if _, err := s.dataset(ctx, demo.Community); err != nil {
			b.Fatal(err)
		}
		t0, c0 := time.Now(), proc.Self()
		s.data.saves.Wait()
		saveMS, saveCPU = float64(time.Since(t0).Milliseconds()), float64((proc.Self() - c0).Milliseconds())
		if snap, ok, err := st.ResultSnapshot(ctx, demo.Community); err != nil || !ok {
			b.Fatalf("no snapshot: %v", err)
		} else {
			perResponse = float64(len(snap.Data)) / float64(snap.Responses)
		}
		if err := st.CopyResponses(ctx, demo.Community, demo.Community, after); err != nil {
			b.Fatal(err)
		}
	}
	sv := byID["community-consultation"]
	// CPU time (the process's, garbage collection included) tells changes apart on a busy machine,
	// where the wall clock mostly measures the other processes.
	var load, agg, enc, loadCPU, aggCPU time.Duration
	b.ResetTimer()
	for b.Loop() {
		s := &Server{store: st, now: time.Now, data: datasets{snapshotEvery: math.MaxInt}} // it saves none
		t0, c0 := time.Now(), proc.Self()
		d, err := s.dataset(ctx, demo.Community)
		if err != nil {
			b.Fatal(err)
		}
		if d.Len() != 100_000 {
			b.Fatalf("%d responses, want 100,000", d.Len())
		}
		t1, c1 := time.Now(), proc.Self()
		rep := results.Aggregate(d, sv, demo.Community, results.Filter{}, 5)
		t2, c2 := time.Now(), proc.Self()
		json.NewEncoder(io.Discard).Encode(rep)
		t3 := time.Now()
		load, agg, enc = load+t1.Sub(t0), agg+t2.Sub(t1), enc+t3.Sub(t2)
		loadCPU, aggCPU = loadCPU+c1-c0, aggCPU+c2-c1
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64((load / n).Milliseconds()), "load-ms")
	b.ReportMetric(float64((agg / n).Milliseconds()), "aggregate-ms")
	b.ReportMetric(float64((enc / n).Milliseconds()), "json-ms")
	b.ReportMetric(float64((loadCPU / n).Milliseconds()), "load-cpu-ms")
	b.ReportMetric(float64((aggCPU / n).Milliseconds()), "aggregate-cpu-ms")
	if perResponse > 0 {
		b.ReportMetric(perResponse, "snapshot-bytes/response")
		b.ReportMetric(saveMS, "snapshot-save-ms")
		b.ReportMetric(saveCPU, "snapshot-save-cpu-ms")
	}
}
