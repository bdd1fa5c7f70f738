package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"consulta/internal/browser"
	"consulta/internal/demo"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/internal/web"
	"consulta/static"
	"consulta/surveys"
	"consulta/templates"
)

// demoServer serves the demo data (two consultations of 2,000 responses) with its accounts.
func demoServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	loaded, problems := survey.LoadFS(surveys.FS, ".")
	if problems != nil {
		t.Fatal(problems)
	}
	byID := map[string]*survey.Survey{}
	for _, sv := range loaded {
		if err := st.SaveSurvey(ctx, sv); err != nil {
			t.Fatal(err)
		}
		byID[sv.ID] = sv
	}
	if err := demo.Load(ctx, st, byID, time.Now()); err != nil {
		t.Fatal(err)
	}
	s, err := web.New(web.Config{Store: st, Surveys: loaded, Templates: templates.FS, Static: static.FS,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), CookieKeys: [][]byte{[]byte("results-browser-test-hash-key-32")}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// signIn signs the browser in through the sign-in page, as a person would.
func signIn(t *testing.T, ctx context.Context, base, name, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/signin?lang=es"),
		chromedp.SendKeys(`input[name=name]`, name),
		chromedp.SendKeys(`input[name=password]`, password),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`nav.staff`),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", name, err)
	}
}

// TestResultsPageChartsDraw opens the demo results page as a planner: every chart draws, the
// percent views switch, the console stays clean and no request leaves this machine.
func TestResultsPageChartsDraw(t *testing.T) {
	srv := demoServer(t)
	ctx := browser.New(t, browser.WindowSize(1280, 900))
	signIn(t, ctx, srv.URL, "planner", "demo-planner-2026")
	for _, path := range []string{"/consultations/demo-community/results", "/consultations/demo-child/results",
		"/consultations/demo-community/report"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatal(err)
		}
		want, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("div.chart[data-chart]").length`))
		// The printed report has four: who took part (two) and, per rank question, the shares by
		// group and by gender; its comparisons are tables (issue 13).
		least := 5
		if strings.HasSuffix(path, "/report") {
			least = 4
		}
		if err != nil || want < least {
			t.Fatalf("%s: %d charts on the page (%v)", path, want, err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.ConsultaCharts ? window.ConsultaCharts.ready : -1`))
			if err == nil && got == want {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %d of %d charts drawn; console: %q", path, got, want, browser.ConsoleErrors(ctx))
			}
			time.Sleep(100 * time.Millisecond)
		}
		blank, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
			var out = [];
			document.querySelectorAll("div.chart[data-chart]").forEach(function (el) {
				var c = el.querySelector("canvas"), n = 0;
				if (c) {
					var d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
					for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
				}
				if (n < 500) out.push(el.getAttribute("data-chart"));
			});
			return out;
		})()`))
		if err != nil || len(blank) > 0 {
			t.Errorf("%s: charts with (almost) nothing drawn: %v (%v)", path, blank, err)
		}
	}
	// The percent view replaces the counts of a question chart.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/consultations/demo-community/results")); err != nil {
		t.Fatal(err)
	}
	changed, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(function (resolve) {
		var wait = setInterval(function () {
			if (!window.ConsultaCharts || !window.ConsultaCharts.ready) return;
			clearInterval(wait);
			var b = document.querySelector('button[data-view="percent"]');
			var el = document.querySelector('div.chart[data-chart="' + b.getAttribute("data-for") + '"]');
			var before = JSON.stringify(echarts.getInstanceByDom(el).getOption().series[0].data);
			b.click();
			var after = JSON.stringify(echarts.getInstanceByDom(el).getOption().series[0].data);
			resolve(before !== after && b.getAttribute("aria-pressed") === "true");
		}, 50);
	})`, chromedp.EvalAwaitPromise))
	if err != nil || !changed {
		t.Errorf("the percent button did not change the chart (%v)", err)
	}
	if errs := browser.ConsoleErrors(ctx); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
	browser.AssertLocalOnly(t, ctx)
}
