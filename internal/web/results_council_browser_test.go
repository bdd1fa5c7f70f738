package web_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

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
