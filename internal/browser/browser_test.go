package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>probe</title></head>
<body>
<p id="p">probe</p>
<script>
console.log("fine");
console.error("boom", 42);
fetch("http://example.invalid/tracker.js").catch(function () {});
</script>
</body></html>`

const wide = `<!doctype html><html><head><meta charset="utf-8"></head>
<body style="margin:0"><div style="width:2000px;height:10px"></div></body></html>`

func serve(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/wide", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, wide)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// waitFor polls until ok holds; events arrive on their own schedule after a fetch starts.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// errorsOnly records what AssertLocalOnly reports, without failing the real test.
type errorsOnly struct {
	testing.TB
	errors []string
}

func (e *errorsOnly) Helper() {}
func (e *errorsOnly) Errorf(format string, args ...any) {
	e.errors = append(e.errors, fmt.Sprintf(format, args...))
}

func TestRecordsConsoleErrorsAndRequests(t *testing.T) {
	srv := serve(t)
	ctx := New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the external request", func() bool {
		return slices.ContainsFunc(Requests(ctx), func(u string) bool { return strings.Contains(u, "example.invalid") })
	})

	errs := ConsoleErrors(ctx)
	if !slices.ContainsFunc(errs, func(s string) bool { return strings.Contains(s, "boom 42") }) {
		t.Errorf("console.error not recorded; got %q", errs)
	}
	if slices.ContainsFunc(errs, func(s string) bool { return strings.Contains(s, "fine") }) {
		t.Errorf("console.log recorded as an error: %q", errs)
	}
	reqs := Requests(ctx)
	if !slices.Contains(reqs, srv.URL+"/") {
		t.Errorf("the page itself is not among the requests %q", reqs)
	}

	probe := &errorsOnly{TB: t}
	AssertLocalOnly(probe, ctx)
	if len(probe.errors) != 1 || !strings.Contains(probe.errors[0], "example.invalid/tracker.js") {
		t.Errorf("AssertLocalOnly reported %q, want exactly the example.invalid request", probe.errors)
	}
}

func TestUncaughtException(t *testing.T) {
	srv := serve(t)
	ctx := New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](
		`setTimeout(function () { throw new Error("kaboom") }, 0)`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the exception", func() bool {
		return slices.ContainsFunc(ConsoleErrors(ctx), func(s string) bool { return strings.Contains(s, "kaboom") })
	})
}

func TestLocalPageIsLocalOnly(t *testing.T) {
	srv := serve(t)
	ctx := New(t, WindowSize(800, 600))
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/wide")); err != nil {
		t.Fatal(err)
	}
	AssertLocalOnly(t, ctx)
	if errs := ConsoleErrors(ctx); len(errs) > 0 {
		t.Errorf("console errors on a quiet page: %q", errs)
	}
}

func TestHorizontalScroll(t *testing.T) {
	srv := serve(t)
	ctx := New(t)
	if err := Viewport(ctx, 600, 960); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		fits bool
	}{{"/", true}, {"/wide", false}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+c.path)); err != nil {
			t.Fatal(err)
		}
		fits, err := NoHorizontalScroll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fits != c.fits {
			t.Errorf("%s: NoHorizontalScroll = %v, want %v", c.path, fits, c.fits)
		}
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width != 600 {
		t.Errorf("viewport width %d, want 600", width)
	}
}

func TestContextFromElsewherePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("ConsoleErrors on a plain context did not panic")
		}
	}()
	ConsoleErrors(context.Background())
}
