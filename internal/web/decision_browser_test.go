package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"consulta/internal/browser"
)

// TestReportBackInChromium opens the demo plan's public report back, for adults and for
// children, in every language on a phone (360×640) and a tablet (600×960): axe finds nothing
// serious and nothing scrolls sideways; the children's page reads itself aloud with a stubbed
// voice, the reason for every "no" included; the poster prints on one A4 page.
func TestReportBackInChromium(t *testing.T) {
	srv := demoServer(t)
	a := &app{t: t, srv: srv}
	for _, size := range [][2]int{{360, 640}, {600, 960}} {
		p := openTab(t, a, size[0], size[1])
		for _, lang := range []string{"es", "en", "pt"} {
			for _, path := range []string{"/p/1?lang=" + lang, "/p/1/children?lang=" + lang, "/p/1/poster?lang=" + lang} {
				where := path + " at " + strconv.Itoa(size[0]) + "×" + strconv.Itoa(size[1])
				p.open(path)
				p.axe(where)
				ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
				if ok, err := browser.NoHorizontalScroll(ctx); err != nil || !ok {
					wide := eval[[]string](p, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
						.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " right=" + Math.round(e.getBoundingClientRect().right))`)
					t.Errorf("%s scrolls sideways (%v); too wide: %v", where, err, wide)
				}
				cancel()
			}
		}
	}

	// Read aloud, with one fake Spanish voice.
	p := openTab(t, a, 600, 960)
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeSpeech}); err != nil {
		t.Fatalf("installing the fake voices: %v", err)
	}
	p.open("/p/1/children?lang=es")
	if !p.visible(".js-read-page") {
		t.Fatal(`no "Escuchar" button although the device has a Spanish voice`)
	}
	p.tap(".js-read-page")
	got := eval[[]utterance](p, `window.__spoken`)
	var texts []string
	for _, u := range got {
		texts = append(texts, u.Text)
		if !strings.HasPrefix(u.Lang, "es") {
			t.Errorf("%q read in %q, want Spanish", u.Text, u.Lang)
		}
	}
	all := strings.Join(texts, " | ")
	for _, want := range []string{"Tú nos dijiste qué es importante.", "Agua potable en los barrios altos", "No. Esta vez no.",
		"¿Por qué? Ya hay un salón que se puede usar.", "¡Nuevo! Tú dijiste que faltaba.", "Tú dijiste que faltaba. Lo agregamos."} {
		if !strings.Contains(all, want) {
			t.Errorf("read aloud does not say %q; it said: %s", want, all)
		}
	}
	// Without a voice in the page's language the button stays hidden.
	p.open("/p/1/children?lang=en")
	if p.visible(".js-read-page") {
		t.Error(`a "Listen" button on a device without an English voice`)
	}

	// The poster prints on one A4 page.
	for _, lang := range []string{"es", "en", "pt"} {
		p.open("/p/1/poster?lang=" + lang)
		yes := true
		pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &yes})
		if err != nil {
			t.Fatalf("print the poster: %v", err)
		}
		if d := os.Getenv("CONSULTA_POSTER_PDF"); d != "" {
			os.WriteFile(filepath.Join(d, "poster-"+lang+".pdf"), pdf.Data, 0o600)
		}
		if n := pdfPages(t, pdf.Data); n != 1 {
			t.Errorf("%s: the poster prints on %d pages, want 1", lang, n)
		}
	}
}

// pdfPages counts a PDF's pages with pdfinfo (poppler-utils) when it is there, else by its page objects.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		f := filepath.Join(t.TempDir(), "poster.pdf")
		if err := os.WriteFile(f, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdfinfo", f).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			return n
		}
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}
