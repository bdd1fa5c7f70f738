package web_test

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"consulta/internal/browser"
)

// screenshotDir is where `make screenshots` collects images for review; empty in a plain test run.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SCREENSHOTS_DIR")
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// pdfPages renders each page of a PDF to PNG with pdftoppm and returns the files in page order.
func pdfPagePNGs(t *testing.T, pdf, prefix string, dpi int) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) is not installed: run make deps")
	}
	if out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-png", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(prefix + "-*.png")
	sort.Strings(files)
	return files
}

// inkInRightMargin counts the pixels that are not near white in the right margin of a page
// (the outer 9 of its 12 mm), above the footer where the page number sits.
func inkInRightMargin(t *testing.T, file string) int {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	from := b.Max.X - b.Dx()*9/210
	bottom := b.Max.Y - b.Dy()*16/297
	ink := 0
	for y := b.Min.Y; y < bottom; y++ {
		for x := from; x < b.Max.X; x++ {
			if dark(img, x, y) {
				ink++
			}
		}
	}
	return ink
}

func dark(img image.Image, x, y int) bool {
	r, g, bl, _ := img.At(x, y).RGBA()
	return r < 0xE000 || g < 0xE000 || bl < 0xE000
}

// TestReportPrintsOnA4 prints the filtered report with Chromium to PDF, as a planner printing
// for a council would: A4 portrait, every page numbered, page one states the filter, dates,
// sessions, n and the protection method, no buttons are printed, and nothing runs into the right
// margin or off the page (each page rendered with pdftoppm, its right margin blank).
func TestReportPrintsOnA4(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s (poppler-utils) is not installed: run make deps", tool)
		}
	}
	srv := demoServer(t)
	ctx := browser.New(t, browser.WindowSize(794, 1123))
	signIn(t, ctx, srv.URL, "planner", "demo-planner-2026")
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/consultations/demo-community/report?lang=es&only=group%3Arefugee")); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx)
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) { yes := true; p.PreferCSSPageSize = &yes }))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info); m != nil {
		pages, _ = strconv.Atoi(string(m[1]))
	}
	if pages < 2 || pages > 30 {
		t.Errorf("the report prints on %d pages", pages)
	}
	if !regexp.MustCompile(`Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)`).Match(info) {
		t.Errorf("not A4 portrait: %q", info)
	}
	text := func(first, last int) string {
		out, err := exec.Command("pdftotext", "-layout", "-f", strconv.Itoa(first), "-l", strconv.Itoa(last), file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	one := text(1, 1)
	numbered := func(n int) *regexp.Regexp {
		return regexp.MustCompile(`(?m)^\s*` + strconv.Itoa(n) + `\s*/\s*` + strconv.Itoa(pages) + `\s*$`)
	}
	if !numbered(1).MatchString(one) {
		t.Errorf("page one is not numbered")
	}
	for _, want := range []string{"refugiada", "Fechas", "Sesiones", "Personas que respondieron", "nadie pueda ser identificado", "Datos al"} {
		if !strings.Contains(one, want) {
			t.Errorf("page one does not say %q:\n%s", want, one)
		}
	}
	all := text(1, pages)
	for _, control := range []string{`Cantidad\s+Porcentaje`, "Guardar como imagen", "Volver a los resultados", "Aplicar"} {
		if loc := regexp.MustCompile(control).FindStringIndex(all); loc != nil {
			i := loc[0]
			t.Errorf("the printed report shows the control %q: %q", control, all[max(0, i-200):min(len(all), i+100)])
		}
	}
	if strings.Contains(all, "filtros de arriba") {
		t.Errorf("the report points to filters it does not print")
	}
	for n := 1; n <= pages; n++ {
		if !numbered(n).MatchString(text(n, n)) {
			t.Errorf("page %d is not numbered", n)
		}
	}
	shotDir := screenshotDir(t)
	prefix := filepath.Join(dir, "page")
	dpi := 40
	if shotDir != "" {
		prefix, dpi = filepath.Join(shotDir, "report-a4"), 80
	}
	files := pdfPagePNGs(t, file, prefix, dpi)
	if len(files) != pages {
		t.Fatalf("pdftoppm made %d images of %d pages", len(files), pages)
	}
	for i, f := range files {
		if ink := inkInRightMargin(t, f); ink > 0 {
			t.Errorf("page %d: %d dark pixels in the right margin: something is cut at the right edge", i+1, ink)
		}
	}
	// Unfiltered, the tables have a column per group (six): they must fit the page all the same.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/consultations/demo-community/report?lang=es")); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx)
	pdf, err = chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) { yes := true; p.PreferCSSPageSize = &yes }))
	if err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(dir, "report-all.pdf")
	if err := os.WriteFile(whole, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, f := range pdfPagePNGs(t, whole, filepath.Join(dir, "all"), 40) {
		if ink := inkInRightMargin(t, f); ink > 0 {
			t.Errorf("unfiltered page %d: %d dark pixels in the right margin", i+1, ink)
		}
	}
}
