package web

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"consulta/internal/demo"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/surveys"
)

// benchDemo is the fixture of the results benchmarks: a store in a temp dir holding the built-in
// surveys and the demo data, and the surveys by id. The store closes when the benchmark ends.
func benchDemo(b *testing.B) (*store.Store, map[string]*survey.Survey) {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	loaded, problems := survey.LoadFS(surveys.FS, ".")
	if problems != nil {
		b.Fatal(problems)
	}
	byID := map[string]*survey.Survey{}
	ctx := context.Background()
	for _, sv := range loaded {
		byID[sv.ID] = sv
		if err := st.SaveSurvey(ctx, sv); err != nil {
			b.Fatal(err)
		}
	}
	if err := demo.Load(ctx, st, byID, time.Now()); err != nil {
		b.Fatal(err)
	}
	return st, byID
}

// BenchmarkAggregateDemo times the report of the demo community consultation (2,000 responses).
func BenchmarkAggregateDemo(b *testing.B) {
	st, byID := benchDemo(b)
	ctx := context.Background()
	s := &Server{store: st, now: time.Now}
	d, err := s.dataset(ctx, demo.Community)
	if err != nil {
		b.Fatal(err)
	}
	sv := byID["community-consultation"]
	b.ResetTimer()
	for b.Loop() {
		results.Aggregate(d, sv, demo.Community, results.Filter{}, 5)
	}
}
