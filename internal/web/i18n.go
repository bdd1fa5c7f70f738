package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"consulta/internal/locale"
	"consulta/internal/survey"
)

// languages the interface speaks, the default first.
var languages = survey.Languages

const langCookie = "lang"

// pickLanguage chooses the page language: ?lang=, then the remembered cookie, then Accept-Language.
func pickLanguage(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); slices.Contains(languages, l) {
		return l
	}
	// A posted survey form carries the language it was answered in.
	if l := r.PostForm.Get("_lang"); slices.Contains(languages, l) {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && slices.Contains(languages, c.Value) {
		return c.Value
	}
	return fromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// fromAcceptLanguage returns the supported language the browser prefers most, or Spanish.
func fromAcceptLanguage(header string) string {
	best, bestQ := languages[0], -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if slices.Contains(languages, base) && q > bestQ {
			best, bestQ = base, q
		}
	}
	return best
}

// T returns the message for key in lang, formatted with args: the catalogue is internal/locale's.
func T(lang, key string, args ...any) string {
	return locale.T(lang, key, args...)
}

// withheldKey is the message of a report that publishes no numbers.
func withheldKey(reason string) string {
	switch reason {
	case "few_left":
		return "protect.few_left"
	case "one_filter":
		return "protect.one_filter"
	}
	return "protect.too_few"
}
