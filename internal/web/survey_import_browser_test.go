package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"consulta/internal/browser"
	"consulta/internal/survey"
	"consulta/internal/xlsform"
)

// TestSurveyImportInBrowser: a planner uploads a form with a photo question and reads the
// problem at its cell, then uploads a good form, sees its questions and saves it for the
// municipality; the survey page shows the saved version. No console error, nothing remote.
func TestSurveyImportInBrowser(t *testing.T) {
	w := newTwoTowns(t, ttOptions{})
	dir := t.TempDir()
	bad := filepath.Join(dir, "fotos.xlsx")
	if err := os.WriteFile(bad, ttWorkbook(t, []any{"type", "name", "label"}, []any{"text", "say", "Say"},
		[]any{"image", "photo", "A photo of the house"}), 0o644); err != nil {
		t.Fatal(err)
	}
	sv, ps := survey.Parse("agua.yaml", []byte(ttSmallSurvey("agua-browser")))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	book, err := xlsform.Export(sv)
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "agua.xlsx")
	if err := os.WriteFile(good, book, 0o644); err != nil {
		t.Fatal(err)
	}

	ctx := browser.New(t, browser.WindowSize(1280, 900))
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	signIn(t, ctx, w.url, ttPlannerA, ttPassword(ttPlannerA))

	if err := chromedp.Do(ctx,
		chromedp.Navigate(w.url+"/surveys?lang=en"),
		chromedp.Click(`a[href="/surveys/import"]`),
		chromedp.WaitVisible(`input[name=form]`),
		chromedp.SetUploadFiles(`input[name=form]`, []string{bad}),
		chromedp.Click(`form[action="/surveys/import"] button[type=submit]`),
		chromedp.WaitVisible(`ul.errors`),
	); err != nil {
		t.Fatalf("upload of the refused form: %v", err)
	}
	problems, err := chromedp.Run(ctx, chromedp.Text(`section.problems`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(problems, `survey, row 3, column A (type): type "image" is not supported`) || !strings.Contains(problems, "Nothing was saved") {
		t.Errorf("problems shown: %q", problems)
	}

	if err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(`input[name=form]`, []string{good}),
		chromedp.Click(`form[action="/surveys/import"] button[type=submit]`),
		chromedp.WaitVisible(`form[action="/surveys"] button[type=submit]`),
	); err != nil {
		t.Fatalf("upload of the good form: %v", err)
	}
	preview, err := chromedp.Run(ctx, chromedp.Text(`section[aria-labelledby=survey-title]`))
	if err != nil {
		t.Fatal(err)
	}
	saveButtons, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('form[action="/surveys"] button').length`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(`form[action="/surveys"] button[type=submit]`),
		chromedp.WaitVisible(`a[href="/surveys/agua-browser/xlsform.xlsx"]`),
	); err != nil {
		t.Fatalf("save: %v", err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	page, err := chromedp.Run(ctx, chromedp.Text(`main`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Survey agua-browser", "Do you have water?", "${water} = 'no'"} {
		if !strings.Contains(preview, want) {
			t.Errorf("preview does not show %q: %q", want, preview)
		}
	}
	saved, err := w.st.MunicipalSurvey(context.Background(), "agua-browser")
	if err != nil {
		t.Fatalf("not saved: %v", err)
	}
	if !strings.HasSuffix(location, "/surveys/agua-browser") || !strings.Contains(page, saved.Version) || !strings.Contains(page, "Los Chiles") {
		t.Errorf("after saving: %s\n%q", location, page)
	}
	if saved.MunicipalityID != w.muniA || saveButtons != 1 {
		t.Errorf("saved for %d, %d save buttons", saved.MunicipalityID, saveButtons)
	}
	// The refused upload answers 422, which Chromium logs as a failed load; nothing else may appear.
	for _, e := range browser.ConsoleErrors(ctx) {
		if !strings.Contains(e, "422") || !strings.HasSuffix(e, "/surveys/import") {
			t.Errorf("console error: %s", e)
		}
	}
	browser.AssertLocalOnly(t, ctx)
}
