package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"consulta/internal/demo"
)

// BenchmarkResultsPage100k times the results page of a consultation of 100,000 responses as a
// planner reloads it: the first request (cold) is made before the timer starts. Profile it with
// go test ./internal/web -run '^$' -bench ResultsPage100k -cpuprofile cpu.out.
func BenchmarkResultsPage100k(b *testing.B) {
	fx := newFixtureServer(b, io.Discard)
	ctx := context.Background()
	if err := demo.Load(ctx, fx.st, fx.surveys, time.Now()); err != nil {
		b.Fatal(err)
	}
	if err := fx.st.CopyResponses(ctx, demo.Community, demo.Community, 100_000-demo.Responses); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(fx.web.Handler())
	defer srv.Close()
	client := signInPlanner(b, fx.st, srv.URL, "Upala")
	page := func() {
		res, err := client.Get(srv.URL + "/consultations/" + demo.Community + "/results")
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "100") {
			b.Fatalf("results page = %d", res.StatusCode)
		}
	}
	start := time.Now()
	page()
	cold := time.Since(start)
	for b.Loop() {
		page()
	}
	b.ReportMetric(float64(cold.Milliseconds()), "cold-ms")
}
