package locale

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var languages = []string{"es", "en", "pt"}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

func verbs(s string) string { return strings.Join(verb.FindAllString(s, -1), " ") }

// TestMessagesInEveryLanguage: every text a person reads exists in Spanish, English and
// Portuguese, none is empty, and all have the same placeholders.
func TestMessagesInEveryLanguage(t *testing.T) {
	if len(messages) < 500 {
		t.Fatalf("the catalogue holds %d messages; a catalogue file is not added", len(messages))
	}
	for key, m := range messages {
		for _, lang := range languages {
			if strings.TrimSpace(m[lang]) == "" {
				t.Errorf("%s: no %s text", key, lang)
			}
		}
		for lang := range m {
			if !slices.Contains(languages, lang) {
				t.Errorf("%s: a text in %q, which the interface does not speak", key, lang)
			}
		}
		for _, lang := range []string{"en", "pt"} {
			if got, es := verbs(m[lang]), verbs(m["es"]); got != es {
				t.Errorf("%s: %s has placeholders %q, es has %q", key, lang, got, es)
			}
		}
	}
}

// TestOneForms: a "one" form belongs to a message, exists in every language and shows the same
// placeholders as the other form, so a count never prints as %!d.
func TestOneForms(t *testing.T) {
	for key, one := range singular {
		m, ok := messages[key]
		if !ok {
			t.Errorf("%s: a one form without a message", key)
			continue
		}
		for _, lang := range languages {
			if strings.TrimSpace(one[lang]) == "" {
				t.Errorf("%s: no %s one form", key, lang)
			}
			if verbs(one[lang]) != verbs(m[lang]) {
				t.Errorf("%s: one form %s %q does not match %q", key, lang, one[lang], m[lang])
			}
		}
	}
}

func TestPluralMessages(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    any
		want string
	}{
		{"es", 1, "1 sesión"}, {"es", 3, "3 sesiones"}, {"en", 1, "1 session"}, {"en", 0, "0 sessions"},
		{"pt", 1, "1 sessão"}, {"pt", 2, "2 sessões"},
		{"es", Count(1204), "1.204 sesiones"}, {"en", Count(1204), "1,204 sessions"}, {"pt", Count(1), "1 sessão"},
		{"es", 12040, "12.040 sesiones"}, {"en", 12040, "12,040 sessions"},
	} {
		if got := T(c.lang, "results.sessions_n", c.n); got != c.want {
			t.Errorf("%s %v: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := T("en", "expr.wrong_arg_count", "'not'", 1, 2); got != "'not' takes 1 argument, not 2" {
		t.Errorf("one argument: %q", got)
	}
	if got := T("es", "expr.wrong_arg_count", "'selected'", 2, 1); got != "'selected' lleva 2 argumentos, no 1" {
		t.Errorf("two arguments: %q", got)
	}
	if got := T("en", "cli.migrate_table", "users", Count(1204), Count(3)); got != "users                      1,204 rows,         3 in PostgreSQL" {
		t.Errorf("counts in columns: %q", got)
	}
	// A message without a one form prints its numbers as given: a year or a byte offset is no count.
	if got := T("es", "error.json_syntax", 12040); got != "El JSON no es válido cerca del byte 12040." {
		t.Errorf("a plain number: %q", got)
	}
}

func TestMissingKeyShowsItself(t *testing.T) {
	if got := T("en", "no.such_key", 3); got != "no.such_key" {
		t.Errorf("missing key: %q", got)
	}
	if got := T("fr", "survey.next"); got != "Siguiente" {
		t.Errorf("unknown language: %q, want the Spanish text", got)
	}
}

func TestWords(t *testing.T) {
	w := Words([]string{"en", "pt"}, "offline.", "js.")
	if got := w["pt"]["offline.never"]; got != "nunca" {
		t.Errorf("pt offline.never = %q", got)
	}
	if got := w["en"]["js.required"]; got != "This question needs an answer." {
		t.Errorf("en js.required = %q", got)
	}
	if _, ok := w["en"]["survey.next"]; ok || len(w["es"]) != 0 {
		t.Errorf("words outside the prefixes or languages: %v", w)
	}
	if n := len(w["en"]); n != len(Keys("offline."))+len(Keys("js.")) || n < 10 {
		t.Errorf("%d words in English", n)
	}
}

func TestTLeavesArgumentsAlone(t *testing.T) {
	args := []any{Count(1204)}
	if got := T("es", "results.sessions_n", args...); got != "1.204 sesiones" || args[0] != Count(1204) {
		t.Errorf("%q, arguments now %v", got, args)
	}
}

func BenchmarkT(b *testing.B) {
	for b.Loop() {
		T("es", "survey.progress", 3, 12)
		T("pt", "results.sessions_n", 1)
		T("en", "survey.next")
	}
}
