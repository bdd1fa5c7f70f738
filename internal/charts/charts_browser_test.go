package charts

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"consulta/internal/browser"
	"consulta/static"

	"github.com/chromedp/chromedp"
)

// The page's markup contract with static/js/charts.js, as the results page writes it.
var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>charts</title><link rel="stylesheet" href="/page.css">
<link rel="icon" href="/static/icons/health.svg" type="image/svg+xml"></head>
<body><main>
{{range .Charts}}<section>
<h2>{{.Title}}</h2>
<p class="views"><button type="button" data-view="counts" data-for="{{.ID}}" aria-pressed="true">Counts</button>
<button type="button" data-view="percent" data-for="{{.ID}}" aria-pressed="false">Percent</button></p>
<div class="chart" data-chart="{{.ID}}"></div>
<div class="table"><table><caption>{{.Table.Caption}}</caption>
<thead><tr>{{range .Table.Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Table.Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table></div>
</section>
{{end}}</main>
<script type="application/json" id="chart-data">{{.Island}}</script>
{{if not .NoEcharts}}<script src="/static/vendor/echarts/echarts.min.js"></script>{{end}}
<script src="/static/js/charts.js"></script>
</body></html>`))

const pageCSS = `body { font-family: sans-serif; margin: 0 12px; }
.chart { width: 100%; min-height: 120px; }
.table { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12px; margin: 8px 0 24px; }
th, td { border: 1px solid #ccc; padding: 2px 4px; }`

// csp is the app's policy: no inline script, no eval, nothing from elsewhere.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

type island map[string]struct {
	Counts  *Option `json:"counts"`
	Percent *Option `json:"percent"`
}

func servePage(t *testing.T, charts []Chart, lang string) *httptest.Server {
	return serveCharts(t, charts, lang, false)
}

func serveCharts(t *testing.T, charts []Chart, lang string, noEcharts bool) *httptest.Server {
	t.Helper()
	data := island{}
	for _, c := range charts {
		data[c.ID] = struct {
			Counts  *Option `json:"counts"`
			Percent *Option `json:"percent"`
		}{c.Counts, c.Percent}
	}
	raw, err := json.Marshal(data) // escapes <, > and &, so no label can close the script element
	if err != nil {
		t.Fatal(err)
	}
	var page strings.Builder
	err = pageTemplate.Execute(&page, map[string]any{"Lang": lang, "Charts": charts, "Island": template.JS(raw), "NoEcharts": noEcharts})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/static/", http.StripPrefix("/static/", http.FileServerFS(static.FS)))
	mux.HandleFunc("/page.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		w.Write([]byte(pageCSS))
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page.String()))
	})
	csp := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", csp)
			next.ServeHTTP(w, r)
		})
	}
	srv := httptest.NewServer(csp(mux))
	t.Cleanup(srv.Close)
	return srv
}

// waitReady waits until charts.js says it drew n charts.
func waitReady(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.ConsultaCharts ? window.ConsultaCharts.ready : -1`))
		if err == nil && got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("charts drawn: %d (err %v), want %d; console: %q", got, err, n, browser.ConsoleErrors(ctx))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestChartsDrawInChromium(t *testing.T) {
	charts := Build(testReport(), testSurvey(), "en", translator(english, nil)).All()
	srv := servePage(t, charts, "en")
	ctx := browser.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx, len(charts))

	// Every chart painted something: count the pixels that are not transparent.
	painted, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]int](`(function () {
		var out = {};
		document.querySelectorAll("div.chart[data-chart]").forEach(function (el) {
			var c = el.querySelector("canvas"), n = 0;
			if (c) {
				var d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
				for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
			}
			out[el.getAttribute("data-chart")] = n;
		});
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if painted[c.ID] < 2000 {
			t.Errorf("%s: %d painted pixels, the canvas is (nearly) blank", c.ID, painted[c.ID])
		}
	}

	// The percent toggle swaps the option and says which view is on.
	const id = "q-safe_night-group"
	data := `JSON.stringify(echarts.getInstanceByDom(document.querySelector('[data-chart="` + id + `"]')).getOption().series[0].data)`
	before, err := chromedp.Run(ctx, chromedp.Evaluate[string](data))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[data-for="`+id+`"][data-view="percent"]`))); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[string](data))
	if err != nil {
		t.Fatal(err)
	}
	if before == after {
		t.Errorf("percent toggle did not change the data: %s", after)
	}
	if !strings.Contains(after, "57.7") || !strings.Contains(before, "30") {
		t.Errorf("counts %s, percent %s", before, after)
	}
	pressed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('button[data-for="`+id+`"]')).map(function (b) { return b.getAttribute("data-view") + "=" + b.getAttribute("aria-pressed") })`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(pressed, " ") != "counts=false percent=true" {
		t.Errorf("aria-pressed after the toggle: %q", pressed)
	}
	// Charts without a percent view offer no toggle.
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('button[data-for="gaps"][data-view="percent"]').hidden`))
	if err != nil || !hidden {
		t.Errorf("the gaps chart offers a percent view (hidden=%v, err %v)", hidden, err)
	}

	fits, err := browser.NoHorizontalScroll(ctx)
	if err != nil || !fits {
		t.Errorf("the page scrolls sideways on an upright tablet (err %v)", err)
	}
	if path := os.Getenv("CONSULTA_SCREENSHOT"); path != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if errs := browser.ConsoleErrors(ctx); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
	browser.AssertLocalOnly(t, ctx)
}

// A label with markup in it stays text: the tooltip is drawn on the canvas, so it never becomes
// an element, and showing it breaks no rule of the page's CSP.
func TestTooltipShowsLabelsAsText(t *testing.T) {
	sv := testSurvey()
	sv.Question("top_services").Choice("water").Label["en"] = `Water <b id="injected">now</b>`
	charts := Build(testReport(), sv, "en", translator(english, nil)).All()
	srv := servePage(t, charts, "en")
	ctx := browser.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx, len(charts))
	const el = `document.querySelector('[data-chart="q-top_services-group"]')`
	const pixels = `(function () {
		var d = ` + el + `.querySelector("canvas"), c = d.getContext("2d").getImageData(0, 0, d.width, d.height).data, h = 0;
		for (var i = 0; i < c.length; i += 4) h = (h * 31 + c[i] + c[i + 1] * 3 + c[i + 2] * 7 + c[i + 3] * 11) % 1000000007;
		return h;
	})()`
	before, err := chromedp.Run(ctx, chromedp.Evaluate[int](pixels))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](
		`echarts.getInstanceByDom(`+el+`).dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 1})`)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		after, err := chromedp.Run(ctx, chromedp.Evaluate[int](pixels))
		if err != nil {
			t.Fatal(err)
		}
		if after != before {
			break // the tooltip is drawn
		}
		if time.Now().After(deadline) {
			t.Fatal("showTip drew no tooltip on the canvas")
		}
		time.Sleep(50 * time.Millisecond)
	}
	injected, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("injected") !== null`))
	if err != nil {
		t.Fatal(err)
	}
	if injected {
		t.Error("a label's markup became an element")
	}
	if errs := browser.ConsoleErrors(ctx); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
	browser.AssertLocalOnly(t, ctx)
}

// Without echarts (blocked, or a failed download) the script does nothing and the tables stand.
func TestWithoutEchartsTablesStay(t *testing.T) {
	charts := Build(testReport(), testSurvey(), "en", translator(english, nil)).All()
	srv := serveCharts(t, charts, "en", true)
	ctx := browser.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({
		ready: window.ConsultaCharts === undefined ? "none" : "set",
		canvases: document.querySelectorAll("canvas").length,
		tables: Array.from(document.querySelectorAll("table")).filter(function (t) { return t.offsetHeight > 0 }).length
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if state["ready"] != "none" || state["canvases"] != 0.0 || state["tables"] != float64(len(charts)) {
		t.Errorf("without echarts: %v, want nothing drawn and %d visible tables", state, len(charts))
	}
	if errs := browser.ConsoleErrors(ctx); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
