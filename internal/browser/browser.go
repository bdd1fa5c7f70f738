// Package browser starts headless Chromium for tests and records what a page did: console errors,
// uncaught exceptions and every request. It is test support only; the app never imports it.
package browser

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// debianChromium is where Debian's chromium package puts the browser.
const debianChromium = "/usr/bin/chromium"

// execPath returns the Chromium to run, or "" when there is none.
func execPath() string {
	if _, err := os.Stat(debianChromium); err == nil {
		return debianChromium
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Available reports whether Chromium is installed.
func Available() bool { return execPath() != "" }

type config struct {
	width, height int
}

// Option changes how New starts the browser.
type Option func(*config)

// WindowSize sets the window size in CSS pixels; the default is an upright tablet, 600×960.
func WindowSize(width, height int) Option {
	return func(c *config) { c.width, c.height = width, height }
}

// recorder keeps what the page did, filled from the tab's event loop.
type recorder struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

type recorderKey struct{}

func from(ctx context.Context) *recorder {
	r, _ := ctx.Value(recorderKey{}).(*recorder)
	if r == nil {
		panic("browser: the context does not come from browser.New")
	}
	return r
}

// New starts a fresh headless Chromium with one tab and returns its context; the browser stops
// when the test ends. Without Chromium the test fails: CI installs it, and so does `make test`.
func New(t testing.TB, opts ...Option) context.Context {
	t.Helper()
	path := execPath()
	if path == "" {
		t.Fatal("chromium is not installed: `make test` installs it (apt-get install chromium)")
	}
	cfg := config{width: 600, height: 960}
	for _, o := range opts {
		o(&cfg)
	}
	// Exactly these flags: chromedp's defaults add more (extensions, automation infobar, swiftshader).
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(cfg.width, cfg.height),
	)
	rec := &recorder{}
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(rec.listen))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// Start the browser now, so a failure to start is reported here and not in the first step.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return context.WithValue(ctx, recorderKey{}, rec)
}

// listen runs in the tab's event loop: it must return fast and run no command.
func (r *recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.errors = append(r.errors, "console."+string(ev.Type)+": "+argsText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		r.errors = append(r.errors, "exception: "+text)
	case *log.EventEntryAdded:
		// The browser's own errors: a blocked script (CSP), a failed load.
		if e := ev.Entry; e != nil && e.Level == log.EntryLevelError {
			r.errors = append(r.errors, string(e.Source)+": "+e.Text+" "+e.URL)
		}
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			r.requests = append(r.requests, ev.Request.URL)
		}
	}
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		var s string
		switch {
		case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &s) == nil:
		case a.Description != "":
			s = a.Description
		default:
			s = string(a.Value)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// ConsoleErrors returns the console errors, uncaught exceptions and browser errors so far.
func ConsoleErrors(ctx context.Context) []string {
	r := from(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.errors)
}

// Requests returns the URL of every request the tab made so far, in order.
func Requests(ctx context.Context) []string {
	r := from(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests)
}

// AssertLocalOnly fails the test when the tab asked anything of a host other than this machine:
// the tablets are offline, and nothing may load from a CDN.
func AssertLocalOnly(t testing.TB, ctx context.Context) {
	t.Helper()
	for _, raw := range Requests(ctx) {
		u, err := url.Parse(raw)
		if err != nil {
			t.Errorf("request to an unreadable URL %q", raw)
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		switch u.Hostname() {
		case "127.0.0.1", "localhost", "::1":
		default:
			t.Errorf("request left the machine: %s", raw)
		}
	}
}

// Viewport sets the page's viewport in CSS pixels, as a device of that size would have it.
func Viewport(ctx context.Context, width, height int) error {
	return chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height)))
}

// NoHorizontalScroll reports whether the page fits its viewport's width.
func NoHorizontalScroll(ctx context.Context) (bool, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[bool](
		`document.documentElement.scrollWidth <= document.documentElement.clientWidth`))
}
