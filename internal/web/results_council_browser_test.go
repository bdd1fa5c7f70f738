package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"consulta/internal/browser"
)

// TestResultsFilteredDownloadsCarryTheFilter applies "only refugees" as a planner would, then
// follows every download and print link of the page: each carries the filter as a query (not
// escaped inside the href), holds only refugees, and says the filter on its first line or page.
func TestResultsFilteredDownloadsCarryTheFilter(t *testing.T) {
	srv := demoServer(t)
	ctx := browser.New(t, browser.WindowSize(1280, 900))
	signIn(t, ctx, srv.URL, "planner", "demo-planner-2026")
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/consultations/demo-community/results?lang=es"),
		chromedp.SetValue(`select[name=only]`, "group:refugee"),
		chromedp.Submit(`select[name=only]`),
		chromedp.WaitVisible(`a[data-export=csv]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Href, Text, B64 string
		Status          int
	}
	downloads, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]got](`(async function () {
		var out = {};
		for (const a of document.querySelectorAll("a[data-export]")) {
			var r = await fetch(a.href), buf = new Uint8Array(await r.arrayBuffer()), bin = "";
			for (var i = 0; i < buf.length; i++) bin += String.fromCharCode(buf[i]);
			out[a.getAttribute("data-export")] = {Href: a.getAttribute("href"), Status: r.status,
				Text: new TextDecoder().decode(buf), B64: btoa(bin)};
		}
		var all = await (await fetch("/api/consultations/demo-community/results")).json();
		out.unfiltered = {Text: String(all.respondents.n), Status: 200};
		return out;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"csv", "csv-other", "xlsx", "json", "report"} {
		d, ok := downloads[name]
		if !ok {
			t.Fatalf("no %s link on the page", name)
		}
		if d.Status != 200 || !strings.Contains(d.Href, "only=group%3Arefugee") || strings.Contains(strings.ToLower(d.Href), "%3d") {
			t.Errorf("%s link %q (status %d) does not carry the filter as a query", name, d.Href, d.Status)
		}
	}
	for _, name := range []string{"csv", "csv-other"} {
		first := strings.SplitN(strings.TrimPrefix(downloads[name].Text, "\uFEFF"), "\n", 2)[0]
		if !strings.Contains(first, "refugiada") || !strings.Contains(first, "Marca decimal") {
			t.Errorf("%s first line %q does not say the filter and the decimal mark", name, first)
		}
	}
	if !strings.Contains(downloads["csv"].Text, ";") || !strings.Contains(strings.SplitN(downloads["csv"].Text, "\n", 2)[0], "Separador de campos: ;") {
		t.Errorf("in Spanish the first CSV offered is the semicolon dialect")
	}
	if !strings.Contains(downloads["report"].Text, "refugiada") {
		t.Errorf("the report does not say its filter")
	}
	raw, _ := base64.StdEncoding.DecodeString(downloads["xlsx"].B64)
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	if first, _ := f.GetCellValue(f.GetSheetName(0), "A1"); !strings.Contains(first, "refugiada") {
		t.Errorf("xlsx first line %q does not say the filter", first)
	}
	// The JSON holds the refugees only: fewer than everyone.
	if !strings.Contains(downloads["json"].Text, `"value":"refugee"`) || strings.Contains(downloads["json"].Text, `"respondents":{"n":`+downloads["unfiltered"].Text+`,`) {
		t.Errorf("the JSON download is not filtered: %.200s", downloads["json"].Text)
	}
}

// waitCharts waits until charts.js has drawn every chart of the page.
func waitCharts(t *testing.T, ctx context.Context) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!window.ConsultaCharts && window.ConsultaCharts.ready === document.querySelectorAll("div.chart[data-chart]").length`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("charts not drawn; console: %q", browser.ConsoleErrors(ctx))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestResultsNumbersPerLanguage reads the numbers a planner sees in Spanish, Portuguese and
// English: tables, summary, the charts' axes and bar labels, the heard page. Each language writes
// them one way only: "41,1 %", "2.000", "3,44" in Spanish and Portuguese; "41.1%", "2,000" in English.
func TestResultsNumbersPerLanguage(t *testing.T) {
	srv := demoServer(t)
	ctx := browser.New(t, browser.WindowSize(1280, 900))
	signIn(t, ctx, srv.URL, "planner", "demo-planner-2026")
	wrong := map[string]*regexp.Regexp{
		"es": regexp.MustCompile(`\d\.\d+\s?%|[1-9],\d\d\d(?:\D|$)|\d\.\d\d(?:\D|$)`),
		"pt": regexp.MustCompile(`\d\.\d+\s?%|[1-9],\d\d\d(?:\D|$)|\d\.\d\d(?:\D|$)`),
		"en": regexp.MustCompile(`\d,\d+\s?%|[1-9]\.\d\d\d(?:\D|$)`),
	}
	right := map[string]string{"es": "\u00a0%", "pt": "\u00a0%", "en": "%"}
	axis := map[string]string{"es": "1.000", "pt": "1.000", "en": "1,000"}
	label := map[string]string{"es": "41,1\u00a0%", "pt": "41,1\u00a0%", "en": "41.1%"}
	for _, lang := range []string{"es", "pt", "en"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/consultations/demo-community/results?lang="+lang)); err != nil {
			t.Fatal(err)
		}
		waitCharts(t, ctx)
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("main td, main .summary, main .meta")).map(function (e) { return e.textContent; }).join(" | ")`))
		if err != nil {
			t.Fatal(err)
		}
		if m := wrong[lang].FindString(text); m != "" {
			i := strings.Index(text, m)
			t.Errorf("%s: a number written the wrong way: %q in %q", lang, m, text[max(0, i-60):min(len(text), i+60)])
		}
		if !strings.Contains(text, right[lang]) {
			t.Errorf("%s: no percentage written %q", lang, right[lang])
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
			var out = [];
			document.querySelectorAll("div.chart[data-chart]").forEach(function (el) {
				var o = echarts.getInstanceByDom(el).getOption(), ax = [].concat(o.xAxis || []).filter(function (a) { return a.type === "value"; })[0];
				if (!out.length && ax && typeof ax.axisLabel.formatter === "function") out.push(ax.axisLabel.formatter(1000));
			});
			var b = document.querySelector('button[data-view="percent"]');
			b.click();
			var o = echarts.getInstanceByDom(document.querySelector('div.chart[data-chart="' + b.getAttribute("data-for") + '"]')).getOption();
			out.push(o.series[0].label.formatter({value: 41.1}));
			return out;
		})()`))
		if err != nil || len(got) != 2 || got[0] != axis[lang] || got[1] != label[lang] {
			t.Errorf("%s: chart axis and label write %q, want %q and %q (%v)", lang, got, axis[lang], label[lang], err)
		}
		heard, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/c/demo-community/heard?lang=`+lang+`").then(function (r) { return r.text(); })`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if m := wrong[lang].FindString(heard); m != "" || !strings.Contains(heard, right[lang]) {
			t.Errorf("%s: heard page writes %q", lang, m)
		}
	}
	if errs := browser.ConsoleErrors(ctx); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestResultsCouncilSummary opens the demo results at 1280×800 as a planner would before a council
// meeting: a summary comes first (participation against targets by group and gender, the top
// priorities by share with intervals, where groups differ after a corrected test, data date,
// filter, method), then contents, then sections whose questions open one at a time, so the page
// is a few screens tall instead of 79,000 px. The ranking compares by shares with n, intervals
// and points; the differences compare every group with the rest and women with men.
func TestResultsCouncilSummary(t *testing.T) {
	srv := demoServer(t)
	ctx := browser.New(t, browser.WindowSize(1280, 800))
	signIn(t, ctx, srv.URL, "planner", "demo-planner-2026")
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/consultations/demo-community/results?lang=en")); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx)
	type page struct {
		SummaryTop, Height             float64
		Facts, Participation, Top      []string
		Differences, Who               []string
		TOC, Sections                  []string
		Questions, OpenQuestions       int
		RankingHead                    []string
		ChartWidthOpened, TOCQuestions int
	}
	p, err := chromedp.Run(ctx, chromedp.Evaluate[page](`(function () {
		function texts(sel) { return Array.from(document.querySelectorAll(sel)).map(function (e) { return e.textContent.trim(); }); }
		var out = {
			SummaryTop: document.querySelector(".council-summary").getBoundingClientRect().top + window.scrollY,
			Height: document.documentElement.scrollHeight,
			Facts: texts(".council-summary .facts dt"),
			Participation: texts(".council-summary table tbody th"),
			Top: texts(".council-summary .top-list li"),
			Differences: texts(".council-summary .differ-list li"),
			Who: texts("#differ tbody th"),
			TOC: texts("nav.toc > ol > li > a"),
			TOCQuestions: document.querySelectorAll("nav.toc ol ol a").length,
			Sections: texts("section.question-section > h2"),
			Questions: document.querySelectorAll("details.question-result").length,
			OpenQuestions: document.querySelectorAll("details.question-result[open]").length,
			RankingHead: texts("table.ranking thead th")
		};
		var d = document.querySelector("details.question-result div.chart");
		var det = d.closest("details");
		det.querySelector("summary").click();
		out.ChartWidthOpened = d.clientWidth;
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if p.SummaryTop > 800 {
		t.Errorf("the summary starts %v px down, below the first screen", p.SummaryTop)
	}
	if p.Height > 12000 {
		t.Errorf("the page is %v px tall", p.Height)
	}
	for _, want := range []string{"People who answered", "Data as of", "Dates", "Sessions", "Filter"} {
		if !slices.Contains(p.Facts, want) {
			t.Errorf("the summary does not say %q: %q", want, p.Facts)
		}
	}
	for _, want := range []string{"Host community", "Woman", "Man"} {
		if !slices.ContainsFunc(p.Participation, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("participation in the summary lacks %q: %q", want, p.Participation)
		}
	}
	if len(p.Top) != 3 || !strings.Contains(p.Top[0], "%") || !strings.Contains(p.Top[0], "–") {
		t.Errorf("top priorities = %q", p.Top)
	}
	if len(p.Differences) == 0 {
		t.Errorf("no differences in the summary")
	}
	// Every group may be compared with the rest, and women with men: not only displaced and host.
	var others bool
	for _, w := range p.Who {
		if !strings.HasPrefix(w, "Host") && !strings.HasPrefix(w, "Internally displaced") {
			others = true
		}
	}
	if !others {
		t.Errorf("differences compare only displaced and host: %q", p.Who)
	}
	if len(p.TOC) < 5 || p.TOCQuestions < 10 || len(p.Sections) < 3 {
		t.Errorf("contents %q (%d questions), sections %q", p.TOC, p.TOCQuestions, p.Sections)
	}
	if p.Questions < 10 || p.OpenQuestions != 0 {
		t.Errorf("%d questions, %d open at first; each should be collapsed", p.Questions, p.OpenQuestions)
	}
	for _, want := range []string{"In their top 3", "95 percent interval", "People", "Points (everyone)", "Groups that differ"} {
		if !slices.Contains(p.RankingHead, want) {
			t.Errorf("the ranking has no column %q: %q", want, p.RankingHead)
		}
	}
	if p.ChartWidthOpened < 300 {
		t.Errorf("a chart opened in its question is %d px wide", p.ChartWidthOpened)
	}
	if dir := screenshotDir(t); dir != "" {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () { document.querySelectorAll("details[open]").forEach(function (d) { d.open = false; });
			document.querySelector(".council-summary").scrollIntoView(); return true; })()`)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "results-summary.png"), png, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if errs := browser.ConsoleErrors(ctx); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestHeardOnAPhone reads the public "what we heard" pages on a 360×640 phone: each wish list is
// in the order of the share it shows, no word breaks in the middle, nothing scrolls sideways, and
// a question the survey marks as a finding ("who do you talk to", "what made it hard") reads as
// what people said, with every answer, not as a numbered list of wishes.
func TestHeardOnAPhone(t *testing.T) {
	srv := demoServer(t)
	ctx := browser.New(t, browser.WindowSize(360, 640))
	shots := screenshotDir(t)
	type list struct {
		Question string
		Finding  bool
		Shares   []float64
		Labels   []string
	}
	type page struct {
		Lists  []list
		Broken []string
	}
	for _, c := range []struct{ id, lang, finding string }{
		{"demo-community", "es", "qué le hizo difícil"},
		{"demo-child", "es", "con quién hablas"},
		{"demo-child", "pt", ""},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/c/"+c.id+"/heard?lang="+c.lang)); err != nil {
			t.Fatal(err)
		}
		p, err := chromedp.Run(ctx, chromedp.Evaluate[page](`(function () {
			function share(s) { var m = s.replace(/\u00a0/g, " ").match(/(\d+(?:[.,]\d+)?)\s?%/); return m ? parseFloat(m[1].replace(",", ".")) : -1; }
			var out = {Lists: [], Broken: []};
			document.querySelectorAll("section.heard-list").forEach(function (s) {
				var l = {Question: s.querySelector("h2").textContent, Finding: s.classList.contains("heard-finding"), Shares: [], Labels: []};
				s.querySelectorAll("li").forEach(function (li) {
					l.Shares.push(share(li.querySelector(".heard-share").textContent));
					l.Labels.push(li.querySelector(".heard-label").textContent);
				});
				out.Lists.push(l);
			});
			// Every word of the page on one line: a word whose range has two boxes was broken.
			var walk = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
			while (walk.nextNode()) {
				var node = walk.currentNode, text = node.textContent, re = /\S+/g, m;
				while ((m = re.exec(text))) {
					var r = document.createRange();
					r.setStart(node, m.index);
					r.setEnd(node, m.index + m[0].length);
					var tops = {};
					Array.from(r.getClientRects()).forEach(function (b) { if (b.width > 0) tops[Math.round(b.top)] = true; });
					if (Object.keys(tops).length > 1) out.Broken.push(m[0]);
				}
			}
			return out;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Lists) < 2 {
			t.Fatalf("%s %s: %d lists on the heard page", c.id, c.lang, len(p.Lists))
		}
		if len(p.Broken) > 0 {
			t.Errorf("%s %s: words broken across lines on a phone: %q", c.id, c.lang, p.Broken)
		}
		for _, l := range p.Lists {
			for i := 1; i < len(l.Shares); i++ {
				if l.Shares[i] > l.Shares[i-1] {
					t.Errorf("%s %s: %q is not in the order of its shares: %v %q", c.id, c.lang, l.Question, l.Shares, l.Labels)
				}
			}
		}
		if c.finding != "" {
			found := false
			for _, l := range p.Lists {
				found = found || (l.Finding && strings.Contains(l.Question, c.finding) && len(l.Shares) > 3)
			}
			if !found {
				t.Errorf("%s: %q is not shown as a finding with all its answers: %+v", c.id, c.finding, p.Lists)
			}
		}
		if ok, err := browser.NoHorizontalScroll(ctx); err != nil || !ok {
			t.Errorf("%s %s: the heard page scrolls sideways on a phone (%v)", c.id, c.lang, err)
		}
		if shots != "" {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err == nil {
				err = os.WriteFile(filepath.Join(shots, "heard-phone-"+c.id+"-"+c.lang+".png"), png, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if errs := browser.ConsoleErrors(ctx); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestSavedChartImageSaysWhatItShows saves a chart as a planner would for a slide: the PNG holds
// the chart with its title, and under it the source, n, the data date and the filter, drawn
// into the image itself.
func TestSavedChartImageSaysWhatItShows(t *testing.T) {
	srv := demoServer(t)
	ctx := browser.New(t, browser.WindowSize(1280, 800))
	signIn(t, ctx, srv.URL, "planner", "demo-planner-2026")
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/consultations/demo-community/results?lang=es&only=gender%3Afemale")); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx)
	type saved struct {
		Buttons, Charts          int
		Lines                    []string
		Height, ChartHeight, Ink int
		Type                     string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[saved](`(async function () {
		var b = document.querySelector("button[data-save]:not([hidden])");
		var out = await window.ConsultaCharts.image(b.getAttribute("data-save"));
		var c = out.canvas, d = c.getContext("2d").getImageData(0, out.chartHeight, c.width, c.height - out.chartHeight).data, ink = 0;
		for (var i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 1] < 128 && d[i + 2] < 128) ink++;
		return {Buttons: document.querySelectorAll("button[data-save]:not([hidden])").length,
			Charts: document.querySelectorAll("div.chart[data-chart]").length,
			Lines: out.lines, Height: c.height, ChartHeight: out.chartHeight, Ink: ink,
			Type: c.toDataURL("image/png").slice(0, 22)};
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got.Buttons != got.Charts {
		t.Errorf("%d save buttons for %d charts", got.Buttons, got.Charts)
	}
	text := strings.Join(got.Lines, " ")
	for _, want := range []string{"Fuente: Consulta", "Consulta comunitaria de Upala", "n = ", "datos al", "de 2026", "Filtro: Solo estas personas: Mujer"} {
		if !strings.Contains(text, want) {
			t.Errorf("the saved image does not say %q: %q", want, text)
		}
	}
	if got.Height <= got.ChartHeight || got.Ink < 200 || got.Type != "data:image/png;base64," {
		t.Errorf("nothing drawn under the chart: %+v", got)
	}
}
