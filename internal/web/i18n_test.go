package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"consulta/internal/domain"
	"consulta/internal/locale"
	"consulta/internal/results"
	"consulta/internal/store"
)

// keyUse finds message keys written literally in templates and handlers.
var keyUse = []*regexp.Regexp{
	regexp.MustCompile(`\.T "([a-z_]+\.[a-z_0-9.]+)"`),
	regexp.MustCompile(`\bt \$?[.\w]*Lang "([a-z_]+\.[a-z_0-9.]+)"`),
	regexp.MustCompile(`data-t="([a-z_]+\.[a-z_0-9.]+)"`),
	regexp.MustCompile(`\bT\([a-zA-Z.()]+, "([a-z_]+\.[a-z_0-9.]+)"`),
	regexp.MustCompile(`label\("([a-z_]+\.[a-z_0-9.]+)"`),
	regexp.MustCompile(`\b[tw]\("([a-z_]+\.[a-z_0-9.]+)"`), // a script's words, from the words island
}

// TestEveryUsedKeyExists: a key used in a template or handler but missing from the catalogue
// would show the key itself to a person.
func TestEveryUsedKeyExists(t *testing.T) {
	files, _ := filepath.Glob("../../templates/*.html")
	gofiles, _ := filepath.Glob("*.go")
	chartFiles, _ := filepath.Glob("../charts/*.go")
	exportFiles, _ := filepath.Glob("../export/*.go")
	scripts, _ := filepath.Glob("../../static/js/*.js")
	for _, f := range append(append(append(append(files, gofiles...), chartFiles...), exportFiles...), scripts...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range keyUse {
			for _, m := range re.FindAllStringSubmatch(string(body), -1) {
				if strings.HasSuffix(m[1], "_") || strings.HasSuffix(m[1], ".") {
					continue // a prefix completed at run time, checked below
				}
				if !locale.Has(m[1]) {
					t.Errorf("%s uses %q, which has no text", filepath.Base(f), m[1])
				}
			}
		}
	}
	// Keys built from ids at run time.
	var dynamic []string
	for _, r := range store.Roles {
		dynamic = append(dynamic, "role."+r)
	}
	for _, s := range []string{store.StatusDraft, store.StatusOpen, store.StatusClosed} {
		dynamic = append(dynamic, "status."+s)
	}
	for _, c := range []string{store.Link, store.Kiosk, store.Paper} {
		dynamic = append(dynamic, "channel."+c)
	}
	for _, d := range domain.Profile {
		values := results.Values(d.ID)
		if d.ID == domain.AgeBand {
			values = d.IDs()
		}
		for _, v := range values {
			dynamic = append(dynamic, d.Key(v))
		}
	}
	for _, who := range []string{"group", "gender"} {
		dynamic = append(dynamic, "results.test_who_"+who)
	}
	for i := 1; i <= 5; i++ {
		dynamic = append(dynamic, "scale."+string(rune('0'+i)))
	}
	for _, key := range dynamic {
		if !locale.Has(key) {
			t.Errorf("%q has no text", key)
		}
	}
}

func TestAcceptLanguage(t *testing.T) {
	cases := map[string]string{
		"":                           "es",
		"en-US,en;q=0.9":             "en",
		"pt-BR,pt;q=0.9,en;q=0.8":    "pt",
		"fr-FR,fr;q=0.9,en;q=0.5":    "en",
		"de,fr":                      "es",
		"en;q=0.2,es-CR;q=0.8":       "es",
		"PT":                         "pt",
		"es-419,es;q=0.9,en;q=bogus": "es",
	}
	for header, want := range cases {
		if got := fromAcceptLanguage(header); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", header, got, want)
		}
	}
}
