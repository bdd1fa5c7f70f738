package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"consulta/internal/demo"
	"consulta/internal/results"
	"consulta/internal/survey"
	"consulta/static"
	"consulta/templates"
)

// TestResultsFromSnapshotAfterRestart: a server that read a consultation saves its dataset; a new
// server on the same store (a restart) reads that snapshot and only the responses stored after it,
// and answers the same results JSON as the server that read them all; a damaged snapshot is
// passed over and every response read again.
func TestResultsFromSnapshotAfterRestart(t *testing.T) {
	st, byID := demoStore(t)
	ctx := context.Background()
	sv := byID["community-consultation"]
	start := func() (*Server, string) {
		t.Helper()
		var all []*survey.Survey
		for _, sv := range byID {
			all = append(all, sv)
		}
		s, err := New(Config{Store: st, Surveys: all, Templates: templates.FS, Static: static.FS,
			Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
			CookieKeys: [][]byte{[]byte("test-hash-key-of-32-bytes-length"), []byte("test-block-key-32-bytes-length!!")}})
		if err != nil {
			t.Fatal(err)
		}
		s.data.snapshotEvery = 500
		srv := httptest.NewServer(s.Handler())
		t.Cleanup(srv.Close)
		t.Cleanup(s.data.saves.Wait)
		return s, srv.URL
	}
	fetch := func(base string) string {
		t.Helper()
		client := SignedInClient(t, base, "planner", "demo-planner-2026")
		res, err := client.Get(base + "/api/consultations/" + demo.Community + "/results")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"questions"`) {
			t.Fatalf("results = %d %.200s", res.StatusCode, body)
		}
		return string(body)
	}
	entry := func(s *Server) (held, read int) {
		s.data.mu.Lock()
		e := s.data.m[demo.Community]
		s.data.mu.Unlock()
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.d.Len(), e.read
	}

	first, firstURL := start()
	fetch(firstURL)
	first.data.saves.Wait()
	snap, ok, err := st.ResultSnapshot(ctx, demo.Community)
	if err != nil || !ok || snap.Responses != demo.Responses || snap.Format != results.SnapshotFormat {
		t.Fatalf("after the first read the snapshot = %d responses, format %d, %v, %v; want %d, format %d",
			snap.Responses, snap.Format, ok, err, demo.Responses, results.SnapshotFormat)
	}
	// Seven people answer between the snapshot and the restart.
	for i := range 7 {
		addResponse(t, st, sv, fmt.Sprintf("after-snapshot-%d", i), "refugee", "female", "age_18_29")
	}
	want := fetch(firstURL)
	if held, read := entry(first); held != demo.Responses+7 || read != demo.Responses+7 {
		t.Fatalf("the first server holds %d and read %d responses, want %d", held, read, demo.Responses+7)
	}

	restarted, restartedURL := start()
	if got := fetch(restartedURL); got != want {
		t.Errorf("after the restart the results differ from those of the server that read every response:\n%.300s\nwant\n%.300s", got, want)
	}
	if held, read := entry(restarted); held != demo.Responses+7 || read != 7 {
		t.Errorf("after the restart the server holds %d responses and read %d from the store, want %d and 7", held, read, demo.Responses+7)
	}

	// A damaged snapshot (one byte changed) is passed over: every response is read, the same results.
	snap, _, _ = st.ResultSnapshot(ctx, demo.Community)
	snap.Data[len(snap.Data)/2] ^= 0x55
	if err := st.SaveResultSnapshot(ctx, demo.Community, snap); err != nil {
		t.Fatal(err)
	}
	again, againURL := start()
	again.data.snapshotEvery = 1 << 30 // it must not save a new one over the damaged one before we look
	if got := fetch(againURL); got != want {
		t.Errorf("with a damaged snapshot the results differ from those of the server that read every response")
	}
	if held, read := entry(again); held != demo.Responses+7 || read != demo.Responses+7 {
		t.Errorf("with a damaged snapshot the server holds %d responses and read %d, want %d and %d", held, read,
			demo.Responses+7, demo.Responses+7)
	}
}
