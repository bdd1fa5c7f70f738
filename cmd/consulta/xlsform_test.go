package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"consulta/internal/survey"
)

// A built-in survey exported with export-xlsform and imported back with import-xlsform gives
// a survey file that validates, with the same questions.
func TestXLSFormCommandsRoundTrip(t *testing.T) {
	messageEnv(t, "en_GB.UTF-8")
	dir := t.TempDir()
	book, yamlFile := filepath.Join(dir, "child.xlsx"), filepath.Join(dir, "child.yaml")
	var out, errOut bytes.Buffer
	if code := run([]string{"export-xlsform", "child-listening", "-o", book}, &out, &errOut); code != 0 {
		t.Fatalf("export = %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "survey child-listening") {
		t.Errorf("export said %q", out.String())
	}
	out.Reset()
	if code := run([]string{"import-xlsform", book, "-o", yamlFile}, &out, &errOut); code != 0 {
		t.Fatalf("import = %d: %s", code, errOut.String())
	}
	loaded, problems := survey.LoadPaths([]string{yamlFile})
	if len(problems) > 0 || len(loaded) != 1 || loaded[0].ID != "child-listening" || loaded[0].Question("top_fix").Rank != 3 {
		t.Fatalf("%v %+v", problems, loaded)
	}
	if !strings.Contains(out.String(), loaded[0].Version) {
		t.Errorf("import did not say the version: %q", out.String())
	}
}

// A form with a refused question: exit 1, the sheet, row, column and reason in the user's
// language, and no file written.
func TestImportXLSFormRefusesWithPlace(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "survey")
	f.SetSheetRow("survey", "A1", &[]any{"type", "name", "label"})
	f.SetSheetRow("survey", "A2", &[]any{"text", "say", "Diga"})
	f.SetSheetRow("survey", "A3", &[]any{"geopoint", "home", "Casa"})
	form := filepath.Join(dir, "form.xlsx")
	if err := f.SaveAs(form); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "out.yaml")
	for lang, want := range map[string]string{
		"es_CR.UTF-8": "survey, fila 3, columna A (type): el tipo \"geopoint\" no está admitido",
		"en_US.UTF-8": "survey, row 3, column A (type): type \"geopoint\" is not supported",
		"pt_BR.UTF-8": "survey, linha 3, coluna A (type): o tipo \"geopoint\" não é suportado",
	} {
		messageEnv(t, lang)
		var out, errOut bytes.Buffer
		if code := run([]string{"import-xlsform", form, "-o", target}, &out, &errOut); code != 1 {
			t.Errorf("%s: exit %d, want 1", lang, code)
		}
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("%s: %q does not say %q", lang, errOut.String(), want)
		}
		if _, err := os.Stat(target); !os.IsNotExist(err) {
			t.Fatalf("%s: a file was written", lang)
		}
	}
}
