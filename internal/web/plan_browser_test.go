package web_test

import (
	"context"
	"testing"
	"time"

	"consulta/internal/browser"
)

// TestPlanPageInChromium opens the demo plan's council page as a planner on a 600×960 tablet:
// every chart draws, axe finds nothing serious, and nothing scrolls sideways; the item page and
// the planner's working page too.
func TestPlanPageInChromium(t *testing.T) {
	srv := demoServer(t)
	p := openTab(t, &app{t: t, srv: srv}, 600, 960)
	signIn(t, p.ctx, srv.URL, "planner", "demo-planner-2026")
	fits := func(where string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
		defer cancel()
		if ok, err := browser.NoHorizontalScroll(ctx); err != nil || !ok {
			wide := eval[[]string](p, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
				.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " right=" + Math.round(e.getBoundingClientRect().right))`)
			t.Errorf("%s scrolls sideways (%v); too wide: %v", where, err, wide)
		}
	}
	for _, lang := range []string{"es", "en", "pt"} {
		p.open("/plans/1?lang=" + lang)
		want := eval[int](p, `document.querySelectorAll("div.chart[data-chart]").length`)
		if want < 4 {
			t.Fatalf("%s: %d charts on the plan page, want 4", lang, want)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			got := eval[int](p, `window.ConsultaCharts ? window.ConsultaCharts.ready : -1`)
			if got == want {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %d of %d charts drawn; console: %q", lang, got, want, browser.ConsoleErrors(p.ctx))
			}
			time.Sleep(100 * time.Millisecond)
		}
		blank := eval[[]string](p, `(function () {
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
		})()`)
		if len(blank) > 0 {
			t.Errorf("%s: charts with (almost) nothing drawn: %v", lang, blank)
		}
		p.axe("plan page " + lang)
		fits("plan page " + lang)
	}
	for _, path := range []string{"/plans", "/plans/1/edit", "/plans/1/items/D1", "/plans/new", "/plans/1/decisions", "/plans/1/versions"} {
		p.open(path + "?lang=es")
		p.axe(path)
		fits(path)
	}
}
