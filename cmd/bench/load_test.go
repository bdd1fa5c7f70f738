package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunWithPollerEndsWithItsClients: a run stopped by its budget ends when its clients stop,
// poller or not. A poller that went on polling until the run's time was up added idle seconds
// to the run with the poller, and so a share of throughput lost that no server lost.
func TestRunWithPollerEndsWithItsClients(t *testing.T) {
	var posted, polled atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/responses"):
			posted.Add(1)
			time.Sleep(time.Millisecond)
			w.WriteHeader(http.StatusCreated)
		case strings.HasSuffix(r.URL.Path, "/results"):
			polled.Add(1)
			w.Write([]byte("{}"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	sv := &surveyDef{ID: "s", Version: "1"}
	for _, poller := range []*http.Client{nil, srv.Client()} {
		r := submissionRun(context.Background(), []string{srv.URL}, "c", sv, 4, 20*time.Second, 200, poller, nil)
		if r.Created < 200 || r.Created > 204 {
			t.Fatalf("poller %v: %d responses stored, want the budget of 200 (and the few in flight)", poller != nil, r.Created)
		}
		if r.Seconds >= 10 { // the run's time is 20 s; 200 responses of 1 ms take a tenth of a second
			t.Fatalf("poller %v: the run lasted %.1f s for 200 responses of 1 ms with 4 clients: it waited for its time, not its clients",
				poller != nil, r.Seconds)
		}
	}
	if polled.Load() == 0 {
		t.Fatal("the poller never polled")
	}
}
